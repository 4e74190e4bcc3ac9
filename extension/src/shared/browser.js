// One name for the WebExtension API in both browsers: Firefox's `browser`, else Chrome's
// `chrome` (whose Manifest V3 APIs return promises too). Browser quirks live in this folder.
export const ext = globalThis.browser ?? globalThis.chrome;
