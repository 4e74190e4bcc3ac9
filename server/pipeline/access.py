"""Stage 4b: the publisher's access control, honoured: ``access`` and ``notice``, and what to withhold.

Clearpage shows what the reader's browser showed, and nothing it hid. It never removes a gate to
reveal text: where a gate stands, the text it gates is withheld.

A gate is what a visitor sees: a box that says what only a gate says ("subscribe to continue
reading", "you have reached your limit"), or a paywall vendor's box asking for an account or money
in words (``preclean.find_gates``). Markup alone is no evidence: publishers ship their vendor's
container on open articles too.

With the extension's annotations the browser has said what it rendered: hidden content is already
gone (``preclean``), so a gate still present was visible, and the reader gets the teaser the page
showed, with a notice. A subscriber's page carries the same paywall markup, but its gate is hidden
or absent, so the article comes out whole.

Without annotations (a direct API call) nothing says what a reader could see, so the page decides,
conservatively, as Google documents it for publishers:

- schema.org ``isAccessibleForFree: false`` on parts (``hasPart`` with ``cssSelector``, in JSON-LD
  or microdata): those parts are withheld; access is ``partial`` when one of them held text;
- a gate in the page (with or without whole-article ``isAccessibleForFree: false``): access is
  ``restricted`` and only the teaser is kept.

The teaser is the article's beginning, never page chrome: the article is chosen from the whole
page first (``readable``), then cut where an inline gate stood (``withhold_gated``); a gate before
the article leaves nothing of it, and the notice says so. A gate floating over the page (a modal)
leaves the article's first paragraphs, since the page's order says nothing of what showed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from server.pipeline import rules
from server.pipeline.dom import elements_after
from server.pipeline.metadata import json_ld_objects

OPEN, PARTIAL, RESTRICTED = "open", "partial", "restricted"
# Paragraphs kept of an article gated by an overlay, when the page's order cannot say what showed.
TEASER_PARAGRAPHS = 3
# Every element's place in the page, set on gated pages so the gate's place survives readability's
# copy of the tree; an empty element with this attribute stands where the gate stood.
POSITION = "data-clearpage-position"
_OVERLAY_WORDS = re.compile(r"(?:^|[\s_-])(modal|overlay|backdrop|popup|lightbox|dialog)(?=$|[\s_-])", re.I)
_FIXED_STYLE = re.compile(r"position\s*:\s*(fixed|sticky)", re.I)


@dataclass(frozen=True)
class AccessDecision:
    access: str  # "open", "partial" or "restricted"
    notice: str | None  # a sentence for a person, None when open
    gate_position: int | None = None  # where the first gate set in the text stood (POSITION)
    teaser_only: bool = False  # a gate over the page: keep only the article's first paragraphs


# schema.org microdata: an item the page marks as one of its parts (``itemprop=hasPart``).
_MICRODATA_PARTS = etree.XPath(
    "descendant::*/@itemprop[contains(concat(' ', ., ' '), ' hasPart ')]/parent::*[@itemscope]"
)


def _false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


def declares_not_free(root: HtmlElement) -> bool:
    """The page says it, or a part of it, is not free (``isAccessibleForFree: false``, in JSON-LD
    or microdata), whether or not it says where that part is."""
    entries: list[Any] = []
    for item in json_ld_objects(root):
        parts = item.get("hasPart")
        entries += [item, *(parts if isinstance(parts, list) else [parts])]
    declared = [entry.get("isAccessibleForFree") for entry in entries if isinstance(entry, dict)]
    declared += root.xpath("descendant::*/@itemprop[. = 'isAccessibleForFree']/../@content")
    return any(map(_false, declared))


def paywalled_parts(root: HtmlElement) -> list[str]:
    """The CSS selectors of the parts the page marks ``isAccessibleForFree: false``.

    Whole-article ``isAccessibleForFree: false`` (or ``article:content_tier`` "locked") adds
    nothing a gate does not say: with a gate in the page, access is restricted either way; without
    one, the page is a subscriber's, and the article is the page's to show.
    """
    selectors: list[str] = []
    for item in json_ld_objects(root):
        parts = item.get("hasPart")
        for part in parts if isinstance(parts, list) else [parts]:
            if (
                isinstance(part, dict)
                and _false(part.get("isAccessibleForFree"))
                and isinstance(part.get("cssSelector"), str)
            ):
                selectors.append(part["cssSelector"])
    for scope in _MICRODATA_PARTS(root):
        free = scope.find("./meta[@itemprop='isAccessibleForFree']")
        selector = scope.find("./meta[@itemprop='cssSelector']")
        if free is not None and _false(free.get("content")) and selector is not None and selector.get("content"):
            selectors.append(selector.get("content"))
    return selectors


def _select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        return list(CSSSelector(selector)(root))
    except (SelectorError, etree.XPathError):
        return []  # a selector we cannot read withholds nothing by itself; a gate still would


def _is_overlay(gate: HtmlElement) -> bool:
    for element in (gate, *gate.iterancestors()):
        if element.tag == "body":
            break
        if element.get(rules.OVERLAY_ANNOTATION) is not None or element.get("role") in ("dialog", "alertdialog"):
            return True
        if element.get("aria-modal") == "true" or _FIXED_STYLE.search(element.get("style") or ""):
            return True
        if _OVERLAY_WORDS.search(f"{element.get('class', '')} {element.get('id', '')}"):
            return True
    return False


def withhold_after(element: HtmlElement, top: HtmlElement) -> None:
    """Remove ``element`` and everything after it in document order, up to ``top``."""
    for node in elements_after(element, top):
        node.getparent().remove(node)
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)  # with its tail: the text after it comes after the gate too


def notice_for(access: str, site_name: str | None) -> str | None:
    publisher = site_name or "the publisher"
    if access == RESTRICTED:
        return (
            f"This article is for {publisher}'s subscribers. The page showed only its beginning, and so does "
            "this reader; sign in or subscribe on the publisher's site to read the rest."
        )
    if access == PARTIAL:
        return f"Part of this article is for {publisher}'s subscribers and is not shown here."
    return None


def nothing_before_the_gate(site_name: str | None) -> str:
    """The notice when the gate came before any of the article: there is no teaser to show."""
    return (
        f"This article is for {site_name or 'the publisher'}'s subscribers. The page showed its subscription "
        "gate before any of the article, so there is nothing to show here; sign in or subscribe on the "
        "publisher's site to read it."
    )


def _withhold_declared_parts(root: HtmlElement, annotated: bool) -> tuple[bool, set[HtmlElement]]:
    """Remove the parts the page declares subscriber-only; True when that withheld something.

    Unannotated, the page's word decides: a declared part that holds text is withheld. Annotated,
    a part still present with text was shown to a subscriber and stays; declared parts of which the
    browser showed none (hidden, so gone already) were withheld from this reader.
    """
    selectors = paywalled_parts(root)
    if not selectors:
        return False, set()
    parts = [element for selector in selectors for element in _select(root, selector)]
    shown = [part for part in parts if " ".join(part.text_content().split())]
    if annotated:
        return not shown, set(parts)
    for part in parts:
        if part.getparent() is not None:
            part.getparent().remove(part)
    return bool(shown), set(parts)


def _mark_place(gate: HtmlElement, body: HtmlElement) -> int:
    """Number every element of ``body`` in page order and leave an empty marker where ``gate`` stands."""
    position = 0
    for position, element in enumerate(body.iter()):
        if isinstance(element.tag, str):
            element.set(POSITION, str(position))
    marker = etree.Element("span", {POSITION: gate.get(POSITION, str(position))})
    marker.tail = gate.tail
    gate.getparent().replace(gate, marker)
    return int(marker.get(POSITION))


def access(root: HtmlElement, gates: list[HtmlElement], annotated: bool, site_name: str | None) -> AccessDecision:
    """Decide what the reader may see, and take the gates and declared parts out of ``root``.

    A gate set in the text leaves a marker where it stood (``POSITION``): ``withhold_gated`` cuts
    the chosen article there.
    """
    body = root.find("body")
    withheld_parts, parts = _withhold_declared_parts(root, annotated)
    decision = PARTIAL if withheld_parts else OPEN
    # The parts the page itself marks as subscriber-only are what a gate guards, not gates.
    gates = [gate for gate in gates if gate not in parts and parts.isdisjoint(gate.iterancestors())]
    gates = [gate for gate in gates if gate.getparent() is not None]
    if not gates or body is None:
        return AccessDecision(decision, notice_for(decision, site_name))
    inline = [gate for gate in gates if not _is_overlay(gate)]
    position = _mark_place(inline[0], body) if inline else None
    for gate in gates:
        if gate.getparent() is not None:
            gate.getparent().remove(gate)
    return AccessDecision(RESTRICTED, notice_for(RESTRICTED, site_name), position, teaser_only=not inline)


def withhold_gated(article: HtmlElement, decision: AccessDecision) -> None:
    """Cut the chosen article where the gate stood: what came after it in the page is withheld.

    ``readable`` copied the tree, so places are read from ``POSITION``: the cut falls at the first
    element of the article that stood at or after the gate (elements readability made itself carry
    no place and go with what surrounds them). A gate after the whole article cuts nothing: the
    article shown was the teaser. For a gate over the page, the first paragraphs stay.
    """
    if decision.teaser_only:
        keep_teaser(article)
    if decision.gate_position is None:
        return
    after = next(
        (e for e in article.iter() if isinstance(e.tag, str) and int(e.get(POSITION, -1)) >= decision.gate_position),
        None,
    )
    if after is not None:
        withhold_after(after, article)


def keep_teaser(article: HtmlElement, paragraphs: int = TEASER_PARAGRAPHS) -> None:
    """Cut the article after its first ``paragraphs`` paragraphs of text."""
    seen = 0
    for paragraph in list(article.iter("p")):
        if not " ".join(paragraph.text_content().split()):
            continue
        seen += 1
        if seen == paragraphs:
            following = paragraph.getnext()
            node = paragraph
            while following is None and node.getparent() is not None and node.getparent() is not article:
                node = node.getparent()
                following = node.getnext()
            if following is not None:
                withhold_after(following, article)
            return
