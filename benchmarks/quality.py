"""Extraction quality against the anchors, in one run: ../shared/tools/score_corpus.py over

- ``clearpage serve`` over HTTP (started here on a free loopback port, as a user runs it),
- readability-lxml used raw (``benchmarks.adapters.readability_raw``),
- trafilatura used raw (``benchmarks.adapters.trafilatura``; a runtime dependency since issue 12),

and a table of the three summaries side by side, the form docs/benchmarks.md records.

    .venv/bin/python benchmarks/quality.py
    .venv/bin/python benchmarks/quality.py --pages 'nytimes-*' --json-out quality.json
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import SCORER  # noqa: E402
from tests.service import clearpage_serve  # noqa: E402

FIELDS = ("title", "byline", "excerpt", "siteName", "publishedTime", "lang")


def score(target: list[str], pages: list[str], out: Path) -> dict:
    command = [sys.executable, str(SCORER), *target, "--json-out", str(out)]
    if pages:
        command += ["--pages", *pages]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    print(output)
    return json.loads(out.read_text("utf-8"))["summary"]


def table(results: dict[str, dict]) -> str:
    names = list(results)
    lines = ["| | " + " | ".join(names) + " |", "| --- |" + " --- |" * len(names)]
    lines.append("| text F1, mean | " + " | ".join(f"{r['mean_f1']:.3f}" for r in results.values()) + " |")
    lines.append("| precision, mean | " + " | ".join(f"{r['mean_precision']:.3f}" for r in results.values()) + " |")
    lines.append("| recall, mean | " + " | ".join(f"{r['mean_recall']:.3f}" for r in results.values()) + " |")
    lines.append(
        "| pages with F1 >= 0.9 | " + " | ".join(str(r["pages_f1_at_least_0.9"]) for r in results.values()) + " |"
    )
    for field in FIELDS:
        cells = []
        for r in results.values():
            m = r["metadata"][field]
            share = 100 * m["normalised"] / m["scored"] if m["scored"] else 0
            cells.append(f"{share:.1f}% (spurious {m['spurious']}/{m['expected_null']})")
        lines.append(f"| {field}, normalised | " + " | ".join(cells) + " |")
    lines.append(
        "| failures (4xx/5xx/errors) | " + " | ".join(str(len(r["failures"])) for r in results.values()) + " |"
    )
    lines.append("| median ms per page | " + " | ".join(f"{r['median_ms']:.0f}" for r in results.values()) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=[], help="page-folder globs (default: all)")
    parser.add_argument("--json-out", type=Path, help="write the three summaries here")
    args = parser.parse_args()
    workdir = ROOT / "benchmarks" / ".runs"
    workdir.mkdir(exist_ok=True)
    # The scorer sends 130 pages in seconds: no rate limit for this one local run.
    with clearpage_serve(workers=2, RATELIMIT_ENABLED="false") as service:
        results = {"clearpage (HTTP)": score(["--endpoint", f"{service.url}/v1/extract"], args.pages,
                                             workdir / "clearpage.json")}  # fmt: skip
    results["readability-lxml raw"] = score(
        ["--extractor", "python:benchmarks.adapters:readability_raw"], args.pages, workdir / "readability.json"
    )
    results["trafilatura"] = score(
        ["--extractor", "python:benchmarks.adapters:trafilatura"], args.pages, workdir / "trafilatura.json"
    )
    rendered = table(results)
    print(re.sub(r"\n{3,}", "\n\n", rendered))
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
