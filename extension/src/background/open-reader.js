// What the toolbar button, the keyboard shortcut and the context menu all do: capture the tab's
// page as rendered, then show the reader page in the same tab (so Back returns to the page).
import { ext } from "../shared/browser.js";
import { MSG } from "../shared/messages.js";
import { putCapture } from "./captures.js";

export const READER_PAGE = "src/reader/reader.html";

export async function openReader(tab) {
  const readerUrl = ext.runtime.getURL(READER_PAGE);
  if (tab.url?.startsWith(readerUrl)) {
    // Pressed again in reader view: back to the page, like Reader View. The reader page does it
    // (history.back(), as for Esc): tabs.goBack skips an entry the page reached without a click.
    await ext.runtime.sendMessage({ type: MSG.BACKGROUND_READER_BACK, tabId: tab.id }).catch(() => {});
    return;
  }
  const id = crypto.randomUUID();
  putCapture(id, await captureTab(tab.id));
  await ext.tabs.update(tab.id, { url: `${readerUrl}?id=${id}` });
}

async function captureTab(tabId) {
  try {
    const [injection] = await ext.scripting.executeScript({
      target: { tabId },
      files: ["src/content/capture.js"],
    });
    return injection?.result ?? { failure: { kind: "restricted" } };
  } catch {
    // Browser pages, the add-on stores and PDF viewers refuse scripts; the reader page says so.
    return { failure: { kind: "restricted" } };
  }
}
