"""One walker of a clause's history: from texts (`tosdiff log`) or from stored changes (the report)."""

from __future__ import annotations

from pathlib import Path

from tosdiff.diff import diff_texts
from tosdiff.history import clause_timeline, document_history, document_texts, section_history
from tosdiff.models import ADDED, MERGED, MODIFIED
from tosdiff.store import Store

CLAUSES = [
    "You may use the service for lawful purposes only and in line with these terms at all times.",
    "We may suspend accounts that break these terms after giving notice to the account holder by email.",
    "You own the content you upload and you grant us a licence to host and display it for the service.",
    "We keep backups of the content you upload for thirty days after you delete it from your account.",
    "These terms are governed by the laws of Ruritania and its courts have exclusive jurisdiction.",
    "We may change these terms and will tell you thirty days before any change applies to your account.",
]


def _text(clauses: list[str]) -> str:
    return "# Terms\n\n" + "".join(f"{i}. {c}\n\n" for i, c in enumerate(clauses, 1))


def _merged() -> list[tuple[int, str]]:
    """v1: six clauses; v2: clause 6 folded into clause 5; v3: unchanged."""
    folded = CLAUSES[:4] + [CLAUSES[4] + " " + CLAUSES[5]]
    return [(1, _text(CLAUSES)), (2, _text(folded)), (3, _text(folded))]


def test_a_clause_another_was_merged_into_keeps_its_history() -> None:
    versions = _merged()
    kinds = {(c.kind, c.old_id, c.new_id) for c in diff_texts(versions[0][1], versions[1][1])}
    assert (MERGED, "6", "5") in kinds and (MODIFIED, "5", "5") in kinds
    hist = section_history(versions, "5")
    assert [(e["version"], e["kind"], e["id"]) for e in hist] == [
        (1, ADDED, "5"),
        (2, MODIFIED, "5"),
        (3, "unchanged", "5"),
    ]
    # The clause that was folded in ends there.
    gone = section_history(versions, "6")
    assert [(e["version"], e["kind"], e["id"], e["new_id"]) for e in gone] == [
        (1, ADDED, "6", "6"),
        (2, MERGED, None, "5"),
    ]


def test_walking_stored_changes_agrees_with_walking_texts() -> None:
    versions = _merged() + [
        (4, _text(CLAUSES[:1] + ["A new clause on age limits for every user of the service."] + CLAUSES[1:]))
    ]
    steps = [diff_texts(a, b) for (_, a), (_, b) in zip(versions, versions[1:], strict=False)]
    numbers = [v for v, _ in versions]
    for sid in ("1", "2", "3", "4", "5", "6"):
        from_texts = section_history(versions, sid)
        from_steps = clause_timeline(numbers, steps, sid)
        key = ("version", "kind", "id", "old_id", "new_id", "content_changed", "hunks")
        assert [[e[k] for k in key] for e in from_steps] == [[e[k] for k in key] for e in from_texts], sid
    assert clause_timeline([], [], "1") == [] and section_history(versions, "99") == []


def test_document_history_diffs_and_flags_stored_versions(tmp_path: Path) -> None:
    old = _text(CLAUSES)
    new = _text(
        CLAUSES[:2]
        + [CLAUSES[2] + " We may also use your content to train artificial intelligence models."]
        + CLAUSES[3:]
    )
    store = Store(tmp_path / "h.db")
    try:
        with store.transaction():
            store.upsert_document("t", "https://example.org/terms")
            for i, text in enumerate((old, new)):
                store.add_version("t", text, snapshot_id=None, extractor_version="t", fingerprint="t",
                                  kind="new" if i == 0 else "changed")  # fmt: skip
        steps = document_history(store, "t")
        assert document_texts(store, "t") == [(1, old), (2, new)]
    finally:
        store.close()
    assert [s.row["version"] for s in steps] == [1, 2]
    assert steps[0].changes == () and steps[0].flags == ()
    assert [(c.kind, c.id) for c in steps[1].changes] == [(MODIFIED, "3")]
    assert any(f.category == "ai-training" for f in steps[1].flags)
