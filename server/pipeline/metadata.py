"""Stage 4: what the page says about itself: title, byline, site, dates, language, lead image.

Sources, most trusted first, as Firefox's Reader View (Readability.js) orders them: schema.org
JSON-LD (what publishers write for search engines), then Dublin Core / OpenGraph / Twitter /
Parse.ly ``<meta>`` tags, then microdata and markup in the page (``rel=author``, ``<time>``, the
``<title>``). Every value is optional; a missing one is None, never a guess made from the URL.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections.abc import Collection, Iterator
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import htmldate.core
from dateutil import parser as date_parser
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from server.deadline import paused
from server.errors import ClearpageError
from server.pipeline import rules
from server.pipeline.dom import lines_of, text_of, text_with_breaks, words_in
from server.pipeline.types import LeadImage, Metadata

ARTICLE_TYPES = frozenset(
    """Article AdvertiserContentArticle AnalysisNewsArticle APIReference AskPublicNewsArticle
    BackgroundNewsArticle BlogPosting DiscussionForumPosting LiveBlogPosting
    MedicalScholarlyArticle NewsArticle OpinionNewsArticle Report ReportageNewsArticle
    ReviewNewsArticle SatiricalArticle ScholarlyArticle SocialMediaPosting TechArticle""".split()
)

# What a forum thread or a Q&A page declares itself: its posts are the content, its date its first post's.
THREAD_TYPES = frozenset({"DiscussionForumPosting", "QAPage"})
# What a store's product page declares itself: its signed posts are customers' reviews, not a thread.
PRODUCT_TYPES = frozenset({"Product", "ProductGroup"})

# Title separators, as in "Headline | Site" or "Site » Section » Headline".
_SEPARATORS = "|\\-–—\\\\/>»"
_SEPARATOR_RE = re.compile(f" [{_SEPARATORS}] ")
_HIERARCHICAL_RE = re.compile(r" [\\/>»] ")
_RTL_LANGUAGES = frozenset("""ar arc ckb dv fa ha he khw ks ku ps sd ug ur yi""".split())
_MAX_BYLINE_CHARS = 100
_MAX_AUTHOR_LIST_CHARS = 300  # JSON-LD's authors, each a byline: a dozen names
_URL_RE = re.compile(r"^(https?:)?//|^www\.", re.I)

# Timezone abbreviations dateutil does not know, seen in news datelines ("08:57 pm IST").
_TZ_ABBREVIATIONS = {
    "IST": 5 * 3600 + 1800, "PKT": 5 * 3600, "JST": 9 * 3600, "KST": 9 * 3600, "AEST": 10 * 3600,
    "AEDT": 11 * 3600, "CET": 3600, "CEST": 7200, "BST": 3600, "EST": -5 * 3600, "EDT": -4 * 3600,
    "CST": -6 * 3600, "CDT": -5 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600,
    "PDT": -7 * 3600, "GMT": 0, "UTC": 0, "WIB": 7 * 3600, "SGT": 8 * 3600, "HKT": 8 * 3600,
}  # fmt: skip


def clean_text(value: Any) -> str | None:
    """A metadata string: entities unescaped (many CMSs escape twice), whitespace collapsed."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text or None


# --------------------------------------------------------------------------- JSON-LD


def json_ld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's ld+json scripts, ``@graph``, ``mainEntity`` and lists flattened."""
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(<!\[CDATA\[|<!--)|(\]\]>|-->)\s*$", "", raw).rstrip(";")
        try:
            data = json.loads(raw, strict=False)  # a raw line break inside a string, as many sites write it
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[0:0] = item
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack[0:0] = item["@graph"]
                if isinstance(item.get("mainEntity"), dict):
                    # A WebPage's main entity is what the page is about: a forum's thread (its
                    # DiscussionForumPosting, with who started it), a QAPage's question. A list
                    # of them is a collection's items (teasers, an FAQ's questions): not followed.
                    stack.insert(0, item["mainEntity"])


def schema_types(item: dict[str, Any]) -> set[str]:
    """A JSON-LD object's ``@type``s, by their last path segment ("https://schema.org/QAPage")."""
    value = item.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def itemtype_names(value: str | None) -> list[str]:
    """A microdata ``itemtype``'s types, by their last path segment ("https://schema.org/Comment")."""
    return [name.rstrip("/").rsplit("/", 1)[-1] for name in (value or "").split()]


def page_types(root: HtmlElement) -> set[str]:
    """The schema.org types the page declares for itself: JSON-LD ``@type``s and microdata
    ``itemtype``s, by their last path segment ("https://schema.org/QAPage" is "QAPage")."""
    declared = {name for item in json_ld_objects(root) for name in schema_types(item)}
    microdata = (name for value in root.xpath("//@itemtype") for name in itemtype_names(value))
    return {name for name in (*declared, *microdata) if name}


def _name(value: Any) -> str | None:
    """The name of a schema.org Person/Organization given as a string, object or list."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return clean_text(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_name(v) for v in value) if name]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _author_names(value: Any) -> str | None:
    """The names of JSON-LD's ``author``, each read as a byline: a list of eight co-authors is
    longer than any one byline, and each of them is a name. A list's entry in words no name is
    written in is no co-author ("South Carolina Garden-based Learning Network on Facebook")."""
    values = value if isinstance(value, list) else [value]
    names = [name for name in (clean_byline(_name(v)) for v in values) if name]
    if len(names) > 1:
        names = [name for name in names if not _is_a_description(name)]
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    byline = ", ".join(unique.values())
    # A paper's list of sixty authors is no byline a page prints; the markup's other fields may hold one.
    return byline if len(byline) <= _MAX_AUTHOR_LIST_CHARS else None


def _image_url(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _image_url(value.get("url") or value.get("contentUrl"))
    if isinstance(value, list) and value:
        return _image_url(value[0])
    return None


@dataclass(frozen=True)
class _JsonLd:
    title: str | None = None
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None
    modified: str | None = None
    excerpt: str | None = None
    lang: str | None = None
    image: str | None = None
    url: str | None = None


def _article_item(root: HtmlElement) -> dict[str, Any] | None:
    """The page's article in its JSON-LD (schema.org only); else the question a QAPage is about."""
    items = [item for item in json_ld_objects(root) if "schema.org" in json.dumps(item.get("@context", "schema.org"))]
    article = next((item for item in items if schema_types(item) & ARTICLE_TYPES), None)
    if article is not None:
        return article
    # Only a QAPage's own question: an FAQ's questions stand alone or in a list, and no one asked them.
    questions = (item.get("mainEntity") for item in items if "QAPage" in schema_types(item))
    return next((main for main in questions if isinstance(main, dict) and "Question" in schema_types(main)), None)


def _article_json_ld(root: HtmlElement, document_title: str | None) -> _JsonLd:
    item = _article_item(root)
    if item is None:
        return _JsonLd()
    headline, name = clean_text(item.get("headline")), clean_text(item.get("name"))
    title = headline or name
    if headline and name and document_title and name != headline:
        # Some sites put the SEO title in one and the display headline in the other: take
        # the one that resembles the page's <title> (what the publisher shows in the tab).
        title = max((headline, name), key=lambda t: _similarity(t, document_title))
    main = item.get("mainEntityOfPage")
    return _JsonLd(
        title=title,
        byline=_author_names(item.get("author")),
        site_name=_name(item.get("publisher")),
        published=clean_text(item.get("datePublished")),
        modified=clean_text(item.get("dateModified")),
        excerpt=clean_text(item.get("description")),
        lang=clean_text(item.get("inLanguage")) if isinstance(item.get("inLanguage"), str) else None,
        image=_image_url(item.get("image")),
        url=clean_text(item.get("url")) or clean_text(main.get("@id") if isinstance(main, dict) else main),
    )


def _similarity(a: str, b: str) -> float:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return len(words_a & words_b) / max(len(words_a | words_b), 1)


# --------------------------------------------------------------------------- <meta>

_PROPERTY_RE = re.compile(
    r"\s*(article|dc|dcterm|og|twitter)\s*:\s*"
    r"(author|creator|description|published_time|modified_time|title|site_name|image:alt|image|locale|url|"
    r"label\d|data\d)\s*",
    re.I,
)
_NAME_RE = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(?:article|webpage))\s*[-.:]\s*|citation_)?"
    r"(author|creator|pub-date|description|title|site_name|image:alt|image|date|language|label\d|data\d)\s*$",
    re.I,
)


def _meta_values(root: HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` values keyed by normalised name ("og:title", "dc:creator", "author"...), in page order."""
    values: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = clean_text(meta.get("content"))
        if not content:
            continue
        keys: list[str] = []
        prop = meta.get("property")
        if prop:
            keys += [f"{m.group(1)}:{m.group(2)}".lower() for m in _PROPERTY_RE.finditer(prop)]
        name = meta.get("name")
        if not keys and name and _NAME_RE.match(name):
            keys.append(re.sub(r"\s+", "", name).lower().replace(".", ":"))
        itemprop = meta.get("itemprop")
        if itemprop:
            keys.append(f"itemprop:{itemprop.strip()}")
        equiv = meta.get("http-equiv")
        if equiv:
            keys.append(f"http-equiv:{equiv.strip().lower()}")
        for key in keys:
            values.setdefault(key, []).append(content)
    return values


def _first(values: dict[str, list[str]], *keys: str) -> str | None:
    """The first value of the first key the page has."""
    return next((values[key][0] for key in keys if values.get(key)), None)


def _authors(values: dict[str, list[str]], *keys: str) -> str | None:
    """Every author the first author key names (pages repeat ``dc.creator`` once per author)."""
    for key in keys:
        names = [name for name in dict.fromkeys(values.get(key, [])) if clean_byline(name)]
        if names:
            return ", ".join(names)
    return None


def _citation_authors(values: dict[str, list[str]]) -> str | None:
    """Scholarly pages' Highwire Press tags, one ``citation_author`` per author, often as
    "Last, First": turned round, so the list reads as names ("Aniruddha Roy, Jyoti Patel")."""
    names = [clean_byline(name) for name in dict.fromkeys(values.get("citation_author", []))]
    turned = [" ".join(reversed(name.split(", ", 1))) if name.count(",") == 1 else name for name in names if name]
    return ", ".join(turned) or None


def _labelled_author(values: dict[str, list[str]]) -> str | None:
    """The name a "Written by" card label gives (``twitter:label1`` "Written by", ``twitter:data1``
    the name: Yoast SEO's card fields, which it fills from the post's author)."""
    named = (
        _first(values, f"twitter:data{key.removeprefix('twitter:label')}")
        for key, labels in values.items()
        if key.startswith("twitter:label") and labels[0].casefold().rstrip(":") in rules.WRITTEN_BY_LABELS
    )
    return next((name for name in map(clean_byline, named) if name), None)


# --------------------------------------------------------------------------- <title>


_SCRIPTED_TITLE_ATTRIBUTES = {tag: attribute for tag, attribute, _reason in rules.SCRIPTED_TITLES}


def _document_title(root: HtmlElement) -> str | None:
    """The title in the tab: ``<title>``, or what the page's scripts put there (rules.SCRIPTED_TITLES)."""
    # (iter() by tag returns at once on a page that never names one; an XPath walks the whole tree.)
    for element in root.iter(*_SCRIPTED_TITLE_ATTRIBUTES):
        if scripted := clean_text(element.get(_SCRIPTED_TITLE_ATTRIBUTES[element.tag])):
            return scripted
    title = next(root.iter("title"), None)
    return clean_text(title.text_content()) if title is not None else None


_HEADLINE_EXTRAS = etree.XPath(" | ".join(f"descendant::{path}" for path, _reason in rules.HEADLINE_EXTRAS))


def _is_home_link(heading: HtmlElement) -> bool:
    """A heading that is only a link to the site's front page is its logo ("<h1><a href="/">Arch
    Linux</a></h1>"), not a headline."""
    links = heading.findall(".//a")
    if len(links) != 1 or text_of(heading) != text_of(links[0]):
        return False
    try:
        address = urlsplit(links[0].get("href", "#").strip())
    except ValueError:
        return False
    front_page = address.path == "/" or (address.path == "" and address.netloc)
    return bool(front_page) and not address.query and not address.fragment


def _headline_text(heading: HtmlElement) -> str | None:
    extras = _HEADLINE_EXTRAS(heading)
    if extras:
        heading = deepcopy(heading)
        for extra in _HEADLINE_EXTRAS(heading):
            extra.drop_tree()
    return clean_text(text_with_breaks(heading))


def _headings(root: HtmlElement, *tags: str) -> list[str]:
    """The text of the page's headings of these tags, in order, without logos or extras."""
    texts = (_headline_text(h) for tag in tags for h in root.iter(tag) if not _is_home_link(h))
    return [t for t in texts if t]


def title_from_document(root: HtmlElement) -> str | None:
    """The headline inside ``<title>``: the site name and section trail taken off.

    "Headline | Site" keeps the part before the last separator unless that leaves under three
    words (then "Site | Headline": the part after the first); "Section: Headline" keeps the part
    after the colon unless a heading shows the whole string; a title too long or too short to be
    a headline gives way to the page's only <h1>. Too short a result means we cut wrongly, so the
    whole <title> stands. With hierarchical separators ("Site » Section » Headline") the last
    part is the headline.
    """
    original = _document_title(root)
    if not original:
        h1s = _headings(root, "h1")
        return h1s[0] if len(h1s) == 1 else None
    title = original
    hierarchical = False
    separators = list(_SEPARATOR_RE.finditer(original))
    if separators:
        hierarchical_separators = list(_HIERARCHICAL_RE.finditer(original))
        hierarchical = bool(hierarchical_separators)
        title = original[: separators[-1].start()]
        if hierarchical and words_in(original[hierarchical_separators[-1].end() :]) >= 3:
            title = original[hierarchical_separators[-1].end() :]  # "Site » Section » Headline"
        elif words_in(title) < 3:
            title = re.sub(f"^[^{_SEPARATORS}]*[{_SEPARATORS}]", "", original)
    elif ": " in original:
        if original not in _headings(root, "h1", "h2"):
            title = original[original.rfind(":") + 1 :]
            if words_in(title) < 3:
                title = original[original.find(":") + 1 :]
            elif words_in(original[: original.find(":")]) > 5:
                title = original
    elif len(original) > 150 or len(original) < 15:
        h1s = _headings(root, "h1")
        if len(h1s) == 1:
            title = h1s[0]
    title = " ".join(title.split())
    words = words_in(title)
    if words <= 4 and (not hierarchical or words != words_in(re.sub(f"[{_SEPARATORS}]+", "", original)) - 1):
        title = original
    return title or None


_CUT_HEADLINE_MIN_CHARS = 100  # search engines show 110; shorter headlines are whole


def _uncut(title: str | None, *others: str | None) -> str | None:
    """A JSON-LD headline cut short (search engines show 110 characters, and SEO plugins cut it
    there: "... Solutions (Including") gives way to a title of the page's that goes on from it
    mid-sentence; "Headline" before "Headline | Site" is whole and stands."""
    if not title or len(title) < _CUT_HEADLINE_MIN_CHARS:
        return title
    for other in others:
        if other and len(other) > len(title) and _comparable(other).startswith(_comparable(title)):
            rest = other[len(title) :]
            if not _SEPARATOR_RE.match(rest) and not _TITLE_PARTS.match(rest) and rest[:1].isspace():
                return other
    return title


# A headline is a line, not a paragraph: longer <h1>s are page furniture or a whole teaser.
_MAX_HEADLINE_WORDS = 40
# An <h1> is the headline the metadata names when it shares this share of its words with it.
_HEADLINE_MIN_SHARED = 0.3
# The permalink marks documentation generators put after a heading's text ("Tutorial¶"); "Â¶" is
# the mark on a page decoded twice before it reached us, whose text postclean repairs.
_HEADING_ANCHOR = re.compile(r"(?:[\s¶#§\U0001f517]|Â¶)+$")
# What a link aggregator shows after a story's headline in the same <h1>: the linked story's site
# and a comment count ("... Modern C++ (phoronix.com) 139", Slashdot's; Hacker News's "(site.com)").
_SOURCE_AFTER = re.compile(r"(?:\s+(?:\((?:[\w-]+\.)+[a-z]{2,}\)|\d+))+\s*", re.I)
_HEADING_LABEL = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)?:\s*")  # one or two words and a colon
_TITLE_PARTS = re.compile(r"\s+[|·•–—»/]\s+|\s+-\s+|\s+::\s+")
_WORD_RE = re.compile(r"\w+")


def _shared_words(heading: str, title: str) -> float:
    """The share of the heading's words that the title also has."""
    heading_words = set(_WORD_RE.findall(heading.lower()))
    return len(heading_words & set(_WORD_RE.findall(title.lower()))) / max(len(heading_words), 1)


# A page's place in its site is no headline: "Home - Acme" is the site's name on its front page.
_PAGE_PLACES = frozenset({"home", "home page", "homepage", "start page", "welcome"})


def without_site_name(title: str, site_names: Collection[str] = ()) -> str:
    """ "Headline | Site" -> "Headline": the first part, unless it is a one- or two-word brand
    before a longer headline ("Site | Headline"). A part that is one of ``site_names`` (the
    declared site name, the name in the page's address) is never the headline, wherever it is;
    nor is the site's address before it without a separator ("davidbau.com Vibe Coding"; after it,
    it can be the headline's own word: "Welcome to Python.org")."""
    parts = [part for part in _TITLE_PARTS.split(title) if part.strip()]
    if len(parts) < 2:
        for name in site_names:
            title = re.sub(rf"^(?:www\.)?{re.escape(name)}(?:\.[a-z]{{2,}})+\s+(?=\S)", "", title, flags=re.IGNORECASE)
        return title
    named = [part for part in parts if not _is_site_name(part, site_names) and _comparable(part) not in _PAGE_PLACES]
    if named and len(named) < len(parts):
        parts = named
        if len(parts) == 1:
            return parts[0]
    first = parts[0]
    # Counted by spaces: a part in Chinese or Japanese is one such word, a brand ("腾讯科技 | ...")
    # or a short headline ("台风登陆 - 中国新闻网") alike; only a declared name tells them apart.
    longest = max(parts, key=lambda part: len(part.split()))
    return longest if len(first.split()) <= 2 and len(longest.split()) > len(first.split()) else first


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split())


def _is_site_name(text: str, site_names: Collection[str]) -> bool:
    comparable = _comparable(text)
    return comparable in site_names or re.sub(r"\W", "", comparable) in site_names


def _host_name(url: str | None) -> str:
    """The site's name as its address spells it: "acme" for https://www.acme.co.uk/x."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.").split(".")[0]


def headline_elements(root: HtmlElement, url: str | None = None) -> list[HtmlElement]:
    """The page's one ``<h1>`` that shows the headline its markup names (``<title>``, og:title or
    twitter:title without the site's name), whatever box it sits in; none when two do (one of
    them repeats the headline in a share bar or a dialog) or when it is the site's logo."""
    meta = _meta_values(root)
    site_names = _site_names(_first(meta, "og:site_name"), url)
    named = {
        _comparable(without_site_name(title, site_names))
        for title in (_document_title(root), _first(meta, "og:title"), _first(meta, "twitter:title"))
        if title
    }
    shown = ((h, _headline_text(h)) for h in root.iter("h1") if not _is_home_link(h))
    headlines = [h for h, text in shown if text and _comparable(_HEADING_ANCHOR.sub("", text)) in named]
    return headlines if len(headlines) == 1 else []


def _site_names(site_name: str | None, url: str | None) -> set[str]:
    """The names no part of a title is the headline under: the declared one, the address's."""
    return {_comparable(site_name or ""), _host_name(url)} - {""}


def without_heading_label(heading: str) -> str:
    """ "Thread: Headline" -> "Headline": the heading without a label of one or two words."""
    return heading[label.end() :] if (label := _HEADING_LABEL.match(heading)) else heading


def shown_headline(
    root: HtmlElement, named_title: str | None, site_name: str | None = None, url: str | None = None
) -> str | None:
    """The headline a reader sees above the article, as the page shows it.

    The page's ``<h1>`` that shares most words with the title its metadata names (a site
    sometimes names an SEO title there, longer, shorter or with its name added): a reader takes
    the visible headline for the title. With no ``<h1>`` resembling it, the named title stands,
    without the site's name; with no named title, the first ``<h1>``.
    """
    headings = [_HEADING_ANCHOR.sub("", text) for text in _headings(root, "h1")]
    if not named_title:
        headings = [text for text in headings if text and words_in(text) <= _MAX_HEADLINE_WORDS]
        return headings[0] if headings else None
    named = _comparable(named_title)
    # A longer <h1> is the headline when the metadata names it too (a Reddit post's title).
    headings = [
        text
        for text in headings
        if text and (words_in(text) <= _MAX_HEADLINE_WORDS or named.startswith(_comparable(text)))
    ]
    # Never the site's name: the declared one, or the name in the page's address.
    not_headlines = _site_names(site_name, url)
    headline = without_site_name(named_title, not_headlines)
    shown = next((text for text in headings if _comparable(text) == _comparable(headline)), None)
    if shown is not None:
        return shown
    # Another part of a title with separators, shown as the <h1>, is the headline: "News | Acme
    # Foundation" over <h1>News</h1> is "News", though a one-word first part looks like a brand;
    # never the title's last part (where most sites put their name).
    parts = {
        _comparable(part)
        for title in (named_title, _document_title(root))
        for part in _TITLE_PARTS.split(title or "")[:-1]
    }
    for text in headings:
        comparable = _comparable(text)
        if comparable in parts and not _is_site_name(text, not_headlines):
            return text
    # A label the <h1> prints before the named headline ("Thread: ...", "Blog: ...", arXiv's
    # "Title:") is no part of it.
    headline_forms = {_comparable(headline), named}
    for text in headings:
        if (unlabelled := without_heading_label(text)) != text and _comparable(unlabelled) in headline_forms:
            return unlabelled
    if headings:
        # Compared without the site's name: a logo in an <h1> is not the headline.
        closest = max(headings, key=lambda text: _shared_words(text, headline))
        if _SOURCE_AFTER.fullmatch(closest, len(headline)) and _comparable(closest[: len(headline)]) == _comparable(
            headline
        ):
            return closest[: len(headline)]
        if _shared_words(closest, headline) >= _HEADLINE_MIN_SHARED:
            return closest.split(" | ")[0]
    return headline


# --------------------------------------------------------------------------- byline

_BYLINE_HINT = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# What follows the name in a byline and is not part of it: a date, a time, "3 hours ago", a handle.
_BYLINE_TAIL = re.compile(
    r"(?:\s*[|•·,–—]\s*|\s+-\s+|\s+)(?:"
    r"(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\S.*"
    rf"|(?:on\s+)?{_MONTH}\s+\d{{1,2}}\b.*"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?{_MONTH}.*"
    r"|\d{1,2}:\d{2}.*|\d{4}-\d{2}-\d{2}.*|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}.*"
    r"|\d{1,2}\b\D{0,30}\b(?:19|20)\d{2}\b.*"  # "1 de diciembre de 2017", in any language
    r"|\d+\s*(?:s|m|h|d|w|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?)(?:\s+ago)?\b.*"
    r"|(?:updated|published|posted)\b.*|@\w+.*"
    r")$",
    re.IGNORECASE,
)
# What else a byline ends with: the author's role after a bar ("Matteo Laratta | Author"), a
# date run into the name ("Yucy3/4/2025"), the "on" of "by Lena Park on" whose date was another
# element.
_BYLINE_END = re.compile(
    r"\s*[|•·,–—-]\s*(?:author|editor|writer|contributor|columnist|reporter|(?:staff|senior|contributing) writer)$"
    r"|(?<=[^\W\d_])\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$|(?-i:\s+on)$",
    re.IGNORECASE,
)
# Words a line naming an author never holds; an "author" class on an account menu is not a byline,
# and a dateline that starts with the date ("Last updated: ...") names no one. Nor does a line
# that is all label or link ("The Author", "Topic Author", "Read the bio"), a date's weekday
# alone ("Sat"), or a template's unfilled placeholder ("page.head.extra.author").
_NOT_A_BYLINE = re.compile(
    rf"\b(sign (in|up|out)|log ?in|subscribe|my account|menu|newsletter|(about|meet) the authors?|author'?s note"
    rf"|author bio|read (the |full |my )?bio)\b"
    rf"|^\W*((last )?updated\b|(published|posted|submitted)\b(?!\s+by\b)|{_MONTH}\s+\d|\d)"
    r"|^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?$"
    r"|^(?:the|topic|post|thread|original) author$"
    r"|^[a-z_]+(?:\.[a-z_]+)*\.(?:author|byline|writer|name)s?$|\{\{|\$\{",
    re.I,
)
# Credits after the author's name are other people's: "Shelby Loos, DVM. Reviewed by Molly Price".
_CREDIT = r"(?:medically\s+|expert\s+)?"  # the kind of credit, then its verb
_CREDIT_VERBS = r"reviewed|edited|fact[- ]checked|verified"
_OTHER_CREDITS = re.compile(rf"(?:[.;,]|\s[—–|])\s+{_CREDIT}(?:{_CREDIT_VERBS})\s+by\b.*$", re.I)
# "Niko Matsakis on behalf of Vision Doc group": the group did not write it (cut after names only,
# not "Guest post on behalf of Lena Park").
_ON_BEHALF = re.compile(r"\s+on behalf of\b.*$", re.I)
_CREDIT_LABEL_ONLY = re.compile(rf"{_CREDIT}(?:{_CREDIT_VERBS})\s+by\W*", re.I)  # the names on the next line
# Another's credit before the writer's, in its own part: "Medically reviewed by Debra Sullivan".
_CREDIT_FIRST = re.compile(rf"{_CREDIT}(?:{_CREDIT_VERBS}|updated)\b", re.I)
# The label printed before the names ("By", "Written by:", "Authors:", "par"): the byline is the
# names (an Atom feed's author, an EPUB's creator; the reader view shows them as such).
_BYLINE_LABEL_EN = (
    r"(?:(?:written|authored|text|words|story|recipe|post|posted|published|submitted|article|view all posts)\s+)?by"
    r"|authors?"
)
_BYLINE_LABEL_OTHER = r"par|por|von|di|door|av|af"
_BYLINE_LABEL_ONLY = re.compile(rf"(?:{_BYLINE_LABEL_EN}|{_BYLINE_LABEL_OTHER})\W*", re.I)
_ENGLISH_LABEL = re.compile(rf"(?:{_BYLINE_LABEL_EN})\b\s*:?[\s|•·,–—-]*(?=\w)", re.I)
# In other languages the label is a word names also start with ("Von der Leyen", "Di Maria"): it
# goes when it ends in a colon, or is lower case before a capitalised name of two or more words.
_OTHER_LABEL = re.compile(rf"(?i:{_BYLINE_LABEL_OTHER})\s*:\s*(?=\w)|(?:{_BYLINE_LABEL_OTHER})\s+(?=[^\W\d_]\S*\s+\S)")
_MAX_BYLINE_WORDS = 10  # several authors fit; a sentence does not
# A byline box is the names with a label, a date and a role; a box of more has a bio or a note.
MAX_BYLINE_BOX_CHARS = 2 * _MAX_BYLINE_CHARS
# Where a byline's names end and a role or an outlet begins: "Lena Park | Reuters".
_PART_MARKS = "|•·⋅–—"
_BYLINE_PARTS = re.compile(rf"\s+[{_PART_MARKS}]\s+")  # not " - ": "Jean - Paul Martin"


def _without_label(text: str) -> str:
    if found := _ENGLISH_LABEL.match(text):
        return text[found.end() :]
    found = _OTHER_LABEL.match(text)
    if found and (":" in found.group() or text[found.end()].isupper()):
        return text[found.end() :]
    return text


def clean_byline(text: str | None) -> str | None:
    """A byline as a reader wants it: the names, without the date or handle printed beside them."""
    text = clean_text(text)
    if not text:
        return None
    # "Matthew Richardson ⋅ Review Editor ⋅", "Lena Park | Reuters": the names come first, after
    # the date when the date comes first ("Dec. 19, 2025 · Niko Matsakis").
    parts = _BYLINE_PARTS.split(text.strip(" |•·⋅"))
    while len(parts) > 1 and (
        (re.search(r"\d", parts[0]) and not _BYLINE_TAIL.sub("", f" {parts[0]}").strip())  # all date
        or _BYLINE_LABEL_ONLY.fullmatch(parts[0])  # "By — Amy Lee"
        or _CREDIT_FIRST.match(parts[0])  # "Medically reviewed by ... — Written by Ana Gotter"
    ):
        parts = parts[1:]
    text = parts[0]
    if _NOT_A_BYLINE.search(text):
        return None
    text = _BYLINE_END.sub("", _BYLINE_TAIL.sub("", _OTHER_CREDITS.sub("", text)))
    if (behalf := _ON_BEHALF.search(text)) and _reads_as_names(_without_label(text[: behalf.start()])):
        text = text[: behalf.start()]
    # Quotes around the names, a footnote's asterisk, an "&" left of a name beside another's.
    text = text.strip(' |•·⋅,–—-»"“”*&')
    if _BYLINE_LABEL_ONLY.fullmatch(text) or _CREDIT_LABEL_ONLY.fullmatch(text) or text.endswith(":"):
        return None  # "By", "Reviewed by" alone, "How we reviewed this article:": a label, the name is elsewhere
    text = _without_label(text)
    # Measured before a role is taken off: a sentence under the headline ("By Christmas Eve, the
    # shelters had run out of beds...") is no byline, though it starts with capitalised words.
    if not text or len(text) > _MAX_BYLINE_CHARS or len(text.split()) > _MAX_BYLINE_WORDS or _URL_RE.match(text):
        return None
    if text.casefold() in ("and", "&", "und", "et"):
        return None  # a connector alone: the names were in the lines around it
    if _NOT_A_BYLINE.search(text):
        return None  # what the date left: its weekday ("Sat, 20 Dec, 2025 - 06:36")
    # A role or a place after the names, in words no name is written in: "Julie Weisenhorn and
    # Natalie Hoidal, Extension horticulture educators" (a title in capitals may be a name's: "DVM").
    parts = text.split(", ")
    while len(parts) > 1 and _is_a_description(parts[-1]) and _reads_as_names(parts[0]):
        parts.pop()
    text = ", ".join(parts)
    return text if re.search(r"[^\W\d_]", text) else None


_NAME_LIST = re.compile(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def _as_printed(declared: str | None, printed: str | None, thread: bool, site_names: Collection[str]) -> str | None:
    """The names as the page prints them when its markup says the same less well, or names a
    login or the site itself (``site_names``): the reader reads the printed line. On a ``thread``
    a login is the poster's name."""
    if not declared or not printed:
        return declared
    names = [{name.casefold() for name in _NAME_LIST.split(text) if name} for text in (declared, printed)]
    if len(names[0]) >= 2 and names[0] == names[1]:
        return printed  # "A, B, and C" for the markup's "A, B, C"
    # An account's login ("kffnirmitap", "andrew.keaveney", "KatieS") published the post; the
    # page prints the writer's name.
    if not thread and _is_a_login(declared) and len(printed.split()) >= 2 and _reads_as_names(printed):
        return printed
    # The printed names and then a role or an outlet the page does not print beside them
    # ("David Jackson - FullStack Editorial Team").
    if declared.startswith(printed) and _MORE_AFTER_NAMES.match(declared, len(printed)):
        return printed
    # The site declared itself the author ("USA TODAY"); the page prints who wrote it.
    if _is_site_name(declared, site_names) and not _is_site_name(printed, site_names) and _reads_as_names(printed):
        return printed
    return declared


# A part after the printed names, " - " too (the printed line decides where the names end);
# not ", ": co-authors follow so.
_MORE_AFTER_NAMES = re.compile(rf"\s+[{_PART_MARKS}-]\s")


def _is_a_login(text: str) -> bool:
    """One word with a dot, an underscore or a digit, all in lower case, or with a capital after
    its small letters: a login, not a name as a person writes it."""
    return " " not in text and (bool(re.search(r"[._\d]|[a-z][A-Z]", text)) or text.islower())


# A line that ends so goes on into the next: "Jared Newman and" / "Sam Singleton".
# (Lower case: "Wang Yi E" ends in a name; not "en", Spanish for "in".)
_BYLINE_GOES_ON = re.compile(r"(?:^|\s)(?:and|AND|&|und|et|y|e)$|,$")
# A line that starts so belongs to the one before: "Lena Park" / "and Omar Haddad".
_BYLINE_CONTINUES = re.compile(r"(?:and|AND|&|und|et)\b|,")


# The address of a writer's page on a publisher's site, or of a member's on a forum's.
_AUTHOR_PAGE = re.compile(
    r"[/-](?:authors?|people|staff|writers?|contributors?|columnists?)/|" + rules.PROFILE_LINK.pattern, re.I
)


def byline_text(element: HtmlElement) -> str | None:
    """The names a byline element shows, read as the reader sees its lines.

    A byline box is often a stack of blocks: "By" / "Summer Swann", "Luke Kim" / "December 17,
    2025", "Rachel MacDonald" / "Writer"; ``text_content`` runs them into one another ("Luke
    KimDecember"). A label line goes with the next, and "and" or a comma at a line's end or start joins;
    the names are the first line that reads as a byline, and the lines after it (a date, a role,
    a reviewer) are not.
    """
    lines: list[str] = []
    for line in lines_of(element):
        joined = lines and (_BYLINE_LABEL_ONLY.fullmatch(lines[-1]) or _BYLINE_GOES_ON.search(lines[-1]))
        if joined or (lines and _BYLINE_CONTINUES.match(line)):
            lines[-1] = f"{lines[-1]}{'' if line.startswith(',') else ' '}{line}"
        elif re.search(r"\w", line) or lines:
            lines.append(line)
    names = next((name for name in map(clean_byline, lines) if name), None)
    # The one link to the writer's page is the name when the line runs a role into it ("Zackery
    # Cuevas" / "Writer, Hardware"): only then, not another's ("Reviewed by ...") or co-authors'.
    pages = [a for a in element.iter("a") if _AUTHOR_PAGE.search(a.get("href", "")) and a.text_content().strip()]
    if names and len({a.get("href") for a in pages}) == 1:
        linked = clean_byline(lines_of(pages[0])[0])
        rest = names[len(linked) :] if linked and names.startswith(linked) else ""
        if rest and not _BYLINE_CONTINUES.match(rest.strip()) and _reads_as_names(linked):
            return linked
    return names


def byline_element(scope: HtmlElement) -> HtmlElement | None:
    """The first element under ``scope`` that names the author, as Reader View finds it.

    An element marked ``rel=author``, ``itemprop=author`` or with a class or id such as
    "byline" or "author", whose text is short; within it, the part marked ``itemprop=name``
    or ``rel=author`` when there is one (that is the name; the rest is dates and labels).
    """
    for element in _MAYBE_AUTHOR(scope):
        if element is scope or not _names_author(element):
            continue
        # The innermost marked element is the most precise ("share-byline" > "byline" > name).
        inner = next((e for e in element.iterdescendants() if isinstance(e.tag, str) and _names_author(e)), None)
        while inner is not None:
            element = inner
            inner = next((e for e in element.iterdescendants() if isinstance(e.tag, str) and _names_author(e)), None)
        precise = element.find(".//*[@itemprop='name']")
        if precise is None:
            precise = element.find(".//*[@rel='author']")
        found = precise if precise is not None else element
        if byline_text(found):
            return found
    return None


# A byline no markup names, as a reader finds it: a short block under the headline whose line
# starts with the label. "By" and "Author" alone also label menus and filters ("By Category",
# "Author Bio"), so after them two or more words must read as names, outside links, buttons, forms and navigation.
# A forum prints who started the thread ("Thread starter", XenForo's; "Started by", SMF's): a
# username, often lower case.
_PRINTED_LABEL = re.compile(
    r"(?:(?P<thread>thread starter|topic starter|started by)|(?P<named>(?:written|article|words|story|authored)\s+by)"
    r"|by|(?P<author>authors?|contributors?))(?:\b|(?<=(?-i:[a-z]))(?=(?-i:[A-Z])))\s*:?\s*",
    re.IGNORECASE,
)


# A cheap filter for the text nodes a label may start ("by", "author", "starter" in either
# case); _PRINTED_LABEL decides. Applied in Python: as an XPath predicate on every text node it
# cost twice as much (normalize-space or translate there, ten times as much).
_MAYBE_LABEL = re.compile("[yY]|uthor|UTHOR|tarter|TARTER|ontributor|ONTRIBUTOR")


class _UnderHeadline:
    """What ``paths`` select (XPaths relative to a node), in document order: after the scope's
    first ``<h1>`` when it has one (to the end of the page), else anywhere in the scope. A
    byline, and a thread's posts, follow the headline."""

    def __init__(self, *paths: str) -> None:
        self.under = etree.XPath(" | ".join(f"(.//h1)[1]/following::{path}" for path in paths))
        self.anywhere = etree.XPath(" | ".join(f".//{path}" for path in paths))

    def __call__(self, scope: HtmlElement) -> list[Any]:
        return self.under(scope) if scope.find(".//h1") is not None else self.anywhere(scope)


_TEXTS = _UnderHeadline("text()")
_PROSE_PARAGRAPH_CHARS = 200  # a text this long is the article's prose, not a label's line
_NOT_PROSE = frozenset(("script", "style", "noscript", "template"))
_NOT_A_BYLINES_PLACE = frozenset("a button nav select option label form footer figcaption".split())
# A comment section's "By Mary Jones" is a commenter's.
_COMMENTS = re.compile(r"comment", re.IGNORECASE)
# Labels examined at most on one page: each climbs through its ancestors.
_MAX_LABELS = 40
# Words a list of names holds besides the names: connectors and particles ("Ludwig van Beethoven").
_NAME_PARTICLES = frozenset(
    "and & de da di del der den do dos das du la le van von ter ten zu bin al y e et und".split()
)


def _is_a_description(text: str) -> bool:
    """Three words or more, one of them in lower case and no name's particle: a role or a place
    ("Extension horticulture educators"), not a name ("Maria dos Santos", "danah boyd")."""
    words = text.split()
    return len(words) >= 3 and any(w[:1].islower() and w.casefold() not in _NAME_PARTICLES for w in words)


def _reads_as_names(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w.'’-]*", text)
    return bool(words) and all(word[0].isupper() or word.casefold() in _NAME_PARTICLES for word in words)


def _printed_names(element: HtmlElement) -> str | None:
    """The names on the element's line that starts with the label (or on the line after it)."""
    lines = lines_of(element)
    for index, line in enumerate(lines):
        label = _PRINTED_LABEL.match(line)
        if label is None:
            continue
        rest = line[label.end() :] or (lines[index + 1] if index + 1 < len(lines) else "")
        name = clean_byline(rest)
        if not name or label.group("thread"):
            # A username is one word; "Started by the city council in 1990" names no poster.
            return name if name and (len(name.split()) == 1 or _reads_as_names(name)) else None
        plain_by = not label.group("named")
        return name if _reads_as_names(name) and not (plain_by and len(name.split()) < 2) else None
    return None


def _in_a_bylines_place(element: HtmlElement) -> bool:
    return not any(
        e.tag in _NOT_A_BYLINES_PLACE or _COMMENTS.search(f"{e.get('id', '')} {e.get('class', '')}")
        for e in (element, *element.iterancestors())
    )


def _labelled_names(scope: HtmlElement, thread: bool) -> tuple[HtmlElement, str] | None:
    """The first block that starts with a byline's label (or with a thread's, ``thread``) and
    names someone, and the names. A bare "By" counts only before the article's first paragraph
    (after it, it is a teaser's or a quotation's); "Written by" and "Author" anywhere (the
    author's box after the article)."""
    texts = [text for text in _TEXTS(scope) if _MAYBE_LABEL.search(text)]
    labels = 0
    after_prose = False
    for text in texts:
        if len(text) >= _PROSE_PARAGRAPH_CHARS:
            holder = text.getparent()
            after_prose = after_prose or (holder is not None and holder.tag not in _NOT_PROSE)
            continue
        label = _PRINTED_LABEL.match(text.strip())
        if label is None or bool(label.group("thread")) != thread:
            continue
        if after_prose and not (label.group("named") or label.group("thread") or label.group("author")):
            continue
        labels += 1
        if labels > _MAX_LABELS:
            break
        element = text.getparent()
        if element is not None and text.is_tail:
            element = element.getparent()
        if element is None or not _in_a_bylines_place(element):
            continue
        while element is not None and element is not scope and len(text_of(element)) <= MAX_BYLINE_BOX_CHARS:
            name = _printed_names(element)
            if name is not None:
                return element, name
            element = element.getparent()
    return None


# Links to a writer's page on the site ("/author/lena-park/", "/authors/upwork-staff") and
# paragraphs, under the headline (only there: a page without one has no place for a byline).
_WRITER_LINKS_AND_PARAGRAPHS = etree.XPath("(.//h1)[1]/following::*[self::a[contains(@href, '/author')] or self::p]")
_WRITERS_PAGE = re.compile(r"/authors?/([^/?#]+)", re.IGNORECASE)


def _linked_writer(scope: HtmlElement) -> tuple[HtmlElement, str] | None:
    """The first link to a writer's page between the headline and the article's first paragraph
    of prose, and its text, when that is a line of its own that reads as names and shares a word
    with the page's address (".../authors/emmanuel-oyibo"): a byline with neither label nor class
    ("The Upwork Team" above the date). Not "All Posts" or "Our Writers" (a menu's), nor a name
    inside a sentence; links after the prose are teasers' and comments'."""
    for element in _WRITER_LINKS_AND_PARAGRAPHS(scope):
        if element.tag == "p":
            if len(text_of(element)) >= _PROSE_PARAGRAPH_CHARS:
                return None
            continue
        page = _WRITERS_PAGE.search(element.get("href", ""))
        if not page or not _in_a_bylines_place(element.getparent()):
            continue
        name = clean_byline(element.text_content())
        if (
            name
            and _reads_as_names(name)
            and set(re.findall(r"\w+", name.casefold())) & set(re.findall(r"[^\W_]+", page.group(1).casefold()))
            and text_of(element) in lines_of(element.getparent())
        ):
            return element, name
    return None


def printed_byline_element(scope: HtmlElement) -> tuple[HtmlElement, str] | None:
    """The byline of a page whose markup marks none, and the block that prints it: the first
    short block under the headline whose line starts with a byline's label ("Written by", "By")
    and names someone, on that line or the next ("Written by" / "Edzel Tabing"); else a link to
    the writer's page before the article's prose."""
    return _labelled_names(scope, thread=False) or _linked_writer(scope)


def printed_byline(scope: HtmlElement) -> str | None:
    """The names of ``printed_byline_element``."""
    found = printed_byline_element(scope)
    return found[1] if found else None


def thread_starter(scope: HtmlElement) -> str | None:
    """Who started the thread, as the forum prints it under its title ("Thread starter ridwan123")."""
    found = _labelled_names(scope, thread=True)
    return found[1] if found else None


# Links and the boards' poster names (``rules.POSTER_NAMES``), under the first <h1> when there is
# one (the posts of a thread follow its title), in document order.
_POSTER_MARKS = ("a[@href]", *(path for path, _software in rules.POSTER_NAMES))
_POSTERS = _UnderHeadline(*_POSTER_MARKS)


def first_poster(scope: HtmlElement) -> str | None:
    """Who wrote the first post of a thread whose board prints no starter: the first poster under
    the thread's title, named by a link to their profile (phpBB, vBulletin, Lemmy:
    ``rules.PROFILE_LINKS``) or where the board prints posters' names (``rules.POSTER_NAMES``).
    Only when two or more members are named so, each over a post of its own built like the
    first's: one line linking profiles is a writer's ("Find me on Bluesky and Reddit"). The text
    must be a login or a name ("Write a review" links to a sign-in page under a product)."""
    marks = _POSTERS(scope)
    posts: dict[str, tuple[str, HtmlElement]] = {}  # the member (a profile's address, or the name) -> name, post
    for mark in marks:
        href = mark.get("href", "") if mark.tag == "a" else None
        if (href is not None and not rules.PROFILE_LINK.search(href)) or not _in_a_bylines_place(mark.getparent()):
            continue
        name = clean_byline(mark.text_content())
        if not name or (href or name) in posts:
            continue
        if _is_a_login(name) or (_reads_as_names(name) and len(name.split()) <= _POSTER_NAME_MAX_WORDS):
            if (post := _post_of(mark)) is not None:
                posts[href or name] = (name, post)
            if len(posts) == _POSTERS_LOOKED_AT:
                break
    if len(posts) < 2:
        return None
    (first, post), *others = posts.values()
    # Each member's post a box of its own, built like the first's: a thread, not one line linking
    # several profiles ("Find me on Bluesky and Reddit", "Jane Doe and John Roe").
    alike = any(
        other is not post and (other.tag, other.get("class")) == (post.tag, post.get("class")) for _, other in others
    )
    return first if alike else None


_POSTER_NAME_MAX_WORDS = 3
_POST_MIN_CHARS = 80  # a post's box holds its text besides the poster's name
_POSTERS_LOOKED_AT = 6  # the first poster and a few others to compare their posts with


def _post_of(mark: HtmlElement) -> HtmlElement | None:
    """The box of the post ``mark`` names the poster of: its nearest ancestor holding text besides the name."""
    name_chars = len(text_of(mark))
    return next((e for e in mark.iterancestors() if len(text_of(e)) - name_chars >= _POST_MIN_CHARS), None)


def discourse_starter(root: HtmlElement) -> str | None:
    """Who started a Discourse thread: Discourse hands a thread to its scripts as JSON in
    ``div#data-preloaded`` (its crawler's copy of the posts is a ``<noscript>`` a browser does not
    show), the thread's creator under ``details.created_by``."""
    preloaded = root.find(".//div[@id='data-preloaded']")
    if preloaded is None:
        return None
    try:
        data = json.loads(preloaded.get("data-preloaded") or "{}")
        topic = next((json.loads(value) for key, value in data.items() if key.startswith("topic_")), {})
        creator = topic["details"]["created_by"]["username"]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return clean_byline(creator) if isinstance(creator, str) else None


# A cheap filter in C before _names_author decides, in document order: the hint's letters in
# either case ("Byline", "author"), each attribute tested from its own side (see rules.Rule.xpath).
_MAYBE_AUTHOR = etree.XPath(
    "descendant::*/@rel[contains(., 'author')]/.. | descendant::*/@itemprop[contains(., 'author')]/.."
    " | descendant::*/@class[contains(., 'uthor') or contains(., 'yline') or contains(., 'ateline')"
    " or contains(., 'ritten')]/.. | descendant::*/@id[contains(., 'uthor') or contains(., 'yline')]/.."
)


# schema.org microdata: the author's name is the ``itemprop=name`` of the ``itemprop=author`` item,
# as text or as a ``<meta>``'s content (forums mark each post's author so).
_MICRODATA_AUTHORS = etree.XPath(
    "descendant::*/@itemprop[contains(concat(' ', normalize-space(.), ' '), ' author ')]/.."
)
# An author or a date inside these is a review's, a comment's, an answer's or a listed item's,
# not the page's.
_NOT_THE_PAGES_ITEMS = frozenset(
    "review reviews comment comments suggestedAnswer acceptedAnswer itemListElement hasPart".split()
)


def _in_a_nested_item(element: HtmlElement) -> bool:
    return any(_NOT_THE_PAGES_ITEMS & set(e.get("itemprop", "").split()) for e in element.iterancestors())


def _own_name(item: HtmlElement) -> HtmlElement:
    """The ``itemprop=name`` of ``item`` itself, not of an item nested in it (its affiliation)."""
    for named in item.iterfind(".//*[@itemprop='name']"):
        scope = next(e for e in named.iterancestors() if e is item or e.get("itemscope") is not None)
        if scope is item:
            return named
    return item


def microdata_author(root: HtmlElement) -> str | None:
    """The first author the page's microdata names: on a thread, whoever wrote the first post."""
    for element in _MICRODATA_AUTHORS(root):
        if _in_a_nested_item(element):
            continue
        holder = _own_name(element)
        name = clean_byline(holder.get("content") if holder.tag == "meta" else holder.text_content())
        if name:
            return name
    return None


_REVIEWER_HINT = re.compile(r"comment(?!ary)|(?:customer|user|product)[-_]?review", re.I)


def _names_author(element: HtmlElement) -> bool:
    rel, itemprop = element.get("rel", ""), element.get("itemprop", "")
    hint = f"{element.get('class', '')} {element.get('id', '')}"
    if _REVIEWER_HINT.search(hint):
        return False  # a comment's or a customer review's writer ("customer_review_author"), not the page's
    return "author" in rel.split() or "author" in itemprop.split() or bool(_BYLINE_HINT.search(hint))


# --------------------------------------------------------------------------- dates


def normalise_date(value: str | None) -> str | None:
    """ISO 8601, with the offset when the source gave a zone; None when it is not a date."""
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            with warnings.catch_warnings():  # an unknown zone name leaves the time without offset
                warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
                parsed = date_parser.parse(text, tzinfos=_TZ_ABBREVIATIONS, fuzzy=True)
        except (ValueError, OverflowError, TypeError):
            return None
    if not 1900 <= parsed.year <= 2100:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _date_from_markup(root: HtmlElement, itemprop: str) -> str | None:
    for element in root.xpath(f"descendant::*/@itemprop[. = '{itemprop}']/.."):
        if _in_a_nested_item(element):
            continue
        value = element.get("datetime") or element.get("content") or element.text_content()
        if value and value.strip():
            return value
    return None


def _published_time_element(root: HtmlElement) -> str | None:
    for element in root.xpath("descendant::time[@pubdate][@datetime]"):
        return element.get("datetime")
    return None


# htmldate's time grows with the page's markup (4 s for a 9 MB attribute); the largest of the
# 1,606 real pages in ../shared has 5.3 MB. Past this, the declared date stands alone.
DATE_SEARCH_MAX_CHARS = 6_000_000


def _no_guess_from_the_markup(htmlstring: str, options: object) -> None:
    """Stands in for htmldate's last resort, ``search_page``. When the page's date places (its
    metadata, URL, date-named elements, ``<time>``, full timestamps, "last modified" phrases, the
    short lines of its text) say nothing, it runs loose date patterns (a day, a month and a year
    in any order, a month and a year, a copyright year, any four digits) over the whole
    serialised page, scripts' settings and attributes included. What it finds there is no date a
    reader sees: a theme's "rc-cm-2026-03-04 Update", a build tag "es_plusone_gc_20251208", a
    product feed's "activation_date". On wcxb-dev it answered on 124 of the 1,476 pages: 117 show
    their reader no date at all; of the other 7 it was right on 2 and wrong on 5 (on 2 of them
    the declared date, right, now stands). It was also most of htmldate's time: it is not run.
    (Its earlier scans over the serialised page, for full timestamps with a time of day and for
    "last modified" phrases, still run. ``preclean`` has removed the page's scripts by then
    (``rules.NON_CONTENT``, ``rules.CODE_OUTSIDE_BODY``), but settings kept in an attribute can
    still give a date through them: see ``_printed_date``.) htmldate has no option for this; a
    test fails if ``find_date`` stops calling it by this name."""
    return None


htmldate.core.search_page = _no_guess_from_the_markup


def _printed_date(root: HtmlElement, url: str | None) -> str | None:
    """The day htmldate finds in ``root``, or None.

    A day on 1 January does not count. htmldate gives a year alone as 1 January, and pages carry
    timestamps at the turn of a year in their settings (IKEA's category pages, in a ``data-seed``
    attribute: "embargoEndDate": "2026-01-01T00:00:00"). A reader shown "1 January 2026" would
    be misled. (Of 780 wcxb-dev pages whose readers see a date, one was published on a
    1 January, and its declared date says so. htmldate answered 1 January on 252 of the 1,476
    with its last resort, on 5 without it: see ``_no_guess_from_the_markup``.)
    """
    try:
        found = find_date(root, extensive_search=True, original_date=True, url=url, outputformat="%Y-%m-%d")
    except ClearpageError:
        raise  # our own time limit
    except Exception:  # a black box: whatever it raises means "no opinion"
        return None
    return None if not found or found.endswith("-01-01") else found


def _publication_date(
    declared: str | None, root: HtmlElement, url: str | None, page_chars: int, with_furniture: HtmlElement | None
) -> str | None:
    """The date the article was first published, as htmldate finds it, else the declared one.

    htmldate (Apache-2.0, trafilatura's date reader) weighs every date the page carries (its
    markup, its URL, the dates printed in its text) and tells publication from update dates; on
    wcxb-dev it finds the date a reader sees on 83% of pages, the declared metadata alone on 60%
    (a CMS's datePublished is often an import or migration date). When both agree on the day,
    the declared value stays for its time of day. Given a tree, it reads nothing from the network.

    It reads the cleaned page first: the teasers and lists of other articles that ``preclean``
    removed carry their own dates. When that page has no date at all and none is declared, the
    page ``with_furniture`` (as shown, before its header, asides and byline boxes went) is read:
    many pages print the date in a side column or a header band that ``preclean`` removes.
    """
    if page_chars > DATE_SEARCH_MAX_CHARS:
        return declared
    found = _printed_date(root, url)
    if not found and not declared and with_furniture is not None:
        found = _printed_date(with_furniture, url)
    if not found or (declared and declared.startswith(found)):
        return declared
    return found


# --------------------------------------------------------------------------- language


def normalise_lang(value: str | None) -> str | None:
    """A BCP 47 tag from "en_US", "en-us", "EN"; None for an empty or odd value."""
    if not value:
        return None
    tag = value.strip().replace("_", "-").split(",")[0].strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", tag):
        return None
    primary, *rest = tag.split("-")
    parts = [primary.lower()] + [p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in rest]
    return "-".join(parts)


def _markup_direction(root: HtmlElement) -> str | None:
    for element in (root, root.find("body")):
        if element is not None and element.get("dir", "").strip().lower() in ("rtl", "ltr"):
            return element.get("dir").strip().lower()
    return None


_NOT_LETTERS = re.compile(r"[\W\d_]+")
_NOT_RTL_SCRIPT = re.compile(r"[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]+")  # Hebrew, Arabic, Syriac, Thaana...
_DETECTION_SAMPLE_CHARS = 3000
_MIN_LETTERS_TO_DETECT = 40  # shorter text gives a language-identification model too little to go on
_MIN_LANGUAGE_PROBABILITY = 0.9


def text_direction(lang: str | None, text: str) -> str:
    """ "rtl" for a right-to-left language, or text written mostly in a right-to-left script."""
    if lang and lang.split("-")[0].lower() in _RTL_LANGUAGES:
        return "rtl"
    letters = _letters(text[:_DETECTION_SAMPLE_CHARS])  # digits and punctuation count for neither side
    return "rtl" if letters and len(_NOT_RTL_SCRIPT.sub("", letters)) > len(letters) / 2 else "ltr"


def _letters(text: str) -> str:
    # Removing runs of the rest is several times faster than finding the letters one by one.
    return _NOT_LETTERS.sub("", text)


@cache
def _language_identifier() -> Any:
    # py3langid's model takes about 80 MB once loaded, so it loads on first use: only pages
    # whose markup does not state their language ever need it.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    with paused():  # about half a second, once per worker: not the page's time
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The language of an article whose markup does not say, when the text says it clearly."""
    sample = text[:_DETECTION_SAMPLE_CHARS]
    if len(_letters(sample)) < _MIN_LETTERS_TO_DETECT:
        return None
    language, probability = _language_identifier().classify(sample)
    return normalise_lang(language) if probability >= _MIN_LANGUAGE_PROBABILITY else None


# --------------------------------------------------------------------------- assembly


def _absolute(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    try:
        return urljoin(base, url) if base else url
    except ValueError:
        return None


def document_base_url(root: HtmlElement, url: str | None) -> str | None:
    """What relative URLs resolve against: ``<base href>`` joined to the page URL, else the URL."""
    base = root.find(".//base[@href]")
    href = base.get("href", "").strip() if base is not None else ""
    joined = _absolute(href, url) if href else url
    return joined if joined and joined.startswith(("http://", "https://")) else url


def canonical_link(root: HtmlElement) -> str | None:
    """The page's ``<link rel=canonical>`` address, as written."""
    for link in root.iter("link"):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            return link.get("href").strip()
    return None


def metadata(
    root: HtmlElement,
    url: str | None = None,
    page_byline: str | None = None,
    page_chars: int = 0,
    with_furniture: HtmlElement | None = None,
) -> Metadata:
    """Read the page's metadata; every field may be None.

    ``page_byline`` is the byline printed in the page, which ``preclean`` reads before it
    removes the page furniture that often holds it; the page's own metadata is preferred.
    ``page_chars`` is the page's length: dates are searched for in pages of a real page's size.
    ``with_furniture`` is the page before that furniture went, where a date the cleaned page
    lacks is looked for (``Precleaned.with_furniture``).
    """
    document_title = _document_title(root)
    ld = _article_json_ld(root, document_title)
    meta = _meta_values(root)

    title = _uncut(ld.title, _first(meta, "og:title", "twitter:title"), document_title) or _first(
        meta, "dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
        "title", "twitter:title", "parsely-title",
    ) or title_from_document(root)  # fmt: skip
    site_name = ld.site_name or _first(meta, "og:site_name")
    title = shown_headline(root, title, site_name, url)
    types = page_types(root)
    thread = bool(types & THREAD_TYPES)
    byline = (
        ld.byline
        or _authors(meta, "dc:creator", "dcterm:creator", "author", "parsely-author", "article:author")
        or _citation_authors(meta)
        # Printed by the forum: a thread's microdata may put a highlighted answer's author first.
        or thread_starter(with_furniture if with_furniture is not None else root)
        or discourse_starter(root)
        or microdata_author(root)
        or page_byline
        # A site's own post author (the account that published it), not always the writer.
        or _labelled_author(meta)
        or (first_poster(root) if not types & PRODUCT_TYPES else None)  # not a store's reviewers
    )
    byline = _as_printed(byline, page_byline, thread, _site_names(site_name, url))
    excerpt = ld.excerpt or _first(
        meta, "dc:description", "dcterm:description", "og:description", "weibo:article:description",
        "weibo:webpage:description", "description", "twitter:description",
    )  # fmt: skip
    declared_date = normalise_date(
        ld.published
        or _first(meta, "article:published_time", "parsely-pub-date", "itemprop:datePublished", "dc:date", "date")
        or _date_from_markup(root, "datePublished")
        or (_date_from_markup(root, "dateCreated") if thread else None)  # a question's, on Q&A sites
        or _published_time_element(root)
    )
    # A thread's declared date is its first post's; the dates printed in it are the replies'.
    published = (
        declared_date
        if thread and declared_date
        else _publication_date(declared_date, root, url, page_chars, with_furniture)
    )
    modified = normalise_date(
        ld.modified
        or _first(meta, "article:modified_time", "itemprop:dateModified")
        or _date_from_markup(root, "dateModified")
    )
    lang = normalise_lang(
        root.get("lang")
        or root.get("{http://www.w3.org/XML/1998/namespace}lang")
        or _first(meta, "http-equiv:content-language", "dc:language", "language")
        or ld.lang
        or _first(meta, "og:locale")
    )
    image = _absolute(ld.image or _first(meta, "og:image", "twitter:image", "itemprop:image"), url)
    canonical = _absolute(canonical_link(root) or _first(meta, "og:url") or ld.url, url)
    return Metadata(
        title=title,
        byline=byline,
        site_name=site_name,
        published=published,
        modified=modified,
        lang=lang,
        dir=_markup_direction(root) or ("rtl" if lang and lang.split("-")[0] in _RTL_LANGUAGES else None),
        excerpt=excerpt,
        canonical_url=canonical if canonical and canonical.startswith(("http://", "https://")) else None,
        lead_image=LeadImage(url=image, alt=_first(meta, "og:image:alt", "twitter:image:alt")) if image else None,
    )
