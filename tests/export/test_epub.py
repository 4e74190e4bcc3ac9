"""EPUB export: opened with EbookLib (an independent reader), its structure checked, and the book
validated by epubcheck, the W3C's reference checker (Debian's package; scripts/test installs it)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from ebooklib import epub
from lxml import etree

from tests.api.test_articles import OTHER_URL, TRAINS, URL, save

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
HOSTILE = """<html><head><title>Odd page</title></head><body><article><h1>Odd page</h1>
<p id="dup">One paragraph of a page that repeats its ids and links oddly, long enough to read.</p>
<p id="dup">Another paragraph <a href="#nowhere">to nowhere</a>, <a href="#dup">to itself</a> and <a href="/relative">relative</a>.</p>
<p>An image <img src="https://img.example/pic.jpg" alt="A & B"> in the text, and Ünïcödé &amp; <b>entities</b> &lt;ok&gt;.</p>
<table><tr><td>cell</td><td>cell two</td></tr></table>
</article></body></html>"""


def open_book(data: bytes, tmp_path: Path) -> epub.EpubBook:
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    return epub.read_epub(str(path), {"ignore_ncx": True})


def test_one_article_as_epub(reader, tmp_path):
    article = save(reader).get_json()
    response = reader.get(f"/v1/articles/{article['id']}?format=epub")
    assert response.status_code == 200
    assert response.mimetype == "application/epub+zip"
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="how-the-river-came-back-to-the-valley.epub"'
    )
    book = open_book(response.data, tmp_path)
    assert book.get_metadata("DC", "title")[0][0] == "How the river came back to the valley"
    assert book.get_metadata("DC", "language")[0][0] == "en-GB"
    assert book.get_metadata("DC", "creator")[0][0] == "Asha Verma"
    assert book.get_metadata("DC", "source")[0][0] == URL
    chapters = [book.get_item_with_id(idref) for idref, _ in book.spine]
    assert [chapter.get_name() for chapter in chapters] == ["article-1.xhtml"]
    text = chapters[0].get_content().decode("utf-8")
    assert "For forty years the river stopped at a wall of concrete." in text
    assert f'href="{URL}"' in text
    assert "<script" not in text and "<img" not in text  # images are links to the publisher's copy
    assert 'href="https://news.example.org/images/river-2.jpg"' in text


def test_the_list_as_one_book_in_list_order(reader, tmp_path):
    save(reader)
    save(reader, url=OTHER_URL, html=TRAINS)
    response = reader.get("/v1/articles?format=epub")
    assert response.status_code == 200 and response.mimetype == "application/epub+zip"
    assert response.headers["Content-Disposition"] == 'attachment; filename="reading-list.epub"'
    book = open_book(response.data, tmp_path)
    chapters = [book.get_item_with_id(idref) for idref, _ in book.spine]
    titles = [etree.fromstring(chapter.get_content()).findtext(".//{*}h1") for chapter in chapters]
    assert titles == ["Night trains are back", "How the river came back to the valley"]
    navigation = [item for item in book.get_items() if isinstance(item, epub.EpubNav)]
    assert len(navigation) == 1 and b'epub:type="toc"' in navigation[0].get_content()
    assert [(link.href, link.title) for link in book.toc] == [
        ("article-1.xhtml", "Night trains are back"),
        ("article-2.xhtml", "How the river came back to the valley"),
    ]
    # Filters apply to the book as to the list.
    filtered = open_book(reader.get("/v1/articles?format=epub&q=salmon").data, tmp_path)
    assert len(filtered.spine) == 1


def test_structure_mimetype_first_and_stored_every_page_well_formed(reader):
    article = save(reader, url=OTHER_URL, html=HOSTILE).get_json()
    data = reader.get(f"/v1/articles/{article['id']}?format=epub").data
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == b"application/epub+zip"
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    assert container.find(".//{*}rootfile").get("full-path") == "OEBPS/content.opf"
    for name in archive.namelist():
        if name.endswith((".xhtml", ".opf", ".xml")):
            etree.fromstring(archive.read(name))  # well-formed XML, or this raises
    chapter = archive.read("OEBPS/article-1.xhtml").decode()
    assert chapter.count('id="cp-dup"') == 1
    assert 'href="#nowhere"' not in chapter and 'href="/relative"' not in chapter
    assert 'href="#cp-dup"' in chapter
    assert "[image: A &amp; B]" in chapter and "Ünïcödé &amp; <b>entities</b> &lt;ok&gt;" in chapter


def epubcheck(path: Path) -> subprocess.CompletedProcess:
    if shutil.which("java") is None or not EPUBCHECK_JAR.exists():
        raise FileNotFoundError("epubcheck (and Java) are missing: ./scripts/test installs Debian's epubcheck.")
    return subprocess.run(["java", "-jar", str(EPUBCHECK_JAR), str(path)], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_epubcheck_finds_no_error_or_warning(reader, tmp_path):
    save(reader)
    save(reader, url=OTHER_URL, html=HOSTILE)
    save(reader, url=f"{OTHER_URL}/rtl", html="<html lang='ar' dir='rtl'><body><article>"
         + "<p>هذه فقرة طويلة بما يكفي لتكون مقالا يمكن قراءته في وضع القارئ دون أي مشكلة.</p>" * 4 + "</article></body></html>")  # fmt: skip
    for name, path in (("list", "/v1/articles?format=epub"), ("empty", "/v1/articles?format=epub&tag=none")):
        book = tmp_path / f"{name}.epub"
        book.write_bytes(reader.get(path).data)
        result = epubcheck(book)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No errors or warnings detected" in result.stdout, result.stdout
