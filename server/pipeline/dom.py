"""Small helpers over lxml trees that more than one stage needs."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from server.pipeline import rules
from server.pipeline.types import Removal

# Scripts written without spaces between words (Chinese, Japanese): the corpus scorers and most
# word counters count each character as a word (``render.word_count`` does); ``words_in`` counts
# two to a word. Planes 2 and 3 hold the rarer ideographs.
CJK = "\u3005-\u3007\u3040-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff"
CJK_CHAR = re.compile(f"[{CJK}]")
# Their punctuation, full-width: "、", "。", "「", "・", "，", "！", "｡" (not the full-width letters
# and digits, nor the marks that are part of words: "々" repeats a character, "〇" is zero).
_CJK_PUNCTUATION = re.compile("[\u3000-\u3004\u3008-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


def words_in(text: str) -> int:
    """The words of ``text`` as much as it says, for a bound or for weighing one text against
    another: what spaces separate, and two Chinese or Japanese characters for a word (a word of
    those scripts is one to three characters; ``render`` reads them at twice a word's speed).
    By spaces, qq's article of 700 characters is 19 words, as many as one English sentence; by
    the character, a 40-character caption would pass for a paragraph."""
    spaced, characters = CJK_CHAR.subn(" ", text)
    if characters:
        spaced = _CJK_PUNCTUATION.sub(" ", spaced)
    return len(spaced.split()) + (characters + 1) // 2


def text_of(element: HtmlElement) -> str:
    """The element's text with runs of whitespace collapsed to one space."""
    return " ".join(element.text_content().split())


def spaced_text_of(element: HtmlElement) -> str:
    """Like ``text_of``, with a space between every piece of text, so that a heading and the
    paragraph after it ("...only" + "To continue") never run into one word."""
    return " ".join(" ".join(element.itertext()).split())


def text_with_breaks(element: HtmlElement) -> str:
    """The element's text as the reader sees it on one line: a line break reads as a space
    (lxml's ``text_content`` runs "Top MBA Programs of 2025<br>Your Guide" into "2025Your")."""
    return " ".join(_lines(element, frozenset()))


# Elements the browser starts on a line of their own.
LINE_TAGS = frozenset(
    "address article aside blockquote caption dd details div dl dt fieldset figcaption figure footer".split()
    + "form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table td th tr ul".split()
)


def lines_of(element: HtmlElement) -> list[str]:
    """The element's text as the lines the browser shows it in: each block (and each ``<br>``)
    starts a line; whitespace collapsed, empty lines left out."""
    return _lines(element, LINE_TAGS)


def _lines(element: HtmlElement, blocks: frozenset[str]) -> list[str]:
    """The element's text split where a ``<br>`` or one of ``blocks`` starts or ends a line."""
    lines = [""]

    def walk(node: HtmlElement) -> None:
        lines[-1] += node.text or ""
        for child in node:
            if child.tag == "br" or child.tag in blocks:
                lines.append("")
            if isinstance(child.tag, str) and child.tag != "br":
                walk(child)
                if child.tag in blocks:
                    lines.append("")
            lines[-1] += child.tail or ""

    walk(element)
    return [line for line in (" ".join(text.split()) for text in lines) if line]


def elements_after(element: HtmlElement, top: HtmlElement) -> list[HtmlElement]:
    """Every node after ``element`` in document order up to ``top``, outermost first: its
    following siblings, then its parent's, and so on (comments included). A list: the caller may
    remove them as it goes."""
    return list(iter_elements_after(element, top))


def iter_elements_after(element: HtmlElement, top: HtmlElement) -> Iterator[HtmlElement]:
    """``elements_after`` one at a time, for a caller that stops early and changes nothing (a
    long page is not listed whole for each look)."""
    while element is not top and element.getparent() is not None:
        yield from element.itersiblings()
        element = element.getparent()


def is_attached(element: HtmlElement, root: HtmlElement) -> bool:
    """False once the element or an ancestor has been dropped from ``root``'s tree."""
    node: HtmlElement | None = element
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


# A page's text shown twice: three different paragraphs of this length or more, one after the
# other, each word for word an earlier one. One repeated paragraph can be an author's own
# refrain, a product line's description under each product, a forum post quoted in its reply.
REPEAT_MIN_CHARS = 80
REPEAT_MIN_RUN = 3
# The blocks that hold a page's text, each a paragraph, a heading, an item or a cell.
TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt", "td", "th")


def repeated_blocks(article: HtmlElement) -> list[HtmlElement]:
    """The blocks of each run that repeats earlier text block for block, with
    ``REPEAT_MIN_RUN`` different paragraphs in it: the copies of an article a page keeps for each screen size
    and shows one at a time with CSS (Framer and Webflow sites), which a page read without its
    style sheets shows all at once. A quotation (in ``<blockquote>``) is never a copy."""
    # Most pages repeat no paragraph at all: that is cheap to see first.
    paragraphs = [text for p in article.iter("p") if len(text := p.text_content()) >= REPEAT_MIN_CHARS]
    if len(set(paragraphs)) > len(paragraphs) - REPEAT_MIN_RUN:
        return []
    seen: set[str] = set()
    copies: list[HtmlElement] = []
    run: list[HtmlElement] = []

    def end_run() -> None:
        long_ones = {text for block in run if block.tag == "p" and len(text := text_of(block)) >= REPEAT_MIN_CHARS}
        copies.extend(run if len(long_ones) >= REPEAT_MIN_RUN else ())
        run.clear()

    for block in article.iter(*TEXT_BLOCKS):
        if next(block.iterancestors("blockquote", *TEXT_BLOCKS), None) is not None:
            continue
        text = text_of(block)
        if not text:
            continue
        if text in seen:
            run.append(block)
        else:
            end_run()
            seen.add(text)
    end_run()
    return copies


READERABLE_MIN_PARAGRAPH = 140  # characters; Firefox's own threshold for a paragraph that counts
# Prose score per linked headline below which a run of headlines is a list of teasers: a
# 280-character summary scores 12; a listicle's sections, with paragraphs, score more.
LIST_MAX_PROSE_PER_ITEM = 12


def links_elsewhere(element: HtmlElement) -> int:
    """Characters of link text pointing to another page (not "#section" links within this one)."""
    return sum(len(text_of(a)) for a in element.iter("a") if not (a.get("href") or "").startswith("#"))


def is_link_heading(heading: HtmlElement) -> bool:
    """A heading that is a link to another page: a headline in a list, never an article's section,
    nor a poster's name linking to their profile (``rules.PROFILE_LINKS``)."""
    text = len(text_of(heading))
    if not text:
        return False
    wrapper = heading.getparent()
    if wrapper is not None and wrapper.tag == "a" and not (wrapper.get("href") or "").startswith("#"):
        return not rules.PROFILE_LINK.search(wrapper.get("href") or "")
    if any(rules.PROFILE_LINK.search(a.get("href") or "") for a in heading.iter("a")):
        return False
    return links_elsewhere(heading) >= 0.6 * text  # 0.6: "Kicker" + linked headline


def _headline_link(card: HtmlElement) -> str:
    """The address the card's headline (its first ``<h2>``-``<h6>``) links to, or ""."""
    for heading in card.xpath(".//h2 | .//h3 | .//h4 | .//h5 | .//h6"):
        link = heading.find(".//a[@href]")
        if link is None and heading.getparent() is not None and heading.getparent().tag == "a":
            link = heading.getparent()
        if link is not None:
            return link.get("href", "")
    return ""


def site_of(address: str) -> str:
    """The host an address names, without "www." ("" when it names none a browser would follow)."""
    try:
        return (urlsplit(address).hostname or "").removeprefix("www.").lower()
    except ValueError:  # "http://[x/1"
        return ""


def _headline_host(card: HtmlElement) -> str:
    return site_of(_headline_link(card))


# Distinct sites among a card list's headline links, per card, from which it links to many sites.
_MANY_SITES_MIN_SHARE = 0.5


def links_to_many_sites(cards: list[HtmlElement]) -> bool:
    """The cards' headlines link to a different site nearly each time: a roundup ("12 sewing
    machines", a prize's shortlist), where a site's "more stories" point to one site, its own."""
    return len({_headline_host(card) for card in cards}) >= _MANY_SITES_MIN_SHARE * len(cards)


_DATED_PATH = re.compile(r"/(?:19|20)\d{2}/\d{1,2}/")
_STORY_MARKS = etree.XPath("descendant::time | descendant::*/@class[contains(., 'byline') or contains(., 'author')]/..")


def is_the_pages_contents(cards: list[HtmlElement], address: str | None) -> bool:
    """Cards whose headlines all link below the page's own address are its contents: a
    documentation index's pages ("/actions/how-tos/write-workflows/choose-when-workflows-run"
    under "/actions/how-tos/write-workflows"), not other articles. Not cards with a date or a
    byline, nor links to dated addresses: a section front's stories ("/2022/01/25/..." under
    "/2022")."""
    if not address or any(_STORY_MARKS(card) for card in cards):
        return False
    try:
        page = urlsplit(address)
        links = [urlsplit(urljoin(address, _headline_link(card))) for card in cards]
    except ValueError:
        return False
    folder = page.path.rstrip("/") + "/"
    return len(folder) > 1 and all(
        link.netloc == page.netloc
        and link.path.startswith(folder)
        and len(link.path) > len(folder)
        and not _DATED_PATH.search(link.path)  # "/2022/01/20/world/harbour.html": a story's address
        for link in links
    )


def link_headings_within(root: HtmlElement) -> dict[HtmlElement, int]:
    """How many link headings (``is_link_heading``) each element under ``root`` holds, itself
    included, for every element that holds one: three or more side by side make a list of cards."""
    counts: dict[HtmlElement, int] = {}
    for heading in root.xpath(".//h2 | .//h3 | .//h4 | .//h5 | .//h6"):
        if is_link_heading(heading):
            for element in (heading, *heading.iterancestors()):
                counts[element] = counts.get(element, 0) + 1
    return counts


def card_lists(root: HtmlElement, min_cards: int) -> dict[HtmlElement, list[HtmlElement]]:
    """Each element under ``root`` with ``min_cards`` or more children holding one link heading
    each (``link_headings_within``), with those children: a list of cards side by side."""
    counts = link_headings_within(root)
    lists = {}
    for container, count in counts.items():
        cards = [child for child in container if counts.get(child, 0) == 1] if count >= min_cards else []
        if len(cards) >= min_cards:
            lists[container] = cards
    return lists


def prose_score(element: HtmlElement, blocks: tuple[str, ...] = ("p", "pre")) -> float:
    """Firefox's "is this probably readerable" measure: long paragraphs, counted with diminishing weight.

    ``blocks``: the tags that count as paragraphs (Firefox's: ``<p>`` and ``<pre>``)."""
    lengths = (len(" ".join(p.text_content().split())) for p in element.iter(*blocks))
    return sum(math.sqrt(length - READERABLE_MIN_PARAGRAPH) for length in lengths if length > READERABLE_MIN_PARAGRAPH)


class RemovalTally:
    """Drops elements from one tree and counts them per (kind, reason) for ``removed``."""

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self._elements: Counter[tuple[str, str]] = Counter()
        self._characters: Counter[tuple[str, str]] = Counter()

    def drop(self, element: HtmlElement, kind: str, reason: str) -> bool:
        """Drop ``element`` (its tail text stays); False if it was already gone or is the root."""
        if element is self.root or not is_attached(element, self.root):
            return False
        key = (kind, reason)
        self._elements[key] += 1
        self._characters[key] += len(text_of(element))
        element.drop_tree()
        return True

    def removals(self) -> list[Removal]:
        return [
            Removal(kind, reason, count, self._characters[(kind, reason)])
            for (kind, reason), count in self._elements.items()
        ]


# Elements with a class or an id, which name rules and readability-lxml's class weights read.
NAMED_ELEMENTS = etree.XPath("descendant::*[@class or @id]")

HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SECTION_HEADING_TAGS = HEADING_TAGS[1:]  # below the page's headline


def is_subsection(element: HtmlElement, parent: HtmlElement) -> bool:
    """``element`` is one titled ``<section>`` of ``parent``'s, itself a titled ``<section>``,
    each with an id to link to: the outline of one document (Sphinx, MkDocs and most
    documentation tools write one). A blog's layout sections (a story and its responses under
    the site's "Blog" label) have no ids to link to."""
    return (
        element.tag == "section"
        and parent.tag == "section"
        and bool(element.get("id"))
        and bool(parent.get("id"))
        and _titled(element)
        and _titled(parent)
    )


def _titled(section: HtmlElement) -> bool:
    first = next((child for child in section if isinstance(child.tag, str) and child.tag != "span"), None)
    return first is not None and first.tag in (*HEADING_TAGS, "header", "hgroup")


def is_outline_section(element: HtmlElement) -> bool:
    """A section of a document's outline whose id is its heading's words, as documentation tools
    write it ("respond-to-review-comments" for "Respond to review comments"), or an address
    under its parent section's (Sphinx's "module-json.tool" in "module-json") that its heading's
    permalink mark (``rules.OUTLINE_PERMALINK_MARKS``) goes to: the id names a place in the
    outline, not the kind of box, so the words in it ("comments", "tool") say nothing. A
    heading's words linking to their own section are no mark, nor is a bare "#" (blogs put one
    on every heading, comments' too), and a "related" section in a "the-river" is no address
    under it."""
    name, parent = element.get("id", ""), element.getparent()
    if not name or parent is None or not is_subsection(element, parent):
        return False
    heading = next(element.iter(*HEADING_TAGS), None)
    if _is_an_address_under(name, parent.get("id", "")) and any(
        link.get("href") == "#" + name and text_of(link) in rules.OUTLINE_PERMALINK_MARKS
        for link in (heading.iter("a") if heading is not None else ())
    ):
        return True
    parts = [part for part in re.split(r"[\W_]+", name.lower()) if part and not part.isdigit()]
    words = set(re.findall(r"\w+", text_of(heading).lower())) if heading is not None else set()
    if parts and len(parts[0]) == 1 and parts[0] not in words and _prefixes_the_outline(parts[0], parent, len(parts)):
        parts = parts[1:]  # the tool's one-letter prefix: Django's "s-extra-fields-on-many-to-many"
    return bool(parts) and all(part in words for part in parts)


def _is_an_address_under(name: str, parent: str) -> bool:
    """``name`` is ``parent`` and more, after a separator: "module-json.tool" under "module-json"."""
    return len(name) > len(parent) + 1 and name.startswith(parent) and not name[len(parent)].isalnum()


def _prefixes_the_outline(letter: str, parent: HtmlElement, parts: int) -> bool:
    """A one-letter first part of a section's id is the tool's prefix when more than one word
    follows it, or when the outline's parent section carries it too (Django's "s-widgets" in
    "s-more-on-fields"); a blog's "c-comments" in a page's "the-river" is a comments box."""
    return parts > 2 or parent.get("id", "").lower().startswith(letter + "-")
