"""Stage 2: str -> lxml tree.

libxml2's HTML parser is forgiving (it repairs whatever browsers repair) and bounded: it stops
descending at 256 levels of nesting, so a page of 100,000 nested elements cannot exhaust the stack
of any later stage that recurses. What it refuses that a browser takes, we take care of first: an
XML declaration (XHTML pages start with one; lxml will not read it from text, browsers ignore it
in HTML) and characters no tree may hold. Its own error messages never reach the reader: each
way a page can fail has a sentence of ours.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from server.errors import NotReadable

# Characters libxml2 refuses in a tree: C0 controls other than tab/newline/return, lone surrogates
# and the two non-characters U+FFFE/U+FFFF. Browsers drop or replace them too.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# An XML declaration, possibly after whitespace: "<?xml version="1.0" encoding="utf-8"?>".
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)

EMPTY = "The page is empty: there is nothing in it a browser would show."


def parse(markup: str) -> HtmlElement:
    """Parse a whole page into its <html> element; raise NotReadable when nothing is there."""
    markup = _XML_DECLARATION.sub("", _XML_INCOMPATIBLE.sub("", markup), count=1)
    if not markup.strip():
        raise NotReadable(EMPTY)
    try:
        root = lxml.html.document_fromstring(markup, parser=_PARSER)
    except etree.ParserError:
        raise NotReadable(EMPTY) from None  # libxml2's "Document is empty": only comments or a doctype
    except ValueError:
        raise NotReadable("The page could not be read as HTML.") from None
    if root.find("body") is None and root.find("frameset") is not None:
        raise NotReadable(
            "This page is a frameset: its text lives in other pages that it loads. "
            "Open the frame that holds the article and try again."
        )
    if root.find("body") is None:
        raise NotReadable(EMPTY)  # a <head> and nothing else
    return root
