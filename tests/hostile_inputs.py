"""The hostile and broken inputs the service must survive, shared by the tests and the benchmark
that times them (benchmarks/hostile.py). Each says which statuses are an acceptable answer."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field

PROSE = "<p>The council met on Tuesday to fund the bridge, after years of debate and three votes.</p>"


@dataclass(frozen=True)
class HostileInput:
    name: str
    make: Callable[[], bytes]
    statuses: tuple[int, ...]
    content_type: str = "text/html"
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> bytes:
        return self.make()


def _page(inner: str) -> bytes:
    return f"<html><body><article>{PROSE * 3}{inner}</article></body></html>".encode()


HOSTILE_INPUTS: tuple[HostileInput, ...] = (
    HostileInput("body over the limit (Content-Length)", lambda: b"<p>" + b"x" * (10 * 1024 * 1024 + 1), (413,)),
    HostileInput("gzip bomb (10 kB -> 1 GB)", lambda: gzip.compress(b"\0" * (200 * 1024 * 1024), 9), (413,),
                 headers={"Content-Encoding": "gzip"}),
    HostileInput("corrupt gzip", lambda: b"\x1f\x8b\x08\x00garbage", (400,), headers={"Content-Encoding": "gzip"}),
    HostileInput("100,000 nested elements", lambda: ("<div>" * 100_000 + PROSE + "</div>" * 100_000).encode(), (200, 422)),
    HostileInput("a million sibling paragraphs", lambda: ("<p>x</p>" * 1_000_000).encode(), (422,)),
    HostileInput("a 9 MB attribute", lambda: _page(f'<p title="{"a" * 9_000_000}">{PROSE}</p>'), (200,)),
    HostileInput("50 MB attribute (over the limit)", lambda: _page(f'<p title="{"a" * 50_000_000}">x</p>'), (413,)),
    HostileInput("invalid UTF-8", lambda: _page("") + b"caf\xe9 \xff\xfe\xc3\x28 \xed\xa0\x80", (200,)),
    HostileInput("NUL bytes", lambda: _page("<p>text\0with\0NULs in it, as a broken CMS writes them.</p>"), (200,)),
    HostileInput("binary garbage", lambda: bytes(range(256)) * 4000, (415,)),
    HostileInput("a PDF sent as HTML", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 50, (415,)),
    HostileInput("JSON sent as HTML", lambda: json.dumps({"url": "https://x.example/", "html": PROSE}).encode(), (415,)),
    HostileInput("an empty body", lambda: b"", (400,)),
    HostileInput("a frameset page", lambda: b"<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>", (422,)),
    HostileInput("XML entity expansion", lambda: (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
        b"<html><body><p>&lol9;&lol9;&lol9;</p></body></html>"), (200, 422)),
    HostileInput("JSON with the wrong types", lambda: b'{"html": ["<p>"], "url": 7}', (400,), content_type="application/json"),
    HostileInput("JSON without html", lambda: b'{"url": "https://x.example/"}', (400,), content_type="application/json"),
    HostileInput("JSON nested 100,000 deep", lambda: b"[" * 100_000 + b"]" * 100_000, (400,), content_type="application/json"),
    HostileInput("100,000 images", lambda: _page('<img src="https://i.example/x.png">' * 100_000), (200, 422)),
    HostileInput("100,000 links", lambda: _page("<p>" + '<a href="/x">link</a> ' * 100_000 + "</p>"), (200, 422)),
    # Found in review: counting words backtracked over a run without a letter (6 s for 20,000).
    HostileInput("a paragraph of 100,000 dashes", lambda: _page("<p>" + "-" * 100_000 + "</p>"), (200,)),
    HostileInput("a script-only page", lambda: b"<html><body><script>document.write('<p>hi</p>')</script></body></html>", (422,)),
)  # fmt: skip
