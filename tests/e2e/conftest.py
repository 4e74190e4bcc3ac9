"""Fixtures for the browser tests: the built extension in Debian's Chromium and in Debian's Firefox
ESR (every test that takes ``browser`` runs in both), ``clearpage serve``, and the static site.
They fail, never skip, when a browser or the corpus is missing: CI runs ``scripts/extension-deps``
first, which installs them."""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.corpus import ROOT
from tests.e2e.browser import BROWSERS, IMAGE_HOST, ExtensionBrowser, require_browser
from tests.e2e.driver import Bridge
from tests.e2e.reading_list import Api, Backend, clearpage_backend
from tests.e2e.servers import Clearpage, Scripted, clearpage_serve, scripted_server, static_site

EXTENSION = ROOT / "extension"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def extension_builds() -> Path:
    """dist/chrome and dist/firefox, fresh from the sources."""
    subprocess.run(["node", str(EXTENSION / "build.js")], check=True, capture_output=True)
    return EXTENSION / "dist"


@pytest.fixture(scope="session", params=BROWSERS)
def browser_name(request: pytest.FixtureRequest) -> str:
    """Each browser in turn; a test file that is about one browser parametrises this indirectly."""
    return request.param


@pytest.fixture(scope="session")
def browser_session(
    browser_name: str, extension_builds: Path, site: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ExtensionBrowser]:
    require_browser(browser_name)
    build = extension_builds / ("chrome" if browser_name == "chromium" else "firefox")
    folder = tmp_path_factory.mktemp(browser_name)
    options = {
        "extension": str(build),
        "profile": str(folder / "profile"),
        "sitePort": int(site.rsplit(":", 1)[1]),
        "imageHost": IMAGE_HOST,
    }
    bridge = Bridge(browser_name, options, log=folder / "bridge.log")
    try:
        yield ExtensionBrowser(browser_name, bridge)
    finally:
        bridge.close()


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
