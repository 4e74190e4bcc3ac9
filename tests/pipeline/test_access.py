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


# A gate is what a visitor sees: its own words. Markup alone, a sign-in box or a newsletter nag is not one.
FOOTER = "<footer><p>Copyright © 2019 The Gazette | Terms of Service | Privacy Policy</p></footer>"
NOT_GATES = {
    "inactive vendor container": '<div class="tp-container-inner"></div><div id="piano-offer" class="piano-paywall"></div>',
    "vendor-named button": '<button class="pelcro-save-button">Remove Save to favorites</button>',
    "vendor prefix on a site's own menu": '<div class="tp-container-inner"><a href="/buy">Where to Buy</a> <a href="/s">Subscribe</a></div>',
    "newspaper header": '<div class="account"><p>Already a subscriber? Sign in</p></div>',
    "forum reply box": '<div class="guest-teaser"><p>Create an account or sign in to comment. Already have an account? Sign in here.</p></div>',
    "dismissable newsletter modal": '<div class="jetpack-subscription-modal"><h2>Discover more from The Gazette</h2>'
    "<p>Subscribe now to keep reading and get access to the full archive.</p>"
    '<form><input type="email"><button>Subscribe</button></form><p><a href="#">Continue reading</a></p></div>',
    "modal with a close button": '<div class="memberModal"><span class="close">×</span><h5>You have reached your limit '
    "for this 30-day period. Become a subscriber today, and keep reading as many articles as you want.</h5></div>",
    "menu promotion": '<div class="menu-overlay__subscribe">Subscribe now for unlimited access to Gazette content</div>',
}


@pytest.mark.parametrize("name", list(NOT_GATES))
@pytest.mark.parametrize("annotated", [False, True], ids=["direct", "annotated"])
def test_markup_and_prompts_that_are_not_gates_leave_the_article_open(name, annotated):
    article = extract(page(NOT_GATES[name] + article_body(PARAGRAPHS) + FOOTER, annotated=annotated))
    assert (article.access, article.notice) == ("open", None)
    assert article.text == "\n\n".join(TEASER + REST)


def test_a_gate_sentence_quoted_in_the_article_is_not_a_gate():
    quoting = "<p>I can try every model without fear of “you have reached your limit” messages, and so can you now.</p>"
    article = extract(page(article_body(PARAGRAPHS + quoting)))
    assert article.access == "open"


GATE = '<div class="article-gate"><p>Subscribe to continue reading this article.</p></div>'


def test_a_gate_after_the_article_keeps_the_whole_teaser():
    article = extract(page(article_body(TEASER_HTML) + GATE + FOOTER))
    assert article.access == RESTRICTED
    assert article.text == "\n\n".join(TEASER)


def test_a_gate_inside_the_article_cuts_it_there_and_never_keeps_the_footer():
    article = extract(page(article_body(TEASER_HTML + GATE + REST_HTML) + FOOTER))
    assert article.access == RESTRICTED
    assert article.text == "\n\n".join(TEASER)
    assert "Copyright" not in article.content_html


@pytest.mark.parametrize("annotated", [False, True], ids=["direct", "annotated"])
def test_a_gate_before_the_article_leaves_nothing_and_says_so(annotated):
    article = extract(page(GATE + article_body(PARAGRAPHS) + FOOTER, annotated=annotated))
    assert article.access == RESTRICTED
    assert (article.text, article.content_html, article.word_count) == ("", "", 0)
    assert "before any of the article" in article.notice
    assert "The Gazette's subscribers" in article.notice


def test_declared_parts_the_page_does_not_hold_withhold_nothing():
    # A stale declaration (the parts' markup is not in the page): nothing is withheld, access is open.
    article = extract(page(article_body(PARAGRAPHS), head=has_part_json_ld(".paywallFullContent")))
    assert (article.access, article.text) == ("open", "\n\n".join(TEASER + REST))
