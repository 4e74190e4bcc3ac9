// Injected into the reader's tab (scripting.executeScript) when they ask for reader view: returns
// the page as the browser rendered it, annotated per docs/api.md ("Annotations from the browser").
//
// The marks are added to the live elements, the page is serialised, and the marks are removed, all
// in one synchronous run: the browser cannot paint in between and no style matches the
// attributes, so the visible page never changes. (Marking a clone instead would lose open shadow
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

  const added = []; // [element, attribute] marks this run added, removed again at the end
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
  function visit(element) {
    if (NOT_RENDERED.has(element.localName)) return false;
    setAsidePageMarks(element);
    const style = getComputedStyle(element);
    if (style.display === "none" || style.contentVisibility === "hidden") {
      mark(element, HIDDEN);
      return false;
    }
    let visibleInside = false;
    for (const child of element.children) visibleInside = visit(child) || visibleInside;
    if (element.shadowRoot) {
      shadowRoots.push(element.shadowRoot);
      for (const child of element.shadowRoot.children) visibleInside = visit(child) || visibleInside;
    }
    const visible = style.visibility === "visible";
    if (!visible && !visibleInside) {
      mark(element, HIDDEN);
    } else if (style.position === "fixed" || style.position === "sticky") {
      mark(element, OVERLAY);
    }
    return visible || visibleInside;
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
    for (const child of document.body?.children ?? []) visit(child);
    return {
      url: location.href,
      title: document.title,
      lang: document.documentElement.lang || null,
      html: serialize(),
    };
  } finally {
    for (const [element, attribute] of added) element.removeAttribute(attribute);
    for (const [element, attribute, value] of displaced) element.setAttribute(attribute, value);
  }
})();
