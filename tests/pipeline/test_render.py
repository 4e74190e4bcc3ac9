"""render: text in blocks, counts, and Markdown."""

from __future__ import annotations

import lxml.html
import pytest

from server.pipeline.render import reading_minutes, render, to_markdown, to_text, word_count


def text_of_html(markup: str) -> str:
    return to_text(lxml.html.fragment_fromstring(markup, create_parent="div"))


def test_blocks_are_separated_by_one_blank_line():
    assert (
        text_of_html("<p>end.</p><p>Next</p><h2>Head</h2><ul><li>one</li><li>two</li></ul>")
        == "end.\n\nNext\n\nHead\n\none\n\ntwo"
    )


def test_inline_markup_does_not_break_words_or_lines():
    assert text_of_html("<p>a <b>bold</b> and <a href='#'>linked</a>\n   word</p>") == "a bold and linked word"


def test_line_breaks_stay_inside_their_block():
    assert text_of_html("<p>line one<br>line two</p><p>next</p>") == "line one\nline two\n\nnext"


def test_preformatted_text_keeps_its_whitespace():
    assert text_of_html("<p>Run:</p><pre>  if x:\n      y()</pre>") == "Run:\n\n  if x:\n      y()"


def test_a_line_break_in_code_is_a_new_line_of_code():
    """wcxb-dev 0382: a blog editor's code block, lines ended by <br> ("python3import subprocess"
    when read as text); react.dev's, whose lines preclean ends so (0674)."""
    markup = "<pre>#!/usr/bin/env python3<br><br>import os<br><span>def <b>f</b>():<br>  pass</span></pre>"
    assert text_of_html(markup) == "#!/usr/bin/env python3\n\nimport os\ndef f():\n  pass"


def test_a_line_break_in_code_is_a_line_of_the_code_in_markdown():
    markdown = to_markdown("<p>Run:</p><pre>import os<br>os.getcwd()</pre><p>Line one<br>line two</p>")
    assert "```\nimport os\nos.getcwd()\n```" in markdown and "Line one  \nline two" in markdown


def test_captions_are_not_prose():
    markup = "<p>Text.</p><figure><img src='a.jpg'><figcaption>A caption. | Photo: AP</figcaption></figure><p>More.</p>"
    assert text_of_html(markup) == "Text.\n\nMore."


def test_table_rows_are_blocks_with_cells_separated_by_tabs():
    assert (
        text_of_html("<table><tr><th>City</th><th>Trains</th></tr><tr><td>Paris</td><td>3</td></tr></table>")
        == "City\tTrains\n\nParis\t3"
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [("The valley's 2,140 nests — counted.", 5), ("東京は大きい", 6), ("", 0), ("Привет, мир", 2)],
)
def test_word_count(text, words):
    assert word_count(text) == words


def test_reading_minutes_round_and_never_zero_for_text():
    assert reading_minutes("word " * 230, 230) == 1
    assert reading_minutes("word " * 700, 230) == 3
    assert reading_minutes("word", 230) == 1
    assert reading_minutes("", 230) == 0
    assert reading_minutes("字" * 920, 230) == 2  # CJK read twice as fast


def test_render_gives_counts_and_the_first_paragraph():
    rendered = render("<div><h2>Head</h2><p>First paragraph here.</p><p>Second.</p></div>", 230)
    assert rendered.text == "Head\n\nFirst paragraph here.\n\nSecond."
    assert rendered.word_count == 5
    assert rendered.first_paragraph == "First paragraph here."


def test_markdown_has_the_title_headings_lists_links_and_images():
    html = '<div><h2>Part</h2><p>See <a href="https://x.example/">this</a>.</p><ul><li>one</li></ul><img src="https://x.example/a.jpg" alt="A"></div>'
    markdown = to_markdown(html, "The Title")
    assert markdown.startswith("# The Title\n\n## Part\n\n")
    assert "See [this](https://x.example/)." in markdown
    assert "- one" in markdown
    assert "![A](https://x.example/a.jpg)" in markdown
