"""What Manifest V3 makes different in Firefox, tested there alone: the background is an event page
that Firefox suspends when it is idle (Chrome's is a service worker), and host permissions are the
user's: Firefox grants them at install, and the user may withdraw them in about:addons. Every other
scenario runs in both browsers."""

from __future__ import annotations

import json

import pytest

from tests.e2e.browser import article_text, failure_text
from tests.e2e.servers import scripted_server

pytestmark = pytest.mark.parametrize("browser_name", ["firefox"], indirect=True)

ADDON_ID = "clearpage@self-hosted"  # browser_specific_settings.gecko.id
HOST_PERMISSIONS = ["http://127.0.0.1/*", "http://localhost/*"]  # manifest.base.json
PAGE = "/pages/night-trains.html"


def in_firefox(browser, script: str):
    """Run ``script`` in Firefox's own scope, where about:debugging and about:addons work."""
    return browser.bridge.call("chromeEvaluate", expression=script)


def holds_host_permissions(browser) -> bool:
    return browser.evaluate("(origins) => chrome.permissions.contains({origins})", HOST_PERMISSIONS)


@pytest.fixture
def without_host_permissions(browser):
    """The extension as the user left it after unticking its host permissions."""
    browser.evaluate("(origins) => chrome.permissions.remove({origins})", HOST_PERMISSIONS)
    assert not holds_host_permissions(browser)
    yield
    # Back as installed, for the next test, whatever this one did.
    in_firefox(
        browser,
        f"""(async () => {{
            const {{ ExtensionPermissions }} = ChromeUtils.importESModule("resource://gre/modules/ExtensionPermissions.sys.mjs");
            const policy = WebExtensionPolicy.getByID({json.dumps(ADDON_ID)});
            await ExtensionPermissions.add(policy.id, {{ permissions: [], origins: {json.dumps(HOST_PERMISSIONS)} }}, policy.extension);
        }})()""",
    )
    assert holds_host_permissions(browser)


def suspend_event_page(browser) -> None:
    """Suspend the event page as Firefox does when it is idle (about:debugging's "Terminate")."""
    in_firefox(
        browser,
        f"""(async () => {{
            const {{ ExtensionParent }} = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
            await ExtensionParent.DebugUtils.terminateBackgroundScript({json.dumps(ADDON_ID)});
        }})()""",
    )


def test_the_background_is_an_event_page_not_a_service_worker(browser):
    assert browser.origin.startswith("moz-extension://")
    kind = browser.evaluate(
        """async () => {
            const background = await browser.runtime.getBackgroundPage();
            return [typeof background.document, typeof ServiceWorkerGlobalScope];
        }"""
    )
    assert kind == ["object", "undefined"]


def test_after_firefox_suspends_the_event_page_reader_view_still_works(browser, site, clearpage):
    browser.configure(clearpage.url)
    browser.evaluate("async () => { (await browser.runtime.getBackgroundPage()).__beforeSuspend = true; }")
    suspend_event_page(browser)
    reader = browser.open_in_reader(browser.open(site + PAGE))  # the button's listener wakes it
    assert "Tickets for the first month sold out within hours." in article_text(reader)
    restarted = browser.evaluate("async () => (await browser.runtime.getBackgroundPage()).__beforeSuspend ?? null")
    assert restarted is None  # a new event page answered, not the one from before

    suspend_event_page(browser)
    reader.reload()  # the reader page asks the event page for nothing it held in memory
    reader.wait_for_selector("main > .article")
    assert "Tickets for the first month sold out within hours." in article_text(reader)


def test_a_first_run_without_the_host_permission_asks_for_it_and_then_works(
    browser, site, clearpage, without_host_permissions
):
    # A server that sends no CORS headers (an older Clearpage, or one behind a proxy that drops them):
    # only the host permission lets the extension reach it.
    with scripted_server(forward_to=clearpage.url) as server:
        browser.configure(server.url)
        reader = browser.open_in_reader(browser.open(site + PAGE))
        assert failure_text(reader).startswith("Clearpage needs your permission to contact your server.")
        assert server.requests == []
        reader.click(".failure button[data-action=allow]")  # the user's click is what asks
        reader.wait_for_selector("main > .article")
        assert "Tickets for the first month sold out within hours." in article_text(reader)
        assert browser.evaluate("(origins) => chrome.permissions.contains({origins})", ["http://127.0.0.1/*"])
        assert [request.path for request in server.requests] == ["/v1/extract"]


def test_without_the_host_permission_a_clearpage_servers_cors_headers_are_enough(
    browser, site, clearpage, without_host_permissions
):
    browser.configure(clearpage.url)  # clearpage serve answers extension origins with CORS headers
    reader = browser.open_in_reader(browser.open(site + PAGE))
    assert "Tickets for the first month sold out within hours." in article_text(reader)
    assert not holds_host_permissions(browser)


def test_the_options_ask_for_the_permission_on_save_and_then_connect(browser, clearpage, without_host_permissions):
    with scripted_server(forward_to=clearpage.url) as server:
        options = browser.options_page()
        options.fill("#server-url", server.url)
        options.click("#test-connection")
        status = options.locator("#server-status")
        status.filter(has_text="permission").wait_for()
        assert status.inner_text().startswith("Clearpage needs your permission to contact your server.")
        options.click("#save")  # the user's click asks for the server's host
        status.filter(has_text="Saved.").wait_for()
        assert status.inner_text() == f"Saved. Clearpage will send pages to {server.url}."
        options.click("#test-connection")
        status.filter(has_text="Connected").wait_for()
        assert status.inner_text().startswith("Connected to Clearpage ")
        assert browser.evaluate("(origins) => chrome.permissions.contains({origins})", ["http://127.0.0.1/*"])
