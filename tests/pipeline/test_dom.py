"""The tree helpers every stage shares."""

from __future__ import annotations

import lxml.html
import pytest

from server.pipeline.dom import card_lists, is_outline_section, lines_of, repeated_blocks, words_in


def test_lines_are_where_the_browser_breaks_them():
    """Blocks and <br> start lines; inline elements stay in theirs; blank lines are left out."""
    box = lxml.html.fromstring(
        "<div>By <a>Lena <b>Park</b></a><br>Rail <i>Weekly</i><p>May 2</p><small>3 min read</small>"
        "<div> </div><ul><li>one</li><li>two</li></ul></div>"
    )
    assert lines_of(box) == ["By Lena Park", "Rail Weekly", "May 2", "3 min read", "one", "two"]


# wcxb-dev 0355, a Framer site: the article once per screen size, CSS showing one copy at a time.
COSMETIC = (
    "<strong>Cosmetic Updates:</strong> These projects include painting, flooring, and minor repairs or updates"
    " to existing features."
)
COMPREHENSIVE = (
    "<strong>Comprehensive Renovations:</strong> These involve major structural changes, such as removing walls,"
    " adding rooms, or reconfiguring layouts."
)
LABOR = "<strong>Labor Costs:</strong> Skilled labor in California is expensive, often making up a large share of the budget."
ARTICLE = f"<h2>Average Remodeling Costs</h2><p>{COSMETIC}</p><p>{COMPREHENSIVE}</p><ul><li>Permits and fees</li></ul><p>{LABOR}</p>"


def texts(blocks: list) -> list[str]:
    return [" ".join(block.text_content().split())[:20] for block in blocks]


def test_the_copy_of_an_article_kept_for_another_screen_size_is_found():
    page = lxml.html.fromstring(
        f"<div><div>{ARTICLE}</div><div>{ARTICLE}</div><p>Contact us for a quote today.</p></div>"
    )
    assert texts(repeated_blocks(page)) == [
        "Average Remodeling C",
        "Cosmetic Updates: Th",
        "Comprehensive Renova",
        "Permits and fees",
        "Labor Costs: Skilled",
    ]


def test_a_paragraph_said_again_is_no_copy_of_the_page():
    # A refrain (Readability's own test pages repeat one paragraph), a product line's description
    # under each product, a post quoted in its reply: each is shown, and stays.
    refrain = f"<p>{LABOR}</p>" * 4
    products = "".join(f"<h3>M{n} Monitor Arm</h3><p>{COSMETIC}</p><p>Starting at ${n}99</p>" for n in range(4))
    quoted = f"<div>{ARTICLE}</div><div><blockquote>{ARTICLE}</blockquote><p>Agreed.</p></div>"
    for body in (refrain, products, quoted):
        assert repeated_blocks(lxml.html.fromstring(f"<div>{body}</div>")) == []


def test_a_section_named_after_its_heading_in_a_documents_outline():
    doc = lxml.html.fromstring(
        '<section id="guide"><h1>Guide</h1><section id="respond-to-review-comments">'
        "<h2>Respond to review comments</h2><p>Text.</p></section>"
        '<section id="comments"><h2>Reader questions</h2><p>Text.</p></section></section>'
    )
    named, other = doc.findall("section")
    assert is_outline_section(named)
    assert not is_outline_section(other)  # its id is not its heading's words
    # Outside a document's outline an id is a role, whatever the heading says.
    blog = lxml.html.fromstring('<div><section id="comments"><h2>Comments</h2><p>Hi.</p></section></div>')
    assert not is_outline_section(blog.find("section"))


def test_a_documentation_tools_prefix_on_a_sections_id_is_not_a_word_of_it():
    """Django writes "s-" before each section's id (wcxb-dev 2871: its "Extra fields on
    many-to-many relationships" was dropped as "extra" furniture); the rest is the heading's words."""
    doc = lxml.html.fromstring(
        '<section id="s-relationships"><h2>Relationships</h2><section id="s-extra-fields-on-many-to-many">'
        "<h3>Extra fields on many-to-many relationships</h3><p>Text.</p></section>"
        '<section id="s-widgets"><h3>Widgets</h3><p>Text.</p></section>'
        '<section id="s-extra"><h3>Reader questions</h3><p>Text.</p></section></section>'
    )
    django, widgets, other = doc.findall("section")
    assert is_outline_section(django)
    # One word after the prefix (wcxb-dev 2999: "s-widgets" over "Widgets", dropped as a sidebar's).
    assert is_outline_section(widgets)
    assert not is_outline_section(other)  # the id's words are not the heading's
    # One word after a letter the outline does not carry: a blog's comments box (found in review).
    blog = lxml.html.fromstring(
        '<section id="the-river"><h1>The river</h1><section id="c-comments"><h2>Comments</h2><p>Hi.</p></section></section>'
    )
    assert not is_outline_section(blog.find("section"))


def test_a_section_its_headings_permalink_goes_to_is_in_the_outline():
    """Sphinx names a module's section after the module ("module-json.tool", wcxb-dev 2994) and
    its heading's permalink goes there: a place in the outline, not a "tool" box."""
    doc = lxml.html.fromstring(
        '<section id="module-json"><h1>json</h1>'
        '<section id="module-json.tool"><h2>Command-line interface<a href="#module-json.tool">¶</a></h2>'
        "<p>Text.</p></section>"
        '<section id="module-json.x"><h2>Command-line interface<a href="#cli">¶</a></h2><p>Text.</p></section></section>'
    )
    module, elsewhere = doc.findall("section")
    assert is_outline_section(module)
    assert not is_outline_section(elsewhere)  # its permalink goes to another place
    # Found in reviews: a heading's words linking to their own section are no permalink mark
    # (a comment section's "Join the conversation (2)"), nor is a bare "#" or an empty link
    # (blogs put one on every heading); a section whose id is no address under its parent's is
    # no place in its outline ("related", or "the-riverside", in "the-river").
    for section in (
        '<section id="the-river-comments"><h2><a href="#the-river-comments">Join the conversation</a> (2)</h2>',
        '<section id="the-river-comments"><h2>Join the conversation<a href="#the-river-comments">#</a></h2>',
        '<section id="the-river-comments"><h2>Comments<a href="#the-river-comments"></a></h2>',
        '<section id="related"><h2>You might also like<a href="#related">¶</a></h2>',
        '<section id="the-riverside"><h2>Reader comments<a href="#the-riverside">¶</a></h2>',
    ):
        blog = lxml.html.fromstring(
            f'<section id="the-river"><h1>The river</h1>{section}<p>Hi.</p></section></section>'
        )
        assert not is_outline_section(blog.find("section"))


def test_card_lists_are_children_holding_one_link_heading_each():
    card = '<div class="card"><h3><a href="/story-{0}">Story {0}</a></h3><p>A line.</p></div>'
    cards = "".join(card.format(n) for n in range(3))
    aside = '<div class="note"><h3>Not a link</h3></div>'
    two = "".join(card.format(n) for n in range(3, 5))
    root = lxml.html.fromstring(
        f'<div><section id="feed">{cards}{aside}</section><section id="pair">{two}</section></div>'
    )
    lists = card_lists(root, 3)
    assert [container.get("id") for container in lists] == ["feed"]
    assert [child.find("h3").text_content() for child in lists[root.get_element_by_id("feed")]] == [
        "Story 0",
        "Story 1",
        "Story 2",
    ]
    assert {container.get("id") for container in card_lists(root, 2)} == {"feed", "pair"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The salmon came back to the valley.", 7),
        # qq: "DeepMind", "DNC", "AI" and ten Chinese characters, two to a word; the comma is none
        ("DeepMind表示，这款名为DNC的AI模型", 8),
        ("トレンドマイクロ、公衆無線LAN", 7),  # yahoo-4: kana and kanji alike, "LAN" one
        ("「人工智能」、「机器学习」。", 4),  # full-width punctuation is no word
        ("𠮷𠮷𠮷𠮷", 2),  # ideographs beyond the basic plane count as the others do
        ("テレビ・ラジオ", 3),  # the middle dot is punctuation
        ("人々", 1),  # the repeat mark is a character of the word
        ("백만 명의 독자", 3),  # Korean is written with spaces
        ("", 0),
    ],
)
def test_words_are_what_spaces_separate_and_two_chinese_or_japanese_characters(text, words):
    assert words_in(text) == words
