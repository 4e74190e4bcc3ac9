// The API client against a real HTTP server on loopback (node's http), not a mocked fetch.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";

import { parseRetryAfter } from "../src/shared/http.js";
import { checkHealth, checkKey, encodeBody, extract, GZIP_THRESHOLD_BYTES } from "../src/shared/server.js";
import { answeringServer, json, problem } from "./answering-server.js";

const ARTICLE = { title: "Night trains are back", content_html: "<p>Sleeper services resumed.</p>", access: "open", removed: [] };
let server; // answeringServer(): records each request as server.seen, answers with server.answer
let base;

before(async () => {
  server = await answeringServer();
  base = server.url;
});

after(() => server.close());

test("a small page is sent as plain JSON {url, html} with no key", async () => {
  server.answer = () => json(200, ARTICLE);
  const result = await extract({ url: base, apiKey: "" }, { url: "https://rail.example/night", html: "<p>hi</p>" });
  assert.deepEqual(result, { article: ARTICLE });
  assert.equal(server.seen.method, "POST");
  assert.equal(server.seen.url, "/v1/extract");
  assert.equal(server.seen.headers["content-type"], "application/json");
  assert.equal(server.seen.headers["content-encoding"], undefined);
  assert.equal(server.seen.headers.authorization, undefined);
  assert.deepEqual(server.json(), { html: "<p>hi</p>", url: "https://rail.example/night" });
});

test("key points are asked for with summary: true, and only then", async () => {
  server.answer = () => json(200, ARTICLE);
  await extract({ url: base, apiKey: "" }, { url: "https://rail.example/night", html: "<p>hi</p>" }, { summary: true });
  assert.deepEqual(server.json(), { html: "<p>hi</p>", url: "https://rail.example/night", summary: true });
  await extract({ url: base, apiKey: "" }, { url: "https://rail.example/night", html: "<p>hi</p>" }, { summary: false });
  assert.equal("summary" in server.json(), false);
});

test("a large page is gzip-compressed and says so", async () => {
  server.answer = () => json(200, ARTICLE);
  const html = `<article>${"<p>Tickets sold out within hours.</p>".repeat(2000)}</article>`;
  assert.ok(html.length > GZIP_THRESHOLD_BYTES);
  await extract({ url: base, apiKey: "" }, { url: "https://rail.example/night", html });
  assert.equal(server.seen.headers["content-encoding"], "gzip");
  assert.ok(server.seen.body.length < html.length / 10, `sent ${server.seen.body.length} bytes for ${html.length}`);
  assert.equal(server.json().html, html);
});

test("the API key goes in an Authorization: Bearer header", async () => {
  server.answer = () => json(200, ARTICLE);
  await extract({ url: base, apiKey: "s3cret" }, { url: "https://rail.example/", html: "<p>hi</p>" });
  assert.equal(server.seen.headers.authorization, "Bearer s3cret");
});

test("a page without a web address is sent without url", async () => {
  const { body } = await encodeBody({ url: "file:///home/me/page.html", html: "<p>hi</p>" });
  assert.deepEqual(JSON.parse(new TextDecoder().decode(body)), { html: "<p>hi</p>" });
});

test("a server under a path keeps its path", async () => {
  server.answer = () => json(200, ARTICLE);
  await extract({ url: `${base}/clearpage`, apiKey: "" }, { url: null, html: "<p>hi</p>" });
  assert.equal(server.seen.url, "/clearpage/v1/extract");
});

test("problem+json errors keep their detail, limit and wait", async () => {
  server.answer = () => problem(413, { detail: "The page is larger than this server accepts.", max_bytes: 60000 });
  assert.deepEqual((await extract({ url: base, apiKey: "" }, { url: null, html: "<p>x</p>" })).failure, {
    kind: "http", status: 413, detail: "The page is larger than this server accepts.", maxBytes: 60000, retryAfterSeconds: null,
  });
  server.answer = () => problem(429, { detail: "Too many requests." }, { "Retry-After": "17" });
  const failure = (await extract({ url: base, apiKey: "" }, { url: null, html: "<p>x</p>" })).failure;
  assert.equal(failure.status, 429);
  assert.equal(failure.retryAfterSeconds, 17);
});

test("an HTML error page from a proxy is a failure with no detail", async () => {
  server.answer = () => ({ status: 502, headers: { "Content-Type": "text/html" }, body: "<html><body><h1>502 Bad Gateway</h1></body></html>" });
  const { failure } = await extract({ url: base, apiKey: "" }, { url: null, html: "<p>x</p>" });
  assert.equal(failure.status, 502);
  assert.equal(failure.detail, null);
});

test("a 200 that is not an article is a bad answer", async () => {
  server.answer = () => ({ status: 200, headers: { "Content-Type": "text/html" }, body: "<html>a router's login page</html>" });
  assert.equal((await extract({ url: base, apiKey: "" }, { url: null, html: "<p>x</p>" })).failure.kind, "bad-answer");
});

test("a closed port is unreachable and a silent server times out", async () => {
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const port = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  assert.equal((await extract({ url: `http://127.0.0.1:${port}`, apiKey: "" }, { url: null, html: "x" })).failure.kind, "unreachable");
  server.answer = () => ({ status: "hang" });
  const slow = await extract({ url: base, apiKey: "" }, { url: null, html: "x" }, { timeoutMs: 200 });
  assert.equal(slow.failure.kind, "timeout");
});

test("health gives the version; the key check tells a refused key from an accepted one", async () => {
  server.answer = () => json(200, { status: "ok", version: "0.1.0" });
  assert.deepEqual(await checkHealth({ url: base, apiKey: "" }), { health: { status: "ok", version: "0.1.0" } });
  assert.equal(server.seen.url, "/healthz");
  server.answer = () => problem(422, { detail: "This page doesn't look like an article." });
  assert.deepEqual(await checkKey({ url: base, apiKey: "right" }), { accepted: true });
  server.answer = () => problem(401, { detail: "Wrong key." });
  assert.equal((await checkKey({ url: base, apiKey: "wrong" })).failure.status, 401);
});

test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(parseRetryAfter("30"), 30);
  assert.equal(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")), 30);
  assert.equal(parseRetryAfter("soon"), null);
  assert.equal(parseRetryAfter(null), null);
});
