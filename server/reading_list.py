"""A reader's saved articles: save (insert or update by address), find, list, change, delete.

Saving is one ``INSERT ... ON CONFLICT (user_id, url_digest) DO UPDATE`` on both databases, so two
workers saving the same address at once make one article, never two and never an error, and a save
never reads before it writes. Every function takes the reader's id: no query here can reach
another reader's articles.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, defer

from server.errors import ClearpageError
from server.models import Article, ArticleTag
from server.pipeline import Article as Extracted

HEAVY_COLUMNS = (Article.content_html, Article.text, Article.search_text)


class ArticleNotFound(ClearpageError):
    """No article with this id in this reader's list (another reader's is not theirs to know about)."""

    status = 404
    title = "No such article"
    slug = "not-found"

    def __init__(self, article_id: int) -> None:
        super().__init__(f"There is no article {article_id} in your reading list.")


@dataclass(frozen=True)
class Changes:
    """What a reader sets on an article; None leaves a field as it is."""

    tags: tuple[str, ...] | None = None
    archived: bool | None = None
    favourite: bool | None = None
    progress: float | None = None

    def columns(self) -> dict[str, Any]:
        fields = {"archived": self.archived, "favourite": self.favourite, "progress": self.progress}
        return {name: value for name, value in fields.items() if value is not None}


@dataclass(frozen=True)
class Filters:
    """What ``GET /v1/articles`` narrows the list by; None means any."""

    q: str | None = None
    tag: str | None = None
    archived: bool | None = None
    favourite: bool | None = None


@dataclass(frozen=True)
class Saved:
    article: Article
    created: bool


@dataclass(frozen=True)
class Listing:
    articles: list[Article]
    total: int


def url_digest(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _content(extracted: Extracted) -> dict[str, Any]:
    """The columns a save takes from the page; the reader's own state is not among them."""
    return {
        "url": extracted.url,
        "canonical_url": extracted.canonical_url,
        "title": extracted.title,
        "byline": extracted.byline,
        "site_name": extracted.site_name,
        "published": extracted.published,
        "lang": extracted.lang,
        "dir": extracted.dir,
        "excerpt": extracted.excerpt,
        "lead_image": asdict(extracted.lead_image) if extracted.lead_image else None,
        "word_count": extracted.word_count,
        "reading_minutes": extracted.reading_minutes,
        "access": extracted.access,
        "notice": extracted.notice,
        "content_html": extracted.content_html,
        "text": extracted.text,
        "search_text": f"{extracted.title or ''}\n{extracted.text}".casefold(),
    }


def _set_tags(session: Session, article_id: int, tags: tuple[str, ...]) -> None:
    session.execute(delete(ArticleTag).where(ArticleTag.article_id == article_id))
    if tags:
        session.execute(ArticleTag.__table__.insert(), [{"article_id": article_id, "tag": tag} for tag in tags])


def _insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def save(session: Session, user_id: int, extracted: Extracted, changes: Changes) -> Saved:
    """Save an extracted article for a reader: a new one, or the one already saved at its address."""
    assert extracted.url is not None
    now = datetime.now(UTC)
    content = _content(extracted)
    identity = {"user_id": user_id, "url_digest": url_digest(extracted.url)}
    # A new article takes the models' defaults for what the request does not set (not archived,
    # no progress, revision 1); a saved one keeps the reader's state and takes the page afresh.
    statement = _insert(session)(Article).values(
        **identity, **content, **changes.columns(), saved_at=now, updated_at=now
    )
    refreshed = {name: statement.excluded[name] for name in content}
    statement = statement.on_conflict_do_update(
        index_elements=["user_id", "url_digest"],
        set_={**refreshed, **changes.columns(), "revision": Article.revision + 1, "updated_at": now},
    ).returning(Article.id, Article.revision)
    article_id, revision = session.execute(statement).one()
    if changes.tags is not None:
        _set_tags(session, article_id, changes.tags)
    article = session.get(Article, article_id, populate_existing=True)
    assert article is not None
    return Saved(article, created=revision == 1)


def get(session: Session, user_id: int, article_id: int) -> Article:
    """One of the reader's articles, whole; ArticleNotFound when they have none with this id."""
    article = session.scalar(select(Article).where(Article.id == article_id, Article.user_id == user_id))
    if article is None:
        raise ArticleNotFound(article_id)
    return article


def _filtered(user_id: int, filters: Filters) -> Select[tuple[Article]]:
    query = select(Article).where(Article.user_id == user_id)
    for word in (filters.q or "").casefold().split():
        query = query.where(Article.search_text.contains(word, autoescape=True))
    if filters.tag is not None:
        query = query.where(Article.id.in_(select(ArticleTag.article_id).where(ArticleTag.tag == filters.tag)))
    if filters.archived is not None:
        query = query.where(Article.archived == filters.archived)
    if filters.favourite is not None:
        query = query.where(Article.favourite == filters.favourite)
    return query


def listing(
    session: Session, user_id: int, filters: Filters, page: int, per_page: int, *, whole: bool = False
) -> Listing:
    """One page of the reader's articles, newest saved first, and how many match in all.

    ``whole`` loads each article's content and text too (for an export); a list needs neither.
    """
    query = _filtered(user_id, filters)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    query = query.order_by(Article.saved_at.desc(), Article.id.desc()).limit(per_page).offset((page - 1) * per_page)
    if not whole:
        query = query.options(*(defer(column) for column in HEAVY_COLUMNS))
    return Listing(list(session.scalars(query)), total)


def change(session: Session, user_id: int, article_id: int, changes: Changes) -> Article:
    """Set tags, archived, favourite or progress on one of the reader's articles."""
    statement = (
        update(Article)
        .where(Article.id == article_id, Article.user_id == user_id)
        .values(**changes.columns(), revision=Article.revision + 1, updated_at=datetime.now(UTC))
        .returning(Article.id)
    )
    if session.execute(statement).scalar() is None:
        raise ArticleNotFound(article_id)
    if changes.tags is not None:
        _set_tags(session, article_id, changes.tags)
    return get(session, user_id, article_id)


def remove(session: Session, user_id: int, article_id: int) -> None:
    """Delete one of the reader's articles."""
    statement = delete(Article).where(Article.id == article_id, Article.user_id == user_id).returning(Article.id)
    if session.execute(statement).scalar() is None:
        raise ArticleNotFound(article_id)
