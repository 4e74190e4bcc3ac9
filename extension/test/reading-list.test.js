// The reading list's API client against a real HTTP server on loopback, answering as the API
// contract says (docs/api.md, "Reading list").
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { articlesQuery, deleteArticle, getArticle, listArticles, saveArticle, updateArticle, whoAmI } from "../src/shared/reading-list.js";
import { answeringServer, json, problem } from "./answering-server.js";

const SAVED = {
  id: "a1", url: "https://rail.example/night", title: "Night trains are back", tags: [], archived: false,
  favourite: false, progress: 0, saved_at: "2024-05-02T08:00:00Z", updated_at: "2024-05-02T08:00:00Z",
};
const PAGE = { url: "https://rail.example/night", html: "<article><p>Sleeper services resumed.</p></article>" };
let server;
let reader; // { url, apiKey }: the extension's server settings, with a token

before(async () => {
  server = await answeringServer();
  reader = { url: server.url, apiKey: "t0ken" };
});

after(() => server.close());

test("Save posts {url, html} with the token; 201 is a new article, 200 one saved before", async () => {
  server.answer = () => json(201, SAVED, { Location: "/v1/articles/a1" });
  assert.deepEqual(await saveArticle(reader, PAGE), { article: SAVED, created: true });
  assert.equal(server.seen.method, "POST");
  assert.equal(server.seen.url, "/v1/articles");
  assert.equal(server.seen.headers.authorization, "Bearer t0ken");
  assert.deepEqual(server.json(), { html: PAGE.html, url: PAGE.url });
  server.answer = () => json(200, { ...SAVED, progress: 0.4 });
  assert.deepEqual(await saveArticle(reader, PAGE), { article: { ...SAVED, progress: 0.4 }, created: false });
});

test("without a token nothing is sent, and a page without a web address cannot be saved", async () => {
  const before = server.requests.length;
  assert.deepEqual(await saveArticle({ ...reader, apiKey: "" }, PAGE), { failure: { kind: "no-token" } });
  assert.deepEqual(await listArticles({ ...reader, apiKey: "" }, {}), { failure: { kind: "no-token" } });
  assert.deepEqual(await saveArticle(reader, { ...PAGE, url: "file:///home/me/page.html" }), { failure: { kind: "no-url" } });
  assert.equal(server.requests.length, before);
});

test("the list is asked for with its filters, leaving out empty ones", async () => {
  server.answer = () => json(200, { items: [SAVED], page: 2, per_page: 20, total: 21 });
  const result = await listArticles(reader, { page: 2, per_page: 20, q: "sleeper trains", tag: "", archived: "false", favourite: null });
  assert.equal(result.list.total, 21);
  assert.equal(server.seen.url, "/v1/articles?page=2&per_page=20&q=sleeper+trains&archived=false");
  assert.equal(server.seen.headers.authorization, "Bearer t0ken");
});

test("an answer that is not a list, or an article without content, is a bad answer", async () => {
  server.answer = () => json(200, { items: "none" });
  assert.equal((await listArticles(reader, {})).failure.kind, "bad-answer");
  server.answer = () => json(200, SAVED); // no content_html
  assert.equal((await getArticle(reader, "a1")).failure.kind, "bad-answer");
});

test("one article is fetched by its id, escaped into the path", async () => {
  server.answer = () => json(200, { ...SAVED, content_html: "<p>x</p>", text: "x" });
  assert.equal((await getArticle(reader, "a/1")).article.content_html, "<p>x</p>");
  assert.equal(server.seen.url, "/v1/articles/a%2F1");
});

test("changes are a PATCH of JSON; delete is a DELETE answered 204", async () => {
  server.answer = () => json(200, { ...SAVED, archived: true, tags: ["trains"] });
  const { article } = await updateArticle(reader, 7, { archived: true, tags: ["trains"] });
  assert.equal(article.archived, true);
  assert.equal(server.seen.method, "PATCH");
  assert.equal(server.seen.url, "/v1/articles/7");
  assert.equal(server.seen.headers["content-type"], "application/json");
  assert.deepEqual(server.json(), { archived: true, tags: ["trains"] });
  server.answer = () => ({ status: 204 });
  assert.deepEqual(await deleteArticle(reader, 7), { deleted: true });
  assert.equal(server.seen.method, "DELETE");
});

test("a refused token and a deleted article are failures with their status", async () => {
  server.answer = () => problem(401, { detail: "The token sent is not one this server accepts." });
  assert.equal((await listArticles(reader, {})).failure.status, 401);
  server.answer = () => problem(404, { detail: "No such article." });
  const { failure } = await updateArticle(reader, "gone", { progress: 0.5 });
  assert.deepEqual([failure.kind, failure.status, failure.detail], ["http", 404, "No such article."]);
});

test("who am I gives the name and the feed address; it is asked without a token too", async () => {
  const me = { name: "lena", feed_url: "https://reader.example/v1/feed.atom?token=f33d" };
  server.answer = () => json(200, me);
  assert.deepEqual(await whoAmI(reader), { me });
  assert.equal(server.seen.url, "/v1/me");
  server.answer = () => problem(401, { detail: "This needs a token." });
  assert.equal((await whoAmI({ ...reader, apiKey: "" })).failure.status, 401);
  assert.equal(server.seen.headers.authorization, undefined);
  server.answer = () => json(200, { name: "lena", feed_url: "javascript:alert(1)" });
  assert.equal((await whoAmI(reader)).failure.kind, "bad-answer");
});

test("the list's query string leaves out what is not set", () => {
  assert.equal(articlesQuery({ page: 1, q: "", tag: null, archived: undefined, favourite: "true" }), "page=1&favourite=true");
});
