"""Stage 5: the readability-lxml adapter. readability-lxml is a black box behind this module.

We hand it the tree we parsed and pre-cleaned ourselves, and take back the one element it judges
to be the article. Its own parsing steps (a second parse, its regex cleaner, its link rewriting)
are skipped: earlier stages did them, and sanitising is ``sanitize``'s job, not its. Its errors
become ours here.
"""

from __future__ import annotations

import copy
import logging

import lxml.html
from lxml.html import HtmlElement
from readability import Document
from readability.readability import Unparseable

from server.errors import NotReadable

log = logging.getLogger(__name__)

# Short is not the same as not an article (a two-line notice is still readable); empty is.
MIN_ARTICLE_CHARS = 1

NOT_AN_ARTICLE = (
    "This page doesn't look like an article: there is no main text to show in reader view. "
    "Home pages, search results, sign-in forms and product lists have none."
)


class _TreeDocument(Document):
    """readability-lxml's Document over a tree we already parsed and cleaned.

    Document re-runs ``_parse`` before each pass (a strict pass, then a lenient one when the
    first finds too little) and changes what it returns; given a tree, it would return the tree
    itself, so the lenient pass would start from the strict pass's leftovers. We return a fresh
    copy each time instead, and skip its parse-time cleaning, which earlier stages already did.
    """

    def _parse(self, input: HtmlElement) -> HtmlElement:
        return copy.deepcopy(input)


def readable(root: HtmlElement) -> HtmlElement:
    """Return a ``<div>`` holding the page's article; raise NotReadable when there is none."""
    try:
        summary = _TreeDocument(root).summary(html_partial=True)
    except Unparseable as error:
        log.debug("readability failed: %s", error)
        raise NotReadable(NOT_AN_ARTICLE) from None
    article = lxml.html.fragment_fromstring(summary, create_parent="div") if summary.strip() else None
    if article is None or len(" ".join(article.text_content().split())) < MIN_ARTICLE_CHARS:
        raise NotReadable(NOT_AN_ARTICLE)
    return article
