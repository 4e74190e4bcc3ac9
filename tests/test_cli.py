"""The ``clearpage`` command: ``extract`` in its four formats, and ``serve`` as a real gunicorn."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from server.cli import main
from tests.conftest import FIXTURES
from tests.service import clearpage_serve

ARTICLE = FIXTURES / "article.html"
URL = "https://news.example.org/2024/04/river-returns"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_extract_json_is_the_api_body():
    result = run("extract", str(ARTICLE), "--url", URL)
    assert result.exit_code == 0
    body = json.loads(result.output)
    assert body["title"] == "How the river came back to the valley"
    assert body["url"] == URL
    assert body["lead_image"]["url"] == "https://news.example.org/images/river-lead.jpg"


def test_extract_html_is_the_sanitised_article():
    result = run("extract", str(ARTICLE), "--url", URL, "--format", "html")
    assert result.exit_code == 0
    assert result.output.startswith("<")
    assert 'src="https://news.example.org/images/river-2.jpg"' in result.output
    assert "<script" not in result.output


def test_extract_text_is_the_prose():
    result = run("extract", str(ARTICLE), "--format", "text")
    assert result.exit_code == 0
    assert result.output.startswith("For forty years the river stopped at a wall of concrete.")
    assert "\n\nWhat changed\n\n" in result.output


def test_extract_markdown_has_title_heading_and_links():
    result = run("extract", str(ARTICLE), "--url", URL, "--format", "markdown")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "# How the river came back to the valley"
    assert "## What changed" in lines
    assert "- Water temperature fell by two degrees." in lines
    assert "![Salmon leaping at the old weir](https://news.example.org/images/river-2.jpg)" in result.output


def test_extract_reads_standard_input():
    result = run("extract", "-", "--format", "text", input=ARTICLE.read_bytes())
    assert result.exit_code == 0
    assert "the sound of the river is back" in result.output


def test_extract_of_a_page_without_article_exits_1_with_the_reason():
    result = CliRunner().invoke(main, ["extract", "-"], input=b"<html><body></body></html>")
    assert result.exit_code == 1
    assert "doesn't look like an article" in result.output


def test_extract_of_a_missing_file_is_a_usage_error():
    result = CliRunner().invoke(main, ["extract", "/no/such/page.html"])
    assert result.exit_code == 2


def test_extract_does_not_load_the_web_app():
    # The command and the pipeline start in a quarter of the time without the database layer.
    probe = "import sys, server.cli, server.pipeline; print(sorted({'sqlalchemy', 'alembic', 'gunicorn'} & set(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.fixture(scope="module")
def served():
    """``clearpage serve`` as a user runs it: gunicorn in the foreground, two workers, its log kept."""
    with clearpage_serve(workers=2, capture_log=True, MAX_BODY_BYTES="100000") as server:
        yield server.port, server.process


def test_serve_runs_gunicorn_and_extracts(served):
    port, _ = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(
        "POST", f"/v1/extract?url={URL}", body=ARTICLE.read_bytes(), headers={"Content-Type": "text/html"}
    )
    response = connection.getresponse()
    assert response.status == 200
    assert json.loads(response.read())["title"] == "How the river came back to the valley"


def test_serve_limits_a_chunked_body_while_streaming(served):
    port, _ = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    chunks = (b"<p>" + b"z" * 1000 + b"</p>" for _ in range(200))  # 200 kB, no Content-Length
    connection.request("POST", "/v1/extract", body=chunks, headers={"Content-Type": "text/html"}, encode_chunked=True)
    response = connection.getresponse()
    assert response.status == 413
    assert response.getheader("Content-Type") == "application/problem+json"


def test_serve_logs_no_query_string_and_stops_on_sigterm(served):
    port, process = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    path = "/v1/extract?url=https://secret.example/private-page"
    connection.request("POST", path, body=ARTICLE.read_bytes(), headers={"Content-Type": "text/html"})
    assert connection.getresponse().status == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    log = process.stderr.read()
    records = [json.loads(line) for line in log.splitlines()]  # every line is one JSON object
    assert any(record["message"].startswith("Starting gunicorn") for record in records)
    access = [record for record in records if record["logger"] == "gunicorn.access"]
    assert [(r["method"], r["path"], r["status"]) for r in access][-1] == ("POST", "/v1/extract", 200)
    assert "secret.example" not in log and "river" not in log
