"""The one sanitiser: every character class either former sanitiser removed is removed, text is kept."""

from __future__ import annotations

import pytest

from tosdiff.sanitize import clean_text, one_line, safe_text

# Every class the terminal sanitiser (diffview) or the alert sanitiser (alerts/message.py) covered,
# with examples at the edges of each range.
C0 = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20)) if c != 0x0D]  # CR: a line end, below
C1_AND_DEL = [chr(c) for c in range(0x7F, 0xA0)]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
PRIVATE_USE = ["\ue000", "\uf8ff", "\U000f0000", "\U000ffffd", "\U00100000", "\U0010fffd"]
BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
INTRODUCERS = {"\x1b", "\x9b", "\x9d"}  # ESC, 8-bit CSI, 8-bit OSC
ESCAPE_SEQUENCES = [
    "\x1b[31m",  # CSI: colour
    "\x1b[0m",
    "\x1b[?25l",  # CSI with private parameter: hide cursor
    "\x1b[2J",  # CSI: clear screen
    "\x1b]0;window title\x07",  # OSC ended by BEL
    "\x1b]8;;http://evil.example\x1b\\",  # OSC hyperlink ended by ST
    "\x1bP1;2|payload\x1b\\",  # DCS ... ST
    "\x1bXsos\x1b\\",  # SOS ... ST
    "\x1b^pm\x1b\\",  # PM ... ST
    "\x1b_apc\x1b\\",  # APC ... ST
    "\x1bc",  # RIS: reset the terminal
    "\x1b7",  # save cursor
    "\x1b(B",  # charset selection
    "\x1bM",  # two-byte escape (reverse index)
    "\x1b\\",
    "\x9b31m",  # 8-bit CSI
    "\x9d0;title\x9c",  # 8-bit OSC ended by ST
    "\x9d0;title\x07",  # 8-bit OSC ended by BEL
    "\x90payload\x9c",  # 8-bit DCS ... ST
]


@pytest.mark.parametrize("ch", C0 + C1_AND_DEL + SURROGATES + PRIVATE_USE + BIDI)
def test_every_unsafe_character_is_removed(ch: str) -> None:
    assert clean_text(f"a{ch}") == "a" and one_line(f"a{ch}") == "a", repr(ch)
    if ch not in INTRODUCERS:  # these start a sequence that takes the next characters with it
        assert clean_text(f"a{ch}b") == "ab" and one_line(f"a{ch}b") == "ab", repr(ch)


@pytest.mark.parametrize("seq", ESCAPE_SEQUENCES)
def test_every_escape_sequence_is_removed_with_its_payload(seq: str) -> None:
    assert clean_text(f"a{seq}b") == "ab", repr(seq)


def test_line_ends_become_newlines_and_tabs_stay() -> None:
    assert clean_text("a\r\nb\rc\u2028d\u2029e\tf\n") == "a\nb\nc\nd\ne\tf\n"
    assert one_line("a\r\nb\tc\n  d", 200) == "a b c d"


def test_text_is_kept() -> None:
    text = "plain – “text” ünïcode, 日本語, emoji 👍🏽 and a ZWJ family 👨‍👩‍👧 [bold red]x[/] <b>y</b>"
    assert clean_text(text) == text
    assert clean_text("") == "" and clean_text(None) == "" and clean_text(42) == "42"


def test_one_line_cuts_at_the_limit() -> None:
    assert one_line("word " * 100, 20) == "word word word word…"
    assert len(one_line("x" * 500, 250)) == 250


def test_safe_text_is_never_markup() -> None:
    t = safe_text("[bold red]x[/] \x1b[31mRED", "dim")
    assert t.plain == "[bold red]x[/] RED" and str(t.style) == "dim"


def test_former_sanitisers_are_gone() -> None:
    """Everything that sanitised before uses the one sanitiser."""
    from tosdiff import diffview, render
    from tosdiff.alerts import message

    assert not hasattr(diffview, "sanitize_terminal") and not hasattr(render, "sanitize")
    assert message.clean_text is clean_text and message.one_line is one_line


@pytest.mark.parametrize("ch", BIDI)
def test_escape_html_removes_bidi_controls_then_escapes(ch: str) -> None:
    from tosdiff.sanitize import escape_html

    # html.escape alone keeps an override, which then reorders what the browser shows.
    assert escape_html(f'<a title="x">{ch}b&c</a>') == "&lt;a title=&quot;x&quot;&gt;b&amp;c&lt;/a&gt;"
    assert escape_html(f"'{ch}", quote=False) == "'"


def test_plural_counts_in_words() -> None:
    from tosdiff.sanitize import plural

    assert [plural(n, "document") for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
    assert (
        plural(1, "delivery", "deliveries") == "1 delivery"
        and plural(3, "delivery", "deliveries") == "3 deliveries"
    )
