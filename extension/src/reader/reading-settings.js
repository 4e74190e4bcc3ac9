// Reading settings applied to the page (theme, font, size, line width and spacing, key points),
// and the settings panel that changes them. Every change applies at once and is saved to
// storage.sync (see saveReadingSoon), and a change made in another tab or in the options page
// shows here too.
import { applyReading } from "../shared/apply-reading.js";
import { ext } from "../shared/browser.js";
import { readingControls, showReading } from "../shared/reading-controls.js";
import { flushReading, loadReading, normalizeReading, readingWritePending, saveReadingSoon, stepFontSize } from "../shared/settings.js";

/**
 * Apply the stored settings, fill the panel (`panel`, opened by `toggle`), and keep both in step
 * with storage. `onChange(reading, { local })` hears of every change, made here (local) or
 * elsewhere. Returns { current(), change(partial), stepFontSize(direction) }.
 */
export async function setUpReadingSettings(doc, { panel, toggle, onChange = () => {} }) {
  let reading = await loadReading();
  applyReading(doc, reading);
  const update = (next) => {
    reading = normalizeReading(next);
    applyReading(doc, reading);
    showReading(form, reading);
    saveReadingSoon(reading);
    onChange(reading, { local: true });
  };
  const form = readingControls(doc, reading, update);
  panel.append(form);
  toggle.addEventListener("click", () => {
    const open = panel.hidden;
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
  });
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "sync" || !changes.reading || readingWritePending()) return;
    reading = normalizeReading(changes.reading.newValue);
    applyReading(doc, reading);
    showReading(form, reading);
    onChange(reading, { local: false });
  });
  doc.defaultView.addEventListener("pagehide", flushReading);
  return {
    current: () => reading,
    change: (partial) => update({ ...reading, ...partial }),
    stepFontSize: (direction) => update({ ...reading, fontSize: stepFontSize(reading.fontSize, direction) }),
  };
}
