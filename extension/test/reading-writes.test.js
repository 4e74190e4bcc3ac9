// Reading settings are written to storage.sync once a burst of changes is over: sync takes 120
// writes a minute, and a dragged slider or a held "+" would pass that.
import assert from "node:assert/strict";
import { test } from "node:test";

const writes = [];
globalThis.browser = { storage: { sync: { set: async (items) => writes.push(items) } } };
const { flushReading, readingWritePending, saveReadingSoon, SYNC_WRITE_DELAY_MS } = await import("../src/shared/settings.js");

test("a burst of changes is one write, of the last value", async () => {
  for (const fontSize of [22, 24, 26, 28]) saveReadingSoon({ fontSize });
  assert.equal(writes.length, 0);
  assert.ok(readingWritePending());
  await new Promise((resolve) => setTimeout(resolve, SYNC_WRITE_DELAY_MS + 100));
  assert.equal(writes.length, 1);
  assert.equal(writes[0].reading.fontSize, 28);
  assert.ok(!readingWritePending());
});

test("leaving the page writes a pending change at once", async () => {
  writes.length = 0;
  saveReadingSoon({ theme: "dark" });
  await flushReading();
  assert.deepEqual(writes.map((items) => items.reading.theme), ["dark"]);
  await flushReading(); // nothing pending: no second write
  assert.equal(writes.length, 1);
});
