"""Read the page out of an extract request: content type, gzip, size limit, the ``url`` field.

Two shapes are accepted (docs/api.md): JSON ``{"url": ..., "html": ...}``, or the raw page bytes
as ``text/html`` with ``?url=``. The size limit applies to the decompressed body, checked from
``Content-Length`` before anything is read and again while reading, so no body larger than the
limit is ever held in memory, compressed or not.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Request

from server.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

JSON_TYPES = frozenset({"application/json"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024
MAX_URL_CHARS = 8192
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]")


@dataclass(frozen=True)
class PageRequest:
    page: bytes | str
    url: str | None
    charset: str | None
    fields: dict[str, Any]  # the JSON body's other members, for options later stages read


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"The page is larger than this server accepts ({limit:,} bytes after decompression).",
        max_bytes=limit,
    )


def _read_body(request: Request, limit: int) -> bytes:
    """The body, decompressed when gzip-encoded; PayloadTooLarge past ``limit`` bytes."""
    encoding = (request.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise UnsupportedMediaType(f"Content-Encoding {encoding!r} is not supported; send gzip or no encoding.")
    if request.content_length is not None and request.content_length > limit:
        raise _too_large(limit)
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS) if encoding != "identity" else None
    body = bytearray()
    stream = request.stream
    while chunk := stream.read(_CHUNK):
        if decompressor is None:
            body += chunk
        else:
            try:
                # max_length bounds what one chunk may expand to: a gzip bomb stops here.
                body += decompressor.decompress(chunk, limit + 1 - len(body))
            except zlib.error:
                raise BadRequest("The body is not valid gzip.") from None
            if decompressor.unconsumed_tail and len(body) > limit:
                raise _too_large(limit)
        if len(body) > limit:
            raise _too_large(limit)
    if decompressor is not None:
        if not decompressor.eof:
            raise BadRequest("The gzip body ends before its end marker.")
        if decompressor.unconsumed_tail:
            raise _too_large(limit)
    return bytes(body)


# Formats people send by mistake, recognised by their first bytes.
_NOT_HTML_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a media file"),
    (b"PK\x03\x04", "a ZIP archive or an office document"),
    (b"\x1f\x8b", "gzip data (send it with Content-Encoding: gzip)"),
    (b"\x7fELF", "a program"),
)
_UTF16_OR_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_BINARY_SAMPLE = 4096
# Text has tabs and newlines, and now and then a stray NUL; binary data is full of the other control
# bytes (a twentieth of the first 4 KB of random bytes and of any image or archive).
_MAX_CONTROL_SHARE = 0.05


def why_not_html(body: bytes) -> str | None:
    """A sentence saying what ``body`` is instead of an HTML page, or None if it may be one."""
    head = body[:_BINARY_SAMPLE]
    if head.startswith(_UTF16_OR_32_BOMS):
        return None  # UTF-16 text is full of NUL bytes, and is still text
    start = head.lstrip()
    for signature, what in _NOT_HTML_SIGNATURES:
        if start.startswith(signature):
            return f"The body is {what}, not a web page."
    if start[:1] in (b"{", b"["):
        try:
            json.loads(body)
        except (ValueError, RecursionError):
            pass
        else:
            return 'The body is JSON: send {"url": ..., "html": ...} with Content-Type: application/json.'
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\x00\t\n\r\f")
    if head and controls > _MAX_CONTROL_SHARE * len(head):
        return "The body is binary data, not a web page."
    return None


def _check_url(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest("'url' must be a string: the page's address.")
    value = value.strip()
    if not value:
        raise BadRequest("'url' is empty: leave it out, or send the page's address.")
    if _CONTROL_OR_SPACE.search(value):
        raise BadRequest("'url' has spaces or control characters: send the address as the browser shows it.")
    if len(value) > MAX_URL_CHARS:
        raise BadRequest(f"'url' is longer than {MAX_URL_CHARS} characters.")
    try:
        value.encode("utf-8")  # a lone surrogate (JSON's "\ud800") is no character of any address
        parts = urlsplit(value)
    except ValueError:  # UnicodeEncodeError among them
        raise BadRequest("'url' is not a valid URL.") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadRequest("'url' must be an absolute http or https URL.")
    return value


def _from_json(body: bytes, charset: str | None) -> PageRequest:
    try:
        data = json.loads(body.decode(charset or "utf-8"))
    except (UnicodeDecodeError, LookupError):
        raise BadRequest("The JSON body is not valid UTF-8.") from None
    except ValueError as error:
        raise BadRequest(f"The body is not valid JSON ({error}).") from None
    except RecursionError:
        raise BadRequest("The JSON body is nested too deeply.") from None
    if not isinstance(data, dict):
        raise BadRequest('The JSON body must be an object: {"url": "...", "html": "..."}.')
    html = data.get("html")
    if html is None:
        raise BadRequest("'html' is missing: send the page's HTML as a string.")
    if not isinstance(html, str):
        raise BadRequest("'html' must be a string holding the page's HTML.")
    if not html.strip():
        raise BadRequest("'html' is empty.")
    fields = {key: value for key, value in data.items() if key not in ("html", "url")}
    return PageRequest(html, _check_url(data.get("url")), None, fields)


def read_page_request(request: Request, max_bytes: int) -> PageRequest:
    """Parse an extract request; raise a ClearpageError (4xx) when it is not one."""
    mimetype = request.mimetype
    if mimetype not in JSON_TYPES | HTML_TYPES:
        shown = mimetype or "none"
        raise UnsupportedMediaType(
            f"Content-Type {shown!r} is not supported: send application/json or text/html.",
        )
    query_url = _check_url(request.args.get("url"))  # checked whatever the body, never ignored
    body = _read_body(request, max_bytes)
    charset = request.mimetype_params.get("charset")
    if mimetype in JSON_TYPES:
        page = _from_json(body, charset)
        return page if page.url or not query_url else PageRequest(page.page, query_url, None, page.fields)
    if not body.strip():
        raise BadRequest("The body is empty: send the page's HTML.")
    if (what := why_not_html(body)) is not None:
        raise UnsupportedMediaType(what)
    return PageRequest(body, query_url, charset, {})
