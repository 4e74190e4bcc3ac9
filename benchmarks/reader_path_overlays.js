// What real sites lay over an article a moment after load, for benchmarks/reader_path.py: a fixed
// cookie-consent bar, a newsletter modal over the page with its backdrop, a sticky "related video"
// player, and the scroll lock (body { overflow: hidden }) that comes with the modal. Each holds
// sentences found on no page of the corpus; none of them may reach the reader view.
// After load, or after three seconds on a page whose load waits on a host that never answers.
let shown = false;
const show = () => {
  if (shown) return;
  shown = true;
  setTimeout(() => {
    const style = document.createElement("style");
    style.textContent = `
      body.rp-locked { overflow: hidden !important; }
      #rp-consent { position: fixed; left: 0; right: 0; bottom: 0; z-index: 2147483000; background: #111;
        color: #fff; padding: 16px; font: 15px/1.4 sans-serif; }
      #rp-backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.55); z-index: 2147483001; }
      #rp-newsletter { position: fixed; top: 50%; left: 50%; transform: translate(-50%,-50%); z-index: 2147483002;
        width: min(460px, 90vw); background: #fff; color: #111; padding: 28px; font: 16px/1.5 Georgia, serif; }
      #rp-video { position: sticky; bottom: 12px; margin-left: auto; width: 320px; z-index: 2147482999;
        background: #000; color: #eee; padding: 8px; font: 13px/1.3 sans-serif; }`;
    document.head.append(style);

    const add = (parent, tag, text, attributes = {}) => {
      const element = document.createElement(tag);
      if (text) element.textContent = text;
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      parent.append(element);
      return element;
    };

    const consent = add(document.body, "div", "", { id: "rp-consent", role: "region", "aria-label": "Cookie consent" });
    add(consent, "p", "Quillmoor and its 317 advertising partners store cookies on your device to measure tangerine audiences.");
    add(consent, "button", "Accept every Quillmoor cookie");
    add(consent, "button", "Manage Quillmoor choices");

    // The modal sits inside the article, as templates render it, after the second long paragraph.
    const paragraphs = [...document.querySelectorAll("p")].filter((p) => p.textContent.trim().length > 80);
    const anchor = paragraphs[1] ?? paragraphs[0] ?? document.body.lastElementChild;
    const signup = document.createElement("div");
    signup.className = "rp-signup";
    add(signup, "div", "", { id: "rp-backdrop" });
    const modal = add(signup, "div", "", { id: "rp-newsletter", role: "dialog", "aria-modal": "true" });
    add(modal, "h2", "The Marigold Dispatch lands before breakfast");
    add(modal, "p", "Join eighty thousand curious readers who get the Marigold Dispatch in their inbox every dawn.");
    add(modal, "button", "Send me the Marigold Dispatch");
    anchor.after(signup);

    const video = document.createElement("aside");
    video.id = "rp-video";
    add(video, "p", "Related video: the otters who learned to juggle pebbles at Brackenfold lake.");
    add(video, "button", "Close the Brackenfold player");
    (paragraphs.at(-1) ?? anchor).after(video);

    document.body.classList.add("rp-locked");
    document.documentElement.dataset.rpOverlays = "shown";
  }, 300);
};
window.addEventListener("load", show);
setTimeout(show, 3000);
