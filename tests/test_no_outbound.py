"""The server makes no outbound request: the suite refuses them (tests/network_guard), and these
tests show the refusal works, here and in a real `clearpage serve`."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys

import pytest

from server.pipeline import extract
from tests.service import clearpage_serve


def test_a_connection_beyond_this_machine_is_refused():
    with pytest.raises(OSError, match="refused by the test suite"):
        socket.create_connection(("203.0.113.7", 80), timeout=1)


def test_a_name_lookup_is_refused():
    with pytest.raises(OSError, match="refused by the test suite"):
        socket.getaddrinfo("example.org", 443)


def test_loopback_stays_open():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=1):
            pass


def test_child_processes_carry_the_guard():
    code = "import socket; socket.create_connection(('203.0.113.7', 80), timeout=1)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "refused by the test suite" in result.stderr


def test_a_page_full_of_remote_resources_is_read_without_fetching_any():
    # Images, frames, scripts, stylesheets, a <base>, preloads: each a request a careless
    # extractor would make. The guard would turn any of them into an error.
    page = (
        '<html><head><base href="https://cdn.example/"><link rel="stylesheet" href="https://cdn.example/s.css">'
        '<link rel="preload" href="https://cdn.example/f.woff2"><script src="https://cdn.example/a.js"></script>'
        '<meta property="og:image" content="https://cdn.example/lead.jpg"></head><body><article>'
        + "<p>The council met on Tuesday to fund the new bridge, after years of debate.</p>" * 4
        + '<img src="https://cdn.example/a.jpg"><iframe src="https://www.youtube.com/embed/x"></iframe>'
        + "</article></body></html>"
    )
    article = extract(page, url="https://news.example/a")
    assert article.lead_image is not None
    assert "https://cdn.example/a.jpg" in article.content_html


def test_the_running_service_makes_no_request():
    with clearpage_serve() as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        page = (
            "<html><body><article><p>"
            + "Text of the article, long enough. " * 10
            + '</p><img src="https://cdn.example/a.jpg"></article></body></html>'
        )
        body = json.dumps({"html": page, "url": "https://news.example/a"})
        connection.request("POST", "/v1/extract", body=body, headers={"Content-Type": "application/json"})
        assert connection.getresponse().status == 200
