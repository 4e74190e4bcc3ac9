"""Send every hostile input (tests/hostile_inputs.py) to a real `clearpage serve` on its defaults and
print the table docs/security.md records: input, status, problem type, time.

    .venv/bin/python benchmarks/hostile.py
"""

from __future__ import annotations

import contextlib
import http.client
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_inputs import HOSTILE_INPUTS  # noqa: E402
from tests.service import clearpage_serve  # noqa: E402


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    # The server answers 413 before reading all of an oversized body, as it should: read that answer.
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read()


def main() -> int:
    with clearpage_serve(workers=2, RATELIMIT_ENABLED="false") as server:
        print("| input | status | answer | time |")
        print("| --- | --- | --- | --- |")
        for case in HOSTILE_INPUTS:
            body = case.body()
            started = time.perf_counter()
            headers = {"Content-Type": case.content_type, **case.headers}
            status, payload = request(server.port, "POST", "/v1/extract", body, headers)
            elapsed = time.perf_counter() - started
            answer = json.loads(payload).get("type", "") if status >= 400 else "the article"
            answer = answer.removeprefix("urn:clearpage:problem:")
            ok = "" if status in case.statuses else " (unexpected)"
            print(f"| {case.name} ({len(body):,} bytes) | {status}{ok} | {answer} | {elapsed:.2f} s |")
        print(f"\nAfter all of them: GET /healthz -> {request(server.port, 'GET', '/healthz')[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
