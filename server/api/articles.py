"""The reading list: /v1/articles (save, list, export) and /v1/articles/{id} (read, change, delete).

Every route needs a reader's token (``auth.require_reader``) and sees only that reader's articles.
HTTP in, one extraction or storage call, JSON (or an export) out.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from server import db, reading_list
from server.api import reader_input
from server.api.extract import pipeline_options
from server.api.page_request import read_page_request
from server.auth import current_reader_id, require_reader
from server.deadline import time_limit
from server.errors import BadRequest, UnsupportedMediaType
from server.export.epub import book
from server.export.markdown import article_markdown
from server.models import Article
from server.pipeline import extract
from server.reading_list import ArticleNotFound

bp = Blueprint("articles", __name__)
bp.before_request(require_reader)

MAX_PATCH_BYTES = 64 * 1024
EPUB_MIME = "application/epub+zip"


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def resource(article: Article, whole: bool = False) -> dict[str, Any]:
    """The article as the API shows it; ``whole`` adds its content and text."""
    body = {
        "id": article.id,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "byline": article.byline,
        "site_name": article.site_name,
        "published": article.published,
        "lang": article.lang,
        "dir": article.dir,
        "excerpt": article.excerpt,
        "lead_image": article.lead_image,
        "word_count": article.word_count,
        "reading_minutes": article.reading_minutes,
        "access": article.access,
        "notice": article.notice,
        "tags": [tag.tag for tag in article.tags],
        "archived": article.archived,
        "favourite": article.favourite,
        "progress": article.progress,
        "saved_at": _timestamp(article.saved_at),
        "updated_at": _timestamp(article.updated_at),
    }
    if whole:
        body |= {"content_html": article.content_html, "text": article.text}
    return body


def _file_name(title: str | None, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (title or "").lower()).strip("-")[:60].strip("-")
    return f"{slug or fallback}.epub"


def _epub(title: str, articles: list[Article], file_name: str) -> Response:
    response = Response(book(title, articles), mimetype=EPUB_MIME)
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _checked_id(article_id: int) -> int:
    if article_id > reader_input.MAX_ID:
        raise ArticleNotFound(article_id)
    return article_id


@bp.post("/v1/articles")
def save_article() -> Response:
    """Extract the page in the request and save the article; the same address again updates it."""
    page = read_page_request(request, current_app.config["MAX_BODY_BYTES"])
    if page.url is None:
        raise BadRequest("'url' is missing: an article is saved under the address of its page.")
    changes = reader_input.changes(page.fields, strict=False)
    # The time limit bounds the extraction only: its alarm must never interrupt a transaction.
    with time_limit(current_app.config["EXTRACT_TIME_LIMIT_SECONDS"]):
        extracted = extract(page.page, url=page.url, charset=page.charset, options=pipeline_options())
    with db.session() as session:
        saved = reading_list.save(session, current_reader_id(), extracted, changes)
        response = jsonify(resource(saved.article))
    if saved.created:
        response.status_code = 201
        response.headers["Location"] = f"/v1/articles/{saved.article.id}"
    return response


@bp.get("/v1/articles")
def list_articles() -> Response:
    """List the reader's articles, newest saved first, filtered and paged; or export them as EPUB."""
    output = reader_input.output_format(request.args, ("json", "epub"))
    filters = reader_input.filters(request.args)
    page, per_page = reader_input.page(request.args), reader_input.per_page(request.args)
    with db.session() as session:
        found = reading_list.listing(session, current_reader_id(), filters, page, per_page, whole=output == "epub")
        if output == "epub":
            return _epub("Reading list", found.articles, "reading-list.epub")
        items = [resource(article) for article in found.articles]
    return jsonify(items=items, page=page, per_page=per_page, total=found.total)


@bp.get("/v1/articles/<int:article_id>")
def get_article(article_id: int) -> Response:
    """One article, whole: as JSON, Markdown or EPUB."""
    output = reader_input.output_format(request.args, ("json", "markdown", "epub"))
    with db.session() as session:
        article = reading_list.get(session, current_reader_id(), _checked_id(article_id))
        if output == "markdown":
            return Response(article_markdown(article), content_type="text/markdown; charset=utf-8")
        if output == "epub":
            return _epub(article.title or article.url, [article], _file_name(article.title, f"article-{article.id}"))
        return jsonify(resource(article, whole=True))


def _patch_body() -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise UnsupportedMediaType("Send the changes as application/json.")
    raw = request.stream.read(MAX_PATCH_BYTES + 1)
    if len(raw) > MAX_PATCH_BYTES:
        raise BadRequest(f"The changes are larger than {MAX_PATCH_BYTES:,} bytes.")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise BadRequest('The body must be a JSON object, e.g. {"archived": true}.')
    return data


@bp.patch("/v1/articles/<int:article_id>")
def change_article(article_id: int) -> Response:
    """Set the article's tags, archived, favourite or reading progress."""
    changes = reader_input.changes(_patch_body(), strict=True)
    with db.session() as session:
        article = reading_list.change(session, current_reader_id(), _checked_id(article_id), changes)
        return jsonify(resource(article))


@bp.delete("/v1/articles/<int:article_id>")
def delete_article(article_id: int) -> Response:
    """Delete the article."""
    with db.session() as session:
        reading_list.remove(session, current_reader_id(), _checked_id(article_id))
    return Response(status=204)
