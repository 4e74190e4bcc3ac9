"""GET /healthz, GET /readyz and GET /openapi.json: what a monitor and an API client ask first.

/healthz says the process answers (liveness: restart it if not). /readyz says it can do its work
(readiness: send it traffic): the pipeline reads a small built-in page, and the rate-limit storage
answers, or the limiter is set to fail open without it.
"""

from __future__ import annotations

import json
import logging
from functools import cache
from importlib.resources import files
from typing import Any

from flask import Blueprint, Response, current_app, jsonify

from server.errors import ClearpageError
from server.extensions import limiter
from server.pipeline import extract
from server.version import __version__

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@cache
def openapi_document(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the API, stamped with the running version."""
    document = json.loads(files("server.api").joinpath("openapi.json").read_text("utf-8"))
    document["info"]["version"] = version
    return document


@bp.get("/healthz")
def healthz() -> Response:
    """Say the service is up, and which version it runs."""
    return jsonify(status="ok", version=__version__)


READINESS_PAGE = (
    "<html><head><title>Ready</title></head><body><article><h1>Ready</h1><p>"
    + "This short page is read by the server to check that extraction works. " * 4
    + "</p></article></body></html>"
)


def pipeline_works() -> bool:
    """Whether the pipeline reads the built-in page as an article."""
    try:
        return bool(extract(READINESS_PAGE).text)
    except ClearpageError:
        return False
    except Exception:
        # A bug, and the answer to this check: not ready. The traceback holds no page content.
        log.exception("readiness: the pipeline failed on the built-in page")
        return False


@bp.get("/readyz")
def readyz() -> Response:
    """Say whether the service can serve extractions now, and what each check found."""
    # With rate limiting off, flask-limiter makes no storage at all: there is nothing to reach.
    limiting = current_app.config["RATELIMIT_ENABLED"]
    storage_ok = not limiting or limiter.storage.check()
    checks = {
        "pipeline": "ok" if pipeline_works() else "failed",
        "ratelimit_storage": "disabled" if not limiting else "ok" if storage_ok else "unreachable",
    }
    fails_closed = not current_app.config["RATELIMIT_SWALLOW_ERRORS"]
    ready = checks["pipeline"] == "ok" and (storage_ok or not fails_closed)
    response = jsonify(status="ready" if ready else "not ready", checks=checks)
    response.status_code = 200 if ready else 503
    return response


@bp.get("/openapi.json")
def openapi() -> Response:
    """Serve the OpenAPI document."""
    return jsonify(openapi_document(__version__))
