"""Hostile and broken input: each gets a 200 or a clear 4xx problem+json, never a 500 or a hang,
and the service stays up for the next request. The table in docs/security.md comes from
benchmarks/hostile.py, which sends the same inputs to a running `clearpage serve`."""

from __future__ import annotations

import http.client
import json
import time

import pytest

from server import create_app
from tests.hostile_inputs import HOSTILE_INPUTS
from tests.service import clearpage_serve

ARTICLE = (
    "<html><body><article>"
    + "<p>The council met on Tuesday to fund the bridge, after years of debate.</p>" * 5
    + "</article></body></html>"
).encode()


@pytest.fixture(scope="module")
def client():
    return create_app({"TESTING": True, "RATELIMIT_ENABLED": False, "EXTRACT_TIME_LIMIT_SECONDS": 3}).test_client()


@pytest.mark.parametrize("case", HOSTILE_INPUTS, ids=[case.name for case in HOSTILE_INPUTS])
def test_hostile_input_gets_an_answer_not_a_crash(client, case):
    response = client.post("/v1/extract", data=case.body(), content_type=case.content_type, headers=case.headers)
    assert response.status_code in case.statuses, response.get_data()[:300]
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"
        assert response.get_json(force=True)["detail"]
    assert (
        client.post("/v1/extract", data=ARTICLE, content_type="text/html").status_code == 200
    )  # and the next one works


def test_entity_expansion_is_not_performed(client):
    billion_laughs = next(case for case in HOSTILE_INPUTS if case.name == "XML entity expansion")
    response = client.post("/v1/extract", data=billion_laughs.body(), content_type="text/html")
    assert len(response.get_data()) < 10_000


def test_a_page_that_takes_too_long_does_not_hold_the_worker():
    """gunicorn with one worker: the slow page is cut at the time limit, the next request is served."""
    with clearpage_serve(workers=1, EXTRACT_TIME_LIMIT_SECONDS="2", RATELIMIT_ENABLED="false") as server:
        slow = next(case for case in HOSTILE_INPUTS if case.name == "a million sibling paragraphs")
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        started = time.monotonic()
        connection.request("POST", "/v1/extract", body=slow.body(), headers={"Content-Type": "text/html"})
        response = connection.getresponse()
        assert response.status == 422
        assert json.loads(response.read())["type"] == "urn:clearpage:problem:too-complex"
        assert time.monotonic() - started < 20  # the 2 s limit, not gunicorn's worker timeout
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("POST", "/v1/extract", body=ARTICLE, headers={"Content-Type": "text/html"})
        assert connection.getresponse().status == 200
