"""Fixtures for the browser tests: the built extension in Debian's Chromium, ``clearpage serve``,
and the static site. They fail, never skip, when Chromium or the corpus is missing: CI runs
``scripts/extension-deps`` first, which installs both tools."""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Playwright, sync_playwright

from tests.corpus import ROOT
from tests.e2e.browser import CHROMIUM_ARGS, ExtensionBrowser, chromium_path, host_rules
from tests.e2e.reading_list import Api, Backend, clearpage_backend
from tests.e2e.servers import Clearpage, Scripted, clearpage_serve, scripted_server, static_site

EXTENSION = ROOT / "extension"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def extension_dir() -> Path:
    """The unpacked Chrome build, fresh from the sources."""
    subprocess.run(["node", str(EXTENSION / "build.js"), "chrome"], check=True, capture_output=True)
    return EXTENSION / "dist" / "chrome"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright for the session: its sync API allows only one running at a time."""
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser_session(
    playwright: Playwright, extension_dir: Path, site: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ExtensionBrowser]:
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("chromium-profile")),
        executable_path=chromium_path(),
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            host_rules(int(site.rsplit(":", 1)[1])),
            f"--disable-extensions-except={extension_dir}",
            f"--load-extension={extension_dir}",
        ],
        viewport={"width": 1280, "height": 800},
        color_scheme="light",
        locale="en-US",
    )
    try:
        yield ExtensionBrowser(context)
    finally:
        context.close()


@pytest.fixture
def browser(browser_session: ExtensionBrowser) -> Iterator[ExtensionBrowser]:
    """The browser with no settings and no open pages, as after a fresh install."""
    browser_session.reset()
    yield browser_session
    browser_session.reset()


@pytest.fixture(scope="session")
def clearpage() -> Iterator[Clearpage]:
    with clearpage_serve() as server:
        yield server


@pytest.fixture(scope="session")
def site() -> Iterator[str]:
    with static_site() as base:
        yield base


@pytest.fixture(scope="session")
def reading_list_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """``clearpage serve`` with its own reading list (a fresh data directory)."""
    with clearpage_backend(tmp_path_factory.mktemp("data")) as backend:
        yield backend


@dataclass
class Reader:
    """A reader with their own token, and the extension set up with it. The extension talks to the
    server through ``proxy``, which records every request and can answer in the server's place;
    ``api`` goes to the server directly, for setting up and checking."""

    name: str
    token: str
    api: Api
    proxy: Scripted


@pytest.fixture
def reader(browser: ExtensionBrowser, reading_list_backend: Backend) -> Iterator[Reader]:
    name = f"reader-{secrets.token_hex(4)}"
    token = reading_list_backend.add_user(name)
    with scripted_server(forward_to=reading_list_backend.url) as proxy:
        browser.configure(proxy.url, api_key=token)
        yield Reader(name, token, Api(reading_list_backend.url, token), proxy)
