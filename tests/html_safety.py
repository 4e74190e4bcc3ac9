"""What "cannot hurt the reader" means, as a check any test can run on sanitised HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from server.pipeline.sanitize import is_public_web_url

VECTORS_FILE = Path(__file__).resolve().parent / "fixtures" / "xss-vectors.txt"
FORBIDDEN_TAGS = frozenset(
    """script style iframe frame frameset object embed applet form input button select textarea base meta link
    svg math template noscript video audio source portal dialog""".split()
)
URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "poster", "background", "data", "xlink:href"}
)
_WHITESPACE_AND_CONTROLS = re.compile(r"[\x00-\x20]+")
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def canonical(markup: str) -> str:
    """``markup`` re-serialised with attributes in name order: equal means the same document."""
    root = lxml.html.fragment_fromstring(_XML_INCOMPATIBLE.sub("", markup), create_parent="div")
    for element in root.iter():
        if isinstance(element.tag, str):
            attributes = sorted(element.attrib.items())
            element.attrib.clear()
            element.attrib.update(attributes)
    return lxml.html.tostring(root, encoding="unicode")


def xss_vectors() -> list[str]:
    lines = VECTORS_FILE.read_text("utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _scheme(url: str) -> str:
    cleaned = _WHITESPACE_AND_CONTROLS.sub("", html.unescape(url))
    return urlsplit(cleaned).scheme.lower() if ":" in cleaned.split("/")[0] else ""


def executable_constructs(markup: str) -> list[str]:
    """Everything in ``markup`` that could run code, navigate, style the page or call a host."""
    if not markup.strip():
        return []
    found = []
    markup = _XML_INCOMPATIBLE.sub("", markup)  # lxml refuses them; browsers ignore them
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().split("}")[-1]
        if tag in FORBIDDEN_TAGS:
            found.append(f"<{tag}>")
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on") or name in ("style", "srcdoc", "formaction", "action", "ping", "xlink:href"):
                found.append(f"{tag}[{name}]")
            elif name in URL_ATTRIBUTES:
                scheme = _scheme(value)
                allowed = {"http", "https", "mailto", ""} if tag == "a" or name == "cite" else {"http", "https", ""}
                if tag == "img" and name == "src" and value.lower().startswith("data:image/"):
                    continue
                if scheme not in allowed:
                    found.append(f"{tag}[{name}={value[:40]}]")
                elif tag == "img" and scheme and not is_public_web_url(value):
                    found.append(f"{tag}[{name}] to a private or odd host: {value[:60]}")
            elif name == "srcset":
                for candidate in value.split(","):
                    url = candidate.split()[0] if candidate.split() else ""
                    if url and (
                        _scheme(url) not in ("http", "https", "") or (_scheme(url) and not is_public_web_url(url))
                    ):
                        found.append(f"{tag}[srcset] {url[:60]}")
    for value in root.xpath("//@*"):
        if re.match(r"(javascript|vbscript|data:text)", _WHITESPACE_AND_CONTROLS.sub("", html.unescape(value)), re.I):
            found.append(f"script URL in an attribute: {value[:40]}")
    return found
