"""Access decisions on real pages: which pages of ../shared/corpora/wcxb-dev ``clearpage serve``
answers with ``access`` other than ``open``, and how much of each page's text it kept.

WCXB's truth is what any visitor saw when the page was captured, so every page here that is not
``open`` must be a gate a visitor would see, or a part the publisher declares subscriber-only
(docs/api.md, "Access"). Pages whose text is under a tenth of the truth's are marked.

    .venv/bin/python benchmarks/access.py
    .venv/bin/python benchmarks/access.py --pages 0004,0221
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import load_wcxb_scorer, wcxb_page, wcxb_page_ids  # noqa: E402
from tests.service import clearpage_serve  # noqa: E402


def ask(endpoint: str, page_id: str) -> dict:
    page = wcxb_page(page_id)
    body = json.dumps({"url": page.url, "html": page.source.decode("utf-8", "replace")}).encode()
    request = urllib.request.Request(endpoint, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
    except urllib.error.HTTPError as error:
        return {"id": page_id, "type": page.page_type, "status": error.code, "access": None}
    words = load_wcxb_scorer().words
    return {
        "id": page_id,
        "type": page.page_type,
        "status": 200,
        "access": answer["access"],
        "notice": answer["notice"],
        "kept_words": len(words(answer["text"])),
        "truth_words": len(words(page.truth["main_content"])),
        "url": page.url,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", help="comma-separated page ids (default: every page)")
    parser.add_argument("--json-out", type=Path, help="write every page's answer summary here")
    args = parser.parse_args()
    ids = args.pages.split(",") if args.pages else wcxb_page_ids()
    with clearpage_serve(workers=2, RATELIMIT_ENABLED="false") as service:
        endpoint = f"{service.url}/v1/extract"
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            rows = list(pool.map(lambda page_id: ask(endpoint, page_id), ids))
    gated = [row for row in rows if row["access"] not in (None, "open")]
    print(f"{len(gated)} of {len(rows)} pages not open ({len(gated) / len(rows):.2%}):")
    for row in gated:
        short = " (under a tenth)" if row["kept_words"] < row["truth_words"] / 10 else ""
        print(
            f"  {row['id']} {row['type']:<13} {row['access']:<10} kept {row['kept_words']:>5} of "
            f"{row['truth_words']:>5} words{short}  {row['url']}"
        )
    refused = sum(row["status"] != 200 for row in rows)
    print(f"answered 200: {len(rows) - refused}, refused: {refused}")
    if args.json_out:
        args.json_out.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
