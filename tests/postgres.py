"""A throwaway PostgreSQL server for the tests: a new cluster in a temporary folder, on a free
loopback port, started with Debian's initdb and pg_ctl (``scripts/test`` installs the package).

PostgreSQL refuses to run as root, and CI runs as root: then the cluster belongs to the
``postgres`` user that Debian's package creates, and its commands run through ``runuser``.
Durability settings are off: a test server that loses its data in a power cut loses nothing.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

from tests.service import free_port

SUPERUSER = "clearpage"


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise FileNotFoundError("PostgreSQL's initdb is missing: ./scripts/test installs it (apt, postgresql).")
    return Path(initdb).parent


class PostgresServer:
    """initdb, start, a new database per test, stop; everything under one temporary folder."""

    def __init__(self) -> None:
        self.bin = _binaries()
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="clearpage-postgres-"))
        self.data = self.folder / "data"
        self.run_as = "postgres" if os.geteuid() == 0 else None
        if self.run_as is not None:
            try:
                account = pwd.getpwnam(self.run_as)
            except KeyError:
                raise FileNotFoundError("no 'postgres' user: install Debian's postgresql package") from None
            os.chown(self.folder, account.pw_uid, account.pw_gid)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        result = subprocess.run(prefix + list(command), capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}\n{result.stderr}")

    def start(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        log = self.folder / "server.log"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new, empty database; its URL in the form CLEARPAGE_DATABASE_URL takes."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)
