"""CORS: extension origins only, the configured ones when set; never a web page, a * or credentials."""

from __future__ import annotations

import pytest

from server import create_app
from server.config import ConfigError

CHROME = "chrome-extension://" + "abcdefghijklmnopabcdefghijklmnop"
OTHER_CHROME = "chrome-extension://" + "p" * 32
FIREFOX = "moz-extension://2f1c8e4a-7b3d-4c5e-9f60-1a2b3c4d5e6f"
ARTICLE = "<html><body><p>" + "A sentence of an article, long enough to read. " * 4 + "</p></body></html>"


def client_with(**settings):
    return create_app({"TESTING": True, **settings}).test_client()


def preflight(client, origin, headers="authorization,content-type"):
    return client.options(
        "/v1/extract",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": headers,
        },
    )


def post(client, origin, headers=None):
    return client.post(
        "/v1/extract", data=ARTICLE, content_type="text/html", headers={"Origin": origin, **(headers or {})}
    )


def assert_allowed(response, origin):
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "Access-Control-Allow-Credentials" not in response.headers
    assert "Origin" in response.headers.get("Vary", "")


def assert_refused(response):
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origin", [CHROME, OTHER_CHROME, FIREFOX])
def test_by_default_any_extension_origin_is_allowed(origin):
    client = client_with()
    assert_allowed(preflight(client, origin), origin)
    assert_allowed(post(client, origin), origin)


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "http://127.0.0.1:8080",
        "null",
        CHROME + ".evil.example",  # a suffix must not ride on a valid id
        "chrome-extension://short",
        "chrome-extension://" + "z" * 32,  # Chrome ids use the letters a-p only
        "safari-web-extension://" + "a" * 32,
        FIREFOX + "0",
    ],
)
def test_web_pages_and_lookalikes_are_never_allowed(origin):
    client = client_with()
    assert_refused(preflight(client, origin))
    assert_refused(post(client, origin))


def test_configured_origins_are_the_only_ones_allowed():
    client = client_with(CORS_ORIGINS=f"{CHROME}, {FIREFOX}")
    assert_allowed(preflight(client, CHROME), CHROME)
    assert_allowed(post(client, FIREFOX), FIREFOX)
    assert_refused(preflight(client, OTHER_CHROME))
    assert_refused(post(client, OTHER_CHROME))


def test_never_a_wildcard():
    client = client_with()
    for response in (preflight(client, CHROME), post(client, CHROME), post(client, "https://evil.example")):
        assert response.headers.get("Access-Control-Allow-Origin") != "*"


def test_preflight_allows_the_key_and_body_headers_and_exposes_the_limits():
    client = client_with(API_KEYS="k3y-0123456789abcdefghij")
    response = preflight(client, CHROME, "authorization,content-type,content-encoding")
    assert response.status_code == 200
    allowed = {h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")}
    assert allowed >= {"authorization", "content-type", "content-encoding"}
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    exposed = post(client, CHROME, {"Authorization": "Bearer k3y-0123456789abcdefghij"}).headers
    names = {h.strip().lower() for h in exposed["Access-Control-Expose-Headers"].split(",")}
    assert names >= {
        "x-request-id",
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "retry-after",
    }


def test_error_responses_carry_cors_headers_so_the_extension_can_read_them():
    client = client_with(API_KEYS="k3y-0123456789abcdefghij")
    response = post(client, CHROME)
    assert response.status_code == 401
    assert_allowed(response, CHROME)


@pytest.mark.parametrize("value", ["*", "https://example.org", "chrome-extension://*", f"{CHROME}/"])
def test_anything_but_extension_origins_is_refused_at_start(monkeypatch, value):
    monkeypatch.setenv("CLEARPAGE_CORS_ORIGINS", value)
    with pytest.raises(ConfigError, match="CLEARPAGE_CORS_ORIGINS"):
        create_app()


@pytest.mark.parametrize("method", ["PATCH", "DELETE", "GET"])
def test_the_reading_list_methods_are_allowed_from_the_extension(method):
    response = client_with().options(
        "/v1/articles/1",
        headers={
            "Origin": CHROME,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert_allowed(response, CHROME)
    assert method in response.headers["Access-Control-Allow-Methods"]


def test_location_and_content_disposition_are_exposed():
    exposed = client_with().get("/v1/articles", headers={"Origin": CHROME}).headers["Access-Control-Expose-Headers"]
    assert {"Location", "Content-Disposition"} <= {name.strip() for name in exposed.split(",")}
