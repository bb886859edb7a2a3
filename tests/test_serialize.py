"""One serialiser per model type; the public JSON shapes keep their keys and key order."""

from __future__ import annotations

import json

from tosdiff.models import (
    CHANGED,
    ERROR,
    CheckResult,
    Document,
    Flag,
    Hunk,
    RunReport,
    Section,
    SectionChange,
)
from tosdiff.serialize import (
    change_dict,
    document_dict,
    flag_dict,
    hunk_dict,
    report_dict,
    result_dict,
    section_dict,
)

HOSTILE = "x\x1b[31m\u202e<b>"
FLAG = Flag(
    "ai-training", "high", "10.4", "train " + HOSTILE, "may train", "permissive", "introduced", "worse", "r",
    "widened",
)  # fmt: skip
CHANGE = SectionChange(
    "modified",
    "10.4",
    "10.5",
    "Content",
    "old",
    "new " + HOSTILE,
    (Hunk("replace", "old", "new"),),
    0.123456,
    "C",
)


def test_flag_shapes() -> None:
    assert list(flag_dict(FLAG)) == [
        "category", "severity", "section", "polarity", "change", "direction", "scope", "excerpt", "explanation",
        "rule",
    ]  # fmt: skip
    assert list(flag_dict(FLAG, "check")) == [
        "category", "severity", "section", "change", "direction", "scope", "polarity", "excerpt",
    ]  # fmt: skip
    alert = flag_dict(FLAG, "alert")
    assert list(alert) == [
        "category", "severity", "section", "excerpt", "explanation", "polarity", "change", "direction", "scope",
        "rule",
    ]  # fmt: skip
    # Every shape is shown somewhere (flags --json, check --json, alerts): page text is cleaned in all.
    assert (
        alert["excerpt"] == "train x<b>" == flag_dict(FLAG)["excerpt"] == flag_dict(FLAG, "check")["excerpt"]
    )
    odd = Flag("c", "extreme", "1", "", "")
    assert flag_dict(odd, "alert")["severity"] == "info" and flag_dict(odd)["severity"] == "extreme"


def test_change_shapes() -> None:
    full = change_dict(CHANGE)
    assert list(full) == [
        "kind", "id", "old_id", "new_id", "title", "old_title", "content_changed", "similarity",
        "old_text", "new_text", "hunks",
    ]  # fmt: skip
    # diff --json: bidi overrides and escapes removed like everywhere else page text is shown.
    assert full["id"] == "10.5" and full["similarity"] == 0.1235 and full["new_text"] == "new x<b>"
    assert full["hunks"] == [{"op": "replace", "old": "old", "new": "new"}]
    assert change_dict(CHANGE, "summary") == {
        "id": "10.5", "kind": "modified", "title": "Content", "old_id": "10.4", "new_id": "10.5",
    }  # fmt: skip
    assert list(change_dict(CHANGE, "summary")) == ["id", "kind", "title", "old_id", "new_id"]
    alert = change_dict(CHANGE, "alert")
    assert list(alert) == [
        "kind", "id", "old_id", "new_id", "title", "old_title", "similarity", "content_changed",
        "old_text", "new_text", "hunks",
    ]  # fmt: skip
    assert alert["new_text"] == "new x<b>"
    added = SectionChange("added", None, "", "", "", "x")
    assert change_dict(added)["new_id"] == "" and change_dict(added, "alert")["new_id"] is None


def test_hunk_section_and_document() -> None:
    assert hunk_dict(Hunk("insert", "", HOSTILE)) == {"op": "insert", "old": "", "new": "x<b>"}
    s = Section("1", "1.", "Use", 2, "text", "h", None, 3)
    assert list(section_dict(s)) == ["id", "number", "title", "level", "parent", "hash", "text"]
    hostile = Section("1" + HOSTILE, "1.", "Use" + HOSTILE, 2, "text" + HOSTILE, "h", "0" + HOSTILE, 3)
    assert section_dict(hostile) == {
        "id": "1x<b>", "number": "1.", "title": "Usex<b>", "level": 2, "parent": "0x<b>", "hash": "h",
        "text": "textx<b>",
    }  # fmt: skip
    d = document_dict(Document("n", "https://x", title="", service=HOSTILE, tags=("a",)))
    assert d == {"name": "n", "title": "n", "service": "x<b>", "type": "", "url": "https://x", "tags": ["a"]}


def test_check_json_shape() -> None:
    ok = CheckResult("a", CHANGED, 2, 1, changes=(CHANGE,), flags=(FLAG,))
    bad = CheckResult("b", ERROR, error="boom", error_class="fetch")
    data = report_dict(RunReport((ok, bad)))
    json.dumps(data)
    first, second = data["documents"]
    assert list(first) == [
        "name",
        "status",
        "version",
        "previous_version",
        "error",
        "changed_sections",
        "flags",
    ]
    assert list(second) == [
        "name", "status", "version", "previous_version", "error", "error_class", "changed_sections", "flags",
    ]  # fmt: skip
    assert first["changed_sections"] == [change_dict(CHANGE, "summary")]
    assert first["flags"] == [flag_dict(FLAG, "check")]
    assert result_dict(bad) == second
