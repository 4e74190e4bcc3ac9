"""Stage 8: the sanitised article as plain text (and Markdown on request), with its counts.

``text`` is the prose, like schema.org's ``articleBody``: one block per paragraph, heading, list
item or table row, separated by one blank line, so "end.</p><p>Next" never becomes "end.Next".
Figure captions and credits stay with their figure in the HTML; they are not prose, and ``text``
feeds word counts, summaries and read-aloud.
"""

from __future__ import annotations

import math
import re
from typing import Any

import lxml.html
from lxml.html import HtmlElement
from markdownify import MarkdownConverter

from server.pipeline.dom import CJK, CJK_CHAR
from server.pipeline.types import Rendered

BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption dd details div dl dt figure footer h1 h2 h3 h4
    h5 h6 header hr li main nav ol p pre section summary table tbody tfoot thead tr ul""".split()
)
NOT_PROSE_TAGS = frozenset({"figcaption", "script", "style", "template"})
_LINE_BREAK = "\x00"  # stands for <br> until whitespace is collapsed (NUL never survives parse)
_CELL_BREAK = "\x01"  # stands for the gap between table cells

# A Chinese or Japanese character counts as a word (``dom.CJK``) and is read about twice as fast
# as a word. Elsewhere a word is what spaces separate, if it holds a letter or digit: "valley's"
# and "2,140" are one word each. (Runs first, then a letter in each: one pattern for both
# backtracked over a long run without one, 6 s for 20,000 dashes.)
_RUN = re.compile(f"[^\\s{CJK}]+")
_LETTER_OR_DIGIT = re.compile(f"[^\\W{CJK}]")


def _collect(element: HtmlElement, blocks: list[str], current: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in NOT_PROSE_TAGS or not tag:
        if element.tail:
            current.append(element.tail)
        return
    if tag == "pre":
        _flush(blocks, current)
        code = _code_text(element).strip("\n")
        if code.strip():
            blocks.append(code)
    else:
        block = tag in BLOCK_TAGS
        if block:
            _flush(blocks, current)
        if element.text:
            current.append(element.text)
        for child in element:
            _collect(child, blocks, current)
        if tag == "br":
            current.append(_LINE_BREAK)
        elif tag in ("td", "th"):
            current.append(_CELL_BREAK)
        if block:
            _flush(blocks, current)
    if element.tail:
        current.append(element.tail)


def _code_text(element: HtmlElement) -> str:
    """A code block's text as it shows: its own line breaks, and a line for each ``<br>`` (a blog
    editor writes its code's lines so: "#!/usr/bin/env python3<br>import os")."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append("\n" if child.tag == "br" else _code_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _flush(blocks: list[str], current: list[str]) -> None:
    """End the current block: collapse its whitespace, keep its <br> lines and table cells."""
    if not current:
        return
    raw = "".join(current)
    current.clear()
    lines = []
    for line in raw.split(_LINE_BREAK):
        cells = (" ".join(cell.split()) for cell in line.split(_CELL_BREAK))
        line = "\t".join(cell for cell in cells if cell)
        if line:
            lines.append(line)
    if lines:
        blocks.append("\n".join(lines))


def to_text(article: HtmlElement) -> str:
    """The article's prose: blocks separated by one blank line, captions left out."""
    blocks: list[str] = []
    current: list[str] = []
    _collect(article, blocks, current)
    _flush(blocks, current)
    return "\n\n".join(blocks)


def word_count(text: str) -> int:
    return sum(_words_and_cjk_chars(text))


def reading_minutes(text: str, words_per_minute: float) -> int:
    return _minutes(*_words_and_cjk_chars(text), words_per_minute) if text else 0


def _words_and_cjk_chars(text: str) -> tuple[int, int]:
    # A CJK character counts as a word; it is read in about half the time.
    words = sum(1 for run in _RUN.findall(text) if _LETTER_OR_DIGIT.search(run))
    return words, len(CJK_CHAR.findall(text))


def _minutes(words: int, cjk_chars: int, words_per_minute: float) -> int:
    return max(1, math.ceil(words / words_per_minute + cjk_chars / (2 * words_per_minute) - 0.25))


def render(content_html: str, words_per_minute: float) -> Rendered:
    """Text and counts of the sanitised article HTML."""
    article = lxml.html.fragment_fromstring(content_html, create_parent="div") if content_html else None
    text = to_text(article) if article is not None else ""
    paragraphs = (" ".join(p.text_content().split()) for p in article.iter("p")) if article is not None else ()
    first_paragraph = next((p for p in paragraphs if p), None)
    words, cjk_chars = _words_and_cjk_chars(text)  # counted once, for both figures
    minutes = _minutes(words, cjk_chars, words_per_minute) if text else 0
    return Rendered(content_html, text, words + cjk_chars, minutes, first_paragraph)


class _Markdown(MarkdownConverter):
    def convert_br(self, el: Any, text: str, parent_tags: set[str]) -> str:
        # In a code block a <br> ends a line of the code, not a Markdown line with two trailing spaces.
        return "\n" + text if "pre" in parent_tags else str(super().convert_br(el, text, parent_tags))


def to_markdown(content_html: str, title: str | None = None) -> str:
    """The article as Markdown (ATX headings, "-" bullets), its title as the first heading."""
    body = _Markdown(heading_style="ATX", bullets="-", strip=["span"]).convert(content_html).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    return f"# {title}\n\n{body}\n" if title else f"{body}\n"
