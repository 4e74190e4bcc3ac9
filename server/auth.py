"""Who is calling: optional API keys, required on the API once any key is configured.

A caller presents ``Authorization: Bearer <secret>``. Each function in ``CREDENTIAL_SOURCES``
turns a secret into a ``Credential`` or None: an API key, or a reader's token (``server/users.py``),
so one token is all a reader needs, wherever an API key is accepted too. The reading list takes
readers' tokens only (``require_reader``).

Keys are kept and compared as SHA-256 digests (``users.digest``, as readers' tokens are): a key
file holds no usable secret, and ``hmac.compare_digest`` runs over every stored digest, so the
time taken says nothing about which digest, or how much of one, matched. Keys are random strings
(``clearpage new-key``), so an unsalted digest is enough. No key, digest or Authorization header
is ever logged.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app, g, request

from server import db, users
from server.config import ConfigError, as_list
from server.errors import Unauthorized

_DIGEST_CHARS = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class Credential:
    """A caller the server recognised: what kind of credential, and a name for it that is no secret."""

    kind: str
    id: str


def new_key() -> str:
    """A fresh random API key (256 bits)."""
    return secrets.token_urlsafe(32)


def read_key_file(path: str) -> list[str]:
    """The digests in a key file; ConfigError naming the line when one is not a SHA-256 hex digest."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as error:
        raise ConfigError(f"CLEARPAGE_API_KEYS_FILE={path!r}: {error.strerror}") from None
    digests = []
    for number, line in enumerate(lines, 1):
        digest = line.split("#", 1)[0].strip().lower()
        if not digest:
            continue
        if len(digest) != 64 or not set(digest) <= _DIGEST_CHARS:
            raise ConfigError(f"CLEARPAGE_API_KEYS_FILE, line {number}: expected a SHA-256 hex digest")
        digests.append(digest)
    return digests


def api_key_digests(config: Mapping[str, Any]) -> tuple[str, ...]:
    """Every configured key's digest: API_KEYS hashed here, plus API_KEYS_FILE's lines."""
    digests = [users.digest(key) for key in as_list(config["API_KEYS"])]
    if config["API_KEYS_FILE"]:
        digests += read_key_file(config["API_KEYS_FILE"])
    return tuple(dict.fromkeys(digests))


def api_key_credential(secret: str) -> Credential | None:
    """The API key ``secret`` is, if it is one of this server's."""
    presented = users.digest(secret)
    found = None
    for digest in current_app.extensions["clearpage_api_keys"]:
        if hmac.compare_digest(digest, presented):  # no early exit: every digest, every time
            found = digest
    return Credential("api-key", found[:12]) if found else None


def reader_credential(secret: str) -> Credential | None:
    """The reader whose token ``secret`` is, if any (their id names them; it is no secret)."""
    with db.session() as session:
        user = users.by_token(session, secret)
    return Credential("user", str(user.id)) if user else None


CREDENTIAL_SOURCES: tuple[Callable[[str], Credential | None], ...] = (api_key_credential, reader_credential)


def credentials_required() -> bool:
    """Whether this server refuses callers without a credential."""
    return bool(current_app.extensions["clearpage_api_keys"])


def bearer_secret() -> str | None:
    """The secret in this request's ``Authorization: Bearer`` header, if there is one."""
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() or None if scheme.lower() == "bearer" else None


def _authenticate(secret: str | None) -> Credential | None:
    if secret is None:
        return None
    for source in CREDENTIAL_SOURCES:
        credential = source(secret)
        if credential is not None:
            return credential
    return None


def current_credential() -> Credential | None:
    """The valid credential this request carries, or None; checked once per request."""
    if "credential" not in g:
        g.credential = _authenticate(bearer_secret())
    return g.credential


def require_credential() -> None:
    """Refuse the request with 401 when this server needs a credential and it carries no valid one."""
    if request.method == "OPTIONS" or not credentials_required() or current_credential():
        return
    if bearer_secret() is None:
        raise Unauthorized("This server needs an API key: send it as 'Authorization: Bearer <key>'.")
    raise Unauthorized("The API key sent is not one this server accepts.")


def current_reader_id() -> int:
    """The id of the reader this request's token belongs to; 401 when it carries no reader's token."""
    credential = current_credential()
    if credential is None or credential.kind != "user":
        if bearer_secret() is None:
            raise Unauthorized(
                "The reading list needs your token: send it as 'Authorization: Bearer <token>' "
                "(clearpage users add NAME makes one)."
            )
        raise Unauthorized("The token sent is not a reader's token on this server.")
    return int(credential.id)


def require_reader() -> None:
    """Refuse the request with 401 unless it carries a reader's token (preflights pass)."""
    if request.method != "OPTIONS":
        current_reader_id()
