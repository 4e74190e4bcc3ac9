"""The reading list: users, saved articles, tags.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from server.models import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("token_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("feed_token_digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_digest", sa.String(64), nullable=False),
        sa.Column("canonical_url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("byline", sa.Text()),
        sa.Column("site_name", sa.Text()),
        sa.Column("published", sa.String(64)),
        sa.Column("lang", sa.String(64)),
        sa.Column("dir", sa.String(3), nullable=False),
        sa.Column("excerpt", sa.Text()),
        sa.Column("lead_image", sa.JSON()),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("reading_minutes", sa.Integer(), nullable=False),
        sa.Column("access", sa.String(16), nullable=False),
        sa.Column("notice", sa.Text()),
        sa.Column("content_html", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("favourite", sa.Boolean(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("saved_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "url_digest", name="uq_articles_user_url"),
    )
    op.create_index("ix_articles_user_saved", "articles", ["user_id", "saved_at"])
    op.create_table(
        "article_tags",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tag", sa.String(100), primary_key=True),
    )
    op.create_index("ix_article_tags_tag", "article_tags", ["tag"])


def downgrade() -> None:
    op.drop_table("article_tags")
    op.drop_index("ix_articles_user_saved", table_name="articles")
    op.drop_table("articles")
    op.drop_table("users")
