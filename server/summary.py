"""The optional abstractive summary, from an OpenAI-compatible endpoint the operator chose.

Off unless SUMMARY_URL is set; then it is the one outbound request the server ever makes, and it
goes only there. It is bounded in total time (SUMMARY_TIMEOUT_SECONDS for connecting, sending and
reading together, not per read), its answer in size, and any failure (refused, slow, an error
status, an answer without a summary in it) gives the reader the key points with a note instead of
an error. The log records the kind of failure, never the article or the answer.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from server.pipeline import Article

log = logging.getLogger(__name__)

UNAVAILABLE_NOTE = "The summary is unavailable right now, so the article's key points are shown instead."
MAX_ARTICLE_CHARS = 24_000  # about 6,000 tokens: enough for the article, small enough for a local model
MAX_ANSWER_BYTES = 256 * 1024
MAX_SUMMARY_CHARS = 2_000
PROMPT = (
    "Summarise the article the user sends in two to four sentences, in the article's own language. "
    "Reply with the summary only."
)


class SummaryFailed(Exception):
    """The endpoint gave no usable summary in time."""


@dataclass(frozen=True)
class Summary:
    text: str | None
    note: str | None


def _request_body(article: Article, model: str) -> bytes:
    content = f"{article.title or ''}\n\n{article.text[:MAX_ARTICLE_CHARS]}".strip()
    body = {
        "model": model,
        "messages": [{"role": "system", "content": PROMPT}, {"role": "user", "content": content}],
        "temperature": 0.2,
        "stream": False,
    }
    return json.dumps(body).encode("utf-8")


def _shut(connection: http.client.HTTPConnection) -> None:
    try:
        if connection.sock is not None:
            connection.sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _post(url: str, body: bytes, headers: Mapping[str, str], seconds: float) -> bytes:
    """POST ``body`` and return the answer's body; SummaryFailed past ``seconds`` in all."""
    deadline = time.monotonic() + seconds
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname or "", parts.port, timeout=seconds)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SummaryFailed("timed out")
        return left

    # A server that answers a byte at a time would outlast any per-read timeout: at the deadline
    # this timer shuts the socket, which ends whatever read is waiting. It starts before connecting,
    # so time spent connecting counts against the bound.
    watchdog = threading.Timer(seconds, _shut, args=(connection,))
    watchdog.daemon = True
    try:
        watchdog.start()
        connection.connect()
        sock = connection.sock
        sock.settimeout(remaining())
        connection.request("POST", target, body=body, headers={**headers, "Content-Type": "application/json"})
        sock.settimeout(remaining())
        response = connection.getresponse()
        if response.status != 200:
            raise SummaryFailed(f"status {response.status}")
        answer = bytearray()
        while not response.isclosed() and len(answer) <= MAX_ANSWER_BYTES:
            sock.settimeout(remaining())  # each read gets only what is left of the bound
            answer += response.read(64 * 1024)  # closes the response at its end
        if len(answer) <= MAX_ANSWER_BYTES:
            return bytes(answer)
        raise SummaryFailed("answer too large")
    except (OSError, http.client.HTTPException) as error:
        raise SummaryFailed("timed out" if time.monotonic() >= deadline else type(error).__name__) from None
    finally:
        watchdog.cancel()
        connection.close()


def _summary_text(answer: bytes) -> str:
    try:
        content = json.loads(answer)["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise SummaryFailed("no summary in the answer") from None
    if not isinstance(content, str) or not content.strip():
        raise SummaryFailed("empty summary")
    return content.strip()[:MAX_SUMMARY_CHARS]


def summarise(article: Article, config: Mapping[str, Any]) -> Summary:
    """The summary from SUMMARY_URL, or none with a note saying the key points stand in for it.

    Without SUMMARY_URL there is no summary and no note: key points are all the server offers.
    """
    if not config["SUMMARY_URL"]:
        return Summary(None, None)
    headers = {"Authorization": f"Bearer {config['SUMMARY_API_KEY']}"} if config["SUMMARY_API_KEY"] else {}
    started = time.monotonic()
    try:
        body = _request_body(article, config["SUMMARY_MODEL"])
        answer = _post(config["SUMMARY_URL"], body, headers, config["SUMMARY_TIMEOUT_SECONDS"])
        return Summary(_summary_text(answer), None)
    except SummaryFailed as failure:
        log.warning("summary unavailable: %s", failure, extra={"seconds": round(time.monotonic() - started, 2)})
        return Summary(None, UNAVAILABLE_NOTE)
