// The "Key points" box above the article: the sentences the server chose as the article's key
// points (and its summary, when the server makes one), with a Hide button. Pointing at a point
// highlights its sentence in the article, and clicking one scrolls to it. Highlights use the CSS
// Custom Highlight API, which paints a Range without changing the article's DOM at all; where it
// is missing, a click selects the sentence instead.
import { element } from "../shared/dom.js";
import { keyPointTarget, nthIndexOf } from "./key-point-target.js";

const HIGHLIGHT = "clearpage-key-point";
const MAX_POINTS = 8; // the server gives 3 to 5; more would not be "key"

/** Whether the server's answer has anything for the box (missing and null fields are alike). */
export function hasKeyPoints(article) {
  return keyPointsOf(article).length > 0 || Boolean(summaryOf(article)) || Boolean(noteOf(article));
}

/**
 * Put the box for `article` into `view` (the reader's <article>), above the lead image and body.
 * `onHide` is the Hide button's. `note` replaces the server's content with a sentence of ours.
 */
export function placeKeyPoints(view, article, { onHide, note = null }) {
  removeKeyPoints(view);
  const doc = view.ownerDocument;
  const box = doc.createElement("section");
  box.className = "key-points";
  box.setAttribute("aria-labelledby", "key-points-heading");
  const top = doc.createElement("div");
  top.className = "key-points-top";
  const heading = doc.createElement("h2");
  heading.id = "key-points-heading";
  heading.textContent = "Key points";
  const hide = doc.createElement("button");
  hide.type = "button";
  hide.className = "key-points-hide";
  hide.textContent = "Hide";
  hide.title = "Hide key points (turn them on again in the Aa settings)";
  hide.addEventListener("click", onHide);
  top.append(heading, hide);
  box.append(top);

  if (note) {
    box.append(element(doc, "p", "key-points-note", note));
  } else {
    const summary = summaryOf(article);
    if (summary) box.append(element(doc, "p", "key-points-summary", summary));
    const points = keyPointsOf(article);
    if (points.length) box.append(pointList(doc, view, article, points));
    const serverNote = noteOf(article);
    if (serverNote) box.append(element(doc, "p", "key-points-note", serverNote));
  }
  const before = view.querySelector(":scope > .article-lead, :scope > .article-body");
  view.insertBefore(box, before);
  return box;
}

export function removeKeyPoints(view) {
  view.querySelector(":scope > .key-points")?.remove();
  globalThis.CSS?.highlights?.delete(HIGHLIGHT);
}

function pointList(doc, view, article, points) {
  const list = doc.createElement("ul");
  list.className = "key-points-list";
  const text = new ArticleText(view);
  let pinned = null;
  const show = (range) => {
    const registry = globalThis.CSS?.highlights;
    if (!registry) return;
    if (range) registry.set(HIGHLIGHT, new Highlight(range));
    else registry.delete(HIGHLIGHT);
  };
  for (const point of points) {
    const item = doc.createElement("li");
    const target = keyPointTarget(article.text, point);
    const range = target && text.range(target);
    if (!range) {
      item.textContent = point.text; // shown, but its place in the article is unknown
      list.append(item);
      continue;
    }
    const button = doc.createElement("button");
    button.type = "button";
    button.className = "key-point";
    button.textContent = point.text;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("pointerenter", () => show(range));
    button.addEventListener("focus", () => show(range));
    button.addEventListener("pointerleave", () => show(pinned?.range));
    button.addEventListener("blur", () => show(pinned?.range));
    button.addEventListener("click", () => {
      pinned?.button.setAttribute("aria-pressed", "false");
      pinned = pinned?.button === button ? null : { button, range };
      if (!pinned) return show(null);
      button.setAttribute("aria-pressed", "true");
      show(range);
      goTo(doc, range);
    });
    item.append(button);
    list.append(item);
  }
  return list;
}

// Scroll the sentence to the upper third of the window; select it where highlights are missing.
function goTo(doc, range) {
  const win = doc.defaultView;
  const reduced = win.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const top = range.getBoundingClientRect().top + win.scrollY - win.innerHeight / 3;
  win.scrollTo({ top: Math.max(0, top), behavior: reduced ? "instant" : "smooth" });
  if (!globalThis.CSS?.highlights) {
    const selection = doc.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
}

// The article's title and body as one run of characters without whitespace, each mapped back to
// its text node, so a key point's characters can become a Range over the page's own text.
class ArticleText {
  constructor(view) {
    this.nodes = [];
    this.starts = []; // where each node's characters begin in `squeezed`
    this.offsets = []; // for each character of `squeezed`, its offset in its node
    const parts = [];
    let length = 0;
    for (const root of view.querySelectorAll(":scope > .article-header .article-title, :scope > .article-body")) {
      const walker = view.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue;
        this.nodes.push(node);
        this.starts.push(length);
        for (let offset = 0; offset < value.length; offset += 1) {
          if (/\s/.test(value[offset])) continue;
          this.offsets.push(offset);
          parts.push(value[offset]);
          length += 1;
        }
      }
    }
    this.squeezed = parts.join("");
  }

  /** A Range over the target's occurrence of its characters, or null if the page has none. */
  range({ needle, occurrence }) {
    const first = nthIndexOf(this.squeezed, needle, occurrence);
    if (first === -1) return null;
    const last = first + needle.length - 1;
    const range = this.nodes[0].ownerDocument.createRange();
    range.setStart(this.nodeAt(first), this.offsets[first]);
    range.setEnd(this.nodeAt(last), this.offsets[last] + 1);
    return range;
  }

  nodeAt(index) {
    // The last node whose characters begin at or before `index` (binary search over starts).
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return this.nodes[low];
  }
}

function keyPointsOf(article) {
  if (!Array.isArray(article?.key_points)) return [];
  return article.key_points
    .filter((point) => typeof point?.text === "string" && point.text.trim())
    .slice(0, MAX_POINTS);
}

function summaryOf(article) {
  return typeof article?.summary === "string" && article.summary.trim() ? article.summary.trim() : null;
}

function noteOf(article) {
  return typeof article?.summary_note === "string" && article.summary_note.trim() ? article.summary_note.trim() : null;
}
