"""The ``clearpage`` command: ``serve`` the API, ``extract`` one saved page, make a ``new-key``,
manage ``users`` (readers and their tokens) and the ``db`` schema."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from server.config import SETTINGS, ConfigError
from server.errors import ClearpageError
from server.version import __version__

if TYPE_CHECKING:
    from sqlalchemy import Engine

FORMATS = ("json", "html", "text", "markdown")


def _settings_help() -> str:
    return "\n".join(f"  {setting.env_var} (default {setting.default!r})" for setting in SETTINGS)


@click.group()
@click.version_option(__version__, prog_name="clearpage")
def main() -> None:
    """Clearpage: self-hosted reader mode. Page HTML in, a clean, safe article out."""


@main.command(epilog="Settings come from the environment:\n\n" + _settings_help())
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 256), help="gunicorn worker processes [default: one per CPU].")
def serve(host: str, port: int, workers: int | None) -> None:
    """Run the API under gunicorn, in the foreground, logging to stderr."""
    from server.serve import run

    try:
        run(host, port, workers)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


@main.command("new-key")
def new_key() -> None:
    """Make a random API key, and the line that admits it in CLEARPAGE_API_KEYS_FILE."""
    from server.auth import new_key as make_key
    from server.users import digest

    key = make_key()
    click.echo(f"key: {key}")
    click.echo(f"{digest(key)}  # for CLEARPAGE_API_KEYS_FILE; the key itself is not stored")


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--url", help="The page's address, so that relative links become absolute.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="json", show_default=True)
def extract(file: click.utils.LazyFile, url: str | None, output_format: str) -> None:
    """Extract the article from a saved page (FILE, or - for standard input)."""
    from server.pipeline import extract as run_pipeline
    from server.pipeline.render import to_markdown

    try:
        article = run_pipeline(file.read(), url=url)
    except ClearpageError as error:
        click.echo(f"clearpage: {error.detail}", err=True)
        sys.exit(1)
    if output_format == "json":
        click.echo(json.dumps(article.as_dict(), ensure_ascii=False, indent=2))
    elif output_format == "html":
        click.echo(article.content_html)
    elif output_format == "text":
        click.echo(article.text)
    else:
        click.echo(to_markdown(article.content_html, article.title), nl=False)


def _database() -> Engine:
    """The configured database, upgraded to the newest schema (every command here needs the tables)."""
    from flask import Config

    from server import config, db

    settings = Config(".")  # reads CLEARPAGE_* variables as the app does
    try:
        config.load(settings)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    url = db.database_url(settings)
    db.upgrade(url)
    return db.make_engine(url)


@main.group("db")
def database() -> None:
    """The reading list's database (CLEARPAGE_DATABASE_URL, else SQLite in CLEARPAGE_DATA_DIR)."""


@database.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the tables to the newest schema (clearpage serve does this at start too)."""
    _database().dispose()
    click.echo("database schema is up to date")


@main.group()
def users() -> None:
    """Readers of the reading list, each with a token for every device."""


def _user_command(action: Callable[[Engine], Any]) -> Any:
    from server.users import UserError

    engine = _database()
    try:
        return action(engine)
    except UserError as error:
        raise click.ClickException(str(error)) from None
    finally:
        engine.dispose()


def _show_tokens(tokens: Any) -> None:
    click.echo(f"feed token (read-only, for /v1/feed.atom?token=...): {tokens.feed_token}")
    click.echo(f"token for {tokens.name} (shown once; the server keeps only its digest): {tokens.token}")


@users.command("add")
@click.argument("name")
def users_add(name: str) -> None:
    """Make a reader; the token is the last word printed."""
    from server import users as readers

    _show_tokens(_user_command(lambda engine: readers.add(engine, name)))


@users.command("token")
@click.argument("name")
def users_token(name: str) -> None:
    """Give a reader a new token (and feed token); the old ones stop working at once."""
    from server import users as readers

    _show_tokens(_user_command(lambda engine: readers.new_token(engine, name)))


@users.command("remove")
@click.argument("name")
@click.confirmation_option(prompt="Delete this reader and every article they saved?")
def users_remove(name: str) -> None:
    """Delete a reader and every article they saved."""
    from server import users as readers

    _user_command(lambda engine: readers.remove(engine, name))
    click.echo(f"removed {name}")


@users.command("list")
def users_list() -> None:
    """Every reader, with when they were added and how many articles they keep."""
    from server import users as readers

    for reader in _user_command(readers.readers):
        click.echo(f"{reader.name}\t{reader.created_at:%Y-%m-%d}\t{reader.articles} articles")
