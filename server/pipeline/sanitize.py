"""Stage 7: the article as HTML that cannot hurt the reader: absolute URLs, then nh3's allowlist.

nh3 (the Python binding of the Rust sanitiser ammonia) is the engine; it is a one-file decision,
made here. Everything not listed below is removed: scripts with their text, styles, event
handlers, forms, frames, SVG and MathML. URLs are made absolute first (links inside the page, such
as footnotes, stay fragments), so the scheme check sees what the browser would load.
"""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
import nh3
from lxml.html import HtmlElement

ALLOWED_TAGS = frozenset(
    """a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt
    em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp
    section small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr""".split()
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir", "title"},
    "a": {"href"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them, not just unwrapped. (nh3 drops SVG and MathML whole;
# postclean has already turned MathML into its plain text.)
CLEAN_CONTENT_TAGS = frozenset(
    """script style template noscript iframe object embed svg form select textarea button""".split()
)
_URL_ATTRIBUTES = (
    ("a", "href"),
    ("img", "src"),
    ("blockquote", "cite"),
    ("q", "cite"),
    ("del", "cite"),
    ("ins", "cite"),
)

_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer nofollow",
    set_tag_attribute_values={"img": {"referrerpolicy": "no-referrer", "loading": "lazy"}},
    strip_comments=True,
)


def _resolve(value: str, base_url: str | None) -> str | None:
    value = value.strip()
    if not value or value.startswith("#") or base_url is None:
        return value or None
    try:
        return urljoin(base_url, value)
    except ValueError:  # "http://[bad" and the like
        return None


def _resolve_srcset(value: str, base_url: str | None) -> str | None:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if not parts:
            continue
        url = _resolve(parts[0], base_url)
        # nh3 does not look inside srcset: only web image URLs (or relative ones, without a base) pass.
        if url and (url.startswith(("http://", "https://")) or ":" not in url.split("/")[0]):
            candidates.append(" ".join([url, *parts[1:2]]))
    return ", ".join(candidates) or None


def make_urls_absolute(article: HtmlElement, base_url: str | None) -> None:
    """Resolve every URL attribute against ``base_url``; drop the ones that cannot be resolved."""
    for tag, attribute in _URL_ATTRIBUTES:
        for element in article.iter(tag):
            value = element.get(attribute)
            if value is None:
                continue
            resolved = _resolve(value, base_url)
            if resolved is None:
                del element.attrib[attribute]
            else:
                element.set(attribute, resolved)
    for image in article.iter("img"):
        srcset = image.get("srcset")
        if srcset is not None:
            resolved = _resolve_srcset(srcset, base_url)
            if resolved is None:
                del image.attrib["srcset"]
            else:
                image.set("srcset", resolved)


def sanitize_html(markup: str) -> str:
    """nh3 over an HTML fragment with our allowlist."""
    return _CLEANER.clean(markup)


def sanitize(article: HtmlElement, base_url: str | None) -> str:
    """The article as safe HTML with absolute URLs."""
    make_urls_absolute(article, base_url)
    return sanitize_html(lxml.html.tostring(article, encoding="unicode"))
