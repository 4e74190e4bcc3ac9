// Reading progress is reported while the reader scrolls, but at most once per interval, and once
// more as they leave. A small stand-in window (scroll position and events) and node's mock timers.
import assert from "node:assert/strict";
import { mock, test } from "node:test";

import { PROGRESS_INTERVAL_MS, scrollProgress, trackProgress, worthSending } from "../src/reader/progress.js";

function fakeWindow({ height = 10_000, viewport = 1_000 } = {}) {
  const listeners = { window: {}, document: {} };
  const on = (where) => (type, listener) => (listeners[where][type] ??= []).push(listener);
  const off = (where) => (type, listener) => (listeners[where][type] = (listeners[where][type] ?? []).filter((l) => l !== listener));
  const win = {
    scrollY: 0,
    innerHeight: viewport,
    document: {
      documentElement: { scrollHeight: height },
      visibilityState: "visible",
      addEventListener: on("document"),
      removeEventListener: off("document"),
    },
    addEventListener: on("window"),
    removeEventListener: off("window"),
    fire: (type, where = "window") => (listeners[where][type] ?? []).forEach((listener) => listener()),
    scrollTo(y) {
      win.scrollY = y;
      win.fire("scroll");
    },
  };
  return win;
}

test("progress is the place in the scrollable height, to three decimals; a page that fits has none", () => {
  const win = fakeWindow();
  win.scrollY = 4_500;
  assert.equal(scrollProgress(win), 0.5);
  win.scrollY = 1234;
  assert.equal(scrollProgress(win), 0.137);
  assert.equal(scrollProgress(fakeWindow({ height: 800 })), null);
});

test("a burst of scrolling is one report per interval, of the place at its end", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const win = fakeWindow();
    const reports = [];
    trackProgress(win, { sent: 0, report: (progress, { leaving }) => reports.push([progress, leaving]) });
    for (let y = 0; y <= 4_500; y += 50) win.scrollTo(y); // 91 scroll events
    assert.deepEqual(reports, []);
    mock.timers.tick(PROGRESS_INTERVAL_MS);
    assert.deepEqual(reports, [[0.5, false]]);
    for (let y = 4_500; y <= 9_000; y += 50) win.scrollTo(y);
    mock.timers.tick(PROGRESS_INTERVAL_MS / 2);
    assert.equal(reports.length, 1);
    mock.timers.tick(PROGRESS_INTERVAL_MS / 2);
    assert.deepEqual(reports, [[0.5, false], [1, false]]);
  } finally {
    mock.timers.reset();
  }
});

test("leaving the page reports at once; a move too small to matter is not sent", () => {
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    const win = fakeWindow();
    const reports = [];
    const tracker = trackProgress(win, { sent: 0.3, report: (progress, { leaving }) => reports.push([progress, leaving]) });
    win.scrollTo(2_725); // 0.303: the server has 0.3
    mock.timers.tick(PROGRESS_INTERVAL_MS);
    assert.deepEqual(reports, []);
    win.scrollTo(6_300);
    win.fire("pagehide");
    assert.deepEqual(reports, [[0.7, true]]);
    mock.timers.tick(PROGRESS_INTERVAL_MS);
    assert.equal(reports.length, 1); // the pending report was the same place
    win.scrollTo(7_200);
    win.document.visibilityState = "hidden";
    win.fire("visibilitychange", "document");
    assert.deepEqual(reports.at(-1), [0.8, true]);
    tracker.stop();
    win.scrollTo(9_000);
    mock.timers.tick(PROGRESS_INTERVAL_MS);
    assert.equal(reports.length, 2);
  } finally {
    mock.timers.reset();
  }
});

test("what is worth sending: a step of 1%, and the very ends", () => {
  assert.equal(worthSending(0.5, null), true);
  assert.equal(worthSending(0.5, 0.5), false);
  assert.equal(worthSending(0.505, 0.5), false);
  assert.equal(worthSending(0.51, 0.5), true);
  assert.equal(worthSending(1, 0.995), true);
  assert.equal(worthSending(0, 0.004), true);
});
