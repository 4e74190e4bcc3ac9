import assert from "node:assert/strict";
import { test } from "node:test";

import { formatDate, formatReadingTime, headlineOf, removedSummary, siteLabel } from "../src/reader/format.js";

test("the date is the publisher's calendar day, whatever the reader's time zone", () => {
  assert.equal(formatDate("2024-05-02T23:30:00-07:00", "en-US"), "May 2, 2024");
  assert.equal(formatDate("2024-05-02", "de-DE"), "2. Mai 2024");
  assert.equal(formatDate("yesterday", "en-US"), null);
  assert.equal(formatDate(null, "en-US"), null);
});

test("reading time in whole minutes, or nothing", () => {
  assert.equal(formatReadingTime(4), "4 min read");
  assert.equal(formatReadingTime(0), null);
});

test("the site is its name, else its host without www", () => {
  assert.equal(siteLabel("Rail Weekly", "https://rail.example/x"), "Rail Weekly");
  assert.equal(siteLabel(null, "https://www.rail.example/x"), "rail.example");
  assert.equal(siteLabel(null, null), null);
});

test("a first heading that repeats the title is shown once", () => {
  assert.deepEqual(headlineOf("Night trains are back", "Night  trains are back"), { title: "Night trains are back", headingRepeats: true });
  assert.deepEqual(headlineOf("Night trains are back | Rail Weekly", "Night trains are back"), { title: "Night trains are back", headingRepeats: true });
  assert.deepEqual(headlineOf("Night trains are back", "Tickets"), { title: "Night trains are back", headingRepeats: false });
  assert.deepEqual(headlineOf(null, "Night trains"), { title: "Night trains", headingRepeats: true });
  assert.deepEqual(headlineOf("Night trains", null), { title: "Night trains", headingRepeats: false });
});

test("the cleaned note counts elements", () => {
  assert.equal(removedSummary([{ elements: 1 }]), "Cleaned: 1 thing removed");
  assert.equal(removedSummary([{ elements: 2 }, { elements: 3 }]), "Cleaned: 5 things removed");
});
