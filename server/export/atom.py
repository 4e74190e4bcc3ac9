"""A reader's list as an Atom feed (RFC 4287): the digest a feed reader or e-mail service polls.

Each entry carries the saved article's sanitised HTML, so a feed reader shows it whole, and links
to the page it was saved from. Ids are URNs that stay the same across saves of one article.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from lxml import etree

from server.models import Article

ATOM = "http://www.w3.org/2005/Atom"


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _element(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{name}", **attributes)
    element.text = text
    return element


def feed(*, title: str, self_url: str, feed_id: str, articles: Sequence[Article], updated: datetime) -> bytes:
    """The Atom document for ``articles`` (newest first); ``updated`` when none is newer."""
    root = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    _element(root, "title", title)
    _element(root, "id", feed_id)
    _element(root, "link", rel="self", href=self_url, type="application/atom+xml")
    newest = max((article.updated_at for article in articles), default=updated)
    _element(root, "updated", _timestamp(newest))
    _element(_element(root, "author"), "name", "Clearpage")
    _element(root, "generator", "Clearpage")
    for article in articles:
        entry = _element(root, "entry")
        _element(entry, "title", article.title or article.url)
        _element(entry, "id", f"urn:clearpage:article:{article.id}")
        _element(entry, "link", rel="alternate", href=article.url, type="text/html")
        _element(entry, "published", _timestamp(article.saved_at))
        _element(entry, "updated", _timestamp(article.updated_at))
        if article.byline:
            _element(_element(entry, "author"), "name", article.byline)
        if article.excerpt:
            _element(entry, "summary", article.excerpt)
        for tag in article.tags:
            _element(entry, "category", term=tag.tag)
        _element(entry, "content", article.content_html, type="html")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
