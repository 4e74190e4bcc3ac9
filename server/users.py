"""Readers and their tokens: ``clearpage users add NAME`` makes one, a token identifies them anywhere.

A token is 256 random bits (``secrets.token_urlsafe(32)``), shown once and stored only as its
SHA-256 digest, so the database holds nothing a thief could sign in with. A reader's feed token
is derived from their token (an HMAC), so ``GET /v1/me`` can show the feed's address again without
the server storing it: it too is kept as a digest only. Giving a reader a new token
(``clearpage users token NAME``) ends the old one and the old feed address with it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import Article, User

NAME = re.compile(r"[\w.@+-]{1,64}")
_FEED_KEY_LABEL = b"clearpage feed token"


class UserError(ValueError):
    """A users command that cannot be done: a bad or taken name, or no such reader."""


@dataclass(frozen=True)
class Tokens:
    """A reader's new secrets, shown once."""

    name: str
    token: str
    feed_token: str


@dataclass(frozen=True)
class Reader:
    """A reader as ``clearpage users list`` shows them."""

    name: str
    created_at: datetime
    articles: int


def digest(secret: str) -> str:
    """The SHA-256 hex digest a token is stored and looked up under."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def feed_token_for(token: str) -> str:
    """The read-only feed token that belongs to ``token``."""
    mac = hmac.new(token.encode("utf-8"), _FEED_KEY_LABEL, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def _new_tokens(name: str) -> Tokens:
    token = secrets.token_urlsafe(32)
    return Tokens(name, token, feed_token_for(token))


def _check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise UserError("A name is 1 to 64 letters, digits or . _ @ + -, with no spaces.")


def add(engine: Engine, name: str) -> Tokens:
    """Make a reader; their tokens are returned once and never stored."""
    _check_name(name)
    tokens = _new_tokens(name)
    user = User(
        name=name,
        token_digest=digest(tokens.token),
        feed_token_digest=digest(tokens.feed_token),
        created_at=datetime.now(UTC),
    )
    try:
        with Session(engine) as session, session.begin():
            session.add(user)
    except IntegrityError:
        raise UserError(f"There is already a reader called {name!r}.") from None
    return tokens


def new_token(engine: Engine, name: str) -> Tokens:
    """Give a reader a new token (and so a new feed token); the old ones stop working."""
    tokens = _new_tokens(name)
    with Session(engine) as session, session.begin():
        user = session.scalar(select(User).where(User.name == name))
        if user is None:
            raise UserError(f"There is no reader called {name!r}.")
        user.token_digest = digest(tokens.token)
        user.feed_token_digest = digest(tokens.feed_token)
    return tokens


def remove(engine: Engine, name: str) -> None:
    """Delete a reader and everything they saved."""
    with Session(engine) as session, session.begin():
        user_id = session.scalar(select(User.id).where(User.name == name))
        if user_id is None:
            raise UserError(f"There is no reader called {name!r}.")
        session.execute(delete(Article).where(Article.user_id == user_id))
        session.execute(delete(User).where(User.id == user_id))


def readers(engine: Engine) -> list[Reader]:
    """Every reader, by name, with how many articles they keep."""
    counts = select(Article.user_id, func.count().label("articles")).group_by(Article.user_id).subquery()
    query = (
        select(User.name, User.created_at, func.coalesce(counts.c.articles, 0))
        .outerjoin(counts, counts.c.user_id == User.id)
        .order_by(User.name)
    )
    with Session(engine) as session:
        return [Reader(name, created, count) for name, created, count in session.execute(query)]


def by_token(session: Session, token: str) -> User | None:
    """The reader whose token this is.

    Looked up by digest: how long the lookup takes can tell only about the digest, and finding a
    token from its digest is as hard as guessing the token.
    """
    return session.scalar(select(User).where(User.token_digest == digest(token)))


def by_feed_token(session: Session, feed_token: str) -> User | None:
    """The reader whose feed token this is."""
    return session.scalar(select(User).where(User.feed_token_digest == digest(feed_token)))
