"""The one registry of settings: name, default and help, read from ``CLEARPAGE_*`` variables.

Flask reads ``CLEARPAGE_<NAME>`` into ``app.config["<NAME>"]`` (``from_prefixed_env``, values
parsed as JSON where they parse). This module says which names exist, what they default to and
what they mean; the README's configuration table and ``clearpage serve --help`` are built from it,
and a test fails when a setting is missing from the README.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

ENV_PREFIX = "CLEARPAGE"


class ConfigError(ValueError):
    """A setting has a value the service cannot run with."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    check: Callable[[Any], bool] = lambda value: True
    expected: str = ""

    @property
    def env_var(self) -> str:
        return f"{ENV_PREFIX}_{self.name}"


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _positive_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _boolean(value: Any) -> bool:
    return isinstance(value, bool)


def as_list(value: Any) -> list[str]:
    """A list setting's items: a JSON list, or one string separated by commas or whitespace."""
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item for item in re.split(r"[\s,]+", str(value)) if item]


def _api_keys(value: Any) -> bool:
    # Keys are bearer secrets: anything short enough to guess is refused at start.
    return isinstance(value, str | list) and all(len(key) >= 16 for key in as_list(value))


def _networks(value: Any) -> bool:
    try:
        for item in as_list(value):
            ipaddress.ip_network(item, strict=False)
    except ValueError:
        return False
    return isinstance(value, str | list)


# Chrome extension ids are 32 letters a-p; Firefox gives each installation a random UUID.
EXTENSION_ORIGIN = re.compile(
    r"chrome-extension://[a-p]{32}"
    r"|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


def _extension_origins(value: Any) -> bool:
    return isinstance(value, str | list) and all(EXTENSION_ORIGIN.fullmatch(origin) for origin in as_list(value))


def _database_url(value: Any) -> bool:
    return isinstance(value, str) and (not value or value.split(":", 1)[0].split("+")[0] in DATABASE_SCHEMES)


def _http_url(value: Any) -> bool:
    return isinstance(value, str) and (not value or re.fullmatch(r"https?://[^\s/?#]+\S*", value) is not None)


DATABASE_SCHEMES = ("sqlite", "postgresql", "postgres")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "MAX_BODY_BYTES",
        10 * 1024 * 1024,
        "Largest page accepted, in bytes, measured after gzip decompression; larger gets 413.",
        _positive_int,
        "a positive integer",
    ),
    Setting(
        "EXTRACT_TIME_LIMIT_SECONDS",
        10,
        "Longest one extraction may run before the page gets 422 (too complex); gunicorn's worker "
        "timeout is set above it.",
        _positive_number,
        "a positive number",
    ),
    Setting(
        "LOG_LEVEL",
        "INFO",
        "Logging level of Clearpage's own loggers (other libraries stay at INFO); DEBUG adds time per "
        "pipeline stage. No article text or page URL is logged at INFO or above.",
        lambda value: value in ("DEBUG", "INFO", "WARNING", "ERROR"),
        "DEBUG, INFO, WARNING or ERROR",
    ),
    Setting(
        "RATELIMIT_DEFAULT",
        "600/minute",
        "flask-limiter's limit per client on the extract endpoint (its own syntax, e.g. 60/minute).",
        _text,
        "a flask-limiter limit string",
    ),
    Setting(
        "RATELIMIT_ENABLED",
        True,
        "false turns rate limiting off (benchmarks, a private instance behind its own limits).",
        lambda value: isinstance(value, bool),
        "true or false",
    ),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        "Where flask-limiter keeps its counts: memory:// (one process) or redis://host:port.",
        _text,
        "a storage URI",
    ),
    Setting(
        "RATELIMIT_SWALLOW_ERRORS",
        True,
        "What the limiter does when its storage (Redis) cannot be reached: true serves the request "
        "unlimited and logs the error (fail open); false answers 503 (fail closed).",
        _boolean,
        "true or false",
    ),
    Setting(
        "TRUSTED_PROXIES",
        "",
        "Addresses or networks of reverse proxies (e.g. 127.0.0.1,10.0.0.0/8) whose X-Forwarded-For "
        "names the client; empty: X-Forwarded-For is ignored and the peer address is the client.",
        _networks,
        "IP addresses or networks, separated by commas",
    ),
    Setting(
        "API_KEYS",
        "",
        "API keys, separated by commas (16 characters or more each); when this or API_KEYS_FILE is "
        "set, the API needs Authorization: Bearer <key>. Empty: no key is needed.",
        _api_keys,
        "keys of 16 or more characters, separated by commas",
    ),
    Setting(
        "API_KEYS_FILE",
        "",
        "A file of SHA-256 hex digests of API keys, one a line (# starts a comment), as "
        "clearpage new-key prints them; combined with API_KEYS.",
        _text,
        "a file path",
    ),
    Setting(
        "CORS_ORIGINS",
        "",
        "Browser-extension origins (chrome-extension://<id>, moz-extension://<uuid>) allowed to call "
        "the API from a browser, separated by commas. Empty: any extension origin; never a web page.",
        _extension_origins,
        "chrome-extension:// or moz-extension:// origins, separated by commas",
    ),
    Setting(
        "IMAGES",
        True,
        "Keep the article's images (loaded by the reader's browser from the publisher). false drops "
        "them all, so reading a page makes no request to anyone.",
        lambda value: isinstance(value, bool),
        "true or false",
    ),
    Setting(
        "READING_WORDS_PER_MINUTE",
        230,
        "Reading speed behind reading_minutes (characters per minute for CJK text is twice this).",
        _positive_number,
        "a positive number",
    ),
    Setting(
        "DATA_DIR",
        "",
        "Where the SQLite database and any other local state live. Empty: the platform's data directory "
        "(~/.local/share/clearpage on Linux); the Docker image sets /data, a volume.",
        _text,
        "a directory path",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "The reading list's database: empty for SQLite in DATA_DIR (clearpage.sqlite3), or "
        "postgresql://user:password@host:5432/dbname for PostgreSQL (through psycopg 3).",
        _database_url,
        "empty, a sqlite:// URL or a postgresql:// URL",
    ),
    Setting(
        "SUMMARY_URL",
        "",
        "An OpenAI-compatible chat completions endpoint (e.g. http://127.0.0.1:11434/v1/chat/completions) "
        "that writes a short summary when a reader asks for key points. Empty (the default): no summary, and "
        "the server makes no outbound request at all. The article's text is sent there.",
        _http_url,
        "empty, or an http(s) URL",
    ),
    Setting(
        "SUMMARY_MODEL",
        "",
        "The model name sent to SUMMARY_URL (its API's model field).",
        _text,
        "a model name",
    ),
    Setting(
        "SUMMARY_API_KEY",
        "",
        "Sent to SUMMARY_URL as Authorization: Bearer <key> when set; never logged.",
        _text,
        "a string",
    ),
    Setting(
        "SUMMARY_TIMEOUT_SECONDS",
        8,
        "Longest the summary call may take in all (connect, send, answer); past it the reader gets the key "
        "points with a note. gunicorn's worker timeout grows by this much when SUMMARY_URL is set.",
        _positive_number,
        "a positive number",
    ),
)

BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}


def defaults() -> dict[str, Any]:
    """Every setting at its default, as Flask config keys."""
    return {setting.name: setting.default for setting in SETTINGS}


def check(config: Mapping[str, Any]) -> None:
    """Raise ConfigError naming the variable when a setting has an unusable value."""
    for setting in SETTINGS:
        value = config.get(setting.name, setting.default)
        if not setting.check(value):
            raise ConfigError(f"{setting.env_var}={value!r}: expected {setting.expected}")


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """CLEARPAGE_* variables that name no setting: usually a typo worth a warning.

    ``CLEARPAGE_RATELIMIT_*`` are all flask-limiter's own settings, passed through as they are.
    """
    known = {setting.env_var for setting in SETTINGS}
    return sorted(
        name
        for name in environ
        if name.startswith(f"{ENV_PREFIX}_") and name not in known and not name.startswith(f"{ENV_PREFIX}_RATELIMIT_")
    )


def load(config: MutableMapping[str, Any], test_config: Mapping[str, Any] | None = None) -> None:
    """Fill a Flask config: defaults, then CLEARPAGE_* variables, then ``test_config``; then check."""
    config.update(defaults())
    from_prefixed_env = getattr(config, "from_prefixed_env", None)
    if from_prefixed_env is not None:
        from_prefixed_env(ENV_PREFIX)
    if test_config:
        config.update(test_config)
    check(config)
