"""Pure views of reports for the terminal: rich tables, no I/O (JSON shapes live in `tosdiff.serialize`).

Everything that came from a fetched page is untrusted: it only ever enters rich as ``Text`` built
from sanitised strings, never as markup, so ``[bold red]`` or ANSI escapes print literally.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table
from rich.text import Text

from tosdiff.models import CHANGED, ERROR, NEW, REVERTED, UNCHANGED, CheckResult, RunReport
from tosdiff.sanitize import clean_text, safe_text

STATUS_STYLE = {
    NEW: "cyan",
    CHANGED: "bold yellow",
    REVERTED: "magenta",
    UNCHANGED: "green",
    ERROR: "bold red",
}


def short_time(iso: str | None) -> str:
    """'2026-11-28T21:14:27.694930Z' -> '2026-11-28 21:14:27Z' for tables ('-' when absent)."""
    if not iso:
        return "-"
    text = iso.replace("T", " ")
    if "." in text:
        text = text.split(".", 1)[0] + ("Z" if text.endswith("Z") else "")
    return text.replace("+00:00", "Z")


def check_table(report: RunReport) -> Table:
    """A short summary of one run: a row per document."""
    table = Table(title="tosdiff check", title_justify="left", expand=False)
    table.add_column("document", no_wrap=True)
    table.add_column("status")
    table.add_column("version", justify="right")
    table.add_column("what changed")
    for r in report.results:
        status = Text(r.status, style=STATUS_STYLE.get(r.status, ""))
        if r.error_class and r.status == ERROR:
            status.append(f" ({r.error_class})", style="red")
        version = (
            ""
            if r.version is None
            else (
                f"{r.previous_version} → {r.version}"
                if r.previous_version and r.version != r.previous_version
                else str(r.version)
            )
        )
        table.add_row(safe_text(r.name), status, version, _what(r))
    return table


def _what(r: CheckResult) -> Text:
    if r.status == ERROR:
        return safe_text(r.error or "", "red")
    if r.status == REVERTED:
        return Text("returned to the text of an earlier version (flapping page?)")
    if not r.changes:
        return Text("first version recorded" if r.status == NEW else "")
    out = Text()
    # Pure renumbering is noise next to a real edit: name the edits, count the renumbered.
    edits = [c for c in r.changes if c.kind != "renumbered" or c.content_changed]
    renumbered = len(r.changes) - len(edits)
    for i, c in enumerate(edits[:6]):
        if i:
            out.append(", ")
        out.append(clean_text(c.id) or "(preamble)", style="bold")
        out.append(f" {c.kind}")
    if len(edits) > 6:
        out.append(f", +{len(edits) - 6} more")
    if renumbered:
        out.append(("; " if edits else "") + f"{renumbered} renumbered", style="dim")
    cats = sorted({f.category for f in r.flags})
    if cats:
        out.append("  ⚑ " + ", ".join(cats), style="bold red")
    return out


def documents_table(rows: Iterable[dict[str, Any]]) -> Table:
    """`tosdiff list`: configured documents with their latest version and last check."""
    table = Table(title="documents", title_justify="left")
    for col in ("name", "url", "version", "last check", "outcome"):
        table.add_column(col, overflow="fold")
    for row in rows:
        outcome = row.get("last_outcome") or "never checked"
        table.add_row(
            safe_text(row["name"]),
            safe_text(row["url"]),
            str(row.get("latest_version") or "-"),
            short_time(row.get("last_check_at")),
            Text(outcome, style=STATUS_STYLE.get(outcome, "dim")),
        )
    return table


def history_table(name: str, rows: Iterable[dict[str, Any]]) -> Table:
    """`tosdiff history`: versions oldest first."""
    table = Table(title=f"history of {clean_text(name)}", title_justify="left")
    for col in ("version", "recorded at", "kind", "hash", "what changed"):
        table.add_column(col, overflow="fold")
    for row in rows:
        kind = row["kind"] + (f" to v{row['reverted_to']}" if row.get("reverted_to") else "")
        if row.get("technical"):
            kind += " (technical)"
        table.add_row(
            str(row["version"]),
            short_time(row["recorded_at"]),
            Text(kind, style=STATUS_STYLE.get(row["kind"], "")),
            row["text_hash"][:12],
            safe_text(row.get("summary") or ""),
        )
    return table
