"""`clearpage serve` as the tests and benchmarks start it: the real gunicorn, on a free loopback
port, waited for until /healthz answers, stopped with SIGTERM as an operator would."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@dataclass
class Clearpage:
    url: str
    port: int
    process: subprocess.Popen[str]


@contextmanager
def clearpage_serve(
    workers: int = 1, capture_log: bool = False, log_path: Path | None = None, **settings: str
) -> Iterator[Clearpage]:
    """``clearpage serve`` with CLEARPAGE_<name> settings; ``capture_log`` keeps its stderr in a pipe,
    ``log_path`` in a file (a pipe nobody reads fills up and stops the server after a few hundred
    log lines)."""
    port = free_port()
    env = {**os.environ, **{f"CLEARPAGE_{name}": value for name, value in settings.items()}}
    command = [
        str(Path(sys.executable).with_name("clearpage")),
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    log_file = log_path.open("w") if log_path else None
    stderr = log_file or (subprocess.PIPE if capture_log else subprocess.DEVNULL)
    process = subprocess.Popen(command, env=env, stderr=stderr, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError(f"clearpage serve did not answer /healthz on port {port} within 30 s")
    try:
        yield Clearpage(f"http://127.0.0.1:{port}", port, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()
        if log_file is not None:
            log_file.close()
