"""Prometheus metrics: requests by route and status, request latency, and time per pipeline stage.

Under ``clearpage serve`` each gunicorn worker writes its samples to files in one directory
(prometheus_client's multiprocess mode, ``use_shared_directory``) and ``/metrics`` adds them up, so
a scrape sees the whole server whichever worker answers it. In one process (tests, a debugger)
samples stay in memory. Labels are routes and stage names, never a page's address.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, g, has_request_context, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)

from server import pipeline

MULTIPROCESS_DIRECTORY = "PROMETHEUS_MULTIPROC_DIR"  # prometheus_client's own variable

# The functions ``server.pipeline.extract`` calls, in order: each is timed where extract finds it.
STAGES = ("decode", "parse", "preclean", "metadata", "access", "readable", "postclean", "sanitize", "render")
OPTIONAL_STAGES = ("keypoints",)  # run only when the request asks (summary: true)

REQUESTS = Counter(
    "clearpage_http_requests", "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
)  # fmt: skip
REQUEST_SECONDS = Histogram(
    "clearpage_http_request_duration_seconds", "Time to answer an HTTP request, by route.", ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)  # fmt: skip
STAGE_SECONDS = Histogram(
    "clearpage_pipeline_stage_seconds", "Time spent in each pipeline stage.", ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5),
)  # fmt: skip


def use_shared_directory(directory: str) -> None:
    """Keep samples in files under ``directory``, shared by processes forked after this call.

    prometheus_client chooses where samples live when it is first imported, which ``clearpage``
    has done by the time it knows it will fork; every metric here has labels, so no sample exists
    yet and choosing again is safe.
    """
    os.environ[MULTIPROCESS_DIRECTORY] = directory
    values.ValueClass = values.get_value_class()


def exposition() -> Response:
    """Every sample in Prometheus' text format, added up over all workers when there are several."""
    registry = REGISTRY
    if os.environ.get(MULTIPROCESS_DIRECTORY):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def _timed(name: str, stage: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(stage)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return stage(*args, **kwargs)
        finally:
            seconds = time.perf_counter() - started
            STAGE_SECONDS.labels(name).observe(seconds)
            if has_request_context():
                g.setdefault("stage_seconds", {})[name] = seconds

    timed.timed_stage = name  # type: ignore[attr-defined]
    return timed


def time_pipeline_stages() -> None:
    """Wrap each stage where ``server.pipeline.extract`` looks it up; the stage modules stay as they are."""
    for name in STAGES + OPTIONAL_STAGES:
        stage = getattr(pipeline, name)  # a renamed stage fails here, at start, not silently
        if not hasattr(stage, "timed_stage"):
            setattr(pipeline, name, _timed(name, stage))


def _start_timer() -> None:
    g.metrics_started = time.perf_counter()


def _record(response: Response) -> Response:
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    REQUEST_SECONDS.labels(route).observe(time.perf_counter() - g.metrics_started)
    return response


def init_app(app: Flask) -> None:
    """Count and time every request; register before the limiter, so refused requests count too."""
    time_pipeline_stages()
    app.before_request(_start_timer)
    app.after_request(_record)
