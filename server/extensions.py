"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

from __future__ import annotations

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def _default_limit() -> str:
    # Read per request, not once: flask-limiter keeps the first app's defaults otherwise, and
    # every app the factory builds (one per test) must get its own RATELIMIT_DEFAULT.
    return str(current_app.config["RATELIMIT_DEFAULT"])


# Limits apply per client address. Rate-limit headers are always sent: a client that is told
# when it may try again does not need to guess (RateLimit-*, and Retry-After on 429).
limiter = Limiter(key_func=get_remote_address, default_limits=[_default_limit], headers_enabled=True)
