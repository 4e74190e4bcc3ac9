"""The reading-list page: saved articles newest first, a page at a time, search and filters, and
each article's actions (open, favourite, archive, tags, delete), every change checked on the
server through the API. Every failure is a sentence in the page."""

from __future__ import annotations

import time

from tests.e2e.browser import readme_screenshot
from tests.e2e.reading_list import article_page
from tests.e2e.servers import Answer, free_port, problem, scripted_server

PROSE = [
    "Sleeper services between Paris and Berlin resumed this week, ten years after the last one ran.",
    "Tickets for the first month sold out within hours, and the operator says two more routes will follow.",
    "The carriages are quieter than the old ones, with proper beds and a wash basin in every compartment.",
]


def save(reader, number: int, title: str | None = None, extra: str = "", lead: str | None = None) -> dict:
    title = title or f"Route {number}"
    paragraphs = [lead, *PROSE, extra] if lead else [*PROSE, extra]
    return reader.api.save(f"https://rail.example/routes/{number}", article_page(title, paragraphs))


def open_list(browser, query: str = ""):
    page = browser.new_page()
    page.goto(f"{browser.origin}/src/list/list.html{query}")
    page.wait_for_selector("#articles > li, #list-failure > .failure, #list-status:not(:empty)")
    return page


def titles(page) -> list[str]:
    return page.locator(".item-title").all_inner_texts()


def status(page) -> str:
    return " ".join(page.inner_text("#list-status").split())


def item(page, article: dict):
    return page.locator(f".list-item[data-id='{article['id']}']")


def wait_for_titles(page, expected: list[str]) -> None:
    page.wait_for_function(
        """(expected) => {
            const shown = [...document.querySelectorAll('.item-title')].map((title) => title.innerText);
            return JSON.stringify(shown) === JSON.stringify(expected);
        }""",
        arg=expected,
    )


def test_saved_articles_newest_first_a_page_at_a_time(browser, reader):
    for number in range(1, 24):
        save(reader, number)
    page = open_list(browser)
    assert titles(page) == [f"Route {n}" for n in range(23, 3, -1)]
    assert status(page) == "23 articles."
    assert page.inner_text("#page-range") == "1–20 of 23"
    assert page.locator("#newer").is_disabled()
    page.click("#older")
    wait_for_titles(page, ["Route 3", "Route 2", "Route 1"])
    assert page.inner_text("#page-range") == "21–23 of 23"
    assert page.locator("#older").is_disabled()
    assert page.url.endswith("list.html?page=2")
    page.reload()  # the address keeps the page
    wait_for_titles(page, ["Route 3", "Route 2", "Route 1"])
    facts = page.locator(".item-facts").first.inner_text()
    assert facts.startswith("rail.example · 1 min read · Saved ")


def test_search_and_filters_narrow_the_list(browser, reader):
    couchette = save(reader, 1, "Couchettes for everyone", extra="A couchette costs less than a hotel room.")
    archived = save(reader, 2, "The old line")
    favourite = save(reader, 3, "Breakfast on board")
    reader.api.change(archived["id"], archived=True)
    reader.api.change(favourite["id"], favourite=True, tags=["food"])
    page = open_list(browser)
    assert titles(page) == ["Breakfast on board", "Couchettes for everyone"]  # unread, by default

    page.fill("#q", "hotel")  # in the text, not the title
    page.press("#q", "Enter")
    wait_for_titles(page, ["Couchettes for everyone"])
    assert "q=hotel" in page.url
    page.fill("#q", "")
    page.press("#q", "Enter")
    page.select_option("#show", "archived")
    wait_for_titles(page, ["The old line"])
    assert item(page, archived).locator("[data-action=archive]").inner_text() == "Unarchive"
    page.select_option("#show", "all")
    wait_for_titles(page, ["Breakfast on board", "The old line", "Couchettes for everyone"])
    page.check("#favourite")
    wait_for_titles(page, ["Breakfast on board"])
    page.uncheck("#favourite")
    page.fill("#tag", "food")
    page.press("#tag", "Enter")
    wait_for_titles(page, ["Breakfast on board"])
    page.fill("#q", "no such words anywhere")
    page.press("#q", "Enter")
    wait_for_titles(page, [])
    assert status(page) == "Nothing in your reading list matches. Clear the filters"
    page.click("#list-status button")
    wait_for_titles(page, ["Breakfast on board", "Couchettes for everyone"])
    assert page.url.endswith("list.html")
    assert couchette["id"] != favourite["id"]


def test_favourite_tags_archive_and_delete_reach_the_server(browser, reader):
    first = save(reader, 1, "Night trains are back")
    second = save(reader, 2, "The old line")
    page = open_list(browser)

    favourite = item(page, first).locator("[data-action=favourite]")
    favourite.click()
    page.locator("#list-status", has_text="as a favourite").wait_for()
    assert status(page) == "Marked “Night trains are back” as a favourite."
    assert item(page, first).locator("[data-action=favourite]").get_attribute("aria-pressed") == "true"
    assert reader.api.article(first["id"]).body["favourite"] is True

    item(page, first).locator("[data-action=edit-tags]").click()
    item(page, first).locator("input[name=tags]").fill(" trains,  night travel, Trains ")
    item(page, first).locator("[data-action=save-tags]").click()
    page.locator("#list-status", has_text="Tagged").wait_for()
    assert item(page, first).locator(".tag").all_inner_texts() == ["night travel", "trains"]  # sorted by the server
    assert reader.api.article(first["id"]).body["tags"] == ["night travel", "trains"]
    item(page, first).locator(".tag", has_text="night travel").click()
    wait_for_titles(page, ["Night trains are back"])
    assert "tag=night+travel" in page.url
    page.fill("#tag", "")
    page.press("#tag", "Enter")
    wait_for_titles(page, ["The old line", "Night trains are back"])

    item(page, second).locator("[data-action=archive]").click()
    wait_for_titles(page, ["Night trains are back"])  # archived: out of the unread list
    assert status(page) == "Archived “The old line”."
    assert reader.api.article(second["id"]).body["archived"] is True

    item(page, first).locator("[data-action=delete]").click()
    confirm = item(page, first).locator(".item-confirm")
    assert confirm.inner_text().startswith("Delete “Night trains are back” from your reading list?")
    confirm.locator("[data-action=keep]").click()
    assert confirm.is_hidden()
    assert reader.api.article(first["id"]).status == 200
    item(page, first).locator("[data-action=delete]").click()
    confirm.locator("[data-action=confirm-delete]").click()
    wait_for_titles(page, [])
    assert status(page).startswith("Deleted “Night trains are back”. Nothing left to read.")
    assert reader.api.article(first["id"]).status == 404


def test_a_failed_change_is_said_on_its_article(browser, reader):
    article = save(reader, 1, "Night trains are back")
    reader.proxy.answer = lambda request: (
        problem(500, "Internal error", "Something broke.", "internal-error") if request.method == "PATCH" else None
    )
    page = open_list(browser)
    item(page, article).locator("[data-action=archive]").click()
    message = item(page, article).locator(".item-status")
    message.wait_for(state="visible")
    assert message.inner_text().startswith("Your server failed. It answered with error 500.")
    assert item(page, article).locator("[data-action=archive]").is_enabled()
    reader.proxy.answer = lambda request: (
        problem(404, "Not Found", "There is no such article.", "not-found") if request.method == "PATCH" else None
    )
    item(page, article).locator("[data-action=favourite]").click()
    message.filter(has_text="no longer in your reading list").wait_for()


def test_an_empty_reading_list_says_how_to_fill_it(browser, reader):
    page = open_list(browser, "?show=all")
    assert status(page) == "Your reading list is empty. Open a page in reader view and press Save to keep it here."
    assert page.locator("#pager").is_hidden()


def test_without_a_token_the_list_asks_for_one(browser, reading_list_backend):
    browser.configure(reading_list_backend.url)
    page = open_list(browser)
    assert page.inner_text(".failure h1") == "Your reading list needs a token."
    link = page.locator(".failure a", has_text="Open the options")
    assert link.get_attribute("href") == f"{browser.origin}/src/options/options.html"
    assert page.locator("#filters").is_hidden()


def test_a_refused_token_an_old_server_and_no_server_are_each_said(browser, reading_list_backend, clearpage):
    browser.configure(reading_list_backend.url, api_key="not-a-token")
    assert open_list(browser).inner_text(".failure h1") == "Your server didn't accept your reading-list token."

    with scripted_server(forward_to=clearpage.url) as older:
        older.answer = lambda request: problem(404, "Not Found", "The requested URL was not found.", "not-found")
        browser.configure(older.url, api_key="t" * 43)
        assert open_list(browser).inner_text(".failure h1") == "Your server has no reading list."

    address = f"http://127.0.0.1:{free_port()}"
    browser.configure(address, api_key="t" * 43)
    page = open_list(browser)
    assert page.inner_text(".failure h1") == "Clearpage couldn't reach your server."
    assert f"Nothing answered at {address}." in page.inner_text(".failure")
    assert page.locator(".failure button[data-action=retry]").is_visible()


def test_a_server_reached_through_cors_alone_keeps_the_list(browser, reader):
    # 127.0.0.2 is outside the host permissions: only the server's CORS headers let the list through,
    # PATCH and DELETE included (docs/extension.md lists the headers a server must send).
    article = save(reader, 1, "Night trains are back")
    with scripted_server(host="127.0.0.2", forward_to=reader.proxy.forward_to, cors=True) as cors_only:
        browser.configure(cors_only.url, api_key=reader.token)
        page = open_list(browser)
        assert titles(page) == ["Night trains are back"]
        item(page, article).locator("[data-action=favourite]").click()
        page.locator("#list-status", has_text="as a favourite").wait_for()
        assert {request.method for request in cors_only.requests} == {"GET", "PATCH"}
        assert reader.api.article(article["id"]).body["favourite"] is True


def test_the_toolbar_buttons_menu_opens_the_reading_list(browser, reader):
    save(reader, 1, "Night trains are back")
    browser.new_page()  # a browser window, whose toolbar button is right-clicked
    with browser.expect_page() as opened:
        browser.evaluate("() => globalThis.clearpage.openReadingList()")  # what the menu entry calls
    page = opened()
    page.wait_for_selector("#articles > li")
    assert page.url == f"{browser.origin}/src/list/list.html"
    assert titles(page) == ["Night trains are back"]


def test_reading_list_screenshot_for_the_readme(browser, reader):
    browser.set_reading(theme="light")
    stories = [
        ("Night trains are back, and this time they are full", ["rail", "travel"], 0.45, True, PROSE[0]),
        (
            "How the couchette got its name",
            ["rail", "history"],
            0.0,
            False,
            "The word comes from the French for a small bed, and the first ones were little more than a shelf.",
        ),
        (
            "The quiet revolution in sleeper carriage design",
            ["design"],
            1.0,
            False,
            "New carriages are heavier, quieter and far better insulated than the ones they replace.",
        ),
        (
            "Breakfast at dawn: what overnight passengers eat",
            [],
            0.12,
            False,
            "Coffee, a warm roll and a view of a city waking up: the best meal on the train is the last one.",
        ),
    ]
    for number, (title, tags, progress, favourite, lead) in enumerate(reversed(stories), 1):
        saved = save(reader, number, title, lead=lead)
        reader.api.change(saved["id"], tags=tags, progress=progress, favourite=favourite)
    page = open_list(browser)
    page.set_viewport_size({"width": 1000, "height": 820})
    page.wait_for_function("document.documentElement.dataset.theme === 'light'")
    assert titles(page) == [title for title, *_ in stories]
    assert "45% read" in page.inner_text(".list-item:first-child .item-facts")
    readme_screenshot(browser, page, "reading-list")


def test_answers_the_list_page_cannot_read_are_a_sentence(browser, reader):
    reader.proxy.answer = lambda request: Answer(
        200, b"<html>a router's login page</html>", {"Content-Type": "text/html"}
    )
    page = open_list(browser)
    assert page.inner_text(".failure h1") == "Your server's answer couldn't be read."


def test_a_server_without_permission_or_cors_asks_for_the_permission(browser):
    # 127.0.0.2 is loopback too, but outside the extension's host permissions (127.0.0.1, localhost).
    with scripted_server(host="127.0.0.2") as other:
        other.answer = lambda request: Answer(500)
        browser.configure(other.url, api_key="t" * 43)
        page = open_list(browser)
        assert page.inner_text(".failure h1") == "Clearpage needs your permission to contact your server."
        assert page.locator(".failure button[data-action=allow]").is_visible()


def test_a_retry_that_works_gives_the_page_its_title_back(browser, reader):
    save(reader, 1, "Night trains are back")
    reader.proxy.answer = lambda request: Answer(503, b"busy", {"Content-Type": "text/plain"})
    page = open_list(browser)
    assert page.title() == "Clearpage: Your server failed."
    reader.proxy.answer = None
    page.click(".failure button[data-action=retry]")
    wait_for_titles(page, ["Night trains are back"])
    assert page.title() == "Reading list · Clearpage"


def test_a_late_answer_to_an_earlier_search_does_not_replace_the_list(browser, reader):
    save(reader, 1, "Night trains are back")
    save(reader, 2, "The old line")

    def slow_search(request):
        if "q=slow" in request.path:
            time.sleep(1.5)  # then forwarded: the server's answer (no match) comes late
        return None

    reader.proxy.answer = slow_search
    page = open_list(browser)
    page.fill("#q", "slow")
    page.press("#q", "Enter")
    page.fill("#q", "")
    page.press("#q", "Enter")  # asked for while the search is still on its way
    wait_for_titles(page, ["The old line", "Night trains are back"])
    page.wait_for_timeout(2000)  # the search's answer has come by now
    assert titles(page) == ["The old line", "Night trains are back"]
    assert status(page) == "2 articles."
    assert page.locator("#articles").get_attribute("aria-busy") is None
