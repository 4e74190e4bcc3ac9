"""Stage 7: the article as HTML that cannot hurt the reader: absolute URLs, then nh3's allowlist.

nh3 (the Python binding of the Rust sanitiser ammonia) is the engine; it is a one-file decision,
made here. Everything not listed below is removed: scripts and styles with their text, event
handlers, forms, frames, ``base``, ``meta``, SVG and MathML. What nh3 does not judge, we do, in
``check_attribute``:

- links: ``http``, ``https`` and ``mailto`` only, checked after relative URLs are made absolute
  (links within the page, such as footnotes, stay fragments);
- images: ``http`` and ``https`` only, plus small ``data:`` PNG, JPEG, GIF or WebP on ``img src``
  (never as a scheme anywhere else); never an IP address, ``localhost``, a private or
  link-local host, or a port other than 80 and 443: a page must not make the reader's browser
  probe its own network;
- ``srcset``, which no sanitiser parses: every candidate is checked like ``src``.

Links get ``rel="noopener noreferrer nofollow"``, images ``referrerpolicy="no-referrer"`` and
``loading="lazy"``. Element ids are prefixed (``cp-``) so a page cannot clobber the reader's own
names, and in-page links follow them.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit

import lxml.html
import nh3
from lxml.html import HtmlElement

from server.deadline import uninterrupted

ALLOWED_TAGS = frozenset(
    """a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q rp rt ruby s samp
    section small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr""".split()
)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir", "title", "id"},
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
# "data" passes nh3's scheme check only to reach check_attribute, which allows it on img src alone.
URL_SCHEMES = frozenset({"http", "https", "mailto", "data"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})
ID_PREFIX = "cp-"
# Removed with everything inside them, not just unwrapped. (nh3 drops SVG and MathML whole;
# postclean has already turned MathML into its plain text.)
CLEAN_CONTENT_TAGS = frozenset(
    """script style template noscript iframe object embed svg form select textarea button""".split()
)
MAX_DATA_IMAGE_CHARS = 32 * 1024  # an inline icon or formula, not a photograph smuggled in the page
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)(;base64)?,[A-Za-z0-9+/=%._-]*", re.IGNORECASE)
_WEB_PORTS = frozenset({None, 80, 443})
_LOCAL_NAMES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".intranet")
_URL_ATTRIBUTES = (
    ("a", "href"),
    ("img", "src"),
    ("blockquote", "cite"),
    ("q", "cite"),
    ("del", "cite"),
    ("ins", "cite"),
)


def is_public_web_url(url: str, schemes: frozenset[str] = IMAGE_SCHEMES) -> bool:
    """An absolute URL with an allowed scheme, on a public host name, on the standard port."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return False
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme.lower() not in schemes or not host or port not in _WEB_PORTS:
        return False
    if host == "localhost" or host.endswith(_LOCAL_NAMES) or "." not in host:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return not host.replace(".", "").isdigit()  # "2130706433"-style hosts are addresses too
    return False  # an IP address: public or private, a reader view has no business fetching it


def _is_relative(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def is_allowed_image(url: str) -> bool:
    url = url.strip()
    if url.lower().startswith("data:"):
        return len(url) <= MAX_DATA_IMAGE_CHARS and bool(_DATA_IMAGE.fullmatch(url))
    return _is_relative(url) or is_public_web_url(url)


def _checked_srcset(value: str) -> str | None:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts and not parts[0].lower().startswith("data:") and is_allowed_image(parts[0]):
            candidates.append(" ".join(parts[:2]))
    return ", ".join(candidates) or None


def check_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: the URL checks nh3 does not make. None removes the attribute."""
    if attribute in ("href", "cite"):
        try:
            scheme = urlsplit(value.strip()).scheme.lower()
        except ValueError:
            return None
        return value if (not scheme or scheme in LINK_SCHEMES) else None
    if tag == "img" and attribute == "src":
        return value if is_allowed_image(value) else None
    if tag == "img" and attribute == "srcset":
        return _checked_srcset(value)
    return value


def _cleaner(tags: frozenset[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags),
        clean_content_tags=set(CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=check_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        set_tag_attribute_values={"img": {"referrerpolicy": "no-referrer", "loading": "lazy"}},
        id_prefix=ID_PREFIX,
        strip_comments=True,
    )


_CLEANER = _cleaner(ALLOWED_TAGS)
_CLEANER_WITHOUT_IMAGES = _cleaner(ALLOWED_TAGS - {"img"})


def _resolve(value: str, base_url: str | None) -> str | None:
    value = value.strip()
    if value.startswith("#"):
        return f"#{ID_PREFIX}{value[1:]}" if len(value) > 1 and not value[1:].startswith(ID_PREFIX) else value
    if not value or base_url is None:
        return value or None
    try:
        return urljoin(base_url, value)
    except ValueError:  # "http://[bad" and the like
        return None


def make_urls_absolute(article: HtmlElement, base_url: str | None) -> None:
    """Resolve every URL attribute against ``base_url``; in-page links follow the id prefix."""
    for anchor in article.iter("a"):
        if anchor.get("name") and not anchor.get("id"):
            anchor.set("id", anchor.get("name"))  # old-style footnote targets
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
            resolved = []
            for candidate in srcset.split(","):
                parts = candidate.split()
                if parts and (url := _resolve(parts[0], base_url)):
                    resolved.append(" ".join([url, *parts[1:2]]))
            image.set("srcset", ", ".join(resolved))


def sanitize_html(markup: str, images: bool = True) -> str:
    """nh3 over an HTML fragment with our allowlist (``images=False`` drops every image).

    Twice: the HTML parsing algorithm can build a tree (misnested links and blocks, say) whose
    serialisation parses into a different tree, the root of "mutation XSS". A second pass takes
    nh3's output as the browser will read it, so what we send is what the browser builds.
    """
    cleaner = _CLEANER if images else _CLEANER_WITHOUT_IMAGES
    with uninterrupted():  # nh3 would swallow the time limit's exception raised in check_attribute
        return cleaner.clean(cleaner.clean(markup))


def sanitize(article: HtmlElement, base_url: str | None, images: bool = True) -> str:
    """The article as safe HTML with absolute URLs."""
    make_urls_absolute(article, base_url)
    return sanitize_html(lxml.html.tostring(article, encoding="unicode"), images)
