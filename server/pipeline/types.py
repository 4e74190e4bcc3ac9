"""The small frozen dataclasses passed between pipeline stages, and the article they make."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class LeadImage:
    url: str
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself, before the article body is chosen."""

    title: str | None = None
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None  # ISO 8601, with its offset when the page gave one
    modified: str | None = None
    lang: str | None = None
    dir: str | None = None  # "ltr" or "rtl" when the markup says; the pipeline decides otherwise
    excerpt: str | None = None
    canonical_url: str | None = None
    lead_image: LeadImage | None = None


@dataclass(frozen=True)
class Removal:
    """One kind of thing a cleaning stage took out, and why (the rule's reason, from rules.py)."""

    kind: str
    reason: str
    elements: int
    characters: int


@dataclass(frozen=True)
class Rendered:
    content_html: str
    text: str
    word_count: int
    reading_minutes: int
    first_paragraph: str | None  # the excerpt when the page offers none


@dataclass(frozen=True)
class KeyPoint:
    """One of the article's key sentences: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """The result of the pipeline; ``as_dict`` is the API's JSON body, key for key."""

    url: str | None
    canonical_url: str | None
    title: str | None
    byline: str | None
    site_name: str | None
    published: str | None
    modified: str | None
    lang: str | None
    dir: str
    excerpt: str | None
    lead_image: LeadImage | None
    content_html: str
    text: str
    word_count: int
    reading_minutes: int
    access: str = "open"
    notice: str | None = None
    removed: tuple[Removal, ...] = field(default_factory=tuple)
    key_points: tuple[KeyPoint, ...] | None = None  # None unless asked for (Options.key_points)

    def as_dict(self) -> dict[str, Any]:
        body = asdict(self)
        body["removed"] = [asdict(removal) for removal in self.removed]
        body["key_points"] = None if self.key_points is None else [asdict(point) for point in self.key_points]
        return body
