"""Debian's Chromium with the unpacked extension loaded, driven by Playwright.

The toolbar button cannot be clicked in headless Chromium, and a shortcut pressed through the
DevTools protocol reaches the page, not the browser's command handling. So ``open_in_reader``
calls, from the extension's service worker, the very function the button's ``action.onClicked``
listener (and the Alt+Shift+R command, which clicks the button) calls: ``openReader(tab)``.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Worker

# Flags that run Chromium as root in a container with no network: no sandbox (root), no GPU, no
# background traffic, and every host name but loopback unresolvable, so corpus pages' third-party
# scripts and images fail at once instead of waiting on a network that isn't there.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The server drops images on IP addresses and odd ports (a page must not make the reader's
# browser probe its network), so test pages name their images on this host, on port 80, which
# Chromium resolves to the static site.
IMAGE_HOST = "images.clearpage.test"
# The extension's reading settings when nothing is stored (READING_DEFAULTS in src/shared/settings.js).
READING_DEFAULTS = {
    "theme": "system",
    "font": "serif",
    "fontSize": 20,
    "lineWidth": 65,
    "lineHeight": 1.6,
    "keyPoints": True,
}


def host_rules(site_port: int | None = None) -> str:
    image_host = f"MAP {IMAGE_HOST} 127.0.0.1:{site_port}, " if site_port else ""
    return f"--host-resolver-rules={image_host}MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2"


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise FileNotFoundError("chromium is not installed: scripts/extension-deps installs Debian's package")
    return path


class ExtensionBrowser:
    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker")
        self.extension_id = worker.url.split("/")[2]
        self.origin = f"chrome-extension://{self.extension_id}"

    def worker(self) -> Worker:
        workers = [w for w in self.context.service_workers if w.url.startswith(self.origin)]
        if workers:
            return workers[0]
        # Chrome stops an idle service worker; any extension event starts it again.
        page = self.context.new_page()
        page.goto(f"{self.origin}/src/options/options.html")
        with self.context.expect_event("serviceworker", timeout=10_000) as started:
            page.evaluate("chrome.runtime.sendMessage({type: 'wake'}).catch(() => {})")
        page.close()
        return started.value

    def evaluate(self, script: str, argument: Any = None) -> Any:
        """Run ``script`` (a function source) in the service worker."""
        return self.worker().evaluate(script, argument)

    def reset(self) -> None:
        """Forget every setting and kept article, as after a fresh install."""
        # Pages first: a closing reader page writes its pending settings (pagehide), and that write
        # must land before the clear, not after it.
        for page in self.context.pages:
            page.close()
        self.evaluate(
            """async () => {
                await chrome.storage.local.clear();
                await chrome.storage.session.clear();
                // storage.sync takes 120 writes a minute: clear it only when it holds something.
                const synced = await chrome.storage.sync.get(null);
                if (Object.keys(synced).length) await chrome.storage.sync.clear();
            }"""
        )

    def configure(self, server_url: str, api_key: str = "") -> None:
        self.evaluate("(server) => chrome.storage.local.set({server})", {"url": server_url, "apiKey": api_key})

    def set_reading(self, **reading: Any) -> None:
        self.evaluate("(reading) => chrome.storage.sync.set({reading})", reading)

    def stored_reading(self) -> dict[str, Any]:
        return self.evaluate("async () => (await chrome.storage.sync.get('reading')).reading ?? null")

    def wait_for_stored_reading(self, expected: dict[str, Any], timeout: float = 10) -> None:
        """Wait for the reader's debounced write of its settings to storage.sync."""
        deadline = time.monotonic() + timeout
        while self.stored_reading() != expected:
            if time.monotonic() > deadline:
                raise AssertionError(f"storage.sync holds {self.stored_reading()}, not {expected}")
            time.sleep(0.1)

    def open(self, url: str) -> Page:
        page = self.context.new_page()
        page.goto(url, wait_until="load")
        return page

    def open_in_reader(self, page: Page) -> Page:
        """Press the toolbar button on ``page``'s tab (see the module docstring); wait for the result."""
        page.bring_to_front()
        self.evaluate(
            """async (url) => {
                // The tab showing the page. Browser pages (chrome://) hide their URL from extensions
                // without the tabs permission: then the active tab, which bring_to_front made it.
                let tabs = (await chrome.tabs.query({})).filter((tab) => tab.url === url);
                if (tabs.length === 0) {
                    tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
                }
                if (tabs.length !== 1) throw new Error(`expected one tab at ${url}, found ${tabs.length}`);
                await globalThis.clearpage.openReader(tabs[0]);
            }""",
            page.url,
        )
        page.wait_for_url(f"{self.origin}/src/reader/reader.html?*")
        return wait_for_reader(page)

    def options_page(self) -> Page:
        page = self.context.new_page()
        page.goto(f"{self.origin}/src/options/options.html")
        page.wait_for_selector(".reading-controls")
        return page


def wait_for_reader(page: Page) -> Page:
    """Wait until the reader page shows an article or a failure: both are final."""
    page.wait_for_selector("main > .article, main > .failure", timeout=30_000)
    return page


def article_text(page: Page) -> str:
    return " ".join(page.inner_text("main > .article").split())


def failure_text(page: Page) -> str:
    return " ".join(page.inner_text("main > .failure").split())


def as_json(value: Any) -> str:
    return json.dumps(value)


def screenshot(page: Page, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
