"""The capture script in a real page: what it marks, what it serialises, and that the visible page
never changes; then what the extension puts on the wire (gzip, the URL, the marks)."""

from __future__ import annotations

import gzip
import json

import lxml.html
import pytest

from tests.e2e.conftest import EXTENSION
from tests.e2e.servers import scripted_server

CAPTURE_SCRIPT = (EXTENSION / "src" / "content" / "capture.js").read_text("utf-8")
HIDDEN, OVERLAY = "data-clearpage-hidden", "data-clearpage-overlay"


def element_with(tree: lxml.html.HtmlElement, marker: str) -> lxml.html.HtmlElement:
    """The innermost element whose own text starts with ``marker``."""
    matches = [el for el in tree.iter() if isinstance(el.tag, str) and (el.text or "").strip().startswith(marker)]
    assert len(matches) == 1, f"{marker}: {len(matches)} elements"
    return matches[0]


@pytest.fixture
def annotated(browser, site):
    page = browser.open(f"{site}/pages/annotated.html")
    before = page.screenshot()
    capture = page.evaluate(CAPTURE_SCRIPT)  # the file executeScript injects, run the same way
    return page, capture, before


def test_capture_marks_what_the_browser_hid(annotated):
    _, capture, _ = annotated
    tree = lxml.html.fromstring(capture["html"])
    for marker in (
        "HIDDEN-BY-DISPLAY",
        "HIDDEN-BY-VISIBILITY",
        "HIDDEN-WRAPPER-TEXT",
        "HIDDEN-BY-CONTENT-VISIBILITY",
        "HIDDEN-BY-ATTRIBUTE",
        "SHADOW-HIDDEN",
    ):
        assert element_with(tree, marker).get(HIDDEN) == "", marker
    for marker in ("VISIBLE-PARAGRAPH", "VISIBLE-CHILD", "VISIBLE-DESPITE-HIDDEN", "SHADOW-TEXT"):
        assert element_with(tree, marker).get(HIDDEN) is None, marker
    # A visibility:hidden wrapper with a visible paragraph inside is kept, or the paragraph would go too.
    assert element_with(tree, "VISIBLE-CHILD").getparent().get(HIDDEN) is None


def test_capture_marks_fixed_and_sticky_overlays_but_not_html_or_body(annotated):
    _, capture, _ = annotated
    tree = lxml.html.fromstring(capture["html"])
    assert element_with(tree, "FIXED-COOKIE-BAR").get(OVERLAY) == ""
    assert element_with(tree, "STICKY-HEADER").getparent().get(OVERLAY) == ""
    assert tree.get(OVERLAY) is None and tree.find("body").get(OVERLAY) is None
    assert element_with(tree, "VISIBLE-PARAGRAPH").get(OVERLAY) is None


def test_capture_sends_only_the_browsers_marks_not_the_pages(annotated):
    _, capture, _ = annotated
    assert element_with(lxml.html.fromstring(capture["html"]), "PAGE-MARKED").get(HIDDEN) is None


def test_capture_serialises_open_shadow_roots_as_declarative_shadow_dom(annotated):
    _, capture, _ = annotated
    tree = lxml.html.fromstring(capture["html"])
    host = tree.find(".//story-quote")
    template = host.find("template")
    assert template is not None and template.get("shadowrootmode") == "open"
    assert "SHADOW-TEXT" in template.text_content()
    assert "LIGHT-DOM-SLOTTED" in host.text_content()
    closed = tree.find(".//closed-box")  # a closed root is the page's private business
    assert len(closed) == 0 and not closed.text_content()


def test_noscript_text_is_sent_so_that_a_parser_without_scripts_closes_it_where_the_browser_did(annotated):
    # The browser reads a noscript's content as text up to the first </noscript>; a nested one left
    # the outer noscript open for a parser that reads it as markup, and the whole page went inside.
    _, capture, _ = annotated
    tree = lxml.html.fromstring(capture["html"])
    assert element_with(tree, "VISIBLE-PARAGRAPH").xpath("ancestor::noscript") == []
    (outer,) = tree.find("body").findall("noscript")
    assert outer.find(".//iframe").get("src") == "https://tags.example/ns.html?id=GTM-1"


def test_capture_keeps_the_document_and_metadata(annotated, site):
    _, capture, _ = annotated
    assert capture["html"].startswith(
        '<!DOCTYPE html><html lang="en" data-clearpage-annotated="">'
    )  # the browser vouches for its marks
    assert capture["url"] == f"{site}/pages/annotated.html"
    assert capture["title"] == "What the browser showed | Capture test"
    tree = lxml.html.fromstring(capture["html"])
    for script in tree.iter("script"):
        assert script.get(HIDDEN) is None  # ld+json in the body carries metadata the server reads
    assert tree.find("head").get(HIDDEN) is None


def test_capture_leaves_the_visible_page_as_it_was(annotated):
    page, _, before = annotated
    assert page.screenshot() == before
    left = page.evaluate(
        """() => [...document.querySelectorAll('[data-clearpage-hidden], [data-clearpage-overlay]')]
                   .map((el) => el.textContent.trim().split(' ')[0])"""
    )
    assert left == ["PAGE-MARKED"]  # the page's own attribute is back, and no mark of ours stayed
    shadow = page.evaluate("() => document.querySelector('story-quote').shadowRoot.querySelector('span').outerHTML")
    assert HIDDEN not in shadow


def test_a_large_page_goes_to_the_server_gzipped_with_its_url_and_marks(browser, site, clearpage):
    with scripted_server(forward_to=clearpage.url) as recorder:
        browser.configure(recorder.url)
        page = browser.open(f"{site}/corpus/bbc-1/?inject=onetrust")
        page.wait_for_selector("#onetrust-banner-sdk")
        original_url = page.url
        reader = browser.open_in_reader(page)
        assert reader.locator("main > .article").is_visible()
        (request,) = recorder.requests
    assert request.method == "POST" and request.path == "/v1/extract"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Content-Encoding"] == "gzip"
    sent = json.loads(gzip.decompress(request.body))
    assert len(request.body) < len(sent["html"]) / 3
    assert sent["url"] == original_url
    banner = lxml.html.fromstring(sent["html"]).get_element_by_id("onetrust-banner-sdk")
    assert banner.get(OVERLAY) == ""
    assert "Authorization" not in request.headers


# A documentation page whose code blocks style each line as a block (as React's legacy docs did):
# the markup has no line break between the lines; the stylesheet or a style attribute draws them.
CODE_PAGE = "/pages/effect-hook.html"
HIGHLIGHTED_LINES = [
    "import React, { useState, useEffect } from 'react';",
    "function Example() {",
    "  const [count, setCount] = useState(0);",
    "  // Similar to componentDidMount and componentDidUpdate:",
    "  useEffect(() => {",
    "    document.title = `You clicked ${count} times`;",
    "  });",
    "}",
]
STYLED_LINES = ["useEffect(() => {", "  subscribe();", "  return () => unsubscribe();", "});"]


def test_capture_keeps_the_lines_a_stylesheet_draws_in_a_code_block(browser, site):
    page = browser.open(site + CODE_PAGE)
    markup_before = page.evaluate("() => document.body.innerHTML")
    tree = lxml.html.fromstring(page.evaluate(CAPTURE_SCRIPT)["html"])
    first, second = tree.iter("pre")
    assert first.text_content().split("\n") == HIGHLIGHTED_LINES
    assert second.text_content().split("\n") == STYLED_LINES  # the flex line's two parts stay one line
    # Outside a code block, two inline elements made blocks no longer run their words together.
    assert element_with(tree, "Steps:").text_content() == "Steps: Open the settings.\nChoose a theme."
    assert page.evaluate("() => document.body.innerHTML") == markup_before  # the breaks are gone again


def test_the_reader_shows_a_code_blocks_lines_apart(browser, site, clearpage):
    browser.configure(clearpage.url)
    reader = browser.open_in_reader(browser.open(site + CODE_PAGE))
    blocks = reader.locator(".article-body pre")
    assert blocks.count() == 2
    assert blocks.first.inner_text().split("\n") == HIGHLIGHTED_LINES
    assert blocks.last.inner_text().split("\n") == STYLED_LINES
