"""The reading-list API (issue 7) as the extension's tests use it, in one place.

Save, the reading-list page, the synced reading position, "Test connection" and the key points
call ``POST /v1/articles``, ``GET /v1/articles``, ``GET``/``PATCH``/``DELETE /v1/articles/{id}``,
``GET /v1/me`` and ``POST /v1/extract`` with ``"summary": true`` on the real ``clearpage serve``.
The tests set up and check the server only through the HTTP API (``Api``), as the extension sees it;
readers are made with ``clearpage users add NAME``, as an operator makes them.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from tests.service import clearpage_serve


@dataclass
class Backend:
    """A server with the reading list: its address, and ``add_user(name) -> token`` as an operator
    runs ``clearpage users add NAME`` (which prints the token as its last word)."""

    url: str
    add_user: Callable[[str], str]


@contextmanager
def clearpage_backend(data_dir: Path) -> Iterator[Backend]:
    """``clearpage serve`` keeping its reading list in ``data_dir``, and readers made with
    ``clearpage users add`` as an operator would."""
    clearpage = str(Path(sys.executable).with_name("clearpage"))
    env = {**os.environ, "CLEARPAGE_DATA_DIR": str(data_dir)}

    def add_user(name: str) -> str:
        made = subprocess.run([clearpage, "users", "add", name], env=env, capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        return made.stdout.split()[-1]

    with clearpage_serve(DATA_DIR=str(data_dir)) as server:
        yield Backend(server.url, add_user)


# --- the API, as the tests call it ----------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any  # parsed JSON, or None


@dataclass
class Api:
    """The reading-list API with one reader's token: how tests set up and check the server's side."""

    url: str
    token: str

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Reply:
        target = urlsplit(self.url)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        headers = {"Authorization": f"Bearer {self.token if token is None else token}"}
        data = None
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        parsed = json.loads(raw) if raw and "json" in response.getheader("Content-Type", "") else None
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)

    def save(self, url: str, html: str, **members: Any) -> dict[str, Any]:
        reply = self.call("POST", "/v1/articles", {"url": url, "html": html, **members})
        assert reply.status in (200, 201), reply
        return reply.body

    def articles(self, **query: Any) -> dict[str, Any]:
        reply = self.call("GET", "/v1/articles?" + urlencode(query))
        assert reply.status == 200, reply
        return reply.body

    def article(self, article_id: Any) -> Reply:
        return self.call("GET", f"/v1/articles/{article_id}")

    def change(self, article_id: Any, **changes: Any) -> dict[str, Any]:
        reply = self.call("PATCH", f"/v1/articles/{article_id}", changes)
        assert reply.status == 200, reply
        return reply.body


def article_page(title: str, paragraphs: list[str]) -> str:
    """A small article page, as a publisher might serve it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )
