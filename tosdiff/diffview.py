"""Pure renderers of a section diff: rich (inline or side by side), unified text, JSON-ready dicts, HTML.

Everything taken from a document is untrusted: rich output is built from ``rich.text.Text`` objects
(never markup strings) cleaned by `tosdiff.sanitize.clean_text`; unified text is cleaned the same way
(it may be piped to a terminal); HTML comes from `tosdiff.htmlview`, which cleans and ``html.escape``s everything
(`tosdiff.sanitize.escape_html`); JSON carries cleaned text (`tosdiff.serialize`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tosdiff.htmlview import change_hunks, hunk_runs, runs_html, trim_equal
from tosdiff.models import ADDED, MODIFIED, MOVED, REMOVED, RENUMBERED, SectionChange
from tosdiff.sanitize import clean_text, escape_html
from tosdiff.serialize import change_dict

__all__ = [
    "change_heading",
    "to_rich",
    "to_side_by_side",
    "to_unified",
    "to_json",
    "to_html",
]

_KIND_STYLE = {
    ADDED: "bold green",
    REMOVED: "bold red",
    MODIFIED: "bold yellow",
    RENUMBERED: "bold cyan",
    MOVED: "bold magenta",
}
_DEL_STYLE = "red strike"
_INS_STYLE = "green"


def change_heading(c: SectionChange) -> str:
    """Plain heading of one change: "10.4 Customer Content — modified" (renumbered: "8.8 → 8.7 ...")."""
    ident = c.id
    if c.old_id and c.new_id and c.old_id != c.new_id:
        ident = f"{c.old_id} → {c.new_id}"
    title = c.title
    if c.old_title and c.title and c.old_title != c.title:
        title = f"{c.old_title} → {c.title}"
    kind = c.kind
    if c.kind in (MOVED, RENUMBERED) and c.content_changed:
        kind += ", text changed"
    if not title:
        # Untitled clauses (list items) are named by their first words so a reader knows which one.
        words = (c.new_text or c.old_text).split()
        if words:
            title = "“" + " ".join(words[:8]) + ("…" if len(words) > 8 else "") + "”"
    parts = [p for p in (ident, title) if p]
    return clean_text(" ".join(parts)).replace("\n", " ") + f" — {kind}"


def _inline_text(c: SectionChange, context: int | None) -> Text:
    hunks = change_hunks(c)
    out = Text()
    for k, h in enumerate(hunks):
        if h.op == "equal":
            out.append(clean_text(trim_equal(h.old, context, k == 0, k == len(hunks) - 1)))
        if h.op in ("delete", "replace"):
            out.append(clean_text(h.old), style=_DEL_STYLE)
        if h.op in ("insert", "replace"):
            out.append(clean_text(h.new), style=_INS_STYLE)
    return out


def to_rich(
    changes: Sequence[SectionChange], header: str | None = None, context: int | None = 30
) -> RenderableType:
    """Coloured word-level diff, one block per section: deleted words red struck through, inserted green.

    ``context`` limits unchanged text shown around changes to that many words (None: show all).
    """
    parts: list[RenderableType] = []
    if header:
        parts.append(Text(clean_text(header), style="bold"))
    if not changes:
        parts.append(Text("No section changed.", style="dim"))
    for c in changes:
        parts.append(Text(change_heading(c), style=_KIND_STYLE.get(c.kind, "bold")))
        body = _inline_text(c, context)
        if body.plain.strip():
            parts.append(Padding(body, (0, 0, 0, 2)))
        parts.append(Text(""))
    return Group(*parts)


def to_side_by_side(changes: Sequence[SectionChange], width: int | None = None) -> RenderableType:
    """Two-column table (old | new) per changed section, deleted words red and inserted green."""
    table = Table(show_header=True, header_style="bold", expand=True, width=width, show_lines=True)
    table.add_column("old", ratio=1, overflow="fold")
    table.add_column("new", ratio=1, overflow="fold")
    for c in changes:
        table.add_row(Text(change_heading(c), style=_KIND_STYLE.get(c.kind, "bold")), Text(""))
        old, new = Text(), Text()
        for h in change_hunks(c):
            if h.op == "equal":
                old.append(clean_text(h.old))
                new.append(clean_text(h.new))
            if h.op in ("delete", "replace"):
                old.append(clean_text(h.old), style=_DEL_STYLE)
            if h.op in ("insert", "replace"):
                new.append(clean_text(h.new), style=_INS_STYLE)
        if old.plain or new.plain:
            table.add_row(old, new)
    return table


def to_unified(changes: Sequence[SectionChange], old_label: str = "old", new_label: str = "new") -> str:
    """Plain unified diff, one block per section, stable and free of terminal escapes (for pipes)."""
    out: list[str] = []
    old_label, new_label = clean_text(old_label), clean_text(new_label)
    for c in changes:
        old_id = clean_text(c.old_id or "(none)")
        new_id = clean_text(c.new_id or "(none)")
        out.append(f"--- {old_label} {old_id}")
        out.append(f"+++ {new_label} {new_id}")
        out.append(f"@@ {change_heading(c)} @@")
        old_lines = clean_text(c.old_text).splitlines() if c.kind != ADDED else []
        new_lines = clean_text(c.new_text).splitlines() if c.kind != REMOVED else []
        if old_lines == new_lines:
            continue
        diff = list(difflib.unified_diff(old_lines, new_lines, lineterm="", n=1))
        out.extend(line for line in diff[2:] if not line.startswith("@@"))  # our own header replaces theirs
    return "\n".join(out) + ("\n" if out else "")


def to_json(changes: Sequence[SectionChange]) -> list[dict]:
    """JSON-ready dicts: kind, id, old_id, new_id, title, old_title, similarity, texts and hunks."""
    return [change_dict(c) for c in changes]


def to_html(changes: Sequence[SectionChange], context: int | None = None) -> str:
    """HTML fragment: one <section> per change, every document string escaped, <del>/<ins> for words."""
    esc = escape_html
    out: list[str] = ['<div class="tosdiff-diff">']
    for c in changes:
        kind = re.sub(r"[^a-z-]", "", c.kind)
        out.append(f'<section class="tosdiff-change tosdiff-{kind}" data-section="{esc(c.id, quote=True)}">')
        out.append(f"<h3>{esc(change_heading(c))}</h3>")
        runs = hunk_runs(change_hunks(c), context)
        if runs:
            out.append('<p class="tosdiff-text">' + runs_html(runs) + "</p>")
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out) + "\n"
