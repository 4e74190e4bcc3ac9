"""What the cleaners remove, as data: each rule says what it matches, what kind of thing that is
(the name a reader sees in the response's ``removed`` list) and, in one line, why it goes.

Selector rules are CSS (compiled once to XPath by cssselect) and run in ``preclean`` over the
whole page, before readability scores it. Phrase rules match the whole text of a short block and
run in ``postclean`` over the article readability chose, where a class name no longer helps.
Prefer an exact id or class of a known platform to a substring: a rule that removes a paragraph
of someone's article is worse than one that misses a banner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml.cssselect import CSSSelector


@dataclass(frozen=True)
class SelectorRule:
    kind: str
    selector: str
    reason: str

    @cached_property
    def xpath(self) -> CSSSelector:
        return CSSSelector(self.selector)


@dataclass(frozen=True)
class PhraseRule:
    kind: str
    pattern: str  # a regular expression matched against the block's whole, whitespace-collapsed text
    reason: str
    max_chars: int = 200  # longer blocks are prose that happens to contain the words: keep them
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, re.IGNORECASE))


# Elements that never hold article text. ld+json stays: metadata reads it after pre-cleaning.
NON_CONTENT = SelectorRule(
    "non-content markup",
    "script:not([type='application/ld+json']), style, link, template, object, embed, applet, "
    "button, input, select, textarea, dialog:not([open]), canvas, map",
    "code, styles and controls, never text a reader came for",
)

# Annotations the browser extension adds (docs/api.md, "Annotations from the browser").
HIDDEN_ANNOTATION = "data-clearpage-hidden"
OVERLAY_ANNOTATION = "data-clearpage-overlay"

SELECTOR_RULES: tuple[SelectorRule, ...] = (
    # --- consent management platforms: their root containers, by the ids their scripts create ---
    SelectorRule(
        "consent banner (OneTrust)",
        "#onetrust-consent-sdk, #onetrust-banner-sdk, .optanon-alert-box-wrapper",
        "OneTrust's cookie-consent layer, not the article",
    ),
    SelectorRule(
        "consent banner (Cookiebot)",
        "#CybotCookiebotDialog, #CookiebotWidget, #cookiebanner",
        "Cookiebot's consent dialog and its floating widget",
    ),
    SelectorRule(
        "consent banner (Quantcast/InMobi Choice)",
        ".qc-cmp2-container, #qc-cmp2-container, .qc-cmp-ui-container",
        "InMobi (Quantcast) Choice consent layer",
    ),
    SelectorRule(
        "consent banner (Didomi)",
        "#didomi-host, .didomi-popup-container, #didomi-notice",
        "Didomi's consent notice and popup",
    ),
    SelectorRule(
        "consent banner (Sourcepoint)",
        "[id^='sp_message_container'], .sp_veil, [id^='sp_message_iframe']",
        "Sourcepoint's consent message container and veil",
    ),
    SelectorRule(
        "consent banner (TrustArc)",
        "#truste-consent-track, #consent_blackbar, .truste_overlay, .truste_box_overlay, #teconsent",
        "TrustArc's consent bar and overlay",
    ),
    SelectorRule(
        "consent banner (Usercentrics)",
        "#usercentrics-root, #usercentrics-cmp-ui, #uc-banner-modal",
        "Usercentrics consent root",
    ),
    SelectorRule(
        "consent banner (Funding Choices)",
        ".fc-consent-root, .fc-dialog-container, .fc-ab-root",
        "Google Funding Choices consent and ad-block dialogs",
    ),
    SelectorRule(
        "consent banner (Osano)",
        ".osano-cm-window, .osano-cm-dialog, .osano-cm-widget",
        "Osano's consent dialog",
    ),
    SelectorRule(
        "consent banner (Complianz)",
        "#cmplz-cookiebanner-container, .cmplz-cookiebanner, #cmplz-manage-consent",
        "Complianz (WordPress) cookie banner",
    ),
    SelectorRule(
        "consent banner (Termly/Iubenda/Klaro/CookieYes)",
        "#termly-code-snippet-support, #iubenda-cs-banner, .klaro, #cookie-law-info-bar, "
        ".cky-consent-container, #cookie-notice, #cookie-law-info-again, .cc-window, .cc-banner, "
        "#cookieConsent, #cookie-consent",
        "consent banners of common smaller platforms and WordPress plugins",
    ),
)

PHRASE_RULES: tuple[PhraseRule, ...] = (
    PhraseRule(
        "advertisement label",
        r"(advertisement|advertising|ad|sponsored|anzeige|publicité|publicidad)",
        "the label left where an ad slot was",
        max_chars=20,
    ),
)
