"""The reading list's tables: readers, their saved articles, and the articles' tags.

The schema itself is made by the Alembic migrations in ``server/migrations``; a test checks that
these models and the migrated database agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and read back aware (SQLite keeps no offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class User(Base):
    """A reader. Their token and feed token are kept as SHA-256 digests only."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    feed_token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Article(Base):
    """One saved article: the pipeline's clean result (never the raw page), and the reader's state."""

    __tablename__ = "articles"
    __table_args__ = (
        # One row per reader and address. The digest, not the URL, is indexed: a URL may be longer
        # than PostgreSQL's limit for an index entry.
        UniqueConstraint("user_id", "url_digest", name="uq_articles_user_url"),
        Index("ix_articles_user_saved", "user_id", "saved_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    url_digest: Mapped[str] = mapped_column(String(64))
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(64))
    dir: Mapped[str] = mapped_column(String(3))
    excerpt: Mapped[str | None] = mapped_column(Text)
    lead_image: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    word_count: Mapped[int] = mapped_column(Integer)
    reading_minutes: Mapped[int] = mapped_column(Integer)
    access: Mapped[str] = mapped_column(String(16))
    notice: Mapped[str | None] = mapped_column(Text)
    content_html: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # Title and text case-folded in Python, so that search is the same (and Unicode-aware) on both
    # databases: SQLite's lower() knows ASCII only.
    search_text: Mapped[str] = mapped_column(Text)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    favourite: Mapped[bool] = mapped_column(Boolean, default=False)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    # 1 when first saved, one more at every save or change: tells an insert from an update.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    tags: Mapped[list[ArticleTag]] = relationship(
        order_by="ArticleTag.tag", cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class ArticleTag(Base):
    __tablename__ = "article_tags"
    __table_args__ = (Index("ix_article_tags_tag", "tag"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(100), primary_key=True)
