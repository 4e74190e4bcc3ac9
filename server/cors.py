"""Which browser origins may call the API: browser extensions only, never a web page.

CORS_ORIGINS lists the extension origins allowed. Empty (the default), any Chrome or Firefox
extension origin is: right for a server on 127.0.0.1 that only this computer reaches, and with API
keys, where the key and not the origin is what admits a caller. Firefox gives every installation
its own random ``moz-extension://`` UUID, so a list of Firefox origins suits one person, not a team.

No ``*``, ever, and no ``Access-Control-Allow-Credentials``: the extension sends its key in the
Authorization header, which needs no cookies and no credentials mode.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from server.config import EXTENSION_ORIGIN, as_list

# flask-cors matches a compiled pattern from the start only; \Z anchors the end, so
# "chrome-extension://<id>.evil.example" is no match.
ANY_EXTENSION = re.compile(f"(?:{EXTENSION_ORIGIN.pattern})\\Z")
EXPOSED_HEADERS = [
    "X-Request-Id",
    "Location",
    "Content-Disposition",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
]


def allowed_origins(config: Mapping[str, Any]) -> list[re.Pattern[str]]:
    """The origin patterns CORS_ORIGINS allows: exactly those listed, else any extension."""
    listed = as_list(config["CORS_ORIGINS"])
    if not listed:
        return [ANY_EXTENSION]
    return [re.compile(re.escape(origin) + r"\Z") for origin in listed]


def cors_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """flask-cors' options for this deployment."""
    return {
        "origins": allowed_origins(config),
        "methods": ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        "allow_headers": ["Authorization", "Content-Type", "Content-Encoding", "X-Request-Id"],
        "expose_headers": EXPOSED_HEADERS,
        "supports_credentials": False,
        "max_age": 600,
    }
