"""GET /v1/feed.atom?token=FEED_TOKEN: a reader's unarchived articles as Atom, newest first.

Feed readers cannot send headers, so the feed token travels in the query string; it opens this
feed and nothing else (it is not a bearer token anywhere), and the access log never records query
strings.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from server import db, reading_list
from server.errors import Unauthorized
from server.export.atom import feed
from server.proxies import public_base_url
from server.reading_list import Filters
from server.users import by_feed_token

bp = Blueprint("feed", __name__)

FEED_ENTRIES = 50
ATOM_MIME = "application/atom+xml"


@bp.get("/v1/feed.atom")
def reading_list_feed() -> Response:
    """The reader's unarchived articles as an Atom feed."""
    token = request.args.get("token", "")
    with db.session() as session:
        user = by_feed_token(session, token) if token else None
        if user is None:
            raise Unauthorized("This feed address has no valid token: copy it again from the extension (GET /v1/me).")
        found = reading_list.listing(session, user.id, Filters(archived=False), 1, FEED_ENTRIES, whole=True)
        document = feed(
            title=f"{user.name}'s reading list",
            self_url=f"{public_base_url()}/v1/feed.atom?token={token}",
            feed_id=f"urn:clearpage:feed:{user.id}",
            articles=found.articles,
            updated=user.created_at,  # an empty list's feed changed last when the reader was made
        )
    return Response(document, content_type=f"{ATOM_MIME}; charset=utf-8")
