"""parse: str -> lxml tree, tolerant of what browsers tolerate, bounded in depth."""

from __future__ import annotations

import pytest

from server.errors import NotReadable
from server.pipeline.parse import parse


def test_parses_a_page_into_its_html_element():
    root = parse("<title>T</title><p>One<p>Two")
    assert root.tag == "html"
    assert [p.text for p in root.iter("p")] == ["One", "Two"]


def test_removes_comments_and_processing_instructions():
    root = parse("<body><!-- tracking --><?php echo 1 ?><p>Text</p></body>")
    assert "tracking" not in root.text_content()
    assert root.find(".//p").text == "Text"


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\ud800", "\uffff"])
def test_characters_lxml_refuses_are_dropped(character):
    root = parse(f"<p>a{character}b</p>")
    assert root.find(".//p").text == "ab"


@pytest.mark.parametrize("markup", ["", "   \n\t", "\x00\x00"])
def test_empty_page_is_not_readable(markup):
    with pytest.raises(NotReadable, match="empty"):
        parse(markup)


def test_a_page_without_body_is_not_readable():
    with pytest.raises(NotReadable, match="no body"):
        parse('<html class="share"></html>')


def test_frameset_page_is_not_readable_and_says_why():
    with pytest.raises(NotReadable, match="frameset"):
        parse("<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>")


def test_nesting_is_bounded():
    root = parse("<div>" * 100_000 + "deep" + "</div>" * 100_000)
    depth = max(len(list(element.iterancestors())) for element in root.iter())
    assert depth <= 300
