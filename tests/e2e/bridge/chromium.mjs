// Debian's Chromium over the DevTools protocol, with the unpacked Chrome build loaded. Extension
// code runs in its service worker, where the toolbar button's listener runs. The button cannot be
// clicked in headless Chromium, and a shortcut sent through the protocol reaches the page, not the
// browser's command handling: "pressing" it calls what its listener calls, openReader(tab).
import { execFileSync } from "node:child_process";

import { puppeteer } from "./puppeteer.mjs";

// Root in a container with no network: no sandbox (root), no GPU, no background traffic.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--lang=en-US",
];

/** Every host name but loopback unresolvable, and the image host on the static site (docs in browser.py). */
function hostRules(imageHost, sitePort) {
  return `--host-resolver-rules=MAP ${imageHost} 127.0.0.1:${sitePort}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2`;
}

const isWorker = (target) => target.type() === "service_worker" && target.url().endsWith("/src/background/main.js");

export const chromium = {
  async launch({ extension, profile, sitePort, imageHost }) {
    const browser = await puppeteer.launch({
      executablePath: execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim(),
      headless: true,
      userDataDir: profile,
      ignoreDefaultArgs: ["--disable-extensions"],
      args: [...ARGS, hostRules(imageHost, sitePort), `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
      defaultViewport: { width: 1280, height: 800 },
    });
    const worker = await browser.waitForTarget(isWorker, { timeout: 30_000 });
    const origin = worker.url().split("/").slice(0, 3).join("/"); // URL.origin is "null" for chrome-extension:
    // A blank tab that stays: the browser keeps a window while the tests close theirs.
    const [keeper] = await browser.pages();
    return {
      browser,
      origin,
      ownPages: [keeper],
      newPage: () => browser.newPage(),
      navigate: (page, url) => page.goto(url, { waitUntil: "load" }),
      emulateColorScheme: (page, scheme) =>
        page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]),
      reset: async () => {}, // emulation is per page, and the pages are gone
      extensionEvaluate: (fn, argument) => inServiceWorker(browser, origin, fn, argument),
      pressToolbarButton: async (page, url) => {
        await page.bringToFront();
        return await inServiceWorker(browser, origin, async (url) => {
          // The page's tab. Browser pages (chrome:) hide their address from extensions without the
          // tabs permission: then the active tab, which bringToFront made it.
          let tabs = (await chrome.tabs.query({})).filter((tab) => tab.url === url);
          if (tabs.length === 0) tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
          if (tabs.length !== 1) throw new Error(`expected one tab at ${url}, found ${tabs.length}`);
          await globalThis.clearpage.openReader(tabs[0]);
          return tabs[0].url ?? null;
        }, url);
      },
    };
  },
};

// Chrome stops an idle service worker after 30 s; a worker caught stopping has lost its extension
// APIs ("chrome is not defined") before its target goes. Nothing ran then: the functions
// evaluated here start with a chrome call. Asked again, a moment later, a worker that runs.
async function inServiceWorker(browser, origin, fn, argument) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await (await serviceWorker(browser, origin)).evaluate(fn, argument);
    } catch (error) {
      if (attempt === 3 || !String(error).includes("chrome is not defined")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function serviceWorker(browser, origin) {
  const running = browser.targets().find(isWorker);
  if (running) return await running.worker();
  // Chrome stops an idle service worker; any extension event starts it again.
  const page = await browser.newPage();
  await page.goto(`${origin}/src/options/options.html`);
  const started = browser.waitForTarget(isWorker, { timeout: 10_000 });
  await page.evaluate(() => chrome.runtime.sendMessage({ type: "wake" }).catch(() => {}));
  const target = await started;
  await page.close();
  return await target.worker();
}
