"""Time per page of the whole pipeline against raw readability-lxml, on the same pages, same run.

For every page of the corpus both run ``--repeat`` times, interleaved (so machine noise hits both
alike); a page's time is the median of its runs. The report gives the median and p95 over pages
for each, their ratio, and the peak resident memory of a fresh, warmed-up process before and
after it extracts the largest page (what one worker needs).

    .venv/bin/python benchmarks/speed.py                # the corpus in ../shared
    .venv/bin/python benchmarks/speed.py --repeat 9 --json-out speed.json
    .venv/bin/python benchmarks/speed.py --corpus ../shared/corpora/wcxb-dev --every 10

A corpus is a folder of ``<name>/source.html`` pages (the Readability test pages) or of
``pages/<id>.html.gz`` (wcxb-dev); ``--every N`` times every Nth page only.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from readability import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.errors import NotReadable  # noqa: E402
from server.pipeline import extract  # noqa: E402
from tests.corpus import CORPUS  # noqa: E402

URL = "http://fakehost/test/page.html"


def clearpage(html: str) -> None:
    with contextlib.suppress(NotReadable):  # a 422 is an answer too, and costs what it costs
        extract(html, url=URL)


def readability_raw(html: str) -> None:
    Document(html, url=URL).summary(html_partial=True)


def timed(function: Callable[[str], None], html: str) -> float:
    started = time.perf_counter()
    function(html)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# Each probe imports only what its extractor needs, so the two processes start alike. Peak memory is
# the kernel's high-water mark of this process (VmHWM), which, unlike getrusage's ru_maxrss, does
# not start from the parent's.
_IMPORTS = {
    "clearpage": "from server.pipeline import extract\nrun = lambda html: extract(html, url={url!r})",
    "readability_raw": "from readability import Document\n"
    "run = lambda html: Document(html, url={url!r}).summary(html_partial=True)",
}
_MEMORY_PROBE = """
import sys
sys.path.insert(0, {root!r})
{imports}
def peak():
    line = next(l for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
small = '<html lang="en"><body><p>' + "Warm-up text, long enough to be an article. " * 20 + "</p></body></html>"
run(small)  # imports and caches loaded before the baseline
before = peak()
run(open({path!r}, encoding="utf-8").read())
print(before, peak())
"""


def peak_memory_mb(function: str, path: Path) -> dict[str, float]:
    """Peak resident memory of a fresh, warmed-up process before and after extracting ``path``."""
    imports = _IMPORTS[function].format(url=URL)
    code = _MEMORY_PROBE.format(root=str(ROOT), imports=imports, path=str(path))
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    before, after = map(float, output.split())
    return {"warm_mb": before, "peak_mb": after}


def read_pages(corpus: Path, every: int) -> dict[str, str]:
    """The corpus's pages by name: ``<name>/source.html``, or wcxb-dev's ``pages/<id>.html.gz``
    (read as its scorer reads them), every ``every``-th one."""
    paths = sorted(corpus.glob("*/source.html")) or sorted((corpus / "pages").glob("*.html.gz"))
    pages = {}
    for path in paths[::every]:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as page:
                pages[path.name.removesuffix(".html.gz")] = page.read()
        else:
            pages[path.parent.name] = path.read_text("utf-8")
    return pages


def largest_page_memory(html: str) -> dict[str, dict[str, float]]:
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".html") as page:
        page.write(html)
        page.flush()
        path = Path(page.name)
        return {
            "clearpage_peak_mb": peak_memory_mb("clearpage", path),
            "readability_raw_peak_mb": peak_memory_mb("readability_raw", path),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="runs per page and extractor (median taken)")
    parser.add_argument("--every", type=int, default=1, help="time every Nth page only")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    pages = read_pages(args.corpus, args.every)
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
                         **largest_page_memory(pages[largest])},
        "slowest_pages_ratio": sorted(((ours[n] / raw[n], n) for n in pages), reverse=True)[:5],
    }  # fmt: skip
    # Issue 3's per-page bound: the pages over it, the largest of them, and the five that lose the
    # most time (small pages pay the pipeline's fixed costs; long, clean ones every cleaning pass).
    over = [n for n in pages if ours[n] > 1.5 * raw[n]]
    report["over_1_5x"] = {
        "pages": len(over),
        "largest_bytes": max((len(pages[n].encode()) for n in over), default=0),
        "most_extra_ms": max((ours[n] - raw[n] for n in over), default=0.0),
        "most_extra": [
            {"page": n, "kb": round(len(pages[n].encode()) / 1e3), "clearpage_ms": ours[n], "raw_ms": raw[n]}
            for n in sorted(over, key=lambda n: ours[n] - raw[n], reverse=True)[:5]
        ],
    }
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
    print(
        f"{'ratio':22}{q['median']:9.2f}{q['p95']:9.2f}   (median of per-page ratios {q['median_of_page_ratios']:.2f})"
    )
    over = report["over_1_5x"]
    print(f"pages over 1.5x readability-lxml: {over['pages']} of {len(pages)}, the largest of them "
          f"{over['largest_bytes'] / 1e3:.0f} kB, each at most {over['most_extra_ms']:.1f} ms slower")  # fmt: skip
    for page in over["most_extra"]:
        print(f"  {page['page']} ({page['kb']} kB): {page['clearpage_ms']:.1f} ms against {page['raw_ms']:.1f}")
    ours_mb, raw_mb = big["clearpage_peak_mb"], big["readability_raw_peak_mb"]
    print(f"largest page {big['name']} ({big['bytes'] / 1e6:.1f} MB), peak resident memory of one process: "
          f"clearpage {ours_mb['warm_mb']:.0f} MB warm -> {ours_mb['peak_mb']:.0f} MB after it; "
          f"readability-lxml raw {raw_mb['warm_mb']:.0f} -> {raw_mb['peak_mb']:.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
