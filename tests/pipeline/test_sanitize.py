"""sanitize: output that cannot hurt the reader, proven on public XSS vectors and by properties."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.pipeline import Options, extract
from server.pipeline.sanitize import is_allowed_image, is_public_web_url, sanitize, sanitize_html
from tests.html_safety import canonical, executable_constructs, xss_vectors

PROSE = "<p>" + "The council met on Tuesday to discuss the new bridge, and agreed to fund it. " * 3 + "</p>"


def page_with(fragment: str) -> str:
    return f"<html><head><title>Bridge</title></head><body><article>{PROSE}<div>{fragment}</div>{PROSE}</article></body></html>"


@pytest.mark.parametrize("vector", xss_vectors())
def test_no_xss_vector_survives_the_pipeline(vector):
    article = extract(page_with(vector), url="https://news.example/story")
    assert executable_constructs(article.content_html) == []


def test_there_are_enough_vectors_to_mean_something():
    assert len(xss_vectors()) >= 100


def clean(fragment: str, base: str | None = "https://news.example/a/story.html", images: bool = True) -> str:
    return sanitize(lxml.html.fragment_fromstring(fragment, create_parent="div"), base, images)


def test_script_text_is_removed_not_left_as_text():
    assert "alert" not in clean("<p>a</p><script>alert(1)</script><style>p{}</style>")


def test_relative_urls_become_absolute_before_the_scheme_check():
    html = clean('<a href="../b.html">b</a><img src="/i.png"><blockquote cite="q.html">q</blockquote>')
    assert 'href="https://news.example/b.html"' in html
    assert 'src="https://news.example/i.png"' in html
    assert 'cite="https://news.example/a/q.html"' in html


def test_without_a_base_url_links_stay_relative():
    assert 'href="../b.html"' in clean('<a href="../b.html">b</a>', base=None)


def test_links_and_images_get_their_safety_attributes():
    html = clean('<a href="https://x.example/">x</a><img src="https://img.example/a.png">')
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'referrerpolicy="no-referrer"' in html
    assert 'loading="lazy"' in html


def test_in_page_links_and_ids_share_a_prefix():
    html = clean('<p>See<sup><a href="#fn1">1</a></sup></p><ol><li id="fn1">A note.</li></ol><a name="old">x</a>')
    assert 'href="#cp-fn1"' in html
    assert 'id="cp-fn1"' in html
    assert 'id="cp-old"' in html


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://images.example/a.jpg", True),
        ("http://images.example/a.jpg", True),
        ("https://images.example:443/a.jpg", True),
        ("https://images.example:8443/a.jpg", False),
        ("http://127.0.0.1/a.png", False),
        ("http://10.0.0.8/a.png", False),
        ("http://[::1]/a.png", False),
        ("http://localhost/a.png", False),
        ("http://printer.local/a.png", False),
        ("http://intranet/a.png", False),
        ("http://2130706433/a.png", False),
        ("ftp://images.example/a.png", False),
        ("javascript:alert(1)", False),
        ("data:image/png;base64,iVBORw0KGgo=", True),
        ("data:image/svg+xml;base64,PHN2Zz4=", False),
        ("data:image/png;base64," + "A" * 40_000, False),
        ("/relative/a.png", True),
    ],
)
def test_image_sources(url, allowed):
    assert is_allowed_image(url) is allowed


def test_srcset_candidates_are_each_checked():
    html = clean(
        '<img src="https://i.example/a.png" srcset="https://i.example/a2.png 2x, javascript:x 3x, http://10.0.0.1/b.png 4x">'
    )
    image = lxml.html.fragment_fromstring(html, create_parent="div").find(".//img")
    assert image.get("srcset") == "https://i.example/a2.png 2x"


def test_data_urls_are_never_links():
    assert "data:" not in clean('<a href="data:text/html,hi">x</a>')


def test_the_images_setting_drops_every_image():
    html = clean('<p>a<img src="https://i.example/a.png">b</p>', images=False)
    assert "<img" not in html
    page = page_with('<img src="https://i.example/a.png" alt="A">').replace(
        "<head>", '<head><meta property="og:image" content="https://i.example/lead.png">'
    )
    article = extract(page, options=Options(images=False))
    assert article.lead_image is None
    assert "<img" not in article.content_html


def test_a_private_lead_image_is_not_offered():
    page = page_with("").replace("<head>", '<head><meta property="og:image" content="http://192.168.0.1/cam.jpg">')
    assert extract(page).lead_image is None


def test_public_web_url_check_rejects_malformed_urls():
    assert is_public_web_url("http://[bad/x") is False
    assert is_public_web_url("https://:80/") is False


# --------------------------------------------------------------------------- properties

TAGS = [
    "p",
    "a",
    "img",
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "div",
    "span",
    "form",
    "table",
    "td",
    "noscript",
    "template",
    "b",
]
ATTRIBUTES = ["href", "src", "srcset", "onerror", "onclick", "style", "id", "class", "xlink:href", "formaction", "cite"]
VALUES = ["javascript:alert(1)", "https://ok.example/x", "data:image/png;base64,AA==", "x\" onerror=\"alert(1)",
          "#frag", "/rel", "JaVaScRiPt:1", "&#106;avascript:1", "</style><img src=x onerror=alert(1)>", "http://127.0.0.1/"]  # fmt: skip


@st.composite
def html_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        tag = draw(st.sampled_from(TAGS))
        attributes = " ".join(
            f'{draw(st.sampled_from(ATTRIBUTES))}="{draw(st.sampled_from(VALUES))}"'
            for _ in range(draw(st.integers(0, 3)))
        )
        text = draw(st.sampled_from(["text", "<!--c-->", "&lt;b&gt;", "alert(1)", "", "<"]))
        closing = draw(st.sampled_from([f"</{tag}>", "", "</p>"]))
        parts.append(f"<{tag} {attributes}>{text}{closing}")
    return "".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_soup())
def test_sanitised_output_is_never_executable(soup):
    assert executable_constructs(clean(soup)) == []


@settings(max_examples=300, deadline=None)
@given(html_soup())
def test_sanitising_twice_changes_nothing(soup):
    once = sanitize_html(soup)
    assert canonical(sanitize_html(once)) == canonical(once)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_sanitises_without_error_and_safely(text):
    assert executable_constructs(sanitize_html(text)) == []
