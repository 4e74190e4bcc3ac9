import assert from "node:assert/strict";
import { test } from "node:test";

import { ABOUT, ACTION, describeFailure, formatBytes } from "../src/shared/problems.js";

const SERVER = "http://127.0.0.1:8080";

test("an unreachable server names the address and links to the options", () => {
  const described = describeFailure({ kind: "unreachable" }, SERVER);
  assert.equal(described.headline, "Clearpage couldn't reach your server.");
  assert.match(described.detail, /at http:\/\/127\.0\.0\.1:8080\./);
  assert.ok(described.actions.includes(ACTION.OPTIONS));
});

test("401 asks for the right key in the options", () => {
  const described = describeFailure({ kind: "http", status: 401, detail: null }, SERVER);
  assert.equal(described.headline, "Your server didn't accept the API key.");
  assert.deepEqual(described.actions, [ACTION.OPTIONS]);
});

test("413 gives the server's limit", () => {
  const described = describeFailure({ kind: "http", status: 413, maxBytes: 10485760 }, SERVER);
  assert.equal(described.headline, "This page is too large for your server.");
  assert.equal(described.detail, "It takes pages up to 10 MB.");
});

test("422 shows the server's own sentence when it says the same, only more", () => {
  const detail = "This page doesn't look like an article: there is no main text to show in reader view.";
  const described = describeFailure({ kind: "http", status: 422, detail }, SERVER);
  assert.equal(described.headline, detail);
  assert.equal(described.detail, null);
});

test("422 without a detail still says what happened", () => {
  assert.equal(describeFailure({ kind: "http", status: 422, detail: null }).headline, "This page doesn't look like an article.");
});

test("429 says how long to wait and offers a retry", () => {
  const described = describeFailure({ kind: "http", status: 429, retryAfterSeconds: 42 }, SERVER);
  assert.equal(described.headline, "Slow down.");
  assert.match(described.detail, /Try again in 42 seconds\.$/);
  assert.equal(described.retryAfterSeconds, 42);
  assert.deepEqual(described.actions, [ACTION.RETRY]);
});

test("5xx names the status and offers a retry", () => {
  const described = describeFailure({ kind: "http", status: 502, detail: null }, SERVER);
  assert.equal(described.headline, "Your server failed on this page.");
  assert.match(described.detail, /error 502/);
  assert.ok(described.actions.includes(ACTION.RETRY));
});

test("every kind of failure gets a headline and at least one way on", () => {
  const failures = [
    { kind: "no-permission" }, { kind: "unreachable" }, { kind: "timeout" }, { kind: "bad-answer" },
    { kind: "restricted" }, { kind: "expired" }, { kind: "something new" },
    ...[400, 401, 403, 404, 405, 413, 415, 422, 429, 500, 503].map((status) => ({ kind: "http", status, detail: null })),
  ];
  for (const failure of failures) {
    const described = describeFailure(failure, SERVER);
    assert.match(described.headline, /[.!]$/, JSON.stringify(failure));
    assert.ok(described.actions.length > 0, JSON.stringify(failure));
  }
});

test("sizes read as a person would say them", () => {
  assert.equal(formatBytes(1), "1 byte");
  assert.equal(formatBytes(60_000), "59 kB");
  assert.equal(formatBytes(1_500_000), "1.4 MB");
});

test("the reading list without a token asks for one; a refused token says it was the token", () => {
  for (const failure of [{ kind: "no-token" }, { kind: "http", status: 401, detail: null }]) {
    const described = describeFailure(failure, SERVER, { about: ABOUT.LIST, hasToken: false });
    assert.equal(described.headline, "Your reading list needs a token.");
    assert.deepEqual(described.actions, [ACTION.OPTIONS]);
  }
  const refused = describeFailure({ kind: "http", status: 401, detail: "Unknown token." }, SERVER, { about: ABOUT.LIST, hasToken: true });
  assert.equal(refused.headline, "Your server didn't accept your reading-list token.");
  assert.equal(refused.detail, "Unknown token. Check the token in the options.");
});

test("404 is a server without a reading list, or, for one article, an article deleted elsewhere", () => {
  assert.equal(describeFailure({ kind: "http", status: 404 }, SERVER, { about: ABOUT.LIST, hasToken: true }).headline, "Your server has no reading list.");
  const gone = describeFailure({ kind: "http", status: 404 }, SERVER, { about: ABOUT.ARTICLE, hasToken: true });
  assert.equal(gone.headline, "This article is no longer in your reading list.");
  assert.deepEqual(gone.actions, [ACTION.LIST]);
});

test("reading-list failures never offer 'back to the page', and still say what happened", () => {
  const failures = [
    { kind: "unreachable" }, { kind: "timeout" }, { kind: "bad-answer" }, { kind: "no-url" }, { kind: "capture-gone" },
    { kind: "something new" }, ...[400, 413, 422, 429, 500].map((status) => ({ kind: "http", status, detail: null })),
  ];
  for (const failure of failures) {
    const described = describeFailure(failure, SERVER, { about: ABOUT.LIST, hasToken: true });
    assert.match(described.headline, /[.!]$/, JSON.stringify(failure));
    assert.ok(!described.actions.includes(ACTION.ORIGINAL), JSON.stringify(failure));
  }
  assert.equal(describeFailure({ kind: "http", status: 500 }, SERVER, { about: ABOUT.LIST }).headline, "Your server failed.");
  assert.match(describeFailure({ kind: "http", status: 429, retryAfterSeconds: 3 }, SERVER, { about: ABOUT.LIST }).detail, /how often it can be asked/);
});
