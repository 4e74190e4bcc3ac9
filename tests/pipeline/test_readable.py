"""readable: the readability-lxml adapter: what it chooses, what it keeps, and what is no article."""

from __future__ import annotations

import copy
import importlib

import lxml.html
import pytest
from readability import Document

from server.errors import NotReadable
from server.pipeline import extract
from server.pipeline.decode import decode
from server.pipeline.parse import parse
from server.pipeline.preclean import preclean
from server.pipeline.readable import (
    NOT_AN_ARTICLE_LIST,
    NOT_AN_ARTICLE_PRODUCTS,
    NOT_AN_ARTICLE_SIGN_IN,
    _TreeDocument,
    is_data_table,
    is_left_of_a_list_page,
    readable,
)
from server.pipeline.rules import RELATED_ARTICLES
from server.pipeline.trafilatura_engine import trafilatura_article
from server.pipeline.types import Removal
from tests.conftest import FIXTURES
from tests.corpus import corpus_page, corpus_page_names, wcxb_page, wcxb_page_ids

# The module, not the function of the same name that server.pipeline exports.
readable_module = importlib.import_module("server.pipeline.readable")

SENTENCE = "The river came back to the valley after the dam came down, and the salmon with it, in their thousands. "


def article_of(body: str) -> str:
    root = preclean(parse(f"<html><body>{body}</body></html>"))
    return " ".join(readable(root.root, root.sign_in_form).text_content().split())


def test_blocks_an_editor_marks_as_its_widgets_are_the_text():
    """CKEditor 5 marks each block it embeds "ck-widget" (wcxb-dev 4705: a grid of plant profiles);
    readability-lxml's "widget" weight had dropped every one of them, and a sidebar's still goes."""
    plants = "".join(
        f'<div class="ck-widget row"><div class="col-lg"><h3>Plant {n}</h3><p>PLANT {SENTENCE * 2}</p></div></div>'
        for n in range(4)
    )
    text = article_of(
        f"<div class='sidebar widget'><p>Most read: {SENTENCE}</p></div>"
        f"<article><div class='body'><p>{SENTENCE * 3}</p>{plants}</div></article>"
    )
    assert text.count("PLANT") == 4 and "Most read" not in text


def test_chooses_the_article_over_the_sidebar():
    text = article_of(
        f"<div class='sidebar'><p>Most read: {SENTENCE}</p></div><div class='story'><p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p></div>"
    )
    assert "Most read" not in text
    assert text.count("The river came back") == 5


def test_an_article_split_across_sibling_containers_is_taken_whole():
    # The shape of a news site that puts the intro and the rest of the story in separate blocks.
    text = article_of(
        "<div class='story-body'><div class='story-intro'><p><strong>INTRO: a long first paragraph that sets the "
        f"scene, {SENTENCE}</strong></p></div><p>Second paragraph, {SENTENCE}</p>"
        f"<div id='read-more'><div id='read-more-content'>{f'<p>{SENTENCE * 2}</p>' * 5}</div></div></div>"
    )
    assert text.startswith("INTRO:")
    assert "Second paragraph" in text


def test_a_list_written_article_keeps_its_lists():
    items = "".join(
        f"<li>Fixed <a href='https://bugs.example/{i}'>bug {i}</a>: the toolbar no longer flickers when a window opens.</li>"
        for i in range(12)
    )
    text = article_of(f"<article><h2>Changes this week</h2><ul>{items}</ul><p>{SENTENCE}</p></article>")
    assert text.count("the toolbar no longer flickers") == 12


def test_a_data_table_with_links_is_kept_and_the_article_around_it():
    rows = "".join(
        f"<tr><td><a href='/film/{i}'>Film {i}</a></td><td>{1990 + i}</td><td>A loop of days.</td></tr>"
        for i in range(12)
    )
    text = article_of(
        f"<div><p>{SENTENCE * 2}</p><table><tr><th>Title</th><th>Year</th><th>Plot</th></tr>{rows}</table></div>"
    )
    assert "Film 11" in text
    assert text.startswith("The river came back")


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("<table><tr><th>a</th></tr><tr><td>1</td></tr></table>", True),
        ("<table><caption>Results</caption><tr><td>1</td></tr></table>", True),
        ("<table role='presentation'><tr><th>a</th></tr></table>", False),
        ("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>", False),
        ("<table><tr><td>layout</td><td>cell</td></tr></table>", False),
        ("<table>" + "<tr><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td></tr>" * 2 + "</table>", True),
    ],
)
def test_data_tables_are_told_from_layout_tables(table, expected):
    assert is_data_table(lxml.html.fragment_fromstring(table)) is expected


def test_the_lead_figure_just_above_the_body_comes_along():
    text_and_tree = preclean(
        parse(
            "<html><body><div class='wrap'><div class='lead'><figure><img src='/lead.jpg'><figcaption>The weir.</figcaption>"
            f"</figure></div><div class='body'><p>{SENTENCE * 3}</p><p>{SENTENCE * 3}</p></div></div></body></html>"
        )
    )
    article = readable(text_and_tree.root)
    assert article.find(".//img") is not None


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("news-front-page.html", NOT_AN_ARTICLE_LIST),
        ("search-results.html", NOT_AN_ARTICLE_LIST),
        ("sign-in.html", NOT_AN_ARTICLE_SIGN_IN),
        ("product-grid.html", NOT_AN_ARTICLE_PRODUCTS),
    ],
)
def test_pages_that_are_not_articles_are_not_readable_with_a_reason(page, reason):
    precleaned = preclean(parse((FIXTURES / "not-articles" / page).read_text("utf-8")))
    with pytest.raises(NotReadable) as raised:
        readable(precleaned.root, precleaned.sign_in_form)
    assert raised.value.detail == reason


def test_a_section_front_is_a_list_once_its_story_cards_are_gone():
    """Shaped after nytimes-5: one lead photo among sections of story cards. Without the verdict the
    reader got the photo and the word "Photo"."""
    with pytest.raises(NotReadable) as raised:
        extract((FIXTURES / "not-articles" / "section-front.html").read_bytes(), url="https://ledger.example/")
    assert raised.value.detail == NOT_AN_ARTICLE_LIST


def _related(characters: int) -> list[Removal]:
    return [Removal(RELATED_ARTICLES, "links to other articles, not this one", 4, characters)]


@pytest.mark.parametrize(
    ("text", "removed", "left_of_a_list"),
    [
        ("Photo", _related(6504), True),  # nytimes-5
        ("Photo", _related(1999), False),  # one "Related" box is not a list page
        ("Photo", [Removal("comments", "readers' comments", 1, 9000)], False),  # only lists of articles count
        ("A photo of the harbour at dawn.", _related(2000), True),
        ("word " * 25, _related(100_000), False),  # a paragraph is left: a short article, not a remnant
        ("A photo of the harbour at dawn, taken from the old lighthouse. " * 2, _related(2000), False),  # < 20x
        # qq: a sentence of Chinese is 25 words or more, though it has no space in it; a caption
        # is left of a list page in Chinese as in English
        ("这款产品具有极其重要的意义，因为这意味着未来的人工智能技术可能不需要人类来教它就能回答人类提出的问题。",
         _related(20_000), False),
        ("图为3月5日，第十四届全国人大二次会议在北京人民大会堂开幕。新华社记者 李涛 摄", _related(3600), True),
    ],
)  # fmt: skip
def test_what_is_left_of_a_list_page(text, removed, left_of_a_list):
    assert is_left_of_a_list_page(text.strip(), removed) is left_of_a_list


def test_a_short_article_beside_long_related_lists_is_an_article():
    boxes = "".join(
        "<aside class='related'><ul>"
        + "".join(
            f"<li><h3><a href='/{box}/{i}'>Another story worth reading, number {i}</a></h3></li>" for i in range(10)
        )
        + "</ul></aside>"
        for box in range(6)
    )
    page = f"<html><body><article><p>{SENTENCE * 2}</p></article>{boxes}</body></html>"
    article = extract(page, url="https://news.example/a")
    assert article.text == (SENTENCE * 2).strip()
    assert sum(r.characters for r in article.removed if r.kind == RELATED_ARTICLES) >= 2000


# qq's news brief: 126 characters and two runs between spaces
BRIEF_IN_CHINESE = (
    "DeepMind表示，这款名为DNC的AI模型可以接受家谱和伦敦地铁网络地图这样的信息。"
    "这款产品具有极其重要的意义，因为这意味着未来的人工智能技术可能不需要人类来教它就能回答人类提出的问题。"
)


def test_a_short_chinese_article_beside_long_related_lists_is_an_article():
    """Chinese is written without spaces: counted by spaces, a brief of 126 characters was two
    words, what is left of a list page, and it was refused as one."""
    boxes = "".join(
        "<aside class='related'><ul>"
        + "".join(f"<li><h3><a href='/{box}/{i}'>人工智能研究取得新进展，第{i}号报道</a></h3></li>" for i in range(10))
        + "</ul></aside>"
        for box in range(12)
    )
    page = f"<html><body><article><p>{BRIEF_IN_CHINESE}</p></article>{boxes}</body></html>"
    article = extract(page, url="https://news.example/a")
    assert article.text == BRIEF_IN_CHINESE
    assert sum(r.characters for r in article.removed if r.kind == RELATED_ARTICLES) >= 20 * len(article.text)


def test_chinese_words_weigh_as_words_in_the_engine_choice():
    """readability-lxml's article against the words the page shows: by spaces, a Chinese page was
    a few words, and any article held most of them (trafilatura was never asked)."""
    paragraph = f"<p>{BRIEF_IN_CHINESE}</p>"
    # "DeepMind", "DNC", "AI" and 78 Chinese characters, two to a word
    assert readable_module._words(lxml.html.fromstring(f"<div>{paragraph}</div>")) == 42
    page = lxml.html.fromstring(f"<html><body>{paragraph * 10}</body></html>")
    assert not readable_module._holds_most_of_the_page(42 * 4, page)  # under 70% of 420
    assert readable_module._holds_most_of_the_page(42 * 8, page)


def test_a_listicle_with_linked_headings_is_an_article():
    sections = "".join(
        f"<h3><a href='https://store.example/game{i}'>Game {i} ($20)</a></h3><p>{SENTENCE * 3}</p>" for i in range(6)
    )
    assert "Game 5" in article_of(f"<article>{sections}</article>")


SUMMARY = (
    "The city council voted on Tuesday to reopen the old harbour bridge to cyclists next spring, after "
    "two years of repairs that ran over budget and a petition signed by more than ten thousand residents "
    "who had asked"
)


def feed_page(address: str = "https://news.example/other-story-{i}", cards: int = 12) -> str:
    """A news page as Yahoo's (the 130 pages' yahoo-3): the story, then a feed of other stories,
    each a headline linking to it and a summary as long as a paragraph."""
    feed = "<ul id='stream'>" + "".join(
        f"<li class='stream-item'><div><h3><a href='{address.format(i=i)}'>Other story {i}</a></h3>"
        f"<p>{SUMMARY} {i}.</p></div><span>Good Morning News</span></li>"
        for i in range(cards)
    )
    story = f"<article><h1>Salmon return</h1><p>{SENTENCE * 4}</p><p>{SENTENCE * 3}</p><p>{SENTENCE * 2}</p></article>"
    return f"<html><body><div id='main'>{story}<div class='column'>{feed}</ul></div></div></body></html>"


def test_a_feed_of_other_stories_after_the_article_is_no_part_of_it(monkeypatch):
    """trafilatura keeps the feed's summaries, which made readability-lxml's story look like a
    part of the page's text; the feed's words do not count in that measure."""
    text, asked = read_both_ways(feed_page(), monkeypatch, shortcut=True)
    assert asked == 1
    assert "salmon with it" in text and "Other story" not in text and "harbour bridge" not in text


@pytest.mark.parametrize(
    ("address", "url"),
    [
        ("https://publisher{i}.example/title", None),  # a prize's shortlist: a roundup of many sites
        ("/guide/part-{i}", "https://docs.example/guide"),  # a documentation index: the page's own parts
    ],
)
def test_cards_after_an_introduction_that_are_its_roundup_or_its_contents_are_no_feed(address, url):
    """Found in review: cards linking to many sites, or below the page's own address, are the
    article's, after its introduction as much as among its paragraphs."""
    text = extract(feed_page(address, cards=5), url=url).text
    assert "salmon with it" in text and "who had asked 4." in text


def test_a_feed_that_readability_lxml_also_kept_counts_on_neither_side():
    """Found in review: readability-lxml took the story's body and the feed beside it but not its
    lead; counting the feed against trafilatura alone gave readability-lxml's reading, without
    the lead."""
    lead = "".join(f"<p>{SENTENCE * 4} Lead paragraph {i}.</p>" for i in range(5))
    body = "".join(f"<p>{SENTENCE * 5}</p>" for _ in range(3))
    cards = "".join(
        f"<div class='card'><h3><a href='https://news.example/other-{i}'>Other story {i}</a></h3>"
        f"<p>{SUMMARY}, {SUMMARY}.</p></div>"
        for i in range(6)
    )
    page = (
        "<html><body><h1>Salmon return</h1><div class='post-content'><div class='a'><div class='b'>"
        f"<div class='lead'>{lead}</div></div></div><div class='body'>{body}</div><div class='more'>{cards}</div>"
        "</div></body></html>"
    )
    assert "Lead paragraph 4" in extract(page, url="https://news.example/salmon").text


def test_a_short_page_is_still_readable():
    assert article_of("<p>Closed today for maintenance; back tomorrow morning.</p>").startswith("Closed today")


def test_an_empty_page_is_not_readable():
    with pytest.raises(NotReadable):
        article_of("<div><span> </span></div>")


# The adapter's own versions of two readability-lxml passes (faster, same result): each leaves the
# tree exactly as the library's does. The "unlikely candidates" pass is compared on a page whose
# headings and sections have no names, which the adapter exempts by design.
DIV_REWRITE, UNLIKELY_PASS = "transform_misused_divs_into_paragraphs", "remove_unlikely_candidates"


@pytest.mark.parametrize(
    ("method", "body"),
    [
        (
            DIV_REWRITE,
            "<div>loose text<span>inline</span> tail<br>after break<div>inner <b>bold</b></div>more tail</div>",
        ),
        (DIV_REWRITE, "<div><a href='#'>link</a><picture><img src='x'></picture><p>para</p>text</div>"),
        (DIV_REWRITE, "<div><div><div>deep only text</div></div><em>em</em><br><br>end</div>"),
        (DIV_REWRITE, "<div>text<table><tr><td><div>in a cell</div></td></tr></table><span>s</span></div>"),
        (
            UNLIKELY_PASS,
            "<div class='sidebar'><p>side</p></div><div class='sidebar article'><p>kept: it may be the article</p></div>",
        ),
        # The same names twice: judged once, and each element still by where it stands.
        (
            UNLIKELY_PASS,
            "<pre><span class='comment'>// a code comment</span></pre><div class='comment'><p>a reader's</p></div>",
        ),
        (UNLIKELY_PASS, "<div id='footer-comments'><article><p>holds it</p></article></div><div id='footer'>x</div>"),
        (
            UNLIKELY_PASS,
            "<div class=' '><p>a blank name</p></div><span class='share'>s</span><math class='share'></math>",
        ),
    ],
)
def test_the_adapters_faster_passes_match_readability_lxml(method, body):
    assert_same_as_the_library(method, parse(f"<html><body>{body}</body></html>"))


@pytest.mark.corpus
@pytest.mark.parametrize("method", [DIV_REWRITE, UNLIKELY_PASS])
def test_the_adapters_faster_passes_match_readability_lxml_on_every_corpus_page(method):
    for name in corpus_page_names():
        assert_same_as_the_library(method, preclean(parse(corpus_page(name).source.decode("utf-8"))).root, name)


def assert_same_as_the_library(method: str, page: lxml.html.HtmlElement, name: str = "") -> None:
    if method == UNLIKELY_PASS:
        for element in page.iter("h1", "h2", "h3", "h4", "h5", "h6", "section"):
            element.attrib.clear()
    theirs, ours = copy.deepcopy(page), copy.deepcopy(page)
    library, adapter = Document(theirs), _TreeDocument(ours)
    library.html, adapter.html = theirs, ours
    getattr(Document, method)(library)
    getattr(adapter, method)()
    assert lxml.html.tostring(ours) == lxml.html.tostring(theirs), name


def read_both_ways(markup: str, monkeypatch: pytest.MonkeyPatch, shortcut: bool) -> tuple[str, int]:
    """The article's text, and how many times trafilatura was asked."""
    asked = []

    def counted(shown):
        asked.append(shown)
        return trafilatura_article(shown)

    monkeypatch.setattr(readable_module, "trafilatura_article", counted)
    if not shortcut:
        monkeypatch.setattr(readable_module, "_SHORTCUT_MIN_WORDS", 10**9)
    page = preclean(parse(markup))
    try:
        text = " ".join(readable(page.root, page.sign_in_form, page.shown).text_content().split())
    except NotReadable as refusal:
        text = f"refused: {refusal.detail}"
    monkeypatch.undo()
    return text, len(asked)


def test_trafilatura_is_not_asked_when_readabilitys_article_is_most_of_the_page(monkeypatch):
    whole = f"<html><body><article><h1>Salmon</h1><p>{SENTENCE * 4}</p><p>{SENTENCE * 4}</p></article></body></html>"
    text, asked = read_both_ways(whole, monkeypatch, shortcut=True)
    assert "salmon with it" in text and asked == 0
    # The page as shown keeps its comments (a forum's posts are marked up alike): more words
    # than readability-lxml's article holds, so trafilatura is asked.
    comments = f'<div class="comments"><p>{SENTENCE * 5}</p><p>{SENTENCE * 5}</p></div>'
    text, asked = read_both_ways(whole.replace("</article>", "</article>" + comments), monkeypatch, shortcut=True)
    assert "salmon with it" in text and asked == 1


@pytest.mark.parametrize("page_id", wcxb_page_ids()[::30])
def test_the_shortcut_never_changes_the_article_on_real_pages(page_id, monkeypatch):
    """trafilatura keeps only words the page shows: skipping it when readability-lxml's article
    holds 70% of them gives the article it would have chosen anyway (wcxb-dev, every 30th page)."""
    markup = decode(wcxb_page(page_id).source, None)
    assert (
        read_both_ways(markup, monkeypatch, shortcut=True)[0] == read_both_ways(markup, monkeypatch, shortcut=False)[0]
    )


def _xenforo_post(poster: str, body: str) -> str:
    """A post as XenForo builds it (wcxb-dev 0524): the poster's card beside the post's body."""
    return (
        f'<article class="message message--post" data-author="{poster}" itemscope itemtype="https://schema.org/Comment">'
        f'<div class="message-userDetails"><h4 class="message-name">{poster}</h4><h5>New member</h5>'
        "<dl><dt>Joined</dt><dd>Apr 12, 2024</dd><dt>Messages</dt><dd>3</dd></dl></div>"
        f'<div class="message-content"><div class="bbWrapper">{body}</div></div></article>'
    )


QUESTION = "<p>" + SENTENCE * 4 + "</p><p>" + SENTENCE * 3 + "</p><p>Does anyone know when the fish ladder opens?</p>"
ANSWERS = [
    "<p>The ladder opens in the spring, once the meltwater has gone down and the wardens have checked it.</p>",
    "<p>It opened last April for us, and the counting station posts its numbers every morning on the board.</p>",
]


def thread_page() -> str:
    kind = ' itemscope itemtype="https://schema.org/DiscussionForumPosting"'
    posts = _xenforo_post("lulug30", QUESTION) + "".join(
        _xenforo_post(poster, answer) for poster, answer in zip(["Nikki", "Bryan"], ANSWERS, strict=True)
    )
    return f'<h1>When does the fish ladder open?</h1><div class="block-body js-replyNewMessageContainer"{kind}>{posts}</div>'


def test_a_thread_is_read_whole_its_posts_in_order_without_the_posters_cards():
    text = article_of(thread_page())
    assert text.index("The river came back") < text.index("The ladder opens") < text.index("It opened last April")
    assert "Joined" not in text and "New member" not in text


def test_articles_built_alike_on_a_page_that_is_no_thread_are_not_joined():
    """An infinite-scroll news page builds the next article as it built this one; only a page
    that declares itself a thread (or its posts comments) is read as one."""
    story = '<article class="story"><h2>{}</h2><div class="story-body">{}</div></article>'
    body = '<div class="stories">{}{}</div>'.format(
        story.format("Salmon return", QUESTION),
        story.format("Next: the harbour", QUESTION.replace("The river came back", "The harbour reopened")),
    )
    text = article_of(body)
    assert "The river came back" in text and "The harbour reopened" not in text


def _imported_post(poster: str, body: str) -> str:
    """A post of a board that declares nothing (wcxb-dev 1066): its time, and the poster's link
    only while the account exists."""
    author = f'<a href="/member/{poster}">{poster}</a>' if poster else "Guest"
    return (
        f'<div class="post-wrapper"><article class="post-box"><p class="meta">{author} '
        f'<time datetime="2005-07-10T00:57:00">7/10/05</time></p><div class="post-body">{body}</div></article></div>'
    )


def test_a_thread_that_declares_nothing_is_read_whole_when_its_posts_are_signed():
    replies = [ANSWERS[0] * 5, ANSWERS[1] * 5, f"<p>LAST {SENTENCE * 6}</p>"]
    posts = _imported_post("", QUESTION) + "".join(
        _imported_post(poster, reply) for poster, reply in zip(["", "mnhog", ""], replies, strict=True)
    )
    text = article_of(f'<h1>When does the fish ladder open?</h1><div class="topic">{posts}</div>')
    assert text.index("The river came back") < text.index("The ladder opens") < text.index("It opened last April")
    assert text.index("It opened last April") < text.index("LAST")


def test_flarums_copy_for_browsers_without_scripts_is_read_as_a_thread():
    """wcxb-dev 0557: no time, no profile link, only a box naming each poster."""
    post = '<article><div class="PostUser"><h3 class="PostUser-name">{}</h3></div><div class="Post-body">{}</div></article>'
    replies = [ANSWERS[0] * 5, ANSWERS[1] * 5, f"<p>LAST {SENTENCE * 6}</p>"]
    posts = post.format("antonjw", QUESTION) + "".join(
        post.format(poster, reply) for poster, reply in zip(["Toby", "Ann", "Bo"], replies, strict=True)
    )
    text = article_of(f"<div>{posts}</div>")
    assert text.index("The river came back") < text.index("It opened last April") < text.index("LAST")


def test_a_stores_reviews_are_no_thread():
    """wcxb-dev 0628: each review is signed by its customer; the product's description is the article."""
    review = '<div class="review"><div class="username">{}</div><div class="review-words"><div>{}</div></div></div>'
    bodies = [f"<p>REVIEW {SENTENCE * n}</p><p>{SENTENCE}</p>" for n in (4, 2, 3, 2)]
    reviews = "".join(review.format(name, body) for name, body in zip(("Al", "Bea", "Cy", "Di"), bodies, strict=True))
    product = '<script type="application/ld+json">{"@type": "Product", "name": "Trail 25"}</script>'
    text = article_of(f"{product}<div>{reviews}</div>")
    assert text.count("REVIEW") == 1


def test_stories_of_an_endless_news_page_are_not_joined_though_each_has_its_time():
    story = '<article class="story"><h2>{}</h2><time datetime="2024-05-02">May 2</time><div class="story-body">{}</div></article>'
    others = ("The harbour reopened", "The ferry returned")
    body = story.format("Salmon return", QUESTION) + "".join(
        story.format(other, QUESTION.replace("The river came back", other)) for other in others
    )
    text = article_of(f'<div class="stories">{body}</div>')
    assert "The river came back" in text and "The harbour reopened" not in text and "The ferry returned" not in text


def test_a_blogs_posts_with_their_own_titles_are_no_thread():
    """Found in review: a blog's front page of dated posts under <h3> titles was joined into one
    run of text without its titles."""
    post = '<article class="post"><h3><a href="/p/{0}">Post {0}</a></h3><time>May {0}</time><div class="entry">{1}</div></article>'
    bodies = [ANSWERS[0] * 5, ANSWERS[1] * 5, f"<p>LAST {SENTENCE * 6}</p>", QUESTION]
    blog = "".join(post.format(n, body) for n, body in enumerate(bodies, 1))
    assert "LAST" not in article_of(f"<div>{blog}</div>")


def test_a_storys_body_and_the_signed_replies_under_it_are_no_thread():
    """Found in review: replies built like the story's body, each signed, were joined to it."""
    reply = '<div class="reply"><a href="/u/{0}">{0}</a> <time>May 2</time><div class="copy">{1}</div></div>'
    answers = [ANSWERS[0], ANSWERS[1], f"<p>LAST {SENTENCE}</p>"]
    replies = "".join(reply.format(name, body) for name, body in zip(["ann", "bo", "cy"], answers, strict=True))
    story = f'<h1>Salmon</h1><div class="copy">{QUESTION * 3}</div><section class="talk">{replies}</section>'
    assert "LAST" not in article_of(story)


def test_a_post_that_is_mostly_links_stays_in_its_thread():
    """The opening post of a thread is often a list of other threads (wcxb-dev 0577):
    readability-lxml's link-density cleaning dropped it."""
    links = "".join(f'<a href="/t/{n}">Campaign thread of party {n}</a><br>' for n in range(8))
    opening = "<p>The election is on 4 July. This is the main thread.</p>" + links
    posts = _xenforo_post("host", opening) + "".join(
        _xenforo_post(poster, answer) for poster, answer in zip(["Nikki", "Bryan"], [QUESTION, QUESTION], strict=True)
    )
    kind = ' itemscope itemtype="https://schema.org/DiscussionForumPosting"'
    text = article_of(f'<div class="block-body"{kind}>{posts}</div>')
    assert "The election is on 4 July" in text and "Campaign thread of party 7" in text


def test_a_quote_built_as_a_post_stays_inside_the_post_that_quotes_it():
    """A reply quoting a post in the post's own markup (found in review: the quote moved after the
    next reply)."""
    quoted = '<blockquote><div class="bbWrapper"><p>QUOTED ' + SENTENCE + "</p></div></blockquote>"
    posts = (
        _xenforo_post("lulug30", QUESTION)
        + _xenforo_post("Nikki", quoted + "<p>AFTERQUOTE " + SENTENCE + "</p>")
        + _xenforo_post("Bryan", "<p>REPLY " + SENTENCE + "</p>")
    )
    kind = ' itemscope itemtype="https://schema.org/DiscussionForumPosting"'
    text = article_of(f'<div class="block-body"{kind}>{posts}</div>')
    assert text.index("QUOTED") < text.index("AFTERQUOTE") < text.index("REPLY")


def test_replies_declared_comments_make_a_thread_but_a_blogs_columns_do_not():
    """XenForo marks each reply a Comment, not the first post; a blog's layout columns beside
    its article are no replies, even where its comments are declared (found in review)."""
    posts = _xenforo_post("lulug30", QUESTION).replace("https://schema.org/Comment", "") + "".join(
        _xenforo_post(poster, answer) for poster, answer in zip(["Nikki", "Bryan"], ANSWERS, strict=True)
    )
    assert "It opened last April" in article_of(f'<div class="block-body">{posts}</div>')
    promo = "<p>More from the valley: our weekend guide to the riverside trails and the best picnic spots.</p>"
    blog = (
        f'<div class="row"><div class="col">{QUESTION}</div><div class="col">{promo}</div></div>'
        '<div class="comment" itemscope itemtype="https://schema.org/Comment"><p>' + SENTENCE + "</p></div>"
    )
    assert "More from the valley" not in article_of(blog)


def sphinx_section(slug: str, title: str, body: str, level: int = 2) -> str:
    """A section as Sphinx writes one (wcxb-dev 0661, 0665, 2994): an anchor, a titled heading, its text."""
    return f'<section id="{slug}"><span id="ref-{slug}"></span><h{level}>{title}</h{level}>{body}</section>'


def test_a_section_of_a_document_is_read_with_the_documents_other_sections():
    """readability-lxml scores one section of a long reference page highest; the page's
    intro and its other sections are as much the document (Python's json docs lost its intro)."""
    intro = "<p>INTRO The json module reads and writes JSON, " + SENTENCE + "</p>"
    usage = sphinx_section("usage", "Basic Usage", f"<p>USAGE {SENTENCE * 2}</p>", 3)
    entries = f"<dl class='py class'><dt>class JSONDecoder</dt><dd>{f'<p>API {SENTENCE * 3}</p>' * 6}</dd></dl>"
    api = sphinx_section("api", "Encoders and Decoders", f"<p>{SENTENCE * 4}</p>{entries}", 3)
    # More prose than the section readability-lxml scores highest: no widening by share would reach it.
    limits = sphinx_section("limits", "Limitations", f"<p>LIMITS {SENTENCE * 7}</p>" * 3, 3)
    page = '<div role="main">' + sphinx_section("module-json", "json", intro + usage + api + limits, 1) + "</div>"
    text = article_of(page)
    assert text.index("INTRO") < text.index("USAGE") < text.index("API") < text.index("LIMITS")


def test_a_blogs_titled_sections_without_ids_are_no_documents_outline():
    """Found in review: the site's "Blog" label over a story and its responses, as sections."""
    story = f"<section class='story'><h1>The valley</h1><p>{SENTENCE * 4}</p><p>{SENTENCE * 3}</p></section>"
    responses = "<section class='discussion'><h2>Responses</h2><div><p>Great post, thanks!</p></div></section>"
    text = article_of(f"<section class='post-wrap'><h2>Blog</h2>{story}{responses}</section>")
    assert "Great post" not in text and not text.startswith("Blog")


def test_sections_without_titles_are_layout_and_stay_apart():
    """A page's layout ``<section>``s (a story beside a promotion band) are no outline."""
    page = (
        f"<section class='band'><section class='story'><p>{SENTENCE * 3}</p><p>{SENTENCE * 3}</p></section>"
        "<section class='band-promo'><p>Visit our riverside shop for the best picnic gear of the season, "
        "open every weekend until October.</p></section></section>"
    )
    assert "riverside shop" not in article_of(page)


@pytest.mark.parametrize(("page_id", "opening"), [("2994", "JSON encoder and decoder"), ("0665", "Introduction")])
def test_a_reference_page_is_read_from_its_top_heading(page_id, opening):
    page = wcxb_page(page_id)
    text = " ".join(extract(page.source).text.split())
    assert opening in text[:400]


def test_a_heading_linking_to_its_own_page_and_a_short_command_stay():
    """Sphinx links each heading back to the contents (``href="#id3"``): readability-lxml dropped
    them as mostly link, and the boxes of a one-line command as too short (wcxb-dev 0665)."""
    command = '<div class="highlight-console"><div class="highlight"><pre>$ celery --help\n</pre></div></div>'
    body = (
        f"<p>{SENTENCE * 3}</p><h2><a class='toc-backref' href='#id4'>Workers</a></h2>"
        f"<p>To list all the commands available do:</p>{command}<p>{SENTENCE * 3}</p>"
        "<h2><a href='https://example.com/elsewhere'>Elsewhere</a></h2><p>A short line.</p>"
    )
    text = article_of(f"<div class='body'>{body}</div>")
    assert "Workers" in text and "$ celery --help" in text
    assert "Elsewhere" not in text  # a heading that links away is still the library's to judge


# wcxb-dev 2861 (rustdoc's page for Result): an entry's signature in a box with its version and
# source link, its text a paragraph that names API items as linked code.
RUSTDOC_ENTRY = (
    '<details class="toggle method-toggle" open><summary><section id="method.is_ok" class="method">'
    '<span class="rightside"><span class="since">1.0.0</span> · <a class="src" href="../src/result.rs.html#593">'
    'Source</a></span><h4 class="code-header">pub const fn <a href="#method.is_ok" class="fn">is_ok</a>'
    '(&amp;self) -&gt; <a class="primitive" href="../primitive.bool.html">bool</a></h4></section></summary>'
    '<div class="docblock"><p>Returns <code>true</code> if the result is <a href="enum.Result.html#variant.Ok">'
    "<code>Ok</code></a>. Returns <code>false</code> if it is <a href='#variant.Err'><code>Err</code></a>.</p>"
    "</div></details>"
)


def test_an_api_entrys_signature_and_its_text_naming_linked_code_stay():
    """readability-lxml drops a box whose text is more than a fifth links: the signature's box
    (its linked types, its "Source") and a paragraph naming ``Ok`` and ``Err``, each a link to
    its entry. Code named in a sentence is the sentence's; a menu's links are not code."""
    top = (
        "<div class='docblock'><p><code>Result</code> is a type that represents either success "
        "(<a href='#variant.Ok'><code>Ok</code></a>) or failure (<a href='#variant.Err'><code>Err</code></a>).</p>"
        "<p>See the <a href='index.html'>module documentation</a> for details.</p></div>"
    )
    text = article_of(
        f"<section id='main-content' class='content'>{top}<p>{SENTENCE * 3}</p>{RUSTDOC_ENTRY * 3}</section>"
    )
    assert "is a type that represents either success" in text
    assert text.count("pub const fn is_ok(&self) -> bool") == 3 and text.count("if the result is Ok") == 3
    # A box of links under a heading with a link of its own still goes (found in review).
    more = (
        "<div class='box'><h3>More stories from <a href='/topics/rail'>Rail</a></h3>"
        "<div><a href='/c'>Closures</a> · <a href='/f'>Fares</a> · <a href='/t'>Timetables</a></div></div>"
    )
    assert "Timetables" not in article_of(f"<div class='body'><p>{SENTENCE * 3}</p>{more}<p>{SENTENCE * 3}</p></div>")
    menu = "<div class='menu'><p><a href='/a'>Rivers</a> and <a href='/b'>Lakes of the valley</a></p></div>"
    assert "Lakes of the valley" not in article_of(
        f"<div class='body'><p>{SENTENCE * 3}</p>{menu}<p>{SENTENCE * 3}</p></div>"
    )


def test_code_named_in_a_sentence_is_not_link_text_in_our_prose_measure():
    """``_link_chars`` reads as ``get_link_density`` does: a sentence naming linked API items is prose."""
    paragraph = lxml.html.fragment_fromstring(
        "<p>Call <a href='#f'><code>fetch()</code></a> with a <a href='/r'>Request</a> object.</p>"
    )
    assert readable_module._link_chars(paragraph) == len("Request")


def test_a_heading_whose_class_names_a_header_stays():
    """readability-lxml drops any element whose class holds "header" as unlikely content; on a
    heading that names where it sits ("section-header", rustdoc's "code-header"), not a masthead."""
    body = (
        f"<div class='post'><p>{SENTENCE * 3}</p><h2 class='section-header'>Where the salmon spawn</h2>"
        f"<p>{SENTENCE * 3}</p></div><div class='site-header'><p>Subscribe to the valley gazette</p></div>"
    )
    text = article_of(body)
    assert "Where the salmon spawn" in text
    assert "Subscribe" not in text  # the box, not a heading, still goes


def test_a_documents_sections_stay_whatever_their_names_and_links():
    """Sphinx's "module-json.tool" section (wcxb-dev 2994) went as a "tool" box, and Django's
    middleware sections (0661) as "too many links": each names the classes it documents."""
    tool = '<section id="module-json.tool"><h2>Command-line interface<a href="#module-json.tool">¶</a></h2>'
    tool += f"<p>TOOL {SENTENCE * 2}</p></section>"
    csrf = (
        "<p>CSRF The <a href='/ref/1'>CsrfViewMiddleware class</a> and the <a href='/ref/2'>csrf_protect decorator</a>"
        " guard each form against forged posts from other sites, as the settings below describe.</p>"
    )
    csrf = sphinx_section("s-csrf-protection-middleware", "CSRF protection middleware", csrf, 3)
    body = sphinx_section("s-usage", "Usage", f"<p>{SENTENCE * 4}</p><p>{SENTENCE * 3}</p>", 2)
    text = article_of(sphinx_section("module-json", "json", body + csrf + tool, 1))
    assert "TOOL" in text and "CSRF" in text
    # A section of links alone is judged as any other box (a Quarto blog's "From the archive",
    # found in review).
    archive = "".join(f"<li><a href='/blog/post-{n}'>ARCHIVE post about dams number {n}</a></li>" for n in range(4))
    archive = sphinx_section("from-the-archive", "From the archive", f"<ul>{archive}</ul>", 2)
    assert "ARCHIVE" not in article_of(sphinx_section("the-river", "The river", body + archive, 1))
    # A section with no prose of its own keeps no "tool" weight against it (found in review).
    options = '<section id="module-json.tool"><h2>Options<a href="#module-json.tool">¶</a></h2>'
    options += "<dl><dt>--sort-keys</dt><dd>OPTIONS Sort the output of dictionaries by key.</dd></dl></section>"
    assert "OPTIONS" in article_of(sphinx_section("module-json", "json", body + options, 1))
    # A section named after its heading keeps the library's plus for its name ("s-content" in
    # Django's request docs lost it, and went as links; found in review).
    content = (
        "<p>BODYSEC The raw <a href='/r/body'>HttpRequest.body</a> as a <a href='/r/bytes'>bytestring</a>,"
        " see <a href='/r/stream'>stream</a>.</p>"
    )
    request = sphinx_section("s-request", "Request", body + sphinx_section("s-content", "Content", content, 3), 1)
    assert "BODYSEC" in article_of(request)
    # Nor is one with a sentence over links of their own (a tool's sponsors, found in review).
    names = "<p><a href='https://acme.example'>Acme Corporation</a> · <a href='https://big.example'>Bigcorp Industries</a></p>"
    sponsors = sphinx_section(
        "sponsors",
        "Sponsors",
        f"<p>SPONSORS The tool is made possible by the generous support of these companies:</p>{names}",
        2,
    )
    assert "SPONSORS" not in article_of(sphinx_section("the-river", "The river", body + sponsors, 1))
    # Nor a sentence naming them, each linked, nor one over a wall of their logos (found in review).
    thanks = (
        "<p>SPONSORS This project is made possible by <a href='/a'>Acme Corporation</a>, <a href='/b'>Bigcorp"
        " Industries</a>, <a href='/i'>Initech Software</a> and <a href='/g'>Globex</a>; thank you all!</p>"
    )
    logos = "".join(f"<a href='https://sponsor{n}.example'><img src='/logo{n}.png' alt=''></a>" for n in range(6))
    wall = "<p>SPONSORS Clearpage is made possible by our generous sponsors. Become one today!</p>" + logos
    for sponsors in (thanks, wall):
        section = sphinx_section("sponsors", "Sponsors", sponsors, 2)
        assert "SPONSORS" not in article_of(sphinx_section("the-river", "The river", body + section, 1))


def test_a_documents_section_named_after_its_heading_is_no_comment_section():
    """The kernel's patch guide (wcxb-dev 2874) has "respond-to-review-comments" and "commentary"
    sections: ids made from their headings, which readability-lxml read as comment boxes."""
    sections = sphinx_section("intro", "Submitting patches", f"<p>INTRO {SENTENCE * 3}</p>") + sphinx_section(
        "respond-to-review-comments", "Respond to review comments", f"<p>REVIEWS {SENTENCE * 3}</p>" * 2
    )
    page = sphinx_section("guide", "The patch guide", sections, 1)
    assert "REVIEWS" in article_of(page)
    # A blog's comment box named after its heading, in a section with no id: no outline (found in review).
    post = f"<section class='post'><h1>The valley</h1><p>{SENTENCE * 4}</p><p>{SENTENCE * 3}</p>"
    replies = "<section id='reader-comments'><h2>Reader Comments</h2><div><p>READER what a lovely piece.</p></div>"
    assert "READER" not in article_of(post + replies + "</section></section>")
    # A blog's comment section is no part of a document's outline: it still goes.
    blog = f"<article><p>{SENTENCE * 4}</p><p>{SENTENCE * 3}</p></article>"
    comments = f"<section id='comments'><h2>Comments</h2><p>READER {SENTENCE}</p></section>"
    assert "READER" not in article_of(blog + comments)
