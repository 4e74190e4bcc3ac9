"""POST /v1/extract: a page in, its article out. HTTP in, one pipeline call, JSON out."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from server.api.page_request import read_page_request
from server.deadline import time_limit
from server.pipeline import Options, extract

bp = Blueprint("extract", __name__)


def pipeline_options() -> Options:
    """The pipeline options this deployment's settings choose."""
    return Options(
        words_per_minute=current_app.config["READING_WORDS_PER_MINUTE"],
        images=current_app.config["IMAGES"],
    )


@bp.post("/v1/extract")
def extract_article() -> Response:
    """Extract the readable article from the page in the request."""
    page = read_page_request(request, current_app.config["MAX_BODY_BYTES"])
    with time_limit(current_app.config["EXTRACT_TIME_LIMIT_SECONDS"]):
        article = extract(page.page, url=page.url, charset=page.charset, options=pipeline_options())
    return jsonify(article.as_dict())
