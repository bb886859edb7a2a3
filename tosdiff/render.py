"""Pure views of reports for the terminal: rich tables, no I/O (JSON shapes live in `tosdiff.serialize`).

Everything that came from a fetched page is untrusted: it only ever enters rich as ``Text`` built
from sanitised strings, never as markup, so ``[bold red]`` or ANSI escapes print literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from tosdiff.models import (
    BETTER,
    CHANGED,
    ERROR,
    LINKS,
    NEW,
    REVERTED,
    UNCHANGED,
    CheckResult,
    Flag,
    RunReport,
    Section,
)
from tosdiff.redact import redact_url
from tosdiff.sanitize import clean_text, one_line, plural, safe_text

STATUS_STYLE = {
    NEW: "cyan",
    CHANGED: "bold yellow",
    REVERTED: "magenta",
    LINKS: "cyan",
    UNCHANGED: "green",
    ERROR: "bold red",
}


# How list and status show a document whose config says `enabled = false`.
PAUSED = "paused"

# Ids and names are what a reader looks things up by: a table never cuts one shorter than this.
NAME_WIDTH = 28


class Clipped:
    """Text shown on at most `lines` lines at whatever width it gets, the last one ending in "…".

    Excerpts and error messages are there to place a row, not to be read in full: at 80 columns a
    240-character excerpt folded to a dozen lines made one table fill the screen.
    """

    def __init__(self, text: Text, lines: int = 2) -> None:
        self.text = text
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        wrapped = self.text.wrap(console, width, overflow="fold")
        if len(wrapped) > self.lines:
            wrapped = wrapped[: self.lines]
            last = wrapped[-1]
            last.rstrip()
            last.truncate(width - 1)
            last.append("…")
        for i, line in enumerate(wrapped):
            yield from line.render(console)
            if i < len(wrapped) - 1:
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


# Above this many rows a list or status table is drawn by `RowsTable`: rich's Table measured and laid
# out each of 60,000 cells of a 10,000-document `list` in ~4 s of CPU (issue 17).
BIG_TABLE_ROWS = 300


@dataclass(frozen=True)
class Column:
    """A column of a `RowsTable`: the few options of rich's add_column that list and status use."""

    header: str
    min_width: int = 0
    max_width: int | None = None
    no_wrap: bool = False  # cut with an ellipsis instead of wrapped
    justify: str = "left"
    overflow: str = "ellipsis"  # "fold": a word longer than the column (a URL) is folded, never cut
    ratio: int | None = None


class RowsTable:
    """A big table drawn in one pass: column widths from the cells' lengths, each row wrapped on its own.

    It looks like rich's default table (same box characters, bold headers, italic title) but skips
    the measuring and padding rich does cell by cell, so it is linear and cheap in the number of rows.
    """

    def __init__(self, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> None:
        self.title = title
        self.columns = list(columns)
        self.rows = [[c if isinstance(c, (Text, Clipped)) else Text(str(c)) for c in r] for r in rows]

    @property
    def row_count(self) -> int:
        """Rows in the table (as rich's Table says it)."""
        return len(self.rows)

    def widths(self, max_width: int) -> list[int]:
        """Each column's content width so the whole table fits `max_width` columns."""
        natural = []
        for i, col in enumerate(self.columns):
            longest = max((_cell_text(r[i]).cell_len for r in self.rows), default=0)
            w = max(len(col.header), longest, col.min_width, 1)
            natural.append(min(w, col.max_width) if col.max_width else w)
        room = max_width - 3 * len(self.columns) - 1  # "│ " before each cell, " " after, a last "│"
        widths = list(natural)
        # Shrink the widest wrappable column first, then any column, never below a readable minimum.
        for wrappable_only in (True, False):
            while sum(widths) > room:
                candidates = [
                    i
                    for i, col in enumerate(self.columns)
                    if (not col.no_wrap or not wrappable_only) and widths[i] > max(col.min_width, 4)
                ]
                if not candidates:
                    break
                widest = max(candidates, key=lambda i: widths[i])
                widths[widest] -= 1
        return widths

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        new_line = Segment.line()
        if self.title:
            yield Segment(self.title, console.get_style("table.title"))
            yield new_line

        def rule(left: str, fill: str, mid: str, right: str) -> Segment:
            return Segment(left + mid.join(fill * (w + 2) for w in widths) + right + "\n")

        yield rule("┏", "━", "┳", "┓")
        header = [[Text(c.header, style="bold")] for c in self.columns]
        yield from self._line(console, header, widths, "┃")
        yield rule("┡", "━", "╇", "┩")
        for row in self.rows:
            cells = [
                self._cell(console, cell, col, w)
                for cell, col, w in zip(row, self.columns, widths, strict=True)
            ]
            yield from self._line(console, cells, widths, "│")
        yield rule("└", "─", "┴", "┘")

    def _cell(self, console: Console, cell: Text | Clipped, col: Column, width: int) -> list[Text]:
        text = _cell_text(cell)
        if text.cell_len <= width and "\n" not in text.plain:
            return [text]
        if col.no_wrap:
            cut = text.copy()
            cut.truncate(width, overflow="ellipsis")
            return [cut]
        lines = _plain_wrap(text, width) or list(text.wrap(console, width, overflow=col.overflow))  # type: ignore[arg-type]
        limit = cell.lines if isinstance(cell, Clipped) else None
        if limit and len(lines) > limit:
            lines = lines[:limit]
            lines[-1].rstrip()
            lines[-1].truncate(width - 1)
            lines[-1].append("…")
        return lines

    def _line(self, console: Console, cells: list[list[Text]], widths: list[int], bar: str) -> RenderResult:
        for k in range(max(len(c) for c in cells)):
            for cell, col, w in zip(cells, self.columns, widths, strict=True):
                yield Segment(bar + " ")
                piece = cell[k] if k < len(cell) else Text("")
                pad = " " * max(0, w - piece.cell_len)
                if col.justify == "right":
                    yield Segment(pad)
                yield from piece.render(console)
                yield Segment((pad if col.justify != "right" else "") + " ")
            yield Segment(bar + "\n")

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(options.max_width, options.max_width)


def _plain_wrap(text: Text, width: int) -> list[Text] | None:
    """Greedy wrap at spaces of a one-style, one-line text whose words all fit; None otherwise (rich wraps it).

    The common case of a big table ("2026-11-28 21:14:27Z" in a 10-wide column), without rich's
    per-character work.
    """
    if text.spans or "\n" in text.plain:
        return None
    lines: list[str] = []
    for word in text.plain.split():
        if len(word) > width or not word.isascii():
            return None  # folding, or wide characters: rich measures those right
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [Text(line, style=text.style) for line in lines] or None


def _cell_text(cell: Text | Clipped) -> Text:
    return cell.text if isinstance(cell, Clipped) else cell


def _table(title: str, columns: Sequence[Column], rows: list[list[Any]]) -> Table | RowsTable:
    """rich's Table for a table of a screen or a few, `RowsTable` for thousands of rows."""
    if len(rows) > BIG_TABLE_ROWS:
        return RowsTable(title, columns, rows)
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(
            c.header,
            min_width=c.min_width or None,
            max_width=c.max_width,
            no_wrap=c.no_wrap,
            justify=c.justify,  # type: ignore[arg-type]
            overflow=c.overflow,  # type: ignore[arg-type]
            ratio=c.ratio,
        )
    for r in rows:
        table.add_row(*r)
    return table


def _name_width(names: Iterable[str]) -> int:
    """Width that shows every name whole, up to NAME_WIDTH (longer ones are cut with an ellipsis)."""
    return min(NAME_WIDTH, max((len(clean_text(n)) for n in names), default=4))


def short_time(iso: str | None) -> str:
    """'2026-11-28T21:14:27.694930Z' -> '2026-11-28 21:14:27Z' for tables ('-' when absent)."""
    if not iso:
        return "-"
    text = iso.replace("T", " ")
    if "." in text:
        text = text.split(".", 1)[0] + ("Z" if text.endswith("Z") else "")
    return text.replace("+00:00", "Z")


# A check's summary lists every document of a run of up to this many; a bigger run lists only the
# documents that did not stay unchanged, errors first, at most this many, and counts the rest: at 10,000
# documents a row each was 10,000 lines nobody reads, and the run had to keep every result to print them.
CHECK_TABLE_ROWS = 300

# Which rows a big run's summary keeps first: what needs a look (errors), then news, then first versions.
_ROW_RANK = {ERROR: 0, CHANGED: 1, REVERTED: 1, LINKS: 2, NEW: 3}


class CheckRows:
    """The rows a check's summary prints, chosen as results arrive: never more than `limit` kept.

    A run of up to `limit` documents keeps every result. A bigger one keeps the `limit` first (errors,
    then changes, links, new versions; config order within each) of those that did not stay unchanged;
    every other result only adds to the counts, so the run holds no more than `limit` results.
    """

    def __init__(self, total: int, limit: int = CHECK_TABLE_ROWS) -> None:
        self.limit = max(0, limit)
        self.every = total <= self.limit
        self.counts: dict[str, int] = {}
        self._heap: list[
            tuple[int, int, CheckResult]
        ] = []  # (-rank, -position, result): the worst kept on top

    def add(self, result: CheckResult, position: int) -> None:
        """One document's result; `position` is its place in the run (config order)."""
        import heapq

        self.counts[result.status] = self.counts.get(result.status, 0) + 1
        rank = 0 if self.every else _ROW_RANK.get(result.status)
        if rank is None or self.limit == 0:
            return
        item = (-rank, -position, result)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, item)
        elif item[:2] > self._heap[0][:2]:
            heapq.heapreplace(self._heap, item)

    def report(self) -> RunReport:
        """The kept results in config order, with the counts of the whole run."""
        kept = sorted(self._heap, key=lambda it: -it[1])
        return RunReport(tuple(r for _, _, r in kept), dict(self.counts))


def check_table(report: RunReport) -> Table:
    """A short summary of one run: a row per document (per document kept, with the rest counted below)."""
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
    counts = report.statuses()
    total = sum(counts.values())
    if total > len(report.results):
        order = sorted(counts, key=lambda s: (_ROW_RANK.get(s, 9), s))
        said = ", ".join(f"{counts[s]:,} {s}" for s in order)
        table.caption = Text(
            f"{total:,} documents checked: {said}. {total - len(report.results):,} not listed: past "
            f"{CHECK_TABLE_ROWS} documents a run lists only those that did not stay unchanged, errors first, "
            f"at most {CHECK_TABLE_ROWS}; `tosdiff status` and `tosdiff check --json` show every document"
        )
        table.caption_justify = "left"
    return table


def _what(r: CheckResult) -> Text:
    if r.status == ERROR:
        return safe_text(r.error or "", "red")
    if r.status == REVERTED:
        return Text("returned to the text of an earlier version (flapping page?)")
    if r.status == LINKS:
        return Text(f"same words, links point elsewhere ({len(r.changes)} section(s)); see `tosdiff diff`")
    if not r.changes:
        return Text("first version recorded" if r.status == NEW else "")
    out = Text()
    # Pure renumbering is noise next to a real edit: name the edits, count the renumbered.
    edits = [c for c in r.changes if c.kind != "renumbered" or c.content_changed]
    renumbered = len(r.changes) - len(edits)
    # A clause that only gave text to a split part (or took in a merged one) is named by that part.
    edits = [c for c in edits if c.kind != "modified" or c.content_changed or c.hunks]
    for i, c in enumerate(edits[:6]):
        if i:
            out.append(", ")
        out.append(clean_text(c.id) or "(preamble)", style="bold")
        out.append(f" {c.kind}")
    if len(edits) > 6:
        out.append(f", +{len(edits) - 6} more")
    if renumbered:
        # "9 renumbered" would read as clause 9: the count says what it counts.
        out.append(("; " if edits else "") + f"{plural(renumbered, 'section')} renumbered", style="dim")
    # Which way the flags cut: a dropped waiver must not read like a new one.
    # Only a change known to be for the better says so; one whose direction cannot be told is
    # listed with the flags, like the alerts do (the JSON and the webhook say `direction: null`).
    cats = sorted({f.category for f in r.flags if f.against_users})
    better = sorted({f.category for f in r.flags if f.direction == BETTER} - set(cats))
    if cats:
        out.append("  ⚑ " + ", ".join(cats), style="bold red")
    if better:
        out.append("  better for users: " + ", ".join(better), style="green")
    return out


def documents_table(rows: Iterable[dict[str, Any]]) -> Table | RowsTable:
    """`tosdiff list`: configured documents with their latest version and last check."""
    rows = list(rows)
    columns = [
        Column("name", no_wrap=True, min_width=_name_width(r["name"] for r in rows)),
        Column("url", overflow="fold"),  # a URL is read whole: folded, never cut
        Column("version", no_wrap=True, justify="right"),
        Column("lang", no_wrap=True),  # the latest version's language ("fr"), or the config's
        Column("last check", min_width=10, max_width=10),
        Column("outcome", no_wrap=True),
    ]
    cells = []
    for row in rows:
        outcome = row.get("last_outcome") or "never checked"
        cell = Text(outcome, style=STATUS_STYLE.get(outcome, "dim"))
        if not row.get("enabled", True):
            cell = Text(PAUSED, "bold")  # `enabled = false`: check and the daemon skip it
        cells.append(
            [
                safe_text(row["name"]),
                safe_text(row["url"]),
                str(row.get("latest_version") or "-"),
                safe_text(row.get("language") or "-"),
                short_time(row.get("last_check_at")),
                cell,
            ]
        )
    return _table("documents", columns, cells)


def history_table(name: str, rows: Iterable[dict[str, Any]]) -> Table:
    """`tosdiff history`: versions oldest first."""
    table = Table(title=f"history of {clean_text(name)}", title_justify="left")
    table.add_column("version", no_wrap=True, justify="right")
    table.add_column("recorded at", min_width=10, max_width=10)
    table.add_column("kind", min_width=7)
    table.add_column("hash", no_wrap=True)
    table.add_column("what changed", ratio=1)
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


# --- command views: the tables of the read commands and the daemon's status -----------------------


def status_table(rows: Iterable[dict[str, Any]]) -> Table | RowsTable:
    """`tosdiff status`: last check, outcome (with failures in a row), version and next run per document."""
    rows = list(rows)
    columns = [
        Column("document", no_wrap=True, min_width=_name_width(r["name"] for r in rows)),
        Column("last check", min_width=10, max_width=10),
        Column("outcome", ratio=1, min_width=10),
        Column("version", no_wrap=True, justify="right"),
        Column("next run", min_width=10, max_width=10),
    ]
    cells = []
    for r in rows:
        outcome = r["outcome"] or "never checked"
        cell = Text(outcome, style=STATUS_STYLE.get(outcome, "dim"))
        if not r.get("enabled", True):
            # Paused first: the last outcome is history, no run is planned (next run "-").
            cell = Text.assemble((PAUSED, "bold"), (f" (last: {outcome})", "dim"))
        if r["consecutive_failures"]:
            # In the outcome, not a column of its own: six columns did not fit 80 characters.
            cell.append(f" ({r['consecutive_failures']} in a row)", style=STATUS_STYLE.get(outcome, ""))
        if r["error"]:
            # The whole error is in `status --json` and the log; a few lines tell what kind it is.
            cell.append(": ").append(safe_text(one_line(r["error"], 300)))
        cells.append(
            [
                safe_text(r["name"]),
                short_time(r["last_check"]),
                Clipped(cell, 3),
                str(r["latest_version"] or "-"),
                short_time(r["next_run"]),
            ]
        )
    return _table("status", columns, cells)


def sections_tree(
    name: str,
    version: int,
    sections: Sequence[Section],
    language: str = "",
    languages: dict[str, str] | None = None,
) -> Tree:
    """`tosdiff sections`: the clause tree of a version with word counts, and its language (a section in
    another language than the document's says which)."""
    head = f"{name} v{version} ({len(sections)} sections" + (f", language {language})" if language else ")")
    tree = Tree(safe_text(head, "bold"))
    nodes: dict[str, Tree] = {}
    for sec in sections:
        label = safe_text(sec.id, "bold")
        if sec.title and sec.title != sec.id:
            label.append("  ").append(safe_text(sec.title))
        label.append(f"  ({len(sec.text.split())} words)", style="dim")
        own = (languages or {}).get(sec.id, language)
        if own != language:
            label.append(f"  [{own}]", style="yellow")
        parent = nodes.get(sec.parent or "", tree)
        nodes[sec.id] = parent.add(label)
    return tree


def clause_log(events: Iterable[dict[str, Any]], recorded: dict[int, str]) -> list[Text]:
    """`tosdiff log`: what happened to one clause, a line per event and its changed words."""
    lines: list[Text] = []
    for ev in events:
        if ev["kind"] in ("unchanged", "absent"):
            continue  # the log lists what happened to the clause, not every version it sat still
        line = Text(f"v{ev['version']}  {recorded.get(ev['version'], '')}  ")
        line.append(ev["kind"], style="bold")
        ids = ev.get("old_id"), ev.get("new_id")
        if ids[0] and ids[1] and ids[0] != ids[1]:
            line.append(safe_text(f"  {ids[0]} → {ids[1]}"))
        else:
            line.append(safe_text(f"  {ev.get('id') or ids[1] or ids[0] or ''}"))
        if ev.get("title"):
            line.append(safe_text(f"  {ev['title']}", "dim"))
        lines.append(line)
        for h in ev.get("hunks") or []:
            if h["op"] in ("delete", "replace") and h["old"].strip():
                lines.append(safe_text("    - " + h["old"].strip()[:300], "red"))
            if h["op"] in ("insert", "replace") and h["new"].strip():
                lines.append(safe_text("    + " + h["new"].strip()[:300], "green"))
    return lines


def flags_table(name: str, version: int, flags: Iterable[Flag]) -> Table:
    """`tosdiff flags NAME`: the flagged clauses of one version."""
    flags = list(flags)
    table = Table(title=f"flags in {clean_text(name)} v{version}", title_justify="left")
    table.add_column("section", no_wrap=True, min_width=_name_width(f.section for f in flags))
    table.add_column("category", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("excerpt", ratio=1, min_width=20)
    for f in flags:
        category = safe_text(f.category)
        if f.polarity != "permissive":
            # Most flags grant the provider power; the few that limit it say so under their category.
            category.append(f"\n{clean_text(f.polarity)}", style="dim")
        table.add_row(
            safe_text(f.section), category, f.severity, Clipped(safe_text(one_line(f.excerpt, 400)))
        )
    return table


def flag_categories_table(summary: dict[str, dict[str, str]], versions: dict[str, int]) -> Table:
    """`tosdiff flags --all`: which categories each document's latest version carries, and which way.

    `summary` maps a document to {category: polarity}; a category whose clauses grant the provider
    power is "against users", one whose clauses limit it (an opt-out, "we do not sell") "for users",
    and one with both kinds of clause is in both columns.
    """
    table = Table(title="flag categories in the latest version of each document", title_justify="left")
    table.add_column("document", no_wrap=True, min_width=_name_width(summary))
    table.add_column("version", justify="right")
    table.add_column("against users")
    table.add_column("for users (protective)")
    for n, ways in summary.items():
        against = [c + (" (neutral)" if p == "neutral" else "") for c, p in ways.items() if p != "protective"]
        protects = [c for c, p in ways.items() if p in ("protective", "mixed")]
        table.add_row(
            safe_text(n),
            str(versions[n]),
            Text(", ".join(against) or "-", style="red" if against else "dim"),
            Text(", ".join(protects) or "-", style="green" if protects else "dim"),
        )
    return table


def preview_view(p: Any, entry: dict[str, Any]) -> RenderableType:
    """`tosdiff add`: what the page gives (selector, sections) before it is added."""
    how = "none (the whole page)"
    if p.select:
        how = p.select + (" (proposed: the block of the page that reads like terms)" if p.proposed else "")
    # One line per section, at any width: the id whole (up to NAME_WIDTH), title and first words cut.
    table = Table(title=f"{plural(len(p.sections), 'section')} found", title_justify="left", expand=True)
    table.add_column("id", no_wrap=True, min_width=_name_width(s.id for s in p.sections[:60]))
    table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1)
    table.add_column("text", no_wrap=True, overflow="ellipsis", ratio=1)
    for s in p.sections[:60]:
        words = " ".join(s.text.split()[:12])
        table.add_row(safe_text(s.id), safe_text(s.title), safe_text(words))
    if len(p.sections) > 60:
        table.add_row("…", f"and {len(p.sections) - 60} more", "")
    head = Text.assemble(
        ("name: ", "bold"),
        clean_text(str(entry["name"])),
        "\n",
        ("url: ", "bold"),
        clean_text(redact_url(p.url)),
        "\n",
        ("title: ", "bold"),
        one_line(entry.get("title") or "-", 120),
        "\n",
        ("service: ", "bold"),
        one_line(entry.get("service") or "-", 120),
        "\n",
        ("selector: ", "bold"),
        clean_text(how),
        "\n",
        ("text: ", "bold"),
        f"{len(p.text):,} characters",
    )
    return Group(head, table)


def delivery_line(r: dict[str, Any]) -> str:
    """`tosdiff alerts list`: one delivery on one line."""
    err = f"  [{one_line(r['last_error'], 120)}]" if r["last_error"] else ""
    return (
        f"{r['id']:>5} {r['status']:<9} {r['notifier']:<16} {r['created_at']} "
        f"tries={r['attempts']} {one_line(r['summary'], 100)}{err}"
    )


def outcome_line(o: Any) -> str:
    """`tosdiff alerts test|retry`: one delivery outcome on one line."""
    return f"{o.notifier}: {o.status}" + (f" ({one_line(o.error, 300)})" if o.error else "")


def kinds_table(kinds: Iterable[Any]) -> Table:
    """`tosdiff alerts kinds`: each notifier kind, what it does and its config keys."""
    table = Table(title="notifier kinds", title_justify="left")
    table.add_column("kind", no_wrap=True)
    table.add_column("description", ratio=3, min_width=20)
    table.add_column("required keys", ratio=1, min_width=10)
    table.add_column("optional keys", ratio=2, min_width=10)
    for k in kinds:
        table.add_row(k.name, k.description, ", ".join(k.required) or "-", ", ".join(k.optional) or "-")
    return table
