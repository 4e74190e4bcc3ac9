"""The second engine: trafilatura reads only what the reader saw, and its answer is a ``<div>``."""

from __future__ import annotations

import copy
import itertools

import lxml.html
import pytest

from server.pipeline import extract, trafilatura_engine
from server.pipeline.decode import decode
from server.pipeline.metadata import page_types
from server.pipeline.parse import parse
from server.pipeline.preclean import preclean
from server.pipeline.trafilatura_engine import trafilatura_article
from tests.corpus import load_wcxb_scorer, wcxb_page

TEASER = "The council met on Tuesday to discuss the bridge, which has been closed since the spring floods."
WITHHELD = "The engineers' report, seen only by subscribers, says the bridge cannot be repaired this year."


def shown_of(markup: str):
    return copy.deepcopy(preclean(parse(markup)).shown)


def test_it_never_reads_the_json_ld_article_body():
    """trafilatura falls back to JSON-LD articleBody when a page has little text: on a paywalled
    page that is the text the gate withholds. The scripts go before it reads."""
    page = f"""<html><head><script type="application/ld+json">
        {{"@type": "NewsArticle", "headline": "Bridge", "articleBody": "{TEASER} {WITHHELD}"}}
        </script></head><body><article><h1>Bridge</h1><p>{TEASER}</p></article>
        <script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "{WITHHELD}"}}</script>
        </body></html>"""
    article = trafilatura_article(shown_of(page))
    text = article.text_content() if article is not None else ""
    assert "subscribers" not in text


def test_it_never_reads_what_the_page_hid():
    page = f"""<html><body><article><h1>Bridge</h1><p>{TEASER}</p><p>{TEASER}</p>
        <div style="display: none"><p>{WITHHELD}</p></div><div hidden><p>{WITHHELD}</p></div></article></body></html>"""
    article = trafilatura_article(shown_of(page))
    assert article is not None and "council" in article.text_content()
    assert "subscribers" not in article.text_content()


def test_a_page_without_text_gets_no_opinion():
    assert trafilatura_article(shown_of("<html><body><div><img src='/logo.png'></div></body></html>")) is None


def test_its_answer_is_a_div_of_blocks():
    paragraphs = "".join(f"<p>{TEASER} Paragraph {n} adds its own sentence to the story.</p>" for n in range(6))
    article = trafilatura_article(shown_of(f"<html><body><main><h2>Section</h2>{paragraphs}</main></body></html>"))
    assert article is not None
    assert article.tag == "div" and not article.attrib
    assert [child.tag for child in article].count("p") == 6


def test_a_page_larger_than_any_real_page_is_left_to_readability():
    paragraphs = "".join(f"<p>{TEASER}</p>" for _ in range(10)) + "<span></span>" * 60_000
    assert trafilatura_article(shown_of(f"<html><body><main>{paragraphs}</main></body></html>")) is None


def test_a_page_that_declares_itself_a_thread_keeps_its_replies():
    """wcxb-dev 0559 (Vanilla Forums) says it is a DiscussionForumPosting in JSON-LD; told so,
    trafilatura keeps the replies, which it otherwise sets aside as comments (recall 0.50)."""
    page = wcxb_page("0559")
    root = parse(decode(page.source, None))
    assert "DiscussionForumPosting" in page_types(root)
    article = trafilatura_article(copy.deepcopy(preclean(root).shown))
    precision, recall, _ = load_wcxb_scorer().word_scores(article.text_content(), page.truth["main_content"])
    assert recall >= 0.95 and precision >= 0.9


def test_page_types_come_from_json_ld_and_microdata():
    root = parse(
        '<html><head><script type="application/ld+json">{"@graph": [{"@type": ["QAPage", "WebPage"]}]}</script>'
        '</head><body><div itemscope itemtype="https://schema.org/DiscussionForumPosting http://schema.org/Comment/">'
        "<p>Text</p></div></body></html>"
    )
    assert page_types(root) == {"QAPage", "WebPage", "DiscussionForumPosting", "Comment"}


def test_only_the_types_reach_trafilatura_never_the_text():
    page = f"""<html><head><script type="application/ld+json">
        {{"@type": "DiscussionForumPosting", "text": "{WITHHELD}", "articleBody": "{WITHHELD}"}}
        </script></head><body><article><h1>Bridge</h1><p>{TEASER}</p></article></body></html>"""
    article = trafilatura_article(shown_of(page))
    assert article is not None and "council" in article.text_content()
    assert "subscribers" not in article.text_content()


def test_its_links_come_back_where_the_page_linked_their_text():
    """It reads the page with links stripped; each link whose text links to one address is given back."""
    paragraphs = "".join(f"<p>{TEASER} Paragraph {n} adds its own sentence.</p>" for n in range(4))
    linked = (
        "<p>The report is on <a href='https://council.example/report'>the council's site</a>; read it "
        "<a href='/one'>here</a> or <a href='/two'>here</a>, and see <a href='/bridges'>"
        "<span>Bridges</span> <span>of the county</span></a>.</p>"
    )
    article = trafilatura_article(shown_of(f"<html><body><main>{paragraphs}{linked}</main></body></html>"))
    links = {" ".join(a.text_content().split()): a.get("href") for a in article.iter("a")}
    assert links["the council's site"] == "https://council.example/report"
    assert "here" not in links  # "here" linked to two addresses: which one is not known
    assert links.get("Bridges") == "/bridges" or links.get("Bridges of the county") == "/bridges"
    assert "read it here or here" in " ".join(article.text_content().split())


def test_a_thread_whose_posts_hold_links_keeps_its_posts():
    """wcxb-dev 4087 (Rick Steves' travel forum): with links kept while it read, trafilatura's
    link-density filters dropped most replies (recall 0.24); read without them it keeps the thread."""
    page = wcxb_page("4087")
    article = trafilatura_article(copy.deepcopy(preclean(parse(decode(page.source, None))).shown))
    precision, recall, _ = load_wcxb_scorer().word_scores(article.text_content(), page.truth["main_content"])
    assert recall >= 0.95 and precision >= 0.9
    assert article.find(".//a[@href]") is not None


def test_a_q_and_a_thread_keeps_replies_its_answers_are_not_marked_as():
    """wcxb-dev 2201 (Wall Street Oasis) is a QAPage whose replies sit in comment containers:
    trafilatura set them aside as comments (recall 0.21), and its HTML leaves those out."""
    page = wcxb_page("2201")
    article = trafilatura_article(copy.deepcopy(preclean(parse(decode(page.source, None))).shown))
    precision, recall, _ = load_wcxb_scorer().word_scores(article.text_content(), page.truth["main_content"])
    assert recall >= 0.9 and precision >= 0.95


def test_a_q_and_a_page_that_marks_its_answers_leaves_the_comments_on_them_out():
    """wcxb-dev 1177 (Stack Exchange) marks each answer (itemtype Answer): the answers are read
    where they are, and the comments under them stay comments (read as posts: precision 0.29)."""
    page = wcxb_page("1177")
    article = trafilatura_article(copy.deepcopy(preclean(parse(decode(page.source, None))).shown))
    precision, recall, _ = load_wcxb_scorer().word_scores(article.text_content(), page.truth["main_content"])
    assert recall >= 0.95 and precision >= 0.45


def test_code_stays_as_the_page_set_it():
    """trafilatura writes every ``<code>`` as a ``<pre>``, a code block as a ``<pre>`` in a
    ``<pre>`` and a ``<pre>`` alone as a quote; read as HTML, a paragraph ended at the first word
    of code (wcxb-dev 2876: "Install" / "tailwindcss" / "and" each a paragraph of its own)."""
    page = f"""<html><body><article><h1>Install</h1><p>{TEASER}</p>
        <p>Install <code>tailwindcss</code> and <code>@tailwindcss/vite</code> via npm, then build the site.</p>
        <pre><code>npm run dev\nnpm run build</code></pre>
        <ul><li>Run <code>make</code> first, in the project's folder</li><li>Then <code>make install</code></li></ul>
        <p>{TEASER}</p><pre>&gt;&gt;&gt; factorial(10)
3628800</pre>
        <p>{TEASER}</p></article></body></html>"""
    article = trafilatura_article(shown_of(page))
    assert article is not None
    sentence = next(p for p in article.iter("p") if p.text_content().startswith("Install"))
    assert sentence.text_content() == "Install tailwindcss and @tailwindcss/vite via npm, then build the site."
    assert [code.text for code in sentence.iter("code")] == ["tailwindcss", "@tailwindcss/vite"]
    blocks = article.findall(".//pre")
    # A <pre> holding no <code> trafilatura writes as a quote (wcxb-dev 0666: Python's docs).
    assert [pre.text_content() for pre in blocks] == ["npm run dev\nnpm run build", ">>> factorial(10)\n3628800"]
    assert article.find(".//blockquote") is None
    assert [li.find("code").text for li in article.iter("li")] == ["make", "make install"]


def test_a_short_code_block_and_a_short_quote_stay_what_they_are():
    """Found in review: a one-line code block in a list item is no inline code, and a quote is
    code only when a code block of more than one line has its words ("Yes." is both here)."""
    page = f"""<html><body><article><h1>Install</h1><p>{TEASER}</p>
        <ul><li>Install it:<pre><code>pip install foo</code></pre></li><li>Then run <code>make</code> in its folder</li></ul>
        <p>{TEASER}</p><blockquote>Yes.</blockquote><pre>Yes.</pre><p>{TEASER}</p></article></body></html>"""
    article = trafilatura_article(shown_of(page))
    assert article is not None
    first, second = article.iter("li")
    assert first.find("pre") is not None and first.find("pre").text_content() == "pip install foo"
    assert second.find("code") is not None
    assert article.find(".//blockquote") is not None


def test_text_it_leaves_between_blocks_is_a_paragraph_of_its_own():
    """wcxb-dev 4854: a button after a heading came out as loose text ("<h4>...</h4>Read More<h2>"),
    part of no block, where the phrase rules, which read blocks and lines, never saw it."""
    blurb = (
        "For more than 40 years we have offered a vast selection of unique handmade gifts, where you "
        "will surely find something for everyone on your list."
    )
    page = f"""<html><body><div class="content">
        <div class="col"><h2>Welcome to our gallery</h2><h4><span>{blurb}</span></h4>
        <a class="button" href="/about">Read More</a></div>
        <div class="col"><h2>An incredible selection of art</h2><p>{blurb}</p>
        <a class="button" href="/shop">Shop now</a></div></div></body></html>"""
    article = trafilatura_article(shown_of(page))
    assert article is not None
    for words in ("Read More", "Shop now"):
        (line,) = [p for p in article.iter("p") if " ".join(p.text_content().split()) == words]
        assert line.getparent() is article
    assert all(not (child.tail or "").strip() for child in article) and not (article.text or "").strip()


def test_section_headings_it_drops_come_back_before_their_sections():
    """wcxb-dev 2876 (Tailwind's install guide): on the whole page trafilatura falls back to a
    reading without headings, and each step's title was lost; a heading comes back before the
    first block of its section when that block was kept with no heading before it."""
    page = wcxb_page("2876")
    article = trafilatura_article(copy.deepcopy(preclean(parse(decode(page.source)), page.url).shown))
    assert article is not None
    for title, opening in (
        ("Create your project", "Start by creating a new Vite project"),
        ("Install Tailwind CSS", "Install tailwindcss and @tailwindcss/vite"),
    ):
        (heading,) = [h for h in article.iter("h4") if h.text_content() == title]
        assert heading.getnext().text_content().startswith(opening)
    headings = [h.text_content() for h in article.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert len(headings) == len(set(headings))  # none twice


MUSEUM_INTRO = '<div class="entry-content"><p>Opening times and prices for the museum.</p><p>Updated weekly.</p></div>'


def museum(sections: str, before: str = "") -> str:
    """A page whose headings trafilatura drops, as a helper's review built it."""
    return f"<html><body><main>{before}<h1>Visit</h1>{MUSEUM_INTRO}{sections}</main></body></html>"


def day(heading: str, *paragraphs: str) -> str:
    return f"<div class='day'><h3>{heading}</h3><div>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div></div>"


OPEN = "Open from nine until five, with guided tours at eleven."
LATE = "Open from ten until six, with late opening on the first Tuesday of the month."


@pytest.mark.parametrize(
    ("page", "absent"),
    [
        # trafilatura kept the heading's words as a paragraph: not a second time as a heading
        (museum(day("<div><p>Monday</p></div>", OPEN) + day("<div><p>Tuesday</p></div>", LATE)), None),
        # buttons and an icon's title beside a heading are no words of it
        (
            museum(
                day("Monday <button>Copy link</button>", OPEN)
                + day("Tuesday <svg><title>Link icon</title></svg>", LATE)
            ),
            "Copy link",
        ),
        (museum(day("Monday <select><option>English</option><option>Deutsch</option></select>", OPEN)), "Deutsch"),
        # a heading only screen readers get
        (
            museum(
                day("<span>Monday</span>", OPEN)
                + "<h2 class='sr-only'>Service value proposition</h2><p>"
                + LATE
                + "</p>"
            ),
            "Service value",
        ),
    ],
)
def test_headings_come_back_once_with_their_own_words_and_only_those_the_page_shows(page, absent):
    """Found in review: restored headings repeated a paragraph, carried buttons' and icons' words,
    and showed what only screen readers get."""
    text = extract(page, url="https://museum.example/visit").text
    lines = [line for line in text.splitlines() if line.strip()]
    assert all(a != b for a, b in itertools.pairwise(lines))  # no line twice in a row
    assert lines.count("Monday") <= 1
    assert absent is None or absent not in text


def test_a_heading_goes_back_only_before_its_own_sections_opening():
    """Found in review: a heading whose section opens with a line another section has too went
    before the first of them, in the wrong section; a kicker above the headline and a heading
    over a value in a box of its own went over the next paragraph."""
    tours = "Guided tours at eleven, and again at three on weekends."
    page = museum(
        day("Monday", OPEN, tours, "The cafe is closed all day on Mondays, and the shop closes early.")
        + day("Tuesday", tours, LATE)
        + "<div class='info'><h3>Prices</h3><div class='value'>12 euros, children free</div></div>"
        + "<div class='note'><p>The museum was founded in 1901 by the town's rowing club.</p></div>",
        before="<div class='hero'><h4>Plan your visit</h4></div>",
    )
    text = extract(page, url="https://museum.example/visit").text
    assert "Tuesday\n\nGuided tours" not in text
    assert "Plan your visit\n\nOpening times" not in text
    assert "Prices\n\nThe museum was founded" not in text


def test_loose_text_after_an_empty_element_is_a_paragraph_too():
    """Found in review: a run's words can be a tail ("<br/>Read more")."""
    article = lxml.html.fromstring("<div><h4>Title</h4><br/>Read more<h2>Next</h2></div>")
    trafilatura_engine._loose_text_as_paragraphs(article)
    assert [child.tag for child in article] == ["h4", "p", "h2"]
    assert article[1].text_content() == "Read more"
