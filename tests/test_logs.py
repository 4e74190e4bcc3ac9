"""Logs: JSON lines, a request id on each and in X-Request-Id, stage timings at DEBUG, no page content."""

from __future__ import annotations

import io
import json
import logging

import pytest

from server import create_app, logs
from server.metrics import STAGES
from tests.conftest import fixture_bytes

URL = "https://secret.example/private/article"


def extract(client, headers=None):
    return client.post(
        "/v1/extract",
        query_string={"url": URL},
        data=fixture_bytes("article.html"),
        content_type="text/html",
        headers=headers or {},
    )


def test_every_response_carries_a_new_request_id(client):
    first = extract(client).headers["X-Request-Id"]
    second = client.get("/healthz").headers["X-Request-Id"]
    assert len(first) == 32 and first != second


def test_a_plain_request_id_from_a_proxy_is_kept(client):
    response = extract(client, {"X-Request-Id": "nginx-7f3a.42_b"})
    assert response.headers["X-Request-Id"] == "nginx-7f3a.42_b"


@pytest.mark.parametrize("offered", ["", "has space", "x" * 129, 'quote"', "tab\tin", "ünïcode"])
def test_an_unsafe_request_id_is_replaced(client, offered):
    response = client.get("/healthz", headers={"X-Request-Id": offered})
    assert response.headers["X-Request-Id"] != offered
    assert len(response.headers["X-Request-Id"]) == 32


def test_errors_carry_the_request_id_too(client):
    response = client.post("/v1/extract", data=b"{", content_type="application/json")
    assert response.status_code == 400
    assert len(response.headers["X-Request-Id"]) == 32


def capture_json_logs(level: str) -> io.StringIO:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.json_formatter())
    handler.addFilter(logs.RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return stream


@pytest.fixture
def json_log():
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    yield capture_json_logs
    root.handlers[:], root.level = before


def test_debug_logs_time_every_stage_with_the_request_id_and_no_content(json_log):
    stream = json_log("DEBUG")
    client = create_app({"TESTING": True, "LOG_LEVEL": "DEBUG"}).test_client()
    response = extract(client)
    assert response.status_code == 200
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    timed = [r for r in records if r["message"] == "extraction timed"]
    assert len(timed) == 1
    record = timed[0]
    assert record["request_id"] == response.headers["X-Request-Id"]
    assert record["level"] == "DEBUG" and record["status"] == 200
    assert list(record["stage_ms"]) == list(STAGES)
    assert all(ms >= 0 for ms in record["stage_ms"].values())
    assert record["total_ms"] >= sum(record["stage_ms"].values())
    text = stream.getvalue()
    assert "secret.example" not in text and "river" not in text.lower()


def test_info_logs_no_timings(json_log):
    stream = json_log("INFO")
    client = create_app({"TESTING": True}).test_client()
    assert extract(client).status_code == 200
    assert "extraction timed" not in stream.getvalue()


def test_a_log_line_is_one_json_object_with_the_fields_a_collector_needs(json_log):
    stream = json_log("INFO")
    logging.getLogger("server.test").warning("disk %s", "full", extra={"free_bytes": 0})
    record = json.loads(stream.getvalue())
    assert record["message"] == "disk full"
    assert record["level"] == "WARNING" and record["logger"] == "server.test"
    assert record["free_bytes"] == 0 and record["request_id"] is None
    assert {"time", "pid"} <= set(record)


def test_served_debug_logs_have_stage_timings_and_no_page_content(serve):
    served = serve(1, LOG_LEVEL="DEBUG")
    response = served.request(
        "POST", f"/v1/extract?url={URL}", fixture_bytes("article.html"), {"Content-Type": "text/html"}
    )
    assert response.status == 200
    request_id = response.getheader("X-Request-Id")
    records = served.stop()  # every line parses as JSON
    timed = [r for r in records if r["message"] == "extraction timed"]
    assert [r["request_id"] for r in timed] == [request_id]
    assert list(timed[0]["stage_ms"]) == list(STAGES)
    access = [r for r in records if r.get("path") == "/v1/extract"]
    assert [r["request_id"] for r in access] == [request_id]
    text = served.log_path.read_text()
    assert "secret.example" not in text and "river" not in text.lower()
