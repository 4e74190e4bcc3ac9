"""The database layer: URLs, SQLite's settings, the migrations matching the models, and errors
that keep readers' data out of the log."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from server import db
from server.models import Base


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("", "sqlite:////srv/data/clearpage.sqlite3"),
        ("postgresql://u:p@h:5432/d", "postgresql+psycopg://u:p@h:5432/d"),
        ("postgres://u@h/d", "postgresql+psycopg://u@h/d"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url(setting, expected):
    assert db.database_url({"DATABASE_URL": setting, "DATA_DIR": "/srv/data"}) == expected


def test_the_default_data_dir_is_the_platforms():
    assert str(db.data_dir({"DATA_DIR": ""})).endswith("clearpage")


def test_migrations_make_exactly_the_models_tables(database_url):
    engine = db.make_engine(db.database_url({"DATABASE_URL": database_url}))
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_twice_is_harmless(database_url):
    url = db.database_url({"DATABASE_URL": database_url})
    db.upgrade(url)
    engine = db.make_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    engine.dispose()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys(database_url):
    engine = db.make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == db.SQLITE_BUSY_MILLISECONDS
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_database_errors_do_not_carry_the_statements_values(database_url):
    engine = db.make_engine(db.database_url({"DATABASE_URL": database_url}))
    with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
        connection.execute(text("INSERT INTO users (id, name) VALUES (1, :name)"), {"name": "ana"})
    engine.dispose()
    assert "SQL parameters hidden" in str(caught.value)


def test_a_database_error_is_a_500_problem_whose_log_has_no_reader_data(reader, monkeypatch, caplog):
    from server import reading_list

    secret = "https://private.example/diary"

    def broken(*args, **kwargs):
        # PostgreSQL's own message names the row's values ("Key (url)=(...) already exists").
        raise IntegrityError("INSERT ...", {}, Exception(f"DETAIL: Failing row contains ({secret})"))

    monkeypatch.setattr(reading_list, "listing", broken)
    response = reader.get("/v1/articles")
    assert response.status_code == 500
    assert response.get_json()["type"] == "urn:clearpage:problem:internal-error"
    assert "IntegrityError" in caplog.text
    assert secret not in caplog.text and secret not in response.get_data(as_text=True)
