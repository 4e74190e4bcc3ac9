"""The service's content_html, rendered in a real browser, runs nothing and calls nobody.

Every vector in tests/fixtures/xss-vectors.txt goes into an article page, through `clearpage
serve`, and the content_html that comes back is rendered in headless Chromium twice: as the body
of a page the browser parses (where a surviving <script> would run) and assigned to innerHTML
(where event handlers on images would fire). Hooks record any script execution (alert, confirm,
prompt, print, window.open, timers from strings), any dialog, any navigation, and any request other than images the article names on the
public hosts it is allowed to use. Zero is the only pass. (eval and Function stay untouched: the
browser automation itself relies on them; every vector that reaches them runs alert first.)
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import lxml.html
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.plain_chromium import CHROMIUM_ARGS, chromium_path
from tests.e2e.servers import Clearpage
from tests.html_safety import xss_vectors

READER_ORIGIN = "https://reader.clearpage.test"
PROSE = "<p>" + "The council met on Tuesday to discuss the new bridge, and agreed to fund it. " * 3 + "</p>"
# Installed before any page script: every way the vectors try to run code reports here.
HOOKS = """
window.__executed = [];
const report = (what) => (...args) => { window.__executed.push(what + ":" + String(args[0]).slice(0, 80)); };
for (const name of ["alert", "confirm", "prompt", "print", "open"]) window[name] = report(name);
for (const name of ["setTimeout", "setInterval"]) {
  const original = window[name];
  window[name] = (handler, ...rest) => typeof handler === "string" ? report(name)(handler) : original(handler, ...rest);
}
"""


def content_html(server: Clearpage, vector: str) -> str:
    page = f"<html><head><title>Bridge</title></head><body><article>{PROSE}<div>{vector}</div>{PROSE}</article></body></html>"
    body = json.dumps({"url": "https://news.example/story", "html": page})
    host = urlsplit(server.url)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    connection.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    assert response.status == 200, response.read()[:300]
    return json.loads(response.read())["content_html"]


def allowed_images(html: str) -> set[str]:
    root = lxml.html.fragment_fromstring(html, create_parent="div") if html.strip() else None
    urls = set()
    for image in root.iter("img") if root is not None else ():
        urls.add(image.get("src", ""))
        urls.update(c.split()[0] for c in (image.get("srcset") or "").split(",") if c.split())
    return {url for url in urls if url.startswith(("https://", "http://"))}


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """A plain Chromium, no extension: what the page's HTML does on its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def render(browser: Browser, html: str, how: str) -> list[str]:
    """Render ``html`` (as the document, or through innerHTML) and return what the hooks saw."""
    seen: list[str] = []
    images = allowed_images(html)
    page: Page = browser.new_page()
    try:
        page.add_init_script(HOOKS)
        page.on("dialog", lambda dialog: (seen.append(f"dialog:{dialog.message}"), dialog.dismiss()))
        page.on("popup", lambda popup: seen.append(f"popup:{popup.url}"))

        def on_request(request) -> None:
            if request.url.rstrip("/") == READER_ORIGIN or (request.resource_type == "image" and request.url in images):
                return
            seen.append(f"request:{request.resource_type}:{request.url[:100]}")

        page.on("request", on_request)
        document = f"<!doctype html><html><head><meta charset='utf-8'></head><body><main>{html if how == 'document' else ''}</main></body></html>"
        page.route(
            f"{READER_ORIGIN}/**", lambda route: route.fulfill(status=200, content_type="text/html", body=document)
        )
        page.goto(READER_ORIGIN + "/")
        if how == "innerHTML":
            page.evaluate("(html) => { document.querySelector('main').innerHTML = html; }", html)
        page.wait_for_timeout(100)  # let onerror, onload and timers fire
        page.evaluate("""() => {  // hover and focus everything: on-mouse and on-focus handlers
            for (const element of document.querySelectorAll("main *")) {
                for (const type of ["mouseover", "focus", "click"]) element.dispatchEvent(new Event(type));
            }
        }""")
        page.wait_for_timeout(30)
        seen += page.evaluate("window.__executed")
        if page.url.rstrip("/") != READER_ORIGIN:
            seen.append(f"navigated:{page.url}")
    finally:
        page.close()
    return seen


VECTORS = xss_vectors()


@pytest.mark.parametrize("vector", VECTORS, ids=[f"v{i:03d}" for i in range(len(VECTORS))])
def test_rendered_content_runs_nothing_and_calls_nobody(chromium, clearpage, vector):
    html = content_html(clearpage, vector)
    assert render(chromium, html, "document") == []
    assert render(chromium, html, "innerHTML") == []


def test_the_hooks_would_see_an_attack(chromium):
    """The check is only as good as its hooks: raw vectors, unsanitised, must be caught."""
    assert render(chromium, '<img src="x" onerror="alert(1)">', "innerHTML")
    assert render(chromium, "<script>alert(1)</script>", "document")
    assert render(chromium, '<link rel="stylesheet" href="https://evil.example/x.css">', "document")
    assert render(chromium, '<iframe src="https://evil.example/"></iframe>', "document")
    assert render(chromium, '<a href="javascript:alert(1)" id="go">x</a><img src=x onerror="go.click()">', "innerHTML")
