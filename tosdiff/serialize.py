"""JSON-ready dicts of the model types: one serialiser per type, used by every JSON output.

Some outputs are public and must stay byte-identical: ``check --json`` (`report_dict`), ``diff --json``
(`change_dict`), ``sections --json`` (`section_dict`), ``flags NAME --json`` (``flag_dict(shape="full")``)
and the alert payload ``tosdiff.alert/1`` (``shape="alert"``: cleaned text, its own key order). Those
shapes grew apart over time (a subset of keys, another key order); each serialiser builds every value
once and a named shape picks and orders the keys, so no payload silently changes.

Every string taken from a page (texts, titles, ids, excerpts) is shown somewhere, so every shape carries it
through `tosdiff.sanitize.clean_text`: no bidi override, control character or escape sequence reaches a
JSON consumer's terminal or page.
"""

from __future__ import annotations

from typing import Any

from tosdiff.models import SEVERITIES, CheckResult, Document, Flag, Hunk, RunReport, Section, SectionChange
from tosdiff.redact import redact_url
from tosdiff.sanitize import clean_text

__all__ = [
    "FLAG_SHAPES",
    "CHANGE_SHAPES",
    "hunk_dict",
    "flag_dict",
    "change_dict",
    "section_dict",
    "document_dict",
    "result_dict",
    "report_dict",
    "document_row_dict",
    "version_row_dict",
    "timeline_event_dict",
]

# Key order of each public shape of a Flag. On a flag change, "direction" says which way it cuts for
# users (worse | better | null when it cannot be told) and "scope" what it did to the provider's power
# (widened | narrowed | null); on a flag of a version (no change) both are null.
FLAG_SHAPES: dict[str, tuple[str, ...]] = {
    # `flags NAME --json`: everything.
    "full": (
        "category",
        "severity",
        "section",
        "polarity",
        "change",
        "direction",
        "scope",
        "excerpt",
        "explanation",
        "rule",
    ),
    # `check --json`: what a script needs to react.
    "check": ("category", "severity", "section", "change", "direction", "scope", "polarity", "excerpt"),
    # alert payload: cleaned text, severity always one of SEVERITIES.
    "alert": (
        "category",
        "severity",
        "section",
        "excerpt",
        "explanation",
        "polarity",
        "change",
        "direction",
        "scope",
        "rule",
    ),
}
# Key order of each public shape of a SectionChange.
CHANGE_SHAPES: dict[str, tuple[str, ...]] = {
    # `diff --json`
    "full": (
        "kind", "id", "old_id", "new_id", "title", "old_title", "content_changed", "similarity",
        "old_text", "new_text", "hunks",
    ),
    # `check --json`: which sections changed, without their text.
    "summary": ("id", "kind", "title", "old_id", "new_id"),
    # alert payload: cleaned text.
    "alert": (
        "kind", "id", "old_id", "new_id", "title", "old_title", "similarity", "content_changed",
        "old_text", "new_text", "hunks",
    ),
}  # fmt: skip


def hunk_dict(h: Hunk) -> dict[str, str]:
    """{op, old, new} of one word-diff run, text cleaned."""
    return {"op": h.op, "old": clean_text(h.old), "new": clean_text(h.new)}


def flag_dict(f: Flag, shape: str = "full") -> dict[str, Any]:
    """A flag in one of FLAG_SHAPES ("full", "check", "alert": cleaned text, severity validated)."""
    alert = shape == "alert"
    t = clean_text
    values: dict[str, Any] = {
        "category": t(f.category),
        "severity": f.severity if not alert or f.severity in SEVERITIES else "info",
        "section": t(f.section),
        "polarity": f.polarity,
        "change": f.change,
        "direction": f.direction,
        "scope": f.scope,
        "excerpt": t(f.excerpt),
        "explanation": t(f.explanation),
        "rule": t(f.rule),
    }
    return {k: values[k] for k in FLAG_SHAPES[shape]}


def change_dict(c: SectionChange, shape: str = "full") -> dict[str, Any]:
    """A section change in one of CHANGE_SHAPES ("full", "summary", "alert": cleaned text)."""
    if shape == "alert":
        values: dict[str, Any] = {
            "kind": c.kind,
            "id": clean_text(c.id),
            "old_id": clean_text(c.old_id) if c.old_id else None,
            "new_id": clean_text(c.new_id) if c.new_id else None,
            "title": clean_text(c.title),
            "old_title": clean_text(c.old_title),
            "similarity": round(float(c.similarity), 4),
            "content_changed": c.content_changed,
            "old_text": clean_text(c.old_text),
            "new_text": clean_text(c.new_text),
            "hunks": [hunk_dict(h) for h in c.hunks],
        }
    else:
        values = {
            "kind": c.kind,
            "id": clean_text(c.id),
            "old_id": clean_text(c.old_id) if c.old_id is not None else None,
            "new_id": clean_text(c.new_id) if c.new_id is not None else None,
            "title": clean_text(c.title),
            "old_title": clean_text(c.old_title),
            "content_changed": c.content_changed,
            "similarity": round(c.similarity, 4),
            "old_text": clean_text(c.old_text),
            "new_text": clean_text(c.new_text),
        }
        if shape != "summary":  # hunks are the bulk of a change: only build them when shown
            values["hunks"] = [hunk_dict(h) for h in c.hunks]
    return {k: values[k] for k in CHANGE_SHAPES[shape]}


def section_dict(s: Section, language: str | None = None) -> dict[str, Any]:
    """A section as `sections --json` prints it (with its language last, when given)."""
    data = {
        "id": clean_text(s.id),
        "number": clean_text(s.number),
        "title": clean_text(s.title),
        "level": s.level,
        "parent": clean_text(s.parent) if s.parent is not None else None,
        "hash": s.hash,
        "text": clean_text(s.text),
    }
    if language is not None:
        data["language"] = language
    return data


def document_dict(d: Document) -> dict[str, Any]:
    """The document part of an alert event (display texts cleaned; name and url are validated config)."""
    return {
        "name": d.name,
        "title": clean_text(d.title or d.name),
        "service": clean_text(d.service),
        "type": clean_text(d.type),
        "url": redact_url(d.url),
        "tags": list(d.tags),
    }


def result_dict(result: CheckResult) -> dict[str, Any]:
    """One document's entry in `check --json`."""
    data: dict[str, Any] = {
        "name": result.name,
        "status": result.status,
        "version": result.version,
        "previous_version": result.previous_version,
        "error": result.error,
    }
    if result.error_class:
        data["error_class"] = result.error_class
    data["changed_sections"] = [change_dict(c, "summary") for c in result.changes]
    data["flags"] = [flag_dict(f, "check") for f in result.flags]
    return data


def report_dict(report: RunReport) -> dict[str, Any]:
    """The whole `check --json` document."""
    return {"documents": [result_dict(r) for r in report.results]}


def document_row_dict(row: dict[str, Any]) -> dict[str, Any]:
    """One configured document of `tosdiff list --json` (its latest version and last check)."""
    keys = ("name", "url", "latest_version", "language", "last_check_at", "last_outcome")
    out = {k: row.get(k) for k in keys}
    out["enabled"] = row.get("enabled", True)  # false: paused in the config (`enabled = false`)
    return out


def version_row_dict(row: dict[str, Any]) -> dict[str, Any]:
    """One version of `tosdiff history --json` (a store version row, without its text)."""
    return {
        "version": row["version"],
        "recorded_at": row["recorded_at"],
        "hash": row["text_hash"],
        "kind": row["kind"],
        "reverted_to": row["reverted_to"],
        "technical": bool(row["technical"]),
    }


def timeline_event_dict(event: dict[str, Any]) -> dict[str, Any]:
    """One entry of a clause's history (`tosdiff log --json`), its page strings (ids, title) cleaned."""
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in event.items()}
