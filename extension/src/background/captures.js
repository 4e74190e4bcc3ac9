// Captured pages waiting for their reader page to collect them, kept in memory only: a page's
// HTML never touches storage. Each is handed over once; a few are kept at most, in case a reader
// tab was closed before it asked.
const MAX_WAITING = 4;
const waiting = new Map();

export function putCapture(id, capture) {
  waiting.set(id, capture);
  while (waiting.size > MAX_WAITING) waiting.delete(waiting.keys().next().value);
}

/** The capture for `id`, removed from memory; null if there is none (taken, or the worker restarted). */
export function takeCapture(id) {
  const capture = waiting.get(id) ?? null;
  waiting.delete(id);
  return capture;
}
