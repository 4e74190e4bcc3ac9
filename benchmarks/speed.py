"""Time per page of the whole pipeline against raw readability-lxml, on the same pages, same run.

For every page of the corpus both run ``--repeat`` times, interleaved (so machine noise hits both
alike); a page's time is the median of its runs. The report gives the median and p95 over pages
for each, their ratio, and the peak memory one extraction of the largest page adds to a process.

    .venv/bin/python benchmarks/speed.py                # the corpus in ../shared
    .venv/bin/python benchmarks/speed.py --repeat 9 --json-out speed.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from readability import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.errors import NotReadable  # noqa: E402
from server.pipeline import extract  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "readability-test-pages"
URL = "http://fakehost/test/page.html"


def clearpage(html: str) -> None:
    try:
        extract(html, url=URL)
    except NotReadable:
        pass  # a 422 is an answer too, and costs what it costs


def readability_raw(html: str) -> None:
    Document(html, url=URL).summary(html_partial=True)


def timed(function: Callable[[str], None], html: str) -> float:
    started = time.perf_counter()
    function(html)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def peak_memory_mb(function: Callable[[str], None], html: str) -> float:
    tracemalloc.start()
    function(html)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="runs per page and extractor (median taken)")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    pages = {p.parent.name: p.read_text("utf-8") for p in sorted(args.corpus.glob("*/source.html"))}
    if not pages:
        parser.error(f"no pages under {args.corpus}")
    for html in pages.values():  # warm caches and imports for both
        clearpage(html)
        readability_raw(html)
    ours: dict[str, float] = {}
    raw: dict[str, float] = {}
    for name, html in pages.items():
        ours_runs, raw_runs = [], []
        for _ in range(args.repeat):
            ours_runs.append(timed(clearpage, html))
            raw_runs.append(timed(readability_raw, html))
        ours[name], raw[name] = statistics.median(ours_runs), statistics.median(raw_runs)
    largest = max(pages, key=lambda name: len(pages[name]))
    report = {
        "pages": len(pages),
        "repeat": args.repeat,
        "clearpage_ms": {"median": statistics.median(ours.values()), "p95": percentile(list(ours.values()), 0.95)},
        "readability_raw_ms": {"median": statistics.median(raw.values()), "p95": percentile(list(raw.values()), 0.95)},
        "largest_page": {"name": largest, "bytes": len(pages[largest].encode()),
                         "clearpage_peak_mb": peak_memory_mb(clearpage, pages[largest]),
                         "readability_raw_peak_mb": peak_memory_mb(readability_raw, pages[largest])},
        "slowest_pages_ratio": sorted(((ours[n] / raw[n], n) for n in pages), reverse=True)[:5],
    }  # fmt: skip
    report["ratio"] = {
        "median": report["clearpage_ms"]["median"] / report["readability_raw_ms"]["median"],
        "p95": report["clearpage_ms"]["p95"] / report["readability_raw_ms"]["p95"],
        "median_of_page_ratios": statistics.median(ours[n] / raw[n] for n in pages),
    }
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=1))
    c, r, q = report["clearpage_ms"], report["readability_raw_ms"], report["ratio"]
    big = report["largest_page"]
    print(f"pages {len(pages)}, {args.repeat} runs each, interleaved; time per page in ms")
    print(f"{'':22}{'median':>9}{'p95':>9}")
    print(f"{'clearpage pipeline':22}{c['median']:9.1f}{c['p95']:9.1f}")
    print(f"{'readability-lxml raw':22}{r['median']:9.1f}{r['p95']:9.1f}")
    print(f"{'ratio':22}{q['median']:9.2f}{q['p95']:9.2f}   (median of per-page ratios {q['median_of_page_ratios']:.2f})")
    print(f"largest page {big['name']} ({big['bytes'] / 1e6:.1f} MB): peak Python memory "
          f"{big['clearpage_peak_mb']:.0f} MB (readability-lxml raw {big['readability_raw_peak_mb']:.0f} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
