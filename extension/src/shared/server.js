// The Clearpage server's HTTP API for reader view (docs/api.md): extract a page, check health and
// key. Every call resolves to { article } / { health } on success or { failure } with what went
// wrong; problems.js turns a failure into sentences. Nothing here touches the DOM, so it also runs
// under node's tests. The reading list's calls are in reading-list.js.
import { authorization, endpoint, readJson, send } from "./http.js";

// Pages larger than this are sent gzip-compressed: HTML shrinks five to tenfold.
export const GZIP_THRESHOLD_BYTES = 32 * 1024;
export const EXTRACT_TIMEOUT_MS = 60_000;
export const HEALTH_TIMEOUT_MS = 10_000;

/**
 * Send a captured page ({ url, html }) to the server; resolve to { article } or { failure }.
 * With `summary`, the server adds the article's key points (and a summary, if it makes them).
 */
export async function extract(server, page, { timeoutMs = EXTRACT_TIMEOUT_MS, summary = false } = {}) {
  const { body, headers } = await encodeBody(page, summary ? { summary: true } : {});
  const outcome = await send(endpoint(server.url, "v1/extract"), {
    method: "POST",
    headers: { ...headers, Accept: "application/json", ...authorization(server.apiKey) },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (outcome.failure) return outcome;
  const article = await readJson(outcome.response);
  if (!article || typeof article.content_html !== "string") {
    return { failure: { kind: "bad-answer", status: outcome.response.status } };
  }
  return { article };
}

/** Ask the server whether it is up and which version it runs: { health } or { failure }. */
export async function checkHealth(server, { timeoutMs = HEALTH_TIMEOUT_MS } = {}) {
  const outcome = await send(endpoint(server.url, "healthz"), {
    headers: { Accept: "application/json", ...authorization(server.apiKey) },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (outcome.failure) return outcome;
  const health = await readJson(outcome.response);
  if (health?.status !== "ok") return { failure: { kind: "bad-answer", status: outcome.response.status } };
  return { health };
}

/**
 * The JSON body { url, html, ...fields }, gzip-compressed when large, with the headers that say
 * so. `fields` are further members (`summary`, `tags`).
 */
export async function encodeBody(page, fields = {}) {
  const members = { html: page.html, ...fields };
  if (isWebUrl(page.url)) members.url = page.url; // file: and data: pages have no URL to give
  const bytes = new TextEncoder().encode(JSON.stringify(members));
  const headers = { "Content-Type": "application/json" };
  if (bytes.length < GZIP_THRESHOLD_BYTES || typeof CompressionStream !== "function") {
    return { body: bytes, headers };
  }
  const compressed = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return { body: await new Response(compressed).arrayBuffer(), headers: { ...headers, "Content-Encoding": "gzip" } };
}

/** Whether a page's address is one a server can be given (http or https). */
export function isWebUrl(url) {
  return /^https?:/i.test(url ?? "");
}

/**
 * Whether the server takes this API key: a minimal page is sent, and anything but 401/403 means
 * the key (or no key) is accepted. /healthz is open to all, so it cannot tell.
 */
export async function checkKey(server, { timeoutMs = HEALTH_TIMEOUT_MS } = {}) {
  const outcome = await send(endpoint(server.url, "v1/extract"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...authorization(server.apiKey) },
    body: JSON.stringify({ html: "<p>Clearpage connection test</p>" }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (outcome.failure?.kind === "http" && [401, 403].includes(outcome.failure.status)) return outcome;
  if (outcome.failure && outcome.failure.kind !== "http") return outcome;
  return { accepted: true };
}
