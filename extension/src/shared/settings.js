// The extension's settings: reading settings (storage.sync, so they follow the reader between
// their browsers; the key-points box's Hide button is one of them) and the server's address and
// API key or reading-list token (storage.local: a credential stays on this device, out of the
// browser vendor's sync).
import { ext } from "./browser.js";

export const THEMES = Object.freeze(["light", "sepia", "dark", "system"]);
export const FONTS = Object.freeze(["serif", "sans"]);
export const FONT_SIZE = Object.freeze({ min: 14, max: 32, step: 2 }); // CSS pixels
export const LINE_WIDTH = Object.freeze({ min: 40, max: 90, step: 5 }); // characters per line
export const LINE_HEIGHT = Object.freeze({ min: 1.2, max: 2.2, step: 0.1 });

export const READING_DEFAULTS = Object.freeze({
  theme: "system",
  font: "serif",
  fontSize: 20,
  lineWidth: 65,
  lineHeight: 1.6,
  keyPoints: true, // ask the server for key points and show them above the article
});

export const SERVER_DEFAULTS = Object.freeze({ url: "http://127.0.0.1:8080", apiKey: "" });

/** Reading settings with every field present and within its range, whatever was stored. */
export function normalizeReading(stored) {
  const value = { ...READING_DEFAULTS, ...(stored ?? {}) };
  return {
    theme: THEMES.includes(value.theme) ? value.theme : READING_DEFAULTS.theme,
    font: FONTS.includes(value.font) ? value.font : READING_DEFAULTS.font,
    fontSize: clampToStep(value.fontSize, FONT_SIZE, READING_DEFAULTS.fontSize),
    lineWidth: clampToStep(value.lineWidth, LINE_WIDTH, READING_DEFAULTS.lineWidth),
    lineHeight: clampToStep(value.lineHeight, LINE_HEIGHT, READING_DEFAULTS.lineHeight),
    keyPoints: typeof value.keyPoints === "boolean" ? value.keyPoints : READING_DEFAULTS.keyPoints,
  };
}

/** The font size one step up (direction 1) or down (-1), kept within its range. */
export function stepFontSize(size, direction) {
  return clampToStep(size + direction * FONT_SIZE.step, FONT_SIZE, READING_DEFAULTS.fontSize);
}

function clampToStep(raw, { min, max, step }, fallback) {
  // Only numbers and numeric strings count: Number(null) and Number("") would be 0.
  const number = typeof raw === "number" || (typeof raw === "string" && raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(number)) return fallback;
  const clamped = Math.min(max, Math.max(min, number));
  const steps = Math.round((clamped - min) / step);
  return Number((min + steps * step).toFixed(2)); // 1.2 + 4 * 0.1 is 1.6, not 1.6000000000000003
}

/**
 * The server address as the extension uses it: an absolute http(s) URL without a trailing slash,
 * query or fragment. Returns { url } or { error } with a sentence for the options page.
 */
export function parseServerUrl(text) {
  let url;
  try {
    url = new URL(String(text ?? "").trim());
  } catch {
    return { error: "Enter the server's full address, like http://127.0.0.1:8080." };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { error: "The server's address must start with http:// or https://." };
  }
  if (url.username || url.password) {
    return { error: "Put the API key in its own field, not in the address." };
  }
  url.search = "";
  url.hash = "";
  return { url: url.href.replace(/\/+$/, "") };
}

/** The host permission pattern that covers a server URL (match patterns carry no port). */
export function originPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The failure to show for a request to the server: an "unreachable" server for which the extension
 * holds no host permission is "no-permission", since without it (and without CORS headers from the
 * server) the browser blocks the request before it leaves.
 */
export async function permissionFailure(failure, serverUrl) {
  return failure.kind === "unreachable" && !(await mayContact(serverUrl)) ? { kind: "no-permission" } : failure;
}

/** Whether the extension holds the host permission for the server (then CORS does not apply). */
async function mayContact(serverUrl) {
  try {
    return await ext.permissions.contains({ origins: [originPattern(serverUrl)] });
  } catch {
    return false;
  }
}

export async function loadReading() {
  const { reading } = await ext.storage.sync.get("reading");
  return normalizeReading(reading);
}

// storage.sync takes 120 writes a minute: a dragged slider or a held "+" would pass that. Settings
// apply at once on the page; the write waits until the reader has stopped changing them.
export const SYNC_WRITE_DELAY_MS = 400;
let pendingReading = null;
let writeTimer = null;

/** Save `reading` shortly; the last of a quick series of changes is the one written. */
export function saveReadingSoon(reading) {
  pendingReading = normalizeReading(reading);
  clearTimeout(writeTimer);
  writeTimer = setTimeout(flushReading, SYNC_WRITE_DELAY_MS);
}

/** Write a pending change now (the page is going away). */
export async function flushReading() {
  clearTimeout(writeTimer);
  if (!pendingReading) return;
  const reading = pendingReading;
  pendingReading = null;
  try {
    await ext.storage.sync.set({ reading });
  } catch (error) {
    // Over a sync quota: the settings still apply on this page; the next change tries again.
    console.warn("Clearpage: reading settings not saved:", error?.message);
  }
}

/** Whether this page has a change not yet written (a sync echo of an older one must not undo it). */
export function readingWritePending() {
  return pendingReading !== null;
}

export async function loadServer() {
  const { server } = await ext.storage.local.get("server");
  return { ...SERVER_DEFAULTS, ...(server ?? {}) };
}

export async function saveServer(server) {
  await ext.storage.local.set({ server: { url: server.url, apiKey: server.apiKey.trim() } });
}
