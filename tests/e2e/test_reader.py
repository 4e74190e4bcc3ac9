"""Reader view end to end: real corpus pages with overlays injected after load, through the
extension and ``clearpage serve``, to the article on screen; right-to-left pages; the access
notice; the ways back; and the README's screenshots."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from tests.corpus import CORPUS, require_shared
from tests.e2e.browser import IMAGE_HOST, article_text, readme_screenshot
from tests.e2e.servers import scripted_server

# Text of the overlays the scripts in pages/overlays inject: none of it may reach the reader.
CONSENT_TEXT = ["We value your privacy", "We and our 842 partners", "Accept All Cookies", "Reject All"]
NEWSLETTER_TEXT = [
    "Never miss a story",
    "Get our best reporting delivered",
    "Sign me up",
    "No thanks, maybe later",
]
PAGES = ["guardian-1", "bbc-1", "lemonde-1", "nytimes-1"]


def expected(name: str) -> tuple[str, str]:
    """The corpus page's expected title, and the start of its longest expected paragraph."""
    folder = require_shared(CORPUS / name)
    title = json.loads((folder / "expected-metadata.json").read_text("utf-8"))["title"]
    tree = lxml.html.fromstring((folder / "expected.html").read_text("utf-8"))
    paragraphs = [" ".join(p.text_content().split()) for p in tree.iter("p")]
    return title, max(paragraphs, key=len)[:80]


def read_with_overlays(browser, site, clearpage, name: str, overlays: dict[str, str]) -> str:
    """Open corpus page ``name`` with ``overlays`` (script: selector) injected and on screen, press
    the button, check the title and body, and return the article's text."""
    browser.configure(clearpage.url)
    page = browser.open(f"{site}/corpus/{name}/?inject={','.join(overlays)}")
    for selector in overlays.values():
        page.wait_for_selector(selector)  # on screen when the button is pressed
    reader = browser.open_in_reader(page)
    title, paragraph = expected(name)
    shown_title = reader.inner_text(".article-title")
    assert title == shown_title or title.startswith(shown_title + " ")
    text = article_text(reader)
    assert paragraph in text
    return text


@pytest.mark.parametrize("name", PAGES)
def test_a_corpus_page_reads_clean_of_a_consent_banner_injected_after_load(browser, site, clearpage, name):
    text = read_with_overlays(browser, site, clearpage, name, {"onetrust": "#onetrust-banner-sdk"})
    for overlay in CONSENT_TEXT:
        assert overlay not in text


@pytest.mark.parametrize("name", PAGES)
def test_a_corpus_page_reads_clean_of_a_newsletter_modal_injected_after_load(browser, site, clearpage, name):
    text = read_with_overlays(
        browser, site, clearpage, name, {"onetrust": "#onetrust-banner-sdk", "newsletter": ".nl-modal"}
    )
    for overlay in CONSENT_TEXT + NEWSLETTER_TEXT:
        assert overlay not in text


def test_the_article_keeps_its_language(browser, site, clearpage):
    browser.configure(clearpage.url)
    reader = browser.open_in_reader(browser.open(f"{site}/corpus/lemonde-1/"))
    assert reader.get_attribute("main > .article", "lang") == "fr"
    assert reader.get_attribute("main > .article", "dir") == "ltr"


def test_a_right_to_left_page_reads_right_to_left(browser, site, clearpage):
    browser.configure(clearpage.url)
    reader = browser.open_in_reader(browser.open(f"{site}/corpus/rtl-1/"))
    article = reader.locator("main > .article")
    assert article.get_attribute("dir") == "rtl"
    assert article.evaluate("(el) => getComputedStyle(el).direction") == "rtl"
    # Right-to-left text starts at the right edge of the column.
    edges = reader.evaluate(
        """() => {
            const column = document.querySelector('.article-body').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('.article-body p'));
            // The right edge of the whole first line: bidi may put a trailing "." in a box of its own.
            const rects = [...range.getClientRects()];
            const top = rects[0].top;
            const line = rects.filter((rect) => Math.abs(rect.top - top) < 2);
            return {columnRight: column.right, lineRight: Math.max(...line.map((rect) => rect.right))};
        }"""
    )
    assert abs(edges["columnRight"] - edges["lineRight"]) < 2
    assert "Lorem ipsum dolor sit amet" in article_text(reader)
    # The reader's own toolbar stays as it is: only the article turns.
    assert reader.evaluate("() => getComputedStyle(document.querySelector('.toolbar')).direction") == "ltr"


def test_the_article_has_its_facts_lead_image_and_one_headline(browser, site, clearpage):
    browser.configure(clearpage.url)
    reader = browser.open_in_reader(browser.open(f"{site}/pages/night-trains.html"))
    assert reader.inner_text(".article-site") == "RAIL WEEKLY"  # upper-cased by the stylesheet
    assert reader.locator("main h1").all_inner_texts() == ["Night trains are back, and this time they are full"]
    facts = reader.inner_text(".article-facts")
    assert facts.startswith("Lena Park · May 2, 2024 · ") and facts.endswith(" min read")
    image = reader.locator(".article-lead img")
    assert image.get_attribute("src") == f"http://{IMAGE_HOST}/pages/images/night-train.svg"
    assert image.evaluate("(img) => img.decode().then(() => img.naturalWidth)") == 1200
    assert image.get_attribute("alt") == "A sleeper train crossing hills under a full moon"
    assert reader.get_attribute(".view-original", "href") == f"{site}/pages/night-trains.html"
    text = article_text(reader)
    assert "Tickets for the first month sold out within hours." in text
    assert "Subscribe" not in text  # the sticky masthead


def test_partial_access_is_a_calm_notice_above_the_article(browser, site, clearpage):
    # Stands in for the server's paywall detection, which is not built yet: the real server's answer
    # with access and notice rewritten as docs/api.md says a partial page will get them.
    notice = "This article continues for subscribers. Clearpage shows the part your browser showed."
    with scripted_server(forward_to=clearpage.url) as proxy:
        proxy.rewrite = lambda article: {**article, "access": "partial", "notice": notice}
        browser.configure(proxy.url)
        reader = browser.open_in_reader(browser.open(f"{site}/pages/night-trains.html"))
        shown = reader.locator(".access-notice")
        assert shown.is_visible()
        assert shown.inner_text() == notice
        assert shown.get_attribute("role") == "note"
        assert "Tickets for the first month" in article_text(reader)  # the notice never hides the article


def test_the_cleaned_note_says_what_was_removed(browser, site, clearpage):
    browser.configure(clearpage.url)
    page = browser.open(f"{site}/corpus/bbc-1/?inject=onetrust")
    page.wait_for_selector("#onetrust-banner-sdk")
    reader = browser.open_in_reader(page)
    note = reader.locator(".cleaned-note")
    assert re.fullmatch(r"Cleaned: \d+ things? removed", note.locator("summary").inner_text())
    note.locator("summary").click()
    assert "consent banner (OneTrust)" in note.inner_text()


@pytest.mark.parametrize("key", ["Escape", "Backspace"])
def test_escape_and_backspace_go_back_to_the_page(browser, site, clearpage, key):
    browser.configure(clearpage.url)
    page = browser.open(f"{site}/pages/night-trains.html")
    original = page.url
    reader = browser.open_in_reader(page)
    reader.keyboard.press(key)
    reader.wait_for_url(original)
    assert page.locator("header.masthead").is_visible()


def test_view_original_and_the_toolbar_go_back_to_the_page(browser, site, clearpage):
    browser.configure(clearpage.url)
    page = browser.open(f"{site}/pages/night-trains.html")
    original = page.url
    reader = browser.open_in_reader(page)
    reader.click(".view-original")
    reader.wait_for_url(original)
    reader.go_forward()  # the reader page comes back from the session, without asking the server again
    reader.wait_for_selector("main > .article")
    reader.click("#back")
    reader.wait_for_url(original)


def test_reader_screenshots_for_the_readme(browser, site, clearpage):
    """Light, sepia and dark at a desktop width, and a narrow window: docs/screenshots/ (Chromium's;
    Firefox's light one is reader-firefox.png)."""
    browser.configure(clearpage.url)
    page = browser.open(f"{site}/pages/night-trains.html")
    reader = browser.open_in_reader(page)
    backgrounds = {"light": "rgb(253, 253, 252)", "sepia": "rgb(244, 236, 216)", "dark": "rgb(28, 27, 34)"}
    for theme, background in backgrounds.items():
        browser.set_reading(theme=theme)
        reader.wait_for_function(f"document.documentElement.dataset.theme === '{theme}'")
        assert reader.evaluate("() => getComputedStyle(document.documentElement).backgroundColor") == background
        reader.evaluate("() => Promise.all([...document.images].map((img) => img.decode()))")
        readme_screenshot(browser, reader, f"reader-{theme}")
    browser.set_reading(theme="light")
    reader.set_viewport_size({"width": 390, "height": 844})
    reader.wait_for_function("document.documentElement.dataset.theme === 'light'")
    overflow = reader.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0  # nothing wider than a phone's screen
    readme_screenshot(browser, reader, "reader-narrow")


def test_pressing_the_button_in_reader_view_goes_back_to_the_page(browser, site, clearpage):
    browser.configure(clearpage.url)
    page = browser.open(f"{site}/pages/night-trains.html")
    original = page.url
    reader = browser.open_in_reader(page)
    browser.press_toolbar_button(reader)
    reader.wait_for_url(original)


def test_sections_the_publisher_folds_away_open_unfolded(browser, site, clearpage):
    browser.configure(clearpage.url)
    reader = browser.open_in_reader(browser.open(f"{site}/pages/faq.html"))
    sections = reader.locator(".article-body details")
    assert sections.count() == 2
    assert reader.evaluate("() => [...document.querySelectorAll('.article-body details')].every((d) => d.open)")
    body = reader.locator(".article-body")
    assert "FOLDED-ANSWER Most overnight services carry a few bicycles" in body.inner_text()  # on screen
    sections.first.locator("summary").click()  # and the reader can still fold one
    reader.wait_for_function("() => !document.querySelector('.article-body details').open")
    assert "FOLDED-ANSWER" not in body.inner_text()
