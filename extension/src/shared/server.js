// The Clearpage server's HTTP API (docs/api.md), as the extension calls it. Every call resolves to
// { article } / { health } on success or { failure } with what went wrong; problems.js turns a
// failure into sentences. Nothing here touches the DOM, so it also runs under node's tests.

// Pages larger than this are sent gzip-compressed: HTML shrinks five to tenfold.
export const GZIP_THRESHOLD_BYTES = 32 * 1024;
export const EXTRACT_TIMEOUT_MS = 60_000;
export const HEALTH_TIMEOUT_MS = 10_000;

/** Send a captured page ({ url, html }) to the server; resolve to { article } or { failure }. */
export async function extract(server, page, { timeoutMs = EXTRACT_TIMEOUT_MS } = {}) {
  const { body, headers } = await encodeBody(page);
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

/** The JSON body { url, html }, gzip-compressed when large, with the headers that say so. */
export async function encodeBody(page) {
  const fields = { html: page.html };
  if (/^https?:/i.test(page.url ?? "")) fields.url = page.url; // file: and data: pages have no URL to give
  const bytes = new TextEncoder().encode(JSON.stringify(fields));
  const headers = { "Content-Type": "application/json" };
  if (bytes.length < GZIP_THRESHOLD_BYTES || typeof CompressionStream !== "function") {
    return { body: bytes, headers };
  }
  const compressed = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return { body: await new Response(compressed).arrayBuffer(), headers: { ...headers, "Content-Encoding": "gzip" } };
}

/** Seconds to wait from a Retry-After header (delay-seconds or an HTTP date), or null. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

// The server may live under a path (a reverse proxy's /clearpage/), so paths are relative to it.
function endpoint(serverUrl, path) {
  return new URL(path, serverUrl.endsWith("/") ? serverUrl : `${serverUrl}/`).href;
}

function authorization(apiKey) {
  return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
}

async function send(url, init) {
  let response;
  try {
    // No cookies and no referrer: the server learns only what the reader chose to send it.
    response = await fetch(url, { ...init, credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" });
  } catch (error) {
    return { failure: { kind: error?.name === "TimeoutError" ? "timeout" : "unreachable" } };
  }
  if (response.ok) return { response };
  return { failure: await httpFailure(response) };
}

async function httpFailure(response) {
  // An error page from a proxy in front of the server is HTML, not problem+json: then no detail.
  const problem = (await readJson(response)) ?? {};
  return {
    kind: "http",
    status: response.status,
    detail: typeof problem.detail === "string" && problem.detail.trim() ? problem.detail.trim() : null,
    maxBytes: Number.isInteger(problem.max_bytes) ? problem.max_bytes : null,
    retryAfterSeconds: parseRetryAfter(response.headers.get("Retry-After")),
  };
}

async function readJson(response) {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text);
  } catch {
    return null; // not JSON: the caller says what that means for it
  }
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
