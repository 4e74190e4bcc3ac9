// The reader page, in one of two modes: a page the background captured for it (?id=), sent to the
// server and shown as an article; or an article saved in the reading list (?saved=), fetched from
// the server and opened where the reader left off. One module per feature; this one only wires.
import { ext } from "../shared/browser.js";
import { failureView, listLink } from "../shared/failure-view.js";
import { MSG } from "../shared/messages.js";
import { ABOUT, describeFailure } from "../shared/problems.js";
import { getArticle, saveArticle, updateArticle } from "../shared/reading-list.js";
import { extract } from "../shared/server.js";
import { loadServer, originPattern, permissionFailure } from "../shared/settings.js";
import { articleView } from "./article-view.js";
import { hasKeyPoints, placeKeyPoints, removeKeyPoints } from "./key-points.js";
import { listenToKeys } from "./keyboard.js";
import { restoreProgress, trackProgress } from "./progress.js";
import { setUpReadingSettings } from "./reading-settings.js";
import { saveButton, savedSentence } from "./save-button.js";
import { toolbarStatus } from "./toolbar-status.js";

const params = new URLSearchParams(location.search);
const captureId = params.get("id") ?? "";
const savedId = params.get("saved"); // an article of the reading list, by its id
// The extracted article is kept for this browser session (storage.session, memory only), so a
// reload or coming Back shows it again; the page's raw HTML is never stored.
const articleKey = `article:${captureId}`;
const OPTIONS_URL = ext.runtime.getURL("src/options/options.html");
const LIST_URL = ext.runtime.getURL("src/list/list.html");

const main = document.getElementById("main");
const status = document.getElementById("status");
const back = document.getElementById("back");
const readingListLink = document.getElementById("reading-list");
const notes = toolbarStatus(document.getElementById("toolbar-status"), { optionsUrl: OPTIONS_URL, listUrl: LIST_URL });
let page = null; // { url, title, html }: the capture, kept in memory for "Try again" and Save
let server = null;
let reading = null;
let shown = null; // { article, url, savedId }: the article on screen, and its id in the reading list
let progress = null;
let save = null;
let keyPointsOn = null; // the key-points setting as this page last applied it

async function start() {
  reading = await setUpReadingSettings(document, {
    panel: document.getElementById("settings-panel"),
    toggle: document.getElementById("settings-toggle"),
    onChange: keyPointsSettingChanged,
  });
  keyPointsOn = reading.current().keyPoints;
  listenToKeys(document, { back: goBack, stepFontSize: reading.stepFontSize });
  back.addEventListener("click", (event) => {
    event.preventDefault();
    goBack();
  });
  save = saveButton(document.getElementById("save"), {
    save: () => (page ? saveArticle(server, page) : { failure: { kind: "capture-gone" } }),
    done: saved,
    failed: (failure) => notes.sayFailure(describe(failure, ABOUT.LIST)),
  });
  const thisTab = await ext.tabs.getCurrent();
  ext.runtime.onMessage.addListener((message) => {
    if (message?.type === MSG.BACKGROUND_READER_BACK && message.tabId === thisTab?.id) goBack();
  });
  server = await loadServer();

  if (savedId !== null) return openSaved();
  const kept = (await ext.storage.session.get(articleKey))[articleKey];
  if (kept) return showArticle(kept);
  const capture = await ext.runtime.sendMessage({ type: MSG.READER_TAKE_CAPTURE, id: captureId });
  if (!capture) return showFailure({ kind: "expired" });
  if (capture.failure) return showFailure(capture.failure);
  page = capture;
  await extractAndShow();
}

async function extractAndShow() {
  showStatus(`Reading “${page.title || page.url}”…`);
  const result = await extract(server, page, { summary: reading.current().keyPoints });
  if (result.article) {
    const entry = { article: result.article, url: page.url, savedId: null };
    await keep(entry);
    return showArticle(entry);
  }
  showFailure(await permissionFailure(result.failure, server.url));
}

// A saved article: from the reading list, where the reader left off (on any device).
async function openSaved() {
  back.lastElementChild.textContent = "Reading list";
  back.title = "Back to the reading list (Esc)";
  back.href = LIST_URL;
  readingListLink.hidden = true;
  showStatus("Opening your saved article…");
  const result = await getArticle(server, savedId);
  if (result.failure) return showFailure(await permissionFailure(result.failure, server.url), ABOUT.ARTICLE);
  showArticle({ article: result.article, url: null, savedId: result.article.id });
  restoreProgress(window, result.article.progress);
}

async function keep(entry) {
  try {
    await ext.storage.session.set({ [articleKey]: entry });
  } catch {
    // Over the session storage quota (a very long article): it shows now, but a reload asks again.
  }
}

function showArticle(entry) {
  shown = entry;
  document.title = entry.article.title ?? "Clearpage";
  status.hidden = true;
  const view = articleView(document, entry.article, entry.url);
  main.replaceChildren(view);
  save.show(true);
  if (reading.current().keyPoints && hasKeyPoints(entry.article)) {
    placeKeyPoints(view, entry.article, { onHide: hideKeyPoints });
  }
  if (savedId === null) {
    view.querySelector("[data-action=original]")?.addEventListener("click", (event) => {
      if (history.length > 1) {
        event.preventDefault(); // back to the very page, scroll position and all
        history.back();
      }
    });
    back.href = entry.url ?? "#";
  }
  if (entry.savedId != null) {
    save.markSaved();
    followProgress(entry.savedId, entry.article.progress ?? null);
  }
}

// Save worked: the article now has an id in the reading list, and its place there is kept.
async function saved({ article, created }) {
  shown = { ...shown, savedId: article.id };
  await keep(shown);
  const extras = [listLink(document, LIST_URL)];
  const left = article.progress;
  if (!created && typeof left === "number" && left >= 0.02 && left < 1) {
    const resume = document.createElement("button");
    resume.type = "button";
    resume.textContent = `Go to where you left off (${Math.round(left * 100)}%)`;
    resume.addEventListener("click", () => restoreProgress(window, left));
    extras.unshift(resume);
  }
  notes.say(savedSentence({ created }), extras);
  followProgress(article.id, null);
}

function followProgress(id, sent) {
  progress?.stop();
  progress = trackProgress(window, {
    sent,
    report: async (value, { leaving }) => {
      const result = await updateArticle(server, id, { progress: value }, { keepalive: leaving });
      if (!result.failure || leaving) return;
      notes.sayFailure(describe(result.failure, ABOUT.ARTICLE), "Your place in this article isn't synced.");
      if (result.failure.status === 404) progress.stop();
    },
  });
}

function hideKeyPoints() {
  reading.change({ keyPoints: false });
}

// Key points turned on or off, here (the Hide button, the settings panel) or in another tab.
// Other reading settings change through here too, and leave the box alone.
async function keyPointsSettingChanged(next, { local }) {
  if (next.keyPoints === keyPointsOn) return;
  keyPointsOn = next.keyPoints;
  const view = main.querySelector(":scope > .article");
  if (!shown || !view) return;
  if (!next.keyPoints) return removeKeyPoints(view);
  if (view.querySelector(":scope > .key-points")) return;
  if (hasKeyPoints(shown.article)) return placeKeyPoints(view, shown.article, { onHide: hideKeyPoints });
  if (!local) return; // asked for elsewhere: the next page will have them
  if (!page) {
    const note =
      savedId === null
        ? "Key points come with the next page you open in reader view."
        : "Saved articles have no key points; they come with pages you open in reader view.";
    return placeKeyPoints(view, shown.article, { onHide: hideKeyPoints, note });
  }
  placeKeyPoints(view, shown.article, { onHide: hideKeyPoints, note: "Asking your server for the key points…" });
  const result = await extract(server, page, { summary: true });
  if (!reading.current().keyPoints || !view.isConnected) return;
  if (result.failure) {
    const described = describe(result.failure, ABOUT.PAGE);
    const note = `The key points couldn't be fetched. ${described.headline}`;
    return placeKeyPoints(view, shown.article, { onHide: hideKeyPoints, note });
  }
  const { key_points = null, summary = null, summary_note = null } = result.article;
  shown = { ...shown, article: { ...shown.article, key_points, summary, summary_note } };
  await keep(shown);
  if (hasKeyPoints(shown.article)) placeKeyPoints(view, shown.article, { onHide: hideKeyPoints });
  else placeKeyPoints(view, shown.article, { onHide: hideKeyPoints, note: "Your server gave no key points for this article." });
}

function describe(failure, about) {
  return describeFailure(failure, server?.url, { about, hasToken: Boolean(server?.apiKey) });
}

function showFailure(failure, about = ABOUT.PAGE) {
  const described = describe(failure, about);
  document.title = `Clearpage: ${described.headline}`;
  status.hidden = true;
  save.show(false);
  main.replaceChildren(
    failureView(document, described, {
      handlers: { retry: savedId === null ? extractAndShow : openSaved, allow: allowServer, original: goBack },
      optionsUrl: OPTIONS_URL,
      listUrl: LIST_URL,
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
  if (!(await ext.permissions.request({ origins: [originPattern(server.url)] }))) return;
  if (savedId === null) await extractAndShow();
  else await openSaved();
}

// Back to the page the reader came from: the original page, or the reading list.
function goBack() {
  if (history.length > 1) history.back();
  else if (savedId !== null) location.assign(LIST_URL);
  else if (page?.url) location.assign(page.url);
}

start().catch((error) => {
  // A bug of ours, still a sentence in the page rather than a blank view.
  main.replaceChildren(
    failureView(document, describeFailure({ kind: "internal" }), {
      handlers: { retry: () => location.reload(), allow: () => {}, original: goBack },
      optionsUrl: OPTIONS_URL,
      listUrl: LIST_URL,
    }),
  );
  console.error("Clearpage reader:", error);
});
