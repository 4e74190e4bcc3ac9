"""Save in reader view: the page the reader holds goes to the reading list (POST /v1/articles), and a
sentence under the toolbar says what happened: saved, already saved, or why not. The article
never leaves the screen because of a failed Save."""

from __future__ import annotations

import gzip
import json

from tests.e2e.browser import article_text
from tests.e2e.servers import Answer, problem, scripted_server

PAGE = "/pages/night-trains.html"
TITLE = "Night trains are back, and this time they are full"


def toolbar_status(reader) -> str:
    status = reader.locator("#toolbar-status")
    status.wait_for(state="visible")
    return " ".join(status.inner_text().split())


def is_save(request) -> bool:
    return request.method == "POST" and request.path == "/v1/articles"


def saves(proxy) -> list:
    return [request for request in proxy.requests if is_save(request)]


def sent_json(request) -> dict:
    body = gzip.decompress(request.body) if request.headers.get("Content-Encoding") == "gzip" else request.body
    return json.loads(body)


def test_save_keeps_the_clean_article_in_the_reading_list(browser, site, reader):
    view = browser.open_in_reader(browser.open(site + PAGE))
    assert view.locator("#save").inner_text() == "Save"
    view.click("#save")
    assert toolbar_status(view) == "Saved to your reading list. Open the reading list"
    assert view.locator("#save").inner_text() == "Saved"
    assert view.locator("#save").is_disabled()
    (request,) = saves(reader.proxy)
    assert request.headers["Authorization"] == f"Bearer {reader.token}"
    sent = sent_json(request)
    assert sent["url"] == site + PAGE
    assert "data-clearpage-annotated" in sent["html"]  # the page as the browser rendered it
    listed = reader.api.articles()
    assert listed["total"] == 1
    (item,) = listed["items"]
    assert (item["title"], item["url"]) == (TITLE, site + PAGE)
    saved = reader.api.article(item["id"]).body
    assert "Tickets for the first month sold out within hours." in saved["text"]
    assert "Subscribe" not in saved["text"]  # the sticky masthead: the clean article, not the page
    view.click("#toolbar-status a")
    view.wait_for_url(f"{browser.origin}/src/list/list.html")
    view.locator(".list-item").first.wait_for()
    assert view.locator(".item-title").all_inner_texts() == [TITLE]


def test_saving_a_page_saved_before_says_so_and_offers_its_place(browser, site, reader):
    first = reader.api.save(
        site + PAGE, "<article><p>" + "An older copy of the page, saved before. " * 20 + "</p></article>"
    )
    reader.api.change(first["id"], progress=0.5, tags=["rail"])
    view = browser.open_in_reader(browser.open(site + PAGE))
    view.click("#save")
    assert toolbar_status(view).startswith("Already in your reading list; updated it. Go to where you left off (50%)")
    assert reader.api.articles()["total"] == 1
    again = reader.api.article(first["id"]).body
    assert again["tags"] == ["rail"]
    assert "Tickets for the first month sold out within hours." in again["text"]  # the content, refreshed
    view.set_viewport_size({"width": 900, "height": 400})  # room to scroll
    view.click("#toolbar-status button")
    view.wait_for_function(
        """() => {
            const max = document.documentElement.scrollHeight - innerHeight;
            return Math.abs(scrollY / max - 0.5) < 0.02;
        }"""
    )


def test_save_without_a_token_asks_for_one_and_sends_nothing(browser, site, reading_list_backend):
    with scripted_server(forward_to=reading_list_backend.url) as proxy:
        browser.configure(proxy.url)  # no key or token
        view = browser.open_in_reader(browser.open(site + PAGE))
        view.click("#save")
        text = toolbar_status(view)
        assert text.startswith("Your reading list needs a token. Ask your server's administrator for one")
        link = view.locator("#toolbar-status a", has_text="Open the options")
        assert link.get_attribute("href") == f"{browser.origin}/src/options/options.html"
        assert saves(proxy) == []
        assert view.locator("#save").is_enabled()
        assert TITLE in article_text(view)


def test_a_refused_token_says_it_was_the_token(browser, site, reading_list_backend):
    with scripted_server(forward_to=reading_list_backend.url) as proxy:
        browser.configure(proxy.url, api_key="not-a-token")
        view = browser.open_in_reader(browser.open(site + PAGE))
        view.click("#save")
        assert toolbar_status(view).startswith("Your server didn't accept your reading-list token.")
        assert view.locator("#toolbar-status a", has_text="Open the options").is_visible()


def test_a_server_without_a_reading_list_says_so(browser, site, clearpage):
    # An older Clearpage: reader view works, /v1/articles is not there.
    with scripted_server(forward_to=clearpage.url) as older:
        older.answer = lambda request: (
            problem(404, "Not Found", "The requested URL was not found on the server.", "not-found")
            if request.path.startswith("/v1/articles")
            else None
        )
        browser.configure(older.url, api_key="t" * 43)
        view = browser.open_in_reader(browser.open(site + PAGE))
        view.click("#save")
        assert toolbar_status(view).startswith("Your server has no reading list.")


def test_a_failed_save_leaves_the_article_and_can_be_tried_again(browser, site, reader):
    reader.proxy.answer = lambda request: (
        Answer(503, b"busy", {"Content-Type": "text/plain"}) if is_save(request) else None
    )
    view = browser.open_in_reader(browser.open(site + PAGE))
    view.click("#save")
    assert toolbar_status(view).startswith("Your server failed. It answered with error 503.")
    assert TITLE in article_text(view)
    assert view.locator("#save").inner_text() == "Save"
    reader.proxy.answer = None
    view.click("#save")
    view.locator("#toolbar-status", has_text="Saved to your reading list.").wait_for()
    assert reader.api.articles()["total"] == 1


def test_after_a_reload_save_says_the_page_is_no_longer_held(browser, site, reader):
    view = browser.open_in_reader(browser.open(site + PAGE))
    view.reload()
    view.wait_for_selector("main > .article")  # shown again from the session; the page's HTML was not kept
    view.click("#save")
    assert toolbar_status(view).startswith("Clearpage no longer holds this page.")
    assert saves(reader.proxy) == []


def test_a_page_saved_before_a_reload_stays_saved(browser, site, reader):
    view = browser.open_in_reader(browser.open(site + PAGE))
    view.click("#save")
    view.locator("#toolbar-status", has_text="Saved").wait_for()
    view.reload()
    view.wait_for_selector("main > .article")
    assert view.locator("#save").inner_text() == "Saved"
    assert view.locator("#save").is_disabled()
