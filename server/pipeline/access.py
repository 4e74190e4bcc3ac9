"""Stage 4b: the publisher's access control, honoured: ``access`` and ``notice``, and what to withhold.

Clearpage shows what the reader's browser showed, and nothing it hid. It never removes a gate to
reveal text: where a gate stands, the text it gates is withheld.

With the extension's annotations the browser has said what it rendered: hidden content is already
gone (``preclean``), so a gate still present was visible, and the reader gets the teaser the page
showed, with a notice. A subscriber's page carries the same paywall markup, but its gate is hidden
or absent, so the article comes out whole.

Without annotations (a direct API call) nothing says what a reader could see, so the page's own
markup decides, conservatively, as Google documents it for publishers:

- schema.org ``isAccessibleForFree: false`` on parts (``hasPart`` with ``cssSelector``, in JSON-LD
  or microdata): those parts are withheld; access is ``partial``;
- a gate in the page (with or without whole-article ``isAccessibleForFree: false``): access is
  ``restricted`` and only the teaser is kept.

The teaser: for a gate set in the text, what comes before it; for a gate floating over the page
(a modal), the article's first paragraphs, since the page's order says nothing of what showed.
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
from server.pipeline.metadata import json_ld_objects

OPEN, PARTIAL, RESTRICTED = "open", "partial", "restricted"
# Paragraphs kept of an article gated by an overlay, when the page's order cannot say what showed.
TEASER_PARAGRAPHS = 3
_OVERLAY_WORDS = re.compile(r"(?:^|[\s_-])(modal|overlay|backdrop|popup|lightbox|dialog)(?=$|[\s_-])", re.I)
_FIXED_STYLE = re.compile(r"position\s*:\s*(fixed|sticky)", re.I)


@dataclass(frozen=True)
class AccessDecision:
    access: str  # "open", "partial" or "restricted"
    notice: str | None  # a sentence for a person, None when open
    teaser_only: bool  # keep only the article's first paragraphs (a gate over the page)


def _false(value: Any) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


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
    for scope in root.xpath(".//*[@itemscope][contains(concat(' ', @itemprop, ' '), ' hasPart ')]"):
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
    node = element
    while node is not None and node is not top:
        parent = node.getparent()
        if parent is None:
            break
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


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


def access(root: HtmlElement, gates: list[HtmlElement], annotated: bool, site_name: str | None) -> AccessDecision:
    """Decide what the reader may see, and withhold the rest from ``root`` (changed in place)."""
    body = root.find("body")
    selectors = paywalled_parts(root)
    parts = [element for selector in selectors for element in _select(root, selector)]
    decision = OPEN
    if selectors and not (annotated and any(" ".join(p.text_content().split()) for p in parts)):
        # Unannotated, the page's word decides; annotated, a part still present was shown to a
        # subscriber, and a part gone was hidden from this reader.
        for part in parts:
            if part.getparent() is not None:
                part.getparent().remove(part)
        decision = PARTIAL
    teaser_only = False
    # The parts the page itself marks as subscriber-only are what a gate guards, not gates.
    withheld = set(parts)
    gates = [gate for gate in gates if gate not in withheld and withheld.isdisjoint(gate.iterancestors())]
    if gates and body is not None:
        decision = RESTRICTED
        inline = [gate for gate in gates if not _is_overlay(gate)]
        if inline:
            withhold_after(inline[0], body)
        else:
            teaser_only = True
        for gate in gates:
            if gate.getparent() is not None:
                gate.getparent().remove(gate)
    return AccessDecision(decision, notice_for(decision, site_name), teaser_only)


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
