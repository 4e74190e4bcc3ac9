"""Stage 3: drop what the reader never sees or never wants, before readability scores the page.

Removing consent layers, overlays and hidden nodes first means readability never mistakes a
cookie notice for the article, and has fewer nodes to score. Nothing hidden is ever un-hidden:
hidden nodes are removed, not revealed. Lazy images are resolved here, while their ``data-src``
and ``<noscript>`` fallbacks are still in the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from server.pipeline import rules
from server.pipeline.dom import RemovalTally, is_attached, text_of
from server.pipeline.types import Removal

# Inline styles that hide an element, as readability-lxml and Readability.js read them.
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)
# A removal rule never takes an element holding this share of the page's text: it is the article
# inside a wrapper that happens to match (a modal-open body, a consent wall around everything).
_MAX_SHARE_OF_PAGE = 0.5


@dataclass
class Precleaned:
    root: HtmlElement
    removed: list[Removal]


def _is_hidden(element: HtmlElement) -> bool:
    if element.get(rules.HIDDEN_ANNOTATION) is not None or element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDING_STYLE.search(style))


# A cheap XPath pre-filter; _is_hidden decides.
_MAYBE_HIDDEN = (
    f".//*[@hidden or @{rules.HIDDEN_ANNOTATION} or contains(@style, 'none') or contains(@style, 'hidden')]"
)


def _drop_hidden(body: HtmlElement, tally: RemovalTally) -> None:
    for element in body.xpath(_MAYBE_HIDDEN):
        if _is_hidden(element):
            tally.drop(element, "hidden element", "the browser does not show it, so neither do we")


def _drop_by_selector(
    body: HtmlElement, rule: rules.SelectorRule, page_chars: int, tally: RemovalTally
) -> None:
    for element in rule.xpath(body):
        if element is body or not is_attached(element, tally.root):
            continue
        if page_chars and len(text_of(element)) > _MAX_SHARE_OF_PAGE * page_chars:
            continue
        tally.drop(element, rule.kind, rule.reason)


def preclean(root: HtmlElement) -> Precleaned:
    """Remove non-content markup, hidden nodes, consent layers and overlays from ``root``'s body.

    Takes ownership of ``root`` (it is changed in place) and returns it with what was removed.
    """
    tally = RemovalTally(root)
    body = root.find("body")
    if body is None:
        return Precleaned(root, [])
    for element in rules.NON_CONTENT.xpath(body):
        element.drop_tree()
    _drop_hidden(body, tally)
    page_chars = len(text_of(body))
    for rule in rules.SELECTOR_RULES:
        _drop_by_selector(body, rule, page_chars, tally)
    return Precleaned(root, tally.removals())
