"""The one hunk-to-HTML renderer: strict escaping, <del>/<ins>, context trimming, caller's attributes."""

from __future__ import annotations

from tosdiff.htmlview import change_hunks, hunk_runs, hunks_html, runs_html
from tosdiff.models import Hunk, SectionChange


def test_everything_is_escaped() -> None:
    hunks = [Hunk("equal", "a \"q\" 'x' & <script>\n", ""), Hunk("replace", "<i>", "<img src=x>")]
    out = hunks_html(hunks)
    assert out == (
        "a &quot;q&quot; &#x27;x&#x27; &amp; &lt;script&gt;<br>\n"
        "<del>&lt;i&gt;</del><ins>&lt;img src=x&gt;</ins>"
    )
    assert hunks_html([{"op": "insert", "old": "", "new": "<b>"}]) == "<ins>&lt;b&gt;</ins>"


def test_context_trims_unchanged_text() -> None:
    words = " ".join(f"w{i}" for i in range(20))
    runs = hunk_runs(
        [Hunk("equal", words, words), Hunk("insert", "", " new"), Hunk("equal", words, words)], 2
    )
    assert runs == [("equal", "… w18 w19"), ("insert", " new"), ("equal", "w0 w1 …")]


def test_attributes_and_separators() -> None:
    out = runs_html(
        [("equal", "a"), ("sep", " "), ("delete", "b"), ("insert", "c")], ' class="d"', ' class="i"'
    )
    assert out == 'a <del class="d">b</del><ins class="i">c</ins>'


def test_added_and_removed_sections_without_hunks() -> None:
    assert change_hunks(SectionChange("added", None, "1", "", "", "new")) == (Hunk("insert", "", "new"),)
    assert change_hunks(SectionChange("removed", "1", None, "", "old", "")) == (Hunk("delete", "old", ""),)
    assert change_hunks(SectionChange("renumbered", "1", "2", "", "same", "same")) == ()


def test_every_html_view_uses_it() -> None:
    """diff --format html, the report and the alert e-mail render the same hunks the same way."""
    from tosdiff.alerts.message import diff_html
    from tosdiff.diffview import to_html

    c = SectionChange(
        "modified", "1", "1", "T", "a b", "a c", (Hunk("equal", "a ", "a "), Hunk("replace", "b", "c"))
    )
    assert '<p class="tosdiff-text">' + hunks_html(c.hunks) + "</p>" in to_html([c])
    mail = diff_html({"kind": "modified", "hunks": [{"op": "equal", "old": "a ", "new": "a "},
                                                    {"op": "replace", "old": "<b>", "new": "c"}]})  # fmt: skip
    assert mail.startswith("a <del style=") and "&lt;b&gt;</del>" in mail and mail.endswith(">c</ins>")
