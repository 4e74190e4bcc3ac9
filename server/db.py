"""The reading list's database: SQLite in DATA_DIR by default, PostgreSQL by DATABASE_URL.

SQLAlchemy 2 talks to both; Alembic (``server/migrations``) makes and changes the tables.
``clearpage serve`` upgrades the schema once, in gunicorn's master before any worker starts, and
``clearpage db upgrade`` / ``clearpage users ...`` do the same, so no worker ever races another
through a migration.

SQLite runs in WAL mode with a long busy timeout: readers never wait, and a writer waits for the
one before it instead of failing, so concurrent saves from several workers all land. Every write
transaction starts with its write (an INSERT or UPDATE), which is what lets SQLite's busy timeout
apply to it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from flask import Flask, Response, current_app
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from server.errors import ServiceUnavailable, error_response, internal_error

log = logging.getLogger(__name__)
# Alembic says which database kind it found at every start; only an actual migration is news.
logging.getLogger("alembic").setLevel(logging.WARNING)

SQLITE_FILE = "clearpage.sqlite3"
SQLITE_BUSY_MILLISECONDS = 30_000
# One lock id for every Clearpage instance sharing a PostgreSQL database: migrations run one at a time.
MIGRATION_LOCK_ID = 0x636C6561


def data_dir(config: Any) -> Path:
    """DATA_DIR, else the platform's data directory for Clearpage."""
    return Path(config["DATA_DIR"] or platformdirs.user_data_dir("clearpage", appauthor=False))


def database_url(config: Any) -> str:
    """The SQLAlchemy URL: DATABASE_URL with psycopg 3 as PostgreSQL's driver, else SQLite in DATA_DIR."""
    url = config["DATABASE_URL"]
    if not url:
        return f"sqlite:///{data_dir(config) / SQLITE_FILE}"
    scheme, rest = url.split(":", 1)
    if scheme in ("postgresql", "postgres"):  # SQLAlchemy's default driver would be psycopg2
        return "postgresql+psycopg:" + rest
    return url


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MILLISECONDS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, the busy timeout and foreign keys."""
    # hide_parameters: a database error's message (and so a logged traceback) never carries the
    # values of a statement, which are readers' URLs and articles.
    if make_url(url).get_backend_name() == "sqlite":
        timeout = SQLITE_BUSY_MILLISECONDS / 1000
        engine = create_engine(url, connect_args={"timeout": timeout}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _ensure_sqlite_directory(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)


def upgrade(url: str) -> None:
    """Bring the database at ``url`` to the newest schema (creating the SQLite file if needed)."""
    _ensure_sqlite_directory(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            before = MigrationContext.configure(connection).get_current_revision()
            alembic_config = Config()
            alembic_config.set_main_option("script_location", str(files("server") / "migrations"))
            alembic_config.attributes["connection"] = connection
            command.upgrade(alembic_config, "head")
            after = MigrationContext.configure(connection).get_current_revision()
        if after != before:
            log.info("database schema migrated", extra={"from_revision": before, "to_revision": after})
    finally:
        engine.dispose()


def engine() -> Engine:
    """This app's engine."""
    return current_app.extensions["clearpage_db"]


@contextmanager
def session() -> Iterator[Session]:
    """A session in one transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine(), expire_on_commit=False) as active, active.begin():
        yield active


def _unavailable(error: OperationalError) -> Response:
    # The driver's message may name the host or the file; the log gets only the kind of failure.
    current_app.logger.error("database unavailable: %s", type(error.orig).__name__)
    refusal = ServiceUnavailable("The reading list's database cannot be reached right now. Try again in a moment.")
    return error_response(refusal)


def _failed(error: SQLAlchemyError) -> Response:
    # A bug, not bad input. No traceback: the database's own message may quote a row's values.
    current_app.logger.error("database error: %s", type(error).__name__)
    return internal_error()


def init_app(app: Flask) -> None:
    """Give the app its engine (no connection is made until a request needs one)."""
    app.extensions["clearpage_db"] = make_engine(database_url(app.config))
    app.register_error_handler(OperationalError, _unavailable)
    app.register_error_handler(SQLAlchemyError, _failed)
