import assert from "node:assert/strict";
import { test } from "node:test";

import {
  apiQuery, DEFAULT_FILTERS, filtersSearch, lastPage, matchesFilters, narrowed, pageRange, parseTags, progressLabel, readFilters,
} from "../src/list/list-query.js";

test("filters go into the page's address and come back out the same", () => {
  const filters = { q: "sleeper trains", tag: "rail", show: "all", favourite: true, page: 3 };
  assert.deepEqual(readFilters(filtersSearch(filters)), filters);
  assert.equal(filtersSearch(DEFAULT_FILTERS), "");
  assert.deepEqual(readFilters(""), DEFAULT_FILTERS);
});

test("odd values in the address fall back to the defaults", () => {
  assert.deepEqual(readFilters("?show=deleted&page=-2&favourite=yes&q=%20%20"), DEFAULT_FILTERS);
  assert.equal(readFilters("?page=2.5").page, 1);
});

test("the API's query: unread is archived=false, all sends no archived filter", () => {
  assert.deepEqual(apiQuery(DEFAULT_FILTERS, 20), { page: 1, per_page: 20, q: "", tag: "", archived: "false", favourite: null });
  assert.equal(apiQuery({ ...DEFAULT_FILTERS, show: "archived" }, 20).archived, "true");
  assert.equal(apiQuery({ ...DEFAULT_FILTERS, show: "all" }, 20).archived, null);
  assert.equal(apiQuery({ ...DEFAULT_FILTERS, favourite: true }, 20).favourite, "true");
});

test("a changed article leaves the page when it no longer matches the filters", () => {
  const article = { archived: true, favourite: false, tags: ["rail"] };
  assert.equal(matchesFilters(article, DEFAULT_FILTERS), false);
  assert.equal(matchesFilters(article, { ...DEFAULT_FILTERS, show: "archived" }), true);
  assert.equal(matchesFilters(article, { ...DEFAULT_FILTERS, show: "all", favourite: true }), false);
  assert.equal(matchesFilters(article, { ...DEFAULT_FILTERS, show: "all", tag: "rail" }), true);
  assert.equal(matchesFilters(article, { ...DEFAULT_FILTERS, show: "all", tag: "travel" }), false);
  assert.equal(narrowed(DEFAULT_FILTERS), false);
  assert.equal(narrowed({ ...DEFAULT_FILTERS, q: "x" }), true);
});

test("tags as typed: trimmed, spaces collapsed, no empties, no repeats in any case", () => {
  assert.deepEqual(parseTags(" trains,  night   travel ,, Trains,"), ["trains", "night travel"]);
  assert.deepEqual(parseTags(""), []);
  assert.equal(parseTags("x".repeat(100))[0].length, 64);
});

test("pages and progress read as a person would say them", () => {
  assert.equal(pageRange({ page: 2, per_page: 20, total: 57, items: new Array(20) }), "21–40 of 57");
  assert.equal(pageRange({ page: 3, per_page: 20, total: 57, items: new Array(17) }), "41–57 of 57");
  assert.equal(pageRange({ page: 1, per_page: 20, total: 0, items: [] }), "0 of 0");
  assert.equal(lastPage(57, 20), 3);
  assert.equal(lastPage(0, 20), 1);
  assert.equal(progressLabel(0), null);
  assert.equal(progressLabel(0.004), "1% read");
  assert.equal(progressLabel(0.456), "46% read");
  assert.equal(progressLabel(0.995), "Read");
  assert.equal(progressLabel("0.5"), null);
});
