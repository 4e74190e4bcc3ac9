// Reading progress: how far down the article the reader is, 0 at the top and 1 at the end, kept
// by the server so another device opens the article at the same place. While the reader scrolls,
// it is reported at most once every PROGRESS_INTERVAL_MS, and once more as they leave the page.

export const PROGRESS_INTERVAL_MS = 2000;
export const PROGRESS_STEP = 0.01; // smaller moves are not worth a request
const SETTLE_MS = 5000; // how long a restored place is held while images above it load

/** The reader's place in the page (0..1, three decimals), or null when it all fits on screen. */
export function scrollProgress(win) {
  const max = maxScroll(win);
  if (max <= 0) return null;
  return Math.round(Math.min(1, Math.max(0, win.scrollY / max)) * 1000) / 1000;
}

/**
 * Scroll to `progress` and hold that place while the page settles (images above it load and push
 * the text down), until the reader scrolls themselves.
 */
export function restoreProgress(win, progress) {
  if (!(typeof progress === "number" && progress > 0 && progress <= 1)) return;
  const place = () => win.scrollTo({ top: Math.round(progress * maxScroll(win)), behavior: "instant" });
  place();
  const doc = win.document;
  const stop = () => {
    doc.removeEventListener("load", place, true);
    for (const type of USER_SCROLLS) win.removeEventListener(type, stop, true);
  };
  doc.addEventListener("load", place, true); // images' load events, caught on their way down
  for (const type of USER_SCROLLS) win.addEventListener(type, stop, { capture: true, passive: true });
  setTimeout(stop, SETTLE_MS);
}

const USER_SCROLLS = ["wheel", "touchstart", "keydown", "pointerdown"];

/**
 * Call `report(progress, { leaving })` as the reader scrolls: at most once per interval, with the
 * place at that moment, and at once when the page is hidden or left (`leaving`). `sent` is the
 * progress the server already has. Returns { stop() }.
 */
export function trackProgress(win, { sent = null, report }) {
  let timer = null;
  let last = sent;
  const flush = (leaving) => {
    clearTimeout(timer);
    timer = null;
    const progress = scrollProgress(win);
    if (progress === null || !worthSending(progress, last)) return;
    last = progress;
    report(progress, { leaving });
  };
  const onScroll = () => {
    timer ??= setTimeout(() => flush(false), PROGRESS_INTERVAL_MS);
  };
  const onHide = () => flush(true);
  const onVisibility = () => win.document.visibilityState === "hidden" && flush(true);
  win.addEventListener("scroll", onScroll, { passive: true });
  win.addEventListener("pagehide", onHide);
  win.document.addEventListener("visibilitychange", onVisibility);
  return {
    stop() {
      clearTimeout(timer);
      win.removeEventListener("scroll", onScroll);
      win.removeEventListener("pagehide", onHide);
      win.document.removeEventListener("visibilitychange", onVisibility);
    },
  };
}

/** Whether `progress` differs enough from what the server has; the very ends always count. */
export function worthSending(progress, last) {
  if (last === null || last === undefined) return true;
  if (progress === last) return false;
  return Math.abs(progress - last) >= PROGRESS_STEP || progress === 0 || progress === 1;
}

function maxScroll(win) {
  return win.document.documentElement.scrollHeight - win.innerHeight;
}
