"""GET /metrics: Prometheus' text format, for a scraper (server/metrics.py defines what is in it)."""

from __future__ import annotations

from flask import Blueprint, Response

from server.metrics import exposition

bp = Blueprint("metrics", __name__)


@bp.get("/metrics")
def metrics() -> Response:
    """Serve every metric, summed over the server's workers."""
    return exposition()
