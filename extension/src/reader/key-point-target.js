// Which sentence of the article, as shown, a key point is. The server gives each point's offsets
// in the article's `text`, counted in Unicode code points as Python counts them. The page shows
// content_html, whose text differs from `text` only in whitespace (block breaks, collapsed spaces)
// and in figure captions, which `text` leaves out. So a point is found by its characters without
// whitespace, and its offsets say which occurrence it is when a sentence appears more than once.
// Pure functions: node tests them.

/**
 * { needle, occurrence } for a key point ({ text, start, end }): its text without whitespace, and
 * how many times that appears in `text` before the point. Null when the point is not what its
 * offsets say (then it is shown, but not highlighted: a wrong offset must not mark a wrong sentence).
 */
export function keyPointTarget(text, point) {
  if (typeof text !== "string" || typeof point?.text !== "string") return null;
  const { start, end } = point;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return null;
  const offsets = utf16Offsets(text, start, end);
  if (!offsets || text.slice(offsets.from, offsets.to) !== point.text) return null;
  const needle = squeeze(point.text);
  if (!needle) return null;
  const before = squeeze(text.slice(0, offsets.from)).length;
  return { needle, occurrence: countStartingBefore(squeeze(text), needle, before) };
}

/** `text` without any whitespace. */
export function squeeze(text) {
  return text.replace(/\s+/g, "");
}

/** Where the `occurrence`-th (from 0) `needle` starts in `haystack`; the first one if there are fewer; -1 if none. */
export function nthIndexOf(haystack, needle, occurrence) {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    const next = haystack.indexOf(needle, index + 1);
    if (next === -1) return seen === 0 ? -1 : haystack.indexOf(needle);
    index = next;
  }
  return index;
}

// Code-point offsets (Python's) as UTF-16 offsets (JavaScript's); they differ after any character
// outside the Basic Multilingual Plane (emoji, some CJK). Null when out of range.
function utf16Offsets(text, start, end) {
  if (!/[\uD800-\uDFFF]/.test(text)) return end <= text.length ? { from: start, to: end } : null;
  let codePoints = 0;
  let from = null;
  for (let unit = 0; unit <= text.length; ) {
    if (codePoints === start) from = unit;
    if (codePoints === end) return from === null ? null : { from, to: unit };
    if (unit === text.length) break;
    unit += text.codePointAt(unit) > 0xffff ? 2 : 1;
    codePoints += 1;
  }
  return null;
}

function countStartingBefore(haystack, needle, limit) {
  let count = 0;
  for (let index = haystack.indexOf(needle); index !== -1 && index < limit; index = haystack.indexOf(needle, index + 1)) {
    count += 1;
  }
  return count;
}
