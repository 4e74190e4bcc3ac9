"""Stage 2: str -> lxml tree.

libxml2's HTML parser is forgiving (it repairs whatever browsers repair) and bounded: it stops
descending at 256 levels of nesting, so a page of 100,000 nested elements cannot exhaust the stack
of any later stage that recurses. What it refuses that a browser takes, we take care of first: an
XML declaration (XHTML pages start with one; lxml will not read it from text, browsers ignore it
in HTML) and characters no tree may hold. Its own error messages never reach the reader: each
way a page can fail has a sentence of ours.

One thing a browser does while the page loads is done here too: React's streaming server
rendering sends a Suspense boundary's content late, in a `<div hidden id="S:n">` at the end of
the body, with a one-line script (`$RC("B:n","S:n")`, `$RS("S:n","P:n")`) that moves it into its
place, a `<template id="B:n">` after a loading placeholder or a `<template id="P:n">`. A reader
never sees it hidden; read raw, the article would be dropped as hidden and the skeleton kept.
The move is the protocol's own, so no page can use it to show what it hides.

And one thing browsers repair that libxml2 does not: a heading opened inside a heading ends it
(HTML's parsing rules pop the open ``<h1>`` when an ``<h3>`` starts in it), so the date line a
theme prints in an ``<h3>`` inside its ``<h1>`` is not part of the headline.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from server.errors import NotReadable
from server.pipeline.dom import HEADING_TAGS

# Characters libxml2 refuses in a tree: C0 controls other than tab/newline/return, lone surrogates
# and the two non-characters U+FFFE/U+FFFF. Browsers drop or replace them too.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# An XML declaration, possibly after whitespace: "<?xml version="1.0" encoding="utf-8"?>".
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*>")

# Every element is a plain HtmlElement, chosen in C. lxml.html's own choice (a form, an input, a
# label get classes of their own, for filling in forms) is a Python call for every element every
# stage touches, and no stage fills in forms.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def _parser(*, remove_comments: bool) -> lxml.html.HTMLParser:
    parser = lxml.html.HTMLParser(remove_comments=remove_comments, remove_pis=True, no_network=True)
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    return parser


_PARSER = _parser(remove_comments=True)
# Streamed pages are parsed with their comments: React marks a boundary's fallback with them.
_PARSER_KEEPING_COMMENTS = _parser(remove_comments=False)

# React's names: a streamed segment, the boundary it completes, the placeholder it fills.
_SEGMENT, _BOUNDARY, _PLACEHOLDER = "S:", "B:", "P:"
# React's comments around a Suspense boundary: "$" (done), "$?" (pending), "$!" (failed) ... "/$".
_BOUNDARY_START, _BOUNDARY_END = "$", "/$"

EMPTY = "The page is empty: there is nothing in it a browser would show."


def parse(markup: str) -> HtmlElement:
    """Parse a whole page into its <html> element; raise NotReadable when nothing is there."""
    markup = _XML_DECLARATION.sub("", _XML_INCOMPATIBLE.sub("", markup), count=1)
    if not markup.strip():
        raise NotReadable(EMPTY)
    streamed = f'id="{_SEGMENT}' in markup
    try:
        root = lxml.html.document_fromstring(markup, parser=_PARSER_KEEPING_COMMENTS if streamed else _PARSER)
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
    if streamed:
        _complete_streamed_segments(root)
        etree.strip_elements(root, etree.Comment, with_tail=False)
    _close_headings_opened_in_headings(root)
    return root


def _close_headings_opened_in_headings(root: HtmlElement) -> None:
    """``<h1>A<h3>B</h3>C</h1>`` is read as browsers build it: ``<h1>A</h1><h3>B</h3>C``."""
    for heading in [h for h in root.iter(HEADING_TAGS) if any(child.tag in HEADING_TAGS for child in h)]:
        inner = next(child for child in heading if child.tag in HEADING_TAGS)
        tail, heading.tail = heading.tail, None
        place = heading
        for element in [inner, *inner.itersiblings()]:
            place.addnext(element)  # moves it with its tail
            place = element
        if tail:
            place.tail = (place.tail or "") + tail


def _complete_streamed_segments(root: HtmlElement) -> None:
    """Move each streamed segment where React's script would: into its placeholder, or in place
    of its boundary's fallback. A segment with neither stays hidden (and is removed as such)."""
    templates = {
        template.get("id"): template
        for template in root.iter("template")
        if template.get("id", "").startswith((_BOUNDARY, _PLACEHOLDER))
    }
    for segment in root.xpath("//div[@hidden][starts-with(@id, $prefix)]", prefix=_SEGMENT):
        number = segment.get("id")[len(_SEGMENT) :]
        placeholder = templates.get(_PLACEHOLDER + number)
        fallback: list[HtmlElement] = []
        if placeholder is None:
            placeholder = templates.get(_BOUNDARY + number)
            fallback = _fallback_after(placeholder) if placeholder is not None else []
        if placeholder is None or placeholder.getparent() is None or segment in placeholder.iterancestors():
            continue
        _put_in_place(segment, placeholder, fallback)


def _fallback_after(boundary: HtmlElement) -> list[HtmlElement]:
    """What follows a boundary's template up to its closing comment: the loading placeholder.
    Nothing when the comment is not there (a page saved without its comments)."""
    fallback, depth = [], 0
    for sibling in boundary.itersiblings():
        if sibling.tag is etree.Comment:
            text = (sibling.text or "").strip()
            if text == _BOUNDARY_END and depth == 0:
                return fallback
            if text == _BOUNDARY_END:
                depth -= 1
            elif text.startswith(_BOUNDARY_START):
                depth += 1
        fallback.append(sibling)
    return []


def _put_in_place(segment: HtmlElement, placeholder: HtmlElement, fallback: list[HtmlElement]) -> None:
    # Text after a placeholder is the page's; text after a fallback's elements is the fallback's.
    kept_tail = None if fallback else placeholder.tail
    _add_text_before(placeholder, segment.text)
    for child in list(segment):
        placeholder.addprevious(child)  # with its tail
    _add_text_before(placeholder, kept_tail)
    parent = placeholder.getparent()
    for node in (placeholder, *fallback):
        parent.remove(node)  # with its tail
    segment.text = None
    segment.drop_tree()


def _add_text_before(element: HtmlElement, text: str | None) -> None:
    """Add text just before an element: to its previous sibling's tail, or its parent's text."""
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text
