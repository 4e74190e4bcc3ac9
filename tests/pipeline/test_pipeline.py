"""The whole pipeline over real pages from ../shared/corpora/readability-test-pages.

The default run takes a sample; ``-m corpus`` (which scripts/test and CI run) takes every page
and holds the corpus-wide scores to pinned floors. A floor only moves up: lowering one needs a
reason in docs/benchmarks.md.
"""

from __future__ import annotations

import json
import statistics

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.errors import ClearpageError, NotReadable
from server.pipeline import extract
from server.pipeline.decode import decode
from server.pipeline.parse import parse
from tests.conftest import FIXTURES
from tests.corpus import corpus_page, corpus_page_names, load_scorer
from tests.html_safety import executable_constructs

SAMPLE = ["nytimes-1", "guardian-1", "wikipedia", "medium-1", "bbc-1", "lemonde-1", "rtl-1", "ars-1",
          "herald-sun-1", "qq", "replace-brs", "lazy-image-1"]  # fmt: skip
# Floors for the whole corpus (measured values are in docs/benchmarks.md).
# 0.973 since trafilatura reads without link addresses (trafilatura_engine): yahoo-3 0.99 -> 0.46,
# a video playlist's summaries kept after the story; on 1,476 real pages it gained (docs/benchmarks.md).
MEAN_F1_FLOOR = 0.973
PAGE_F1_FLOOR = 0.80  # in the sample: every page, not just the mean
# Where the corpus (Readability.js's output) shows a page as an article and Clearpage says why not.
# None since issue 12: the section front nytimes-5, once refused as a list of articles, now gets
# the second engine's reading of it, as Readability.js shows its story cards.
JUSTIFIED_422: dict[str, str] = {}


def score(name: str) -> tuple[float, dict]:
    page = corpus_page(name)
    scorer = load_scorer()
    article = extract(page.source, url=page.url).as_dict()
    expected_text = scorer.html_to_text(page.expected_html)
    return scorer.score_text(article["text"], expected_text).f1, article


@pytest.mark.parametrize("name", SAMPLE)
def test_sample_page_extracts_the_article(name):
    f1, article = score(name)
    assert f1 >= PAGE_F1_FLOOR
    expected_title = corpus_page(name).expected_metadata.get("title")
    if expected_title:
        # Where Readability.js keeps the <title>'s site suffix ("Mozilla - Wikipedia") and the page
        # shows the headline alone, the visible headline wins (issue 12).
        headlines = [" ".join(h.text_content().split()) for h in parse(decode(corpus_page(name).source)).iter("h1")]
        assert article["title"] in headlines or load_scorer().compare_metadata(
            "title", article["title"], {"title": expected_title}
        ) in ("=", "~")
    assert "<script" not in article["content_html"]
    assert article["word_count"] > 0


@pytest.mark.corpus
def test_every_corpus_page_is_answered_and_the_mean_holds():
    scores, refusals = [], {}
    for name in corpus_page_names():
        try:
            f1, article = score(name)
        except NotReadable as error:
            refusals[name] = error.detail
            scores.append(0.0)  # as the scorer counts it
            continue
        assert "<script" not in article["content_html"], name
        scores.append(f1)
    assert refusals == JUSTIFIED_422  # every 422 justified, and each justified one still given
    assert statistics.fmean(scores) >= MEAN_F1_FLOOR


def test_a_reader_tool_page_comes_out_as_the_article_alone():
    """The example from the extraction issue: a news story as shown by a reader/unblock tool."""
    expected = json.loads((FIXTURES / "pages" / "reader-tool-promo.json").read_text("utf-8"))
    article = extract((FIXTURES / "pages" / "reader-tool-promo.html").read_bytes(), url="https://readfree.example/a")
    assert article.title == expected["title"]
    assert article.text == "\n\n".join(expected["paragraphs"])
    assert article.published == "2024-04-17T20:57:00+05:30"
    assert article.lead_image is not None
    assert (article.lead_image.caption, article.lead_image.credit) == (
        "Russian peacekeepers at a checkpoint on the road to Khankendi.",
        "AP",
    )
    for unwanted in expected["must_not_appear"]:
        assert unwanted not in article.text
        assert unwanted not in article.content_html
    assert {"inline teaser", "publication footer"} <= {removal.kind for removal in article.removed}


# --------------------------------------------------------------------------- fuzzing

_TAGS = ["p", "div", "article", "a", "img", "script", "table", "td", "h1", "h2", "li", "ul", "template", "frameset",
         "svg", "math", "noscript", "iframe", "form", "input", "figure", "figcaption", "pre", "br", "body", "html"]  # fmt: skip
_ATTRIBUTES = ['class="share"', 'id="comments"', "hidden", 'style="display:none"', 'data-clearpage-overlay=""',
               'href="javascript:alert(1)"', 'src="http://10.0.0.1/x.png"', 'role="dialog"', 'class="paywall"',
               'itemprop="articleBody"', 'dir="rtl"', 'lang="xx"', 'onload="x()"', ""]  # fmt: skip
_TEXTS = ["Subscribe to continue reading.", "Advertisement", "The council met on Tuesday to fund the bridge. " * 4,
          "&amp;&#0;&#x110000;&bogus;", "\x00\x01\ud800", "日本語のテキスト。", "", "<!--", "]]>", "Read more"]  # fmt: skip


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(_TAGS))
        attribute = draw(st.sampled_from(_ATTRIBUTES))
        parts.append(f"<{tag} {attribute}>{draw(st.sampled_from(_TEXTS))}")
        if draw(st.booleans()):
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
    return "".join(parts)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(pages(), st.text(max_size=500)))
def test_any_page_gives_an_article_or_a_clear_refusal(page):
    try:
        article = extract(page, url="https://news.example/a")
    except ClearpageError as error:
        refusal = error
    else:
        refusal = None
        assert executable_constructs(article.content_html) == []
        assert article.access in ("open", "partial", "restricted")
    if refusal is not None:
        assert 400 <= refusal.status < 500
        assert refusal.detail


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_clear_refusal(raw):
    refusal = None
    try:
        extract(raw)
    except ClearpageError as error:
        refusal = error
    assert refusal is None or 400 <= refusal.status < 500
