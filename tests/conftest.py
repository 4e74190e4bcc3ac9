"""Shared fixtures: the Flask ``app`` and ``client``, the shared corpus of real pages, and the
reading list's databases (SQLite, and a real PostgreSQL started for the test session)."""

from __future__ import annotations

import atexit
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app, db, users
from tests.postgres import PostgresServer
from tests.service import Clearpage, clearpage_serve, free_port

NETWORK_GUARD = Path(__file__).resolve().parent / "network_guard"

# No outbound network, ever: this process and every process it starts (clearpage serve, gunicorn's
# workers, benchmark helpers) load the guard, which refuses any connection or name lookup beyond
# this machine. Set before any test runs, so subprocesses inherit it through PYTHONPATH.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(NETWORK_GUARD), os.environ.get("PYTHONPATH")]))
sys.path.insert(0, str(NETWORK_GUARD))
import sitecustomize  # noqa: E402, F401 -- the guard, in this process too

# No test touches the reader's own data directory: every app and every `clearpage` the tests
# start (they inherit the variable) keeps its SQLite database in this folder, made ready here.
TEST_DATA_DIR = tempfile.mkdtemp(prefix="clearpage-test-data-")
os.environ["CLEARPAGE_DATA_DIR"] = TEST_DATA_DIR
atexit.register(shutil.rmtree, TEST_DATA_DIR, ignore_errors=True)
db.upgrade(f"sqlite:///{TEST_DATA_DIR}/{db.SQLITE_FILE}")

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def app() -> Flask:
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def wait_until(ready: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not happen within {seconds} s")


class RedisServer:
    """A real redis-server on a free loopback port, without persistence; stop and start it at will."""

    def __init__(self) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise FileNotFoundError("redis-server is missing: ./scripts/test installs it (apt).")
        self.executable = executable
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        command = [self.executable, "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._answers, 10, "redis-server answering PING")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    yield server
    server.stop()


class Served:
    """A running ``clearpage serve`` (tests/service.py) whose log goes to a file, read as JSON."""

    def __init__(self, server: Clearpage, log_path: Path) -> None:
        self.port = server.port
        self.process = server.process
        self.log_path = log_path

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """One request on a new connection; the response, its body already read."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def stop(self) -> list[dict]:
        """SIGTERM, wait, and the log lines, each parsed from its JSON."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)
        return [json.loads(line) for line in self.log_path.read_text().splitlines()]


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Served]]:
    """Start ``clearpage serve --workers N`` with settings by name (RATELIMIT_DEFAULT="2/hour")."""
    started: list[Served] = []
    with ExitStack() as running:

        def start(workers: int = 1, **settings: str) -> Served:
            log_path = tmp_path / f"serve-{len(started)}.log"
            server = running.enter_context(clearpage_serve(workers, log_path=log_path, **settings))
            started.append(Served(server, log_path))
            return started[-1]

        yield start


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL for the whole session (tests/postgres.py)."""
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, migrated database of each kind, as CLEARPAGE_DATABASE_URL names it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'reading.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    db.upgrade(db.database_url({"DATABASE_URL": url}))
    return url


@pytest.fixture
def reading_app(database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "RATELIMIT_ENABLED": False})
    engine = app.extensions["clearpage_db"]
    yield app
    engine.dispose()  # close its pooled connections now, not when they are garbage
    app.extensions["clearpage_db"].dispose()  # and a test's own engine, if it put one in


@dataclass(frozen=True)
class ReaderClient:
    """A test client that sends one reader's token with every request."""

    client: FlaskClient
    token: str
    name: str

    def open(self, method: str, path: str, **kwargs: Any):
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        return self.client.open(path, method=method, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any):
        return self.open("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any):
        return self.open("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any):
        return self.open("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any):
        return self.open("DELETE", path, **kwargs)


@pytest.fixture
def add_reader(reading_app: Flask) -> Callable[[str], ReaderClient]:
    """Make a reader in the test database; a client that acts as them."""

    def add(name: str) -> ReaderClient:
        tokens = users.add(reading_app.extensions["clearpage_db"], name)
        return ReaderClient(reading_app.test_client(), tokens.token, name)

    return add


@pytest.fixture
def reader(add_reader: Callable[[str], ReaderClient]) -> ReaderClient:
    return add_reader("ana")
