"""Pure renderers of a section diff: rich (inline or side by side), unified text, JSON-ready dicts, HTML.

Everything taken from a document is untrusted: rich output is built from ``rich.text.Text`` objects
(never markup strings) cleaned by `tosdiff.sanitize.clean_text`; unified text is cleaned the same way
(it may be piped to a terminal); HTML comes from `tosdiff.htmlview`, which cleans and ``html.escape``s everything
(`tosdiff.sanitize.escape_html`); JSON carries cleaned text (`tosdiff.serialize`).
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from tosdiff.htmlview import change_hunks, hunk_runs, runs_html
from tosdiff.models import (
    ADDED,
    BETTER,
    MODIFIED,
    MOVED,
    REMOVED,
    RENUMBERED,
    SEVERITIES,
    WORSE,
    Flag,
    SectionChange,
    severity_rank,
)
from tosdiff.render import Clipped
from tosdiff.sanitize import clean_text, escape_html, one_line, safe_text
from tosdiff.serialize import change_dict

__all__ = [
    "change_heading",
    "colour_off",
    "WordDiff",
    "to_rich",
    "to_side_by_side",
    "to_unified",
    "to_json",
    "to_html",
    "flag_change_words",
    "flags_view",
    "flags_text",
    "diff_view",
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
# Without colour, deleted and inserted words would run together ("1 February12 March"): they are
# marked the way `git diff --word-diff` does.
DEL_MARKS = ("[-", "-]")
INS_MARKS = ("{+", "+}")


def colour_off(console: Console) -> bool:
    """True when `console` shows no colour: not a terminal, NO_COLOR set, or TERM=dumb."""
    return console.color_system is None or console.no_color


class WordDiff:
    """Word-diff runs that render coloured on a colour console and as [-old-]{+new+} on any other.

    Decided when printed, not when built, so every console that prints it (a pipe, NO_COLOR, a
    dumb terminal, a test's fixed-width console) gets the form it can show.
    """

    def __init__(self, runs: Sequence[tuple[str, str]]) -> None:
        self.runs = [(op, clean_text(text)) for op, text in runs if text]

    @property
    def plain(self) -> str:
        """The text without marks or styles (to tell an empty body)."""
        return "".join(text for _, text in self.runs)

    def text(self, marks: bool) -> Text:
        """The runs as one Text: styled, and with [-…-]/{+…+} around changed words when `marks`."""
        out = Text()
        for op, text in self.runs:
            if op == "delete":
                out.append(f"{DEL_MARKS[0]}{text}{DEL_MARKS[1]}" if marks else text, style=_DEL_STYLE)
            elif op == "insert":
                out.append(f"{INS_MARKS[0]}{text}{INS_MARKS[1]}" if marks else text, style=_INS_STYLE)
            else:
                out.append(text)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text(colour_off(console))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text(colour_off(console)))


class _Indented:
    """A WordDiff wrapped two spaces in, each line ending at its last word (rich's Padding fills every
    line with spaces to the full width, which piped output kept as trailing blanks)."""

    def __init__(self, body: WordDiff, indent: int = 2) -> None:
        self.body = body
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.body.text(colour_off(console))
        for line in text.wrap(console, max(1, options.max_width - self.indent)):
            line.rstrip()
            yield Segment(" " * self.indent)
            yield from line.render(console)
            yield Segment.line()


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


def _inline_text(c: SectionChange, context: int | None) -> WordDiff:
    return WordDiff(hunk_runs(change_hunks(c), context))


def to_rich(
    changes: Sequence[SectionChange], header: str | None = None, context: int | None = 30
) -> RenderableType:
    """Word-level diff, one block per section: deleted words red struck through, inserted green.

    Printed without colour (a pipe, NO_COLOR, TERM=dumb) words are marked ``[-old-]{+new+}`` instead.

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
            parts.append(_Indented(body))
        parts.append(Text(""))
    return Group(*parts)


def to_side_by_side(changes: Sequence[SectionChange], width: int | None = None) -> RenderableType:
    """Two-column table (old | new) per changed section, deleted words red and inserted green.

    Without colour, deleted words are marked ``[-old-]`` in the old column and inserted ``{+new+}`` in the new.
    """
    table = Table(show_header=True, header_style="bold", expand=True, width=width, show_lines=True)
    table.add_column("old", ratio=1, overflow="fold")
    table.add_column("new", ratio=1, overflow="fold")
    for c in changes:
        table.add_row(Text(change_heading(c), style=_KIND_STYLE.get(c.kind, "bold")), Text(""))
        runs = hunk_runs(change_hunks(c))
        old = WordDiff([(op, t) for op, t in runs if op != "insert"])
        new = WordDiff([(op, t) for op, t in runs if op != "delete"])
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
        if c.kind not in (ADDED, REMOVED) and c.old_title != c.title:
            # A reworded heading is a changed line of its own (also when the text did not change).
            old_lines.insert(0, clean_text(c.old_title))
            new_lines.insert(0, clean_text(c.title))
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


# ---------------------------------------------------------------------------------------------
# The flags of the changed sections, shown under the diff (rich and plain text).

SEVERITY_STYLE = dict(zip(SEVERITIES, ("dim", "cyan", "yellow", "bold red"), strict=True))
_DIRECTION_STYLE = {WORSE: "bold red", BETTER: "bold green"}
_DIRECTION_WORDS = {WORSE: "worse for users", BETTER: "better for users"}
FLAGS_TITLE = "⚑ flags in the changed sections"
FLAG_EXCERPT = 400  # characters of a flag's excerpt kept, then cut to two lines at the width shown


def _ranked(flags: Sequence[Flag]) -> list[Flag]:
    """Worst first (a severity the ranking does not know comes last), then by section."""
    return sorted(flags, key=lambda f: (-severity_rank(f.severity, unknown=-1), f.section))


def flag_change_words(f: Flag) -> list[str]:
    """How a flag changed, in words: ["introduced", "worse for users"]; [] for a flag of a version."""
    words = [clean_text(f.change)] if f.change else []
    if f.direction in _DIRECTION_WORDS:
        words.append(_DIRECTION_WORDS[f.direction])
    if f.polarity == "protective":
        words.append("protective clause")
    return words


def flags_view(flags: Sequence[Flag]) -> RenderableType:
    """The flags of a diff as a two-column table: the flag's facts stacked, then what it means.

    Five columns side by side left "what it means" a dozen characters at 80 columns; stacked, the
    facts take about twenty and the explanation and a two-line excerpt get the rest.
    """
    if not flags:
        return Text("No flagged clause in the changed sections.", style="dim")
    # The title is its own line: as a table title rich pads it with blanks to the full width.
    table = Table(show_lines=True, expand=True)
    table.add_column("flag", no_wrap=True)
    table.add_column("what it means", ratio=1)
    for f in _ranked(flags):
        facts = Text.assemble(
            (clean_text(f.severity), SEVERITY_STYLE.get(f.severity, "")),
            " ",
            (clean_text(f.category), "bold"),
            "\n§ ",
            one_line(f.section, 24),
        )
        for word in flag_change_words(f):
            style = next((_DIRECTION_STYLE[d] for d, w in _DIRECTION_WORDS.items() if w == word), "")
            facts.append("\n")
            facts.append(word, style=style)
        meaning: list[RenderableType] = [safe_text(f.explanation)]
        if f.excerpt:
            # The diff above shows the whole clause; a line or two of it is enough to place it.
            meaning.append(Clipped(safe_text(f"“{one_line(f.excerpt, FLAG_EXCERPT)}”", "italic dim"), 2))
        table.add_row(facts, Group(*meaning))
    return Group(Text(FLAGS_TITLE, style="bold"), table)


def flags_text(flags: Sequence[Flag], width: int = 80) -> str:
    """The flags of a diff as plain text within `width` columns, free of terminal escapes (for pipes)."""
    if not flags:
        return ""
    width = max(40, width)
    out = ["", FLAGS_TITLE]
    wrap = textwrap.TextWrapper(width, break_on_hyphens=False, break_long_words=True)
    body = textwrap.TextWrapper(
        width, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False, break_long_words=True
    )
    for f in _ranked(flags):
        how = ", ".join(flag_change_words(f))
        head = f"[{clean_text(f.severity).upper()}] {clean_text(f.category)} in {one_line(f.section, 40)}"
        wrap.subsequent_indent = "    "
        out.extend(wrap.wrap(head + (f": {how}" if how else "")))
        out.extend(body.wrap(clean_text(f.explanation)))
        if f.excerpt:
            lines = body.wrap(f"“{one_line(f.excerpt, FLAG_EXCERPT)}”")
            if len(lines) > 2:
                # Cut at a word, leaving room for the ellipsis within the width.
                last = lines[1] if len(lines[1]) < width else lines[1][: width - 1].rsplit(" ", 1)[0]
                lines = [lines[0], last.rstrip() + "…"]
            out.extend(lines)
    return "\n".join(out) + "\n"


def diff_view(changes: Sequence[SectionChange], flags: Sequence[Flag], header: str) -> RenderableType:
    """What `tosdiff diff` prints in rich form: the header, the section diff, then the flags of the changes."""
    parts: list[RenderableType] = [safe_text(header, "bold"), to_rich(changes)]
    if changes:
        parts.append(flags_view(flags))
    return Group(*parts)
