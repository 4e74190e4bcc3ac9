"""The servers the browser tests talk to, all on loopback: ``clearpage serve`` itself (gunicorn),
a static site of real corpus pages, and a scripted server that records what the extension sends
and answers for a Clearpage server in the states the real one cannot be put in on demand."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.corpus import CORPUS, require_shared
from tests.service import Clearpage, clearpage_serve, free_port

__all__ = ["Clearpage", "clearpage_serve", "free_port", "scripted_server", "static_site"]

PAGES = Path(__file__).resolve().parent / "pages"


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep pytest's output to failures


@contextmanager
def _serving(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1") -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# --- the static site: corpus pages, our own pages, and the overlay scripts real sites inject ---------


def corpus_page_with(name: str, scripts: list[str]) -> bytes:
    """A corpus page as published, plus <script src> tags for overlays that appear after load."""
    source = (require_shared(CORPUS / name) / "source.html").read_bytes()
    tags = "".join(f'<script src="/pages/overlays/{script}.js"></script>' for script in scripts).encode()
    end = source.lower().rfind(b"</body>")
    return source[:end] + tags + source[end:] if end != -1 else source + tags


CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".svg": "image/svg+xml"}


class _SiteHandler(_Quiet):
    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        name = path.removeprefix("/corpus/").strip("/")
        if path.startswith("/corpus/") and "/" not in name:
            # Only the page itself: its relative images and scripts are not in the corpus (404).
            scripts = [s for s in parse_qs(parts.query).get("inject", [""])[0].split(",") if s]
            body, content_type = corpus_page_with(name, scripts), "text/html"
        elif path.startswith("/pages/") and ".." not in path:
            file = PAGES / path.removeprefix("/pages/")
            if not file.is_file():
                self.send_error(404)
                return
            body, content_type = file.read_bytes(), CONTENT_TYPES.get(file.suffix, "application/octet-stream")
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def static_site() -> Iterator[str]:
    """Serve /corpus/<name>/?inject=a,b and /pages/<file>; yields the base URL."""
    with _serving(_SiteHandler) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}"


# --- the scripted server --------------------------------------------------------------------------


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def problem(status: int, title: str, detail: str, slug: str, **headers: str) -> Answer:
    """An error in Clearpage's own shape (server/errors.py)."""
    body = {"type": f"urn:clearpage:problem:{slug}", "title": title, "status": status, "detail": detail}
    return Answer(status, json.dumps(body).encode(), {"Content-Type": "application/problem+json", **headers})


# What a Clearpage server with CORS for extension origins must send (see docs/extension.md); PATCH
# and DELETE are the reading list's.
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, Content-Encoding",
    "Access-Control-Expose-Headers": "Retry-After",
    "Access-Control-Max-Age": "600",
    "Vary": "Origin",
}


class Scripted:
    """Records every request; answers with ``answer(request)``, or forwards to ``forward_to`` (also
    when ``answer`` returns None). ``rewrite`` changes a forwarded 200's JSON: the server's answer
    as it will look."""

    def __init__(self, host: str, forward_to: str | None = None, cors: bool = False) -> None:
        self.host = host
        self.forward_to = forward_to
        self.cors = cors
        self.answer: Callable[[Recorded], Answer | None] | None = None
        self.rewrite: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # of a forwarded 200
        self.requests: list[Recorded] = []
        self.url = ""

    def respond(self, request: Recorded) -> Answer:
        answer = self.answer(request) if self.answer is not None else None
        if answer is not None:
            return answer
        assert self.forward_to, "a scripted server needs an answer or a server to forward to"
        target = urlsplit(self.forward_to)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        keep = ("content-type", "content-encoding", "authorization", "accept")
        headers = {name: value for name, value in request.headers.items() if name.lower() in keep}
        connection.request(request.method, request.path, body=request.body or None, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status == 200 and self.rewrite is not None:
            body = json.dumps(self.rewrite(json.loads(body))).encode()
        names = ("content-type", "retry-after", "location", "www-authenticate")
        return Answer(response.status, body, {k: v for k, v in response.getheaders() if k.lower() in names})


@contextmanager
def scripted_server(host: str = "127.0.0.1", forward_to: str | None = None, cors: bool = False) -> Iterator[Scripted]:
    scripted = Scripted(host, forward_to, cors)

    class Handler(_Quiet):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = Recorded(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
            origin = self.headers.get("Origin", "")
            cors = scripted.cors and origin.startswith(("chrome-extension://", "moz-extension://"))
            if self.command == "OPTIONS":
                answer = Answer(204 if cors else 405)
            else:
                scripted.requests.append(request)
                answer = scripted.respond(request)
            self.send_response(answer.status)
            headers = {
                **answer.headers,
                **({**CORS_HEADERS, "Access-Control-Allow-Origin": origin} if cors else {}),
            }
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = do_PATCH = do_DELETE = do_OPTIONS = _handle

    with _serving(Handler, host) as server:
        scripted.url = f"http://{host}:{server.server_address[1]}"
        yield scripted
