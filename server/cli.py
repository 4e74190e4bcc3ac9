"""The ``clearpage`` command: ``serve`` the API, ``extract`` one saved page, make a ``new-key``."""

from __future__ import annotations

import json
import sys

import click

from server.config import SETTINGS, ConfigError
from server.errors import ClearpageError
from server.version import __version__

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
    from server.auth import key_digest
    from server.auth import new_key as make_key

    key = make_key()
    click.echo(f"key: {key}")
    click.echo(f"{key_digest(key)}  # for CLEARPAGE_API_KEYS_FILE; the key itself is not stored")


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
