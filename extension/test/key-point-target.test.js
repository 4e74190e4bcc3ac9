import assert from "node:assert/strict";
import { test } from "node:test";

import { keyPointTarget, nthIndexOf, squeeze } from "../src/reader/key-point-target.js";

const TEXT = "Night trains are back\n\nSleeper services resumed this week. Tickets sold out.\n\nTickets sold out.";

test("a point is its text without whitespace, and which occurrence its offsets name", () => {
  const second = TEXT.lastIndexOf("Tickets sold out.");
  assert.deepEqual(keyPointTarget(TEXT, { text: "Tickets sold out.", start: second, end: second + 17 }), {
    needle: "Ticketssoldout.",
    occurrence: 1,
  });
  const first = TEXT.indexOf("Tickets sold out.");
  assert.equal(keyPointTarget(TEXT, { text: "Tickets sold out.", start: first, end: first + 17 }).occurrence, 0);
});

test("offsets are code points, as the server counts them, not UTF-16 units", () => {
  const text = "🚆 Night trains are back. Sleeper services resumed.";
  const start = [..."🚆 Night trains are back. "].length; // 25 code points, 26 UTF-16 units
  const point = { text: "Sleeper services resumed.", start, end: start + 25 };
  assert.deepEqual(keyPointTarget(text, point), { needle: "Sleeperservicesresumed.", occurrence: 0 });
  assert.equal(keyPointTarget(text, { ...point, start: start + 1, end: start + 26 }), null); // UTF-16 offsets are wrong
});

test("a point whose offsets do not hold its text is not placed", () => {
  for (const point of [
    { text: "Sleeper services", start: 0, end: 16 },
    { text: "Night", start: -1, end: 4 },
    { text: "Night", start: 0, end: 500 },
    { text: "Night", start: "0", end: 5 },
    { text: "   ", start: 0, end: 0 },
    { start: 0, end: 5 },
    null,
  ]) {
    assert.equal(keyPointTarget(TEXT, point), null, JSON.stringify(point));
  }
  assert.equal(keyPointTarget(null, { text: "Night", start: 0, end: 5 }), null);
});

test("the n-th occurrence, or the first when the page shows fewer", () => {
  assert.equal(nthIndexOf("abcabcabc", "abc", 2), 6);
  assert.equal(nthIndexOf("abcabc", "abc", 5), 0);
  assert.equal(nthIndexOf("abc", "x", 0), -1);
  assert.equal(squeeze(" a\n\tb  c "), "abc");
});
