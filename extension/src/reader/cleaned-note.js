// The small "cleaned" note: what the server removed from the page, and why, behind a disclosure.
import { removedSummary } from "./format.js";

export function cleanedNote(doc, removed) {
  if (!Array.isArray(removed) || removed.length === 0) return null;
  const details = doc.createElement("details");
  details.className = "cleaned-note";
  const summary = doc.createElement("summary");
  summary.textContent = removedSummary(removed);
  const list = doc.createElement("ul");
  for (const item of removed) {
    const entry = doc.createElement("li");
    const kind = doc.createElement("strong");
    kind.textContent = item.kind;
    entry.append(kind, `: ${item.reason}`);
    list.append(entry);
  }
  details.append(summary, list);
  return details;
}
