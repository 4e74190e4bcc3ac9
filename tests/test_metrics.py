"""/metrics: Prometheus text with requests, statuses, latency and pipeline stage time."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from prometheus_client.parser import text_string_to_metric_families

from server import pipeline
from server.metrics import STAGES, time_pipeline_stages
from tests.conftest import fixture_bytes
from tests.corpus import corpus_page


def parse(text: str) -> dict[tuple[str, frozenset], float]:
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def samples(client) -> dict[tuple[str, frozenset], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    return parse(response.get_data(as_text=True))


def value(found, name, **labels) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_by_route_method_and_status(client):
    before = samples(client)
    client.post("/v1/extract", data=fixture_bytes("article.html"), content_type="text/html")
    client.post("/v1/extract", data=b"{", content_type="application/json")
    client.get("/no/such/page")
    after = samples(client)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    total = "clearpage_http_requests_total"
    assert grew(total, route="/v1/extract", method="POST", status="200") == 1
    assert grew(total, route="/v1/extract", method="POST", status="400") == 1
    assert grew(total, route="unmatched", method="GET", status="404") == 1
    latency = "clearpage_http_request_duration_seconds_count"
    assert grew(latency, route="/v1/extract") == 2


def test_every_pipeline_stage_is_timed(client):
    before = samples(client)
    assert client.post("/v1/extract", data=fixture_bytes("article.html"), content_type="text/html").status_code == 200
    after = samples(client)
    for stage in STAGES:
        name = "clearpage_pipeline_stage_seconds_count"
        assert value(after, name, stage=stage) - value(before, name, stage=stage) == 1, stage
        assert value(after, "clearpage_pipeline_stage_seconds_sum", stage=stage) > 0


def test_stages_are_wrapped_once_however_many_apps_are_built(app):
    wrapped = pipeline.parse
    time_pipeline_stages()
    assert pipeline.parse is wrapped
    assert wrapped.__wrapped__.__module__ == "server.pipeline.parse"


def test_a_stage_that_does_not_exist_fails_loudly(monkeypatch):
    monkeypatch.setattr("server.metrics.STAGES", ("parse", "no_such_stage"))
    with pytest.raises(AttributeError, match="no_such_stage"):
        time_pipeline_stages()


def test_metrics_add_up_over_gunicorn_workers(serve):
    served = serve(2)
    page = corpus_page("wikipedia").source  # slow enough that concurrent requests use both workers
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _: post_page(served, page).status, range(8)))
    assert statuses == [200] * 8
    for _ in range(4):  # whichever worker answers the scrape, it reports all eight extractions
        found = parse(served.request("GET", "/metrics").body.decode())
        assert value(found, "clearpage_http_requests_total", route="/v1/extract", method="POST", status="200") == 8
        assert value(found, "clearpage_pipeline_stage_seconds_count", stage="sanitize") == 8
    log = served.stop()
    assert len({r["pid"] for r in log if r.get("path") == "/v1/extract"}) == 2


def post_page(served, page):
    return served.request("POST", "/v1/extract", page, {"Content-Type": "text/html"})


def test_key_points_are_timed_when_asked_for(client):
    name = "clearpage_pipeline_stage_seconds_count"
    before = samples(client)
    client.post("/v1/extract", data=fixture_bytes("article.html"), content_type="text/html")
    middle = samples(client)
    client.post("/v1/extract?summary=1", data=fixture_bytes("article.html"), content_type="text/html")
    after = samples(client)
    assert value(middle, name, stage="keypoints") - value(before, name, stage="keypoints") == 0
    assert value(after, name, stage="keypoints") - value(middle, name, stage="keypoints") == 1
