// How the extension talks to its Clearpage server: addresses under the server's own path, the
// bearer credential, no cookies and no referrer, and every outcome as { response } or { failure }.
// server.js (reader view) and reading-list.js (the reading list) build their calls on this.

// The server may live under a path (a reverse proxy's /clearpage/), so paths are relative to it.
export function endpoint(serverUrl, path) {
  return new URL(path, serverUrl.endsWith("/") ? serverUrl : `${serverUrl}/`).href;
}

/** The Authorization header for an API key or reading-list token (one credential, one header). */
export function authorization(apiKey) {
  return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
}

/** fetch, resolved to { response } for a 2xx answer, else { failure } saying what went wrong. */
export async function send(url, init) {
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

/** The response's body as JSON, or null when it is not JSON (the caller says what that means). */
export async function readJson(response) {
  const text = await response.text().catch(() => "");
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Seconds to wait from a Retry-After header (delay-seconds or an HTTP date), or null. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value.trim() === "") return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
