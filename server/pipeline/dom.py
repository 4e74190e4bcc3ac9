"""Small helpers over lxml trees that more than one stage needs."""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

from server.pipeline.types import Removal


def text_of(element: HtmlElement) -> str:
    """The element's text with runs of whitespace collapsed to one space."""
    return " ".join(element.text_content().split())


def is_attached(element: HtmlElement, root: HtmlElement) -> bool:
    """False once the element or an ancestor has been dropped from ``root``'s tree."""
    top = element
    while (parent := top.getparent()) is not None:
        top = parent
    return top is root


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
