// Injected into the reader's tab (scripting.executeScript) when they ask for reader view: returns
// the page as the browser rendered it, annotated per docs/api.md ("Annotations from the browser").
//
// The marks (and the line breaks the stylesheet drew but the markup lacks) are added to the live
// elements, the page is serialised, and they are removed, all in one synchronous run: the browser
// cannot paint in between and no style matches the attributes, so the visible page never changes. (Marking a clone instead would lose open shadow
// roots, which cloneNode does not copy.) A classic script, not a module: the value of its last
// expression is what executeScript returns.
(() => {
  "use strict";
  const HIDDEN = "data-clearpage-hidden";
  const OVERLAY = "data-clearpage-overlay";
  // On <html>: the marks below are the browser's word, even on a page where none was needed.
  const ANNOTATED = "data-clearpage-annotated";
  // Never rendered, so never marked; ld+json in the body still carries the page's metadata.
  const NOT_RENDERED = new Set(["script", "style", "link", "meta", "template", "noscript", "title", "base"]);
  // Text whose line breaks show: inside it, an element the stylesheet makes a block starts a line
  // that the markup may not break (a code block styled one line per element), so the capture
  // writes the break the browser drew. Elsewhere only inline-by-default elements made blocks
  // matter: two of them side by side would run their words together.
  const KEEPS_LINE_BREAKS = new Set(["pre", "pre-wrap", "pre-line", "break-spaces"]);
  const INLINE_TAGS = new Set(
    "a abbr b bdi bdo cite code data dfn em i kbd label mark q s samp small span strong sub sup time u var".split(" "),
  );

  const added = []; // [element, attribute] marks this run added, removed again at the end
  const breaks = []; // line breaks this run wrote into the page, removed again at the end
  const rewritten = []; // [noscript, its text]: noscripts whose text is sent balanced, put back at the end
  const displaced = []; // [element, attribute, value]: the page's own data-clearpage-* attributes
  const shadowRoots = [];

  function mark(element, attribute) {
    element.setAttribute(attribute, "");
    added.push([element, attribute]);
  }

  // Only the browser's own observations may reach the server: set aside any the page wrote itself.
  function setAsidePageMarks(element) {
    for (const attribute of [HIDDEN, OVERLAY, ANNOTATED]) {
      if (element.hasAttribute(attribute)) {
        displaced.push([element, attribute, element.getAttribute(attribute)]);
        element.removeAttribute(attribute);
      }
    }
  }

  // Mark `element`'s subtree; return whether anything in it is rendered visible. visibility is
  // inherited but can be overridden by a descendant, so a visibility:hidden element is marked only
  // when nothing inside it is visible (the server drops a marked element with all it holds).
  // `around` is what the element sits in: its nearest block ancestor, whether line breaks in its
  // text show, and whether its parent is a flex or grid container.
  function visit(element, around) {
    if (NOT_RENDERED.has(element.localName)) return false;
    setAsidePageMarks(element);
    const style = getComputedStyle(element);
    if (style.display === "none" || style.contentVisibility === "hidden") {
      mark(element, HIDDEN);
      return false;
    }
    const block = startsLine(style);
    if (block && !around.placesItems && (around.keepsLineBreaks || INLINE_TAGS.has(element.localName))) {
      separateLine(element, around);
    }
    const inside = {
      block: block ? element : around.block,
      keepsLineBreaks: KEEPS_LINE_BREAKS.has(style.whiteSpace),
      // A flex or grid container's children compute as blocks but sit where it places them.
      placesItems: /(^|-)(flex|grid)$/.test(style.display.split(" ").pop()),
    };
    let visibleInside = false;
    for (const child of element.children) visibleInside = visit(child, inside) || visibleInside;
    if (element.shadowRoot) {
      shadowRoots.push(element.shadowRoot);
      for (const child of element.shadowRoot.children) visibleInside = visit(child, inside) || visibleInside;
    }
    const visible = style.visibility === "visible";
    if (!visible && !visibleInside) {
      mark(element, HIDDEN);
    } else if (style.position === "fixed" || style.position === "sticky") {
      mark(element, OVERLAY);
    }
    return visible || visibleInside;
  }

  function startsLine(style) {
    const outer = style.display.split(" ")[0];
    return !outer.startsWith("inline") && !outer.startsWith("table-cell") && !["contents", "ruby"].includes(outer);
  }

  // A line break before and after `element` where the text beside it in the markup has none (in
  // text that shows line breaks) or no space at all (elsewhere), within its block.
  function separateLine(element, around) {
    const separated = around.keepsLineBreaks ? /\n$/ : /\s$/;
    const before = textBeside(element, around.block, "previousSibling");
    if (before !== null && !separated.test(before)) addBreak(element, "before");
    const after = textBeside(element, around.block, "nextSibling");
    if (after !== null && !(around.keepsLineBreaks ? /^\n/ : /^\s/).test(after)) addBreak(element, "after");
  }

  /** The nearest non-empty text beside `element` in `direction`, up to its block; null at the block's edge. */
  function textBeside(element, block, direction) {
    for (let node = element; node && node !== block; node = node.parentNode) {
      for (let sibling = node[direction]; sibling; sibling = sibling[direction]) {
        const text = sibling.textContent;
        if (text) return text;
      }
    }
    return null;
  }

  function addBreak(element, where) {
    const text = document.createTextNode("\n");
    element[where](text);
    breaks.push(text);
  }

  // A noscript's content is text to a browser that runs scripts, up to the first "</noscript>",
  // and it is serialised as that text. A parser without scripts (the server's) reads it as markup:
  // where the text holds a noscript of its own (a tag manager's snippet nested in another), the
  // outer one would stay open and take the rest of the page in. The text is sent as the same
  // markup, balanced, which both kinds of parser close where the browser did.
  function balanceNoscripts() {
    for (const noscript of document.querySelectorAll("noscript")) {
      const text = noscript.textContent;
      if (!text.includes("<")) continue;
      const balanced = new DOMParser().parseFromString(`<body>${text}`, "text/html").body.innerHTML;
      if (balanced === text) continue;
      noscript.textContent = balanced;
      rewritten.push([noscript, text]);
    }
  }

  function serialize() {
    const root = document.documentElement;
    const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : "";
    if (typeof root.getHTML !== "function") return doctype + root.outerHTML; // no shadow DOM then
    // getHTML gives the inside of <html>; its own start tag comes from a shallow copy.
    const shell = root.cloneNode(false).outerHTML;
    const startTag = shell.slice(0, shell.lastIndexOf("</"));
    return `${doctype}${startTag}${root.getHTML({ serializableShadowRoots: true, shadowRoots })}</html>`;
  }

  try {
    setAsidePageMarks(document.documentElement);
    mark(document.documentElement, ANNOTATED);
    // The body's children, not the body: html and body are never overlays, and head is not rendered.
    const body = document.body;
    const around = { block: body, keepsLineBreaks: false, placesItems: false };
    for (const child of body?.children ?? []) visit(child, around);
    balanceNoscripts();
    return {
      url: location.href,
      title: document.title,
      lang: document.documentElement.lang || null,
      html: serialize(),
    };
  } finally {
    for (const text of breaks) text.remove();
    for (const [noscript, text] of rewritten) noscript.textContent = text;
    for (const [element, attribute] of added) element.removeAttribute(attribute);
    for (const [element, attribute, value] of displaced) element.setAttribute(attribute, value);
  }
})();
