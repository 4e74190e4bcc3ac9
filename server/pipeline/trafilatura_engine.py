"""Stage 5, second engine: the trafilatura adapter. trafilatura is a black box behind this module.

readability-lxml scores elements and keeps one; trafilatura walks the page block by block and keeps
every block that reads as text, whichever container holds it. On articles split over several
containers, documentation and pages of many short parts it keeps what readability-lxml drops
(docs/benchmarks.md measures both on real pages). ``readable`` asks it for a second opinion and
chooses.

It is given the page as the reader saw it (``Precleaned.shown``: hidden nodes, overlays and
scripts already gone), never the markup the browser did not show: trafilatura falls back to a
page's JSON-LD ``articleBody`` and ``<noscript>`` text when the page itself has little, which on a
paywalled page is the text the gate withholds. Without scripts there is no JSON-LD to read, and a
page with a gate is never given to it (see ``readable``).

What the page says it is stays: its schema.org types, from JSON-LD and microdata, are handed on as
a JSON-LD of types alone. trafilatura reads a ``DiscussionForumPosting`` as a forum thread, whose
posts are the content and not comments to leave out.
"""

from __future__ import annotations

import json
import logging

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from server.errors import ClearpageError
from server.pipeline.metadata import page_types

log = logging.getLogger(__name__)
# Above this many elements the page is read by readability-lxml alone: trafilatura's time grows
# with the page, and the extraction deadline is shared. The largest of wcxb-dev's 1,476 real pages
# has under 16,000; a page of 100,000 images has no text for it to find anyway.
MAX_ELEMENTS = 50_000
# It logs what it discards, with the page's URL and text, at levels we show: the adapter reports
# what matters instead (privacy: no article text or URLs in our logs).
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def trafilatura_article(shown: HtmlElement) -> HtmlElement | None:
    """Return a ``<div>`` holding the article as trafilatura reads it, or None when it finds none.

    ``shown`` is changed (its scripts go); pass a tree no other stage reads.

    Its HTML output keeps headings, paragraphs, lists, tables, quotes, code, images and links;
    a blog's comment section is left out (it is not the article), a forum's posts stay.
    """
    if int(shown.xpath("count(//*)")) > MAX_ELEMENTS:
        return None
    types = page_types(shown)
    for element in list(shown.iter("script", "noscript")):
        # The JSON-LD kept for metadata goes too: its articleBody is not what the reader saw.
        element.drop_tree()
    if types:
        head = shown.find("head")
        declared = etree.SubElement(head if head is not None else shown, "script")
        declared.set("type", "application/ld+json")
        declared.text = json.dumps([{"@type": name} for name in sorted(types)])
    try:
        markup = trafilatura.extract(
            shown,
            output_format="html",
            # Its comment filter takes a forum's posts for comments (they are marked up alike);
            # without it the posts stay in the main text. Its separate comments part, a blog's
            # comment section, is not part of the HTML it returns.
            include_comments=True,
            include_tables=True,
            include_images=True,
            include_links=True,
            include_formatting=True,
        )
    except ClearpageError:
        raise  # our own time limit
    except Exception as error:  # a black box: whatever it raises means "no opinion"
        log.debug("trafilatura failed: %s", type(error).__name__)
        return None
    if not markup:
        return None
    try:
        body = lxml.html.document_fromstring(markup).find("body")
    except (etree.ParserError, ValueError):
        return None
    if body is None or not body.text_content().strip():
        return None
    body.tag = "div"
    body.attrib.clear()
    return body
