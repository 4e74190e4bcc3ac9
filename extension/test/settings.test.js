import assert from "node:assert/strict";
import { test } from "node:test";

import { normalizeReading, originPattern, parseServerUrl, READING_DEFAULTS, stepFontSize } from "../src/shared/settings.js";

test("missing or broken reading settings fall back to the defaults", () => {
  assert.deepEqual(normalizeReading(undefined), READING_DEFAULTS);
  assert.deepEqual(normalizeReading({ theme: "neon", font: 3, fontSize: "big", lineHeight: null }), READING_DEFAULTS);
});

test("sizes are clamped to their range and snapped to their step", () => {
  const reading = normalizeReading({ fontSize: 99, lineWidth: 10, lineHeight: 1.63 });
  assert.equal(reading.fontSize, 32);
  assert.equal(reading.lineWidth, 40);
  assert.equal(reading.lineHeight, 1.6);
});

test("font size steps by two pixels and stops at the ends", () => {
  assert.equal(stepFontSize(20, 1), 22);
  assert.equal(stepFontSize(20, -1), 18);
  assert.equal(stepFontSize(32, 1), 32);
  assert.equal(stepFontSize(14, -1), 14);
});

test("a server address is normalised without trailing slash, query or fragment", () => {
  assert.deepEqual(parseServerUrl(" http://127.0.0.1:8080/ "), { url: "http://127.0.0.1:8080" });
  assert.deepEqual(parseServerUrl("https://reader.example/clearpage/?x=1#y"), { url: "https://reader.example/clearpage" });
});

test("a server address that is not absolute http(s), or carries credentials, is refused with a sentence", () => {
  for (const text of ["127.0.0.1:8080", "ftp://files.example", "", "http://user:pw@host.example"]) {
    assert.match(parseServerUrl(text).error, /\.$/, text);
  }
});

test("the host permission pattern has no port (match patterns cannot carry one)", () => {
  assert.equal(originPattern("http://127.0.0.1:8080"), "http://127.0.0.1/*");
  assert.equal(originPattern("https://reader.example/clearpage"), "https://reader.example/*");
});

test("key points are on unless turned off, and only a boolean turns them off", () => {
  assert.equal(READING_DEFAULTS.keyPoints, true);
  assert.equal(normalizeReading({ keyPoints: false }).keyPoints, false);
  assert.equal(normalizeReading({ keyPoints: "no" }).keyPoints, true);
});
