"""Pure renderers of a section diff: rich (inline or side by side), unified text, JSON-ready dicts, HTML.

Everything taken from a document is untrusted: rich output is built from ``rich.text.Text`` objects
(never markup strings), with ANSI escapes and control characters stripped; unified text is stripped
the same way (it may be piped to a terminal); HTML is ``html.escape``d.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tosdiff.models import ADDED, MODIFIED, MOVED, REMOVED, RENUMBERED, Hunk, SectionChange

__all__ = [
    "sanitize_terminal",
    "change_heading",
    "to_rich",
    "to_side_by_side",
    "to_unified",
    "to_json",
    "to_html",
]

# ESC-based sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte escapes) and their 8-bit C1 forms.
_ANSI = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC ... BEL or ST (hyperlinks, titles)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS / SOS / PM / APC ... ST
  | \x1b[ -/]*[0-~]                     # other escape sequences (charset selection, RIS, ...)
  | \x9b[0-?]*[ -/]*[@-~]               # 8-bit CSI
  | \x9d[^\x07\x9c]*[\x07\x9c]?         # 8-bit OSC
    """,
    re.VERBOSE,
)
# C0 and C1 controls except \t and \n; DEL; bidirectional overrides/isolates that can disguise text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_KIND_STYLE = {
    ADDED: "bold green",
    REMOVED: "bold red",
    MODIFIED: "bold yellow",
    RENUMBERED: "bold cyan",
    MOVED: "bold magenta",
}
_DEL_STYLE = "red strike"
_INS_STYLE = "green"


def sanitize_terminal(s: str) -> str:
    """Remove ANSI escape sequences and C0/C1 control characters (keeping \\n and \\t) from untrusted text."""
    if not s:
        return s
    s = s.replace("\r\n", "\n")
    return _CONTROL.sub("", _ANSI.sub("", s))


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
    return sanitize_terminal(" ".join(parts)).replace("\n", " ") + f" — {kind}"


def _trim_equal(text: str, context: int | None, first: bool, last: bool) -> str:
    """Shorten an unchanged run to `context` words next to the changes around it."""
    if context is None:
        return text
    words = text.split(" ")
    if len(words) <= 2 * context + 1:
        return text
    if first:
        return "… " + " ".join(words[-context:])
    if last:
        return " ".join(words[:context]) + " …"
    return " ".join(words[:context]) + " … " + " ".join(words[-context:])


def _hunks_for(c: SectionChange) -> tuple[Hunk, ...]:
    if c.hunks:
        return c.hunks
    if c.kind == ADDED and c.new_text:
        return (Hunk("insert", "", c.new_text),)
    if c.kind == REMOVED and c.old_text:
        return (Hunk("delete", c.old_text, ""),)
    return ()


def _inline_text(c: SectionChange, context: int | None) -> Text:
    hunks = _hunks_for(c)
    out = Text()
    for k, h in enumerate(hunks):
        if h.op == "equal":
            out.append(sanitize_terminal(_trim_equal(h.old, context, k == 0, k == len(hunks) - 1)))
        if h.op in ("delete", "replace"):
            out.append(sanitize_terminal(h.old), style=_DEL_STYLE)
        if h.op in ("insert", "replace"):
            out.append(sanitize_terminal(h.new), style=_INS_STYLE)
    return out


def to_rich(
    changes: Sequence[SectionChange], header: str | None = None, context: int | None = 30
) -> RenderableType:
    """Coloured word-level diff, one block per section: deleted words red struck through, inserted green.

    ``context`` limits unchanged text shown around changes to that many words (None: show all).
    """
    parts: list[RenderableType] = []
    if header:
        parts.append(Text(sanitize_terminal(header), style="bold"))
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
        for h in _hunks_for(c):
            if h.op == "equal":
                old.append(sanitize_terminal(h.old))
                new.append(sanitize_terminal(h.new))
            if h.op in ("delete", "replace"):
                old.append(sanitize_terminal(h.old), style=_DEL_STYLE)
            if h.op in ("insert", "replace"):
                new.append(sanitize_terminal(h.new), style=_INS_STYLE)
        if old.plain or new.plain:
            table.add_row(old, new)
    return table


def to_unified(changes: Sequence[SectionChange], old_label: str = "old", new_label: str = "new") -> str:
    """Plain unified diff, one block per section, stable and free of terminal escapes (for pipes)."""
    out: list[str] = []
    old_label, new_label = sanitize_terminal(old_label), sanitize_terminal(new_label)
    for c in changes:
        old_id = sanitize_terminal(c.old_id or "(none)")
        new_id = sanitize_terminal(c.new_id or "(none)")
        out.append(f"--- {old_label} {old_id}")
        out.append(f"+++ {new_label} {new_id}")
        out.append(f"@@ {change_heading(c)} @@")
        old_lines = sanitize_terminal(c.old_text).splitlines() if c.kind != ADDED else []
        new_lines = sanitize_terminal(c.new_text).splitlines() if c.kind != REMOVED else []
        if old_lines == new_lines:
            continue
        diff = list(difflib.unified_diff(old_lines, new_lines, lineterm="", n=1))
        out.extend(line for line in diff[2:] if not line.startswith("@@"))  # our own header replaces theirs
    return "\n".join(out) + ("\n" if out else "")


def to_json(changes: Sequence[SectionChange]) -> list[dict]:
    """JSON-ready dicts: kind, id, old_id, new_id, title, old_title, similarity, texts and hunks."""
    return [
        {
            "kind": c.kind,
            "id": c.id,
            "old_id": c.old_id,
            "new_id": c.new_id,
            "title": c.title,
            "old_title": c.old_title,
            "content_changed": c.content_changed,
            "similarity": round(c.similarity, 4),
            "old_text": c.old_text,
            "new_text": c.new_text,
            "hunks": [{"op": h.op, "old": h.old, "new": h.new} for h in c.hunks],
        }
        for c in changes
    ]


def to_html(changes: Sequence[SectionChange], context: int | None = None) -> str:
    """HTML fragment: one <section> per change, every document string escaped, <del>/<ins> for words."""
    esc = html.escape
    out: list[str] = ['<div class="tosdiff-diff">']
    for c in changes:
        kind = re.sub(r"[^a-z-]", "", c.kind)
        out.append(f'<section class="tosdiff-change tosdiff-{kind}" data-section="{esc(c.id, quote=True)}">')
        out.append(f"<h3>{esc(change_heading(c))}</h3>")
        body: list[str] = []
        hunks = _hunks_for(c)
        for k, h in enumerate(hunks):
            if h.op == "equal":
                body.append(esc(_trim_equal(h.old, context, k == 0, k == len(hunks) - 1)))
            if h.op in ("delete", "replace"):
                body.append(f"<del>{esc(h.old)}</del>")
            if h.op in ("insert", "replace"):
                body.append(f"<ins>{esc(h.new)}</ins>")
        if body:
            out.append('<p class="tosdiff-text">' + "".join(body).replace("\n", "<br>\n") + "</p>")
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out) + "\n"
