// The only way article HTML enters the reader page: parsed by DOMParser into an inert document
// (nothing in it runs or loads), checked, then adopted. The server has already sanitised it with
// nh3; this second check strips anything executable that might slip through a bug or a
// compromised server, so the page stays safe even then.

// Removed with everything inside them: they run code, load other documents or restyle the page.
const EXECUTABLE = [
  "script", "style", "link", "meta", "base", "template", "noscript", "iframe", "frame", "frameset",
  "object", "embed", "applet", "portal", "fencedframe", "form", "svg", "math",
].join(", ");
// Attributes that hold a URL the browser would follow or load.
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "poster", "data", "cite", "background", "ping", "xlink:href"]);
const WEB_URL = /^(?:https?:|mailto:|#|\/|\.\/|\.\.\/|[^:/?#]*(?:[/?#]|$))/i;
const IMAGE_DATA_URL = /^data:image\/(?:png|gif|jpeg|webp|avif);/i;
// Named elements can shadow document properties (document.body, document.title...): DOM clobbering.
const CLOBBERING = new Set(["name", "id"]);
const CLOBBERABLE = new Set(["img", "form", "embed", "object", "iframe"]);

/** A DocumentFragment of `html`, safe to insert into `doc`. */
export function safeFragment(html, doc = document) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, "text/html");
  for (const element of parsed.body.querySelectorAll(EXECUTABLE)) element.remove();
  for (const element of parsed.body.querySelectorAll("*")) cleanAttributes(element);
  const fragment = doc.createDocumentFragment();
  for (const node of [...parsed.body.childNodes]) fragment.append(doc.adoptNode(node));
  return fragment;
}

function cleanAttributes(element) {
  for (const { name, value } of [...element.attributes]) {
    const lower = name.toLowerCase();
    const unsafe =
      lower.startsWith("on") ||
      lower === "style" ||
      lower === "srcdoc" ||
      (CLOBBERING.has(lower) && CLOBBERABLE.has(element.localName)) ||
      (URL_ATTRIBUTES.has(lower) && !isSafeUrl(element, lower, value)) ||
      (lower === "srcset" && !value.split(",").every((candidate) => isWebUrl(candidate.trim().split(/\s+/)[0])));
    if (unsafe) element.removeAttribute(name);
  }
  if (element.localName === "a" && element.hasAttribute("href")) element.setAttribute("rel", "noopener noreferrer");
}

function isSafeUrl(element, attribute, value) {
  const url = withoutControls(value);
  if (element.localName === "img" && attribute === "src" && IMAGE_DATA_URL.test(url)) return true;
  return isWebUrl(url);
}

function isWebUrl(url) {
  const plain = withoutControls(url ?? "");
  return plain === "" || WEB_URL.test(plain);
}

// Browsers skip tabs, newlines and other controls inside a scheme ("java\tscript:"): so do we.
function withoutControls(text) {
  return [...text].filter((character) => character.charCodeAt(0) > 0x20).join("");
}
