"""Extraction quality on real pages, in one run: ../shared/tools/score_wcxb.py over

- ``clearpage serve`` over HTTP (started here on a free loopback port, as a user runs it),
- readability-lxml used raw (the scorer's ``--extractor readability``),
- trafilatura with its defaults (the scorer's ``--extractor trafilatura``),

then the scorer's ``--against`` the raw readability-lxml run (the pages Clearpage made clearly
worse), and the three summaries as the table docs/benchmarks.md records.

    .venv/bin/python benchmarks/wcxb.py
    .venv/bin/python benchmarks/wcxb.py --types article,forum
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import WCXB_SCORER  # noqa: E402
from tests.service import clearpage_serve  # noqa: E402


def score(target: list[str], types: str | None, out: Path, against: Path | None = None) -> str:
    command = [sys.executable, str(WCXB_SCORER), *target, "--json-out", str(out)]
    if types:
        command += ["--types", types]
    if against:
        command += ["--against", str(against)]
    return subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", help="comma-separated page types (default: all)")
    args = parser.parse_args()
    workdir = ROOT / "benchmarks" / ".runs"
    workdir.mkdir(exist_ok=True)
    raw = workdir / "wcxb-readability.json"
    print("## readability-lxml raw\n" + score(["--extractor", "readability"], args.types, raw))
    print("## trafilatura\n" + score(["--extractor", "trafilatura"], args.types, workdir / "wcxb-trafilatura.json"))
    # 1,476 pages in a few minutes: no rate limit for this one local run.
    with clearpage_serve(workers=2, RATELIMIT_ENABLED="false") as service:
        target = ["--endpoint", f"{service.url}/v1/extract", "--jobs", "2"]
        print("## clearpage (HTTP)\n" + score(target, args.types, workdir / "wcxb-clearpage.json", against=raw))
    return 0


if __name__ == "__main__":
    sys.exit(main())
