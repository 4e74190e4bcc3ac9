"""Any page a browser parses gets an answer: the article (200) or a sentence of ours (422), never
a crash and never the parser's own words, within the extraction deadline.

Every page of both shared corpora goes through the pipeline as it is and in four broken shapes a
reader meets on the open web: cut off at a quarter, half and three quarters of its bytes (a page
still loading), its ``<body>`` emptied (a server-rendered shell whose scripts build the page), and
its ``<head>`` removed. The default run takes a sample; ``-m corpus`` (CI) takes every page.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest
from readability import Document

from server.deadline import time_limit
from server.errors import ClearpageError, NotReadable, PageTooComplex
from server.pipeline import extract
from tests.corpus import corpus_page, corpus_page_names, wcxb_page, wcxb_page_ids

DEADLINE_SECONDS = 10  # EXTRACT_TIME_LIMIT_SECONDS's default
_BODY = re.compile(rb"(<body\b[^>]*>).*?(</body\s*>|$)", re.IGNORECASE | re.DOTALL)
_HEAD = re.compile(rb"<head\b[^>]*>.*?</head\s*>", re.IGNORECASE | re.DOTALL)


def shapes(page: bytes) -> Iterator[tuple[str, bytes]]:
    """The page, and the broken shapes of it the pipeline must also answer."""
    yield "whole", page
    for share in (0.25, 0.5, 0.75):
        yield f"cut at {share:.0%}", page[: int(len(page) * share)]
    yield "body emptied", _BODY.sub(lambda found: found.group(1) + found.group(2), page, count=1)
    yield "head removed", _HEAD.sub(b"", page, count=1)


# What libxml2, lxml and readability-lxml say when they fail; a reader must never see it.
_LIBRARY_WORDS = ("Document is empty", "encoding declaration", "lxml", "libxml", "Unparseable", "too many bodies")


def in_our_words(detail: str) -> bool:
    return detail.endswith(".") and not any(words in detail for words in _LIBRARY_WORDS)


def load(name: str) -> tuple[bytes, str | None]:
    corpus, page_id = name.split(":", 1)
    page = wcxb_page(page_id) if corpus == "wcxb" else corpus_page(page_id)
    return page.source, page.url


def answer_every_shape(name: str) -> list[str]:
    """Run every shape of one page; return what went wrong, one line each (nothing: all is well)."""
    source, url = load(name)
    wrong = []
    for shape, page in shapes(source):
        started = time.monotonic()
        try:
            with time_limit(DEADLINE_SECONDS):
                extract(page, url=url)
        except PageTooComplex:
            wrong.append(f"{name} ({shape}): over the {DEADLINE_SECONDS} s deadline")
        except NotReadable as error:
            if not in_our_words(error.detail):
                wrong.append(f"{name} ({shape}): 422 not in our words: {error.detail}")
        except ClearpageError as error:
            wrong.append(f"{name} ({shape}): {error.status} {error.detail}")
        except Exception as error:  # any other exception is the 500 this test exists to catch
            wrong.append(f"{name} ({shape}): crashed with {type(error).__name__}: {str(error)[:200]}")
        if time.monotonic() - started > DEADLINE_SECONDS:
            wrong.append(f"{name} ({shape}): took {time.monotonic() - started:.1f} s")
    return wrong


def every_page() -> list[str]:
    return [f"rtp:{name}" for name in corpus_page_names()] + [f"wcxb:{page_id}" for page_id in wcxb_page_ids()]


SAMPLE = ["rtp:nytimes-1", "rtp:wikipedia", "rtp:qq", "wcxb:0001", "wcxb:0501", "wcxb:0564", "wcxb:4043", "wcxb:4897"]


@pytest.mark.parametrize("name", SAMPLE)
def test_a_sample_page_in_every_shape_gets_an_answer(name):
    assert answer_every_shape(name) == []


@pytest.mark.corpus
def test_every_page_of_both_corpora_in_every_shape_gets_an_answer_in_time():
    names = every_page()
    with ProcessPoolExecutor(max_workers=2) as pool:  # the deadline's alarm runs in each worker's main thread
        wrong = [line for lines in pool.map(answer_every_shape, names, chunksize=8) for line in lines]
    assert len(names) > 1500
    assert wrong == []


SHELL = (
    b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Loading | The Gazette</title>"
    b"<meta property='og:title' content='Council funds the bridge'><script src='/app.js'></script>"
    b"</head><body class='app' data-page='article'></body></html>"
)
XHTML = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
    b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">'
    b"<head><title>Night trains</title></head><body><p>"
    + b"Sleeper services between Paris and Berlin resumed this week, ten years after the last one ran. " * 3
    + b"</p></body></html>"
)


@pytest.mark.parametrize(
    ("page", "status"),
    [
        (XHTML, 200),
        (XHTML.decode(), 200),  # the JSON API hands the page over as text, declaration and all
        (b"Just text, no markup: a note someone saved as a page, and it reads fine as it is.", 200),
        (SHELL, 422),
        (b"<html><head><title>Only a head</title></head></html>", 422),
        (b"<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>", 422),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><circle r='4'/></svg>", 422),
        (b"<!-- a comment and nothing else -->", 422),
    ],
    ids=["xhtml", "xhtml as text", "text only", "empty body", "head only", "frameset", "svg only", "comment only"],
)
def test_shapes_a_browser_parses_get_an_answer_in_our_words(client, page, status):
    body = {"html": page if isinstance(page, str) else page.decode("utf-8")}
    response = client.post("/v1/extract", json=body)
    assert response.status_code == status, response.get_json()
    if status == 422:
        detail = response.get_json()["detail"]
        assert response.mimetype == "application/problem+json"
        assert in_our_words(detail)


@pytest.mark.parametrize(
    "raising",
    [lambda: AssertionError("too many bodies"), lambda: RecursionError(), lambda: ValueError("bad")],
    ids=["AssertionError", "RecursionError", "ValueError"],
)
def test_whatever_readability_raises_becomes_a_422(client, monkeypatch, raising: Callable[[], Exception]):
    """The 500 from issue 11: an empty-bodied page made readability-lxml fail an assertion."""

    def summary(*args, **kwargs):
        raise raising()

    monkeypatch.setattr(Document, "summary", summary)  # the black box our adapter wraps
    response = client.post("/v1/extract", data=SHELL, content_type="text/html")
    assert response.status_code == 422
    assert response.get_json()["type"] == "urn:clearpage:problem:not-readable"
