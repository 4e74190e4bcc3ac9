"""Logs: one JSON object a line on stderr, each tagged with the id of the request it belongs to.

The request id comes from the caller's ``X-Request-Id`` when that is a plain token (a reverse proxy
may set one), else it is made here; it is echoed in the response's ``X-Request-Id``. At DEBUG, each
extraction logs its time per pipeline stage. No log line holds a page's text or address, a query
string, a body, or a credential: the access log has the path alone (``server/serve.py``).
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-Id"
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")

log = logging.getLogger(__name__)


class RequestIdFilter(logging.Filter):
    """Add the current request's id (or null outside a request) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id") if has_request_context() else None
        return True


def json_formatter() -> logging.Formatter:
    """time, level, logger, pid and message, then any ``extra=`` fields, as one JSON object."""
    return JsonFormatter(
        "{levelname}{name}{process}{message}",
        style="{",
        rename_fields={"levelname": "level", "name": "logger", "process": "pid"},
        timestamp="time",
    )


def configure(level: str) -> None:
    """Send every log record, from any library, to stderr as JSON at ``level``."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter())
    logging.basicConfig(level=level, handlers=[handler], force=True)


def request_id() -> str:
    """This request's id: the caller's X-Request-Id if it is a plain token, else a new one."""
    if "request_id" not in g:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = offered if _PLAIN_ID.fullmatch(offered) else uuid.uuid4().hex
    return g.request_id


def _start_request() -> None:
    request_id()
    g.started = time.perf_counter()


def _finish_request(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    stages = g.get("stage_seconds")
    if stages and log.isEnabledFor(logging.DEBUG):
        log.debug(
            "extraction timed",
            extra={
                "status": response.status_code,
                "total_ms": round((time.perf_counter() - g.started) * 1000, 2),
                "stage_ms": {name: round(seconds * 1000, 2) for name, seconds in stages.items()},
            },
        )
    return response


def init_app(app: Flask) -> None:
    """Give every request an id; register first, so every later hook and log line can use it."""
    app.before_request(_start_request)
    app.after_request(_finish_request)
