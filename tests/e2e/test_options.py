"""The options page: the server address and key or token, "Test connection" (with whose reading
list the token opens, and its feed address), and saving."""

from __future__ import annotations

import json

from server.version import __version__
from tests.e2e.servers import Answer, free_port, problem, scripted_server


def test_test_connection_shows_the_servers_version(browser, clearpage):
    options = browser.options_page()
    options.fill("#server-url", clearpage.url + "/")
    options.click("#test-connection")
    status = options.locator("#server-status")
    status.filter(has_text="Connected").wait_for()
    assert status.inner_text().startswith(f"Connected to Clearpage {__version__} at {clearpage.url}. ")
    assert status.get_attribute("data-state") == "ok"


def test_test_connection_names_an_unreachable_server(browser):
    options = browser.options_page()
    address = f"http://127.0.0.1:{free_port()}"
    options.fill("#server-url", address)
    options.click("#test-connection")
    status = options.locator("#server-status")
    status.filter(has_text="couldn't reach").wait_for()
    assert f"Nothing answered at {address}." in status.inner_text()
    assert status.get_attribute("data-state") == "error"


def test_test_connection_tells_a_refused_key(browser):
    with scripted_server() as server:

        def answer(request):
            if request.path == "/healthz":
                return Answer(200, json.dumps({"status": "ok", "version": "9.9.9"}).encode())
            return problem(401, "Unauthorized", "The API key sent is not one this server accepts.", "unauthorized")

        server.answer = answer
        options = browser.options_page()
        options.fill("#server-url", server.url)
        options.fill("#api-key", "not-the-key")
        options.click("#test-connection")
        status = options.locator("#server-status")
        status.filter(has_text="API key").wait_for()
        assert status.inner_text().startswith("Your server didn't accept the API key.")
        assert server.requests[-1].headers["Authorization"] == "Bearer not-the-key"


def test_saving_stores_the_normalised_address_and_the_key(browser, clearpage):
    options = browser.options_page()
    options.fill("#server-url", f"  {clearpage.url}/  ")
    options.fill("#api-key", " key-with-spaces-around ")
    options.click("#save")
    options.locator("#server-status").filter(has_text="Saved").wait_for()
    stored = browser.evaluate("async () => (await chrome.storage.local.get('server')).server")
    assert stored == {"url": clearpage.url, "apiKey": "key-with-spaces-around"}
    assert options.input_value("#server-url") == clearpage.url
    # The key is a credential: it stays on this device, out of storage.sync.
    assert browser.evaluate("async () => chrome.storage.sync.get(null)") == {}


def test_a_bad_address_is_refused_with_a_sentence(browser):
    options = browser.options_page()
    options.fill("#server-url", "127.0.0.1:8080")
    options.click("#save")
    status = options.locator("#server-status")
    status.filter(has_text="full address").wait_for()
    assert status.get_attribute("data-state") == "error"
    assert browser.evaluate("async () => (await chrome.storage.local.get('server')).server ?? null") is None


def test_the_options_start_with_the_default_server(browser):
    options = browser.options_page()
    assert options.input_value("#server-url") == "http://127.0.0.1:8080"
    assert options.input_value("#api-key") == ""


def test_test_connection_names_the_reader_and_gives_the_feed_to_copy(browser, reader):
    options = browser.options_page()
    assert options.locator("label[for=api-key]").inner_text().startswith("API key or reading-list token")
    options.fill("#api-key", reader.token)
    options.click("#test-connection")
    status = options.locator("#server-status")
    status.filter(has_text="Signed in").wait_for()
    assert status.inner_text() == (
        f"Connected to Clearpage {__version__} at {reader.proxy.url}. "
        f"Signed in as {reader.name}: Save and your reading list work on this device."
    )
    feed = reader.api.call("GET", "/v1/me").body["feed_url"]
    assert options.input_value("#feed-url") == feed
    options.click("#copy-feed")
    options.locator("#feed-status", has_text="Copied.").wait_for()
    options.fill("#server-url", "")  # any text field takes the paste
    options.focus("#server-url")
    options.keyboard.press("Control+V")
    assert options.input_value("#server-url") == feed


def scripted_reading_list(server, me: Answer) -> None:
    """A server that is up and takes the key for reader view, and answers /v1/me with ``me``."""

    def answer(request):
        if request.path == "/healthz":
            return Answer(200, json.dumps({"status": "ok", "version": "9.9.9"}).encode())
        if request.path == "/v1/me":
            return me
        return problem(422, "No readable article", "This page doesn't look like an article.", "not-readable")

    server.answer = answer


def test_an_api_key_that_is_not_a_reading_list_token_is_told_apart(browser):
    with scripted_server() as server:
        scripted_reading_list(server, problem(401, "Unauthorized", "Not a reading-list token.", "unauthorized"))
        options = browser.options_page()
        options.fill("#server-url", server.url)
        options.fill("#api-key", "an-api-key-for-reader-view")
        options.click("#test-connection")
        status = options.locator("#server-status")
        status.filter(has_text="Connected").wait_for()
        assert status.inner_text().endswith(
            "The API key works for reader view, but it isn't a reading-list token: Save and the reading list need one."
        )
        assert options.locator("#feed").is_hidden()
        assert server.requests[-1].headers["Authorization"] == "Bearer an-api-key-for-reader-view"


def test_a_server_without_a_reading_list_or_without_a_token_says_what_is_missing(browser):
    with scripted_server() as server:
        scripted_reading_list(server, problem(404, "Not Found", "Nothing here.", "not-found"))
        options = browser.options_page()
        options.fill("#server-url", server.url)
        options.click("#test-connection")
        status = options.locator("#server-status")
        status.filter(has_text="Connected").wait_for()
        assert (
            status.inner_text()
            == "Connected to Clearpage 9.9.9 at " + server.url + ". This server has no reading list."
        )

        scripted_reading_list(server, problem(401, "Unauthorized", "This needs a token.", "unauthorized"))
        options.click("#test-connection")
        status.filter(has_text="need a reading-list token").wait_for()
        assert "Authorization" not in server.requests[-1].headers


def test_the_options_lead_to_the_reading_list(browser, reader):
    options = browser.options_page()
    options.click("#open-list")
    options.wait_for_url(f"{browser.origin}/src/list/list.html")
    options.wait_for_selector("#list-status:not(:empty)")


def test_the_status_line_is_as_readable_on_a_dark_system_as_in_the_dark_theme(browser):
    # "System" (the default) on a dark desktop is the dark theme, the status line's colours too.
    options = browser.options_page()
    options.emulate_media(color_scheme="dark")
    options.fill("#server-url", "127.0.0.1:8080")
    options.click("#save")
    status = options.locator("#server-status")
    status.filter(has_text="full address").wait_for()
    colour = "(line) => getComputedStyle(line).color"
    on_a_dark_system = status.evaluate(colour)
    browser.set_reading(theme="light")
    options.wait_for_function("document.documentElement.dataset.theme === 'light'")
    in_light = status.evaluate(colour)
    browser.set_reading(theme="dark")
    options.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    assert status.evaluate(colour) == on_a_dark_system != in_light


def test_test_connection_asks_for_the_permission_a_server_needs(browser):
    # 127.0.0.2 is loopback too, but outside the extension's host permissions (127.0.0.1, localhost).
    with scripted_server(host="127.0.0.2") as other:
        other.answer = lambda request: Answer(500)
        options = browser.options_page()
        options.fill("#server-url", other.url)
        options.click("#test-connection")
        status = options.locator("#server-status")
        status.filter(has_text="permission").wait_for()
        assert status.inner_text().startswith("Clearpage needs your permission to contact your server.")
        assert status.get_attribute("data-state") == "error"
