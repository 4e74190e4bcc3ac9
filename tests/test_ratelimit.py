"""Rate limits: per key else per address, the IETF headers, and Redis shared by real workers."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from server import create_app
from tests.corpus import corpus_page

ARTICLE = "<html><body><p>" + "A sentence of an article, long enough to read. " * 4 + "</p></body></html>"
KEY_A = "key-a-0123456789abcdef"
KEY_B = "key-b-0123456789abcdef"


def limited_client(limit: str = "2/hour", **settings):
    return create_app({"TESTING": True, "RATELIMIT_DEFAULT": limit, **settings}).test_client()


def extract(client, headers=None, address="192.0.2.10"):
    return client.post(
        "/v1/extract",
        data=ARTICLE,
        content_type="text/html",
        headers=headers or {},
        environ_base={"REMOTE_ADDR": address},
    )


def statuses(client, count, **kwargs):
    return [extract(client, **kwargs).status_code for _ in range(count)]


def test_limit_counts_per_client_address():
    client = limited_client()
    assert statuses(client, 3, address="192.0.2.10") == [200, 200, 429]
    assert statuses(client, 2, address="192.0.2.11") == [200, 200]


def test_limit_counts_per_api_key_wherever_it_comes_from():
    client = limited_client(API_KEYS=f"{KEY_A},{KEY_B}")
    key_a = {"Authorization": f"Bearer {KEY_A}"}
    assert extract(client, key_a, "192.0.2.10").status_code == 200
    assert extract(client, key_a, "198.51.100.7").status_code == 200
    assert extract(client, key_a, "203.0.113.5").status_code == 429
    # Another key from the same address has its own count.
    assert statuses(client, 2, headers={"Authorization": f"Bearer {KEY_B}"}, address="192.0.2.10") == [
        200,
        200,
    ]


def test_wrong_keys_are_counted_by_address_so_guessing_is_limited():
    client = limited_client(API_KEYS=KEY_A)
    wrong = {"Authorization": "Bearer not-the-key-0123456789"}
    assert statuses(client, 3, headers=wrong) == [401, 401, 429]


def test_forwarded_for_is_ignored_without_trusted_proxies():
    client = limited_client()
    spoofed = [{"X-Forwarded-For": f"203.0.113.{n}"} for n in range(3)]
    assert [extract(client, headers).status_code for headers in spoofed] == [200, 200, 429]


def test_forwarded_for_names_the_client_behind_a_trusted_proxy():
    client = limited_client(TRUSTED_PROXIES="10.0.0.0/8")
    for client_ip in ("203.0.113.1", "203.0.113.2"):
        headers = {"X-Forwarded-For": client_ip}
        assert statuses(client, 2, headers=headers, address="10.1.2.3") == [200, 200]
    # The proxy's own address is not the key: a third client is not refused for the others.
    assert extract(client, {"X-Forwarded-For": "203.0.113.3"}, "10.1.2.3").status_code == 200
    # ...but the same client through the proxy is.
    assert extract(client, {"X-Forwarded-For": "203.0.113.1"}, "10.1.2.3").status_code == 429


def test_forwarded_for_from_an_untrusted_peer_is_ignored_even_when_proxies_are_set():
    client = limited_client(TRUSTED_PROXIES="10.0.0.0/8")
    spoofed = [{"X-Forwarded-For": f"203.0.113.{n}"} for n in range(3)]
    assert [extract(client, h, "192.0.2.50").status_code for h in spoofed] == [200, 200, 429]


def test_headers_follow_the_ietf_draft():
    client = limited_client("5/minute")
    response = extract(client)
    assert response.headers["RateLimit-Limit"] == "5"
    assert response.headers["RateLimit-Remaining"] == "4"
    assert 0 < int(response.headers["RateLimit-Reset"]) <= 61  # seconds to go, not a timestamp
    assert "Retry-After" not in response.headers  # only a refusal says when to retry
    assert "X-RateLimit-Limit" not in response.headers


def test_429_has_retry_after_and_ratelimit_headers():
    client = limited_client("1/minute")
    extract(client)
    response = extract(client)
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert 0 < int(response.headers["Retry-After"]) <= 61
    assert response.headers["RateLimit-Remaining"] == "0"
    assert 0 < int(response.headers["RateLimit-Reset"]) <= 61


def test_cors_preflight_is_never_counted():
    client = limited_client("1/minute")
    origin = "chrome-extension://" + "a" * 32
    for _ in range(3):
        preflight = client.options(
            "/v1/extract",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
    assert extract(client).status_code == 200


def test_health_and_metrics_are_never_limited():
    client = limited_client("1/minute")
    extract(client)
    for path in ("/healthz", "/readyz", "/openapi.json", "/metrics"):
        for _ in range(2):
            assert client.get(path, environ_base={"REMOTE_ADDR": "192.0.2.10"}).status_code == 200


# -- Redis, shared by real gunicorn workers --------------------------------------------------------


def post_page(served, page: bytes = ARTICLE.encode()):
    return served.request("POST", "/v1/extract", page, {"Content-Type": "text/html"})


def test_limit_holds_exactly_across_workers_with_redis(serve, redis_server):
    workers = 3
    served = serve(
        workers,
        RATELIMIT_STORAGE_URI=redis_server.url,
        RATELIMIT_DEFAULT="10/hour",
    )
    page = corpus_page("wikipedia").source  # ~0.1 s to read: concurrent requests land on every worker

    with ThreadPoolExecutor(max_workers=2 * workers) as pool:
        responses = list(pool.map(lambda _: post_page(served, page), range(30)))
    assert sorted(r.status for r in responses) == [200] * 10 + [429] * 20
    # One shared count: no allowed request saw more than the limit left. (The header is read after
    # the request, so two concurrent ones may both see the same number; the count itself is exact.)
    remaining = [int(r.getheader("RateLimit-Remaining")) for r in responses if r.status == 200]
    assert all(0 <= left < 10 for left in remaining)
    for refused in (r for r in responses if r.status == 429):
        assert refused.getheader("RateLimit-Limit") == "10"
        assert refused.getheader("RateLimit-Remaining") == "0"
        # Seconds, not a timestamp; flask-limiter rounds the window's end up by a second.
        assert 0 < int(refused.getheader("Retry-After")) <= 3601
        assert 0 < int(refused.getheader("RateLimit-Reset")) <= 3601
    log = served.stop()
    pids = {r["pid"] for r in log if r["logger"] == "gunicorn.access" and r["status"] == 200}
    assert len(pids) >= 2, "the allowed requests should have been spread over several workers"


def test_memory_storage_counts_per_worker(serve):
    """What Redis is for: with memory:// each worker keeps its own count, so more get through."""
    served = serve(3, RATELIMIT_DEFAULT="2/hour")
    page = corpus_page("wikipedia").source

    def send(_):
        return post_page(served, page).status

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(send, range(18)))
    assert results.count(200) > 2


def test_redis_down_fails_open_by_default(serve, redis_server):
    served = serve(2, RATELIMIT_STORAGE_URI=redis_server.url, RATELIMIT_DEFAULT="2/hour")
    assert post_page(served).status == 200
    redis_server.stop()
    for _ in range(4):  # past the limit, and still served: nothing can count
        response = post_page(served)
        assert response.status == 200
    ready = served.request("GET", "/readyz")
    assert ready.status == 200
    assert json.loads(ready.body)["checks"]["ratelimit_storage"] == "unreachable"
    log = served.stop()
    assert any("Swallowing error" in r["message"] for r in log)  # the outage is in the log


def test_redis_down_fails_closed_when_configured(serve, redis_server):
    served = serve(
        2,
        RATELIMIT_STORAGE_URI=redis_server.url,
        RATELIMIT_SWALLOW_ERRORS="false",
    )
    assert post_page(served).status == 200
    redis_server.stop()
    started = time.monotonic()
    response = post_page(served)
    assert time.monotonic() - started < 10  # refused promptly, not hung
    assert response.status == 503
    assert response.getheader("Content-Type") == "application/problem+json"
    assert response.getheader("Retry-After") == "5"
    assert json.loads(response.body)["type"] == "urn:clearpage:problem:unavailable"
    assert served.request("GET", "/readyz").status == 503
    assert served.request("GET", "/healthz").status == 200  # alive, just not ready
    redis_server.start()  # same port: the limiter reconnects on its own
    response = post_page(served)
    assert response.status == 200


@pytest.mark.parametrize("value", ["sometimes", "1"])
def test_swallow_errors_must_be_a_boolean(monkeypatch, value):
    from server.config import ConfigError

    monkeypatch.setenv("CLEARPAGE_RATELIMIT_SWALLOW_ERRORS", value)
    with pytest.raises(ConfigError, match="CLEARPAGE_RATELIMIT_SWALLOW_ERRORS"):
        create_app()
