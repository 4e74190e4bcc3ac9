// Reading settings as the page's look: theme and font as data attributes that the stylesheet
// reads, sizes as custom properties.
export function applyReading(doc, reading) {
  const root = doc.documentElement;
  root.dataset.theme = reading.theme;
  root.dataset.font = reading.font;
  root.style.setProperty("--font-size", `${reading.fontSize}px`);
  root.style.setProperty("--line-width", `${reading.lineWidth}ch`);
  root.style.setProperty("--line-height", String(reading.lineHeight));
}
