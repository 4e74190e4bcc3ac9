"""One saved article as Markdown: its title as the heading, then where it came from, then the text."""

from __future__ import annotations

from server.models import Article
from server.pipeline.render import to_markdown


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def article_markdown(article: Article) -> str:
    """The article as Markdown, with a source line linking to the page it was saved from."""
    body = to_markdown(article.content_html).strip()
    link = article.url.replace("<", "%3C").replace(">", "%3E")
    about = [f"[{_escape(article.site_name or article.url)}](<{link}>)"]
    if article.byline:
        about.append(article.byline)
    if article.published:
        about.append(article.published[:10])
    title = " ".join((article.title or article.url).split())
    return f"# {title}\n\n{' · '.join(about)}\n\n{body}\n"
