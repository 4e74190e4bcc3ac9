"""rules: the data itself is well-formed: every rule says what it is and why, and compiles."""

from __future__ import annotations

import re

import pytest

from server.pipeline import rules
from server.pipeline.preclean import says_gate

ALL_RULES = [*rules.PAGE_RULES, rules.GATE, rules.NON_CONTENT, rules.CODE_OUTSIDE_BODY, rules.CONTROLS]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.kind)
def test_every_page_rule_has_a_kind_a_one_line_reason_and_a_way_to_match(rule):
    assert rule.kind and rule.kind == rule.kind.strip()
    assert rule.reason and "\n" not in rule.reason and len(rule.reason) < 120
    assert rule.names or rule.words or rule.xpath
    if rule.xpath:
        assert rule.select is not None


@pytest.mark.parametrize("rule", [rule for rule in ALL_RULES if rule.xpath], ids=lambda rule: rule.kind)
def test_rule_xpaths_test_attributes_from_the_attributes_side(rule):
    """Attributes tested from their side ("descendant::*/@role[. = 'x']/.."), never as "//*[@role = 'x']": a
    predicate set up for every element walked costs five to ten times as much (see Rule.xpath)."""
    assert not re.search(r"\*\[[^\]]*@", rule.xpath), rule.xpath
    assert ".//" not in rule.xpath.replace("./head//", ""), rule.xpath  # descendant:: is the faster spelling


@pytest.mark.parametrize("rule", rules.PHRASE_RULES, ids=lambda rule: f"{rule.kind}:{rule.pattern[:20]}")
def test_every_phrase_rule_has_a_kind_a_reason_and_a_bound(rule):
    assert rule.kind and rule.reason and "\n" not in rule.reason
    assert 0 < rule.max_chars <= rules.MAX_PHRASE_CHARS


def test_class_words_are_lower_case_and_separator_safe():
    for rule in rules.PAGE_RULES:
        for word in rule.words:
            assert word == word.lower() and not re.search(r"\s", word), word


def test_no_word_is_claimed_by_two_rules():
    seen: dict[str, str] = {}
    for rule in rules.PAGE_RULES:
        for word in rule.words:
            assert word not in seen, f"{word!r} is in both {seen[word]!r} and {rule.kind!r}"
            seen[word] = rule.kind


GATE_SENTENCES = [
    "Subscribe to continue reading", "You have reached your limit of free articles",
    "You've read all of your free articles this month.", "This article is only available to subscribers",
    "To continue reading, please sign in", "Register for free to keep reading.", "This story is for paying members",
    "This post is for paid subscribers", "Buy this article for €0.49 to read on.",
    "Subscribe to get access to premium stories.", "To unlock this page, become a member today",
    "Ooops… This content is reserved for members only.",
]  # fmt: skip
# Open pages say these too, so they are no evidence of a gate: a newspaper's header, a site menu,
# a forum's reply box, GitHub's comment box, a course list's pricing line.
ORDINARY_PROSE = [
    "She decided to subscribe to the magazine in 1998.", "The limit was reached on Tuesday.",
    "Already a subscriber? Sign in", "Log in for unlimited access", "Sign in to reply",
    "Subscribe now for unlimited access to our content", "Already have an account? Sign in here. Sign In Now",
    "Sign up for free to join this conversation on GitHub. Already have an account? Sign in to comment",
    "Some courses are free, but you'll need to sign up for a premium plan for full access.",
]  # fmt: skip


def test_gate_phrases_match_what_gates_say_and_not_ordinary_prose():
    for gate in GATE_SENTENCES:
        assert rules.GATE_PHRASES.search(gate), gate
    for prose in ORDINARY_PROSE:
        assert not rules.GATE_PHRASES.search(prose), prose


def test_gate_keywords_find_every_gate_sentence_in_a_long_page():
    filler = "The council met on Tuesday to fund the new bridge. " * 200
    for gate in GATE_SENTENCES:
        assert says_gate(f"{filler}{gate}. {filler}"), gate
    for prose in ORDINARY_PROSE:
        assert not says_gate(f"{filler}{prose} {filler}"), prose


def test_a_gate_sentence_in_quotation_marks_is_mentioned_not_said():
    assert not says_gate('I can test models without fear of "you have reached your limit" messages.')
    assert not says_gate("Nobody likes reading “subscribe to continue reading” on a news site.")
