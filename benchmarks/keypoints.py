"""Key points over the corpus: the time they add per page, and whether they come from the article.

For every corpus page with an article: the pipeline without key points (the baseline) and the key
points stage alone on the same text, ``--repeat`` times each, interleaved, a page's time being the
median of its runs. Reported: median, p95 and slowest page of each, and the added time as a share
of the baseline (per page, then the median).

Sanity check: each key point is looked for in the page's human-labelled article
(``expected.html``, as ../shared/tools/score_corpus.py reads it), as a run of words, so spacing
and punctuation do not matter. A point not found there came from something else on the page
(boilerplate, a caption, a teaser) or from text the labelled article lacks; they are listed.

    .venv/bin/python benchmarks/keypoints.py
    .venv/bin/python benchmarks/keypoints.py --repeat 7 --json-out keypoints.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.errors import NotReadable  # noqa: E402
from server.pipeline import extract  # noqa: E402
from server.pipeline.keypoints import keypoints  # noqa: E402
from tests.corpus import CORPUS, load_scorer  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def milliseconds(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def extraction(source: str, url: str) -> None:
    extract(source, url=url)


def words(scorer, text: str) -> str:
    return " " + " ".join(scorer.tokenize(text)) + " "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="runs per page of each (median taken)")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    scorer = load_scorer()
    pages = sorted(p for p in args.corpus.iterdir() if (p / "source.html").is_file())
    rows, outside = [], []
    for folder in pages:
        source = (folder / "source.html").read_text("utf-8", "replace")
        url = scorer.page_url(source)
        try:
            article = extract(source, url=url)
        except NotReadable:
            continue
        baseline, added = [], []
        for _ in range(args.repeat):
            baseline.append(milliseconds(extraction, source, url))
            added.append(milliseconds(keypoints, article.text, article.lang))
        points = keypoints(article.text, article.lang)
        expected = words(scorer, scorer.html_to_text((folder / "expected.html").read_text("utf-8")))
        found = [words(scorer, point.text) in expected for point in points]
        outside += [(folder.name, point.text) for point, ok in zip(points, found, strict=True) if not ok]
        rows.append(
            {
                "page": folder.name,
                "baseline_ms": statistics.median(baseline),
                "keypoints_ms": statistics.median(added),
                "points": len(points),
                "in_article": sum(found),
            }
        )
    base = [row["baseline_ms"] for row in rows]
    extra = [row["keypoints_ms"] for row in rows]
    shares = [row["keypoints_ms"] / row["baseline_ms"] for row in rows]
    points = sum(row["points"] for row in rows)
    summary = {
        "pages": len(rows),
        "repeat": args.repeat,
        "baseline_ms": {"median": statistics.median(base), "p95": percentile(base, 0.95), "max": max(base)},
        "keypoints_ms": {"median": statistics.median(extra), "p95": percentile(extra, 0.95), "max": max(extra)},
        "added_share_median": statistics.median(shares),
        "slowest_page": max(rows, key=lambda row: row["keypoints_ms"])["page"],
        "points": points,
        "points_in_article": sum(row["in_article"] for row in rows),
        "pages_all_in_article": sum(row["in_article"] == row["points"] for row in rows),
        "pages_with_3_to_5": sum(3 <= row["points"] <= 5 for row in rows),
        "outside_article": outside,
    }
    print(f"pages with an article: {summary['pages']}, {args.repeat} runs each")
    for name in ("baseline_ms", "keypoints_ms"):
        figures = summary[name]
        print(f"{name:13} median {figures['median']:7.2f}  p95 {figures['p95']:7.2f}  max {figures['max']:7.2f}")
    print(f"added / baseline, median over pages: {summary['added_share_median']:.1%}")
    print(f"slowest key points: {summary['slowest_page']}")
    print(
        f"key points in the labelled article: {summary['points_in_article']} of {points} "
        f"({summary['points_in_article'] / points:.1%}); pages with every point in it: "
        f"{summary['pages_all_in_article']} of {len(rows)}; pages with 3-5 points: {summary['pages_with_3_to_5']}"
    )
    for page, text in outside:
        print(f"  not in the labelled article: {page}: {text[:120]!r}")
    if args.json_out:
        args.json_out.write_text(json.dumps({"summary": summary, "pages": rows}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
