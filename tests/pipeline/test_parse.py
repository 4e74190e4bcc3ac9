"""parse: str -> lxml tree, tolerant of what browsers tolerate, bounded in depth."""

from __future__ import annotations

import copy

import pytest
from lxml import etree
from lxml.html import HtmlElement

from server.errors import NotReadable
from server.pipeline.parse import parse


def test_parses_a_page_into_its_html_element():
    root = parse("<title>T</title><p>One<p>Two")
    assert root.tag == "html"
    assert [p.text for p in root.iter("p")] == ["One", "Two"]


def test_every_element_is_an_lxml_html_element_and_a_form_is_no_different():
    # The class is chosen in C, one for all: lxml.html's per-tag classes (a form's fields, an
    # input's value) cost a Python call per element and no stage uses them.
    root = parse("<body><form><label>Mail <input name=m value=x></label><select><option>a</select></form></body>")
    kinds = {type(element) for element in root.iter()}
    assert kinds == {HtmlElement}
    assert root.find(".//form").text_content() == "Mail a"  # lxml.html's own methods are there
    assert type(copy.deepcopy(root).find(".//input")) is HtmlElement


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


@pytest.mark.parametrize(
    "markup",
    [
        '<html class="share"></html>',
        "<!-- nothing but a comment -->",
        "<!DOCTYPE html>",
        "<head><title>T</title></head>",
    ],
)
def test_a_page_with_nothing_to_show_is_empty_in_our_words(markup):
    with pytest.raises(NotReadable) as raised:
        parse(markup)
    assert raised.value.detail == "The page is empty: there is nothing in it a browser would show."


@pytest.mark.parametrize(
    "declaration",
    ['<?xml version="1.0" encoding="utf-8"?>', "\n  <?xml version='1.0' encoding='ISO-8859-1' standalone='yes'?>\n"],
)
def test_an_xhtml_page_with_an_xml_declaration_is_read_as_a_browser_reads_it(declaration):
    root = parse(
        f'{declaration}<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><head><title>T</title></head>'
        "<body><p>Night trains are back.</p></body></html>"
    )
    assert root.find(".//p").text == "Night trains are back."


def test_frameset_page_is_not_readable_and_says_why():
    with pytest.raises(NotReadable, match="frameset"):
        parse("<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>")


def test_nesting_is_bounded():
    root = parse("<div>" * 100_000 + "deep" + "</div>" * 100_000)
    depth = max(len(list(element.iterancestors())) for element in root.iter())
    assert depth <= 300


# React's streaming server rendering, as Next.js sends it (the shape of wcxb-dev 0155 and 4416):
# a boundary with a loading fallback, the late segment hidden at the end with its script.
STREAMED = (
    "<body><header>Site</header>"
    '<!--$?--><template id="B:0"></template><div class="skeleton">Loading…</div><!--/$-->'
    "<footer>Footer</footer>"
    '<div hidden id="S:0">Intro <article><h1>Headline</h1><p>First paragraph.</p>'
    '<!--$?--><template id="P:1"></template><!--/$--></article> tail</div>'
    '<script>$RC("B:0","S:0")</script>'
    '<div hidden id="S:1"><p>Second paragraph.</p></div><script>$RS("S:1","P:1")</script>'
    "</body>"
)


def test_a_streamed_segment_replaces_its_boundarys_fallback():
    body = parse(STREAMED).find("body")
    assert [child.tag for child in body if child.tag != "script"] == ["header", "article", "footer"]
    assert "Loading" not in body.text_content()
    text = body.text_content()
    assert text.index("Site") < text.index("Intro") < text.index("Headline") < text.index("Footer")


def test_a_streamed_segment_fills_its_placeholder_inside_another():
    article = parse(STREAMED).find(".//article")
    assert [p.text for p in article.iter("p")] == ["First paragraph.", "Second paragraph."]
    assert not article.xpath(".//template | //div[@hidden]")


def test_text_after_a_placeholder_stays_where_it_was():
    root = parse('<p>Before <template id="P:2"></template> after.</p><div hidden id="S:2"><b>middle</b></div>')
    assert " ".join(root.find(".//p").text_content().split()) == "Before middle after."


def test_a_boundary_without_its_comments_keeps_what_follows():
    """A page saved without comments (wcxb-dev 4053): the segment goes in, nothing else is lost."""
    root = parse('<main><template id="B:0"></template><p>Kept</p></main><div hidden id="S:0"><p>Streamed</p></div>')
    assert [p.text for p in root.iter("p")] == ["Streamed", "Kept"]


@pytest.mark.parametrize(
    "markup",
    [
        '<div hidden id="S:0"><p>No place for it</p></div>',  # no template: stays hidden
        '<div hidden id="S:0"><template id="P:0"></template><p>Inside itself</p></div>',
        '<div id="S:0"><p>Not hidden: not a segment</p></div><template id="P:0"></template>',
    ],
)
def test_what_is_not_reacts_protocol_is_left_alone(markup):
    root = parse(markup)
    assert root.find(".//p").getparent().get("id") == "S:0"
    assert not list(root.iter(etree.Comment))


@pytest.mark.parametrize(
    ("markup", "headings"),
    [
        # wcxb-dev 0330: the theme prints its date line in an <h3> inside the <h1>.
        (
            '<h1>Top Strategies<div class="divider"></div> <h3>Posted on <time>July 1</time> by infuy</h3></h1><p>A</p>',
            [("h1", "Top Strategies"), ("h3", "Posted on July 1 by infuy")],
        ),
        # Each heading started in another ends it, and stray end tags change nothing.
        ("<div><h1>A<h2>B<h3>C</h3>D</h2>E</h1>F</div>", [("h1", "A"), ("h2", "B"), ("h3", "C")]),
        # A heading deeper inside (in a link, a span) is nested as browsers nest it.
        ('<h1><a href="/x"><h2>Linked</h2></a></h1>', [("h1", "Linked"), ("h2", "Linked")]),
    ],
)
def test_a_heading_started_in_a_heading_ends_it_as_browsers_do(markup, headings):
    root = parse(markup)
    found = [(h.tag, " ".join(h.text_content().split())) for h in root.iter("h1", "h2", "h3")]
    assert found == headings


def test_text_after_a_heading_closed_early_keeps_its_place():
    root = parse("<div><h1>Title<h3>Date</h3> by Lena</h1> then the text</div>")
    assert list(root.find(".//div").itertext()) == ["Title", "Date", " by Lena then the text"]
    assert root.find(".//h1").text_content() == "Title"
