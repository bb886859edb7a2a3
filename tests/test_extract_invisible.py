"""Edits that change no visible word: invisible characters, whitespace, list nesting, heading levels,
and a UTF-8 page with a bad byte (issue 18)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES
from tosdiff.extract import decode, extract

HTML = "text/html; charset=utf-8"
SELECTS = pytest.mark.parametrize("select", [(), ("main",)], ids=["no-select", "select"])
CLAUSES = (
    "<p>You keep ownership of the content you upload. You grant us a limited licence to host it so that we can "
    "provide the Service. These Terms govern your use of the Service and you agree to them by using it.</p>"
    "<p>To the extent permitted by law we shall not be liable for indirect losses, and disputes go to arbitration.</p>"
)


def page(body: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>Terms</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<main>{body}{CLAUSES}</main><footer>Copyright Example</footer></body></html>"
    ).encode()


def words(text: str) -> list[str]:
    """The visible words of a normalised text: heading marks, list bullets and indentation are structure."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:#{1,6}\s+|[-*]\s+)", "", line)
        out.extend(line.split())
    return out


@SELECTS
def test_invisible_characters_never_change_the_text(select: tuple[str, ...]) -> None:
    plain = page("<h2>1. Your Content</h2><p>Terms of Use apply to every account.</p>")
    marked = [
        # A watermark of zero-width characters in a heading, different on each response.
        "<h2>1.\u200b Your\u200c\u200d Content\u2060</h2><p>Terms of Use apply to every account.</p>",
        "<h2>\ufeff1. Your Content\u200b\u200b\u200b</h2><p>Terms of\u00ad Use apply to every\u2063 account.</p>",
        # Bidirectional marks and isolates, variation selectors, Unicode tag characters.
        "<h2>\u200e1. Your Content\u200f</h2><p>\u2066Terms\u2069 of Use\ufe0f apply to every account.\U000e0041</p>",
        # Whitespace of every kind, and source indentation.
        "<h2>\n   1.\u00a0Your\tContent\n</h2>\n\n   <p>Terms   of\u2003Use\n apply to every account. </p>",
    ]
    expected = extract(plain, HTML, select=select)
    for body in marked:
        assert extract(page(body), HTML, select=select) == expected


@SELECTS
def test_list_nesting_and_heading_level_change_structure_not_words(select: tuple[str, ...]) -> None:
    flat = extract(
        page("<h2>Your rights</h2><ul><li>Access</li><li>Deletion</li><li>Portability</li></ul>"),
        HTML,
        select=select,
    )
    nested = extract(
        page("<h3>Your rights</h3><ul><li>Access<ul><li>Deletion</li></ul></li><li>Portability</li></ul>"),
        HTML,
        select=select,
    )
    assert words(flat) == words(nested)
    changed = [(a, b) for a, b in zip(flat.split("\n"), nested.split("\n"), strict=True) if a != b]
    # Only structure differs: the heading's level marks and one item's indentation.
    assert changed == [("## Your rights", "### Your rights"), ("- Deletion", "  - Deletion")]


def test_declared_utf8_with_one_bad_byte_stays_utf8() -> None:
    good = page(
        "<h2>1. Caf\u00e9 cr\u00e8me</h2><p>\u201cService\u201d costs \u20ac5 \u2014 na\u00efve users pay \u00a33.</p>"
    )
    good = good.replace(b"<head>", b"<head><meta charset='utf-8'>")
    bad = good.replace("\u20ac".encode(), b"\xff")  # one invalid byte where the euro sign was
    assert bad.count(b"\xff") == 1
    out = extract(bad, HTML)
    assert "1. Caf\u00e9 cr\u00e8me" in out
    assert "\u201cService\u201d costs \ufffd5 \u2014 na\u00efve users pay \u00a33." in out
    assert out.replace("\ufffd", "\u20ac") == extract(good, HTML)
    # Declared by the <meta> alone, the same.
    assert decode(bad, "text/html").count("\ufffd") == 1
    # Undeclared, valid multi-byte characters far outnumbering the bad one: UTF-8 too.
    many = ("<p>" + "\u00e9t\u00e9 " * 20 + "</p>").encode() + b"\xff"
    assert decode(many, "").startswith("<p>\u00e9t\u00e9 ")


def test_page_mislabelled_utf8_with_many_bad_bytes_still_detected() -> None:
    body = (FIXTURES / "extract" / "cp1252-noheader.html").read_bytes()
    out = extract(body, HTML)
    assert "Caf\u00e9 Cr\u00e8me\u2019s services" in out and "\ufffd" not in out


@SELECTS
def test_screen_reader_only_text_is_not_visible(select: tuple[str, ...]) -> None:
    plain = page("<p>Read the <a href='/privacy'>Privacy Policy</a> before you sign up.</p>")
    annotated = page(
        "<p>Read the <a href='/privacy'>Privacy Policy<span class='sr-only'> (opens in a new tab)</span></a>"
        " before you sign up.<span class='visually-hidden'>End of clause</span></p>"
    )
    assert extract(annotated, HTML, select=select) == extract(plain, HTML, select=select)
    # A class that only hides until clicked (tabs, accordions) keeps its text: it is terms text.
    tab = page("<div class='tab-pane hidden'><p>Tab clause: you agree to fair use.</p></div>")
    assert "Tab clause: you agree to fair use." in extract(tab, HTML, select=select)
