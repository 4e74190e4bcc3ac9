// Functions that run inside the page, sent there by their source (so each is self-contained).
//
// A locator is a chain of steps, applied in order to the elements found so far, as Playwright's
// locators are: {css} finds descendants, {hasText} keeps those whose text holds the words (any
// case, any spacing), {nth} keeps one (-1: the last).

/** What `op` says of the element the chain finds: {found: number, value}. */
export function query(chain, op, argument) {
  const squeeze = (text) => text.replace(/\s+/g, " ").trim().toLowerCase();
  let scope = [document];
  for (const step of chain) {
    if (step.css !== undefined) {
      const found = new Set();
      for (const root of scope) for (const element of root.querySelectorAll(step.css)) found.add(element);
      scope = [...found];
    } else if (step.hasText !== undefined) {
      const needle = squeeze(step.hasText);
      scope = scope.filter((element) => squeeze(element.textContent).includes(needle));
    } else {
      scope = step.nth === -1 ? scope.slice(-1) : scope.slice(step.nth, step.nth + 1);
    }
  }
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== "hidden";
  };
  if (op === "count") return { found: 1, value: scope.length };
  if (op === "allInnerTexts") return { found: 1, value: scope.map((element) => element.innerText) };
  if (op === "visible") return { found: 1, value: scope.length === 1 && visible(scope[0]) };
  if (op === "hidden") return { found: 1, value: scope.length === 0 || !visible(scope[0]) };
  if (scope.length !== 1) return { found: scope.length, value: null };
  const [element] = scope;
  switch (op) {
    case "actionable":
      return { found: 1, value: visible(element) && !element.disabled };
    case "innerText":
      return { found: 1, value: element.innerText };
    case "attribute":
      return { found: 1, value: element.getAttribute(argument) };
    case "inputValue":
      return { found: 1, value: element.value };
    case "enabled":
      return { found: 1, value: !element.disabled };
    case "checked":
      return { found: 1, value: element.checked };
    case "element":
      return { found: 1, value: element };
    default:
      throw new Error(`unknown query ${op}`);
  }
}

/** Set a form field's value as typing or a slider would, with its input and change events. */
export function fillField(element, value) {
  element.focus();
  const prototype = Object.getPrototypeOf(element);
  Object.getOwnPropertyDescriptor(prototype, "value").set.call(element, value);
  element.dispatchEvent(new Event("input", { bubbles: true }));
  element.dispatchEvent(new Event("change", { bubbles: true }));
}

/** A mark on the current document; gone once another document has replaced it. */
export function markDocument() {
  window.__clearpageOldDocument = true;
}

export function isNewDocument() {
  return !window.__clearpageOldDocument && document.readyState === "complete" ? location.href : null;
}
