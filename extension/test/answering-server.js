// A real HTTP server on loopback (node's http) for the API client's tests, not a mocked fetch: it
// records each request and answers with whatever the test scripted. No tests in this file.
import { createServer } from "node:http";
import { gunzipSync } from "node:zlib";

/** Start it; `server.answer = (request) => ({ status, headers, body })` scripts the next answers. */
export async function answeringServer() {
  const state = {
    url: "",
    seen: null, // the last request: { method, url, headers, body }
    requests: [],
    answer: () => ({ status: 500 }),
    close: () => http.closeAllConnections() || http.close(),
    /** The last request's body as JSON, gunzipped when it came compressed. */
    json: () => JSON.parse((state.seen.headers["content-encoding"] === "gzip" ? gunzipSync(state.seen.body) : state.seen.body).toString("utf8")),
  };
  const http = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      state.seen = { method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks) };
      state.requests.push(state.seen);
      const { status, headers = {}, body = "" } = state.answer(state.seen);
      if (status === "hang") return; // never answers
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${http.address().port}`;
  return state;
}

export const json = (status, body, headers = {}) => ({
  status,
  headers: { "Content-Type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export const problem = (status, body, headers = {}) =>
  json(status, { status, ...body }, { "Content-Type": "application/problem+json", ...headers });
