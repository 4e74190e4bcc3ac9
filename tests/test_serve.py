"""gunicorn as ``clearpage serve`` runs it: its settings, worker count, and a graceful SIGTERM."""

from __future__ import annotations

import json
import logging
import signal
import socket
import time

import pytest

from server import serve as serve_module
from server.serve import JsonLogger, default_workers, gunicorn_options
from tests.conftest import fixture_bytes


def test_timeouts_follow_the_pipeline_time_limit():
    options = gunicorn_options("127.0.0.1", 8080, 2, time_limit=10)
    assert options["timeout"] > 10  # the pipeline stops itself first; gunicorn only backs it up
    assert options["graceful_timeout"] >= options["timeout"]  # a request in hand may finish
    assert gunicorn_options("127.0.0.1", 8080, 2, time_limit=45)["timeout"] > 45


def test_workers_are_recycled_with_jitter_and_logged_as_json():
    options = gunicorn_options("::1", 8080, None, time_limit=10)
    assert options["bind"] == "[::1]:8080"
    assert options["workers"] == default_workers()
    assert options["worker_class"] == "sync"
    assert options["max_requests"] > 0 and 0 < options["max_requests_jitter"] < options["max_requests"]
    assert options["logger_class"] is JsonLogger and options["accesslog"] == "-"


@pytest.mark.parametrize(
    ("cpu_max", "expected"),
    [("max 100000\n", None), ("100000 100000\n", 1), ("150000 100000\n", 2), ("garbage", None)],
)
def test_default_workers_honour_a_container_cpu_quota(tmp_path, monkeypatch, cpu_max, expected):
    monkeypatch.setattr(serve_module.os, "sched_getaffinity", lambda pid: set(range(8)))
    cpu_max_file = tmp_path / "cpu.max"
    cpu_max_file.write_text(cpu_max)
    monkeypatch.setattr(serve_module, "CGROUP_CPU_MAX", cpu_max_file)
    assert default_workers() == (expected or 8)


@pytest.fixture
def quiet_run(monkeypatch, capsys):
    """``serve.run`` up to the point where gunicorn would start, with its log captured."""
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    monkeypatch.setattr(serve_module.ClearpageServer, "run", lambda self: None)
    monkeypatch.setattr(serve_module.metrics, "use_shared_directory", lambda directory: None)
    for name in ("CLEARPAGE_API_KEYS", "CLEARPAGE_API_KEYS_FILE"):
        monkeypatch.delenv(name, raising=False)

    def run(host, **env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        serve_module.run(host, 1, 1)
        return [json.loads(line) for line in capsys.readouterr().err.splitlines()]

    yield run
    root.handlers[:], root.level = before


def test_binding_beyond_loopback_without_keys_warns(quiet_run):
    warnings = [r for r in quiet_run("0.0.0.0") if r["level"] == "WARNING"]
    assert len(warnings) == 1 and "without API keys" in warnings[0]["message"]


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost"])
def test_loopback_needs_no_keys(quiet_run, host):
    assert not [r for r in quiet_run(host) if r["level"] == "WARNING"]


def test_keys_silence_the_warning(quiet_run):
    assert not [r for r in quiet_run("0.0.0.0", CLEARPAGE_API_KEYS="k3y-0123456789abcdefghij")]


def read_response(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def test_sigterm_lets_the_request_in_hand_finish(serve):
    served = serve(1)
    page = fixture_bytes("article.html")
    head = (
        "POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/html\r\n"
        f"Content-Length: {len(page)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", served.port), timeout=30) as sock:
        sock.sendall(head.encode())
        # "100 Continue" comes from the worker that has taken the request: it is in hand now.
        interim = b""
        while b"\r\n\r\n" not in interim:
            interim += sock.recv(64)
        assert interim.startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(page[:200])
        served.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)  # the stop is under way while the body is still arriving
        sock.sendall(page[200:])
        response = read_response(sock)
    assert response.startswith(b"HTTP/1.1 200 ")
    assert b"How the river came back to the valley" in response
    assert served.process.wait(timeout=30) == 0
    log = served.stop()
    signalled = next(n for n, r in enumerate(log) if r["message"] == "Handling signal: term")
    answered = next(n for n, r in enumerate(log) if r.get("path") == "/v1/extract")
    assert signalled < answered  # the extraction was answered after the stop began
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", served.port), timeout=5)
