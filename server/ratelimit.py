"""Rate limits: who a limit counts (key, else address), the headers, and a storage that fails.

The limiter itself is ``server.extensions.limiter``. A caller with a valid credential is counted by
that credential wherever it connects from; anyone else by client address (``server.proxies``).
Counts live where ``RATELIMIT_STORAGE_URI`` says: ``memory://`` is per process, so with several
gunicorn workers or instances only a shared Redis makes the limit hold exactly.

When the storage cannot be reached, ``RATELIMIT_SWALLOW_ERRORS`` decides (flask-limiter's own
switch): true serves the request without a limit and logs the error (fail open, the default: a
Redis outage should not take reading down with it); false answers 503 (fail closed).
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask, Response, current_app, request
from limits.errors import StorageError

from server.auth import current_credential
from server.errors import ServiceUnavailable, error_response
from server.proxies import client_address

# flask-limiter's settings that Clearpage fixes (CLEARPAGE_RATELIMIT_* variables still override
# them): the IETF RateLimit-* header names.
LIMITER_CONFIG: dict[str, Any] = {
    "RATELIMIT_HEADER_LIMIT": "RateLimit-Limit",
    "RATELIMIT_HEADER_REMAINING": "RateLimit-Remaining",
    "RATELIMIT_HEADER_RESET": "RateLimit-Reset",
}
# A Redis that answers or fails within seconds: the client's default is to wait for ever.
REDIS_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}


def default_limit() -> str:
    """RATELIMIT_DEFAULT, read per request.

    flask-limiter keeps the first app's default limits otherwise, and every app the factory builds
    (one per test) must get its own.
    """
    return str(current_app.config["RATELIMIT_DEFAULT"])


def rate_limit_key() -> str:
    """What one limit counts: the caller's credential, else the client's address."""
    credential = current_credential()
    if credential is not None:
        return f"{credential.kind}:{credential.id}"
    address = client_address(
        request.remote_addr or "",
        request.headers.get("X-Forwarded-For"),
        current_app.extensions["clearpage_trusted_proxies"],
    )
    return f"address:{address}"


def is_preflight() -> bool:
    """A CORS preflight carries no credential and does no work: never count or refuse it."""
    return request.method == "OPTIONS"


def ietf_headers(response: Response) -> Response:
    """Make flask-limiter's headers say what the IETF RateLimit draft and RFC 9110 say they mean.

    flask-limiter writes the reset time as a Unix timestamp, where RateLimit-Reset is the seconds
    until the window resets; and it sends Retry-After on every response, where it only means
    something on a refusal (429, 503).
    """
    reset_at = response.headers.get("RateLimit-Reset")
    if reset_at and reset_at.isdigit():
        response.headers["RateLimit-Reset"] = str(max(0, int(reset_at) - int(time.time())))
    if response.status_code not in (429, 503):
        response.headers.pop("Retry-After", None)
    return response


def storage_unavailable(error: StorageError) -> Response:
    """Fail closed: the limit cannot be checked, so the request is refused for now (503)."""
    current_app.logger.error("rate-limit storage unavailable: %s", type(error.storage_error).__name__)
    refusal = ServiceUnavailable("The server cannot check its rate limits right now. Try again in a few seconds.")
    return error_response(refusal)


def init_app(app: Flask) -> None:
    """Fill in flask-limiter's fixed settings and hooks; call before ``limiter.init_app``.

    Registered before the limiter, ``ietf_headers`` runs after it has written its headers.
    """
    for name, value in LIMITER_CONFIG.items():
        app.config.setdefault(name, value)
    options = dict(app.config.get("RATELIMIT_STORAGE_OPTIONS") or {})
    if app.config["RATELIMIT_STORAGE_URI"].startswith("redis"):
        options = {**REDIS_OPTIONS, **options}
    options["wrap_exceptions"] = True  # every storage failure arrives as StorageError: 503 below
    app.config["RATELIMIT_STORAGE_OPTIONS"] = options
    app.after_request(ietf_headers)
    app.register_error_handler(StorageError, storage_unavailable)
