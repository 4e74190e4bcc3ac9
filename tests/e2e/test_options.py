"""The options page: the server address and key, "Test connection", and saving."""

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
    assert status.inner_text() == f"Connected to Clearpage {__version__} at {clearpage.url}."
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
