"""What the cleaners remove, as data. Each rule names the kind of thing it matches (what a reader
sees in the response's ``removed`` list) and says, in one line, why a reader is better off
without it.

Two shapes of rule:

- ``Rule``: page furniture recognised by its markup, run by ``preclean`` over the whole page:
  the exact class names and ids a known platform creates (a consent platform's root), words
  that as a whole part of a class or id mark furniture ("share" in ``post-share__bar``), or an
  XPath for what names cannot say (``role=dialog``, ``<nav>`` outside the article).
- ``PhraseRule``: the whole text of a short block ("Advertisement", "READ MORE", "Also read |
  ..."), run by ``postclean`` over the article readability chose, where class names are gone.

Prefer a platform's exact name to a word, and a word to a phrase: a rule that
removes a paragraph of someone's article is worse than one that misses a banner. Paywall and
registration gates are listed separately (``GATE_*``): they are detected and kept, never removed
as promotions (see ``preclean`` and docs/api.md, "Access").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

# Annotations the browser extension adds (docs/api.md, "Annotations from the browser").
HIDDEN_ANNOTATION = "data-clearpage-hidden"
OVERLAY_ANNOTATION = "data-clearpage-overlay"
ANNOTATED_MARK = "data-clearpage-annotated"  # on <html>: the browser marked this page

# The kind of removal that is a list of other articles, by class name or by shape (preclean's teaser
# lists); readable.is_left_of_a_list_page weighs what such lists held against what is left.
RELATED_ARTICLES = "related-articles list"
# Readers' comments: a blog's follow its article; a forum's posts are marked up the same way.
COMMENTS = "comments"


@dataclass(frozen=True)
class Rule:
    """A kind of page furniture, and how to recognise it. Any of the three may match."""

    kind: str
    reason: str
    # Class names or ids: "x" is exactly x, "x*" starts with x, "*x*" holds x anywhere.
    names: tuple[str, ...] = ()
    # Whole parts of class names or ids, any case: "share" matches "post-share__bar", not "shares".
    words: tuple[str, ...] = ()
    # What names cannot say (roles, tags, attributes), as XPath relative to <body> (for
    # CODE_OUTSIDE_BODY, to <html>). An attribute is tested from its own side,
    # "descendant::*/@role[. = 'dialog']/..", not as "//*[@role = 'dialog']": libxml2 sets up a
    # predicate for every element it walks, and that form costs five to ten times as much.
    xpath: str = ""
    # A platform's own root is that platform's whatever its size: a consent layer's preference
    # texts can outweigh a short article (wcxb-dev 0574), and the size guard would keep it. Only
    # for names no site would give its article's wrapper ("onetrust-pc-sdk", not "cc-window").
    any_size: bool = False
    # A menu is a menu whatever its size: on a category page the site's menus can hold more
    # words than its products. An element the rule matches that is nearly all links goes at any size.
    menus: bool = False

    @cached_property
    def select(self) -> etree.XPath | None:
        return etree.XPath(self.xpath) if self.xpath else None


@dataclass(frozen=True)
class PhraseRule:
    kind: str
    reason: str
    pattern: str  # a regular expression, any case, that must match the block's text from its start
    max_chars: int = 200  # longer blocks are prose that happens to begin with the words: kept
    whole: bool = True  # the pattern must match the whole text, not only its beginning
    link: bool = False  # the block must be mostly link text (a teaser links to another page)
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, re.IGNORECASE))

    @property
    def captures_date(self) -> bool:
        """The rule's pattern names a ``date`` group: what it removes is a dateline."""
        return "date" in self.compiled.groupindex

    def matches(self, text: str, link_chars: int = 0) -> bool:
        if not text or len(text) > self.max_chars or (self.link and link_chars < len(text) / 2):
            return False
        return bool(self.compiled.fullmatch(text) if self.whole else self.compiled.match(text))


# --------------------------------------------------------------------------- never content

# Markup that never holds article text. JSON-LD stays (metadata reads it after pre-cleaning);
# <noscript> is read for lazy-image fallbacks first, then dropped.
NON_CONTENT = Rule(
    "non-content markup",
    "code and styles, never text a reader came for",
    xpath="descendant::script[not(@type='application/ld+json')] | descendant::style | descendant::link "
    "| descendant::template[not(@shadowrootmode)] | descendant::noscript | descendant::noembed | descendant::noframes "
    "| descendant::object | descendant::embed | descendant::applet | descendant::canvas | descendant::map",
)
# The same outside the body, read from <html>: in the <head> (and its <noscript> and <template>)
# and where a page puts a script after </body>. Its <title>, <meta> and <link> tags stay (metadata
# reads them), and its JSON-LD, whatever case or parameters its type is written with. A script's
# settings carry dates no reader sees (an analytics call's visit "timestamp", a video's
# "uploadDate" built by script), which htmldate would take for the page's.
_NOT_JSON_LD = (
    "[not(starts-with(normalize-space(translate(@type, 'APLICTONDJS', 'aplictondjs')), 'application/ld+json'))]"
)
CODE_OUTSIDE_BODY = Rule(
    "non-content markup",
    "code and styles outside the body, never a date or a word a reader sees",
    xpath=f"./head//script{_NOT_JSON_LD} | ./script{_NOT_JSON_LD} | ./head//style | ./style",
)
# Obsolete elements browsers still show as preformatted text: their text is read literally
# (libxml2 keeps "&lt;" as four characters), as a <pre> shows it.
PREFORMATTED_OBSOLETE = ("xmp", "listing", "plaintext")
# Class names that hide an element from sight and keep it for screen readers (Bootstrap's,
# WordPress's, the HTML5 Boilerplate's): what a reader does not see on the page.
VISUALLY_HIDDEN = frozenset(
    {
        "sr-only",  # Bootstrap 3-4, Tailwind
        "visually-hidden",  # Bootstrap 5
        "visuallyhidden",  # HTML5 Boilerplate
        "screen-reader-text",  # WordPress
        "screen-reader-only",
    }
)

# Form controls go last: the sign-up rules recognise a form by its e-mail field first.
CONTROLS = Rule(
    "form controls",
    "buttons and fields do nothing in a reader view",
    xpath="descendant::button | descendant::input | descendant::select | descendant::textarea "
    "| descendant::dialog[not(@open)]",
)

# --------------------------------------------------------------------------- embeds

# Embedded players and posts become plain links (a reader view cannot run them): the host a
# frame loads from, and the words for what the link leads to.
EMBED_SERVICES = {
    "youtube.com": "YouTube video", "youtube-nocookie.com": "YouTube video", "youtu.be": "YouTube video",
    "vimeo.com": "Vimeo video", "dailymotion.com": "Dailymotion video", "twitch.tv": "Twitch video",
    "spotify.com": "Spotify audio", "soundcloud.com": "SoundCloud audio", "podcasts.apple.com": "Apple Podcasts audio",
    "twitter.com": "post on X", "x.com": "post on X", "instagram.com": "Instagram post",
    "facebook.com": "Facebook post", "tiktok.com": "TikTok video", "reddit.com": "Reddit post",
    "bsky.app": "Bluesky post", "threads.net": "Threads post", "google.com": "Google map",
    "datawrapper.dwcdn.net": "chart", "flourish.studio": "chart", "codepen.io": "CodePen demo",
}  # fmt: skip


# Blockquotes that embed scripts turn into posts: the post's text and its link are the fallback
# every platform ships, and readability-lxml would drop them for their class ("tweet", "media").
EMBEDDED_POST_CLASSES = frozenset(
    """twitter-tweet twitter-video instagram-media tiktok-embed bluesky-embed text-post-media
    reddit-embed-bq mastodon-embed fb-xfbml-parse-ignore""".split()
)

# --------------------------------------------------------------------------- gates (kept)

GATE = Rule(
    "paywall or registration gate",
    "a gate is the publisher's access control: detected, never removed",
    names=(
        "tp-modal", "tp-backdrop", "tp-container-inner", "piano*", "*piano-*",  # Piano / TinyPass
        "leaky_paywall_message", "leaky_paywall_message_wrap",  # Leaky Paywall
        "poool*", "poool-widget",  # Poool
        "pico", "pico-overlay", "pico-*",  # Pico
        "*pelcro*",  # Pelcro
        "*at-paywall*", "paywall-banner",  # Quintype Accesstype
        "*zephr*",  # Zephr
        "lp_paywall", "*laterpay*",  # Laterpay-style
        "*paywall*", "*Paywall*", "*regwall*", "*content-gate*", "*contentgate*",
    ),
)  # fmt: skip
# What a gate says to a visitor, and nothing else says. Markup alone (a vendor's container, a
# "paywall" class) is not evidence: publishers ship their metering vendor's markup on every
# article, open ones included, and switch it on per visitor. A gate shows its words.
# Sentences only a gate says, each with an example; a box saying one of them is a gate whatever
# its markup. Not here, because open pages say them too: "Already a subscriber? Sign in" (every
# newspaper's header), "Subscribe for unlimited access" (menus, footers), "Sign in to reply" (forums).
_ASK = r"(subscribe|subscription|sign up|register|log ?in|sign in|become a (paid )?(member|subscriber)|join)"
_READ_ON = r"(to (continue|keep) reading|to read (the|this) (full|whole|rest|entire)|to read on)"
_THIS = r"(this|the) (article|story|page|post|content)"
GATE_SENTENCES: tuple[str, ...] = (
    rf"{_ASK}\b[^.!?]{{0,40}}\b{_READ_ON}",  # "Register for free to keep reading"
    rf"{_ASK}\b[^.!?]{{0,40}}\bto unlock {_THIS}",  # "Subscribe to unlock this article"
    rf"\bto unlock {_THIS},? (please )?{_ASK}",  # "To unlock this page, become a member today"
    rf"\bto continue reading,? (please )?{_ASK}",  # "To continue reading, please sign in"
    # "You have reached your limit of free articles", "You've read all of your free articles"
    r"\byou(?:'ve| have) (reached|used|read) (your|all of your|the maximum)[^.!?]{0,30}"
    r"\b(limit|free articles|articles)",
    # "This article is only available to subscribers", "This post is for paid subscribers"
    r"\bthis (article|story|content|post|page) is (only )?((available|reserved|exclusive) )?(to|for) "
    r"(paying |paid )?(subscribers|members)",
    r"\b(buy|purchase) this (article|story)\b",  # "Buy this article for 0.49 EUR to read on"
    # "Subscribe to get access to premium stories"
    r"\bsubscribe (now |today )?to (get|gain|unlock) (full |unlimited )?access to (this |our )?"
    r"(premium|exclusive|subscriber)",
)
GATE_PHRASES = re.compile("|".join(f"(?:{sentence})" for sentence in GATE_SENTENCES), re.IGNORECASE)
# Words every sentence above contains one of, rarer in prose than "subscribe": only around them
# is GATE_PHRASES tried.
GATE_KEYWORDS = (
    "continue reading", "keep reading", "to read the", "to read this", "to read on", "limit", "free articles",
    "subscribers", "members", "this article", "this story", "to unlock", "access to",
)  # fmt: skip
# A box that lets the visitor read on is a nag, not a gate: a link or button whose whole text is one
# of these closes it (Jetpack's "Subscribe to keep reading" modal ends in a "Continue reading" link),
# and so does a control named for closing (``<span class="close">×</span>``).
GATE_DISMISS = frozenset(
    (
        "continue reading", "keep reading", "continue to article", "continue to the article", "read the article",
        "no thanks", "no, thanks", "not now", "maybe later", "close", "dismiss", "skip", "×", "✕", "x",
    )
)  # fmt: skip
GATE_DISMISS_NAMES = ("close", "dismiss")  # in a class or id, any case: "closeBtn", "modal__close"

# --------------------------------------------------------------------------- page rules

# In order: a platform's own markup before generic words, so the report names the platform.
PAGE_RULES: tuple[Rule, ...] = (
    # Consent platforms, by the roots their scripts create.
    Rule("consent banner (OneTrust)", "OneTrust's cookie-consent layer",
         names=("onetrust-consent-sdk", "onetrust-banner-sdk", "onetrust-pc-sdk", "optanon-alert-box-wrapper"),
         any_size=True),
    Rule("consent banner (Cookiebot)", "Cookiebot's consent dialog and its floating widget",
         names=("CybotCookiebotDialog", "CookiebotWidget", "CybotCookiebotDialogBodyUnderlay"), any_size=True),
    Rule("consent banner (Quantcast/InMobi Choice)", "InMobi (Quantcast) Choice consent layer",
         names=("qc-cmp2-container", "qc-cmp-ui-container", "qcCmpUi", "qc-cmp2-ui"), any_size=True),
    Rule("consent banner (Didomi)", "Didomi's consent notice and popup",
         names=("didomi-host", "didomi-popup-container", "didomi-notice", "didomi-notice-banner"), any_size=True),
    Rule("consent banner (Sourcepoint)", "Sourcepoint's consent message and the veil behind it",
         names=("sp_message_container*", "sp_veil", "sp_message_iframe*")),
    Rule("consent banner (TrustArc)", "TrustArc's consent bar and overlay",
         names=("truste-consent-track", "consent_blackbar", "truste_overlay", "truste_box_overlay", "teconsent")),
    Rule("consent banner (Usercentrics)", "Usercentrics' consent layer",
         names=("usercentrics-root", "usercentrics-cmp-ui", "uc-banner-modal"), any_size=True),
    Rule("consent banner (Funding Choices)", "Google Funding Choices' consent and ad-blocker dialogs",
         names=("fc-consent-root", "fc-dialog-container", "fc-ab-root"), any_size=True),
    Rule("consent banner (Osano)", "Osano's consent dialog and widget",
         names=("osano-cm-window", "osano-cm-dialog", "osano-cm-widget"), any_size=True),
    Rule("consent banner (Complianz)", "Complianz's WordPress cookie banner",
         names=("cmplz-cookiebanner-container", "cmplz-cookiebanner", "cmplz-manage-consent"), any_size=True),
    Rule("consent banner (Iubenda)", "Iubenda's cookie banner", names=("iubenda-cs-banner", "iubenda-cs-container"),
         any_size=True),
    Rule("consent banner (CookieYes)", "CookieYes' consent bar",
         names=("cky-consent-container", "cky-overlay", "cookie-law-info-bar", "cookie-law-info-again"), any_size=True),
    Rule("consent banner (Termly)", "Termly's consent banner", names=("termly-code-snippet-support",), any_size=True),
    Rule("consent banner (Klaro)", "Klaro's consent notice", names=("klaro",)),
    Rule("consent banner (Cookie Consent)", "Osano's open-source cookieconsent bar",
         names=("cc-window", "cc-banner", "cc-revoke")),
    Rule("consent banner", "a cookie or privacy notice, not the article",
         words=("cookie", "cookies", "cookiebanner", "cookiebar", "cookie-notice", "gdpr", "ccpa", "consent-banner"),
         xpath="descendant::*/@aria-label[contains(translate(., 'COKIENST', 'cokienst'), 'cookie') "
               "or contains(translate(., 'COKIENST', 'cokienst'), 'consent')]/.."),
    # Dialogs, prompts and sign-ups.
    Rule("dialog", "a modal dialog floats over the page; it is never the article",
         words=("modal", "popup", "pop-up", "lightbox"),
         xpath="descendant::*/@role[. = 'dialog' or . = 'alertdialog']/.. | descendant::*/@aria-modal[. = 'true']/.. "
               "| descendant::dialog"),
    Rule("notification prompt", "asks to turn on browser notifications",
         names=("onesignal-slidedown-container", "onesignal-bell-container", "onesignal-customlink-container",
                "pushcrew-optin", "pushengage-wrapper", "webpushr-prompt-wrapper")),
    Rule("newsletter sign-up", "asks for an e-mail address, not part of the article",
         names=("mc4wp-form", "*mc_embed*", "mailpoet_form", "convertkit-form"),
         words=("newsletter", "newsletters", "signup", "optin", "email-signup"),
         xpath="descendant::form[descendant::input/@type[. = 'email'] or descendant::input/@name[contains(., 'email')] "
               "or descendant::input/@placeholder[contains(., 'mail')]]"),
    Rule("app-install prompt", "asks to install the publisher's app",
         words=("smartbanner", "smart-banner", "app-banner", "appbanner", "app-promo", "download-app", "get-app")),
    Rule("donation appeal", "asks for money; the article is the same without it",
         words=("donate", "donation", "donations", "contributions", "support-us")),
    # Recirculation: other articles, not this one.
    Rule("recommended-content widget", "third-party 'around the web' teasers (Outbrain, Taboola...)",
         names=("OUTBRAIN", "outbrain*", "*outbrain*", "taboola*", "*taboola*", "trc_related_container", "revcontent",
                "rc-widget*")),
    Rule(RELATED_ARTICLES, "links to other articles, not this one",
         names=("jp-relatedposts", "yarpp-related", "crp_related"),
         words=("related", "relatedposts", "related-posts", "related-articles", "recommended", "recommendations",
                "recirc", "recirculation", "more-stories", "morestories", "trending", "popular", "most-popular",
                "most-read", "mostread", "also-read", "read-next", "readnext", "up-next", "upnext", "you-may-like",
                "suggested")),
    # Page furniture.
    Rule("share buttons", "buttons that post the page elsewhere; the reader has the URL",
         names=("sharedaddy", "jp-post-flair", "addthis_toolbox", "addtoany_share_save_container", "a2a_kit",
                "shareaholic-canvas"),
         words=("share", "shares", "sharing", "sharebar", "sharetools", "social", "addthis", "sharethis",
                "teilen", "partager", "compartir", "condividi", "compartilhar", "delen")),
    Rule("print and e-mail buttons", "page tools, not text",
         words=("print-button", "email-button", "toolbar", "tools")),
    Rule(COMMENTS, "readers' comments are not the article",
         names=("disqus_thread", "comments", "comments-area", "comment-respond", "respond", "fb-comments",
                "comments-*", "comment-list"),
         words=("comments", "comment-section", "comments-section", "disqus", "replies", "kommentare",
                "commentaires", "comentarios", "commenti", "reacties")),
    Rule("breadcrumbs", "the site's navigation trail",
         words=("breadcrumb", "breadcrumbs", "crumbs"),
         xpath="descendant::*/@aria-label[translate(., 'BREADCUMS', 'breadcums') = 'breadcrumb' "
               "or translate(., 'BREADCUMS', 'breadcums') = 'breadcrumbs']/.. "
               "| descendant::*/@itemtype[substring(., string-length(.) - 13) = 'BreadcrumbList']/.."),
    Rule("navigation", "the site's menus, outside the article",
         xpath="(descendant::nav | descendant::*/@role[. = 'navigation' or . = 'menubar']/..)"
               "[not(ancestor::article or ancestor::main)]",
         menus=True),
    Rule("site header and footer", "the site's masthead and footer, the same on every page",
         xpath="./header | ./footer | descendant::*/@role[. = 'banner' or . = 'contentinfo']/..", menus=True),
    Rule("sidebar", "complementary content beside the article", xpath="descendant::*/@role[. = 'complementary']/.."),
    Rule("site tagline", "a wiki's \"From <site>\" line under every page's title (MediaWiki)", names=("siteSub",)),
    Rule("post reactions", "who liked a forum post: the forum's tally, not the post",
         names=("vbseo_liked",)),  # vBulletin's vBSEO likes: "WiSK and JapesUK like this."
    Rule("source link", "a documentation tool's link to the entry's source code, with its version, beside every entry",
         names=("viewcode-link",),  # Sphinx's viewcode: "[source]"
         # rustdoc's "1.0.0 · Source", set right of each signature: inline elements only, as
         # "rightside" also names a layout's main column
         xpath="descendant::span/@class[contains(concat(' ', normalize-space(.), ' '), ' rightside ')]/.."
               " | descendant::a/@class[contains(concat(' ', normalize-space(.), ' '), ' rightside ')]/.."),
    Rule("tag list", "topic tags link to other pages",
         words=("tags", "tag-list", "taglist", "tagcloud", "tag-cloud", "keywords", "topics-list")),
    Rule("author bio", "the author's biography box; the byline is kept as its own field",
         words=("author-bio", "authorbio", "bio", "about-author", "about-the-author", "author-box", "authorbox",
                "author-card", "author-info", "contributor-bio")),
    Rule("photo-gallery chrome", "a gallery's counters and buttons",
         words=("gallery-nav", "slideshow-nav", "slide-counter", "gallery-counter", "gallery-controls",
                "carousel-nav")),
    Rule("promotion", "a promotional box, not the article",
         words=("promo", "promos", "promotion", "promoted", "marketing", "upsell", "cta", "house-ad")),
    Rule("ad slot", "an advertisement or its empty slot",
         names=("div-gpt-ad*", "google_ads*", "*dfp-ad*", "adsbygoogle"),
         words=("ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit",
                "ad-slot", "adsense", "adwrap", "ad-wrapper", "ad-container", "sponsor", "sponsored", "sponsors",
                "dfp", "werbung", "reklama", "publicidad", "publicite", "pubblicita"),
         xpath="descendant::*/@data-ad-slot/.. | descendant::*/@data-ad-unit/.. "
               "| descendant::*/@data-google-query-id/.. | descendant::amp-ad | descendant::amp-embed"),
)  # fmt: skip

# --------------------------------------------------------------------------- people, not headlines

# A heading that links to one of these is someone's name over their post (a forum's posts, a
# comment thread), not a headline linking to another article; each is the profile address of
# common forum and blog software.
PROFILE_LINKS = (
    ("/members/", "XenForo, Invision Community"),
    ("/member/", "vBulletin 5, many CMS themes"),
    ("member.php", "vBulletin 3 and 4"),
    ("memberlist.php", "phpBB"),
    ("/profile/", "Invision Community, Vanilla, Flarum"),
    ("/u/", "Discourse, Lemmy"),
    ("/user/", "Reddit, Drupal"),
    ("/users/", "Stack Exchange"),
)
# Class names an editor gives the blocks it wrote inside a text: marks of the editor, not of a
# role (readability-lxml's "widget" would count CKEditor 5's as a sidebar's).
EDITOR_CLASSES = frozenset(
    {
        "ck-widget",  # CKEditor 5: each embedded block (a table, a grid of columns, an image)
    }
)

# A class naming the box that says who wrote a post, as forum software names it (a part of the
# class between "-", "_" or spaces, any case).
POSTER_WORDS = frozenset(
    {
        "user",  # "user-info", "post-user": most boards
        "username",  # vBulletin, phpBB, Discourse
        "userdetails",  # XenForo's "message-userDetails"
        "userinfo",  # vBulletin 5, SMF
        "poster",  # "poster-name", "posterinfo" boards
        "postuser",  # Flarum's "PostUser"
    }
)
# Where a board prints a post's poster without a link to a profile (XPath under a post's
# container; ``metadata.first_poster`` reads the first as the thread's starter).
POSTER_NAMES = (
    ("div[contains(concat(' ', normalize-space(@class), ' '), ' postleft ')]/dl/dt",
     "FluxBB, PunBB: the name above the poster's avatar, a link for members only"),
    ("*[contains(concat(' ', normalize-space(@class), ' '), ' PostUser-name ')]",
     "Flarum: the name over each post, in its copy for browsers without scripts"),
)  # fmt: skip
PROFILE_LINK = re.compile("|".join(re.escape(path) for path, _software in PROFILE_LINKS), re.IGNORECASE)

# The label of a twitter:labelN / twitter:dataN pair whose data is the author: Yoast SEO writes
# "Written by" and the author's name on every post, in the site's language.
WRITTEN_BY_LABELS = frozenset(
    ("written by", "author", "verfasst von", "geschrieben von", "écrit par", "escrito por", "scritto da",
     "geschreven door")
)  # fmt: skip

# --------------------------------------------------------------------------- beside the headline

# Where a page's scripts get the title they put in the tab, when its <title> is the site's
# slogan until they run (a page sent by the extension has run them): the element and its attribute.
SCRIPTED_TITLES = (
    ("shreddit-title", "title", "Reddit: its <title> is 'Reddit - The heart of the internet' on every page"),
)  # fmt: skip

# What an <h1> shows beside the headline that a reader does not read as part of it (XPath, as
# each is a tag and a class); the title is the rest.
HEADLINE_EXTRAS = (
    ("time", "the date a blog prints in its headline: 'Dec 18 2025 Preparing a transition'"),
    ("span[contains(concat(' ', @class, ' '), ' label ')][following-sibling::span[@class='label-append']]",
     "XenForo's thread prefix, a coloured tag before the title ('Question', 'News')"),
)  # fmt: skip

# --------------------------------------------------------------------------- phrases in the article

# "Label | Headline" and "Label: Headline", the shape of inline teasers between paragraphs; the
# same labels in German, French, Spanish, Italian, Portuguese and Dutch ("Lesen Sie auch: ..."),
# and the "read also" of news sites in other languages (Indonesian "Baca juga", Russian "Читайте
# также", Chinese "相关阅读", Japanese "関連記事"...).
_TEASER_LABELS = (
    r"(also read|read also|also see|read more|more|read|related|related stories?|related articles?|"
    r"explained|explainer|watch|listen|must read|don'?t miss|recommended|trending|latest|top stories|"
    r"more on this|more from [\w .'-]{1,30}|opinion|analysis|in pictures|in photos|video|live|"
    r"lesen sie auch|auch interessant|mehr zum thema|weiterlesen|"
    r"[àa] lire aussi|lire aussi|voir aussi|sur le m[êe]me sujet|"
    r"lee tambi[ée]n|lea tambi[ée]n|te puede interesar|noticias relacionadas|"
    r"leggi anche|potrebbe interessarti|leia tamb[ée]m|veja tamb[ée]m|lees ook|meer over dit onderwerp|"
    r"baca juga|xem th[êe]m|читайте также|смотрите также|по теме|相关阅读|相关文章|延伸阅读|推荐阅读|"
    r"関連記事|あわせて読みたい|관련 ?기사|اقرأ أيضا|اقرأ أيضاً|ilgili haberler?|czytaj (też|także)|"
    r"zobacz (też|także)|läs också|les også|læs også|lue myös|διαβάστε επίσης|यह भी पढ़ें|čtěte také)"
)
# A bare "read more" link, in the same languages.
_READ_MORE = (
    r"(read more|read the full story|more stories|click here to read more|continue reading|learn more|find out more|"
    r"weiterlesen|mehr lesen|lire la suite|lire plus|leer m[áa]s|seguir leyendo|continuar leyendo|"
    r"leggi di pi[ùu]|continua a leggere|leia mais|continuar lendo|lees meer|verder lezen|"
    r"baca selengkapnya|читать далее|подробнее|阅读全文|阅读更多|続きを読む|더 ?보기|اقرأ المزيد|"
    r"devam[ıi]n[ıi] oku|czytaj dalej|läs mer|les mer|læs mere|lue lisää|और पढ़ें|číst dále)"
)
# Sign-up verbs and the newsletter's name in those languages ("Abonnieren Sie unseren Newsletter").
_SIGN_UP_OTHER = (
    r"(abonnieren sie|abonniere|melden sie sich|jetzt anmelden|abonnez-vous|inscrivez-vous|"
    r"suscr[íi]bete|suscr[íi]base|reg[íi]strate|iscriviti|assine|inscreva-se|cadastre-se|schrijf je in|"
    r"abonneer je|meld je aan)"
)
# ("boletín", "boletim" are not here: they are also a police report and an official gazette.)
_NEWSLETTER_OTHER = r"(newsletters?|lettres? d['’]information|infolettre|nieuwsbrief)"

# "Skip to content", as WordPress and other site themes translate it, in the languages above.
_SKIP_TO_CONTENT_OTHER = (
    r"(zum inhalt springen|zum hauptinhalt springen|aller au contenu( principal)?|passer au contenu|"
    r"ir al contenido( principal)?|saltar al contenido|vai al contenuto( principale)?|salta al contenuto|"
    r"pular para o conte[úu]do|saltar para o conte[úu]do|ir para o conte[úu]do|naar (de )?inhoud springen|"
    r"ga naar (de )?inhoud|перейти к (основному )?содержимому|przejdź do (treści|zawartości)|"
    r"hoppa till innehåll(et)?|hopp til innhold(et)?|spring til indhold(et)?|siirry sisältöön|"
    r"přejít k obsahu|i̇çeriğe geç|içeriğe geç|langsung ke konten|コンテンツへスキップ|跳至内容|跳到主要内容)"
)
# "Back to top", in the languages above (a link: "nach oben" is also a sentence's words).
_BACK_TO_TOP_OTHER = (
    r"((zurück )?nach oben|retour en haut( de (la )?page)?|haut de (la )?page|volver arriba|ir arriba|"
    r"torna (su|all'inizio)|voltar ao topo|terug naar boven|naar boven|наверх|do góry|powrót na górę|"
    r"till toppen|til toppen|takaisin ylös|zpět nahoru|başa dön|kembali ke atas|ページトップへ|トップへ戻る|返回顶部)"
)
# "Share this article", "Follow us", in the languages above, and the networks they may name after it
# ("Folgen Sie uns auf Instagram und Facebook"): nothing else, as "compartir en familia" begins a
# sentence. Networks are joined by "," "&" or a spaced "and": a separator inside a word ("e", "en")
# would give a run of such letters exponentially many readings.
_NETWORK = (
    r"(facebook|twitter|x|instagram|linkedin|whatsapp|pinterest|telegram|bluesky|threads|mastodon|"
    r"youtube|tiktok|e-?mail)"
)
_SHARE_OTHER = (
    r"((diesen |den )?artikel teilen|jetzt teilen|folgen sie uns|partager cet article|suivez-nous|"
    r"compartir este art[íi]culo|comparte este art[íi]culo|s[íi]guenos|condividi questo articolo|seguici|"
    r"compartilhe este artigo|partilhe este artigo|siga-nos|deel dit artikel|volg ons)"
    rf"(\s+(auf|sur|en|su|no|na|nos|op)\s+{_NETWORK}((\s*[,&]\s*|\s+(und|et|y|e|en)\s+){_NETWORK})*)?\W*"
)

# A heading over the site's teasers after an article ("Related posts", "Read this next"), in the
# same languages. Not "further reading" or "see also": an author's own references are the article;
# not "Recommended" alone: a buying guide's picks.
RELATED_HEADING = re.compile(
    r"(related( posts?| articles?| stories| content| news| reading)?|read (this )?next|what to read next|"
    r"(you )?(may|might)( also)? (like|enjoy)|more (stories|articles|posts|news|to read|like this)|"
    r"you (may|might) (also )?be interested in( the following)?( \w+)?( as well)?|"
    r"(other|more) (posts|stories|articles|recipes) you('ll| will| may| might)? (also )?(like|enjoy|love)|"
    r"recommended (for you|reading|articles|posts|stories)|keep reading|popular (posts|articles|stories)|"
    r"latest (posts|articles|stories|news)|"
    r"das könnte sie auch interessieren|ähnliche artikel|mehr zum thema|lesen sie auch|"
    r"[àa] lire aussi|sur le m[êe]me sujet|articles similaires|"
    r"te puede interesar|art[íi]culos relacionados|noticias relacionadas|"
    r"leggi anche|articoli correlati|leia tamb[ée]m|artigos relacionados|lees ook|gerelateerde artikelen|"
    r"baca juga|artikel terkait|berita terkait|bài viết liên quan|tin liên quan|похожие статьи|читайте также|"
    r"相关文章|相关阅读|推荐阅读|関連記事|おすすめ記事|관련 ?기사|مقالات ذات صلة|اقرأ أيضا|ilgili haberler|"
    r"benzer haberler|powiązane artykuły|czytaj także|relaterade artiklar|relaterte artikler|"
    r"relaterede artikler|σχετικά άρθρα|související články)\W*",
    re.IGNORECASE,
)

# A copyright notice's sign: "©", "Copyright ©", "(c) Copyright" (not "(c)" alone: a clause's
# letter), and the years after it ("1998–2000, 2002, 2005–2026").
_COPYRIGHT_SIGN = r"(©|copyright\s*(©|\(c\))|\(c\)\s*copyright)"
_YEARS = r"\d{4}([-–—,\s]+\d{4})*,?\s*"

# A heading over the writer's (or reviewer's) biography, in the same languages: the byline is
# its own field, and the bio is the same under every post they wrote.
AUTHOR_BIO_HEADING = re.compile(
    r"(about (the )?(authors?|reviewers?|writers?|contributors?)|meet the (authors?|writers?)|"
    r"über (den autor|die autorin|die autoren)|zum autor|zur autorin|"
    r"(à propos de|sur) l['’]auteur(e)?|(sobre|acerca de)( el| la)? autor(a)?|acerca del autor|"
    r"sull['’]autore|sull['’]autrice|sobre o autor|sobre a autora|over de (auteur|schrijver))\W*",
    re.IGNORECASE,
)

PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule("advertisement label", "the label left where an ad slot was",
               r"(advertisement|advertising|ad|ads|sponsored( content)?|anzeige|publicité|publicidad|pubblicità|"
               r"reklama|werbung|реклама|广告|廣告|広告|광고|إعلان|reklam|reklame|advertentie|annons|mainos|"
               r"διαφήμιση|publicidade|hirdetés|iklan|quảng cáo|โฆษณา|विज्ञापन|"
               r"story continues below( this)? (advertisement|ad)|article continues below"
               r"( advertisement)?|continue reading (the main story|below)|scroll to continue with content)",
               max_chars=60),
    PhraseRule("inline teaser", "a link to another article, set between this one's paragraphs",
               _TEASER_LABELS + r"\s*[|:：–—-]\s*\S.*", max_chars=220, link=True),
    PhraseRule("inline teaser", "a bare 'read more' prompt", _READ_MORE + r"\W*", max_chars=40, link=True),
    PhraseRule("newsletter sign-up", "asks for an e-mail address, not part of the article",
               r"(sign up|subscribe|register)( now| today| here)?( for| to)? (our|the|my|a) .{0,40}"
               r"\b(newsletters?|inbox|e-?mails?|updates|briefing|digest)\b.*", max_chars=200, whole=False),
    PhraseRule("newsletter sign-up", "asks for an e-mail address, not part of the article",
               # "Want more from NBC Select? Sign up for our newsletter...", "Subscribe to Travel Noire, a
               # free daily newsletter...", "Sign up now to get the freshest updates ... to your inbox":
               # the site's own newsletter, or the reader's inbox, named
               r"([^.!?]{1,40}\?\s+)?(sign up|subscribe)( now| today)?( for| to) (our|my) (free |weekly |daily )?"
               r"(e-?mail )?newsletters?\b.*|"
               r"subscribe to [\w.'’& -]{1,30}, (a|our|the) (free )?(weekly |daily |monthly )?"
               r"(e-?mail )?newsletter\b.*|"
               r"sign up( now| today)? to (get|receive) [^.!?]{0,100}\bdelivered (straight |right |directly )?to your "
               r"inbox\b.*", max_chars=200, whole=False),
    PhraseRule("newsletter sign-up", "asks for an e-mail address, not part of the article",
               # "Get our newsletter", "Get Jane Doe's stories in your inbox" (Medium)
               r"(get|receive) ((our|the) .{0,40}(newsletter|in your inbox)|"
               r"[^.!?]{1,40}['’]s? (stories|posts|articles) in your inbox).*", max_chars=240, whole=False),
    PhraseRule("newsletter sign-up", "asks for an e-mail address, not part of the article (other languages)",
               _SIGN_UP_OTHER + r"\b.{0,40}\b" + _NEWSLETTER_OTHER + r"\b.*", max_chars=200, whole=False),
    PhraseRule("newsletter sign-up", "the fine print under a sign-up form: what signing up agrees to",
               # "you agree to our Terms", "... to receive marketing messages": not a report on
               # terms ("you accept terms that take 76 minutes to read", "you agree to let ...")
               r"by (signing up|subscribing|registering|clicking|submitting|entering your e-?mail( address)?|"
               r"providing your e-?mail( address)?)\b[^.]{0,60}?,? you (agree|consent|acknowledge)( to)? "
               r"(our|the|receiv(e|ing)) "
               r"(?=.{0,200}\b(terms|privacy|policy|messages|e-?mails?|marketing|newsletters?)\b).*",
               max_chars=300),
    PhraseRule("account prompt", "asks the reader to create an account",
               # and Medium's "Join Medium for free to get updates from this writer."
               r"(sign up|register) for a free account\b.*|create (a|your) free account\b.*|"
               r"join [\w.' -]{1,30} for free to (get|read|receive|follow)\b.*", max_chars=400,
               whole=False),
    PhraseRule("app-install prompt", "asks to install an app or turn on notifications",
               r"(download|get|install) (our|the) (free )?app\b.*|(turn on|enable|allow) (push )?notifications\b.*|"
               r"(would you like to )?(receive|get) (push |browser )?notifications (about|of|for) new "
               r"(posts|articles|stories)\b.*",
               max_chars=200, whole=False),
    PhraseRule("share prompt", "asks the reader to share or follow", r"(share (this|on)|follow us on|"
               r"like us on|tweet this|email this|print this)( article| story| page)?\b.{0,80}", max_chars=120),
    PhraseRule("share prompt", "asks the reader to spread the word about the site's own show or blog",
               r"(please )?help (me|us) spread the word about (this|our|my) "
               r"(podcast|show|blog|site|channel|newsletter|post|article)\b\W*", max_chars=100),
    # The question, then what it asks for: a rating, a comment, a tag, a pin.
    PhraseRule("rating prompt", "asks the reader to rate or post the recipe they made; not the recipe",
               r"(did you|have you) (make|made|try|tried) (this|one of (my|our)|my|our) recipes?\?"
               r"(?=.{0,100}\b(rate|rating|stars?|review|comment|tag|pin|mention)\b).*|"
               r"(tried|made) this recipe\?(?=.{0,100}\b(rate|rating|stars?|review|comment|tag|pin|mention)\b).*",
               max_chars=300, whole=False),
    PhraseRule("share prompt", "asks the reader to join the site's group elsewhere",
               r"join (our|the|my) ([\w'’-]+ ){0,2}(facebook|discord|slack|telegram|whatsapp|reddit|linkedin) "
               r"(group|community|server|channel|page)\b.{0,80}", max_chars=120),
    PhraseRule("account prompt", "a bare sign-up or sign-in button",
               r"(sign ?up|sign ?in|log ?in|register|subscribe|join)( now| today| here| for free)?[!.]?",
               max_chars=25, link=True),
    PhraseRule("share prompt", "asks the reader to share or follow (other languages)",
               _SHARE_OTHER, max_chars=80),
    PhraseRule("share prompt", "asks the reader to follow the site or pin the page",
               r"((follow|connect with) (us|me)|stay connected( with (us|me))?|pin (this |it )?for later|pin (this|it))"
               r"[!.:]*",
               max_chars=30),
    PhraseRule("newsletter sign-up", "asks for an e-mail address, not part of the article",
               r"(join|subscribe to) (our|the|my) (free |weekly |daily )?(newsletter|mailing list|e-?mail list)"
               r"(\s*[!.:–—-].*)?|subscribe to get (the latest|access|more|new|updates)\b.*|"
               r"subscribe to [\w.'’& -]{1,30}[!.]?", max_chars=160),
    PhraseRule("affiliate disclosure", "the site's note on the commissions its links earn, the same on every post",
               r"[\s*(]*(?=.{0,300}\b(affiliate|qualifying purchases|commissionable|"
               r"supported by commissions|(earn|receive|make|get)s? (us |me )?(a |an )?(small )?"
               r"(commission|compensation|kick ?back))\b)"
               r"((affiliate )?(disclosure|disclaimer)\s*:|(note|please note)\s*:\s*(this|if)|"
               r"this (post|article|page|site|website|blog|guide|review) (may )?(contains?|uses|includes?|has) "
               r"(some |other )?(affiliate|commissionable) links|"
               r"products are (chosen|selected) independently|every (item|product) on this page|"
               r"(while )?each product (featured|we feature)|our editors (and experts )?(handpick|independently)|"
               r"as an amazon (associate|affiliate)|"
               r"[\w.' ]{1,40} is (reader-supported|supported by commissions))",
               max_chars=400, whole=False),
    PhraseRule("donation appeal", "asks for money; the article is the same without it",
               r"(if you (found|find) (this|the) (app|site|tool|article|extension) useful|please consider "
               r"(supporting|donating|a donation|subscribing)|support (our|independent) journalism|"
               r"become a (member|patron|supporter)|buy me a coffee|donate (now|today)|"
               r"this (story|article|journalism|reporting) (is|was) (funded|made possible) by (readers|members|donors))"
               r"\b.*",
               max_chars=300, whole=False),
    PhraseRule("reader-tool promotion", "a reader or unblocking tool advertising itself",
               r"(pro tip|tip)\s*:\s*(skip|bypass|no need for) the (extension|app|tool)\b.*|"
               r"(hide )?ai[- ]generated summary|ai summary|summari[sz]ed by ai\b.*",
               max_chars=120, whole=False),
    PhraseRule("post furniture", "a forum's buttons and poster statistics, the same beside every post",
               r"(click to expand\.*|reply with quote|multi-?quote|copy link|code: select all|"
               r"join date:?( \w{3,9}\.? \d{4})?|joined:? \w{3,9}\.? \d{4}|posts:? [\d,.]+k?|"
               r"reaction score:?( [\d,.]+k?)?|[\d,.]+k? (likes?|reactions?))",
               max_chars=40),
    PhraseRule("post furniture", "a forum's note of a post's last edit, below the post",
               r"last edited(:( \d[^!?]{0,40}| \w{3,9}\.? \d{1,2},? \d{4}[^!?]{0,20})?|"
               r" by [^\s;(]{1,40}(;| on| \()[^!?]{0,60}\d[^!?]{0,20})",
               max_chars=110),
    PhraseRule("post furniture", "a forum's notices to guests and its closing line, the same on every thread",
               r"(create an account or sign in to comment|you need to be a member in order to leave a comment|"
               r"sign up for a new account in our community\. it's easy!|top posters in this topic|"
               r"this topic was automatically closed( after \d+ \w+)?\. new replies are no longer allowed)\.?",
               max_chars=120),
    PhraseRule("loading placeholder", "a placeholder the page's scripts fill; they did not",
               r"loading (paragraph|image|content|comments|video)(\.\.\.|…)?", max_chars=30),
    PhraseRule("permalink sign", "a heading's link to itself (Sphinx's and MkDocs' '¶'), not part of its text",
               r"[¶#🔗]", max_chars=2, link=True),  # not "§": a link to a statute's section is the text's
    PhraseRule("skip link", "a keyboard shortcut past the site's menus; the reader is past them already",
               # MediaWiki's are "Jump to navigation", "Jump to search"
               r"(((skip|jump) to (the )?(main )?(content|navigation|menu|footer|search)|"
               + _SKIP_TO_CONTENT_OTHER + r")\W*)+", max_chars=60),
    PhraseRule("in-page link", "a jump to another place on this page; the reader scrolls there",
               r"\W*(back to (the )?top|top of (the )?page|scroll to top|jump to [\w' ]{1,30}|" + _BACK_TO_TOP_OTHER
               + r")\W*",
               max_chars=40, link=True),
    PhraseRule("sales buttons", "a business's buttons to its sales team, the same on every page",
               # a link of its own: "Book a demo", "Start your free trial", "Request a quote"
               r"((book|request|schedule|get) (a|your) (free |live |personali[sz]ed )?(demo|quote|consultation)|"
               r"start (a|your) (\d+[- ]day )?free trial|talk to (sales|an expert|our (sales )?team)|contact sales)"
               r"[!.]?(\s*[→›»>])?",
               max_chars=50, link=True),
    PhraseRule("store buttons", "a store's buttons and prompts, the same beside every product",
               r"(add(ed)? to (your )?(cart|bag|basket|wish ?list)|buy now|shop now|shop all [\w &'-]{1,40}|"
               r"notify me when (it'?s )?(back )?in stock|leave a review|write a review|filter (&|and) sort)[!.]?",
               max_chars=60),
    PhraseRule("store recommendations", "a store's heading over other products, not this one",
               r"((people|customers) who (viewed|bought) this (item|product) (also )?(viewed|bought)|"
               r"this is what customers who viewed this product bought|frequently bought together)[.:]?",
               max_chars=80),
    PhraseRule("copyright notice", "the site's legal line, the same on every page",
               # the mark, then "all rights reserved" in reach; or its years and the owner's name,
               # in capitals but for "of", "and" ("© 2026 University of Wisconsin-Stevens Point");
               # not a sentence ("Copyright 1909 Act cases still shape...", "©2023 figures show"),
               # nor a clause's letter ("(c) household income in 2024 did not exceed $80,000")
               rf"({_COPYRIGHT_SIGN}|copyright)(?=.{{0,200}}?all rights reserved).*|"
               rf"({_COPYRIGHT_SIGN}\s*({_YEARS})?|copyright\s*{_YEARS})"  # the word alone: with its years
               r"(?-i:[A-Z0-9]\S*(\s+([A-Z0-9&|·/–—-]\S*|of|and|the|de|by))*)", max_chars=600),
    PhraseRule("gallery counter", "a slideshow's position counter", r"(image|photo|picture|slide)?\s*\d{1,3}\s*"
               r"(of|/)\s*\d{1,3}", max_chars=20),
    PhraseRule("publication footer", "the date line; the date goes to the published field",
               # Blogger's "Posted by <name> at <date>", the name in capitals or a handle with a digit
               # ("Posted by the council at 12 sites" is a sentence); not "Published by <publisher>
               # on <date>", a book's
               r"(first published|published|posted( by ((?-i:[A-Z][\w.'’-]*)( (?-i:[A-Z][\w.'’-]*)){0,3}|"
               r"[\w.-]*\d[\w.-]*) (?=on |at ))?|last updated|updated)\s*(on|at)?\s*"
               r"[-–—:|]?\s*"
               r"(?P<date>(?=[^|]*(\b\d{4}\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d))"
               r"(\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[\w ,.:/+-]{4,60})",
               max_chars=80),
)  # fmt: skip

# No phrase rule looks at a block longer than this.
MAX_PHRASE_CHARS = max(rule.max_chars for rule in PHRASE_RULES)
# Every phrase rule matches from the block's start: a block this does not match, none does.
PHRASE_START = re.compile("|".join(f"(?:{rule.pattern})" for rule in PHRASE_RULES), re.IGNORECASE)


# A documentation tool's mark after a heading, linking to the heading's own section (Sphinx's,
# MkDocs' and Django's pilcrow): the section is a place in the document's outline
# (``dom.is_outline_section``). Not "#", which blogs put on every heading, comment sections' too.
OUTLINE_PERMALINK_MARKS = frozenset({"¶"})
