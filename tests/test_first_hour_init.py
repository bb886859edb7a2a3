"""Issue 15 item 2: every commented example in the starter config loads once uncommented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CLI
from tosdiff.config import load_config

# A commented example line: "# [table]", "# [[table]]" or "# key = value" (prose never looks like that).
EXAMPLE = re.compile(r"^# (\[\[?[\w.]+\]\]?|[A-Za-z_][\w-]* = .*)$")


def _starter(tmp_path: Path) -> str:
    """The starter config exactly as `tosdiff init` writes it (the real CLI)."""
    path = tmp_path / "tosdiff.toml"
    proc = CLI(path).run("init", str(path))
    assert proc.returncode == 0, proc.stderr
    return path.read_text()


def _blocks(lines: list[str]) -> list[list[int]]:
    """Runs of consecutive commented example lines (line indexes): one example each."""
    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        if EXAMPLE.match(line):
            if blocks and blocks[-1][-1] == i - 1:
                blocks[-1].append(i)
            else:
                blocks.append([i])
    return blocks


def test_starter_config_names_no_missing_file(tmp_path: Path) -> None:
    text = _starter(tmp_path)
    assert "docs/extras.md" not in text and "config.example.toml" not in text
    assert "tosdiff alerts kinds" in text
    assert 'type = "email"' not in text


def test_every_commented_example_loads_when_uncommented(tmp_path: Path) -> None:
    lines = _starter(tmp_path).splitlines()
    blocks = _blocks(lines)
    headers = [lines[b[0]] for b in blocks]
    # The examples the starter promises: an email and a webhook notifier, a document.
    assert headers.count("# [[alerts]]") == 2 and "# [[documents]]" in headers, headers
    loaded_alerts: list[str] = []
    for block in blocks:
        edited = list(lines)
        for i in block:
            edited[i] = lines[i][2:]
        path = tmp_path / "edited.toml"
        path.write_text("\n".join(edited) + "\n")
        try:
            config = load_config(path)
        except Exception as e:  # noqa: BLE001 - the failing block is the useful message
            pytest.fail(f"uncommenting lines {block[0] + 1}-{block[-1] + 1} fails: {e}")
        loaded_alerts += [n.kind for n in config.alerts]
    assert sorted(loaded_alerts) == ["email", "webhook"]


def test_uncommented_alert_is_seen_by_the_cli(tmp_path: Path) -> None:
    lines = _starter(tmp_path).splitlines()
    webhook = next(b for b in _blocks(lines) if 'kind = "webhook"' in "".join(lines[i] for i in b))
    for i in webhook:
        lines[i] = lines[i][2:]
    path = tmp_path / "tosdiff.toml"
    path.write_text("\n".join(lines) + "\n")
    proc = CLI(path).run("alerts", "list")
    assert proc.returncode == 0, proc.stderr
