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
posts are the content and not comments to leave out; a Q&A thread that does not mark its answers
is declared one too.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from itertools import islice

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from server.errors import ClearpageError
from server.pipeline import rules
from server.pipeline.dom import HEADING_TAGS, LINE_TAGS, SECTION_HEADING_TAGS, iter_elements_after, text_of
from server.pipeline.metadata import THREAD_TYPES, page_types

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

    Its HTML output keeps headings, paragraphs, lists, tables, quotes, code and images; a blog's
    comment section is left out (it is not the article), a forum's posts stay. Links are read
    without their addresses and given them back after (``_link_again``).
    """
    if int(shown.xpath("count(//*)")) > MAX_ELEMENTS:
        return None
    links = _links_by_text(shown)
    headings = _section_headings(shown)
    code_blocks = {" ".join(text.split()): text for text in (pre.text_content() for pre in shown.iter("pre"))}
    types = page_types(shown)
    if types & THREAD_TYPES and "Answer" not in types:
        # trafilatura reads posts in comment containers as the body only on a
        # DiscussionForumPosting; on a QAPage they went to its comments part, which its HTML
        # leaves out (wcxb-dev 2201: the question alone). A Q&A page whose markup marks its
        # answers (Stack Exchange's microdata) has them outside those containers, and its
        # comments are comments. (JSON-LD answers say nothing of where the markup puts them.)
        types |= {"DiscussionForumPosting"}
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
            # With links kept, its link-density filters take a forum post with a poster's name
            # and a list of restaurants with their addresses for menus (wcxb-dev 4087, 4340).
            include_links=False,
            include_formatting=True,
        )
    except ClearpageError:
        raise  # our own time limit
    except Exception as error:  # a black box: whatever it raises means "no opinion"
        log.debug("trafilatura failed: %s", type(error).__name__)
        return None
    if not markup:
        return None
    body = _parsed(markup)
    if body is None or not body.text_content().strip():
        return None
    body.tag = "div"
    body.attrib.clear()
    _code_as_written(body, code_blocks)  # first: a word of code in a sentence is inline again
    _loose_text_as_paragraphs(body)
    _headings_again(body, headings, shown)
    _link_again(body, links)
    return body


def _parsed(markup: str) -> HtmlElement | None:
    """trafilatura's HTML, read as the XML it is written as: it writes code as ``<pre>`` wherever
    it stands, and an HTML parser ends a paragraph at a ``<pre>`` inside it (see
    ``_code_as_written``)."""
    try:
        return etree.fromstring(markup, lxml.html.XHTMLParser()).find("body")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        pass
    try:
        return lxml.html.document_fromstring(markup).find("body")
    except (etree.ParserError, ValueError):
        return None


def _loose_text_as_paragraphs(article: HtmlElement) -> None:
    """Text trafilatura leaves loose between blocks is a line of its own, as the page showed it:
    a button's words after a heading ("<h4>...</h4>Read More<h2>", wcxb-dev 4854) become a
    paragraph, so that the phrase rules read them as the line they were, not as part of no block."""
    for box in list(article.iter("div")):
        if not any(isinstance(child.tag, str) and child.tag in LINE_TAGS for child in box):
            continue  # a box of text alone is one paragraph already
        text, run = box.text, []
        box.text = None
        for child in list(box):
            if isinstance(child.tag, str) and child.tag in LINE_TAGS:
                _wrap(box, text, run, before=child)
                text, run, child.tail = child.tail, [], None
            else:
                run.append(child)
        _wrap(box, text, run, before=None)


def _wrap(box: HtmlElement, text: str | None, run: list[HtmlElement], before: HtmlElement | None) -> None:
    """Put ``text`` and the inline elements ``run`` (each with its tail) in a new ``<p>`` in ``box``
    before the block ``before`` (else at its end). A run with no words and no image is no line:
    it stays where it was."""
    words = (text or "").strip() or any(
        element.tag == "img"
        or (element.text_content() if isinstance(element.tag, str) else "").strip()
        or (element.tail or "").strip()
        for element in run
    )
    if not words:
        return
    paragraph = lxml.html.Element("p")
    paragraph.text = text
    paragraph.extend(run)
    if before is None:
        box.append(paragraph)
    else:
        before.addprevious(paragraph)


_OPENING_BLOCKS = ("p", "pre", "blockquote", "li", "dd", "td")
# Items and cells go only before their list or table, and only when they open it.
_CONTAINER_OF = {"li": ("ul", "ol"), "dd": ("dl",), "td": ("table",)}
# How far after a heading its section's first block may start, in elements: a wrapper or two,
# an icon, a number ("01").
_OPENING_MAX_DISTANCE = 50
# Text inside these is no heading's words: buttons beside it ("Copy link"), an icon's title.
_NOT_WORDS = frozenset("button select input textarea svg math dialog script style template".split())


def _section_headings(shown: HtmlElement) -> list[tuple[str, str, str]]:
    """Each section heading the page shows with the first block of its section, in page order:
    (the heading's tag, its words, that block's text). Not a heading only screen readers get
    (``rules.VISUALLY_HIDDEN``)."""
    found = []
    for heading in shown.iter(*SECTION_HEADING_TAGS):
        if rules.VISUALLY_HIDDEN.intersection((heading.get("class") or "").split()):
            continue
        text = " ".join(_words_of(heading))
        opening = _opening_text(heading, shown) if text else None
        if opening:
            found.append((heading.tag, text, opening))
    return found


def _words_of(element: HtmlElement) -> list[str]:
    words = (element.text or "").split()
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _NOT_WORDS:
            words += _words_of(child)
        words += (child.tail or "").split()
    return words


def _opening_text(heading: HtmlElement, top: HtmlElement) -> str | None:
    """The text of the first block after ``heading``, unless another heading or other text
    (a value in a box of its own, a kicker) comes first."""
    following = (element for sibling in iter_elements_after(heading, top) for element in sibling.iter())
    for element in islice(following, _OPENING_MAX_DISTANCE):
        if not isinstance(element.tag, str) or element.tag in _NOT_WORDS:
            continue
        if element.tag in HEADING_TAGS:
            return None
        if element.tag in _OPENING_BLOCKS:
            if text := text_of(element):
                return text
        elif (element.text or "").strip():
            return None
    return None


def _headings_again(article: HtmlElement, headings: list[tuple[str, str, str]], shown: HtmlElement) -> None:
    """trafilatura drops some section headings (a step's title in a grid beside its text, wcxb-dev
    2876: its fallback readings keep no headings). A heading goes back before the first block of
    its section when trafilatura kept that block, once, after where the last heading went, with
    no heading before it, and kept the heading's words nowhere (not even as a paragraph)."""
    blocks = list(article.iter(*_OPENING_BLOCKS, *HEADING_TAGS))
    position = {block: index for index, block in enumerate(blocks)}
    texts: dict[str, list[HtmlElement]] = {}
    for block in blocks:
        texts.setdefault(text_of(block), []).append(block)
    last = -1
    printed: Counter[str] | None = None
    for tag, text, opening in headings:
        if text in texts:
            last = max(last, position[texts[text][0]])
            continue
        found = texts.get(opening, [])
        if len(found) != 1 or position[found[0]] <= last:
            continue
        if printed is None:  # read only when a heading may come back (trafilatura leaves shown as it was)
            printed = Counter(text_of(block) for block in shown.iter(*_OPENING_BLOCKS))
        if printed[opening] != 1:
            continue  # an opening printed twice says nothing of where its section is
        last = position[found[0]]
        place = _opened_by(found[0])
        previous = place.getprevious() if place is not None else None
        if place is None or (previous is not None and previous.tag in HEADING_TAGS):
            continue
        heading = lxml.html.Element(tag)
        heading.text = text
        place.addprevious(heading)


def _opened_by(block: HtmlElement) -> HtmlElement | None:
    """Where a heading over ``block`` goes: before it, or before the list or table whose first
    item or cell it is; None for any other item or cell (a heading inside a list is no HTML)."""
    containers = _CONTAINER_OF.get(block.tag)
    if containers is None:
        return block
    box = next(block.iterancestors(*containers), None)
    return box if box is not None and next(box.iter(block.tag)) is block else None


def _code_as_written(article: HtmlElement, code_blocks: dict[str, str]) -> None:
    """Code as the page set it: a word of code inside a sentence ("Install <pre>tailwindcss</pre>
    via npm", as trafilatura writes ``<code>``) is inline ``<code>``, and a code block it writes as
    a ``<pre>`` inside a ``<pre>`` is one ``<pre>``: its text keeps no indentation of the markup.
    ``code_blocks`` are the page's ``<pre>`` blocks, their words spaced as one line to their text.
    A ``<pre>`` with the words of one is a block however short ("Install it:" then "pip install
    foo"). A quote with the words of one of more than one line is that block: trafilatura writes
    a ``<pre>`` holding no ``<code>`` as a quote, where a browser runs its lines together (a
    one-line "<pre>Yes.</pre>" is no sign that a quote "Yes." is code)."""
    for quote in list(article.iter("blockquote")):
        text = code_blocks.get(text_of(quote))
        if text is not None and "\n" in text.strip():
            for child in list(quote):
                quote.remove(child)
            quote.tag, quote.text = "pre", text
    for pre in list(article.iter("pre")):
        parent = pre.getparent()
        if parent is not None and parent.tag == "pre" and len(parent) == 1 and not (parent.text or "").strip():
            pre.tail = parent.tail
            parent.getparent().replace(parent, pre)
    for pre in list(article.iter("pre")):
        parent = pre.getparent()
        text = pre.text_content()
        if parent is None or "\n" in text or " ".join(text.split()) in code_blocks:
            continue
        if "".join([parent.text or "", *(child.tail or "" for child in parent)]).strip():
            pre.tag = "code"  # the sentence around it is its parent's text


# A link's text shorter than this says too little to be found again ("1", "a", "»").
_MIN_LINK_TEXT = 3
# Where the text of a link can stand in trafilatura's output: the blocks it writes and the inline
# formatting inside them; never inside a link or code.
# The headline (<h1>) is left alone: its words are often a menu's too ("News", "Europe").
_LINKABLE_PARENTS = frozenset("p li td th h2 h3 h4 h5 h6 blockquote dd dt figcaption b i em strong u".split())


def _links_by_text(shown: HtmlElement) -> dict[str, tuple[str, int]]:
    """Each link text on the page that links to one address only: its address, and how many
    times it is linked. A text linking to several addresses ("here", "Reply") is left unlinked.
    A card's link holds several lines (a headline, a summary, a price): each is a link text too."""
    addresses: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for link in shown.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        whole = text_of(link)
        pieces = {whole, *(" ".join(piece.split()) for piece in link.itertext())} if len(link) else {whole}
        for text in pieces:
            if len(text) >= _MIN_LINK_TEXT:
                addresses.setdefault(text, set()).add(href)
                counts[text] = counts.get(text, 0) + 1
    return {text: (hrefs.pop(), counts[text]) for text, hrefs in addresses.items() if len(hrefs) == 1}


def _link_again(article: HtmlElement, links: dict[str, tuple[str, int]]) -> None:
    """Give the text trafilatura kept its links back: each place where a link's text stands in
    the output, up to as many times as the page linked it, becomes that link again."""
    by_first_word: dict[str, list[str]] = {}
    for text in sorted(links, key=len, reverse=True):
        first = _WORD.search(text)
        if first:
            by_first_word.setdefault(first.group(), []).append(text)
    left = {text: count for text, (_href, count) in links.items()}
    for element in list(article.iter()):
        if element.tag not in _LINKABLE_PARENTS or any(a.tag in ("code", "pre") for a in element.iterancestors()):
            continue
        for attribute, anchor in [("text", element), *(("tail", child) for child in element)]:
            value = getattr(anchor, attribute)
            if value:
                _link_in(anchor, attribute, value, by_first_word, links, left)


_WORD = re.compile(r"\w+")


def _link_in(
    anchor: HtmlElement,
    attribute: str,
    value: str,
    by_first_word: dict[str, list[str]],
    links: dict[str, tuple[str, int]],
    left: dict[str, int],
) -> None:
    """Wrap the link texts found in ``anchor``'s text or tail (``attribute``) in links."""
    found: list[tuple[int, int, str]] = []
    position = 0
    for word in _WORD.finditer(value):
        if word.start() < position:
            continue
        for text in by_first_word.get(word.group(), ()):
            end = word.start() + len(text)
            if left[text] and value.startswith(text, word.start()) and not value[end : end + 1].isalnum():
                if word.start() and value[word.start() - 1].isalnum():
                    continue
                found.append((word.start(), end, text))
                left[text] -= 1
                position = end
                break
    if not found:
        return
    # Rebuild the text as: before, <a>text</a> + tail up to the next, ...
    setattr(anchor, attribute, value[: found[0][0]])
    parent, index = (anchor, 0) if attribute == "text" else (anchor.getparent(), anchor.getparent().index(anchor) + 1)
    for number, (start, end, text) in enumerate(found):
        try:
            link = etree.Element("a", href=links[text][0])
        except ValueError:  # a control character lxml will not write: the text stays plain
            link = etree.Element("span")
        link.text = value[start:end]
        link.tail = value[end : found[number + 1][0] if number + 1 < len(found) else None]
        parent.insert(index + number, link)
