"""Saved articles as an EPUB 3 book: one chapter per article, a table of contents, no scripts.

Written here with the standard library's zipfile and lxml, not with an EPUB library: the one
well-kept Python EPUB library, EbookLib, is AGPL-3.0, and Clearpage is Apache-2.0 (the README
says more). The format's parts are few and fixed: ``mimetype`` first and uncompressed, the
container pointing at the package document, the package (metadata, manifest, spine), the
navigation document, and the chapters as XHTML. The tests open every book with EbookLib and
check it with epubcheck, the reference validator.

Images stay on the publisher's site: each becomes a link to it (with its alt text), since EPUB
readers do not load remote images and the server fetches nothing. Embedding them is not
implemented.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime

import lxml.html
from lxml import etree

from server.models import Article

XHTML = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
LINK_SCHEMES = ("http://", "https://", "mailto:")


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _page(title: str, lang: str) -> tuple[etree._Element, etree._Element]:
    """An empty XHTML page: its root and its body."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": EPUB_NS})
    html.set("lang", lang)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    return html, etree.SubElement(html, f"{{{XHTML}}}body")


def _readable_body(content_html: str) -> lxml.html.HtmlElement:
    """The article's HTML made fit for a book: images as links, only links a book can follow."""
    root = lxml.html.fragment_fromstring(content_html or "<p></p>", create_parent="div")
    for image in list(root.iter("img")):
        link = lxml.html.Element("a", href=image.get("src", ""))
        link.text = f"[image: {image.get('alt') or 'open'}]"
        link.tail = image.tail
        image.getparent().replace(image, link)
    ids = set()
    for element in root.iter():
        if element.get("id") in ids:
            del element.attrib["id"]  # a page may repeat an id; XHTML may not
        elif element.get("id"):
            ids.add(element.get("id"))
    for link in root.iter("a"):
        href = link.get("href", "")
        followable = href.startswith(LINK_SCHEMES) or (href.startswith("#") and href[1:] in ids)
        if not followable:
            link.attrib.pop("href", None)
        link.attrib.pop("rel", None)
    return root


def _chapter(article: Article) -> bytes:
    title = article.title or article.url
    html, body = _page(title, article.lang or "und")
    if article.dir == "rtl":
        html.set("dir", "rtl")
    header = etree.SubElement(body, f"{{{XHTML}}}header")
    etree.SubElement(header, f"{{{XHTML}}}h1").text = title
    source = etree.SubElement(header, f"{{{XHTML}}}p")
    parts = [part for part in (article.byline, article.site_name, (article.published or "")[:10]) if part]
    source.text = " · ".join(parts) + (" · " if parts else "")
    link = etree.SubElement(source, f"{{{XHTML}}}a", href=article.url)
    link.text = "source"
    content = _readable_body(article.content_html)
    lxml.html.html_to_xhtml(content)
    body.append(content)
    return _xml(html)


def _navigation(titles: Sequence[str], lang: str) -> bytes:
    html, body = _page("Contents", lang)
    nav = etree.SubElement(body, f"{{{XHTML}}}nav")
    nav.set(f"{{{EPUB_NS}}}type", "toc")
    nav.set("id", "toc")
    etree.SubElement(nav, f"{{{XHTML}}}h1").text = "Contents"
    items = etree.SubElement(nav, f"{{{XHTML}}}ol")
    for number, title in enumerate(titles, 1):
        item = etree.SubElement(items, f"{{{XHTML}}}li")
        etree.SubElement(item, f"{{{XHTML}}}a", href=f"article-{number}.xhtml").text = title
    return _xml(html)


def _empty_page(lang: str) -> bytes:
    html, body = _page("No articles", lang)
    etree.SubElement(body, f"{{{XHTML}}}p").text = "No articles in your reading list match."
    return _xml(html)


def _package(book_title: str, articles: Sequence[Article], pages: int, lang: str) -> bytes:
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF}, version="3.0")
    package.set("unique-identifier", "book-id")
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    identity = "\n".join(article.url for article in articles)
    etree.SubElement(
        metadata, f"{{{DC}}}identifier", id="book-id"
    ).text = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'clearpage:' + identity)}"
    etree.SubElement(metadata, f"{{{DC}}}title").text = book_title
    etree.SubElement(metadata, f"{{{DC}}}language").text = lang
    if len(articles) == 1:
        if articles[0].byline:
            etree.SubElement(metadata, f"{{{DC}}}creator").text = articles[0].byline
        etree.SubElement(metadata, f"{{{DC}}}source").text = articles[0].url
    modified = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    etree.SubElement(metadata, f"{{{OPF}}}meta", property="dcterms:modified").text = modified
    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")
    xhtml = {"media-type": "application/xhtml+xml"}
    etree.SubElement(manifest, f"{{{OPF}}}item", id="nav", href="nav.xhtml", properties="nav", **xhtml)
    spine = etree.SubElement(package, f"{{{OPF}}}spine")
    for number in range(1, pages + 1):
        etree.SubElement(manifest, f"{{{OPF}}}item", id=f"article-{number}", href=f"article-{number}.xhtml", **xhtml)
        etree.SubElement(spine, f"{{{OPF}}}itemref", idref=f"article-{number}")
    return _xml(package)


def book(title: str, articles: Sequence[Article]) -> bytes:
    """The articles, in order, as one EPUB 3 file (a book with one page saying so when there are none)."""
    lang = next((article.lang for article in articles if article.lang), "und")
    pages = [_chapter(article) for article in articles] or [_empty_page(lang)]
    titles = [article.title or article.url for article in articles] or ["No articles"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The first entry, stored uncompressed: how a reader knows the file is an EPUB.
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", _package(title, articles, len(pages), lang))
        archive.writestr("OEBPS/nav.xhtml", _navigation(titles, lang))
        for number, page in enumerate(pages, 1):
            archive.writestr(f"OEBPS/article-{number}.xhtml", page)
    return buffer.getvalue()
