"""Issue 15 item 3: without colour, changed words are marked [-old-]{+new+} (git diff --word-diff)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tosdiff import diffview
from tosdiff.diff import diff_texts

ROOT = Path(__file__).resolve().parents[1]
OLD = "1. Terms\nEffective date: 1 February 2023. We grant a limited licence.\n"
NEW = "1. Terms\nEffective date: 12 March 2023. We grant a perpetual, worldwide licence.\n"


def _render(renderable, **console_kw) -> str:
    buf = io.StringIO()
    Console(file=buf, width=80, **console_kw).print(renderable)
    return buf.getvalue()


def test_no_colour_console_marks_deleted_and_inserted_words() -> None:
    changes = diff_texts(OLD, NEW)
    out = _render(diffview.to_rich(changes))  # a StringIO is not a terminal: no colour
    assert "[-1 February-]{+12 March+}" in out
    assert "[-limited-]{+perpetual, worldwide+}" in out
    assert "February12" not in out and "\x1b[" not in out
    side = _render(diffview.to_side_by_side(changes, 80))
    assert "[-limited-]" in side and "{+perpetual," in side


def test_colour_console_uses_colour_not_marks_and_no_color_gets_marks() -> None:
    changes = diff_texts(OLD, NEW)
    coloured = _render(diffview.to_rich(changes), force_terminal=True, color_system="truecolor")
    assert "\x1b[" in coloured and "[-" not in coloured and "{+" not in coloured
    no_colour = _render(
        diffview.to_rich(changes), force_terminal=True, color_system="truecolor", no_color=True
    )
    # NO_COLOR keeps non-colour styles (strike-through): the marks are read with those escapes removed.
    assert "[-1 February-]{+12 March+}" in re.sub(r"\x1b\[[0-9;]*m", "", no_colour)


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100", **env)
    for k in ("TOSDIFF_CONFIG", "NO_COLOR", "FORCE_COLOR", "TERM"):
        if k not in env:
            full.pop(k, None)
    return subprocess.run(
        [sys.executable, "-m", "tosdiff", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_keep(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("demo")
    proc = _run(["demo", "--keep", str(folder / "keep")], folder)
    assert proc.returncode == 0, proc.stderr
    return folder / "keep", proc.stdout


def test_demo_piped_marks_words(demo_keep: tuple[Path, str]) -> None:
    _, out = demo_keep
    assert "1 [-February-]{+March+} 2023" in out
    assert "a [-limited-]{+perpetual," in out
    assert "February12" not in out and "limitedperpetual" not in out
    # Piped text ends each line at its last character (no padding to the terminal's width).
    diff_lines = out[out.index("acme-cloud v1 → v2") :].split("⚑ flags")[0].splitlines()
    assert diff_lines and not [line for line in diff_lines if line.endswith(" ")]


@pytest.mark.parametrize(
    ("env", "marked"),
    [
        ({"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, True),
        ({"FORCE_COLOR": "1", "TERM": "xterm-256color"}, False),
        ({}, True),
    ],
)
def test_cli_diff_rich_marks_words_exactly_when_colour_is_off(
    demo_keep: tuple[Path, str], env: dict[str, str], marked: bool
) -> None:
    keep, _ = demo_keep
    proc = _run(
        ["--config", str(keep / "tosdiff.toml"), "diff", "acme-cloud", "--format", "rich"], keep, **env
    )
    assert proc.returncode == 0, proc.stderr
    assert ("{+ Notwithstanding the above" in proc.stdout) is marked
    assert "Notwithstanding the above" in proc.stdout
    if not marked:
        assert "\x1b[" in proc.stdout  # the colour that tells the words apart instead
