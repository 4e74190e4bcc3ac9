import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { BROWSERS, mergeManifest } from "../tools/manifest.js";

const read = (name) => JSON.parse(readFileSync(new URL(`../${name}`, import.meta.url), "utf8"));

test("objects merge key by key and the overlay wins", () => {
  const merged = mergeManifest({ a: { b: 1, c: 2 }, list: [1, 2] }, { a: { c: 3 }, list: [9] });
  assert.deepEqual(merged, { a: { b: 1, c: 3 }, list: [9] });
});

test("Chrome gets a module service worker and nothing Firefox-only", () => {
  const chrome = mergeManifest(read("manifest.base.json"), read("manifest.chrome.json"));
  assert.deepEqual(chrome.background, { service_worker: "src/background/main.js", type: "module" });
  assert.equal(chrome.browser_specific_settings, undefined);
});

test("Firefox gets background scripts and a gecko id, no service worker", () => {
  const firefox = mergeManifest(read("manifest.base.json"), read("manifest.firefox.json"));
  assert.deepEqual(firefox.background, { scripts: ["src/background/main.js"], type: "module" });
  assert.match(firefox.browser_specific_settings.gecko.id, /^[\w.-]+@[\w.-]+$/);
});

test("permissions stay minimal: the four APIs, loopback for the default server, the rest optional", () => {
  const base = read("manifest.base.json");
  assert.deepEqual(base.permissions.sort(), ["activeTab", "contextMenus", "scripting", "storage"]);
  assert.deepEqual(base.host_permissions, ["http://127.0.0.1/*", "http://localhost/*"]);
  assert.deepEqual(base.optional_host_permissions, ["http://*/*", "https://*/*"]);
  assert.equal(base.content_scripts, undefined, "the capture script is injected on request, never declared");
});

test("extension pages allow no inline or remote script", () => {
  const csp = read("manifest.base.json").content_security_policy.extension_pages;
  assert.match(csp, /script-src 'self';/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:\/\/[^ ;]+/);
});

test("one overlay per browser the build knows", () => {
  for (const browser of BROWSERS) assert.ok(read(`manifest.${browser}.json`));
});
