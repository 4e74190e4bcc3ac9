"""Send every hostile input (tests/hostile_inputs.py) to a real `clearpage serve` on its defaults and
print the table docs/security.md records: input, status, problem type, time.

    .venv/bin/python benchmarks/hostile.py
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile_inputs import HOSTILE_INPUTS  # noqa: E402
from tests.test_cli import free_port  # noqa: E402


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
    port = free_port()
    env = {**os.environ, "CLEARPAGE_RATELIMIT_ENABLED": "false"}
    server = subprocess.Popen([str(Path(sys.executable).with_name("clearpage")), "serve", "--port", str(port)],
                              env=env, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(300):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        print("| input | status | answer | time |")
        print("| --- | --- | --- | --- |")
        for case in HOSTILE_INPUTS:
            body = case.body()
            started = time.perf_counter()
            status, payload = request(
                port, "POST", "/v1/extract", body, {"Content-Type": case.content_type, **case.headers}
            )
            elapsed = time.perf_counter() - started
            answer = json.loads(payload).get("type", "") if status >= 400 else "the article"
            answer = answer.removeprefix("urn:clearpage:problem:")
            ok = "" if status in case.statuses else " (unexpected)"
            print(f"| {case.name} ({len(body):,} bytes) | {status}{ok} | {answer} | {elapsed:.2f} s |")
        alive = request(port, "GET", "/healthz")[0]
        print(f"\nAfter all of them: GET /healthz -> {alive}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
