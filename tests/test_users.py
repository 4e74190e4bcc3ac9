"""Readers and tokens: `clearpage users ...`, digests only, and the token working over HTTP."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from server import create_app, users
from server.cli import main


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARPAGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CLEARPAGE_DATABASE_URL", raising=False)
    return tmp_path / "data"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_users_add_prints_the_token_last_and_stores_only_digests(data_dir):
    result = run("users", "add", "ana")
    assert result.exit_code == 0, result.output
    token = result.output.split()[-1]
    assert len(token) == 43  # 32 random bytes, URL-safe base64
    dump = "\n".join(sqlite3.connect(data_dir / "clearpage.sqlite3").iterdump())
    assert token not in dump
    assert users.digest(token) in dump
    assert users.feed_token_for(token) not in dump and users.digest(users.feed_token_for(token)) in dump
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()["name"] == "ana"


def test_users_are_listed_with_their_article_counts(data_dir):
    for name in ("bo", "ana"):
        assert run("users", "add", name).exit_code == 0
    result = run("users", "list")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.output.splitlines()] == ["ana", "bo"]
    assert all(line.endswith("\t0 articles") for line in result.output.splitlines())


def test_users_token_replaces_the_token(data_dir):
    old = run("users", "add", "ana").output.split()[-1]
    result = run("users", "token", "ana")
    assert result.exit_code == 0
    new = result.output.split()[-1]
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {old}"}).status_code == 401
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {new}"}).status_code == 200


def test_users_remove_asks_then_deletes(data_dir):
    token = run("users", "add", "ana").output.split()[-1]
    assert run("users", "remove", "ana", input="n\n").exit_code == 1
    assert run("users", "remove", "ana", "--yes").exit_code == 0
    assert run("users", "list").output == ""
    client = create_app({"TESTING": True}).test_client()
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "add", "two words"), "1 to 64 letters"),
        (("users", "add", "x" * 65), "1 to 64 letters"),
        (("users", "token", "nobody"), "no reader called 'nobody'"),
        (("users", "remove", "nobody", "--yes"), "no reader called 'nobody'"),
    ],
)
def test_user_commands_fail_clearly(data_dir, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


def test_a_name_is_taken_once(data_dir):
    assert run("users", "add", "ana").exit_code == 0
    result = run("users", "add", "ana")
    assert result.exit_code == 1 and "already a reader called 'ana'" in result.output


def test_a_bad_database_setting_is_a_usage_error(data_dir, monkeypatch):
    monkeypatch.setenv("CLEARPAGE_DATABASE_URL", "mysql://x/y")
    result = run("users", "list")
    assert result.exit_code == 2 and "CLEARPAGE_DATABASE_URL" in result.output


def test_db_upgrade_creates_the_sqlite_file_in_the_data_dir(data_dir):
    result = run("db", "upgrade")
    assert result.exit_code == 0
    assert (data_dir / "clearpage.sqlite3").is_file()
    assert run("db", "upgrade").exit_code == 0  # and again: nothing to do


def test_tokens_are_random_and_feed_tokens_derive_from_them():
    tokens = {users.feed_token_for(f"token-{n}") for n in range(100)}
    assert len(tokens) == 100
    assert users.feed_token_for("a") == users.feed_token_for("a") != users.feed_token_for("b")
