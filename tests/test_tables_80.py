"""Issue 15 item 5: every terminal table reads well at 80 columns (fixed-width consoles, real CLI)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from pytest_httpserver import HTTPServer
from rich.console import Console, RenderableType

from tosdiff import render
from tosdiff.alerts.base import notifier_kinds
from tosdiff.demo import flags_table as demo_flags_table
from tosdiff.flags import flag_sections
from tosdiff.sections import parse_sections

ROOT = Path(__file__).resolve().parents[1]
LONG_NAME = "github-privacy-statement"  # 24 characters: a realistic document name
TIME = "2026-11-28T21:14:27.694930Z"
TEXT = """Example Terms of Service

These Terms of Service govern your access to and use of the services offered by Example.

10. Customer Content and Licences

10.1 Customer Content. You or your End Users may provide, upload, or originate data, content and files.

10.4 Licence Grant for Service Generated Data. You agree to grant and hereby grant Example a perpetual, \
worldwide, non-exclusive, royalty-free, sublicensable, and transferable license to use Customer Content \
for machine learning and artificial intelligence training, testing and improvement of our products.

10.12 Sharing. We may share your personal data with our partners and affiliates for advertising and \
marketing purposes, and sell aggregated data to third parties.
"""


def lines_at_80(renderable: RenderableType) -> list[str]:
    console = Console(file=io.StringIO(), width=80, highlight=False)
    console.print(renderable)
    out = console.file.getvalue().splitlines()
    assert out and max(len(line.rstrip()) for line in out) <= 80, "\n".join(out)
    return out


def test_preview_shows_ids_and_titles_whole_one_line_per_section() -> None:
    sections = tuple(parse_sections(TEXT))
    p = SimpleNamespace(
        url="https://example.com/terms", select="main", proposed=False, text=TEXT, sections=sections
    )
    out = "\n".join(lines_at_80(render.preview_view(p, {"name": LONG_NAME})))
    for s in sections:
        assert f"│ {s.id} " in out  # never "pr…" or "10…"
    for s in sections:
        assert s.title[:25] in out  # the title column gets a real width, not none
    body = [line for line in out.splitlines() if line.startswith("│")]
    assert len(body) == len(sections)


def test_read_tables_keep_names_whole_and_short() -> None:
    rows = [
        {
            "name": LONG_NAME,
            "url": "https://docs.github.com/en/site-policy/privacy-policies/github-general-privacy-statement",
            "latest_version": 3,
            "last_check_at": TIME,
            "last_outcome": "error",
        },
        {
            "name": "zoom",
            "url": "https://zoom.us/terms",
            "latest_version": 12,
            "last_check_at": TIME,
            "last_outcome": "changed",
        },
    ]
    out = "\n".join(lines_at_80(render.documents_table(rows)))
    assert LONG_NAME in out and "privacy-statement" in out.replace("│", "")
    status = [
        {
            "name": LONG_NAME,
            "last_check": TIME,
            "outcome": "error",
            "consecutive_failures": 3,
            "latest_version": 4,
            "next_run": TIME,
            "error": "HTTP 503 Service Unavailable from docs.github.com after 3 tries; " * 4,
        }
    ]
    lines = lines_at_80(render.status_table(status))
    assert LONG_NAME in "\n".join(lines) and "error (3 in a" in "\n".join(lines)
    assert len(lines) <= 9  # title, header, 3 lines of error, borders
    history = [
        {
            "version": v,
            "recorded_at": TIME,
            "kind": "changed",
            "text_hash": "ab" * 32,
            "reverted_to": None,
            "technical": False,
            "summary": "10.4 modified, 10.5 added; 3 renumbered ⚑ ai-training",
        }
        for v in (1, 2)
    ]
    out = "\n".join(lines_at_80(render.history_table(LONG_NAME, history)))
    assert "abababababab" in out and "10.4 modified" in out


def test_flags_tables_cut_excerpts_to_two_lines() -> None:
    flags = flag_sections(parse_sections(TEXT), None)
    assert len(flags) >= 2
    lines = lines_at_80(render.flags_table(LONG_NAME, 3, flags))
    assert all(f"│ {f.section} " in "\n".join(lines) for f in flags)
    assert len(lines) <= 5 + 2 * len(flags) + 1  # title, header rows, borders; two lines a flag (+protective)
    cats = lines_at_80(
        render.flag_categories_table(
            {LONG_NAME: {"ai-training": "permissive", "data-sharing": "protective"}}, {LONG_NAME: 3}
        )
    )
    assert LONG_NAME in "\n".join(cats) and "data-sharing" in "\n".join(cats)
    demo = lines_at_80(demo_flags_table(flags))
    # Each flag: its explanation (a few lines), a two-line excerpt and a rule; never a column of single words.
    assert len(demo) <= 4 + 9 * len(flags), "\n".join(demo)


def test_kinds_table_fits() -> None:
    lines = lines_at_80(render.kinds_table(notifier_kinds()))
    assert len(lines) <= 25
    assert all(f"│ {k.name} " in "\n".join(lines) for k in notifier_kinds())


def _run(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80")
    env.pop("TOSDIFF_CONFIG", None)
    return subprocess.run(
        [sys.executable, "-m", "tosdiff", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        input=stdin,
    )


def test_cli_add_preview_at_80_columns_and_its_prompt(httpserver: HTTPServer, tmp_path: Path) -> None:
    html = (
        "<html><body><main><h1>Example Terms</h1>"
        + "".join(
            f"<h2>{i}. {t}</h2><p>{x}</p>"
            for i, t, x in [
                (10, "Customer Content and Licences", "You keep ownership of the content you upload."),
                (
                    11,
                    "Termination of Accounts",
                    "We may suspend accounts that break these terms at any time.",
                ),
                (12, "Governing Law and Jurisdiction", "These terms are governed by the laws of California."),
            ]
        )
        + "</main></body></html>"
    )
    httpserver.expect_request("/terms").respond_with_data(html, content_type="text/html; charset=utf-8")
    config = tmp_path / "tosdiff.toml"
    proc = _run(
        ["--config", str(config), "add", httpserver.url_for("/terms"), "--name", LONG_NAME], tmp_path, "n\n"
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "[y/N]" in out
    assert "│ 10 " in out and "│ 12 " in out and "Customer Content and Licences" in out
    # The preview's table fits; message lines holding a path are never hard-wrapped (they stay copyable).
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and max(len(line.rstrip()) for line in table) <= 80
    assert "nothing added" in out and LONG_NAME not in config.read_text(encoding="utf-8")


def test_cli_demo_flags_table_at_80_columns(tmp_path: Path) -> None:
    proc = _run(["demo"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    # The preview's table fits; message lines holding a path are never hard-wrapped (they stay copyable).
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and max(len(line.rstrip()) for line in table) <= 80
    step2 = out.split("Step 2/3")[1].split("Step 3/3")[0]
    table = step2[step2.index("⚑ flags") :]
    assert "§ 10.4" in table and "§ 10.5" in table and "content-licence" in table
    assert len(table.splitlines()) <= 30  # three flags; 60 lines before
