// Keys in reader view: Esc or Backspace back to the page; + and - for the font size.
// Keys typed into a control (the settings panel's) are left alone, as are shortcuts with
// Ctrl, Alt or Meta: Ctrl+- is the browser's own zoom.
export function listenToKeys(doc, { back, stepFontSize }) {
  doc.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.target.closest?.("input, textarea, select, [contenteditable]")) return;
    const action = {
      Escape: back,
      Backspace: back,
      "+": () => stepFontSize(1),
      "=": () => stepFontSize(1), // + without Shift on most layouts
      "-": () => stepFontSize(-1),
    }[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
