"""Debian's Chromium without the extension, driven by Playwright, for what a page's HTML does on
its own (tests/e2e/test_xss_rendering.py) and the capture benchmark: no extension, one browser,
and Playwright's request routing and hooks. The extension's scenarios use tests/e2e/driver.py."""

from __future__ import annotations

from tests.e2e.browser import require_browser

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
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2",
]


def chromium_path() -> str:
    return require_browser("chromium")
