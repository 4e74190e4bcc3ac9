"""Stage 5: the readability-lxml adapter. readability-lxml is a black box behind this module.

We hand it the tree we parsed and pre-cleaned ourselves, and take back the one element it judges
to be the article. Its own parsing steps (a second parse, its regex cleaner, its link rewriting)
are skipped: earlier stages did them, and sanitising is ``sanitize``'s job, not its. Its errors
become ours here.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from itertools import takewhile
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from readability import Document
from readability.readability import REGEXES

from server.errors import ClearpageError, NotReadable
from server.pipeline import rules
from server.pipeline.dom import (
    HEADING_TAGS,
    LIST_MAX_PROSE_PER_ITEM,
    NAMED_ELEMENTS,
    READERABLE_MIN_PARAGRAPH,
    SECTION_HEADING_TAGS,
    TEXT_BLOCKS,
    card_lists,
    elements_after,
    is_link_heading,
    is_outline_section,
    is_subsection,
    is_the_pages_contents,
    links_to_many_sites,
    prose_score,
    repeated_blocks,
    spaced_text_of,
    text_of,
    words_in,
)
from server.pipeline.metadata import PRODUCT_TYPES, THREAD_TYPES, canonical_link, itemtype_names, page_types
from server.pipeline.trafilatura_engine import trafilatura_article
from server.pipeline.types import Removal

log = logging.getLogger(__name__)
_UNLIKELY, _MAYBE_A_CANDIDATE = REGEXES["unlikelyCandidatesRe"], REGEXES["okMaybeItsACandidateRe"]
# readability-lxml logs every failure with a traceback at ERROR; this adapter reports them instead.
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

# Short is not the same as not an article (a two-line notice is still readable); empty is.
MIN_ARTICLE_CHARS = 1

# Widening the chosen element to an ancestor (see _TreeDocument.select_best_candidate): up to
# three levels, when the ancestor holds at least 15% (and 100 characters) more prose, but not
# twice as much: an ancestor with that much more holds other articles, not more of this one.
_MAX_WIDENING_LEVELS = 3
_WIDEN_MIN_RATIO = 1.15
_WIDEN_MAX_RATIO = 2.0
_WIDEN_MIN_CHARS = 100
_PROSE_MIN_CHARS = 60  # a paragraph shorter than this is a label, not prose
_CAPTION_MAX_CHARS = 300
_SECTION_MIN_CHARS = 140  # a paragraph that long under a heading makes the heading a section title

# The blocks an editor marks as its own (``rules.EDITOR_CLASSES``), whatever else their class says.
_EDITOR_MARKED = etree.XPath(
    " | ".join(f"descendant::*/@class[contains(concat(' ', ., ' '), ' {name} ')]/.." for name in rules.EDITOR_CLASSES)
)
# What readability-lxml treats as a block inside a <div> (its regular expression matches tag names
# that start with these), and the inline elements it gathers into paragraphs.
_BLOCK_TAG_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_INLINE_TAGS = frozenset("a b cite code em font i small span strong sub sup u".split())
_INLINE_WITH_NAMES = etree.XPath(
    " | ".join(
        f"descendant::{tag}[@class or @id]" for tag in "a span em strong b i small abbr cite code sup sub font".split()
    )
)

# readability-lxml's choice stands unless it holds under this share of the words trafilatura kept.
SECOND_ENGINE_SHARE = 0.7
# trafilatura keeps words the page shows, so when readability's article holds this share of
# them, trafilatura's cannot outweigh it and is not asked for (about half the pages: it is a third
# of the pipeline's time). The one exception: when its own reading finds under 250 characters it
# falls back to a Discourse forum's preloaded posts (``div#data-preloaded``); such pages, and
# articles under this many words, always get its opinion.
_SHORTCUT_MIN_WORDS = 100

NOT_AN_ARTICLE = (
    "This page doesn't look like an article: there is no main text to show in reader view. "
    "Home pages, search results, sign-in forms and product lists have none."
)
NOT_AN_ARTICLE_LIST = (
    "This page looks like a list of articles (a home page, a section or search results), not an "
    "article. Open one of the articles, then try reader view again."
)
NOT_AN_ARTICLE_SIGN_IN = "This page is a sign-in form, not an article: there is nothing to read in reader view."
NOT_AN_ARTICLE_PRODUCTS = (
    "This page looks like a list of products, not an article: there is nothing to read in reader view."
)

# Telling articles from other pages (see why_not_an_article).
_READERABLE_MIN_SCORE = 20  # Firefox's threshold for "probably readerable" (see dom.prose_score)
_LIST_MIN_LINKED_HEADINGS = 3
_PRODUCT_LIST_MIN_PRICES = 4
# A section front whose lists of other articles the cleaners removed: a photo and a word are left.
_LEFT_MAX_WORDS = 25  # less than one short paragraph (Firefox's readerable check wants 140 characters)
_LEFT_LIST_MIN_CHARS = 2000  # the lists were a real part of the page, not one "Related" box
_LEFT_LIST_SHARE = 20  # and held at least twenty times the characters that are left
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|EUR|USD|GBP|kr|zł))(?!\w)")


# Threads (see _TreeDocument._whole_thread): how far above the choice a post's own markup may
# start, how much prose makes a post, and how much of the thread's container the posts fill.
_THREAD_MAX_CLIMB = 3
_THREAD_POST_MIN_PROSE = 80
_THREAD_MIN_SHARE = 0.8


def _in_a_comment(element: HtmlElement) -> bool:
    """``element`` is part of an item its page's microdata declares a schema.org Comment."""
    return any("Comment" in itemtype_names(e.get("itemtype")) for e in (element, *element.iterancestors()))


def _common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The innermost element holding all of ``elements``."""
    paths = [[*reversed(list(e.iterancestors()))] for e in elements]
    common = None
    for level in zip(*paths, strict=False):  # the shortest path ends the search
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def _collapsed_length(element: HtmlElement) -> int:
    """Length of the element's text with each run of whitespace counted as one character."""
    words = element.text_content().split()
    return sum(map(len, words)) + max(len(words) - 1, 0)


def _how_a_link_reads(link: HtmlElement) -> tuple[bool, HtmlElement | None, bool]:
    """Whether ``link`` is code named in a sentence (``_names_code``), the heading it stands in,
    and whether that heading is mostly not links (its links are then its title: rustdoc's
    signature "pub fn ok(self) -> Option<T>", its types linked; a teaser's heading is all link)."""
    heading = next(link.iterancestors(*HEADING_TAGS), None)
    titled = heading is not None and _link_chars(heading) <= 0.5 * len(text_of(heading))
    return _names_code(link), heading, titled


def _link_chars(element: HtmlElement) -> int:
    """Characters of link text under ``element`` (a cheaper measure than readability-lxml's),
    code named in a sentence not counted, as in ``get_link_density``."""
    return sum(len(link.text_content().strip()) for link in element.iter("a") if not _names_code(link))


def _names_code(link: HtmlElement) -> bool:
    """A link whose text is all code (``<a><code>Ok</code></a>``): documentation naming the API
    item its sentence is about, linked to that item's entry. It is part of the sentence, not a
    way off the page; a menu's links are not set as code."""
    code = sum(len(c.text_content().strip()) for c in link.iter("code"))
    return code > 0 and code >= len(link.text_content().strip())


def is_data_table(table: HtmlElement) -> bool:
    """True for a table of data (rows and columns a reader reads), False for a layout table.

    The signals browsers' reader modes use: an explicit role, a caption or summary, header cells
    or row groups, and size; a table nesting another table is page layout.
    """
    if table.get("role") in ("presentation", "none") or table.get("datatable") == "0":
        return False
    if table.get("summary") or table.find("caption") is not None:
        return True
    if table.find(".//table") is not None:
        return False
    if table.find(".//th") is not None or table.find(".//thead") is not None or table.find(".//tfoot") is not None:
        return True
    rows = table.findall(".//tr")
    columns = max((len(row.findall("td")) for row in rows), default=0)
    return len(rows) >= 10 or columns > 4 or len(rows) * columns > 10


class _TreeDocument(Document):
    """readability-lxml's Document over a tree we already parsed and cleaned.

    Document re-runs ``_parse`` before each pass (a strict pass, then a lenient one when the
    first finds too little) and changes what it returns; given a tree, it would return the tree
    itself, so the lenient pass would start from the strict pass's leftovers. We return a fresh
    copy each time instead, and skip its parse-time cleaning, which earlier stages already did.
    """

    sign_in_form = False  # set by readable(): the page asked for a password
    thread = False  # set by readable(): the page declares itself a thread
    comments = False  # set by readable(): the page declares comments (a forum's replies may be)
    product = False  # set by readable(): the page declares a product (its reviews are no thread)
    direction: str | None = None  # the dir attribute on the chosen element or its nearest ancestor
    not_an_article: str | None = None  # why the last pass's choice is not an article, if it is not

    def transform_misused_divs_into_paragraphs(self) -> None:
        """readability-lxml's rewrite of ``<div>``s into the paragraphs its scoring counts.

        The library's rules, unchanged: a ``<div>`` holding no block-level element becomes a
        ``<p>``; in the other ``<div>``s, loose text, each run of inline elements and each tail
        becomes a ``<p>`` of its own, and ``<br>``s between them go. The library decides "holds a
        block" by serialising every child of every ``<div>`` and searching the markup with a
        regular expression (a tag starting "p", "div", "img"...), which costs time in the square
        of the page's depth; here one pass over the block elements marks their ancestors.
        """
        holds_blocks: set[HtmlElement] = set()
        for element in self.html.iter():
            if isinstance(element.tag, str) and element.tag.startswith(_BLOCK_TAG_PREFIXES):
                for ancestor in element.iterancestors():
                    if ancestor in holds_blocks:
                        break
                    holds_blocks.add(ancestor)
        for div in self.html.findall(".//div"):
            if div not in holds_blocks:
                div.tag = "p"
        for div in self.html.findall(".//div"):
            paragraph = None
            if div.text and div.text.strip():
                paragraph = lxml.html.Element("p")
                paragraph.text, div.text = div.text, None
                div.insert(0, paragraph)
            for child in [c for c in div if c is not paragraph]:
                if child.tag == "br" or child.tag not in _INLINE_TAGS or child in holds_blocks:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = lxml.html.Element("p")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for position, child in reversed(list(enumerate(div))):
                if child.tail and child.tail.strip():
                    tail = lxml.html.Element("p")
                    tail.text, child.tail = child.tail, None
                    div.insert(position + 1, tail)
                if child.tag == "br":
                    child.drop_tree()

    def _parse(self, input: HtmlElement) -> HtmlElement:
        self._prose_memo: dict[HtmlElement, int] = {}  # per pass: each pass works on a fresh copy
        self._weight_memo: dict[HtmlElement, int] = {}
        self._names_weight: dict[tuple[str | None, str | None], float] = {}
        # Prose under an element (_prose_chars). Only select_best_candidate measures, and only before
        # _whole_thread moves a thread's posts (it returns right after): a measure taken after a
        # change to the tree would need this cleared.
        self._chars_memo: dict[HtmlElement, int] = {}
        self._link_memo: dict[HtmlElement, tuple[bool, HtmlElement | None, bool]] = {}
        self._posts: list[HtmlElement] = []  # a thread's posts, once _whole_thread has built it
        page = copy.deepcopy(input)
        # Its "unlikely candidate" pass drops any element whose class says popup, comment,
        # sidebar... including a link inside a sentence ("popup" footnotes), taking the words
        # with it. Class names of inline elements never count for its scores, so the copy it
        # works on goes without them (Readability.js exempts links the same way).
        for element in _INLINE_WITH_NAMES(page):
            element.attrib.pop("class", None)
            element.attrib.pop("id", None)
        # An editor's own marks on the blocks it wrote say nothing of their role ("ck-widget" is no
        # sidebar widget), so its class weight does not see them.
        for element in _EDITOR_MARKED(page):
            names = [name for name in element.get("class", "").split() if name not in rules.EDITOR_CLASSES]
            element.set("class", " ".join(names))
        return page

    def remove_unlikely_candidates(self) -> None:
        """readability-lxml's pass, headings exempt: a heading is the text's by its tag, and its
        class says where it sits (rustdoc's ``code-header`` holds each function's signature,
        which "header" would drop). A heading inside an unlikely box still goes with the box.
        So are the sections of a document's outline, whose ids name their places
        ("respond-to-review-comments" is the kernel's guide to patches, not a comment section;
        "module-json.tool" is no tool box: ``dom.is_outline_section``)."""
        names = {
            element: dict(element.attrib)
            for element in self.html.iter(*HEADING_TAGS, "section")
            if element.attrib and (element.tag != "section" or is_outline_section(element))
        }
        for element in names:
            element.attrib.clear()
        # The library's pass, its expressions and its order, with each distinct "class id" string
        # judged once: pages repeat their names, and this pass searches every element's.
        unlikely: dict[str, bool] = {}
        for element in NAMED_ELEMENTS(self.html):  # an element with neither name is never unlikely
            said = f"{element.get('class', '')} {element.get('id', '')}"
            if len(said) < 2:
                continue
            if said not in unlikely:
                unlikely[said] = bool(_UNLIKELY.search(said)) and not _MAYBE_A_CANDIDATE.search(said)
            if (
                unlikely[said]
                and element.tag not in ("html", "body")
                and not element.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                and not element.xpath(
                    "descendant-or-self::main | descendant-or-self::article | descendant-or-self::math"
                )
            ):
                element.drop_tree()
        for element, attributes in names.items():
            element.attrib.update(attributes)

    def class_weight(self, e: HtmlElement) -> float:
        """readability-lxml's weight from class and id, never below none for a section of a
        document's outline (``dom.is_outline_section``): its id names its place (its heading's
        words, or where its permalink goes), not a role ("s-content" keeps the library's plus)."""
        if e.tag == "section" and is_outline_section(e):
            return max(0.0, self._names_weight_of(e))
        return self._names_weight_of(e)

    def _names_weight_of(self, e: HtmlElement) -> float:
        # The library's weight reads the class and the id alone (we give it no keywords), and
        # pages repeat their names: each pair is weighed once.
        names = (e.get("class"), e.get("id"))
        if names not in self._names_weight:
            self._names_weight[names] = super().class_weight(e)
        return self._names_weight[names]

    def score_paragraphs(self) -> dict[HtmlElement, dict[str, Any]]:
        """readability-lxml's paragraph scores, plus list items that are paragraphs in all but tag.

        It scores ``p``, ``pre``, ``td`` and ``blockquote`` only, so an article written as lists
        (release notes, a changelog, a how-to) scores nothing and loses to a photo caption. A list
        item with a paragraph's worth of text, not mostly links, scores as half a paragraph (and
        without the bonus for commas, which in lists of references are punctuation, not prose):
        for its list, and half again for the block that holds the list.
        """
        candidates: dict[HtmlElement, dict[str, Any]] = super().score_paragraphs()
        link_density: dict[HtmlElement, float] = {}
        for item in self.html.iter("li"):
            if item.find(".//p") is not None:
                continue  # its paragraphs were scored already
            text = " ".join(item.text_content().split())
            if len(text) < _PROSE_MIN_CHARS or _link_chars(item) > 0.5 * len(text):
                continue
            score = 0.5 * (1 + min(len(text) / 100, 3))
            listing = item.getparent()
            for holder, share in (
                (listing, 1.0),
                (listing.getparent() if listing is not None else None, 0.5),
            ):
                if holder is None:
                    continue
                if holder not in candidates:
                    candidates[holder] = self.score_node(holder)
                if holder not in link_density:
                    link_density[holder] = min(1.0, _link_chars(holder) / max(len(holder.text_content()), 1))
                candidates[holder]["content_score"] += score * share * (1 - link_density[holder])
        return candidates

    def select_best_candidate(self, candidates: dict[HtmlElement, dict[str, Any]]) -> dict[str, Any] | None:
        """readability-lxml's choice, widened to the ancestor that holds the whole article.

        Its scores reach only a paragraph's parent and grandparent, so an article split across
        sibling containers (a "story-intro" beside a "read-more" block, a lead paragraph above
        the body div) loses its first part, and an article built around a table is taken for
        the table. A data table is never the whole article: we climb out of one (a layout
        table's cell may well be the article, and stays). On a thread, the choice is one post
        and the article is all of them (``_whole_thread``). Otherwise an ancestor holding
        clearly more prose than the choice (paragraphs of real text, outside sidebars and
        comments) is the article instead.
        """
        best = super().select_best_candidate(candidates)
        if best is None:
            return None
        element = best["elem"]
        table = next(element.iterancestors("table"), None) if element.tag != "table" else element
        if table is not None and is_data_table(table) and table.getparent() is not None:
            element = table.getparent()
            best = self._promote(element, best, candidates)
        # A thread's posts are the article, without what the forum prints beside them.
        thread = self._whole_thread(best, candidates)
        best = thread if thread is not None else self._widened(element, best, candidates)
        self._include_lead_figure(best, candidates)
        self.direction = next(
            (e.get("dir").strip().lower() for e in (best["elem"], *best["elem"].iterancestors()) if e.get("dir")),
            None,
        )
        # Judged now, before readability's own cleaning changes the chosen element in place.
        self.not_an_article = why_not_an_article(best["elem"], self.sign_in_form)
        return best

    def _widened(
        self, element: HtmlElement, best: dict[str, Any], candidates: dict[HtmlElement, dict[str, Any]]
    ) -> dict[str, Any]:
        prose = self._prose_chars(element)
        for _ in range(_MAX_WIDENING_LEVELS):
            parent = element.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            parent_prose = self._prose_chars(parent)
            if parent_prose > prose * _WIDEN_MAX_RATIO:
                break
            if parent_prose >= prose * _WIDEN_MIN_RATIO and parent_prose - prose >= _WIDEN_MIN_CHARS:
                best, prose = self._promote(parent, best, candidates), parent_prose
            element = parent
        # A section of a document is read with the document's other sections, however much they hold.
        while (parent := best["elem"].getparent()) is not None and is_subsection(best["elem"], parent):
            best = self._promote(parent, best, candidates)
        return best

    def _whole_thread(
        self, best: dict[str, Any], candidates: dict[HtmlElement, dict[str, Any]]
    ) -> dict[str, Any] | None:
        """A thread's posts, not its first: on a page that declares itself a thread (or each reply
        a comment), when the chosen block is one of several the page builds alike (the same tag
        and class: XenForo's ``bbWrapper``, Stack Exchange's ``js-post-body``), each holding
        prose in one container where they are most of the prose, the article is those posts, in
        order. Only their bodies: the poster's card, badges and signature beside each stay out,
        as they do for the first post alone.

        A page that declares nothing is a thread when three or more such posts are signed as a
        forum signs them (``_signed``): a board that imported its old posts keeps their times,
        not their markup; Flarum's copy for browsers without scripts keeps only each poster's
        name. A store's product page is no thread: its signed posts are customers' reviews.
        A thread's posts are the content as they are, links and all (``get_preserved_elements``)."""
        element = best["elem"]
        declared = self.thread or self.comments
        if not declared and self.product:
            return None
        for anchor in [element, *element.iterancestors()][: _THREAD_MAX_CLIMB + 1]:
            name = anchor.get("class")
            if not name or anchor.tag in ("body", "html"):
                continue
            built_alike = [e for e in self.html.iter(anchor.tag) if e.get("class") == name]
            # A quote built as a post is part of the post around it.
            each = set(built_alike)
            alike = [e for e in built_alike if each.isdisjoint(e.iterancestors())]
            least = 2 if declared else 3
            if len(alike) < least:
                continue  # too few to be posts, whatever they hold (measuring them walks the page)
            posts = [e for e in alike if self._prose_chars(e) >= _THREAD_POST_MIN_PROSE]
            if len(posts) < least:
                continue
            # Replies declared without a thread must all be: XenForo marks each a Comment.
            if declared and not (self.thread or all(map(_in_a_comment, alike[1:]))):
                continue
            container = _common_ancestor(alike)
            if container is None or container.tag in ("html", "body") or container in alike:
                return None
            if not declared and not all(_signed(post, container) for post in posts):
                continue
            if sum(map(self._prose_chars, posts)) < _THREAD_MIN_SHARE * self._prose_chars(container):
                return None
            thread = lxml.html.Element("div")
            _card(alike[0], container).addprevious(thread)
            for post in alike:
                for emptied in post.iterancestors():
                    if emptied is container:
                        break
                    candidates.pop(emptied, None)  # the post's card, left behind: never a sibling to add
                post.tail = None  # the text after a post's body is its card's, not the post's
                thread.append(post)
            self._posts = alike
            return self._promote(thread, best, candidates)
        return None

    def _include_lead_figure(self, best: dict[str, Any], candidates: dict[HtmlElement, dict[str, Any]]) -> None:
        """Bring along the picture just above the article body (the lead photo and its caption).

        readability-lxml adds a sibling of its choice only when the sibling scores as text, and
        a figure has none; the sibling just before the body that holds an image and at most a
        caption's text is scored so that it is added.
        """
        previous = best["elem"].getprevious()
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is None or (previous.find(".//img") is None and previous.tag != "img"):
            return
        if len(" ".join(previous.text_content().split())) > _CAPTION_MAX_CHARS:
            return
        candidate = candidates.get(previous) or self.score_node(previous)
        candidate["content_score"] = max(candidate["content_score"], 10, best["content_score"] * 0.2)
        candidates[previous] = candidate

    def _promote(
        self, element: HtmlElement, best: dict[str, Any], candidates: dict[HtmlElement, dict[str, Any]]
    ) -> dict[str, Any]:
        """Make ``element`` the candidate, scored no lower than the one it replaces."""
        candidate = candidates.get(element) or self.score_node(element)
        candidate["content_score"] = max(candidate["content_score"], best["content_score"])
        candidates[element] = candidate
        return candidate

    def _prose_chars(self, element: HtmlElement) -> int:
        """Characters of prose under ``element``: paragraphs long enough and not mostly links,
        outside containers whose class or id marks them as not content (readability-lxml's own
        class weight: comments, sidebars, related links...), which its cleaning drops anyway."""
        if element in self._chars_memo:
            return self._chars_memo[element]
        total = 0
        stack = [element]
        while stack:
            node = stack.pop()
            if node is not element and node in self._chars_memo:
                total += self._chars_memo[node]  # measured before: widening climbs from it
            elif node.tag in ("p", "pre", "blockquote") or (node.tag == "li" and node.find(".//p") is None):
                total += self._paragraph_prose(node)
            else:
                stack.extend(child for child in node if isinstance(child.tag, str) and self._weight(child) >= 0)
        self._chars_memo[element] = total
        return total

    def _paragraph_prose(self, paragraph: HtmlElement) -> int:
        """The paragraph's length if it reads as prose, else 0 (memoised: widening asks again)."""
        if paragraph not in self._prose_memo:
            text = " ".join(paragraph.text_content().split())
            prose = len(text) >= _PROSE_MIN_CHARS and _link_chars(paragraph) <= 0.3 * len(text)
            self._prose_memo[paragraph] = len(text) if prose else 0
        return self._prose_memo[paragraph]

    def _weight(self, element: HtmlElement) -> int:
        if element not in self._weight_memo:
            self._weight_memo[element] = self.class_weight(element)
        return self._weight_memo[element]

    def get_link_density(self, elem: HtmlElement) -> float:
        """readability-lxml's link density, except for a linked heading over a section of prose.

        Its cleaning drops every heading that is mostly link; in a listicle ("Thumper ($20)"
        linking to the store, then a review) that is each section's title. Runs of linked
        headlines without prose are teaser lists, which ``preclean`` has removed already.

        The measure is the library's (characters of link text over characters of text, runs of
        whitespace counted as one), computed with ``str.split`` instead of its three regular
        expressions per element: it is the hottest call of the whole pipeline.
        """
        if elem.tag in SECTION_HEADING_TAGS:
            following = elem.getnext()
            if (
                following is not None
                and following.tag == "p"
                and len(following.text_content().strip()) >= _SECTION_MIN_CHARS
            ):
                return 0.0
        links = sum(
            _collapsed_length(link) for link in elem.iterdescendants("a") if not self._part_of_the_text(link, elem)
        )
        return links / max(_collapsed_length(elem), 1)

    def _part_of_the_text(self, link: HtmlElement, measured: HtmlElement) -> bool:
        """A link that is part of the text it stands in, not a way off the page, in the link
        density of ``measured``: code named in a sentence; in a heading, its link to a place on
        its own page (Sphinx's back-link to the contents); in a box holding a heading that is
        mostly not links, the heading's links, which are its title (readability-lxml dropped
        rustdoc's signatures' boxes as "too many links", and the titles with them)."""
        if link not in self._link_memo:
            self._link_memo[link] = _how_a_link_reads(link)
        code, heading, titled = self._link_memo[link]
        if code or heading is None:
            return code
        return link.get("href", "").startswith("#") if heading is measured else titled

    def get_preserved_elements(self, node: HtmlElement) -> dict[HtmlElement, bool]:
        """Keep lists, data tables, code blocks and a document's sections of prose inside the
        article out of readability-lxml's conditional cleaning (every check of it: link
        density, length, class weight).

        readability-lxml drops any list or table whose text is more than a fifth links; in an
        article those are often the content itself (a changelog of bug links, a table of films).
        Readability.js exempts them for the same reason. A class that says "not content"
        (sidebar, related, comment...) still removes them, and navigation and teaser lists are
        the cleaning stages' job.
        """
        preserved: dict[HtmlElement, bool] = super().get_preserved_elements(node)
        # A thread's post is the thread's by what it is, however many links it holds (a forum's
        # opening post that lists the threads on each party's campaign).
        for post in self._posts:
            for box in post.iter("div", "section", "ul", "table"):
                if self.class_weight(box) >= 0:
                    preserved[box] = True
        for element in node.iter("ul", "ol", "dl", "table"):
            if self.class_weight(element) >= 0 and (element.tag != "table" or is_data_table(element)):
                preserved[element] = True
        # A section of the document's outline whose links are in its sentences is a part of the
        # document by its heading and its place, however many of its words link to the classes
        # and settings it names (Django's "CSRF protection middleware"). One with links of their
        # own (a "See also" list, sponsors' names, a blog's "From the archive") is judged as any
        # other box.
        for section in node.iter("section"):
            if is_outline_section(section) and _links_in_its_sentences(section):
                preserved[section] = True
        for code in node.iter("pre"):
            # A command is short ("$ celery --help"); the boxes a code block sits in would go as
            # "too short" (wcxb-dev 0665). Only boxes holding nothing but the code are kept.
            text = "".join(code.text_content().split())
            for box in code.iterancestors("div", "section"):
                if box is node or "".join(box.text_content().split()) != text:
                    break
                preserved[box] = True
        return preserved


_CLASS_PARTS = re.compile(r"[\s_-]+")


def _holds_own_words(paragraph: HtmlElement) -> bool:
    """The paragraph says something of its own besides its links: a sentence's worth of text,
    and twice as much as its links (a line thanking four linked sponsors is their list)."""
    links = _link_chars(paragraph)
    own = len(text_of(paragraph)) - links
    return own >= _PROSE_MIN_CHARS and own >= 2 * links


def _links_in_its_sentences(section: HtmlElement) -> bool:
    """The section holds prose (``_holds_own_words``), and its links outside those paragraphs
    are at most a fifth of its text (readability-lxml's own bound for a box of links), and it
    is no wall of pictures (the library's own bound: more than 1.3 a paragraph, a sponsors'
    logos)."""
    paragraphs = list(section.iter("p"))
    sentences = [p for p in paragraphs if _holds_own_words(p)]
    if not sentences or len(section.findall(".//img")) > 1 + 1.3 * len(paragraphs):
        return False
    inside = set(sentences)
    stray = sum(
        len(text_of(link))
        for link in section.iter("a")
        if not _names_code(link) and inside.isdisjoint(link.iterancestors("p"))
    )
    return stray <= 0.2 * len(text_of(section))


def _signed(post: HtmlElement, container: HtmlElement) -> bool:
    """The post's own part of ``container`` is signed as a forum signs a post: with its time, a
    link to its writer's profile or a box named for its writer (``rules.POSTER_WORDS``), and no
    headline of its own (each story of an endless news page has its time, and its headline)."""
    card = _card(post, container)
    for heading in _headings_on_top(card):
        # A headline of its own is a story's or a blog post's; a poster's name in a heading (Flarum's
        # <h3> in its "PostUser" box) is not.
        inside = [heading, *heading.iterdescendants(), *takewhile(lambda e: e is not card, heading.iterancestors())]
        if not any(map(_names_poster, inside)):
            return False
    return card.find(".//time") is not None or any(map(_names_poster, card.iter()))


def _card(post: HtmlElement, container: HtmlElement) -> HtmlElement:
    """The post's own part of the thread's ``container``: its body with the poster's card."""
    return next(e for e in [post, *post.iterancestors()] if e.getparent() is container)


def _headings_on_top(card: HtmlElement) -> Iterator[HtmlElement]:
    """The headings before a card's first paragraph: its title, not the headings of its text."""
    for element in card.iter("h1", "h2", "h3", "p"):
        if element.tag == "p":
            return
        yield element


def _names_poster(element: HtmlElement) -> bool:
    """A link to a member's profile, or a box named for a post's writer."""
    if element.tag == "a" and rules.PROFILE_LINK.search(element.get("href", "")):
        return True
    return isinstance(element.tag, str) and not rules.POSTER_WORDS.isdisjoint(
        _CLASS_PARTS.split(element.get("class", "").lower())
    )


def _is_list_item(element: HtmlElement) -> bool:
    """One of several siblings of the same tag and class, each headed by a link: a card in a list."""
    parent = element.getparent()
    if parent is None:
        return False
    alike = [
        sibling
        for sibling in parent
        if sibling.tag == element.tag
        and sibling.get("class") == element.get("class")
        and any(is_link_heading(h) for h in sibling.iter("h2", "h3", "h4"))
    ]
    return len(alike) >= _LIST_MIN_LINKED_HEADINGS and element in alike


def why_not_an_article(chosen: HtmlElement, sign_in_form: bool) -> str | None:
    """A sentence saying why the element readability chose is not an article, or None if it is one.

    Judged on the chosen element as it stood in the page (readability's own cleaning drops the
    linked headlines that give a list page away). A list page's headings are links to other pages;
    an article's never are (no page of the article corpus has even one). When the choice is one
    item of such a list (a story card, a search result), its siblings are the same item again.
    A sign-in page has a password field and little prose; a shop's list has prices.
    """
    headings = [h for h in chosen.iter("h1", "h2", "h3", "h4") if h.text_content().strip()]
    linked = sum(1 for h in headings if is_link_heading(h))
    prose = prose_score(chosen)
    if (
        linked >= _LIST_MIN_LINKED_HEADINGS
        and linked >= 0.5 * len(headings)
        and prose < LIST_MAX_PROSE_PER_ITEM * linked
    ):
        return NOT_AN_ARTICLE_LIST  # headlines with a line of summary each; a listicle has paragraphs
    if prose >= _READERABLE_MIN_SCORE:
        return None
    if _is_list_item(chosen):
        return NOT_AN_ARTICLE_LIST
    if sign_in_form:
        return NOT_AN_ARTICLE_SIGN_IN
    if len(_PRICE.findall(chosen.text_content())) >= _PRODUCT_LIST_MIN_PRICES:
        return NOT_AN_ARTICLE_PRODUCTS
    text = len(" ".join(chosen.text_content().split()))
    if text and _link_chars(chosen) >= 0.5 * text:
        return NOT_AN_ARTICLE
    return None


def is_left_of_a_list_page(text: str, removed: list[Removal]) -> bool:
    """True when the article's ``text`` is only what remains of a list page once the cleaners took
    its lists of other articles (a section front: teaser cards around one photo). Readability.js
    shows the teasers as the article; a reader is better told that the page is a list."""
    listed = sum(removal.characters for removal in removed if removal.kind == rules.RELATED_ARTICLES)
    return (
        words_in(text) < _LEFT_MAX_WORDS and listed >= _LEFT_LIST_MIN_CHARS and listed >= _LEFT_LIST_SHARE * len(text)
    )


def readability_article(root: HtmlElement, sign_in_form: bool = False) -> HtmlElement:
    """Return a ``<div>`` holding the article readability-lxml chooses; raise NotReadable when there is none.

    The ``<div>`` carries the ``dir`` the article had in the page, if any.

    ``sign_in_form``: the page had a password field (``preclean`` removes form controls).
    """
    document = _TreeDocument(root)
    document.sign_in_form = sign_in_form
    types = page_types(root)
    document.thread, document.comments = bool(types & THREAD_TYPES), "Comment" in types
    document.product = bool(types & PRODUCT_TYPES)
    try:
        document.summary(html_partial=True)
    except ClearpageError:
        raise  # our own time limit, raised in one of our overrides
    except Exception as error:
        # A black box: whatever it raises means "no article here". It wraps most failures in
        # Unparseable, our own time limit included: that one must get through.
        if isinstance(error.__context__, ClearpageError):
            raise error.__context__ from None
        log.debug("readability failed: %s", type(error).__name__)
        raise NotReadable(NOT_AN_ARTICLE) from None
    # After summary() its tree is the cleaned article: a <div> made for it, or, when it found no
    # candidate at all, the whole <body>. Taken as it is, not serialised and parsed again.
    article = document.html
    if article is None or len(" ".join(article.text_content().split())) < MIN_ARTICLE_CHARS:
        raise NotReadable(NOT_AN_ARTICLE)
    if document.not_an_article is not None:
        raise NotReadable(document.not_an_article)
    article.tag = "div"
    for name in list(article.attrib):
        del article.attrib[name]  # readability's own id ("readabilityBody") and the body's attributes
    if document.direction in ("ltr", "rtl"):
        article.set("dir", document.direction)  # the article's own direction travels with it
    return article


def _holds_prose(article: HtmlElement) -> bool:
    """Firefox's "probably readerable" measure, over every kind of block trafilatura writes
    (forum posts come out as list items and quotes as often as paragraphs)."""
    return prose_score(article, ("p", "pre", "li", "blockquote")) >= _READERABLE_MIN_SCORE


def _words(element: HtmlElement) -> int:
    """The article's words as a reader reads them: text the page repeats counts once."""
    repeated = sum(words_in(block.text_content()) for block in repeated_blocks(element))
    return words_in(element.text_content()) - repeated


def _holds_most_of_the_page(words: int, shown: HtmlElement) -> bool:
    """True when an article of ``words`` words has ``SECOND_ENGINE_SHARE`` of every word ``shown``
    shows: no extract of that page can hold enough more to be chosen over it."""
    if words < _SHORTCUT_MIN_WORDS or shown.find(".//div[@id='data-preloaded']") is not None:
        return False
    body = shown.find("body")
    return words >= SECOND_ENGINE_SHARE * words_in(spaced_text_of(body if body is not None else shown))


def _feed_words(articles: list[HtmlElement], first: HtmlElement, shown: HtmlElement, address: str | None) -> list[int]:
    """For each of ``articles``, its words that the page shows in a feed of other stories after
    readability-lxml's article (``first``): three or more cards side by side, each a headline
    linking to another of the site's pages, after the longest paragraph of ``first`` and not
    around it. Not a roundup (cards linking to many sites: a prize's shortlist, a buying guide),
    nor the page's own contents (a documentation index's pages, below its address); an article
    split over cards has its longest paragraph in one."""
    none = [0] * len(articles)
    feeds = card_lists(shown, _LIST_MIN_LINKED_HEADINGS)
    if not feeds:
        return none  # most pages: no cards at all, and no paragraph to look for
    paragraphs = sorted((text_of(p) for p in first.iter("p")), key=len, reverse=True)
    if not paragraphs or len(paragraphs[0]) < READERABLE_MIN_PARAGRAPH:
        return none
    anchor = next((p for p in shown.iter("p") if text_of(p) == paragraphs[0]), None)
    if anchor is None:
        return none
    after = set(elements_after(anchor, shown))
    in_cards = {
        text
        for feed, cards in feeds.items()
        if any(box in after for box in (feed, *feed.iterancestors()))
        and not links_to_many_sites(cards)
        and not is_the_pages_contents(cards, address)
        for card in cards
        for block in card.iter(*TEXT_BLOCKS)
        if (text := text_of(block))
    }
    if not in_cards:
        return none
    return [_words_of_blocks(article, in_cards) for article in articles]


def _words_of_blocks(article: HtmlElement, texts: set[str]) -> int:
    """Words of the blocks of ``article`` whose text is one of ``texts`` (a block inside one
    counted is not counted again)."""
    counted: set[HtmlElement] = set()
    words = 0
    for block in article.iter(*TEXT_BLOCKS):
        if (text := text_of(block)) in texts and not any(outer in counted for outer in block.iterancestors()):
            counted.add(block)
            words += words_in(text)
    return words


def readable(
    root: HtmlElement, sign_in_form: bool = False, shown: HtmlElement | None = None, url: str | None = None
) -> HtmlElement:
    """Return a ``<div>`` holding the page's article; raise NotReadable when there is none.

    Two engines read the page and the choice between them has a reason a reader would give:

    - readability-lxml reads ``root`` (pre-cleaned) and keeps the one element it scores highest;
    - trafilatura, when ``shown`` is given (the page as shown, with its comments still in: see
      ``Precleaned.shown``), keeps every block that reads as text.

    trafilatura's article is taken when readability-lxml found none (a page of many short parts,
    a thread of posts) or kept under ``SECOND_ENGINE_SHARE`` of trafilatura's words: it chose one
    part of an article split over several containers (it is not asked when readability-lxml's
    holds that share of every word the page shows). The words of a feed of other stories after
    the article, which trafilatura may keep, count on neither side (``_feed_words``; ``url``, else
    the page's canonical link, tells the page's own contents from other pages). Otherwise
    readability-lxml's stands: the element it chose carries the page's own markup (figures,
    captions, the places ``access`` reads). A page with a password field is a sign-in form
    unless trafilatura finds prose in it (a forum thread with a log-in box beside it).
    """
    try:
        first: HtmlElement | None = readability_article(root, sign_in_form)
        refusal = None
    except NotReadable as error:
        first, refusal = None, error
    first_words = _words(first) if first is not None else 0
    if first is not None and (shown is None or _holds_most_of_the_page(first_words, shown)):
        return first
    second = trafilatura_article(shown) if shown is not None else None
    if first is None:
        # A refusal stands unless trafilatura found a paragraph's worth of words (a map app's
        # zoom buttons are not an article), and prose where the page is a sign-in form.
        if (
            second is None
            or _words(second) < _LEFT_MAX_WORDS
            or (refusal.detail == NOT_AN_ARTICLE_SIGN_IN and not _holds_prose(second))
        ):
            raise refusal  # type: ignore[misc]  -- set whenever first is None
        return second
    if second is None:
        return first
    # A feed of other stories after the article counts on neither side (``_feed_words``).
    first_feed, second_feed = _feed_words([first, second], first, shown, url or canonical_link(root))
    if first_words - first_feed < SECOND_ENGINE_SHARE * (_words(second) - second_feed):
        if first.get("dir"):
            second.set("dir", first.get("dir"))
        return second
    return first
