"""Check what a reader sends to the reading list: the fields they may set, and the list's query.

Everything that does not fit gets a 400 that says what would: never a 500 from the database
choking on a value (PostgreSQL refuses NUL characters and unpaired surrogates in text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from server.errors import BadRequest
from server.reading_list import Changes, Filters

CHANGEABLE = ("tags", "archived", "favourite", "progress")
MAX_TAGS = 50
MAX_TAG_CHARS = 100
MAX_QUERY_CHARS = 200
MAX_PER_PAGE = 100
MAX_PAGE = 100_000
MAX_ID = 2**31 - 1  # the largest id the integer key column holds (PostgreSQL integer)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _storable(value: str, what: str) -> str:
    if _CONTROL.search(value):
        raise BadRequest(f"{what} has control characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(f"{what} is not valid Unicode text.") from None
    return value


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise BadRequest("'tags' must be a list of strings.")
    tags = [_storable(tag.strip(), "A tag") for tag in value]
    if any(not tag or len(tag) > MAX_TAG_CHARS for tag in tags):
        raise BadRequest(f"Each tag must be 1 to {MAX_TAG_CHARS} characters.")
    unique = tuple(dict.fromkeys(tags))
    if len(unique) > MAX_TAGS:
        raise BadRequest(f"An article takes at most {MAX_TAGS} tags.")
    return unique


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise BadRequest(f"'{name}' must be true or false.")
    return value


def _progress(value: Any) -> float:
    # Compared before any float(): a 400-digit integer is out of range, not an OverflowError; NaN
    # and infinity fail the comparison too.
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise BadRequest("'progress' must be a number from 0 to 1.")
    return float(value)


def changes(fields: Mapping[str, Any], *, strict: bool) -> Changes:
    """The reader's settings among ``fields``; ``strict`` refuses any other member (PATCH)."""
    if strict and (unknown := sorted(set(fields) - set(CHANGEABLE))):
        raise BadRequest(f"Only {', '.join(CHANGEABLE)} can be changed, not {', '.join(map(repr, unknown))}.")
    return Changes(
        tags=_tags(fields["tags"]) if "tags" in fields else None,
        archived=_flag(fields["archived"], "archived") if "archived" in fields else None,
        favourite=_flag(fields["favourite"], "favourite") if "favourite" in fields else None,
        progress=_progress(fields["progress"]) if "progress" in fields else None,
    )


def _boolean_arg(args: Mapping[str, str], name: str) -> bool | None:
    value = args.get(name)
    if value is None:
        return None
    if value not in ("true", "false"):
        raise BadRequest(f"'{name}' must be true or false.")
    return value == "true"


def _int_arg(args: Mapping[str, str], name: str, default: int, largest: int) -> int:
    value = args.get(name)
    if value is None:
        return default
    # Counted before int(): Python refuses to convert a string of more than 4,300 digits.
    digits = value.lstrip("0") if value.isascii() and value.isdigit() else ""
    if not digits or len(digits) > len(str(largest)) or int(digits) > largest:
        raise BadRequest(f"'{name}' must be a whole number from 1 to {largest}.")
    return int(digits)


def _text_arg(args: Mapping[str, str], name: str, largest: int) -> str | None:
    value = args.get(name)
    if value is None:
        return None
    if len(value) > largest:
        raise BadRequest(f"'{name}' is longer than {largest} characters.")
    return _storable(value, f"'{name}'")


def filters(args: Mapping[str, str]) -> Filters:
    """``q``, ``tag``, ``archived`` and ``favourite`` from the list's query string."""
    tag = _text_arg(args, "tag", MAX_TAG_CHARS)
    return Filters(
        q=_text_arg(args, "q", MAX_QUERY_CHARS),
        tag=tag.strip() if tag is not None else None,
        archived=_boolean_arg(args, "archived"),
        favourite=_boolean_arg(args, "favourite"),
    )


def page(args: Mapping[str, str]) -> int:
    return _int_arg(args, "page", 1, MAX_PAGE)


def per_page(args: Mapping[str, str]) -> int:
    return _int_arg(args, "per_page", 20, MAX_PER_PAGE)


def output_format(args: Mapping[str, str], allowed: tuple[str, ...]) -> str:
    value = args.get("format", allowed[0])
    if value not in allowed:
        raise BadRequest(f"'format' must be one of {', '.join(allowed)}.")
    return value
