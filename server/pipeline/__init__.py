"""The extraction pipeline: a page's bytes or text in, a clean, safe ``Article`` out.

``extract`` runs the stages in a straight line, each a module of its own:

1. decode     bytes -> str: BOM, declared charset, ``<meta charset>``, detector  (decode.py)
2. parse      str -> lxml tree, bounded in depth                               (parse.py)
3. preclean   drop hidden nodes, consent layers, overlays, non-content markup  (preclean.py)
4. metadata   title, byline, dates, language, lead image from the page's markup (metadata.py);
              the language is detected from the article's text when the markup is silent
   access     paywall gates and declared parts: ``access``, ``notice``, what is withheld (access.py)
5. readable   two engines read the page, one article is chosen, with a reason   (readable.py):
              readability-lxml's element (on a thread, every post built like the one it
              chose), or trafilatura's blocks when readability kept only part of what
              reads as text, a feed of other stories not counted (trafilatura_engine.py: the
              section headings and links trafilatura drops put back); a gated page is
              read by readability-lxml alone and cut where the gate stood (access.withhold_gated)
6. postclean  drop what readability kept that a reader would not              (postclean.py)
7. sanitize   absolute URLs, then the nh3 allowlist                           (sanitize.py)
8. render     plain text, word count, reading time (Markdown on request)      (render.py)
9. keypoints  on request: 3 to 5 key sentences of the text, with offsets      (keypoints.py)

Stages raise ``server.errors.NotReadable`` when there is no article; nothing else is expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.errors import NotReadable
from server.pipeline.access import OPEN, RESTRICTED, access, nothing_before_the_gate, withhold_gated
from server.pipeline.decode import decode
from server.pipeline.keypoints import keypoints
from server.pipeline.metadata import detect_language, document_base_url, metadata, text_direction
from server.pipeline.parse import parse
from server.pipeline.postclean import postclean
from server.pipeline.preclean import preclean
from server.pipeline.readable import NOT_AN_ARTICLE, NOT_AN_ARTICLE_LIST, is_left_of_a_list_page, readable
from server.pipeline.render import render
from server.pipeline.sanitize import is_allowed_image, sanitize
from server.pipeline.types import Article, LeadImage, Rendered

__all__ = ["Article", "Options", "extract"]

NOTHING_SHOWN = Rendered(content_html="", text="", word_count=0, reading_minutes=0, first_paragraph=None)


@dataclass(frozen=True)
class Options:
    """Per-deployment choices that change the result (from the service's settings)."""

    words_per_minute: float = 230
    images: bool = True  # False: no image in the result, for readers who want no third-party requests
    key_points: bool = False  # True: run stage 9 and fill Article.key_points


def _lead_image_allowed(lead: LeadImage | None) -> bool:
    return lead is not None and is_allowed_image(lead.url) and not lead.url.lower().startswith("data:")


def extract(
    page: bytes | str,
    *,
    url: str | None = None,
    charset: str | None = None,
    options: Options | None = None,
) -> Article:
    """Extract the article from a page (raw bytes, or text already decoded)."""
    options = options or Options()
    markup = page if isinstance(page, str) else decode(page, charset)
    root = parse(markup)
    base_url = document_base_url(root, url)
    precleaned = preclean(root, url)
    meta = metadata(precleaned.root, base_url, precleaned.byline, len(markup), precleaned.with_furniture)
    decision = access(precleaned.root, precleaned.gates, precleaned.annotated, meta.site_name)
    # A gated page is read by readability-lxml alone: the gate's place is known in its tree.
    shown = precleaned.shown if decision.access == OPEN else None
    article = readable(precleaned.root, precleaned.sign_in_form, shown, url)
    withhold_gated(article, decision)
    article_direction = article.get("dir")
    postcleaned = postclean(article, meta, base_url)
    meta = postcleaned.meta
    content_html = sanitize(postcleaned.article, base_url, options.images)
    rendered = render(content_html, options.words_per_minute)
    notice = decision.notice
    if not rendered.text and decision.access == RESTRICTED:
        # The gate came first: nothing of the article showed, and no page chrome stands in for it.
        rendered, notice = NOTHING_SHOWN, nothing_before_the_gate(meta.site_name)
    elif not rendered.text:
        raise NotReadable(NOT_AN_ARTICLE)
    if is_left_of_a_list_page(rendered.text, precleaned.removed):
        raise NotReadable(NOT_AN_ARTICLE_LIST)
    lang = meta.lang or detect_language(rendered.text)
    return Article(
        url=url,
        canonical_url=meta.canonical_url,
        title=meta.title,
        byline=meta.byline,
        site_name=meta.site_name,
        published=meta.published,
        modified=meta.modified,
        lang=lang,
        dir=article_direction or meta.dir or text_direction(lang, rendered.text),
        excerpt=meta.excerpt or rendered.first_paragraph,
        lead_image=meta.lead_image if options.images and _lead_image_allowed(meta.lead_image) else None,
        content_html=rendered.content_html,
        text=rendered.text,
        word_count=rendered.word_count,
        reading_minutes=rendered.reading_minutes,
        access=decision.access,
        notice=notice,
        removed=tuple(precleaned.removed + postcleaned.removed),
        key_points=keypoints(rendered.text, lang) if options.key_points else None,
    )
