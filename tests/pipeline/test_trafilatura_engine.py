"""The second engine: trafilatura reads only what the reader saw, and its answer is a ``<div>``."""

from __future__ import annotations

import copy

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
