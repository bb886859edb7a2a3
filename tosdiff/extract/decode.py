"""Bytes to text: pick the right charset, then clean the characters the contract does not allow."""

from __future__ import annotations

import codecs
import re
import unicodedata

_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">, looked for in
# the first bytes only, as browsers do (WHATWG prescan reads 1024 bytes; we allow a bit more).
_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)
_PRESCAN = 4096

# Labels that browsers decode as Windows-1252 (WHATWG Encoding Standard), since pages labelled
# latin-1 are in practice cp1252 (curly quotes in 0x80-0x9F).
_AS_CP1252 = {
    "iso-8859-1",
    "iso8859-1",
    "latin1",
    "latin-1",
    "l1",
    "ascii",
    "us-ascii",
    "iso_8859-1",
    "cp819",
}
_SINGLE_BYTE_FAMILY = re.compile(r"^(cp125\d|windows-125\d|iso-?8859-\d+|latin|ascii|us-ascii|koi8)", re.I)

# Typical marks of UTF-8 read as a single-byte charset: â€™ â€œ Ã© Â  etc.
_MOJIBAKE_RE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\u00e2\u0080")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _norm_label(label: str) -> str | None:
    """A Python codec name for a charset label, or None when Python does not know it."""
    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def header_charset(content_type: str) -> str | None:
    """The charset declared in a Content-Type header value, if any and known."""
    m = _CHARSET_RE.search(content_type or "")
    return _norm_label(m.group(1)) if m else None


def _utf8_or_none(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


# A few invalid bytes in a UTF-8 page (a truncated character pasted into one clause, a stray Latin-1
# byte in a template) must not send the whole page to charset detection, which then reads every other
# character as another charset: up to this many invalid sequences, or one per this many valid
# non-ASCII characters, the page is UTF-8 with U+FFFD where the bad bytes were (as browsers show it).
_FEW_BAD = 3
_GOOD_PER_BAD = 10


def _mostly_utf8(body: bytes, declared: bool) -> str | None:
    """UTF-8 decoding with replacement when only a few bytes are invalid, else None.

    A declared UTF-8 page may have up to _FEW_BAD invalid sequences whatever else it holds; without a
    declaration, valid multi-byte characters must outnumber the invalid ones _GOOD_PER_BAD to one.
    """
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")  # U+FFFD written in the page is not bad
    if bad <= 0:
        return text
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if (declared and bad <= _FEW_BAD) or good >= _GOOD_PER_BAD * bad:
        return text
    return None


def _declared(body: bytes, charset: str) -> tuple[str, bool] | None:
    """Decode with a declared single charset, preferring UTF-8 when the declaration is evidently wrong.

    Returns the text and whether it is exactly the strict UTF-8 decoding of the bytes.
    """
    try:
        text = body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        text = None
    if text is None and charset == "utf-8":
        lenient = _mostly_utf8(body, declared=True)
        return (lenient, False) if lenient is not None else None
    if charset != "utf-8" and (text is None or _SINGLE_BYTE_FAMILY.match(charset)):
        # Servers often label UTF-8 pages iso-8859-1; valid multi-byte UTF-8 sequences almost never
        # occur by chance in real single-byte text, so valid UTF-8 with mojibake-looking output wins.
        as_utf8 = _utf8_or_none(body)
        if as_utf8 is not None and (text is None or (_MOJIBAKE_RE.search(text) and as_utf8 != text)):
            return as_utf8, True
        if as_utf8 is None and (text is None or _MOJIBAKE_RE.search(text)):
            lenient = _mostly_utf8(body, declared=False)  # UTF-8 with a stray bad byte, mislabelled
            if lenient is not None:
                return lenient, False
    if text is None:
        return None
    return text, charset == "utf-8"


def decode(body: bytes, content_type: str) -> str:
    """Decode fetched bytes to str: BOM, Content-Type charset, <meta> charset, then detection."""
    return decode_exact(body, content_type)[0]


def decode_exact(body: bytes, content_type: str) -> tuple[str, bool]:
    """decode(), and whether the text is exactly the strict UTF-8 decoding of all the bytes.

    When it is, a parser may read the bytes themselves as UTF-8 (libxml2 parses UTF-8 bytes about a
    quarter faster than a Python str holding non-ASCII characters) and see the very same characters.
    """
    # A BOM is the strongest evidence (WHATWG gives it precedence even over the header).
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), False
    charset = header_charset(content_type)
    if charset:
        found = _declared(body, charset)
        if found is not None:
            return found
    if "html" in (content_type or "").lower() or b"<" in body[:_PRESCAN]:
        m = _META_RE.search(body[:_PRESCAN])
        if m:
            meta = _norm_label(m.group(1).decode("ascii", "replace"))
            if meta in ("utf-16", "utf-16-le", "utf-16-be"):
                meta = "utf-8"  # a meta tag readable as ASCII cannot be UTF-16; WHATWG says so too
            if meta:
                found = _declared(body, meta)
                if found is not None:
                    return found
    as_utf8 = _utf8_or_none(body)
    if as_utf8 is not None:
        return as_utf8, True
    lenient = _mostly_utf8(body, declared=False)
    if lenient is not None:
        return lenient, False
    encoding = detect(body)
    try:
        return body.decode(encoding, errors="replace"), False
    except LookupError:
        return body.decode("cp1252", errors="replace"), False


def detect(body: bytes) -> str:
    """Guess the charset of undeclared non-UTF-8 bytes with charset-normalizer, leaning to Windows-1252."""
    # Imported here: most pages declare their charset or are UTF-8, and charset-normalizer costs
    # ~8 ms of every run's start-up.
    from charset_normalizer import from_bytes

    results = from_bytes(body[:200_000])  # detection is slow on huge inputs; a prefix suffices
    best = results.best()
    if best is None or not best.encoding:
        return "cp1252"
    # Short Western texts fit several single-byte charsets equally well (cp1250 reads "Crème" as
    # "Crčme"); Windows-1252 is the web's default for undeclared pages (WHATWG), so it wins near-ties.
    if best.encoding != "cp1252" and _SINGLE_BYTE_FAMILY.match(best.encoding):
        for r in results:
            if r.encoding == "cp1252" and r.chaos <= best.chaos + 0.01:
                return "cp1252"
    return best.encoding


# Characters mapped before comparison so invisible markup noise never becomes a change.
_SPACE_CHARS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v\r"
)
# Characters that render as nothing: zero-width spaces and joiners, the soft hyphen, bidirectional
# marks, embeddings and isolates, invisible operators, variation selectors, tag characters (Unicode
# format characters, category Cf, and their invisible kin). Sites watermark headings and clauses with
# them, so they are dropped: an edit of invisible characters must never read as an edit of the terms.
_ZERO_WIDTH = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Regex passes run in C and cost almost nothing when (as usual) nothing matches, unlike str.translate
# with a dict table, which calls back into Python for every character.
_SPACES_RE = re.compile("[" + re.escape(_SPACE_CHARS) + "]")
# Raw control characters (ESC of ANSI sequences, NUL, C1) are dropped; their printable rest stays literal.
_DROP_RE = re.compile("[" + _ZERO_WIDTH + "\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LINE_SEP_RE = re.compile("[\u2028\u2029]")


def clean_chars(text: str) -> str:
    """NFC-normalise, map exotic spaces to ' ', drop zero-width and control characters (keeps '\\n')."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii() and not _ASCII_CONTROL_RE.search(text):
        return text  # the common case, checked in C
    text = _SPACES_RE.sub(" ", text)
    text = _DROP_RE.sub("", text)
    text = _LINE_SEP_RE.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
