// Messages between the extension's parts, named by direction (sender→receiver: what it asks).
export const MSG = Object.freeze({
  // The reader page asks the background for the page it captured for it (and only once).
  READER_TAKE_CAPTURE: "reader→background:take-capture",
  // The button was pressed on a reader page: that tab's reader goes back to the page, as Esc does.
  BACKGROUND_READER_BACK: "background→reader:back",
});

// The context-menu entries' ids: on the page, and on the toolbar button.
export const MENU_OPEN_IN_READER = "open-in-reader";
export const MENU_OPEN_READING_LIST = "open-reading-list";
