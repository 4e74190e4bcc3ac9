"""The key-points box: asked for with ``summary: true`` while key points are on, shown above the
article's text, each point highlighting its own sentence (found through the server's offsets), the
summary or the server's note when there is one, and a Hide button that is remembered in
storage.sync and reaches every reader tab."""

from __future__ import annotations

import gzip
import json

from tests.e2e.browser import READING_DEFAULTS, readme_screenshot

PAGE = "/pages/night-trains.html"
REFRAIN = "The train will wait for nobody tonight."


def extracts(proxy) -> list[dict]:
    """The JSON bodies the extension sent to /v1/extract, in order."""
    bodies = []
    for request in proxy.requests:
        if request.path.startswith("/v1/extract"):
            raw = gzip.decompress(request.body) if request.headers.get("Content-Encoding") == "gzip" else request.body
            bodies.append(json.loads(raw))
    return bodies


def squeezed(text: str) -> str:
    return " ".join(text.split())


def highlighted(view) -> list[str]:
    """The text of every range in the key-point highlight, or [] when nothing is highlighted."""
    return view.evaluate(
        "() => [...(CSS.highlights.get('clearpage-key-point') ?? [])].map((range) => range.toString())"
    )


def only_extracts(change):
    """A proxy rewrite for the answers of /v1/extract only (other 200s pass unchanged)."""
    return lambda answer: change(answer) if "removed" in answer else answer


def test_key_points_are_asked_for_and_shown_above_the_text(browser, site, reader):
    view = browser.open_in_reader(browser.open(site + PAGE))
    assert extracts(reader.proxy)[-1]["summary"] is True
    box = view.locator("main > .article > .key-points")
    assert box.locator("h2").inner_text().lower() == "key points"
    points = box.locator(".key-point").all_inner_texts()
    assert 3 <= len(points) <= 5
    body = squeezed(view.inner_text(".article-body"))
    for point in points:
        assert squeezed(point) in body
    # Between the title and the text: after the header, before the lead image or the body.
    neighbours = box.evaluate("(box) => [box.previousElementSibling.className, box.nextElementSibling.className]")
    assert neighbours[0] == "article-header"
    assert neighbours[1] in ("article-lead", "article-body")


def test_a_point_highlights_its_sentence_and_a_click_goes_there(browser, site, reader):
    view = browser.open_in_reader(browser.open(site + PAGE))
    view.set_viewport_size({"width": 900, "height": 420})
    last = view.locator(".key-point").last
    last.hover()
    assert [squeezed(text) for text in highlighted(view)] == [squeezed(last.inner_text())]
    view.mouse.move(5, 300)  # off the point: the highlight goes
    view.wait_for_function("() => !CSS.highlights.has('clearpage-key-point')")
    last.click()
    assert last.get_attribute("aria-pressed") == "true"
    view.mouse.move(5, 300)
    assert [squeezed(text) for text in highlighted(view)] == [squeezed(last.inner_text())]  # pinned by the click
    view.wait_for_function(
        """() => {
            const range = [...CSS.highlights.get('clearpage-key-point')][0];
            const rect = range.getBoundingClientRect();
            return scrollY > 0 && rect.top >= 0 && rect.bottom <= innerHeight;
        }"""
    )


def test_the_offsets_pick_the_right_one_of_a_repeated_sentence(browser, site, reader):
    # The sentence is in the first and the last paragraph, after an emoji: the server's offsets
    # count code points, and only they say which of the two a point is.
    def points(article):
        text = article["text"]
        first = text.index(REFRAIN)
        second = text.index(REFRAIN, first + 1)
        return [{"text": REFRAIN, "start": start, "end": start + len(REFRAIN)} for start in (second, first)]

    reader.proxy.rewrite = only_extracts(lambda article: {**article, "key_points": points(article)})
    view = browser.open_in_reader(browser.open(f"{site}/pages/refrain.html"))
    paragraph_of_highlight = """() => {
        const range = [...CSS.highlights.get('clearpage-key-point')][0];
        const paragraphs = [...document.querySelectorAll('.article-body p')];
        return paragraphs.indexOf(range.startContainer.parentElement.closest('p'));
    }"""
    second, first = view.locator(".key-point").all()
    second.hover()
    assert highlighted(view) == [REFRAIN]
    assert view.evaluate(paragraph_of_highlight) == 2
    first.hover()
    assert view.evaluate(paragraph_of_highlight) == 0


def test_a_point_that_is_not_where_its_offsets_say_is_shown_as_text_only(browser, site, reader):
    hostile = '<img src="x" onerror="window.__ran = 1">Not in the article.'
    reader.proxy.rewrite = only_extracts(
        lambda article: {**article, "key_points": [{"text": hostile, "start": 0, "end": 5}, *article["key_points"]]}
    )
    view = browser.open_in_reader(browser.open(site + PAGE))
    first = view.locator(".key-points-list li").first
    assert first.inner_text() == hostile  # text, never markup
    assert first.locator("button, img").count() == 0  # nothing to highlight: not offered as a link
    assert view.locator(".key-points img").count() == 0
    assert view.evaluate("() => window.__ran ?? null") is None
    assert view.locator(".key-point").count() >= 3  # the others still work


def test_the_summary_is_shown_with_the_points_and_the_note_when_it_fell_back(browser, site, reader):
    summary = "Overnight trains between Paris and Berlin are running again and selling out."
    reader.proxy.rewrite = only_extracts(lambda article: {**article, "summary": summary})
    view = browser.open_in_reader(browser.open(site + PAGE))
    assert view.inner_text(".key-points-summary") == summary
    assert view.locator(".key-point").count() >= 3
    assert view.locator(".key-points-note").count() == 0

    note = "The summary is unavailable right now, so the key points are shown instead."
    reader.proxy.rewrite = only_extracts(lambda article: {**article, "summary": None, "summary_note": note})
    view = browser.open_in_reader(browser.open(site + PAGE))
    assert view.inner_text(".key-points-note") == note
    assert view.locator(".key-points-summary").count() == 0
    assert view.locator(".key-point").count() >= 3


def test_a_server_without_key_points_shows_no_box(browser, site, reader):
    # An older server answers without the fields at all; missing and null are alike.
    reader.proxy.rewrite = only_extracts(
        lambda article: {k: v for k, v in article.items() if k not in ("key_points", "summary", "summary_note")}
    )
    view = browser.open_in_reader(browser.open(site + PAGE))
    assert "Tickets for the first month" in view.inner_text(".article-body")
    assert view.locator(".key-points").count() == 0
    view.keyboard.press("+")  # another reading setting: not a reason to ask for key points again
    browser.wait_for_stored_reading({**READING_DEFAULTS, "fontSize": 22})
    assert len(extracts(reader.proxy)) == 1


def test_hide_is_remembered_everywhere_and_the_setting_brings_the_points_back(browser, site, reader):
    first = browser.open_in_reader(browser.open(site + PAGE))
    first.click(".key-points-hide")
    assert first.locator(".key-points").count() == 0
    browser.wait_for_stored_reading({**READING_DEFAULTS, "keyPoints": False})

    # A reload keeps them hidden, and the next page is read without asking for them.
    first.reload()
    first.wait_for_selector("main > .article")
    assert first.locator(".key-points").count() == 0
    second = browser.open_in_reader(browser.open(f"{site}/pages/refrain.html"))
    assert "summary" not in extracts(reader.proxy)[-1]
    assert second.locator(".key-points").count() == 0

    # Turned on again in the settings panel: this page asks the server for its points at once...
    asked = len(extracts(reader.proxy))
    second.click("#settings-toggle")
    second.locator("#settings-panel input[name=keyPoints]").check()
    second.locator(".key-points .key-point").first.wait_for()
    assert [body.get("summary") for body in extracts(reader.proxy)[asked:]] == [True]
    browser.wait_for_stored_reading({**READING_DEFAULTS, "keyPoints": True})
    # ...and the first tab, which still has its points, shows them again.
    first.locator(".key-points .key-point").first.wait_for()


def test_key_points_screenshot_for_the_readme(browser, site, reader):
    browser.set_reading(theme="light")
    view = browser.open_in_reader(browser.open(site + PAGE))
    view.wait_for_function("document.documentElement.dataset.theme === 'light'")
    view.set_viewport_size({"width": 1000, "height": 1250})  # the box, and the first point's sentence
    view.evaluate("() => Promise.all([...document.images].map((img) => img.decode()))")
    view.locator(".key-point").first.hover()
    assert highlighted(view)
    readme_screenshot(browser, view, "key-points")
