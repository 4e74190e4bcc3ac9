// The reading settings as form controls: the reader page's settings panel and the options page's
// reading defaults are the same controls over the same stored settings.
import { FONT_SIZE, FONTS, LINE_HEIGHT, LINE_WIDTH, THEMES } from "./settings.js";

const THEME_LABELS = { light: "Light", sepia: "Sepia", dark: "Dark", system: "System" };
const FONT_LABELS = { serif: "Serif", sans: "Sans" };

/** A <form> of controls showing `reading`; `onChange(next)` gets the full settings on every change. */
export function readingControls(doc, reading, onChange) {
  const form = doc.createElement("form");
  form.className = "reading-controls";
  form.addEventListener("submit", (event) => event.preventDefault());
  form.append(
    choice(doc, "theme", "Theme", THEMES, THEME_LABELS),
    choice(doc, "font", "Font", FONTS, FONT_LABELS),
    range(doc, "fontSize", "Font size", FONT_SIZE, (value) => `${value} px`),
    range(doc, "lineWidth", "Line width", LINE_WIDTH, (value) => `${value} characters`),
    range(doc, "lineHeight", "Line spacing", LINE_HEIGHT, (value) => value.toFixed(1)),
    toggle(doc, "keyPoints", "Show key points above the article"),
  );
  showReading(form, reading);
  form.addEventListener("input", () => onChange(readForm(form)));
  return form;
}

/** Set the controls to `reading` (after a change made elsewhere, or from the keyboard). */
export function showReading(form, reading) {
  for (const [name, value] of Object.entries(reading)) {
    const control = form.elements.namedItem(name);
    if (!control) continue;
    if (control.type === "checkbox") {
      control.checked = value;
      continue;
    }
    control.value = String(value);
    const output = form.querySelector(`output[for="${control.id}"]`);
    if (output) output.value = output.dataset.format ? formatOutput(output, value) : String(value);
  }
}

function readForm(form) {
  const value = (name) => form.elements.namedItem(name).value;
  return {
    theme: value("theme"),
    font: value("font"),
    fontSize: Number(value("fontSize")),
    lineWidth: Number(value("lineWidth")),
    lineHeight: Number(value("lineHeight")),
    keyPoints: form.elements.namedItem("keyPoints").checked,
  };
}

function toggle(doc, name, labelText) {
  const row = doc.createElement("p");
  row.className = `toggle toggle-${name}`;
  const label = doc.createElement("label");
  const input = doc.createElement("input");
  Object.assign(input, { type: "checkbox", id: `reading-${name}`, name });
  label.append(input, ` ${labelText}`);
  row.append(label);
  return row;
}

function choice(doc, name, legendText, values, labels) {
  const fieldset = doc.createElement("fieldset");
  fieldset.className = `choice choice-${name}`;
  const legend = doc.createElement("legend");
  legend.textContent = legendText;
  fieldset.append(legend);
  for (const value of values) {
    const label = doc.createElement("label");
    const input = doc.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = value;
    label.dataset.value = value;
    label.append(input, ` ${labels[value]}`);
    fieldset.append(label);
  }
  return fieldset;
}

const formatters = new WeakMap();

function range(doc, name, labelText, { min, max, step }, format) {
  const row = doc.createElement("p");
  row.className = `range range-${name}`;
  const id = `reading-${name}`;
  const label = doc.createElement("label");
  label.htmlFor = id;
  label.textContent = labelText;
  const input = doc.createElement("input");
  Object.assign(input, { type: "range", id, name, min: String(min), max: String(max), step: String(step) });
  const output = doc.createElement("output");
  output.htmlFor = id;
  output.dataset.format = name;
  formatters.set(output, format);
  input.addEventListener("input", () => (output.value = format(Number(input.value))));
  row.append(label, input, output);
  return row;
}

function formatOutput(output, value) {
  return formatters.get(output)(Number(value));
}
