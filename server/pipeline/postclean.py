"""Stage 6: what readability keeps that a reader would not.

readability-lxml chooses the right container but keeps what sits inside it: the headline the
reader view already shows as the title, ad labels, embeds a reader can't play. This stage takes
them out of the chosen article, using phrase rules from ``rules`` for short blocks whose whole
text is boilerplate.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

from server.pipeline import rules
from server.pipeline.dom import RemovalTally, text_of
from server.pipeline.metadata import byline_element, clean_text
from server.pipeline.types import Metadata, Removal

# Blocks whose whole text a phrase rule may judge.
_PHRASE_BLOCKS = (
    "p",
    "div",
    "span",
    "li",
    "aside",
    "section",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "strong",
    "em",
    "small",
)
_HEADINGS = ("h1", "h2", "h3")
_EMPTY_REMOVABLE = (
    "p",
    "div",
    "span",
    "section",
    "li",
    "ul",
    "ol",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
)
_EMBED_HOSTS = {
    "youtube.com": "YouTube", "www.youtube.com": "YouTube", "youtube-nocookie.com": "YouTube",
    "www.youtube-nocookie.com": "YouTube", "player.vimeo.com": "Vimeo", "vimeo.com": "Vimeo",
    "www.dailymotion.com": "Dailymotion", "open.spotify.com": "Spotify", "w.soundcloud.com": "SoundCloud",
}  # fmt: skip


@dataclass
class Postcleaned:
    article: HtmlElement
    removed: list[Removal]


def _normalise(text: str | None) -> str:
    return " ".join((text or "").casefold().split()).strip(" .:-–—|")


def _embed_to_link(iframe: HtmlElement) -> None:
    """An embedded player becomes a plain link to what it plays, titled when the page titled it."""
    src = iframe.get("src") or iframe.get("data-src") or ""
    host = src.split("/")[2] if src.startswith(("http://", "https://", "//")) and src.count("/") >= 2 else ""
    service = _EMBED_HOSTS.get(host)
    if not src or service is None:
        iframe.drop_tree()
        return
    title = clean_text(iframe.get("title")) or f"{service} video"
    paragraph = lxml.html.Element("p")
    link = lxml.html.Element("a", href=src if not src.startswith("//") else "https:" + src)
    link.text = title
    paragraph.append(link)
    paragraph.tail = iframe.tail
    iframe.getparent().replace(iframe, paragraph)


def _math_to_text(math: HtmlElement) -> None:
    """MathML becomes its plain text: the sanitiser drops MathML whole (it is a classic XSS
    vector), and "a ≠ 0" as text is better than a hole in the sentence. The author's ``alttext``
    wins; otherwise the symbols in order, spaced."""
    symbols = [
        " ".join(leaf.text.split())
        for leaf in math.iter()
        if isinstance(leaf.tag, str) and len(leaf) == 0 and leaf.text and leaf.text.strip()
        and not leaf.tag.endswith(("annotation", "annotation-xml"))
    ]
    text = clean_text(math.get("alttext")) or " ".join(symbols)
    replacement = lxml.html.Element("div" if math.get("display") == "block" else "span")
    replacement.text = text
    replacement.tail = math.tail
    math.getparent().replace(math, replacement)


def _is_empty(element: HtmlElement) -> bool:
    return not text_of(element) and element.find(".//img") is None and element.find(".//iframe") is None


def postclean(article: HtmlElement, meta: Metadata) -> Postcleaned:
    """Clean the chosen article in place and return it with what was removed."""
    tally = RemovalTally(article)
    title = _normalise(meta.title)
    for heading in list(article.iter(*_HEADINGS)):
        if title and _normalise(text_of(heading)) == title:
            heading.drop_tree()  # shown once, as the title, not again as the first line of the body

    byline = byline_element(article)
    if byline is not None:
        byline.drop_tree()  # the byline is a field of its own, shown above the article

    for element in list(article.iter(*_PHRASE_BLOCKS)):
        text = text_of(element)
        rule = next(
            (
                r
                for r in rules.PHRASE_RULES
                if r.matches(text)
            ),
            None,
        )
        if rule is not None:
            tally.drop(element, rule.kind, rule.reason)

    for math in list(article.iter("math", "{*}math")):
        _math_to_text(math)

    for iframe in list(article.iter("iframe")):
        _embed_to_link(iframe)

    for element in reversed(list(article.iter(*_EMPTY_REMOVABLE))):
        if element is not article and element.getparent() is not None and _is_empty(element):
            element.drop_tree()
    return Postcleaned(article, tally.removals())
