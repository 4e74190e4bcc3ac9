"""access: paywalls and registration gates are honoured, never bypassed.

Each case is a real paywall's markup shape, served three ways: to a visitor with the extension's
annotations (what the browser showed), without annotations (a direct API call), and to a signed-in
subscriber, whose page carries the same paywall markup but whose gate is hidden.
"""

from __future__ import annotations

import json

import pytest

from server.pipeline import extract
from server.pipeline.access import PARTIAL, RESTRICTED, keep_teaser

TEASER = [
    "The council voted on Tuesday night to fund the new bridge across the river, ending a debate that has run for years.",
    "Supporters said the crossing would cut commutes by half; opponents worried about the cost and the old quarter.",
]
REST = [
    "Under the plan, construction would begin next spring and take three years, with the old ferry running until then.",
    "The mayor said the city had secured most of the money from the regional fund, and would borrow the remainder.",
    "Residents of the old quarter will be consulted on the design of the approach roads before work starts next year.",
]
PARAGRAPHS = "".join(f"<p>{p}</p>" for p in TEASER + REST)
TEASER_HTML = "".join(f"<p>{p}</p>" for p in TEASER)
REST_HTML = "".join(f"<p>{p}</p>" for p in REST)
HEAD = "<title>Council funds the bridge | The Gazette</title><meta property='og:site_name' content='The Gazette'>"


def page(body: str, head: str = "", annotated: bool = False) -> str:
    mark = " data-clearpage-annotated" if annotated else ""
    return f"<!doctype html><html{mark}><head>{HEAD}{head}</head><body>{body}</body></html>"


def article_body(content: str) -> str:
    return f"<main><article><h1>Council funds the bridge</h1><div class='article-body'>{content}</div></article></main>"


# Gates set in the text after the teaser: what follows is withheld, annotated or not.
INLINE_GATES = {
    "leaky paywall": '<div id="leaky_paywall_message"><p>You have reached your limit of free articles this month.</p>'
    '<a href="/subscribe">Subscribe</a></div>',
    "poool": '<div id="poool-widget"><p>Subscribe to continue reading this article.</p></div>',
    "accesstype": '<div class="at-paywall-banner"><p>Subscribe to get access to premium stories.</p></div>',
    "generic": '<div class="article-gate"><h3>This article is for subscribers only</h3><p>To continue reading, please '
    "subscribe or sign in.</p></div>",
    "zephr": '<div class="zephr-component"><p>Register for free to keep reading.</p></div>',
    "laterpay": '<div class="lp_paywall"><p>Buy this article for €0.49 to read on.</p></div>',
}
# Gates floating over the page (Piano's modal appended to <body>): the article's full text is often
# in the page underneath, hidden only by the modal.
OVERLAY_GATES = {
    "piano": '<div class="tp-modal"><div class="tp-backdrop tp-active"></div><div class="tp-container-inner">'
    "<p>Subscribe to continue reading. Already a subscriber? Sign in</p></div></div>",
    "pelcro": '<div class="pelcro-modal" role="dialog"><p>You have reached your free article limit.</p></div>',
}


@pytest.mark.parametrize("name", list(INLINE_GATES))
@pytest.mark.parametrize("annotated", [False, True], ids=["direct", "annotated"])
def test_an_inline_gate_restricts_to_the_teaser_before_it(name, annotated):
    html = page(article_body(TEASER_HTML + INLINE_GATES[name] + REST_HTML), annotated=annotated)
    article = extract(html)
    assert article.access == RESTRICTED
    assert article.text == "\n\n".join(TEASER)
    assert "The Gazette's subscribers" in article.notice


@pytest.mark.parametrize("name", list(OVERLAY_GATES))
@pytest.mark.parametrize("annotated", [False, True], ids=["direct", "annotated"])
def test_an_overlay_gate_restricts_to_a_teaser_and_is_not_a_promotion(name, annotated):
    article = extract(page(article_body(PARAGRAPHS) + OVERLAY_GATES[name], annotated=annotated))
    assert article.access == RESTRICTED
    assert article.text.split("\n\n") == (TEASER + REST)[:3]
    assert "subscribe" not in article.text.lower()
    assert article.notice


def test_text_the_browser_hid_behind_the_gate_is_never_shown():
    # What Piano-style client-side paywalls do: the rest of the text is in the page, hidden.
    hidden_rest = f'<div class="paywalled-content" data-clearpage-hidden="">{REST_HTML}</div>'
    html = page(article_body(TEASER_HTML + hidden_rest) + OVERLAY_GATES["piano"], annotated=True)
    article = extract(html)
    assert article.access == RESTRICTED
    assert article.text == "\n\n".join(TEASER)


@pytest.mark.parametrize("name", [*INLINE_GATES, *OVERLAY_GATES])
def test_a_signed_in_subscriber_gets_the_whole_article(name):
    gate = {**INLINE_GATES, **OVERLAY_GATES}[name]
    hidden_gate = gate.replace(">", ' data-clearpage-hidden="">', 1)  # the gate is in the page, not shown
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Council funds the bridge", "isAccessibleForFree": false}</script>'
    )
    article = extract(page(article_body(TEASER_HTML + hidden_gate + REST_HTML), head=json_ld, annotated=True))
    assert article.access == "open"
    assert article.notice is None
    assert article.text == "\n\n".join(TEASER + REST)


def test_inline_display_none_gate_is_not_a_visible_gate_either():
    gate = '<div class="paywall" style="display:none"><p>Subscribe to continue reading.</p></div>'
    article = extract(page(article_body(TEASER_HTML + gate + REST_HTML)))
    assert article.access == "open"
    assert article.text == "\n\n".join(TEASER + REST)


def has_part_json_ld(selector: str) -> str:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council funds the bridge",
        "isAccessibleForFree": False,
        "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": selector},
    }  # fmt: skip
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_has_part_withholds_the_named_parts_without_annotations():
    body = article_body(f'{TEASER_HTML}<div class="paywall">{REST_HTML}</div>')
    article = extract(page(body, head=has_part_json_ld(".paywall")))
    assert article.access == PARTIAL
    assert article.text == "\n\n".join(TEASER)
    assert "Part of this article" in article.notice


def test_microdata_has_part_withholds_the_named_parts():
    body = (
        '<main><article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Council funds the bridge</h1>'
        f'<meta itemprop="isAccessibleForFree" content="False">{TEASER_HTML}<div class="locked-section">{REST_HTML}</div>'
        '<div itemprop="hasPart" itemscope itemtype="https://schema.org/WebPageElement">'
        '<meta itemprop="isAccessibleForFree" content="False"><meta itemprop="cssSelector" content=".locked-section"></div>'
        "</article></main>"
    )
    article = extract(page(body))
    assert article.access == PARTIAL
    assert article.text == "\n\n".join(TEASER)


def test_has_part_shown_to_a_subscriber_stays_with_annotations():
    body = article_body(f'{TEASER_HTML}<div class="paywall">{REST_HTML}</div>')
    article = extract(page(body, head=has_part_json_ld(".paywall"), annotated=True))
    assert article.access == "open"
    assert article.text == "\n\n".join(TEASER + REST)


def test_has_part_hidden_from_a_visitor_is_partial_with_annotations():
    body = article_body(f'{TEASER_HTML}<div class="paywall" data-clearpage-hidden="">{REST_HTML}</div>')
    article = extract(page(body, head=has_part_json_ld(".paywall"), annotated=True))
    assert article.access == PARTIAL
    assert article.text == "\n\n".join(TEASER)


def test_whole_article_not_free_without_a_gate_is_the_subscribers_page():
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"isAccessibleForFree": "False"}</script><meta property="article:content_tier" content="locked">'
    )
    article = extract(page(article_body(PARAGRAPHS), head=json_ld))
    assert article.access == "open"


def test_a_page_without_paywall_is_open():
    article = extract(page(article_body(PARAGRAPHS)))
    assert (article.access, article.notice) == ("open", None)


def test_keep_teaser_cuts_after_the_paragraphs():
    import lxml.html

    article = lxml.html.fragment_fromstring(f"<div><div>{PARAGRAPHS}</div><p>Last.</p></div>")
    keep_teaser(article, 2)
    assert [p.text for p in article.iter("p")] == TEASER
