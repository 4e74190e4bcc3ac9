"""A browser with the extension installed, as the tests use it: Debian's Chromium with the unpacked
Chrome build, or Debian's Firefox ESR with the Firefox build as a temporary add-on, each driven by
puppeteer-core (tests/e2e/driver.py and bridge/).

``press_toolbar_button`` presses the extension's button on a tab. In Firefox that is Firefox's own
code for a click on it (the Alt+Shift+R shortcut's too), run in the browser's chrome scope. Headless
Chromium has no button to click, and a shortcut sent through its protocol reaches the page, not
the browser's command handling: there it calls, in the service worker, the very function the
button's ``action.onClicked`` listener calls, ``openReader(tab)``. Other extension code runs in
Chromium's service worker, and in an extension page in Firefox (bridge/firefox.mjs says why).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.corpus import ROOT
from tests.e2e.driver import TIMEOUT_MS, Bridge, DriverError, Tab

BROWSERS = ("chromium", "firefox")
# The executables scripts/extension-deps installs from Debian's packages.
EXECUTABLES = {"chromium": "chromium", "firefox": "firefox-esr"}
# The server drops images on IP addresses and odd ports (a page must not make the reader's
# browser probe its network), so test pages name their images on this host, on port 80, which both
# browsers send to the static site (Chromium's host rules, Firefox's proxy script).
IMAGE_HOST = "images.clearpage.test"
# A page of the browser's own, where extensions may not run scripts.
BROWSER_PAGES = {"chromium": "chrome://version/", "firefox": "about:license"}
# The extension's reading settings when nothing is stored (READING_DEFAULTS in src/shared/settings.js).
READING_DEFAULTS = {
    "theme": "system",
    "font": "serif",
    "fontSize": 20,
    "lineWidth": 65,
    "lineHeight": 1.6,
    "keyPoints": True,
}


def require_browser(name: str) -> str:
    path = shutil.which(EXECUTABLES[name])
    if path is None:
        raise FileNotFoundError(
            f"{EXECUTABLES[name]} is not installed: scripts/extension-deps installs Debian's package"
        )
    return path


class ExtensionBrowser:
    def __init__(self, name: str, bridge: Bridge) -> None:
        self.name = name
        self.bridge = bridge
        self.origin: str = bridge.ready["origin"]
        self.browser_page = BROWSER_PAGES[name]

    def evaluate(self, script: str, argument: Any = None) -> Any:
        """Run ``script`` (a function's source) in the extension, with its APIs as ``chrome``."""
        return self.bridge.call("extensionEvaluate", source=script, argument=argument)

    def new_page(self) -> Tab:
        return Tab(self.bridge, self.bridge.call("newPage"))

    def pages(self) -> list[Tab]:
        return [Tab(self.bridge, number) for number in self.bridge.call("pages")]

    @contextmanager
    def expect_page(self, timeout: int = TIMEOUT_MS) -> Iterator[Callable[[], Tab]]:
        """Yields a function that gives the tab opened inside the ``with`` block."""
        known = [tab.number for tab in self.pages()]
        opened: list[Tab] = []
        yield lambda: opened[0]
        opened.append(Tab(self.bridge, self.bridge.call("waitForNewPage", known=known, timeout=timeout)))

    def reset(self) -> None:
        """Forget every setting and kept article, as after a fresh install."""
        # Pages first: a closing reader page writes its pending settings (pagehide), and that write
        # must land before the clear, not after it.
        for page in self.pages():
            page.close()
        self.bridge.call("resetEmulation")
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

    def open(self, url: str) -> Tab:
        page = self.new_page()
        page.goto(url)
        return page

    def press_toolbar_button(self, page: Tab) -> None:
        """Press the extension's toolbar button on ``page``'s tab (see the module docstring)."""
        self.bridge.call("pressToolbarButton", page=page.number)

    def open_in_reader(self, page: Tab, timeout: int = TIMEOUT_MS) -> Tab:
        """Press the toolbar button on ``page``'s tab, and wait for the reader page's article or failure."""
        self.press_toolbar_button(page)
        page.wait_for_url(f"{self.origin}/src/reader/reader.html?*", timeout=timeout)
        return wait_for_reader(page, timeout=timeout)

    def options_page(self) -> Tab:
        page = self.new_page()
        page.goto(f"{self.origin}/src/options/options.html")
        page.wait_for_selector(".reading-controls")
        return page


def wait_for_reader(page: Tab, timeout: int = TIMEOUT_MS) -> Tab:
    """Wait until the reader page shows an article or a failure: both are final."""
    page.wait_for_selector("main > .article, main > .failure", timeout=timeout)
    return page


def article_text(page: Tab) -> str:
    return " ".join(page.inner_text("main > .article").split())


def failure_text(page: Tab) -> str:
    return " ".join(page.inner_text("main > .failure").split())


def as_json(value: Any) -> str:
    return json.dumps(value)


SCREENSHOTS = ROOT / "docs" / "screenshots"
# The README shows Chromium's screenshots, and one of Firefox's reader view under its own name.
FIREFOX_SCREENSHOTS = {"reader-light": "reader-firefox"}


def readme_screenshot(browser: ExtensionBrowser, page: Tab, name: str) -> None:
    """Save the README's screenshot ``name`` (docs/screenshots/NAME.png) when this browser's is the
    one the README shows; else take it all the same, and keep it out of the README."""
    if browser.name == "chromium":
        path: Path | None = SCREENSHOTS / f"{name}.png"
    else:
        path = SCREENSHOTS / f"{FIREFOX_SCREENSHOTS[name]}.png" if name in FIREFOX_SCREENSHOTS else None
    image = page.screenshot(path=str(path) if path else None)
    assert image.startswith(b"\x89PNG")


__all__ = [
    "BROWSERS",
    "IMAGE_HOST",
    "READING_DEFAULTS",
    "DriverError",
    "ExtensionBrowser",
    "Tab",
    "article_text",
    "failure_text",
    "readme_screenshot",
    "require_browser",
    "wait_for_reader",
]
