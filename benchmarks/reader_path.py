"""The reader's real path, measured on real pages in Chromium and Firefox: page, overlays, button,
capture, server, reader page, text on screen.

The first PAGES article pages of ../shared/corpora/wcxb-dev (page ids in order, page_type
"article") are served from loopback, each with overlays added after load the way real sites add
them (benchmarks/reader_path_overlays.js: a fixed cookie-consent bar, a newsletter modal over the
page, a sticky "related video" player, a body { overflow: hidden } scroll lock). In each browser,
with the extension installed as the tests install it (tests/e2e/bridge/), each page is opened,
its overlays waited for, the toolbar button pressed as the tests press it, and the reader page's
article body (its text as shown, innerText) scored against the page's truth with the WCXB
scorer's word F1, and searched for the overlays' sentences. The API row is ``POST /v1/extract``
of the same pages without overlays, in the same run, against the same ``clearpage serve``.

Per browser: pages shown (the reader page showed an article), mean F1 over all pages (0 where
nothing was shown, as the scorer counts a refusal), pages where an overlay sentence reached the
reader view, and the median time from the button to the article on screen (as the driver sees it:
it polls every 50 ms). A page that fails is counted as not shown, with its reason.

    .venv/bin/python benchmarks/reader_path.py [--pages 100] [--browsers chromium,firefox] [--json-out FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import load_wcxb_scorer, wcxb_page, wcxb_truth  # noqa: E402 -- after the path is set
from tests.e2e.browser import BROWSERS, IMAGE_HOST, ExtensionBrowser, require_browser  # noqa: E402
from tests.e2e.driver import Bridge  # noqa: E402
from tests.service import clearpage_serve  # noqa: E402

OVERLAYS_SCRIPT = Path(__file__).with_name("reader_path_overlays.js")
# Every sentence the overlays show; finding any in a reader view is a leak.
OVERLAY_SENTENCES = [
    "Quillmoor and its 317 advertising partners",
    "Accept every Quillmoor cookie",
    "Manage Quillmoor choices",
    "The Marigold Dispatch lands before breakfast",
    "Join eighty thousand curious readers",
    "Send me the Marigold Dispatch",
    "the otters who learned to juggle pebbles",
    "Close the Brackenfold player",
]
PAGE_TIMEOUT_MS = 30_000


def article_ids(count: int) -> list[str]:
    """The first ``count`` article pages, by page id: the same pages on every run."""
    truth = wcxb_truth()
    return sorted(page_id for page_id, entry in truth.items() if entry["page_type"] == "article")[:count]


def with_overlays(page: bytes) -> bytes:
    # Inline (a page's <base href> would send a relative src to its own host), and at the very end:
    # the parser puts it in the body all the same, and a "</body>" found earlier may be in a string.
    return page + b"<script>" + OVERLAYS_SCRIPT.read_bytes() + b"</script>"


class _PageSite(BaseHTTPRequestHandler):
    """/wcxb/<id>/: a corpus page with the overlays; everything else 404."""

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/wcxb/") and path.strip("/").split("/")[-1].isdigit():
            body, kind = with_overlays(wcxb_page(path.strip("/").split("/")[-1]).source), "text/html; charset=utf-8"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a tab closed mid-answer (the button turned it into the reader page): not our error


@contextmanager
def page_site() -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), _PageSite)
    server.daemon_threads = True
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Outcome:
    page: str
    shown: bool
    f1: float
    leaks: list[str]
    seconds: float | None  # from the button to the article on screen
    reason: str = ""


def leaks_in(text: str) -> list[str]:
    flat = " ".join(text.split()).lower()
    return [sentence for sentence in OVERLAY_SENTENCES if sentence.lower() in flat]


def read_in_browser(browser: ExtensionBrowser, url: str, expected: str) -> Outcome:
    page_id = url.rstrip("/").rsplit("/", 1)[-1]
    tab = browser.open(url)
    try:
        tab.wait_for_function("document.documentElement.dataset.rpOverlays === 'shown'", timeout=PAGE_TIMEOUT_MS)
        started = time.monotonic()
        browser.press_toolbar_button(tab)
        tab.wait_for_url(f"{browser.origin}/src/reader/reader.html?*", timeout=PAGE_TIMEOUT_MS)
        tab.wait_for_selector("main > .article, main > .failure", timeout=PAGE_TIMEOUT_MS)
        if tab.locator("main > .failure").count():
            return Outcome(
                page_id, False, 0.0, [], None, "reader: " + " ".join(tab.inner_text("main > .failure").split())
            )
        seconds = time.monotonic() - started
        text = tab.inner_text("main > .article .article-body")
        f1 = load_wcxb_scorer().word_scores(text, expected)[2]
        return Outcome(page_id, True, f1, leaks_in(tab.inner_text("main > .article")), seconds)
    finally:
        tab.close()


@contextmanager
def extension_browser(name: str, server_url: str, site: str, folder: Path) -> Iterator[ExtensionBrowser]:
    """The browser with the extension, set up for ``server_url``; its bridge's log in ``folder``."""
    build = ROOT / "extension" / "dist" / ("chrome" if name == "chromium" else "firefox")
    with tempfile.TemporaryDirectory(prefix=f"reader-path-{name}-") as profile:
        options = {
            "extension": str(build),
            "profile": profile,
            "sitePort": int(site.rsplit(":", 1)[1]),
            "imageHost": IMAGE_HOST,
        }
        bridge = Bridge(name, options, log=folder / f"{name}-bridge.log")
        try:
            browser = ExtensionBrowser(name, bridge)
            browser.configure(server_url)
            # The article alone: the key-points box repeats sentences of it above the text.
            browser.set_reading(keyPoints=False)
            yield browser
        finally:
            bridge.close()


def run_browser(name: str, server_url: str, site: str, pages: list[str], folder: Path) -> list[Outcome]:
    require_browser(name)
    truth = wcxb_truth()
    outcomes = []
    with extension_browser(name, server_url, site, folder) as browser:
        for number, page_id in enumerate(pages, 1):
            try:
                outcome = read_in_browser(browser, f"{site}/wcxb/{page_id}/", truth[page_id]["main_content"])
            except Exception as error:  # a page that fails is counted, not the end of the run
                outcome = Outcome(page_id, False, 0.0, [], None, str(error).splitlines()[0][:240])
            outcomes.append(outcome)
            state = "shown" if outcome.shown else outcome.reason
            print(f"{name} {number}/{len(pages)} {page_id}: {state} f1={outcome.f1:.3f}", file=sys.stderr)
    return outcomes


def read_through_api(server_url: str, site: str, pages: list[str]) -> list[Outcome]:
    """POST /v1/extract with each page as published (no overlays), under the URL the browser sent."""
    truth = wcxb_truth()
    target = urlsplit(server_url)
    outcomes = []
    for page_id in pages:
        body = json.dumps(
            {"url": f"{site}/wcxb/{page_id}/", "html": wcxb_page(page_id).source.decode("utf-8", "replace")}
        )
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        started = time.monotonic()
        connection.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        seconds = time.monotonic() - started
        if response.status != 200:
            outcomes.append(Outcome(page_id, False, 0.0, [], None, f"HTTP {response.status}"))
            continue
        text = json.loads(answer)["text"]
        f1 = load_wcxb_scorer().word_scores(text, truth[page_id]["main_content"])[2]
        outcomes.append(Outcome(page_id, True, f1, [], seconds))
    return outcomes


def table(results: dict[str, list[Outcome]]) -> str:
    lines = [
        f"{'path':18} {'pages shown':>12} {'F1':>6} {'overlay leaks':>14} {'median ms':>10}",
    ]
    for name, outcomes in results.items():
        shown = sum(o.shown for o in outcomes)
        f1 = statistics.fmean(o.f1 for o in outcomes)
        times = [o.seconds for o in outcomes if o.seconds is not None]
        median = f"{statistics.median(times) * 1000:.0f}" if times else "-"
        leaks = "-" if name == "API (no overlays)" else str(sum(bool(o.leaks) for o in outcomes))
        lines.append(f"{name:18} {f'{shown}/{len(outcomes)}':>12} {f1:6.3f} {leaks:>14} {median:>10}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="how many article pages, from the first by id")
    parser.add_argument("--browsers", default=",".join(BROWSERS), help="comma-separated: chromium, firefox")
    parser.add_argument("--json-out", type=Path, help="every page's outcome, as JSON")
    parser.add_argument("--logs", type=Path, default=ROOT / "benchmarks" / ".runs", help="where the bridges log")
    args = parser.parse_args()
    args.logs.mkdir(parents=True, exist_ok=True)
    pages = article_ids(args.pages)
    subprocess.run(["node", str(ROOT / "extension" / "build.js")], check=True, capture_output=True)
    results: dict[str, list[Outcome]] = {}
    with page_site() as site, clearpage_serve(workers=2, RATELIMIT_ENABLED="false") as service:
        results["API (no overlays)"] = read_through_api(service.url, site, pages)
        for name in args.browsers.split(","):
            results[name] = run_browser(name, service.url, site, pages, args.logs)
    print(f"{len(pages)} article pages of wcxb-dev (ids {pages[0]}-{pages[-1]})\n")
    print(table(results))
    for name, outcomes in results.items():
        for outcome in outcomes:
            if not outcome.shown or outcome.leaks:
                print(f"{name} {outcome.page}: {outcome.reason or 'leaked ' + '; '.join(outcome.leaks)}")
    if args.json_out:
        args.json_out.write_text(json.dumps({k: [asdict(o) for o in v] for k, v in results.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
