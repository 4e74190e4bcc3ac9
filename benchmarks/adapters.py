"""Extractors in the shape ``../shared/tools/score_corpus.py --extractor python:...`` takes.

``clearpage`` is our pipeline in-process; ``readability_raw`` is readability-lxml used as its
README shows (the baseline every figure is compared with); ``trafilatura`` is the other open
extractor we measure against, used raw with its defaults (our second engine since issue 12).

The pipeline is imported only when an adapter needs it: importing it changes htmldate, which
trafilatura reads dates with (``metadata._no_guess_from_the_markup``), and trafilatura must run
as it ships. ``score_corpus.py`` runs each extractor in a process of its own; ``readability_raw``
loads the pipeline package for ``to_text``, which changes nothing readability-lxml reads.
"""

from __future__ import annotations

from typing import Any

import lxml.html


def clearpage(html: str, url: str) -> dict[str, Any]:
    from server.errors import NotReadable
    from server.pipeline import extract

    try:
        return extract(html, url=url).as_dict()
    except NotReadable as error:
        raise RuntimeError(f"422 {error.detail}") from None


def readability_raw(html: str, url: str) -> dict[str, Any]:
    from readability import Document

    from server.pipeline.render import to_text

    document = Document(html, url=url)
    content = document.summary(html_partial=True)
    text = to_text(lxml.html.fragment_fromstring(content, create_parent="div"))
    return {"title": document.short_title(), "byline": None, "excerpt": None, "site_name": None,
            "published": None, "lang": None, "content_html": content, "text": text}  # fmt: skip


def trafilatura(html: str, url: str) -> dict[str, Any]:
    import trafilatura as traf

    result = traf.bare_extraction(html, url=url, with_metadata=True, output_format="python")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result or {})
    return {"title": data.get("title"), "byline": data.get("author"), "excerpt": data.get("description"),
            "site_name": data.get("sitename"), "published": data.get("date"), "lang": data.get("language"),
            "content_html": "", "text": data.get("text") or ""}  # fmt: skip
