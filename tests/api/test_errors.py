"""Every error path answers in the one RFC 9457 problem+json shape, with a status that says why."""

from __future__ import annotations

import gzip
import json

import pytest

from server import create_app

ARTICLE = "<html><body><p>" + "A sentence of an article, long enough to read. " * 4 + "</p></body></html>"


def assert_problem(response, status: int, slug: str | None = None) -> dict:
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"].strip()
    assert body["type"] == (f"urn:clearpage:problem:{slug}" if slug else "about:blank")
    return body


@pytest.mark.parametrize(
    ("data", "content_type", "needle"),
    [
        (b"{not json", "application/json", "not valid JSON"),
        (b"[1, 2]", "application/json", "must be an object"),
        (b"{}", "application/json", "'html' is missing"),
        (b'{"html": 42}', "application/json", "'html' must be a string"),
        (b'{"html": ["<p>"]}', "application/json", "'html' must be a string"),
        (b'{"html": "   "}', "application/json", "'html' is empty"),
        (b'{"html": "<p>x</p>", "url": 7}', "application/json", "'url' must be a string"),
        (b'{"html": "<p>x</p>", "url": "javascript:alert(1)"}', "application/json", "absolute http"),
        (b'{"html": "<p>x</p>", "url": "/relative/path"}', "application/json", "absolute http"),
        (b'{"html": "<p>x</p>", "url": "http://[::1"}', "application/json", "not a valid URL"),
        (b'{"html": "<p>x</p>", "url": "https://x.example/\\ud800"}', "application/json", "not a valid URL"),
        (b"\xff\xfe\x00", "application/json", "not valid UTF-8"),
        (b"[" * 100_000, "application/json", "nested too deeply"),
        (b"", "text/html", "body is empty"),
    ],
)
def test_malformed_requests_get_400(client, data, content_type, needle):
    body = assert_problem(client.post("/v1/extract", data=data, content_type=content_type), 400, "malformed-request")
    assert needle in body["detail"]


def test_bad_url_query_parameter_gets_400(client):
    response = client.post(
        "/v1/extract", query_string={"url": "ftp://example.org/x"}, data=ARTICLE, content_type="text/html"
    )
    assert_problem(response, 400, "malformed-request")


def test_invalid_gzip_gets_400(client):
    response = client.post(
        "/v1/extract", data=b"not gzip at all", content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    assert_problem(response, 400, "malformed-request")


def test_truncated_gzip_gets_400(client):
    data = gzip.compress(ARTICLE.encode())[:-12]
    response = client.post("/v1/extract", data=data, content_type="text/html", headers={"Content-Encoding": "gzip"})
    assert_problem(response, 400, "malformed-request")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "image/png"])
def test_unsupported_content_type_gets_415(client, content_type):
    assert_problem(
        client.post("/v1/extract", data=b"<p>x</p>", content_type=content_type), 415, "unsupported-media-type"
    )


def test_missing_content_type_gets_415(client):
    assert_problem(client.post("/v1/extract", data=b"<p>x</p>"), 415, "unsupported-media-type")


def test_unsupported_content_encoding_gets_415(client):
    response = client.post("/v1/extract", data=b"x", content_type="text/html", headers={"Content-Encoding": "br"})
    assert_problem(response, 415, "unsupported-media-type")


@pytest.fixture
def small_client():
    return create_app({"TESTING": True, "MAX_BODY_BYTES": 1000}).test_client()


def test_body_over_the_limit_gets_413(small_client):
    body = assert_problem(
        small_client.post("/v1/extract", data=b"<p>" + b"x" * 2000, content_type="text/html"),
        413,
        "page-too-large",
    )
    assert body["max_bytes"] == 1000


def test_gzip_bomb_gets_413_on_decompressed_size(small_client):
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000)
    assert len(bomb) < 1000 * 10
    response = small_client.post(
        "/v1/extract", data=bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    assert_problem(response, 413, "page-too-large")


def test_json_over_the_limit_gets_413(small_client):
    data = json.dumps({"html": "<p>" + "y" * 5000 + "</p>"})
    assert_problem(small_client.post("/v1/extract", data=data, content_type="application/json"), 413, "page-too-large")


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><body><script>document.write('hi')</script></body></html>",
        "<html><frameset><frame src='a.html'></frameset></html>",
        "<!-- only a comment -->",
        "<html><body><div style='display:none'><p>Hidden text the reader never saw.</p></div></body></html>",
    ],
)
def test_page_without_article_gets_422_with_a_sentence(client, html):
    body = assert_problem(client.post("/v1/extract", data=html, content_type="text/html"), 422, "not-readable")
    assert body["detail"].endswith(".") and len(body["detail"].split()) > 5


def test_rate_limit_gets_429_with_retry_after():
    client = create_app({"TESTING": True, "RATELIMIT_DEFAULT": "2/minute"}).test_client()
    for _ in range(2):
        assert client.post("/v1/extract", data=ARTICLE, content_type="text/html").status_code == 200
    response = client.post("/v1/extract", data=ARTICLE, content_type="text/html")
    assert_problem(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/healthz").status_code == 200  # health checks are never limited


def test_unknown_route_gets_404(client):
    assert_problem(client.get("/v1/nothing-here"), 404)


def test_wrong_method_gets_405_with_allow(client):
    response = client.get("/v1/extract")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_unexpected_failure_gets_500_problem_without_internals(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal state")

    monkeypatch.setattr("server.api.extract.extract", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().post("/v1/extract", data=ARTICLE, content_type="text/html")
    body = assert_problem(response, 500, "internal-error")
    assert "secret" not in json.dumps(body)


def test_extraction_past_the_time_limit_gets_422(monkeypatch):
    def slow(*args, **kwargs):
        while True:  # a page that never finishes
            pass

    monkeypatch.setattr("server.api.extract.extract", slow)
    client = create_app({"TESTING": True, "EXTRACT_TIME_LIMIT_SECONDS": 0.2}).test_client()
    body = assert_problem(client.post("/v1/extract", data=ARTICLE, content_type="text/html"), 422, "too-complex")
    assert "0.2 seconds" in body["detail"]
    assert client.post("/v1/extract", data=ARTICLE, content_type="text/html").status_code == 422  # and again
