"""Markdown export of one saved article."""

from __future__ import annotations

from tests.api.test_articles import URL, save


def test_markdown_has_the_title_heading_the_source_link_and_the_text(reader):
    article = save(reader).get_json()
    response = reader.get(f"/v1/articles/{article['id']}?format=markdown")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "# How the river came back to the valley"
    assert lines[2] == f"[The Riverside Gazette](<{URL}>) · Asha Verma · 2024-04-17"
    text = "\n".join(lines)
    assert "## What changed" in lines
    assert "- Water temperature fell by two degrees." in lines
    assert "For forty years the river stopped at a wall of concrete." in text
    assert "© 2024" not in text


def test_markdown_escapes_what_would_break_the_link(reader):
    html = (
        "<html><head><title>[Brackets] title</title></head><body><article>"
        + "<p>Plain words of a story that is long enough to be read as an article.</p>" * 3
        + "</article></body></html>"
    )
    url = "https://x.example/a?b=<c>"
    article = reader.post("/v1/articles", json={"url": url, "html": html}).get_json()
    markdown = reader.get(f"/v1/articles/{article['id']}?format=markdown").get_data(as_text=True)
    assert "(<https://x.example/a?b=%3Cc%3E>)" in markdown
    assert "\\[" not in markdown.splitlines()[0]  # the heading keeps its text as it is
