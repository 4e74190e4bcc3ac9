"""POST /v1/extract: a page in, its article out. HTTP in, one pipeline call, JSON out.

With ``"summary": true`` (or ``?summary=1``) the pipeline adds the article's key points, and the
operator's summary endpoint, when there is one, a short summary (``server/summary.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from server.api.page_request import read_page_request
from server.deadline import time_limit
from server.errors import BadRequest
from server.pipeline import Options, extract
from server.summary import Summary, summarise

bp = Blueprint("extract", __name__)

_QUERY_FLAGS = {"1": True, "true": True, "0": False, "false": False}


def pipeline_options(key_points: bool = False) -> Options:
    """The pipeline options this deployment's settings choose."""
    return Options(
        words_per_minute=current_app.config["READING_WORDS_PER_MINUTE"],
        images=current_app.config["IMAGES"],
        key_points=key_points,
    )


def wants_summary(fields: Mapping[str, Any], args: Mapping[str, str]) -> bool:
    """Whether the request asks for key points (and a summary): JSON ``summary`` or ``?summary=``.

    Both are checked whenever they are sent; the JSON member wins.
    """
    value = args.get("summary")
    if value is not None and value not in _QUERY_FLAGS:
        raise BadRequest("'summary' must be 1, true, 0 or false.")
    if "summary" in fields:
        if not isinstance(fields["summary"], bool):
            raise BadRequest("'summary' must be true or false.")
        return fields["summary"]
    return _QUERY_FLAGS.get(value or "0", False)


@bp.post("/v1/extract")
def extract_article() -> Response:
    """Extract the readable article from the page in the request."""
    page = read_page_request(request, current_app.config["MAX_BODY_BYTES"])
    asked = wants_summary(page.fields, request.args)
    with time_limit(current_app.config["EXTRACT_TIME_LIMIT_SECONDS"]):
        article = extract(page.page, url=page.url, charset=page.charset, options=pipeline_options(asked))
    # Outside the extraction's time limit: the summary call has its own bound.
    summary = summarise(article, current_app.config) if asked else Summary(None, None)
    return jsonify(article.as_dict() | {"summary": summary.text, "summary_note": summary.note})
