"""GET /healthz and GET /openapi.json: what a monitor and an API client ask first."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from flask import Blueprint, Response, jsonify

from server.version import __version__

bp = Blueprint("health", __name__)


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


@bp.get("/openapi.json")
def openapi() -> Response:
    """Serve the OpenAPI document."""
    return jsonify(openapi_document(__version__))
