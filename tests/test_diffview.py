"""Renderers: hostile document text stays inert in rich, unified text and HTML; JSON shape."""

from __future__ import annotations

import json

from rich.console import Console

from tosdiff.diff import diff_texts
from tosdiff.diffview import (
    change_heading,
    to_html,
    to_json,
    to_rich,
    to_side_by_side,
    to_unified,
)
from tosdiff.models import MODIFIED, SectionChange
from tosdiff.sanitize import clean_text

HOSTILE = "Click [bold red]x[/] now \x1b[31mRED\x1b[0m and <script>alert(1)</script> \x1b]8;;http://evil\x07link\x1b]8;;\x07."

OLD = "# Terms\n\nIntro.\n\n## 1. Data\n\nWe keep your data safe.\n\n## 2. Law\n\nUtopian law applies.\n"
NEW = (
    "# Terms\n\nIntro.\n\n## 1. Data\n\nWe keep your data safe. "
    + HOSTILE
    + "\n\n## 2. Law\n\nUtopian law applies.\n"
)


def _changes() -> list[SectionChange]:
    changes = diff_texts(OLD, NEW)
    assert [(c.kind, c.id) for c in changes] == [(MODIFIED, "1")]
    return changes


def _render(renderable) -> Console:
    console = Console(record=True, width=100, color_system="truecolor", force_terminal=True)
    console.print(renderable)
    return console


def test_clean_text_strips_escapes_and_controls() -> None:
    s = "a\x1b[31mb\x1b[0m\tc\nd\x07e\x00f\x9b31mg\u202eh\x1b]0;title\x07i\r\n"
    assert clean_text(s) == "ab\tc\ndefghi\n"
    assert clean_text("") == ""
    assert clean_text("plain – “text” ünïcode") == "plain – “text” ünïcode"


def test_rich_shows_markup_literally_and_drops_ansi() -> None:
    console = _render(to_rich(_changes(), header="Acme [b]terms[/b]"))
    text = console.export_text(styles=False)
    assert "1 Data — modified" in text
    assert "[bold red]x[/]" in text  # markup in the document is shown, not interpreted
    assert "<script>alert(1)</script>" in text
    assert "Acme [b]terms[/b]" in text
    assert "\x1b" not in text
    assert "RED" in text and "link" in text
    # The only escape sequences in the styled output are rich's own (the inserted text is green).
    styled = console.export_text(styles=True)
    assert "\x1b[31mRED" not in styled
    assert "evil" not in styled


def test_rich_marks_deleted_and_inserted_words() -> None:
    changes = diff_texts(OLD, OLD.replace("keep your data safe", "share your data"))
    console = Console(record=True, width=100)
    console.print(to_rich(changes))
    html_export = console.export_html(inline_styles=True, clear=False)
    text = console.export_text()
    assert "keep" in text and "share" in text
    assert "line-through" in html_export  # deleted words struck through


def test_side_by_side_table() -> None:
    console = _render(to_side_by_side(_changes(), width=100))
    text = console.export_text(styles=False)
    assert "old" in text and "new" in text
    assert "[bold red]x[/]" in text
    assert "\x1b" not in text


def test_unified_is_plain_stable_and_inert() -> None:
    out = to_unified(_changes(), "v1", "v2")
    assert out == to_unified(_changes(), "v1", "v2")
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    assert lines[0] == "--- v1 1"
    assert lines[1] == "+++ v2 1"
    assert lines[2] == "@@ 1 Data — modified @@"
    assert "-We keep your data safe." in lines
    assert any(line.startswith("+We keep your data safe. Click [bold red]x[/] now RED") for line in lines)


def test_html_escapes_everything() -> None:
    out = to_html(_changes())
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<ins>" in out
    assert 'data-section="1"' in out
    hostile_id = SectionChange("added", None, '"><img src=x onerror=alert(1)>', "<b>t</b>", "", "x")
    out = to_html([hostile_id])
    assert "<img" not in out and "<b>" not in out


def test_json_shape() -> None:
    data = to_json(_changes())
    json.dumps(data)  # serialisable
    (item,) = data
    assert item["kind"] == MODIFIED and item["id"] == "1" and item["old_id"] == "1" and item["new_id"] == "1"
    assert item["title"] == "Data"
    assert {h["op"] for h in item["hunks"]} <= {"equal", "insert", "delete", "replace"}
    assert "".join(h["new"] for h in item["hunks"]) == item["new_text"]


def test_heading_for_renumbered_untitled_item() -> None:
    c = SectionChange(
        "renumbered", "8.8", "8.7", "", "Use any meta tags or hidden text", "Use any meta tags or hidden text"
    )
    assert change_heading(c) == "8.8 → 8.7 “Use any meta tags or hidden text” — renumbered"
