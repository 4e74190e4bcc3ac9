// The reading list's HTTP API (docs/api.md, "Reading list"), as the extension calls it: save a
// page, list, open, change and delete saved articles, and ask who the token belongs to. Like
// server.js, every call resolves to what was asked for or { failure }; nothing touches the DOM.
// The reading list always needs a token, so without one no request is made.
import { authorization, endpoint, readJson, send } from "./http.js";
import { EXTRACT_TIMEOUT_MS, encodeBody, isWebUrl } from "./server.js";

export const LIST_TIMEOUT_MS = 20_000;
export const PER_PAGE = 20;

const NO_TOKEN = Object.freeze({ failure: Object.freeze({ kind: "no-token" }) });

/**
 * Save a captured page ({ url, html }): the server extracts it and keeps the clean article.
 * Resolves to { article, created } (created: false when the URL was saved before) or { failure }.
 */
export async function saveArticle(server, page, { timeoutMs = EXTRACT_TIMEOUT_MS } = {}) {
  if (!server.apiKey) return NO_TOKEN;
  if (!isWebUrl(page.url)) return { failure: { kind: "no-url" } };
  const { body, headers } = await encodeBody(page);
  const outcome = await call(server, "v1/articles", { method: "POST", headers, body }, timeoutMs);
  if (outcome.failure) return outcome;
  const article = await readJson(outcome.response);
  if (!isArticle(article)) return badAnswer(outcome.response);
  return { article, created: outcome.response.status === 201 };
}

/**
 * One page of the list: `query` has any of page, per_page, q, tag, archived, favourite (empty and
 * null members are left out). Resolves to { list: { items, page, per_page, total } } or { failure }.
 */
export async function listArticles(server, query) {
  if (!server.apiKey) return NO_TOKEN;
  const outcome = await call(server, `v1/articles?${articlesQuery(query)}`, {}, LIST_TIMEOUT_MS);
  if (outcome.failure) return outcome;
  const list = await readJson(outcome.response);
  if (!Array.isArray(list?.items) || !list.items.every(isArticle) || !Number.isInteger(list.total)) {
    return badAnswer(outcome.response);
  }
  return { list };
}

/** One saved article with its content_html and text: { article } or { failure }. */
export async function getArticle(server, id) {
  if (!server.apiKey) return NO_TOKEN;
  const outcome = await call(server, articlePath(id), {}, LIST_TIMEOUT_MS);
  if (outcome.failure) return outcome;
  const article = await readJson(outcome.response);
  if (!isArticle(article) || typeof article.content_html !== "string") return badAnswer(outcome.response);
  return { article };
}

/**
 * Change any of tags, archived, favourite, progress: { article } or { failure }. `keepalive` lets
 * the request outlive the page (the reading position, sent as the reader leaves).
 */
export async function updateArticle(server, id, changes, { keepalive = false } = {}) {
  if (!server.apiKey) return NO_TOKEN;
  const init = {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(changes),
    keepalive,
  };
  const outcome = await call(server, articlePath(id), init, LIST_TIMEOUT_MS);
  if (outcome.failure) return outcome;
  const article = await readJson(outcome.response);
  if (!isArticle(article)) return badAnswer(outcome.response);
  return { article };
}

export async function deleteArticle(server, id) {
  if (!server.apiKey) return NO_TOKEN;
  const outcome = await call(server, articlePath(id), { method: "DELETE" }, LIST_TIMEOUT_MS);
  return outcome.failure ? outcome : { deleted: true };
}

/**
 * Whose token this is: { me: { name, feed_url } } or { failure }. Asked without a token too: the
 * answer (401, or 404 from a server without a reading list) tells the options page what to say.
 */
export async function whoAmI(server) {
  const outcome = await call(server, "v1/me", {}, LIST_TIMEOUT_MS);
  if (outcome.failure) return outcome;
  const me = await readJson(outcome.response);
  if (typeof me?.name !== "string" || !isWebUrl(me.feed_url)) return badAnswer(outcome.response);
  return { me: { name: me.name, feed_url: me.feed_url } };
}

/** The query string for GET /v1/articles, without empty members. */
export function articlesQuery(query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    params.set(name, String(value));
  }
  return params.toString();
}

function call(server, path, init, timeoutMs) {
  return send(endpoint(server.url, path), {
    ...init,
    headers: { ...init.headers, Accept: "application/json", ...authorization(server.apiKey) },
    signal: AbortSignal.timeout(timeoutMs),
  });
}

function articlePath(id) {
  return `v1/articles/${encodeURIComponent(String(id))}`;
}

function isArticle(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    (typeof value.id === "string" || Number.isInteger(value.id)) &&
    Array.isArray(value.tags ?? [])
  );
}

function badAnswer(response) {
  return { failure: { kind: "bad-answer", status: response.status } };
}
