// The options page: the server's address and API key or reading-list token (with "Test
// connection", which also says whose reading list the token opens and gives its feed address),
// and the reading defaults. Saving a server address asks for permission to contact that server,
// and only it.
import { applyReading } from "../shared/apply-reading.js";
import { ext } from "../shared/browser.js";
import { describeFailure } from "../shared/problems.js";
import { readingControls, showReading } from "../shared/reading-controls.js";
import { whoAmI } from "../shared/reading-list.js";
import { checkHealth, checkKey } from "../shared/server.js";
import {
  flushReading,
  loadReading,
  loadServer,
  normalizeReading,
  originPattern,
  parseServerUrl,
  permissionFailure,
  readingWritePending,
  saveReadingSoon,
  saveServer,
} from "../shared/settings.js";

const form = document.getElementById("server-form");
const urlInput = document.getElementById("server-url");
const keyInput = document.getElementById("api-key");
const statusLine = document.getElementById("server-status");
const feed = document.getElementById("feed");
const feedUrl = document.getElementById("feed-url");
const feedStatus = document.getElementById("feed-status");

function say(text, state) {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
}

// The server as typed, or null after saying what is wrong with the address.
function typedServer() {
  const parsed = parseServerUrl(urlInput.value);
  if (parsed.error) {
    say(parsed.error, "error");
    urlInput.focus();
    return null;
  }
  return { url: parsed.url, apiKey: keyInput.value.trim() };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const server = typedServer();
  if (!server) return;
  // First thing awaited, while the click still counts as the user's gesture (Firefox insists).
  const allowed = await ext.permissions.request({ origins: [originPattern(server.url)] }).catch(() => false);
  await saveServer(server);
  urlInput.value = server.url;
  if (allowed) say(`Saved. Clearpage will send pages to ${server.url}.`, "ok");
  else say(`Saved, but without your permission to contact ${new URL(server.url).host} reader view can't reach it.`, "error");
});

document.getElementById("test-connection").addEventListener("click", async () => {
  const server = typedServer();
  if (!server) return;
  feed.hidden = true;
  say(`Contacting ${server.url}…`, "pending");
  const health = await checkHealth(server);
  if (health.failure) return sayFailure(health.failure, server);
  const key = await checkKey(server);
  if (key.failure) return sayFailure(key.failure, server);
  const me = await whoAmI(server);
  say(`Connected to Clearpage ${health.health.version} at ${server.url}. ${readingListSentence(me, server)}`, "ok");
  if (me.me) showFeed(me.me.feed_url);
});

// What the token does for the reading list, from GET /v1/me's answer.
function readingListSentence({ me, failure }, server) {
  if (me) return `Signed in as ${me.name}: Save and your reading list work on this device.`;
  const status = failure.kind === "http" ? failure.status : null;
  const keyWorks = server.apiKey ? "The API key works for reader view. " : "";
  if (status === 404 || status === 405) return `${keyWorks}This server has no reading list.`;
  if (status === 401 || status === 403) {
    return server.apiKey
      ? "The API key works for reader view, but it isn't a reading-list token: Save and the reading list need one."
      : "Save and the reading list need a reading-list token from your server's administrator.";
  }
  return `${keyWorks}The reading list couldn't be checked: ${describeFailure(failure, server.url).headline}`;
}

function showFeed(url) {
  feedUrl.value = url;
  feedStatus.textContent = "";
  feed.hidden = false;
}

document.getElementById("copy-feed").addEventListener("click", async () => {
  try {
    await navigator.clipboard.writeText(feedUrl.value);
    feedStatus.textContent = "Copied.";
  } catch {
    // No clipboard here (a browser setting): select it, so one key press copies it.
    feedUrl.select();
    feedStatus.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy it.";
  }
});

async function sayFailure(failure, server) {
  const described = describeFailure(await permissionFailure(failure, server.url), server.url);
  say([described.headline, described.detail].filter(Boolean).join(" "), "error");
}

async function start() {
  const server = await loadServer();
  urlInput.value = server.url;
  keyInput.value = server.apiKey;

  let reading = await loadReading();
  applyReading(document, reading);
  const controls = readingControls(document, reading, (next) => {
    reading = normalizeReading(next);
    applyReading(document, reading);
    saveReadingSoon(reading);
  });
  document.getElementById("reading").append(controls);
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "sync" || !changes.reading || readingWritePending()) return;
    reading = normalizeReading(changes.reading.newValue);
    applyReading(document, reading);
    showReading(controls, reading);
  });
  addEventListener("pagehide", flushReading);
}

start();
