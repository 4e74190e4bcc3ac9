"""The reading-list API (issue 7) as the extension's tests use it, in one place.

Save, the reading-list page, the synced reading position, "Test connection" and the key points
call ``POST /v1/articles``, ``GET /v1/articles``, ``GET``/``PATCH``/``DELETE /v1/articles/{id}``,
``GET /v1/me`` and ``POST /v1/extract`` with ``"summary": true``. The server side of the issue is
built on another branch; until it lands, ``StandIn`` answers for it exactly as the shared API
contract says: users and articles in memory, extraction left to the real ``clearpage serve`` (so
what it keeps is the real pipeline's clean article, never the raw page), and key points from a
plain chooser (the longest sentences) with offsets as the contract defines them: code points of
``text``.

The tests set up and check everything through the HTTP API (``Api``), never the stand-in's
memory, so they run unchanged against the real server: switch ``reading_list_backend`` in
tests/e2e/conftest.py from ``stand_in_backend`` to ``clearpage_backend``, and
tests/e2e/test_reading_list_contract.py checks the real server against what the extension relies on.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.e2e.servers import Answer, Recorded, _Quiet, _serving, problem
from tests.service import clearpage_serve

ARTICLE_FIELDS = (
    "id url canonical_url title byline site_name published lang dir excerpt lead_image word_count "
    "reading_minutes access notice tags archived favourite progress saved_at updated_at"
).split()
CHANGEABLE = ("tags", "archived", "favourite", "progress")  # what PATCH takes
MAX_PER_PAGE = 100


@dataclass
class Backend:
    """A server with the reading list: its address, and ``add_user(name) -> token`` as an operator
    runs ``clearpage users add NAME`` (which prints the token as its last word)."""

    url: str
    add_user: Callable[[str], str]


# --- the stand-in ---------------------------------------------------------------------------------


@dataclass
class _User:
    name: str
    feed_token: str


@dataclass
class _Saved:
    owner: str  # the token's digest
    fields: dict[str, Any]
    content_html: str
    text: str
    sequence: int = 0  # order of first saving: newest first


@dataclass
class StandIn:
    """The reading list's API in memory; ``extractor`` is a real ``clearpage serve``."""

    extractor: str
    users: dict[str, _User] = field(default_factory=dict)  # by the token's SHA-256 digest
    articles: dict[int, _Saved] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_id: int = 1

    def add_user(self, name: str) -> str:
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.users[_digest(token)] = _User(name, secrets.token_urlsafe(32))
        return token

    def respond(self, request: Recorded) -> Answer:
        parts = urlsplit(request.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        path = parts.path.rstrip("/")
        if path == "/v1/extract" and request.method == "POST":
            return self.extract(request, query)
        if path == "/healthz":
            return self.forward("GET", "/healthz", b"", {})
        routes = {
            "/v1/me": {"GET": self.me},
            "/v1/articles": {"GET": self.list, "POST": self.save},
        }
        handlers = routes.get(path)
        article_id = None
        if handlers is None and (match := re.fullmatch(r"/v1/articles/(\d+)", path)):
            article_id = int(match.group(1))
            handlers = {"GET": self.get, "PATCH": self.patch, "DELETE": self.delete}
        if handlers is None:
            return problem(404, "Not Found", "There is nothing at this address.", "not-found")
        if request.method not in handlers:
            return problem(405, "Method Not Allowed", f"{request.method} is not allowed here.", "method-not-allowed")
        user = self.users.get(_digest(_bearer(request.headers)))
        if user is None:
            detail = "The reading list needs a reading-list token: send it as 'Authorization: Bearer <token>'."
            return problem(
                401, "Unauthorized", detail, "unauthorized", **{"WWW-Authenticate": 'Bearer realm="clearpage"'}
            )
        owner = _digest(_bearer(request.headers))
        with self.lock:
            if article_id is not None:
                saved = self.articles.get(article_id)
                if saved is None or saved.owner != owner:  # another reader's article is no article
                    return problem(404, "Not Found", "There is no such article in your reading list.", "not-found")
                return handlers[request.method](saved, request, query)
            return handlers[request.method](owner, user, request, query)

    # POST /v1/extract: the real extraction, plus the key-point fields.
    def extract(self, request: Recorded, query: dict[str, list[str]]) -> Answer:
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("content-type", "content-encoding")}
        answer = self.forward("POST", request.path, request.body, headers)
        if answer.status != 200:
            return answer
        article = json.loads(answer.body)
        asked = query.get("summary", [""])[0] in ("1", "true") or _json_body(request).get("summary") is True
        article |= {"key_points": key_points(article["text"]) if asked else None, "summary": None, "summary_note": None}
        return _json(200, article)

    def me(self, owner: str, user: _User, request: Recorded, query: dict) -> Answer:
        host = request.headers.get("Host", "127.0.0.1")
        return _json(200, {"name": user.name, "feed_url": f"http://{host}/v1/feed.atom?token={user.feed_token}"})

    def save(self, owner: str, user: _User, request: Recorded, query: dict) -> Answer:
        content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            body = _json_body(request)
            url, tags = body.get("url"), body.get("tags")
            if tags is not None and not (isinstance(tags, list) and all(isinstance(t, str) for t in tags)):
                return problem(400, "Malformed request", "'tags' must be a list of strings.", "malformed-request")
            forwarded = json.dumps({"url": url, "html": body.get("html")}).encode()
            headers = {"Content-Type": "application/json"}
            path = "/v1/extract"
        else:
            url, tags = query.get("url", [None])[0], None
            forwarded, headers = _plain_body(request), {"Content-Type": request.headers.get("Content-Type", "")}
            path = "/v1/extract?" + urlencode({"url": url or ""})
        if not url:
            return problem(400, "Malformed request", "Saving a page needs its 'url'.", "malformed-request")
        extracted = self.forward("POST", path, forwarded, headers)
        if extracted.status != 200:
            return extracted
        article = json.loads(extracted.body)
        now = _now()
        found = next((a for a in self.articles.values() if a.owner == owner and a.fields["url"] == url), None)
        if found is not None:
            found.fields |= _metadata(article) | {"updated_at": now, **({"tags": tags} if tags is not None else {})}
            found.content_html, found.text = article["content_html"], article["text"]
            return _json(200, found.fields)
        fields = _metadata(article) | {
            "id": self.next_id,
            "tags": tags or [],
            "archived": False,
            "favourite": False,
            "progress": 0.0,
            "saved_at": now,
            "updated_at": now,
        }
        self.articles[self.next_id] = _Saved(owner, fields, article["content_html"], article["text"], self.next_id)
        self.next_id += 1
        return _json(201, fields, Location=f"/v1/articles/{fields['id']}")

    def list(self, owner: str, user: _User, request: Recorded, query: dict[str, list[str]]) -> Answer:
        one = {name: values[-1] for name, values in query.items()}
        if "format" in one and one["format"] != "json":
            return problem(501, "Not Implemented", "The test stand-in does not export.", None)
        try:
            page = _whole(one.get("page", "1"), 1, None)
            per_page = _whole(one.get("per_page", "20"), 1, MAX_PER_PAGE)
            archived = _flag(one.get("archived"))
            favourite = _flag(one.get("favourite"))
        except ValueError as error:
            return problem(400, "Malformed request", str(error), "malformed-request")
        words = one.get("q", "").lower().split()
        tag = one.get("tag", "")
        chosen = [
            a
            for a in sorted(self.articles.values(), key=lambda a: a.sequence, reverse=True)
            if a.owner == owner
            and (archived is None or a.fields["archived"] == archived)
            and (favourite is None or a.fields["favourite"] == favourite)
            and (not tag or tag in a.fields["tags"])
            and all(w in (a.fields["title"] or "").lower() or w in a.text.lower() for w in words)
        ]
        items = [a.fields for a in chosen[(page - 1) * per_page : page * per_page]]
        return _json(200, {"items": items, "page": page, "per_page": per_page, "total": len(chosen)})

    def get(self, saved: _Saved, request: Recorded, query: dict) -> Answer:
        return _json(200, saved.fields | {"content_html": saved.content_html, "text": saved.text})

    def patch(self, saved: _Saved, request: Recorded, query: dict) -> Answer:
        try:
            changes = json.loads(request.body or b"null")
        except ValueError:
            changes = None
        if not isinstance(changes, dict) or not set(changes) <= set(CHANGEABLE):
            return problem(
                400, "Malformed request", f"Send a JSON object of {', '.join(CHANGEABLE)}.", "malformed-request"
            )
        for name, value in changes.items():
            if not _valid_change(name, value):
                return problem(400, "Malformed request", f"'{name}' has the wrong type or range.", "malformed-request")
        saved.fields |= changes | {"updated_at": _now()}
        return _json(200, saved.fields)

    def delete(self, saved: _Saved, request: Recorded, query: dict) -> Answer:
        del self.articles[saved.fields["id"]]
        return Answer(204)

    def forward(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Answer:
        target = urlsplit(self.extractor)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        keep = ("content-type", "retry-after")
        return Answer(response.status, response.read(), {k: v for k, v in response.getheaders() if k.lower() in keep})


def key_points(text: str, count: int = 4) -> list[dict[str, Any]]:
    """The stand-in's key points: the ``count`` longest sentences of six words or more, in reading
    order, each with its code-point offsets in ``text`` (the real server chooses by centrality)."""
    sentences = []
    for block in re.finditer(r"[^\n]+", text):
        for sentence in re.finditer(r"\S.*?(?:[.!?][\"”’)]*(?=\s|$)|$)", block.group()):
            start = block.start() + sentence.start()
            if len(sentence.group().split()) >= 6:
                sentences.append((start, start + len(sentence.group())))
    longest = sorted(sorted(sentences, key=lambda span: span[0] - span[1])[:count])
    return [{"text": text[start:end], "start": start, "end": end} for start, end in longest]


def _metadata(article: dict[str, Any]) -> dict[str, Any]:
    return {name: article.get(name) for name in ARTICLE_FIELDS if name in article}


def _valid_change(name: str, value: Any) -> bool:
    if name == "tags":
        return isinstance(value, list) and all(isinstance(tag, str) for tag in value)
    if name == "progress":
        return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
    return isinstance(value, bool)


def _whole(text: str, low: int, high: int | None) -> int:
    if not text.isdigit() or int(text) < low or (high is not None and int(text) > high):
        limit = f"from {low} to {high}" if high else f"{low} or more"
        raise ValueError(f"Expected a whole number {limit}, not {text!r}.")
    return int(text)


def _flag(text: str | None) -> bool | None:
    if text is None:
        return None
    if text not in ("true", "false"):
        raise ValueError(f"Expected 'true' or 'false', not {text!r}.")
    return text == "true"


def _bearer(headers: dict[str, str]) -> str:
    scheme, _, secret = next((v for k, v in headers.items() if k.lower() == "authorization"), "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else ""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _plain_body(request: Recorded) -> bytes:
    gzipped = request.headers.get("Content-Encoding", "").lower() == "gzip"
    return gzip.decompress(request.body) if gzipped else request.body


def _json_body(request: Recorded) -> dict[str, Any]:
    try:
        body = json.loads(_plain_body(request))
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _json(status: int, body: Any, **headers: str) -> Answer:
    return Answer(status, json.dumps(body).encode(), {"Content-Type": "application/json", **headers})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@contextmanager
def stand_in_backend(extractor: str) -> Iterator[Backend]:
    """The stand-in on a free loopback port; ``extractor`` is a running ``clearpage serve``."""
    stand_in = StandIn(extractor)

    class Handler(_Quiet):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = Recorded(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
            answer = stand_in.respond(request)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_POST = do_PATCH = do_DELETE = _handle

    with _serving(Handler) as server:
        yield Backend(f"http://127.0.0.1:{server.server_address[1]}", stand_in.add_user)


@contextmanager
def clearpage_backend(data_dir: Path) -> Iterator[Backend]:
    """The real server, once issue 7's server side is on main: ``clearpage serve`` keeping its
    reading list in ``data_dir``, and users made with ``clearpage users add`` as an operator would.
    (Not used until then: this branch's server has no reading list.)"""
    clearpage = str(Path(sys.executable).with_name("clearpage"))
    env = {**os.environ, "CLEARPAGE_DATA_DIR": str(data_dir)}

    def add_user(name: str) -> str:
        made = subprocess.run([clearpage, "users", "add", name], env=env, capture_output=True, text=True, check=True)
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
