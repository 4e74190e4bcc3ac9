// The background: listens for the three ways to ask for reader view and for the way to the reading
// list, and hands each reader page the page captured for it. It runs as Chrome's service worker or Firefox's event page.
import { ext } from "../shared/browser.js";
import { MENU_OPEN_IN_READER, MENU_OPEN_READING_LIST, MSG } from "../shared/messages.js";
import { takeCapture } from "./captures.js";
import { openReader, READER_PAGE } from "./open-reader.js";

// Toolbar button, and the Alt+Shift+R shortcut (its command is _execute_action, which clicks it).
ext.action.onClicked.addListener((tab) => openReader(tab));

ext.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_OPEN_IN_READER && tab) openReader(tab);
  if (info.menuItemId === MENU_OPEN_READING_LIST) openReadingList();
});

ext.runtime.onInstalled.addListener(() => {
  ext.contextMenus.create({ id: MENU_OPEN_IN_READER, title: "Open in reader", contexts: ["page"] });
  // The toolbar button's own menu (right click): the way to the reading list from any page.
  ext.contextMenus.create({ id: MENU_OPEN_READING_LIST, title: "Reading list", contexts: ["action"] });
});

function openReadingList() {
  return ext.tabs.create({ url: ext.runtime.getURL("src/list/list.html") });
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type !== MSG.READER_TAKE_CAPTURE) return false;
  if (!sender.url?.startsWith(ext.runtime.getURL(READER_PAGE))) return false; // only our reader page
  sendResponse(takeCapture(message.id));
  return false;
});

// The end-to-end tests call these from the service worker: a toolbar click cannot be made in
// headless Chromium, nor a context menu opened, and these are what their listeners above call.
globalThis.clearpage = { openReader, openReadingList };
