"""Stage 3: drop what the reader never sees or never wants, before readability scores the page.

In this order, each step for a reason:

1. Open shadow roots (declarative ``<template shadowrootmode>``) become ordinary content: the
   browser rendered them as part of the page. A page drawn by scripts whose only text is its
   ``<noscript>`` copy (Flarum) is read from that copy, as a browser without scripts shows it.
2. Lazy images get their real source (``data-src``, ``data-srcset``, ``<picture>``,
   ``<noscript>`` fallbacks) while those are still in the tree; 1x1 trackers go. Embedded
   players become links (readability-lxml would drop all but YouTube's), embedded posts stay
   as the quotes they fall back to.
3. Markup that never holds text goes (scripts, styles, event handlers; form controls last;
   scripts and styles outside the body too, JSON-LD aside);
   obsolete preformatted elements (``<xmp>``) become the ``<pre>`` they are shown as, and a
   code block's lines that only its styles set one under another get their line breaks.
4. Hidden nodes go, never revealed: the extension's ``data-clearpage-hidden``, ``hidden``,
   inline ``display: none``; small ``aria-hidden`` decorations. One element hiding the whole
   page is a loading veil its scripts lift, not a hidden part, and stays. The byline is read now, before
   the page furniture that often holds it (a share bar, a header) goes.
5. Overlays go (the extension's ``data-clearpage-overlay``, inline ``position: fixed``), then
   the selector and class-name rules of ``rules``: consent banners, dialogs, sign-ups, share
   bars, related links, comments, ads; then runs of linked headlines, whatever their names.

Nothing that holds the article is removed, whatever it matches: no element with half the page's
text, no ``<main>`` or ``articleBody`` or their ancestors. Paywall and registration gates are
never removed either: they are the publisher's access control, and ``access`` reports them.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from server.pipeline import rules
from server.pipeline.access import declares_not_free
from server.pipeline.dom import (
    LIST_MAX_PROSE_PER_ITEM,
    NAMED_ELEMENTS,
    RemovalTally,
    card_lists,
    is_attached,
    is_outline_section,
    is_the_pages_contents,
    links_to_many_sites,
    prose_score,
    spaced_text_of,
    text_of,
    words_in,
)
from server.pipeline.metadata import (
    byline_element,
    byline_text,
    canonical_link,
    clean_text,
    headline_elements,
    printed_byline,
)
from server.pipeline.types import Removal

# Inline styles that hide an element, as browsers and Readability.js read them.
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?=;|$)", re.I
)
_FIXED_STYLE = re.compile(r"(?:^|;)\s*position\s*:\s*(?:fixed|sticky)\b", re.I)
# Attributes are tested from their own side (see rules.Rule.xpath): five to ten times faster.
_MAYBE_HIDDEN = etree.XPath(
    f"descendant::*/@hidden/.. | descendant::*/@{rules.HIDDEN_ANNOTATION}/.. | descendant::*/@aria-hidden/.. "
    "| descendant::*/@style[contains(., 'none') or contains(., 'hidden')]/.."
)
_MAYBE_OVERLAY = etree.XPath(
    f"descendant::*/@{rules.OVERLAY_ANNOTATION}/.. "
    "| descendant::*/@style[contains(., 'fixed') or contains(., 'sticky')]/.."
)
# An element with this share of the page's text is (or wraps) the article, whatever it matches.
_MAX_SHARE_OF_PAGE = 0.5
# A page never hides all it has: an inline-hidden element holding a page's worth of text and
# every word of the body's is a loading veil (a framework's "hidden until hydrated", an A/B
# test's anti-flicker) that the page's scripts lift, so the reader's browser shows what is under
# it. Never where a paywall could be the one hiding it: a word shown beside it (a teaser, a gate
# we do not know), or a sign of a paywall (``_paywall_signs``). Nor on a page the extension
# annotated: there the browser said what it showed.
_LOADING_VEIL_MIN_CHARS = 500
# A page drawn by its scripts may keep a copy for readers without them in a <noscript> (Flarum).
# That copy is read when the page around it has nothing to read (fewer words than this) and the
# copy is a page's worth (at least this many): a "please enable JavaScript" note is neither.
_SCRIPTLESS_SHELL_MAX_WORDS = 50
_SCRIPTLESS_COPY_MIN_WORDS = 100
# aria-hidden marks decoration for screen readers; a big aria-hidden block is the modal pattern
# (the page behind an open dialog), which is the article and stays.
_MAX_ARIA_HIDDEN_CHARS = 200
# A class-name rule never removes this much paragraph text: a share bar has none.
_MAX_PROSE_IN_FURNITURE = 1000
_LAZY_SRC = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-lazy",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
)
_LAZY_SRCSET = ("data-srcset", "data-lazy-srcset", "data-original-set")
_PLACEHOLDER_SRC = re.compile(
    r"^data:image/(gif|png|svg)|blank\.(gif|png)|spacer\.gif|placeholder|pixel\.(gif|png)|lazy", re.I
)


@dataclass
class Precleaned:
    root: HtmlElement
    removed: list[Removal]
    gates: list[HtmlElement]  # paywall or registration gates found (and kept), in page order
    byline: str | None  # the byline printed in the page, read before the furniture around it goes
    sign_in_form: bool  # the page asked for a password (its form controls are gone now)
    annotated: bool  # the browser extension marked what it rendered (docs/api.md)
    # The page as the reader saw it (hidden nodes, overlays, scripts and furniture gone) with
    # its comments still in: the second engine tells a forum's posts from a blog's comments.
    shown: HtmlElement | None = None
    # The page as the reader saw it before its furniture went (headers, asides, byline boxes):
    # where ``metadata`` looks for a date the cleaned page does not print.
    with_furniture: HtmlElement | None = None


class _Protection:
    """Decides whether a matched element may go: not the article, not a gate."""

    def __init__(self, body: HtmlElement, gates: list[HtmlElement], page_chars: int, url: str | None) -> None:
        self.page_chars = page_chars
        self.protected: set[HtmlElement] = {body}
        # The headline's box is never furniture, whatever its name says ("hero-banner-popup").
        headlines = headline_elements(body.getparent(), url)
        keepers = [*body.xpath("descendant::main | descendant::*/@itemprop[. = 'articleBody']/.."), *gates, *headlines]
        for keeper in keepers:
            self.protected.add(keeper)
            self.protected.update(keeper.iterancestors())

    def allows(self, element: HtmlElement, max_prose: int | None = None, any_size: bool = False) -> bool:
        if element in self.protected or element.tag in ("html", "body"):
            return False
        if not any_size and self.page_chars and len(text_of(element)) > _MAX_SHARE_OF_PAGE * self.page_chars:
            return False
        return max_prose is None or _prose_chars(element) <= max_prose


_PROSE_PARAGRAPH_CHARS = 80  # a paragraph this long is prose, not a label or a caption


def _prose_chars(element: HtmlElement) -> int:
    return sum(len(text) for p in element.iter("p") if len(text := text_of(p)) >= _PROSE_PARAGRAPH_CHARS)


def _unwrap_shadow_roots(body: HtmlElement) -> None:
    for template in list(body.iter("template")):
        if template.get("shadowrootmode") is not None:
            template.drop_tag()


def _is_placeholder(src: str | None) -> bool:
    return not src or not src.strip() or bool(_PLACEHOLDER_SRC.search(src.strip()[:200]))


_SHELL_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)


def _read_scriptless_copy(body: HtmlElement) -> None:
    """A page whose text is only in a ``<noscript>`` is read from it (see ``_SCRIPTLESS_*``);
    never a copy the page hides, nor on a page with signs of a paywall (a script may draw the
    gate, and a crawler's copy is not the reader's)."""
    copies = [
        (words_in(noscript.text_content()), noscript)
        for noscript in body.iter("noscript")
        if not any(_is_hidden(element) for element in noscript.iterancestors())
    ]
    words, copy_ = max(copies, key=lambda pair: pair[0], default=(0, None))
    if copy_ is None or words < _SCRIPTLESS_COPY_MIN_WORDS:
        return
    if words_in(" ".join(_SHELL_TEXT(body))) < _SCRIPTLESS_SHELL_MAX_WORDS and not _paywall_signs(body):
        copy_.drop_tag()


def _resolve_lazy_images(body: HtmlElement) -> None:
    """Give lazy-loaded images the source the browser would have loaded."""
    for noscript in list(body.iter("noscript")):
        images = noscript.findall(".//img")
        previous = noscript.getprevious()
        if len(images) == 1 and previous is not None and previous.tag == "img" and _is_placeholder(previous.get("src")):
            previous.getparent().replace(previous, images[0])  # the fallback is the real image
    for image in list(body.iter("img")):
        if _is_placeholder(image.get("src")):
            real = next((image.get(name) for name in _LAZY_SRC if image.get(name, "").strip()), None)
            # libxml2 does not know <source> is void: the <img> may sit inside it, not beside it.
            picture = next(image.iterancestors("picture"), None)
            if real is None and picture is not None:
                source = next((s for s in picture.iter("source") if s.get("srcset") or s.get("data-srcset")), None)
                if source is not None:
                    real = (source.get("srcset") or source.get("data-srcset") or "").split(",")[0].split()[0:1]
                    real = real[0] if real else None
            if real:
                image.set("src", real)
        if not image.get("srcset"):
            lazy_set = next((image.get(name) for name in _LAZY_SRCSET if image.get(name, "").strip()), None)
            if lazy_set:
                image.set("srcset", lazy_set)
        if image.get("width") in ("0", "1") or image.get("height") in ("0", "1"):
            image.drop_tree()  # a tracking pixel, never a picture


def _service(url: str) -> str | None:
    host = (urlsplit(url if "//" in url else "https://" + url).hostname or "").lower()
    return next(
        (name for domain, name in rules.EMBED_SERVICES.items() if host == domain or host.endswith("." + domain)),
        None,
    )


def _embed_to_link(iframe: HtmlElement) -> None:
    """An embedded player or post becomes a plain link to it, titled when the page titled it."""
    source = iframe.find(".//source[@src]")
    src = (
        iframe.get("src") or iframe.get("data-src") or (source.get("src") if source is not None else "") or ""
    ).strip()
    service = _service(src) if src else None
    if service is None:
        iframe.drop_tree()  # an ad frame, a tracker, or nothing a link could stand for
        return
    paragraph = lxml.html.Element("p")
    link = etree.SubElement(paragraph, "a", href="https:" + src if src.startswith("//") else src)
    link.text = (
        clean_text(iframe.get("title")) or clean_text(iframe.get("aria-label")) or service[0].upper() + service[1:]
    )
    paragraph.tail = iframe.tail
    iframe.getparent().replace(iframe, paragraph)


def _resolve_embeds(body: HtmlElement) -> None:
    """Players and embedded posts become what a reader view can show: links, and quoted text."""
    for frame in list(body.iter("iframe", "video", "audio")):
        _embed_to_link(frame)
    for quote in body.iter("blockquote"):
        if set((quote.get("class") or "").split()) & rules.EMBEDDED_POST_CLASSES:
            quote.set("class", "embedded-post")


_ANNOTATIONS = etree.XPath(
    f"(descendant::*/@{rules.HIDDEN_ANNOTATION}/.. | descendant::*/@{rules.OVERLAY_ANNOTATION}/..)[1]"
)
_WITH_EVENT_HANDLER = etree.XPath("descendant::*/@*[starts-with(name(), 'on')]/..")


def _break_code_lines(body: HtmlElement) -> None:
    """A code block whose lines are ``<span class="line">``s, set one under another by the page's
    styles and not by line breaks (Shiki's minified output: "npm create vite@latest my-project"
    then "cd my-project"), gets the breaks: its text would run the lines together."""
    for pre in body.iter("pre"):
        for line in pre.iter("span"):
            following = line.getnext()
            if (
                _is_a_code_line(line)
                and following is not None
                and _is_a_code_line(following)
                and "\n" not in (line.tail or "")
                and not line.text_content().endswith("\n")  # Chroma (Hugo) ends each line inside it
            ):
                line.tail = "\n" + (line.tail or "")


def _is_a_code_line(element: HtmlElement) -> bool:
    return element.tag == "span" and "line" in element.get("class", "").split()


def _drop_event_handlers(body: HtmlElement) -> None:
    """onclick and friends: script, never content, and their quoting trips readability-lxml's
    attribute-stripping regex, which then eats the link text beside them."""
    for element in _WITH_EVENT_HANDLER(body):
        for name in [name for name in element.attrib if name.startswith("on")]:
            del element.attrib[name]


def _is_hidden(element: HtmlElement) -> bool:
    if element.get(rules.HIDDEN_ANNOTATION) is not None or element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDING_STYLE.search(style))


def _unveil(element: HtmlElement) -> None:
    element.attrib.pop("hidden", None)
    if style := element.get("style"):
        element.set("style", _HIDING_STYLE.sub(";", style))


def _drop_hidden(body: HtmlElement, tally: RemovalTally, annotated: bool) -> None:
    maybe_hidden = _MAYBE_HIDDEN(body)
    # The outermost hidden element, the first in document order, is the only one that can hold
    # the whole page.
    first_hidden = next((element for element in maybe_hidden if _is_hidden(element)), None)
    veil = first_hidden if first_hidden is not None and not annotated and _is_loading_veil(body, first_hidden) else None
    if veil is not None:
        _unveil(veil)  # what it hides inside stays hidden
    for element in maybe_hidden:
        if _is_hidden(element):
            tally.drop(element, "hidden element", "the browser does not show it, so neither do we")
        elif (
            element.get("aria-hidden") == "true"
            and element.find(".//p") is None
            and len(text_of(element)) <= _MAX_ARIA_HIDDEN_CHARS
        ):
            tally.drop(element, "decoration", "marked aria-hidden: an icon or a visual repeat of nearby text")


def _is_loading_veil(body: HtmlElement, hidden: HtmlElement) -> bool:
    """``hidden`` is a loading veil over the whole page (see ``_LOADING_VEIL_MIN_CHARS``)."""
    if len(veil_text := spaced_text_of(hidden)) < _LOADING_VEIL_MIN_CHARS:
        return False
    return words_in(spaced_text_of(body)) <= words_in(veil_text) and not _paywall_signs(body)


def _paywall_signs(body: HtmlElement) -> bool:
    """A gate's words or a paywall vendor's box anywhere in the page, hidden or not, or a part
    of it declared not free: where a page may hide text from the reader on purpose."""
    if says_gate(spaced_text_of(body)):
        return True
    if any(found.rule is rules.GATE for element in NAMED_ELEMENTS(body) if (found := _NAMES.match(element))):
        return True
    return declares_not_free(body.getroottree().getroot())


@dataclass(frozen=True)
class NameMatch:
    rule: rules.Rule
    by_word: bool  # matched a generic word, not a platform's exact name


_PART_SEPARATORS = re.compile(r"[-_]+")
_MAX_WORD_PARTS = 3  # the longest word in the rules ("about-the-author") has three parts


class NameMatcher:
    """Which of some rules an element's class names and id match.

    Names are looked up token by token (exact names in a dict, prefixes with one ``startswith``,
    infixes with one small pattern); words part by part, where a part is what "-" and "_"
    separate and a word may span up to three parts ("most-read"). Results are cached per token:
    pages repeat the same few hundred class names.
    """

    def __init__(self, candidates: tuple[rules.Rule, ...]) -> None:
        self.exact: dict[str, NameMatch] = {}
        self.prefixes: dict[str, NameMatch] = {}
        self.infixes: dict[str, NameMatch] = {}
        self.words: dict[str, NameMatch] = {}
        for rule in candidates:
            for name in rule.names:
                match = NameMatch(rule, by_word=False)
                if name.startswith("*"):
                    self.infixes.setdefault(name.strip("*").lower(), match)
                elif name.endswith("*"):
                    self.prefixes.setdefault(name.rstrip("*"), match)
                else:
                    self.exact.setdefault(name, match)
            for word in rule.words:
                self.words.setdefault(word.lower(), NameMatch(rule, by_word=True))
        # The first part of every word of two or three parts: only after one of these is a join tried.
        self.word_heads = frozenset(word.split("-")[0] for word in self.words if "-" in word)
        self.prefix_tuple = tuple(self.prefixes)
        self.infix_pattern = re.compile("|".join(map(re.escape, self.infixes))) if self.infixes else None
        self.by_name = lru_cache(maxsize=16384)(self._by_name)
        self.by_word = lru_cache(maxsize=16384)(self._by_word)

    def match(self, element: HtmlElement) -> NameMatch | None:
        tokens = f"{element.get('class', '')} {element.get('id', '')}".split()
        for token in tokens:
            if (found := self.by_name(token)) is not None:
                return found
        for token in tokens:
            if (found := self.by_word(token)) is not None:
                return found
        return None

    def _by_name(self, token: str) -> NameMatch | None:
        if token in self.exact:
            return self.exact[token]
        if self.prefix_tuple and token.startswith(self.prefix_tuple):
            return next(m for p, m in self.prefixes.items() if token.startswith(p))
        if self.infix_pattern is not None and (found := self.infix_pattern.search(token.lower())):
            return self.infixes[found.group(0)]
        return None

    def _by_word(self, token: str) -> NameMatch | None:
        parts = [part for part in _PART_SEPARATORS.split(token.lower()) if part]
        for start, part in enumerate(parts):
            if part in self.words:
                return self.words[part]
            if part in self.word_heads:
                for size in range(2, _MAX_WORD_PARTS + 1):
                    word = "-".join(parts[start : start + size])
                    if word in self.words:
                        return self.words[word]
        return None


# The gate first: an element a gate's name and a furniture word both match is a gate, and stays.
_NAMES = NameMatcher((rules.GATE, *rules.PAGE_RULES))


_DISMISS_MAX_CHARS = 20  # a close control says "×" or "Close", not a paragraph
_FRAMED_GATE_MAX_CHARS = 40  # a vendor's box whose message is in a frame shows a button's words at most
_GATE_MAX_CHARS = 600  # a gate says its piece in a few lines
_GATE_BOX_RATIO = 3  # a gate's box holds its sentence and not much more (a heading, a button)
# Quoted words are mentioned, not said: an article may quote "you have reached your limit".
_QUOTED = re.compile(r"\"[^\"]{1,120}\"|“[^”]{1,120}”|„[^“”]{1,120}[“”]|«[^»]{1,120}»|‘[^’]{1,120}’")


def says_gate(text: str) -> bool:
    """Whether ``text`` says what only a gate says: the phrases, tried only around their keywords,
    outside quotation marks."""
    lowered = _QUOTED.sub(" ", text.lower())  # the phrases ignore case: searching the lowered text is the same test
    for keyword in rules.GATE_KEYWORDS:
        start = lowered.find(keyword)
        while start != -1:
            if rules.GATE_PHRASES.search(lowered, max(0, start - 120), start + len(keyword) + 60):
                return True
            start = lowered.find(keyword, start + 1)
    return False


def _marked_overlay(element: HtmlElement) -> bool:
    return any(e.get(rules.OVERLAY_ANNOTATION) is not None for e in (element, *element.iterancestors()))


def _can_be_dismissed(box: HtmlElement) -> bool:
    """The box offers a way to read on ("Continue reading", "No thanks", a close button): a nag."""
    for control in box.xpath(".//a | .//button | .//*[@role='button'] | .//*[@class or @id]"):
        names = f"{control.get('class', '')} {control.get('id', '')}".lower()
        if any(name in names for name in rules.GATE_DISMISS_NAMES) and len(text_of(control)) <= _DISMISS_MAX_CHARS:
            return True
        is_control = control.tag in ("a", "button") or control.get("role") == "button"
        if is_control and text_of(control).lower().strip(" ›»→>.") in rules.GATE_DISMISS:
            return True
    return False


def find_gates(body: HtmlElement, named_gates: list[HtmlElement], annotated: bool) -> list[HtmlElement]:
    """Paywall and registration gates a visitor sees: boxes that say what only a gate says
    ("subscribe to continue reading", ``rules.GATE_PHRASES``), whatever their markup.

    Markup alone is no evidence: a paywall vendor's container (``named_gates``: a GATE name in its
    class or id) ships on open articles too, inactive, and "tp-" or "pico-" is also some sites' own
    prefix. The one exception is the browser's word: with annotations, a vendor's box the browser
    showed fixed over the page is a gate even without words (Piano draws its message in a frame of
    its own). Hidden boxes are gone already (``_drop_hidden``), so what remains is what the page
    showed, or, without annotations, what its markup does not hide. A box that can be dismissed
    ("Continue reading", "No thanks") is a nag, not a gate.
    """
    # Boxes that say a gate's words are found below, named or not. A vendor's box over the page
    # with (almost) no words of its own is one when the browser showed it: its words are in a frame.
    gates = [
        element
        for element in named_gates
        if annotated and _marked_overlay(element) and len(spaced_text_of(element)) < _FRAMED_GATE_MAX_CHARS
    ]
    if says_gate(spaced_text_of(body)):
        saying = [
            element
            for element in body.iter("p", "div", "section", "aside", "h2", "h3", "h4", "span", "a")
            if len(text := spaced_text_of(element)) <= _GATE_MAX_CHARS and says_gate(text)
        ]
        said = set(saying)
        for innermost in (e for e in saying if said.isdisjoint(e.iterdescendants())):
            # The gate is the box around the sentence: up while it stays mostly that sentence.
            gate, limit = innermost, _GATE_BOX_RATIO * len(spaced_text_of(innermost))
            while (
                (parent := gate.getparent()) is not None and parent is not body and len(spaced_text_of(parent)) <= limit
            ):
                gate = parent
            gates.append(gate)
    gates = [gate for gate in gates if not _can_be_dismissed(gate)]
    found = set(gates)
    # One gate per box: the outermost of nested matches.
    return [gate for gate in gates if not any(ancestor in found for ancestor in gate.iterancestors())]


_OVERLAY_REASON = "fixed or sticky over the page: a bar, banner or pop-up, not the article"


def _drop_overlays(body: HtmlElement, tally: RemovalTally, protection: _Protection) -> None:
    dropped = 0
    for element in _MAYBE_OVERLAY(body):
        style = element.get("style") or ""
        if element.get(rules.OVERLAY_ANNOTATION) is None and not _FIXED_STYLE.search(style):
            continue
        if protection.allows(element):
            chars = len(text_of(element))
            if tally.drop(element, "overlay", _OVERLAY_REASON):
                dropped += chars
    # What is over the page is not part of it: a box's share of the page (see _Protection) must
    # not change because a pop-up appeared after load. Every overlay is judged against the whole
    # page first, so the order they come in changes nothing.
    protection.page_chars -= dropped


def _drop_by_rules(
    body: HtmlElement,
    named: list[tuple[HtmlElement, NameMatch]],
    tally: RemovalTally,
    protection: _Protection,
    page_rules: bool = True,
) -> None:
    # A word names a box of furniture; on a link or a span in a sentence it names a behaviour
    # ("popup" footnotes, "share" icons inside the bar that goes anyway).
    matches = [(element, found) for element, found in named if not found.by_word or element.tag not in _INLINE_TAGS]
    for rule in rules.PAGE_RULES if page_rules else ():
        if rule.select is not None:
            matches.extend((element, NameMatch(rule, by_word=False)) for element in rule.select(body))
    for element, found in matches:
        # A word is a guess from a name: a "share" box with paragraphs of prose is not a share bar.
        limit = _MAX_PROSE_IN_FURNITURE if found.by_word else None
        if not is_attached(element, tally.root):
            continue
        if protection.allows(element, limit, found.rule.any_size) or (
            # measured only where the size guard would keep it
            found.rule.menus and protection.allows(element, limit, any_size=True) and _is_menu(element)
        ):
            tally.drop(element, found.rule.kind, found.rule.reason)


_MENU_MIN_LINK_SHARE = 0.8  # of its letters: a menu's words are its links', a label or two aside


def _is_menu(element: HtmlElement) -> bool:
    """Nearly all of the element's letters (not the spaces between its links) are in links to
    other pages."""
    letters = len("".join(element.text_content().split()))
    in_links = sum(
        len("".join(link.text_content().split()))
        for link in element.iter("a")
        if not (link.get("href") or "").startswith("#")
    )
    return bool(letters) and in_links >= _MENU_MIN_LINK_SHARE * letters


_INLINE_TAGS = frozenset("a abbr b cite code em font i img label mark q small span strong sub sup time u".split())
_TEASER_MIN_HEADLINES = 3
# How far up from a card list its wrappers (a plugin's card, list and item boxes) may reach before
# the article's paragraphs sit beside it.
_ROUNDUP_MAX_LEVELS = 3
_TEASER_MAX_OTHER_SHARE = 0.2  # of a card list's text, what may sit outside its cards (a "More stories" title)


def _is_a_roundup(container: HtmlElement, cards: list[HtmlElement]) -> bool:
    """A site's "more stories" point to one site, its own. Cards whose headlines link to a
    different site nearly each time, set among the article's paragraphs, are the article's own
    roundup ("12 sewing machines for beginners", "10 projects from other blogs"); after the
    article, they are a blogroll or a web ring, and go."""
    if not links_to_many_sites(cards):
        return False
    for level in [container, *container.iterancestors()][: _ROUNDUP_MAX_LEVELS + 1]:
        siblings = [*level.itersiblings("p", preceding=True), *level.itersiblings("p")]
        if any(len(text_of(p)) >= _PROSE_PARAGRAPH_CHARS for p in siblings):
            return True
    return False


def _drop_teaser_lists(body: HtmlElement, tally: RemovalTally, protection: _Protection, address: str | None) -> None:
    """Runs of headlines that link to other articles, each with at most a line of summary.

    Whatever their class names say, a container whose children are three or more cards, each
    one headline linking to another article with at most a line of summary, is recirculation ("More
    stories", "Other columns"); an article's own headings never link elsewhere.
    """
    for container, linked in card_lists(body, _TEASER_MIN_HEADLINES).items():
        if container.tag not in ("div", "section", "aside", "ul", "ol"):
            continue
        cards = [child for child in linked if prose_score(child) < LIST_MAX_PROSE_PER_ITEM]
        other_text = sum(len(text_of(child)) for child in container if child not in cards)
        if (
            len(cards) >= _TEASER_MIN_HEADLINES
            and other_text <= _TEASER_MAX_OTHER_SHARE * len(text_of(container))
            and not _is_a_roundup(container, cards)
            and not is_the_pages_contents(cards, address)
            and protection.allows(container)
        ):
            tally.drop(container, rules.RELATED_ARTICLES, "headlines linking to other articles, not this one")


def preclean(root: HtmlElement, url: str | None = None) -> Precleaned:
    """Remove hidden nodes, overlays, consent layers and page furniture from ``root``'s body.

    Takes ownership of ``root`` (it is changed in place) and returns it with what was removed
    and the gates that were found and kept. ``url`` is the page's address (else its canonical
    link's): links below it are the page's own contents.
    """
    body = root.find("body")
    if body is None:
        return Precleaned(root, [], [], None, False, root.get(rules.ANNOTATED_MARK) is not None)
    tally = RemovalTally(root)
    annotated = root.get(rules.ANNOTATED_MARK) is not None or bool(_ANNOTATIONS(body))
    _unwrap_shadow_roots(body)
    if not annotated:
        _read_scriptless_copy(body)
    _resolve_lazy_images(body)
    _resolve_embeds(body)
    _break_code_lines(body)
    for element in rules.NON_CONTENT.select(body):
        element.drop_tree()
    for element in rules.CODE_OUTSIDE_BODY.select(root):
        element.drop_tree()
    for element in body.iter(*rules.PREFORMATTED_OBSOLETE):
        element.tag = "pre"
    _drop_event_handlers(body)
    _drop_hidden(body, tally, annotated)
    byline = byline_element(body)
    # A byline no markup marks, read where a marked one was looked for (before the furniture goes).
    unmarked_byline = printed_byline(body) if byline is None else None
    named = [(element, found) for element in NAMED_ELEMENTS(body) if (found := _NAMES.match(element)) is not None]
    gates = find_gates(body, [element for element, found in named if found.rule is rules.GATE], annotated)
    protection = _Protection(body, gates, len(text_of(body)), url)
    _drop_overlays(body, tally, protection)
    with_furniture = copy.deepcopy(root)
    furniture = [
        (element, found)
        for element, found in named
        if found.rule is not rules.GATE and not (found.by_word and is_outline_section(element))
    ]
    _drop_by_rules(body, [(e, found) for e, found in furniture if found.rule.kind != rules.COMMENTS], tally, protection)
    _drop_teaser_lists(body, tally, protection, url or canonical_link(root))
    shown = copy.deepcopy(root)
    _drop_by_rules(
        body, [(e, found) for e, found in furniture if found.rule.kind == rules.COMMENTS], tally, protection, False
    )
    sign_in_form = body.find(".//input[@type='password']") is not None
    for element in rules.CONTROLS.select(body):
        element.drop_tree()
    printed = byline_text(byline) if byline is not None else unmarked_byline
    return Precleaned(root, tally.removals(), gates, printed, sign_in_form, annotated, shown, with_furniture)
