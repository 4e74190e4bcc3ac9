"""Stage 1: bytes -> str.

The order follows the HTML standard's encoding sniffing (an XHTML page's XML declaration counts as
its ``<meta charset>``), with one deliberate change: bytes that
are valid UTF-8 and not plain ASCII are read as UTF-8 whatever charset is declared. Mislabelled
UTF-8 is common on the web (CMS templates that still say iso-8859-1 or gb2312, pages re-saved
by an editor), and reading it as declared turns every emoji and accent into mojibake ("🧠" ->
"đź§ "); the reverse mistake, legacy text that happens to be valid multi-byte UTF-8 throughout,
is vanishingly rare beyond a few words. Pure-ASCII bytes follow the declaration, since 7-bit
encodings such as ISO-2022-JP look like ASCII.
"""

from __future__ import annotations

import codecs
import re
from itertools import islice

import ftfy
from charset_normalizer import from_bytes

# The HTML standard scans the first 1024 bytes for <meta charset>; real pages put long <head>
# comments and scripts first, so we look a little further, as lxml and most crawlers do.
META_SCAN_BYTES = 8192
DETECT_SAMPLE_BYTES = 64 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.+-]+)""", re.IGNORECASE)
# XHTML pages declare theirs in the XML declaration, which browsers read for XML documents.
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([a-zA-Z0-9_:.+-]+)""")

# WHATWG Encoding labels whose Python codec differs from what browsers actually use.
_BROWSER_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
    "x-user-defined": "cp1252",
    # A page cannot declare UTF-16 in a <meta> it could be read by: the standard says UTF-8.
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def charset_codec(label: str | None) -> str | None:
    """The Python codec for a charset label as a browser would read it, or None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _BROWSER_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff_encoding(raw: bytes, declared: str | None = None) -> str:
    """The codec to read ``raw`` with: BOM, UTF-8 check, declared charset, <meta>, detector."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return codec
    if not raw.isascii() and _is_utf8(raw):
        return "utf-8"
    meta = _META_CHARSET.search(raw[:META_SCAN_BYTES]) or _XML_ENCODING.match(raw[:META_SCAN_BYTES])
    for label in (declared, meta.group(1).decode("ascii") if meta else None):
        codec = charset_codec(label)
        if codec is not None:
            return codec
    if raw.isascii():
        return "utf-8"
    matches = from_bytes(raw[:DETECT_SAMPLE_BYTES])
    best = matches.best()
    if best is None:
        return "cp1252"
    # When the detector cannot tell candidates apart (cp1250 and cp1252 share most letters),
    # take windows-1252, the legacy default browsers use for undeclared pages.
    tied = (m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence) and m.encoding == "cp1252")
    return next(tied, best).encoding


def decode(raw: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes to text; undecodable bytes become U+FFFD, never an error."""
    codec = sniff_encoding(raw, declared)
    text = raw.decode(codec, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text


# UTF-8 read as windows-1252 or Latin-1 once too often before the page reached us: "â€™" for "’",
# "Ã©" for "é", "Â " for a no-break space. Only this, by far the commonest kind, is looked for:
# the check runs on every article, ftfy's own on a whole page takes tens of milliseconds.
_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


# One pair can be real text ("ALEMÃ”", Portuguese capitals before a closing quote); text decoded
# twice shows them at every accent and every curly quote.
_MOJIBAKE_MIN_PAIRS = 2


def has_mojibake(text: str) -> bool:
    """True when ``text`` reads as decoded twice: the tell-tale pairs, more than once."""
    return len(list(islice(_MOJIBAKE.finditer(text), _MOJIBAKE_MIN_PAIRS))) == _MOJIBAKE_MIN_PAIRS


def repair_mojibake(text: str) -> str:
    """Text a server or editor decoded twice, decoded right (ftfy, which changes nothing unless
    the repaired text is plainly better: "Investorâ€™s" -> "Investor’s"). Ask ``has_mojibake`` of
    the whole text first: one string alone may be too short to tell."""
    return ftfy.fix_encoding(text) if _MOJIBAKE.search(text) else text
