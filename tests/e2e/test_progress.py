"""Reading progress across devices: a saved article opens where the reader left off (on whichever
device), and reading it reports the new place with PATCH, at most once every two seconds while
scrolling and once more on leaving. "Another device" is the API, used as the extension on another
browser would use it."""

from __future__ import annotations

import json
import time

from tests.corpus import corpus_page
from tests.e2e.browser import failure_text, wait_for_reader
from tests.e2e.servers import Answer

LONG_PAGE = "guardian-1"  # a long article: many screens to scroll through
INTERVAL_SECONDS = 2  # PROGRESS_INTERVAL_MS in extension/src/reader/progress.js


def save_long_article(reader) -> dict:
    page = corpus_page(LONG_PAGE)
    return reader.api.save(page.url, page.source.decode("utf-8"))


def open_saved(browser, article_id):
    view = browser.new_page()
    view.goto(f"{browser.origin}/src/reader/reader.html?saved={article_id}")
    return wait_for_reader(view)


def place(view) -> float:
    return view.evaluate("() => scrollY / (document.documentElement.scrollHeight - innerHeight)")


def patches(proxy) -> list[dict]:
    return [json.loads(r.body) for r in proxy.requests if r.method == "PATCH"]


def wait_for_stored_progress(reader, article_id, expected: float, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while abs((stored := reader.api.article(article_id).body["progress"]) - expected) > 0.01:
        if time.monotonic() > deadline:
            raise AssertionError(f"the server has progress {stored}, not {expected}")
        time.sleep(0.1)


def test_a_saved_article_opens_where_another_device_left_off(browser, reader):
    article = save_long_article(reader)
    reader.api.change(article["id"], progress=0.6)  # read to 60% on the phone
    view = open_saved(browser, article["id"])
    view.wait_for_function(
        "() => Math.abs(scrollY / (document.documentElement.scrollHeight - innerHeight) - 0.6) < 0.01"
    )
    assert view.inner_text(".article-title")
    assert view.locator("#save").inner_text() == "Saved"
    view.wait_for_timeout(INTERVAL_SECONDS * 1000 + 500)
    assert patches(reader.proxy) == []  # going back to the place is not a new place


def test_reading_reports_the_place_at_most_every_two_seconds(browser, reader):
    article = save_long_article(reader)
    view = open_saved(browser, article["id"])
    view.set_viewport_size({"width": 1000, "height": 500})
    assert view.evaluate("() => document.documentElement.scrollHeight - innerHeight") > 50 * 60
    started = time.monotonic()
    for _ in range(50):  # four seconds or more of steady reading
        view.mouse.wheel(0, 60)
        view.wait_for_timeout(80)
    scrolled_for = time.monotonic() - started
    view.wait_for_timeout(INTERVAL_SECONDS * 1000 + 500)  # the last report
    sent = patches(reader.proxy)
    assert all(set(body) == {"progress"} for body in sent)
    # 50 scroll steps: a report per interval while they last (not only once they stop), never more,
    # and the place where they stopped.
    assert 2 <= len(sent) <= scrolled_for / INTERVAL_SECONDS + 2, (len(sent), scrolled_for)
    assert [body["progress"] for body in sent] == sorted(body["progress"] for body in sent)
    assert abs(sent[-1]["progress"] - place(view)) < 0.01
    wait_for_stored_progress(reader, article["id"], place(view))


def test_leaving_the_article_sends_the_last_place_at_once(browser, reader):
    article = save_long_article(reader)
    view = open_saved(browser, article["id"])
    view.evaluate(
        "() => scrollTo({top: 0.8 * (document.documentElement.scrollHeight - innerHeight), behavior: 'instant'})"
    )
    left_at = place(view)
    view.goto("about:blank")  # long before the two seconds are up
    wait_for_stored_progress(reader, article["id"], left_at, timeout=5)


def test_the_reading_list_link_and_esc_go_back_to_the_list(browser, reader):
    article = save_long_article(reader)
    view = browser.new_page()
    view.goto(f"{browser.origin}/src/list/list.html")
    view.click(f".list-item[data-id='{article['id']}'] .item-title a")
    wait_for_reader(view)
    assert view.url == f"{browser.origin}/src/reader/reader.html?saved={article['id']}"
    assert " ".join(view.inner_text("#back").split()) == "← Reading list"
    assert view.locator("#reading-list").is_hidden()
    view.keyboard.press("Escape")
    view.wait_for_url(f"{browser.origin}/src/list/list.html")


def test_a_place_that_cannot_be_synced_is_said_and_reading_goes_on(browser, reader):
    article = save_long_article(reader)
    reader.proxy.answer = lambda request: Answer(503, b"", {}) if request.method == "PATCH" else None
    view = open_saved(browser, article["id"])
    view.mouse.wheel(0, 600)
    status = view.locator("#toolbar-status")
    status.wait_for(state="visible", timeout=10_000)
    assert status.inner_text().startswith("Your place in this article isn't synced. Your server failed.")
    assert view.locator("main > .article").is_visible()


def test_an_article_deleted_on_another_device_says_so(browser, reader):
    article = save_long_article(reader)
    assert reader.api.call("DELETE", f"/v1/articles/{article['id']}").status == 204
    view = open_saved(browser, article["id"])
    assert failure_text(view).startswith("This article is no longer in your reading list.")
    link = view.locator(".failure a", has_text="Open the reading list")
    assert link.get_attribute("href") == f"{browser.origin}/src/list/list.html"


def test_a_saved_article_goes_through_the_same_safety_check_as_reader_view(browser, reader):
    # Whatever the server holds (a bug, a compromised server), nothing in content_html runs.
    article = save_long_article(reader)
    hostile = (
        '<p>Safe text.</p><img src="x" onerror="window.__ran = 1"><script>window.__ran = 2</script>'
        '<a id="go" href="javascript:window.__ran = 3">link</a><iframe srcdoc="<script>parent.__ran = 4</script>"></iframe>'
    )
    reader.proxy.rewrite = lambda answer: {**answer, "content_html": hostile} if "content_html" in answer else answer
    view = open_saved(browser, article["id"])
    assert view.inner_text(".article-body").startswith("Safe text.")
    view.click("#go")
    view.wait_for_timeout(200)
    assert view.evaluate("() => window.__ran ?? null") is None
    assert view.locator(".article-body script, .article-body iframe, .article-body [onerror]").count() == 0


def test_a_saved_articles_address_is_a_link_only_when_it_is_a_web_address(browser, reader):
    article = save_long_article(reader)
    view = open_saved(browser, article["id"])
    assert view.get_attribute(".view-original", "href") == article["url"]
    reader.proxy.rewrite = lambda answer: (
        {**answer, "url": "javascript:window.__ran = 1"} if "content_html" in answer else answer
    )
    view = open_saved(browser, article["id"])
    assert view.inner_text(".article-body")  # the article itself still shows
    assert view.locator(".view-original").count() == 0
