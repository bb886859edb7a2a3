"""Issue 17: `list` and `status` of thousands of documents are drawn by render.RowsTable, which must read
like the small tables: 80 columns, names whole, URLs folded not cut, errors clipped, markup literal."""

from __future__ import annotations

import io
import re

from rich.console import Console, RenderableType

from tosdiff import render

TIME = "2026-11-28T21:14:27.694930Z"
N = render.BIG_TABLE_ROWS + 100


def lines_at(renderable: RenderableType, width: int = 80) -> list[str]:
    console = Console(file=io.StringIO(), width=width, highlight=False)
    console.print(renderable)
    out = console.file.getvalue().splitlines()
    assert out and max(len(line.rstrip()) for line in out) <= width, "\n".join(out[:20])
    return out


def column(lines: list[str], k: int) -> list[str]:
    """The k-th cell of each body line."""
    return [line.split("│")[k + 1].strip() for line in lines if line.startswith("│")]


def test_big_list_reads_at_80_columns() -> None:
    rows = [
        {
            "name": f"github-privacy-{i:05d}",
            "url": f"https://docs.github.com/en/site-policy/privacy-policies/statement?page={i}",
            "latest_version": i % 7 or None,
            "language": "fr" if i % 2 else "en",
            "last_check_at": TIME,
            "last_outcome": "unchanged" if i % 5 else "[bold red]error[/]",
            "enabled": i != 3,
        }
        for i in range(N)
    ]
    table = render.documents_table(rows)
    assert isinstance(table, render.RowsTable) and table.row_count == N
    lines = lines_at(table)
    assert lines[0].startswith("documents") and "┃ name" in lines[2]
    names = [c for c in column(lines, 0) if c]
    assert names == [r["name"] for r in rows]  # every name whole, in order
    # A URL is folded over lines, never cut: its pieces put together give it back.
    first = lines.index(next(x for x in lines if "github-privacy-00001" in x))
    pieces = []
    for line in lines[first:]:
        if pieces and line.split("│")[1].strip():
            break
        pieces.append(line.split("│")[2].strip())
    assert "".join(pieces) == rows[1]["url"]
    text = "\n".join(lines)
    assert "[bold" in text  # markup from a page prints literally (cut to the column), never styles
    assert re.search(r"│ github-privacy-00003 .*│ paused", text)


def test_big_status_clips_errors_to_three_lines() -> None:
    rows = [
        {
            "name": f"doc-{i:05d}",
            "last_check": TIME,
            "outcome": "error",
            "consecutive_failures": 2,
            "error": "connection refused by the host after three attempts " * 10,
            "latest_version": 2,
            "next_run": TIME,
        }
        for i in range(N)
    ]
    table = render.status_table(rows)
    assert isinstance(table, render.RowsTable)
    lines = lines_at(table)
    body = [x for x in lines if x.startswith("│")]
    assert len(body) == 3 * N  # each row: three lines (the error clipped), the date on two
    assert all(x.rstrip().endswith("│") for x in body)
    assert sum(1 for x in body if "…" in x) == N
    assert column(lines, 1)[:2] == ["2026-11-28", "21:14:27Z"]


def test_small_tables_stay_rich_tables() -> None:
    rows = [
        {"name": "acme", "url": "https://acme.example/terms", "last_check_at": TIME, "last_outcome": "new"}
    ]
    assert not isinstance(render.documents_table(rows), render.RowsTable)
