"""POST /v1/extract: the contract other tools and the extension rely on, field by field."""

from __future__ import annotations

import gzip
import json

import pytest

from tests.conftest import fixture_bytes

URL = "https://news.example.org/2024/04/river-returns?utm_source=feed"
ARTICLE_FIELDS = [
    "url", "canonical_url", "title", "byline", "site_name", "published", "modified", "lang", "dir",
    "excerpt", "lead_image", "content_html", "text", "word_count", "reading_minutes", "access", "notice", "removed",
    "key_points", "summary", "summary_note",
]  # fmt: skip


@pytest.fixture
def article_html() -> str:
    return fixture_bytes("article.html").decode("utf-8")


def post_json(client, body, **kwargs):
    return client.post("/v1/extract", data=json.dumps(body), content_type="application/json", **kwargs)


def test_json_request_returns_every_field_in_order(client, article_html):
    response = post_json(client, {"url": URL, "html": article_html})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert list(response.get_json()) == ARTICLE_FIELDS


def test_fields_carry_the_page_metadata(client, article_html):
    body = post_json(client, {"url": URL, "html": article_html}).get_json()
    assert body["url"] == URL
    assert body["canonical_url"] == "https://news.example.org/2024/04/river-returns"
    assert body["title"] == "How the river came back to the valley"
    assert body["byline"] == "Asha Verma"
    assert body["site_name"] == "The Riverside Gazette"
    assert body["published"] == "2024-04-17T20:57:00+05:30"
    assert body["modified"] is None
    assert body["lang"] == "en-GB"
    assert body["dir"] == "ltr"
    assert body["excerpt"] == "A decade after the dam came down, salmon are spawning upstream again."
    assert body["lead_image"]["url"] == "https://news.example.org/images/river-lead.jpg"
    assert body["access"] == "open"


def test_text_is_the_prose_in_blocks(client, article_html):
    body = post_json(client, {"url": URL, "html": article_html}).get_json()
    blocks = body["text"].split("\n\n")
    assert blocks[0].startswith("For forty years the river stopped")
    assert "What changed" in blocks
    assert "Water temperature fell by two degrees." in blocks
    assert blocks[-1].endswith("and so, slowly, are they.")
    assert "Photo Credit" not in body["text"]  # captions stay with their figure
    assert "Home" not in blocks and "© 2024" not in body["text"]  # site chrome is not the article
    assert body["word_count"] == len(body["text"].split())
    assert body["reading_minutes"] == 1


def test_content_html_is_sanitised_with_absolute_urls(client, article_html):
    html = post_json(client, {"url": URL, "html": article_html}).get_json()["content_html"]
    assert 'src="https://news.example.org/images/river-2.jpg"' in html
    assert "<figcaption>Salmon at the old weir. | Photo Credit: AP</figcaption>" in html
    assert "<script" not in html and "<style" not in html and "style=" not in html
    assert "tracker" not in html


def test_without_url_links_stay_relative(client, article_html):
    body = post_json(client, {"html": article_html}).get_json()
    assert body["url"] is None
    assert 'src="/images/river-2.jpg"' in body["content_html"]


def test_text_html_request_with_url_parameter(client, article_html):
    response = client.post(
        "/v1/extract", query_string={"url": URL}, data=article_html.encode("utf-8"), content_type="text/html"
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["url"] == URL
    assert body["title"] == "How the river came back to the valley"


def test_text_html_charset_comes_from_the_content_type(client):
    page = "<html><body><article><p>Ça coûte très cher, dit-elle, à Noël.</p></article></body></html>"
    response = client.post("/v1/extract", data=page.encode("cp1252"), content_type="text/html; charset=windows-1252")
    assert response.get_json()["text"] == "Ça coûte très cher, dit-elle, à Noël."


def test_text_html_charset_comes_from_the_document(client):
    page = '<html><head><meta charset="koi8-r"></head><body><p>Привет, мир! Это статья.</p></body></html>'
    response = client.post("/v1/extract", data=page.encode("koi8-r"), content_type="text/html")
    assert response.get_json()["text"] == "Привет, мир! Это статья."


def test_gzip_request_body(client, article_html):
    body = gzip.compress(json.dumps({"url": URL, "html": article_html}).encode("utf-8"))
    response = client.post(
        "/v1/extract", data=body, content_type="application/json", headers={"Content-Encoding": "gzip"}
    )
    assert response.status_code == 200
    assert response.get_json()["title"] == "How the river came back to the valley"


def test_removed_lists_what_the_cleaner_took(client):
    page = (
        "<html><body><div id='onetrust-consent-sdk'><p>We value your privacy. Accept all cookies?</p></div>"
        "<article><p>" + "The council met on Tuesday to discuss the new bridge, and agreed to fund it. " * 5 + "</p>"
        "</article></body></html>"
    )
    body = post_json(client, {"html": page}).get_json()
    assert "privacy" not in body["text"]
    consent = [r for r in body["removed"] if r["kind"] == "consent banner (OneTrust)"]
    assert consent == [{"kind": "consent banner (OneTrust)", "reason": consent[0]["reason"], "elements": 1,
                        "characters": len("We value your privacy. Accept all cookies?")}]  # fmt: skip
