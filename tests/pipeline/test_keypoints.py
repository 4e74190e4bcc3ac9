"""Stage 9: key points are the article's own sentences, 3 to 5, in order, with exact offsets."""

from __future__ import annotations

import pytest

from server.errors import NotReadable
from server.pipeline import Options, extract
from server.pipeline.keypoints import how_many, keypoints
from tests.conftest import fixture_bytes
from tests.corpus import corpus_page, corpus_page_names


def check_offsets(text, points):
    for point in points:
        assert text[point.start : point.end] == point.text
    starts = [point.start for point in points]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_key_points_of_the_fixture_article():
    article = extract(fixture_bytes("article.html"), options=Options(key_points=True))
    points = article.key_points
    assert 3 <= len(points) <= 5
    check_offsets(article.text, points)
    assert all(point.text[0].isupper() and point.text[-1] in ".!?" for point in points)
    assert "What changed" not in [point.text for point in points]  # a heading is not a sentence


def test_without_the_option_there_are_none():
    assert extract(fixture_bytes("article.html")).key_points is None
    assert extract(fixture_bytes("article.html")).as_dict()["key_points"] is None


def test_the_sentence_the_article_keeps_returning_to_is_chosen():
    filler = [f"The weather on day {n} was mild and the shops opened as usual." for n in range(12)]
    central = "The new bridge over the river opened to trains, buses and cyclists this morning."
    echoes = [
        "Trains crossed the new bridge every ten minutes.",
        "Cyclists said the bridge over the river saves them half an hour.",
        "Buses will use the bridge from next week as well.",
    ]
    sentences = [*filler[:6], central, *filler[6:], *echoes]
    text = "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))
    chosen = [point.text for point in keypoints(text, "en")]
    assert central in chosen


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Der Nachtzug von Paris nach Berlin fährt wieder. " * 1
         + "Die Fahrkarten für den Nachtzug waren in wenigen Stunden ausverkauft. "
         + "Der Betreiber plant zwei weitere Strecken im nächsten Frühjahr. "
         + "Z.B. soll auch Wien bald einen Nachtzug nach Paris bekommen. "
         + "Viele Reisende sagen, der Nachtzug sei bequemer als das Flugzeug."),
        ("ja", "パリとベルリンを結ぶ夜行列車が十年ぶりに運行を再開した。切符は数時間で売り切れたという。"
         + "運行会社は来年の春にさらに二つの路線を開設する予定だ。多くの旅行者は飛行機より夜行列車の方が快適だと話している。"),
        ("ar", "عاد القطار الليلي بين باريس وبرلين إلى العمل هذا الأسبوع بعد عشر سنوات. "
         + "بيعت التذاكر في غضون ساعات قليلة من فتح الحجز. "
         + "تقول الشركة المشغلة إن خطين آخرين سيتبعان في الربيع المقبل. "
         + "يقول كثير من المسافرين إن القطار الليلي أكثر راحة من الطائرة."),
    ],
)  # fmt: skip
def test_other_languages_are_split_into_their_sentences(lang, text):
    points = keypoints(text, lang)
    assert len(points) == 3
    check_offsets(text, points)
    assert all(point.text.strip() == point.text for point in points)
    if lang == "de":
        assert all(not point.text.startswith("B. soll") for point in points)  # "Z.B." does not end a sentence


def test_few_sentences_give_few_points_and_none_gives_none():
    assert keypoints("", "en") == ()
    assert keypoints("Title only", "en") == ()
    two = "The first sentence of this short note is here. The second sentence of the note ends it."
    assert [point.text for point in keypoints(two, "en")] == [
        "The first sentence of this short note is here.",
        "The second sentence of the note ends it.",
    ]


def test_how_many_grows_with_the_article():
    assert [how_many(n) for n in (1, 3, 10, 24, 25, 59, 60, 400)] == [1, 3, 3, 3, 4, 4, 5, 5]


@pytest.mark.corpus
@pytest.mark.parametrize("name", corpus_page_names())
def test_corpus_key_points_hold_their_offsets(name):
    page = corpus_page(name)
    try:
        article = extract(page.source, url=page.url, options=Options(key_points=True))
    except NotReadable:
        return  # no article, so no key points: tests/pipeline/test_pipeline.py checks these pages
    check_offsets(article.text, article.key_points)
    assert len(article.key_points) <= 5
