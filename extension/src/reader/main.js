// The reader page: take the page the background captured, send it to the Clearpage server, and
// show the article, or a sentence saying why not. One module per feature; this one only wires.
import { ext } from "../shared/browser.js";
import { MSG } from "../shared/messages.js";
import { describeFailure } from "../shared/problems.js";
import { extract } from "../shared/server.js";
import { loadServer, originPattern } from "../shared/settings.js";
import { articleView } from "./article-view.js";
import { failureView } from "./failure-view.js";
import { listenToKeys } from "./keyboard.js";
import { setUpReadingSettings } from "./reading-settings.js";

const id = new URLSearchParams(location.search).get("id") ?? "";
// The extracted article is kept for this browser session (storage.session, memory only), so a
// reload or coming Back shows it again; the page's raw HTML is never stored.
const articleKey = `article:${id}`;
const main = document.getElementById("main");
const status = document.getElementById("status");
let page = null; // { url, title, html }: the capture, kept for "Try again"
let server = null;

async function start() {
  const reading = await setUpReadingSettings(document, {
    panel: document.getElementById("settings-panel"),
    toggle: document.getElementById("settings-toggle"),
  });
  listenToKeys(document, { back: backToPage, stepFontSize: reading.stepFontSize });
  document.getElementById("back").addEventListener("click", (event) => {
    event.preventDefault();
    backToPage();
  });
  const thisTab = await ext.tabs.getCurrent();
  ext.runtime.onMessage.addListener((message) => {
    if (message?.type === MSG.BACKGROUND_READER_BACK && message.tabId === thisTab?.id) backToPage();
  });
  server = await loadServer();

  const saved = (await ext.storage.session.get(articleKey))[articleKey];
  if (saved) return showArticle(saved.article, saved.url);
  const capture = await ext.runtime.sendMessage({ type: MSG.READER_TAKE_CAPTURE, id });
  if (!capture) return showFailure({ kind: "expired" });
  if (capture.failure) return showFailure(capture.failure);
  page = capture;
  await extractAndShow();
}

async function extractAndShow() {
  showStatus(`Reading “${page.title || page.url}”…`);
  const result = await extract(server, page);
  if (result.article) {
    await keepArticle(result.article, page.url);
    return showArticle(result.article, page.url);
  }
  let failure = result.failure;
  // Without a host permission (and until the server sends CORS headers) the browser blocks the
  // request before it leaves: ask for the permission rather than call the server unreachable.
  if (failure.kind === "unreachable" && !(await mayContact(server.url))) failure = { kind: "no-permission" };
  showFailure(failure);
}

async function keepArticle(article, url) {
  try {
    await ext.storage.session.set({ [articleKey]: { article, url } });
  } catch {
    // Over the session storage quota (a very long article): it shows now, but a reload asks again.
  }
}

function showArticle(article, url) {
  document.title = article.title ?? "Clearpage";
  status.hidden = true;
  main.replaceChildren(articleView(document, article, url));
  main.querySelector("[data-action=original]")?.addEventListener("click", (event) => {
    if (history.length > 1) {
      event.preventDefault(); // back to the very page, scroll position and all
      history.back();
    }
  });
  document.getElementById("back").href = url ?? "#";
}

function showFailure(failure) {
  const described = describeFailure(failure, server?.url);
  document.title = `Clearpage: ${described.headline}`;
  status.hidden = true;
  main.replaceChildren(
    failureView(document, described, {
      handlers: { retry: extractAndShow, allow: allowServer, original: backToPage },
      optionsUrl: ext.runtime.getURL("src/options/options.html"),
    }),
  );
}

function showStatus(text) {
  status.textContent = text;
  status.hidden = false;
  main.replaceChildren(status);
}

// Called from the "Allow" button's click: permissions.request needs the user's gesture, so it
// must be the first thing awaited.
async function allowServer() {
  if (await ext.permissions.request({ origins: [originPattern(server.url)] })) await extractAndShow();
}

async function mayContact(serverUrl) {
  try {
    return await ext.permissions.contains({ origins: [originPattern(serverUrl)] });
  } catch {
    return false;
  }
}

function backToPage() {
  if (history.length > 1) history.back();
  else if (page?.url) location.assign(page.url);
}

start().catch((error) => {
  // A bug of ours, still a sentence in the page rather than a blank view.
  main.replaceChildren(failureView(document, describeFailure({ kind: "internal" }), {
    handlers: { retry: () => location.reload(), allow: () => {}, original: backToPage },
    optionsUrl: ext.runtime.getURL("src/options/options.html"),
  }));
  console.error("Clearpage reader:", error);
});
