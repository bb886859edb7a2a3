"""A clause whose heading alone was reworded: the heading's changed words are the change, in every view.

The fixtures (tests/fixtures/realpages/headings-v*.md) change three headings and no clause text: the
document's H1, a short clause title, and a very long one (a rewording inside it, as real arbitration
headings are written).
"""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console

from tosdiff.alerts import build_change_event
from tosdiff.alerts.message import render_html, render_text
from tosdiff.diff import diff_texts
from tosdiff.diffview import to_html, to_rich, to_side_by_side, to_unified
from tosdiff.models import CHANGED, MODIFIED, CheckResult, Document, SectionChange

FIXTURES = Path(__file__).parent / "fixtures" / "realpages"
BODY_3 = "Any dispute between you and Brewly will be resolved by binding individual arbitration"


def _changes() -> dict[str, SectionChange]:
    old = (FIXTURES / "headings-v1.md").read_text(encoding="utf-8")
    new = (FIXTURES / "headings-v2.md").read_text(encoding="utf-8")
    return {c.id: c for c in diff_texts(old, new)}


def _plain(renderable: object, width: int = 100) -> str:
    console = Console(width=width, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_heading_only_changes_are_word_hunks_of_the_heading() -> None:
    by = _changes()
    assert sorted(by) == ["2", "3", "preamble"]
    for c in by.values():
        assert c.kind == MODIFIED and c.content_changed
        assert c.old_text == c.new_text  # no text changed, only headings
        changed = [h for h in c.hunks if h.op != "equal"]
        assert changed, c.id
        # Never an empty or unchanged hunk, and never the clause's text struck and re-inserted.
        assert all(h.old != h.new for h in changed)
        assert all(c.new_text.strip() not in h.old + h.new for h in changed)
    assert [(h.op, h.old, h.new) for h in by["3"].hunks if h.op != "equal"] == [
        ("replace", "Members Residing", "Users Living")
    ]
    assert [(h.op, h.new) for h in by["2"].hunks if h.op != "equal"] == [("insert", " and Improvement")]
    assert [(h.op, h.old, h.new) for h in by["preamble"].hunks if h.op != "equal"] == [
        ("replace", "Service", "Use")
    ]
    assert by["preamble"].old_title == "Terms of Service" and by["preamble"].title == "Terms of Use"


def test_heading_and_text_changed_together_mark_both() -> None:
    old = (FIXTURES / "headings-v1.md").read_text(encoding="utf-8")
    new = (FIXTURES / "headings-v2.md").read_text(encoding="utf-8").replace("binding individual", "binding")
    c = {c.id: c for c in diff_texts(old, new)}["3"]
    changed = [(h.op, h.old, h.new) for h in c.hunks if h.op != "equal"]
    assert changed == [("replace", "Members Residing", "Users Living"), ("delete", " individual", "")]


def test_every_diff_view_marks_the_heading_words_and_leaves_the_text_unstruck() -> None:
    changes = list(_changes().values())
    rich = _plain(to_rich(changes, context=None))
    assert "[-Members Residing-]{+Users Living+}" in rich
    assert "Model Training{+ and Improvement+}" in rich
    assert "Terms of [-Service-]{+Use+}" in rich
    assert not re.search(r"\[-[^\]]*Any dispute", rich)  # the unchanged text is shown, never struck
    side = _plain(to_side_by_side(changes, width=160), width=160)
    assert "[-Members" in side and "{+Users" in side and "[-Any" not in side
    unified = to_unified(changes)
    assert "-## " not in unified
    assert "\n-Model Training\n+Model Training and Improvement\n" in unified
    assert "\n-Terms of Service\n+Terms of Use\n" in unified
    assert "\n-" + BODY_3 not in unified
    html = to_html(changes)
    assert "<del>Members Residing</del><ins>Users Living</ins>" in html
    assert "<ins> and Improvement</ins>" in html
    assert not re.search(r"<del>[^<]*Any dispute", html)


def test_alert_shows_the_old_heading_and_marks_its_words() -> None:
    doc = Document(name="brewly", url="https://brewly.example/terms", title="Brewly Terms")
    result = CheckResult("brewly", CHANGED, version=2, previous_version=1, changes=tuple(_changes().values()))
    event = build_change_event(doc, result, recorded_at="2025-04-03T00:00:00Z", previous_recorded_at=None)
    text = render_text([event])
    assert "## 2 modified: Model Training → Model Training and Improvement" in text
    assert "[-Members Residing-] {+Users Living+}" in text
    assert "[-" + BODY_3[:20] not in text
    body = render_html([event])
    assert "Model Training → Model Training and Improvement" in body
    assert re.search(r"<del[^>]*>Members Residing</del>", body)


def test_cli_diff_of_a_heading_change_and_of_one_version_with_itself(httpserver, make_cli) -> None:
    """End to end: two checks of a page whose headings were reworded, then `diff` as a user runs it."""
    from werkzeug import Response

    pages = [(FIXTURES / f"headings-v{n}.md").read_bytes() for n in (1, 2)]
    current = [0]
    httpserver.expect_request("/terms.md").respond_with_handler(
        lambda _req: Response(pages[current[0]], content_type="text/markdown; charset=utf-8")
    )
    cli = make_cli([{"name": "brewly", "url": httpserver.url_for("/terms.md")}])
    assert cli.run("check").returncode == 0
    current[0] = 1
    code, checked = cli.json("check")
    assert code == 0 and checked["documents"][0]["status"] == "changed"
    unified = cli.run("diff", "brewly")
    assert unified.returncode == 0
    assert "\n-Model Training\n+Model Training and Improvement\n" in unified.stdout
    code, data = cli.json("diff", "brewly")
    hunks = [h for c in data["changes"] for h in c["hunks"] if h["op"] != "equal"]
    assert hunks and all(h["old"] != h["new"] for h in hunks)
    same = cli.run("diff", "brewly", "--from", "1", "--to", "1")
    assert same.returncode == 0 and same.stdout == ""
    assert "v1 and v1 are the same version" in same.stderr
