"""One exception hierarchy, and the one RFC 9457 problem+json shape every error response takes.

Pipeline stages raise these; third-party failures are wrapped where they enter (readability's
``Unparseable`` becomes ``NotReadable`` in ``pipeline/readable.py``). The Flask handlers at the end
turn any of them, and any HTTP error, into ``{"type", "title", "status", "detail"}``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

PROBLEM_MIME = "application/problem+json"
# Our own problem types are URNs (absolute URIs that claim no web address); docs/api.md lists them.
PROBLEM_TYPE_BASE = "urn:clearpage:problem:"

log = logging.getLogger(__name__)


class ClearpageError(Exception):
    """Base class: an error with an HTTP status and a sentence a person can read."""

    status = 500
    title = "Internal error"
    slug = "internal-error"
    headers: dict[str, str] = {}  # noqa: RUF012  -- read-only; a subclass replaces it whole

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions

    def to_problem(self) -> dict[str, Any]:
        return problem(self.status, self.title, self.detail, self.slug, **self.extensions)


class BadRequest(ClearpageError):
    """The request is malformed: bad JSON, a field of the wrong type, a bad URL."""

    status = 400
    title = "Malformed request"
    slug = "malformed-request"


class Unauthorized(ClearpageError):
    """A credential is required and was missing or wrong."""

    status = 401
    title = "Unauthorized"
    slug = "unauthorized"
    headers = {"WWW-Authenticate": 'Bearer realm="clearpage"'}  # noqa: RUF012  -- RFC 6750


class PayloadTooLarge(ClearpageError):
    """The page is larger than MAX_BODY_BYTES (after decompression)."""

    status = 413
    title = "Page too large"
    slug = "page-too-large"


class UnsupportedMediaType(ClearpageError):
    """A Content-Type or Content-Encoding the API does not take."""

    status = 415
    title = "Unsupported media type"
    slug = "unsupported-media-type"


class NotReadable(ClearpageError):
    """The page holds no article a reader view could show (a home page, a form, an empty page)."""

    status = 422
    title = "No readable article"
    slug = "not-readable"


class PageTooComplex(ClearpageError):
    """Extraction did not finish within EXTRACT_TIME_LIMIT_SECONDS."""

    status = 422
    title = "Page too complex"
    slug = "too-complex"


class ServiceUnavailable(ClearpageError):
    """Something the server depends on (the rate-limit storage) cannot be reached; try again soon."""

    status = 503
    title = "Service unavailable"
    slug = "unavailable"
    headers = {"Retry-After": "5"}  # noqa: RUF012


def problem(status: int, title: str, detail: str, slug: str | None = None, **extensions: Any) -> dict[str, Any]:
    """The problem+json body; ``slug`` names the documented problem type, None for a plain status."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    body.update(extensions)
    return body


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps(body), status=body["status"], mimetype=PROBLEM_MIME)
    response.headers.update(headers or {})
    return response


def error_response(error: ClearpageError) -> Response:
    """The problem+json response for one of our errors, with its headers (Retry-After, ...)."""
    return problem_response(error.to_problem(), error.headers)


def internal_error() -> Response:
    """The 500 for a bug: the same words whatever failed, so nothing of the cause reaches the caller."""
    return error_response(ClearpageError("The server failed on this request."))


def _handle_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    body = problem(status, error.name, error.description or error.name)
    headers = {
        name: value
        for name, value in error.get_headers()
        if name.lower() in ("allow", "retry-after") or name.lower().startswith("ratelimit")
    }
    return problem_response(body, headers)


def _handle_unexpected(error: Exception) -> Response:
    # A bug, not bad input: log the traceback (no page content is in it) and answer in the same shape.
    log.exception("unhandled %s", type(error).__name__)
    return internal_error()


def register_error_handlers(app: Flask) -> None:
    """Make every error response problem+json."""
    app.register_error_handler(ClearpageError, error_response)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)
