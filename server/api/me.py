"""GET /v1/me: who the token belongs to, and the address of their feed."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from server import db
from server.auth import bearer_secret, current_reader_id, require_reader
from server.models import User
from server.proxies import public_base_url
from server.users import feed_token_for

bp = Blueprint("me", __name__)
bp.before_request(require_reader)


@bp.get("/v1/me")
def me() -> Response:
    """Say the reader's name and their Atom feed's address (with its read-only token)."""
    with db.session() as session:
        user = session.get(User, current_reader_id())
        assert user is not None  # the token was found a moment ago
        name = user.name
    # The feed token derives from the token this request carries, which current_reader_id checked.
    feed_token = feed_token_for(bearer_secret() or "")
    return jsonify(name=name, feed_url=f"{public_base_url()}/v1/feed.atom?token={feed_token}")
