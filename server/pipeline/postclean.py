"""Stage 6: what readability keeps that a reader would not, and what it mislabels.

readability-lxml chooses the right container but keeps what sits inside it. In order:

0. Text decoded twice before it reached us ("Investorâ€™s Guide", from a server or an editor
   that read UTF-8 as windows-1252) is repaired, in the body and in the metadata: the reader
   sees what the writer typed. Done here, on the article alone, as the page is many times larger.
1. The headline (shown once, as the title) and the byline (a field of its own) leave the body.
2. Short blocks whose whole text is boilerplate go, by the phrase rules in ``rules``: ad labels,
   "Also read | ..." teasers, sign-up and app nags, reader-tool promotions, gallery counters.
   A heading over a paragraph of prose is the section's title and stays, unless that paragraph
   went and nothing is left under it ("Join Our Newsletter" over its pitch). A "Published -
   <date>" line goes too, and its date becomes ``published`` if the page's metadata had none
   (or its time of day, when the metadata gave the day alone).
3. A heading or a line naming the site's teasers ("Related posts:", "You might also like") over
   a list of headlines linking to the site's other pages goes with the list, wherever it stands;
   over two or more linked headlines at the article's end, with everything after it: what the
   site gave no name ``rules`` knows, either engine may keep. A heading naming the writer's bio
   ("About the Author", "About the Reviewer") goes with the bio under it, when that is a bio's
   length.
4. Captions marked only by a class ("caption", "credit") become ``<figcaption>`` in a
   ``<figure>``, so they stay with their picture and out of ``text``; repeated captions,
   pull quotes that repeat the prose, and runs of paragraphs that repeat earlier ones word for
   word (a page's copy for another screen size, ``dom.repeated_blocks``) are shown once.
5. MathML becomes its text.
6. The lead image leaves the body when the article opens with it, its caption and credit
   going to ``lead_image``.
7. Elements left empty go.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from itertools import takewhile
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from server.pipeline import rules
from server.pipeline.decode import has_mojibake, repair_mojibake
from server.pipeline.dom import (
    HEADING_TAGS,
    LIST_MAX_PROSE_PER_ITEM,
    READERABLE_MIN_PARAGRAPH,
    SECTION_HEADING_TAGS,
    RemovalTally,
    elements_after,
    is_attached,
    is_link_heading,
    iter_elements_after,
    prose_score,
    repeated_blocks,
    site_of,
    text_of,
    text_with_breaks,
    words_in,
)
from server.pipeline.metadata import (
    MAX_BYLINE_BOX_CHARS,
    byline_element,
    clean_text,
    normalise_date,
    printed_byline_element,
    without_heading_label,
)
from server.pipeline.types import LeadImage, Metadata, Removal

# Blocks whose whole text a phrase rule may judge.
_PHRASE_BLOCKS = """p div span li aside section h2 h3 h4 h5 h6 a strong em small figure""".split()
_HEADINGS = ("h1", "h2", "h3")
_INLINE_PHRASES = frozenset("a span strong em small".split())
_RUNNING_TEXT = frozenset("p li td dd blockquote figcaption".split())  # blocks of sentences, not headings
_BOX_CHILDREN = frozenset("p div section ul ol table blockquote h2 h3 h4 h5 h6 figure".split())
_EMPTY_REMOVABLE = """p div span section li ul ol blockquote h1 h2 h3 h4 h5 h6 figure figcaption""".split()
_CAPTION_WORDS = re.compile(
    r"(?:^|[\s_-])(caption|captions|credit|credits|photo-credit|image-credit|wp-caption-text)(?=$|[\s_-])",
    re.I,
)
_CREDIT_SUFFIX = re.compile(
    r"\s*(?:\|\s*)?(?:\(?\s*(?:photo|image|picture|foto|illustration)s?\s*(?:credit|by|courtesy)?\s*[:|]\s*"
    r"|\(?\s*(?:credit|courtesy|source)\s*[:|]\s*|©\s*)(?P<credit>[^|()]{2,80}?)\)?\s*$",
    re.I,
)


@dataclass
class Postcleaned:
    article: HtmlElement
    removed: list[Removal]
    meta: Metadata  # the metadata, completed from what the body showed (dateline, lead caption)


def _normalise(text: str | None) -> str:
    return " ".join((text or "").casefold().split()).strip(" .:-–—|")


def _link_chars(element: HtmlElement) -> int:
    own = len(text_of(element)) if element.tag == "a" else 0
    return own or sum(len(text_of(link)) for link in element.iter("a"))


def _title_forms(title: str | None) -> set[str]:
    """The title, and its parts around separators ("Headline | Site"): any may head the body."""
    if not title:
        return set()
    parts = re.split(r" [|\-–—\\/>»] |: ", title)
    return {_normalise(title)} | {_normalise(part) for part in parts if words_in(part) >= 3}


def _drop_title_and_byline(article: HtmlElement, meta: Metadata) -> None:
    forms = _title_forms(meta.title)
    heading = next(
        (
            h
            for h in article.iter(*_HEADINGS)
            if _normalise(text := text_with_breaks(h)) in forms or _normalise(without_heading_label(text)) in forms
        ),
        None,
    )
    if heading is not None:
        heading.drop_tree()  # shown once, as the title
    # A reply's subject line repeats the thread's title ("Re: Discuss the 7.1.0 release here", phpBB's).
    replies = {f"re: {form}" for form in forms}
    for subject in [h for h in article.iter(*_HEADINGS) if _normalise(text_of(h)) in replies]:
        subject.drop_tree()
    byline = byline_element(article)
    if byline is None and meta.byline:
        # The line no markup marks ("Written by Lena Park") that gave the byline.
        printed = printed_byline_element(article)
        byline = printed[0] if printed and printed[1] == meta.byline and printed[0] is not article else None
    # Shown once, as the byline; a box that also holds the author's bio or a note stays.
    if byline is not None and len(text_of(byline)) <= MAX_BYLINE_BOX_CHARS:
        byline.drop_tree()


def _drop_phrases(article: HtmlElement, tally: RemovalTally) -> str | None:
    """Apply the phrase rules; return the text of a dateline found and removed."""
    dateline = None
    spared: list[tuple[HtmlElement, rules.PhraseRule]] = []  # headings kept for the prose under them
    for element in list(article.iter(*_PHRASE_BLOCKS)):
        text = text_of(element)
        if not text or len(text) > rules.MAX_PHRASE_CHARS or not rules.PHRASE_START.match(text):
            continue
        link_chars = _link_chars(element)
        # A heading over a paragraph of prose is a section's title ("Stay connected": SIM cards
        # in a travel guide); only a teaser's link marks it as furniture.
        titles_prose = element.tag in SECTION_HEADING_TAGS and _opens_prose(element)
        # A rule that reads a block's start judges a block of text, not a box of blocks (a
        # disclosure line in the same <div> as the article's first paragraph).
        boxed = any(isinstance(child.tag, str) and child.tag in _BOX_CHILDREN for child in element)
        rule = next(
            (
                r
                for r in rules.PHRASE_RULES
                if (r.link or not titles_prose) and (r.whole or not boxed) and r.matches(text, link_chars)
            ),
            None,
        )
        if rule is None and titles_prose:
            matching = (r for r in rules.PHRASE_RULES if (r.whole or not boxed) and r.matches(text, link_chars))
            # A dateline heading stays: its date was not read in document order (see below).
            if (untitled := next(matching, None)) is not None and not untitled.captures_date:
                spared.append((element, untitled))
        # A link or an emphasis inside a sentence is the sentence's ("wanted to <a>learn more</a>
        # about the whales", "<em>... <a>Sign up now</a> and be one of the cool kids.</em>"); at
        # the end of a line after a sentence or a name it is a button ("... on Tuesday. <a>Read
        # more</a>", a product card's "Shop now").
        if rule is None or (element.tag in _INLINE_PHRASES and _in_a_sentence(element, text)):
            continue
        if tally.drop(element, rule.kind, rule.reason) and rule.captures_date:
            found = rule.compiled.match(text)
            dateline = dateline or (found.group("date") if found else None)
    # A heading kept for the paragraph under it goes when that paragraph went and nothing is left
    # under it: "Join Our Newsletter" over "Sign up now to get ... in your inbox".
    for heading, rule in spared:
        if _section_is_empty(heading, article):
            tally.drop(heading, rule.kind, rule.reason)
    return dateline


def _section_is_empty(heading: HtmlElement, article: HtmlElement) -> bool:
    """No text or image after ``heading`` before the next heading of its rank or above (or the
    article's end), wherever the page's boxes put them."""
    ends = _rank_or_above(heading)
    if (heading.tail or "").strip():
        return False
    for following in iter_elements_after(heading, article):
        for node in following.iter():
            if node.tag in ends:
                return True
            if (isinstance(node.tag, str) and (node.text or "").strip()) or node.tag == "img":
                return False
            if node is not following and (node.tail or "").strip():
                return False
        if (following.tail or "").strip():
            return False
    return True


def _in_a_sentence(element: HtmlElement, text: str) -> bool:
    """The inline ``element`` is part of a sentence around it, on its line (past the emphasis and
    links around it, up to the next block or line break): words follow it, or punctuation does
    ("you can <a>learn more</a>."), or, in a paragraph, words come before it and end no sentence
    ("professionals. <a>Learn more</a>" is a card's button, and so is a product name's "Shop
    now" outside a paragraph). A mark with neither letters nor digits ("¶", "#") is a sentence's
    only with words before it and words or punctuation after ("The symbol ¶ is a pilcrow", not
    "forms.py¶")."""
    before, after = "", ""
    open_before = open_after = True
    node = element
    while (parent := node.getparent()) is not None and node.tag in _INLINE_TAGS and (open_before or open_after):
        if open_after:
            level, open_after = _line_after(node)
            after += level
        if open_before:
            level, open_before = _line_before(node, parent)
            before = level + before
        node = parent
    while node.getparent() is not None and node.tag in _INLINE_TAGS:
        node = node.getparent()
    in_a_paragraph = node.tag in _RUNNING_TEXT
    follows = bool(_WORD.search(after)) or after.lstrip()[:1] in _PUNCTUATION_AFTER
    if not _ALPHANUMERIC.search(text):
        return follows and bool(_WORD.search(before))
    if follows:
        return True
    return in_a_paragraph and bool(_WORD.search(before)) and before.rstrip()[-1:] not in _SENTENCE_ENDS


def _line_after(node: HtmlElement) -> tuple[str, bool]:
    """The text after ``node`` among its siblings on its line, and whether the line goes on past them."""
    parts = [node.tail or ""]
    for sibling in node.itersiblings():
        if not _on_the_line(sibling):
            return "".join(parts), False
        parts.append(_with_tail(sibling))
    return "".join(parts), True


def _line_before(node: HtmlElement, parent: HtmlElement) -> tuple[str, bool]:
    """The text before ``node`` among its siblings on its line, and whether the line began before them."""
    parts = []
    for sibling in node.itersiblings(preceding=True):
        if not _on_the_line(sibling):
            parts.append(sibling.tail or "")  # the text between that block and this line
            return "".join(reversed(parts)), False
        parts.append(_with_tail(sibling))
    parts.append(parent.text or "")
    return "".join(reversed(parts)), True


def _on_the_line(sibling: HtmlElement) -> bool:
    return not isinstance(sibling.tag, str) or sibling.tag in _INLINE_TAGS


def _with_tail(sibling: HtmlElement) -> str:
    """A sibling's text on the line and the text after it (a comment's own text is not shown)."""
    return (sibling.text_content() if isinstance(sibling.tag, str) else "") + (sibling.tail or "")


_SENTENCE_ENDS = frozenset(".!?|»›·•…]")
_PUNCTUATION_AFTER = tuple(".,;:!?)")


# What a line of text is made of: a block or a line break ends it (dom's LINE_TAGS are those blocks).
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i img ins kbd label mark q s samp small span strong sub sup "
    "time u var wbr".split()
)
_WORD = re.compile(r"[^\W\d_]")
_ALPHANUMERIC = re.compile(r"[^\W_]")
_SECTION_PROSE_CHARS = 80  # a paragraph this long under a heading is the section's text


def _opens_prose(heading: HtmlElement) -> bool:
    following = heading.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following is not None and following.tag == "p" and len(text_of(following)) >= _SECTION_PROSE_CHARS


# A run of teasers under its heading: at most this much text before its first card (a second
# label, "All reads on this topic") and after its last (that card's summary, a "see all" link).
_TEASERS_LEAD_CHARS = 100
_TEASERS_END_CHARS = 300


def _text_around(first: HtmlElement, last: HtmlElement, elements: list[HtmlElement]) -> tuple[int, int, bool]:
    """Characters of text in ``elements`` (document order, tails included) before ``first``
    starts and after ``last`` ends, and whether a heading comes after ``last``."""
    before = after = 0
    heading_after = False
    place = "before"
    for element in elements:
        for event, node in etree.iterwalk(element, events=("start", "end")):
            if event == "start" and node is first:
                place = "in"
            text = len((node.text or "").strip()) if event == "start" and isinstance(node.tag, str) else 0
            text += len((node.tail or "").strip()) if event == "end" else 0
            if event == "end" and node is last:
                place = "after"
            before += text if place == "before" else 0
            after += text if place == "after" else 0
            heading_after = heading_after or (
                place == "after" and event == "start" and node.tag in SECTION_HEADING_TAGS
            )
    return before, after, heading_after


def _article_goes_on_after_its_box(heading: HtmlElement, cards: list[HtmlElement], article: HtmlElement) -> bool:
    """The heading and its cards sit in a box of their own, and a heading or a paragraph of
    prose comes after the box: the article goes on (an aside between two paragraphs, a
    listicle's next item). A line after it ("12 comments", "Filed under: Rivers") is not that."""
    box = heading.getparent()
    if box is None or box is article or not all(box in card.iterancestors() for card in cards):
        return False
    return any(
        block.tag in SECTION_HEADING_TAGS or len(text_of(block)) > READERABLE_MIN_PARAGRAPH
        for following in elements_after(box, article)
        if isinstance(following.tag, str)
        for block in following.iter("p", *SECTION_HEADING_TAGS)
    )


def _drop_trailing_teasers(article: HtmlElement, tally: RemovalTally) -> None:
    """A heading naming the site's teasers ("Related posts", "Read this next") over a run of two
    or more linked headlines that ends the article goes, with the run. Both engines keep such a
    section when the site gives it no name ``rules`` knows. A section of the article is not that
    run: prose before the first headline, more than a summary's worth per headline (a buying
    guide's reviews), or a heading or more than a summary after the last (the article goes on)
    keep it all; so does a box of its own with a heading or a paragraph after it (that box goes
    in ``_drop_related_lists`` when its headlines stand side by side)."""
    for heading in article.iter(*SECTION_HEADING_TAGS):
        if not rules.RELATED_HEADING.fullmatch(text_of(heading)):
            continue
        after = [node for node in elements_after(heading, article) if isinstance(node.tag, str)]
        cards = [h for element in after for h in element.iter(*SECTION_HEADING_TAGS) if is_link_heading(h)]
        if len(cards) < 2:
            continue
        if _article_goes_on_after_its_box(heading, cards, article):
            continue
        before, end, heading_after = _text_around(cards[0], cards[-1], after)
        before += len((heading.tail or "").strip())
        summaries = sum(prose_score(element) for element in after) <= LIST_MAX_PROSE_PER_ITEM * len(cards)
        if before <= _TEASERS_LEAD_CHARS and end <= _TEASERS_END_CHARS and not heading_after and summaries:
            for element in (heading, *after):
                element.tail = None
                tally.drop(element, rules.RELATED_ARTICLES, "the site's teasers after the article, under their heading")
            return


_RELATED_LIST_MIN_ITEMS = 2
_ITEM_BLOCKS = ("p", "li")  # an item's summary, in a paragraph or loose in the item
_ITEM_MAX_PROSE = LIST_MAX_PROSE_PER_ITEM  # a line of summary at most
_RELATED_LIST_MAX_SHARE = 0.5  # of the article's text: more is the page's own list ("Latest news")


def _is_teaser(item: HtmlElement, address: str | None) -> bool:
    """A list item that is a headline linking to another page of the site at ``address`` (any
    relative link when it is unknown), with at most a line of summary after it: the item opens
    with its link ("<a>Bridge reopens</a> The council voted...", not "..., as <a>we reported</a>")."""
    # The first link with words: a thumbnail's link comes before the headline's in many themes.
    link = next((a for a in item.iter("a") if _links_away(a) and text_of(a)), None)
    if link is None or not text_of(item).startswith(text_of(link)):
        return False
    try:
        target = urljoin(address or "", link.get("href", "").strip())
        same_site = site_of(target) == site_of(address) if address else not urlsplit(target).netloc
    except ValueError:  # "http://[x/1": no address a browser would follow
        return False
    return same_site and prose_score(item, _ITEM_BLOCKS) < _ITEM_MAX_PROSE


def _links_away(link: HtmlElement) -> bool:
    href = (link.get("href") or "").strip().lower()
    return bool(href) and not href.startswith(("#", "javascript:", "mailto:"))


def _list_after(label: HtmlElement, address: str | None) -> list[HtmlElement]:
    """The list directly after ``label`` when it holds two or more of the site's teasers (a
    headline each, a line of summary at most), nothing between them."""
    listing = label.getnext()
    if listing is None or listing.tag not in ("ul", "ol") or (label.tail or "").strip():
        return []
    items = [item for item in listing if isinstance(item.tag, str)]
    if len(items) >= _RELATED_LIST_MIN_ITEMS and all(_is_teaser(item, address) for item in items):
        return [listing]
    return []


def _words_after(element: HtmlElement) -> bool:
    """Words follow ``element`` on its line (not a card's counter: "10")."""
    return bool(_WORD.search(element.tail or ""))


def _is_picture(element: HtmlElement) -> bool:
    """A picture with no words: an image, or a link around one (a card's thumbnail)."""
    return not text_of(element) and (element.tag in ("img", "picture") or element.find(".//img") is not None)


def _run_after(label: HtmlElement, address: str | None) -> list[HtmlElement]:
    """The headlines side by side directly after ``label``: two or more blocks built alike, each
    all one link to another of the site's pages (no summary: sentences that open with a link are
    an author's), the pictures between them (thumbnails); up to the first block that is not one,
    a heading above the label's rank or a line that goes on in words. None when the run stops at
    a link or words inside a line (a sentence of links), or when the label goes on in words or
    is itself a link (a headline, not a name for the ones after it)."""
    if _words_after(label) or _link_chars(label) >= len(text_of(label)):
        return []  # "Related: the council's vote, as we reported" is a sentence; a link is a headline
    above = _rank_or_above(label)[:-1] if label.tag in HEADING_TAGS else ()
    run: list[HtmlElement] = []
    headlines: list[HtmlElement] = []
    stop = None
    for sibling in label.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _is_picture(sibling):
            run.append(sibling)
            continue
        if (
            sibling.tag in above
            or (headlines and sibling.tag != headlines[0].tag)
            or _words_after(sibling)
            or not _is_teaser(sibling, address)
            or _link_chars(sibling) < len(text_of(sibling))
        ):
            stop = sibling
            break
        run.append(sibling)
        headlines.append(sibling)
    # Links in a line that goes on ("<a>Bridge</a>, <a>Ferry</a>, <a>Canal</a> are back") are a sentence.
    if len(headlines) < _RELATED_LIST_MIN_ITEMS or (stop is not None and stop.tag in _INLINE_TAGS):
        return []
    # Only the pictures between headlines are theirs: one before or after may be the article's.
    return run[run.index(headlines[0]) : run.index(headlines[-1]) + 1]


def _teaser_labels(article: HtmlElement) -> list[HtmlElement]:
    """The headings and lines in ``article`` that name the site's teasers (``rules.RELATED_HEADING``),
    found once for the rules below: they only drop elements, so a label found stays one."""
    return [
        label for label in article.iter(*SECTION_HEADING_TAGS, "p") if rules.RELATED_HEADING.fullmatch(text_of(label))
    ]


def _drop_related_lists(
    article: HtmlElement,
    tally: RemovalTally,
    labels: list[HtmlElement],
    teasers_after: Callable[[HtmlElement], list[HtmlElement]],
    allowed: float,
) -> float:
    """A heading or a line naming the site's teasers ("Related posts:", "You might also like")
    directly over two or more headlines linking to the site's other pages (``teasers_after``: in
    a list, or side by side) goes with them, wherever it stands: WordPress sets such boxes
    between an article's paragraphs as often as after them. Its words say what they are. An
    author's reading list stays: it is called "further reading" or "see also"
    (``rules.RELATED_HEADING`` leaves those out), or it links to other sites. So do teasers that
    are most of the article: a newsroom's "Latest news" is the page: the lists together, not
    each one, are ``allowed`` characters at most. Returns the characters left of that."""
    for label in labels:
        if not is_attached(label, article):
            continue
        teasers = teasers_after(label)
        chars = sum(len(text_of(teaser)) for teaser in teasers)
        if teasers and chars <= allowed:
            allowed -= chars
            for element in (label, *teasers):
                if not _words_after(element):
                    element.tail = None  # a card's counter ("10") goes with the card; words stay
                tally.drop(element, rules.RELATED_ARTICLES, "a list of the site's other articles, under its name")
    return allowed


def _drop_emptied_teaser_headings(article: HtmlElement, tally: RemovalTally, labels: list[HtmlElement]) -> None:
    """A heading naming the site's teasers ("What to read next...") over nothing, up to the next
    heading of its rank or the article's end: its teasers went with their box. (After the rules
    that take the teasers with their heading: one over a run of linked headlines is not empty.)"""
    for heading in (label for label in labels if label.tag in SECTION_HEADING_TAGS):
        if is_attached(heading, article) and _section_is_empty(heading, article):
            tally.drop(heading, rules.RELATED_ARTICLES, "the heading of the site's teasers, over nothing")


# A writer's bio is a paragraph or two; a section longer than this under such a heading is the
# article's own (a profile of the book's author in a review).
_BIO_MAX_CHARS = 2500


def _drop_author_bios(article: HtmlElement, tally: RemovalTally) -> None:
    """A heading naming the writer's bio ("About the Author", "About the Reviewer") goes with
    the blocks after it in its own box, up to the next heading of its rank or above, when they
    are a bio's length. Boxes the site marks as a bio go in ``preclean``; these are the ones
    marked only by their heading. The article's text after the box is not the bio's."""
    for heading in list(article.iter(*SECTION_HEADING_TAGS)):
        if not rules.AUTHOR_BIO_HEADING.fullmatch(text_of(heading)) or not is_attached(heading, article):
            continue
        ends = _rank_or_above(heading)
        after = takewhile(partial(_holds_none, ends), heading.itersiblings())
        bio = [node for node in after if isinstance(node.tag, str)]
        if sum(len(text_of(node)) for node in bio) <= _BIO_MAX_CHARS:
            for node in (heading, *bio):
                tally.drop(node, "author bio", "the writer's biography, under its heading; the byline is its own field")


def _rank_or_above(heading: HtmlElement) -> tuple[str, ...]:
    """The heading tags that end ``heading``'s section: its own rank and those above it."""
    return HEADING_TAGS[: HEADING_TAGS.index(heading.tag) + 1]


def _holds_none(tags: tuple[str, ...], node: HtmlElement) -> bool:
    return next(node.iter(*tags), None) is None


def _mark_captions(article: HtmlElement) -> None:
    """A block with a caption's class, beside a picture, is that picture's figcaption."""
    for element in list(article.iter("p", "div", "span", "small", "em")):
        if not _CAPTION_WORDS.search(f"{element.get('class', '')} {element.get('id', '')}"):
            continue
        caption_text = text_of(element)
        holder = element.getparent()
        for _ in range(3):
            if holder is None or holder is article:
                holder = None
                break
            if holder.find(".//img") is not None:
                break
            holder = holder.getparent()
        if holder is None or holder is article or len(caption_text) < 0.6 * len(text_of(holder)):
            continue
        if holder.tag not in ("figure", "picture"):
            holder.tag = "figure"
        element.tag = "figcaption"


def _drop_repeats(article: HtmlElement, tally: RemovalTally) -> None:
    for copy in repeated_blocks(article):
        tally.drop(copy, "repeated text", "a copy of the text the page keeps for another screen size; shown once")
    seen: set[str] = set()
    for caption in list(article.iter("figcaption")):
        key = _normalise(text_of(caption))
        if key and key in seen:
            tally.drop(caption, "repeated caption", "slideshow markup repeats each caption; shown once")
        seen.add(key)
    prose = " ".join(
        _normalise(text_of(p)) for p in article.iter("p") if next(p.iterancestors("blockquote", "aside"), None) is None
    )
    for quote in list(article.iter("blockquote", "aside")):
        key = _normalise(text_of(quote))
        if len(key) >= 30 and key in prose:
            tally.drop(quote, "pull quote", "repeats a sentence of the article in large type; shown once")


def _math_to_text(math: HtmlElement) -> None:
    """MathML becomes its plain text: the sanitiser drops MathML whole (it is a classic XSS
    vector), and "a ≠ 0" as text is better than a hole in the sentence. The author's ``alttext``
    wins; otherwise the symbols in order, spaced."""
    symbols = [
        " ".join(leaf.text.split())
        for leaf in math.iter()
        if isinstance(leaf.tag, str)
        and len(leaf) == 0
        and leaf.text
        and leaf.text.strip()
        and not leaf.tag.endswith(("annotation", "annotation-xml"))
    ]
    replacement = lxml.html.Element("div" if math.get("display") == "block" else "span")
    replacement.text = clean_text(math.get("alttext")) or " ".join(symbols)
    replacement.tail = math.tail
    math.getparent().replace(math, replacement)


def _split_credit(caption: str) -> tuple[str | None, str | None]:
    found = _CREDIT_SUFFIX.search(caption)
    if found is None:
        return caption or None, None
    return caption[: found.start()].strip(" |") or None, found.group("credit").strip()


def _same_image(a: str, b: str) -> bool:
    return urlsplit(a)._replace(query="", fragment="").geturl() == urlsplit(b)._replace(query="", fragment="").geturl()


def _opening_image(article: HtmlElement) -> HtmlElement | None:
    """The picture the article opens with, before its first paragraph of prose."""
    for element in article.iter("img", "p"):
        if element.tag == "p" and len(text_of(element)) > 80:
            return None
        if element.tag == "img" and element.get("src"):
            return element
    return None


def _take_lead_image(article: HtmlElement, meta: Metadata) -> Metadata:
    """Keep the lead image once: out of the body when the article opens with it.

    The page's own lead image (og:image, JSON-LD) is matched in the body; a page that names
    none gets the picture the article opens with."""
    lead = meta.lead_image
    images = list(article.iter("img"))
    if lead is None:
        opening = _opening_image(article)
        if opening is None:
            return meta
        lead = LeadImage(opening.get("src"), clean_text(opening.get("alt")))
    match = next((img for img in images if img.get("src") and _same_image(img.get("src"), lead.url)), None)
    if match is None:
        return meta
    figure = next(match.iterancestors("figure"), None)
    caption_element = figure.find(".//figcaption") if figure is not None else None
    caption, credit = _split_credit(text_of(caption_element)) if caption_element is not None else (None, None)
    first_paragraph = next((p for p in article.iter("p") if len(text_of(p)) > 80), None)
    opens_with_it = first_paragraph is None or _precedes(match, first_paragraph, article)
    if opens_with_it:
        (figure if figure is not None else match).drop_tree()
    elif meta.lead_image is None:
        return meta  # the picture sits inside the article, where its author put it
    return replace(meta, lead_image=LeadImage(lead.url, lead.alt or clean_text(match.get("alt")), caption, credit))


def _precedes(first: HtmlElement, second: HtmlElement, root: HtmlElement) -> bool:
    for element in root.iter():
        if element is first:
            return True
        if element is second:
            return False
    return False


def _is_empty(element: HtmlElement) -> bool:
    return not text_of(element) and element.find(".//img") is None and element.find(".//br") is None


def _repair_text(article: HtmlElement, meta: Metadata) -> Metadata:
    """Decided once for the page, on its article and metadata together: a title alone is too short to tell."""
    fields = ("title", "byline", "site_name", "excerpt")
    if not has_mojibake(" ".join([article.text_content(), *(getattr(meta, field) or "" for field in fields)])):
        return meta
    for element in article.iter():
        element.text = repair_mojibake(element.text) if element.text else element.text
        element.tail = repair_mojibake(element.tail) if element.tail else element.tail
    return replace(meta, **{field: repair_mojibake(getattr(meta, field) or "") or None for field in fields})


def postclean(article: HtmlElement, meta: Metadata, address: str | None = None) -> Postcleaned:
    """Clean the chosen article in place; return it, what was removed, and the completed metadata.

    ``address`` is the page's (its base URL): links to it are the site's own pages."""
    meta = _repair_text(article, meta)
    tally = RemovalTally(article)
    _drop_title_and_byline(article, meta)
    dateline = _drop_phrases(article, tally)
    # A list of teasers first: after a trailing run of them it would keep the run from ending the
    # article. Headlines side by side after that rule: it takes a run whole, theirs may stop short.
    labels = _teaser_labels(article)
    allowed = _RELATED_LIST_MAX_SHARE * len(text_of(article))
    allowed = _drop_related_lists(article, tally, labels, partial(_list_after, address=address), allowed)
    _drop_trailing_teasers(article, tally)
    _drop_related_lists(article, tally, labels, partial(_run_after, address=address), allowed)
    _drop_emptied_teaser_headings(article, tally, labels)
    _drop_author_bios(article, tally)
    printed = normalise_date(dateline) if dateline else None
    # The article's own dateline gives the date when nothing else did, and its time of day when
    # the date found elsewhere is the same day without one.
    if printed and (meta.published is None or printed.startswith(meta.published)):
        meta = replace(meta, published=printed)
    _mark_captions(article)
    _drop_repeats(article, tally)
    for math in list(article.iter("math", "{*}math")):
        _math_to_text(math)
    meta = _take_lead_image(article, meta)
    for element in reversed(list(article.iter(*_EMPTY_REMOVABLE))):
        if element is not article and _is_empty(element):
            if element.tag == "span":
                # An inline element's spaces stay: highlighted code spaces its words with such
                # spans (Pygments' ``<span class="w"> </span>``: "from x import y", not
                # "fromximporty"). A block's go: a spacer paragraph's "&nbsp;" is no text.
                element.tail = element.text_content() + (element.tail or "")
            element.drop_tree()
    return Postcleaned(article, tally.removals(), meta)
