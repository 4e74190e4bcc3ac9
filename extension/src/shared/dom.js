// Making the pages' elements. Text from the server goes in through textContent, never as markup.

/** A `tag` element, with `className` and `text` when given. */
export function element(doc, tag, className = null, text = null) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}
