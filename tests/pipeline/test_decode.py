"""decode: bytes -> str, never mojibake."""

from __future__ import annotations

import codecs

import pytest

from server.pipeline.decode import charset_codec, decode, has_mojibake, repair_mojibake, sniff_encoding

EMOJI_PAGE = '<html><head><meta charset="windows-1250"></head><body><p>Brain 🧠 and café</p></body></html>'


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_byte_order_mark_wins_over_everything(bom, codec):
    raw = bom + '<meta charset="iso-8859-2"><p>Zürich</p>'.encode(codec)
    assert decode(raw, declared="koi8-r") == '<meta charset="iso-8859-2"><p>Zürich</p>'


def test_declared_charset_is_used():
    assert decode("Ça coûte".encode("cp1252"), declared="windows-1252") == "Ça coûte"


def test_meta_charset_is_used_when_nothing_is_declared():
    raw = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r")
    assert decode(raw) == '<meta charset="koi8-r"><p>Привет</p>'


def test_meta_http_equiv_content_type():
    raw = '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><p>日本語</p>'.encode("shift_jis")
    assert "日本語" in decode(raw)


def test_utf8_mislabelled_as_a_single_byte_charset_is_read_as_utf8():
    # The page says windows-1250 but is UTF-8: reading it as declared gives "đź§ " for the emoji.
    text = decode(EMOJI_PAGE.encode("utf-8"))
    assert "Brain 🧠 and café" in text
    assert "đź§" not in text


def test_utf8_mislabelled_in_the_http_header_is_read_as_utf8():
    assert "Brain 🧠" in decode(EMOJI_PAGE.encode("utf-8"), declared="iso-8859-1")


def test_latin1_label_means_windows_1252_as_in_browsers():
    # 0x93/0x94 are curly quotes in windows-1252 and control characters in real ISO-8859-1.
    assert decode(b"\x93quoted\x94", declared="iso-8859-1") == "\u201cquoted\u201d"


def test_undeclared_legacy_bytes_go_to_the_detector():
    text = "Le cœur a ses raisons que la raison ne connaît point. " * 20
    assert decode(text.encode("cp1252")) == text


def test_undeclared_cyrillic_is_detected():
    text = "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 20
    assert decode(text.encode("cp1251")) == text


def test_unknown_declared_label_falls_through_to_the_document():
    raw = '<meta charset="utf-8"><p>naïve</p>'.encode()
    assert sniff_encoding(raw, declared="no-such-charset") == "utf-8"


def test_invalid_bytes_become_replacement_characters():
    assert decode(b"<p>ok \xff\xfe\xfa end</p>", declared="utf-8") == "<p>ok \ufffd\ufffd\ufffd end</p>"


def test_charset_codec_follows_the_encoding_standard():
    assert charset_codec("ISO-8859-1") == "cp1252"
    assert charset_codec(" 'UTF-8' ") == "utf-8"
    assert charset_codec("utf-16") == "utf-8"  # a <meta> can't declare UTF-16
    assert charset_codec("nonsense") is None


def test_utf8_mislabelled_as_a_multibyte_charset_is_read_as_utf8():
    page = '<meta charset="gb2312"><p>腾讯新闻：今天天气很好，我们去公园散步。</p>'
    assert decode(page.encode("utf-8")) == page


def test_real_gbk_bytes_follow_their_declaration():
    page = '<meta charset="gb2312"><p>腾讯新闻：今天天气很好，我们去公园散步。</p>'
    assert decode(page.encode("gb18030")) == page


def test_seven_bit_iso_2022_jp_follows_its_declaration():
    raw = "<p>日本語のテキスト</p>".encode("iso-2022-jp")
    assert raw.isascii()
    assert decode(raw, declared="iso-2022-jp") == "<p>日本語のテキスト</p>"


def test_an_xhtml_page_declares_its_charset_in_the_xml_declaration():
    page = '<?xml version="1.0" encoding="iso-8859-2"?><html><body><p>Łódź</p></body></html>'.encode("iso-8859-2")
    assert "Łódź" in decode(page)


@pytest.mark.parametrize(
    ("twice", "once"),
    [
        # wcxb-dev 4656 and 0666: UTF-8 read as windows-1252 (or Latin-1) before the page reached us.
        ("A DIY Investor\u00e2\u20ac\u2122s Guide", "A DIY Investor\u2019s Guide"),
        ("itertools \u00e2\u0080\u0094 Functions creating iterators", "itertools \u2014 Functions creating iterators"),
        ("Caf\u00c3\u00a9 au lait", "Caf\u00e9 au lait"),
    ],
)
def test_text_decoded_twice_is_repaired(twice, once):
    assert repair_mojibake(twice) == once


@pytest.mark.parametrize(
    "text",
    [
        "Plain English, with a curly apostrophe: it\u2019s fine.",
        "Fran\u00e7ais \u00e0 la carte",
        "\u00c2ge: 30 \u00e2mes",
    ],
)
def test_text_read_right_is_left_alone(text):
    assert repair_mojibake(text) == text


def test_text_is_taken_for_decoded_twice_on_more_than_one_pair():
    assert has_mojibake("A DIY Investor\u00e2\u20ac\u2122s Guide \u00e2\u20ac\u201d a review")
    assert not has_mojibake("A ALEM\u00c3\u201d venceu")  # one pair: real Portuguese before a quote
