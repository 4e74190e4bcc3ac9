"""How long the extension's capture takes on real pages, against a baseline measured in the same run.

For each of the largest corpus pages, in Debian's headless Chromium: the capture script
(extension/src/content/capture.js: computed styles of every element, marks, serialisation with
shadow roots, unmarking) against plain ``document.documentElement.outerHTML``, the least any
capture must do; and gzip of the request body with CompressionStream, as the reader page does it.
Medians of REPEATS runs per page; the machine is shared, so compare the ratio, not the milliseconds.

    .venv/bin/python benchmarks/extension_capture.py [--pages 20] [--repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import CORPUS, require_shared  # noqa: E402 -- after the path is set
from tests.e2e.plain_chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.e2e.servers import static_site  # noqa: E402

CAPTURE = (ROOT / "extension" / "src" / "content" / "capture.js").read_text("utf-8")

MEASURE = """async ([capture, repeats]) => {
    const time = (work) => {
        const start = performance.now();
        const result = work();
        return [performance.now() - start, result];
    };
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const captureMs = [], baselineMs = [], gzipMs = [];
    let html = '';
    for (let i = 0; i < repeats; i++) {
        const [ms, result] = time(() => (0, eval)(capture));
        captureMs.push(ms);
        html = result.html;
        baselineMs.push(time(() => document.documentElement.outerHTML)[0]);
        const bytes = new TextEncoder().encode(JSON.stringify({url: location.href, html}));
        const start = performance.now();
        const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
        const gz = await new Response(stream).arrayBuffer();
        gzipMs.push(performance.now() - start);
        if (i === 0) { var sizes = [bytes.length, gz.byteLength]; }
    }
    return {capture: median(captureMs), baseline: median(baselineMs), gzip: median(gzipMs),
            elements: document.getElementsByTagName('*').length, bytes: sizes[0], gzipped: sizes[1]};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="how many of the largest corpus pages")
    parser.add_argument("--repeats", type=int, default=7, help="runs per page; the median is kept")
    args = parser.parse_args()
    folders = [p for p in require_shared(CORPUS).iterdir() if (p / "source.html").is_file()]
    largest = sorted(folders, key=lambda p: (p / "source.html").stat().st_size, reverse=True)[: args.pages]
    rows = []
    with static_site() as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for folder in largest:
            page.goto(f"{site}/corpus/{folder.name}/", wait_until="load")
            rows.append((folder.name, page.evaluate(MEASURE, [CAPTURE, args.repeats])))
        browser.close()
    print(
        f"{'page':24} {'elements':>8} {'body kB':>8} {'gzip kB':>8} {'capture ms':>10} "
        f"{'outerHTML ms':>12} {'ratio':>6} {'gzip ms':>8}"
    )
    for name, r in rows:
        ratio = r["capture"] / max(r["baseline"], 0.01)
        print(
            f"{name:24} {r['elements']:8d} {r['bytes'] / 1024:8.0f} {r['gzipped'] / 1024:8.0f} "
            f"{r['capture']:10.1f} {r['baseline']:12.1f} {ratio:6.1f} {r['gzip']:8.1f}"
        )
    capture = statistics.median(r["capture"] for _, r in rows)
    baseline = statistics.median(r["baseline"] for _, r in rows)
    gzip = statistics.median(r["gzip"] for _, r in rows)
    print(
        f"\nmedian over {len(rows)} pages: capture {capture:.1f} ms, outerHTML {baseline:.1f} ms "
        f"(capture / outerHTML = {capture / baseline:.1f}), gzip {gzip:.1f} ms; "
        f"slowest capture {max(r['capture'] for _, r in rows):.1f} ms"
    )


if __name__ == "__main__":
    main()
