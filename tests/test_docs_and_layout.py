"""Docs that are checked, and import directions that keep data flowing one way."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT
from tosdiff.cli import build_parser
from tosdiff.config import DOCUMENT_KEYS, FETCH_KEYS, SCHEDULE_KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


def test_every_command_is_documented_with_an_example() -> None:
    commands = _commands()
    assert {"check", "list", "history", "show", "diff", "daemon", "status"} <= set(commands)
    for name in commands:
        assert re.search(rf"tosdiff {re.escape(name)}\b", README), (
            f"README lacks an example of `tosdiff {name}`"
        )


def test_every_config_key_is_documented() -> None:
    for key in [*DOCUMENT_KEYS, *FETCH_KEYS, *SCHEDULE_KEYS]:
        assert f"`{key}`" in README, f"README lacks the config key {key}"


def test_the_two_setup_commands_are_in_the_readme_and_ci() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    test_cmd = next(line for line in README.splitlines() if "pytest" in line and "pip install" in line)
    assert test_cmd.strip() in ci
    assert any("pip install ." in line and "check" in line for line in README.splitlines())


# Stages must not reach back up the pipeline: only pipeline chains stages, only cli prints.
FORBIDDEN = {
    "models": {
        "config",
        "fetch",
        "extract",
        "sections",
        "store",
        "diff",
        "flags",
        "pipeline",
        "cli",
        "alerts",
    },
    "errors": {
        "config",
        "fetch",
        "extract",
        "sections",
        "store",
        "diff",
        "flags",
        "pipeline",
        "cli",
        "alerts",
    },
    "fetch": {"store", "pipeline", "cli", "alerts", "flags", "diff"},
    "extract": {"store", "pipeline", "cli", "alerts", "flags", "diff", "fetch"},
    "sections": {"store", "pipeline", "cli", "alerts", "flags", "fetch", "extract"},
    "diff": {"store", "pipeline", "cli", "alerts", "flags", "fetch", "extract"},
    "flags": {"store", "pipeline", "cli", "alerts", "fetch", "extract"},
    "store": {"pipeline", "cli", "fetch", "extract", "flags", "diff"},
    "pipeline": {"cli"},
    "scheduler": {"cli"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level and node.module:  # from ..models import X
                found.add(node.module.split(".")[0])
            elif node.module and node.module.startswith("tosdiff."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("tosdiff."):
                    found.add(alias.name.split(".")[1])
    return found


def test_import_directions() -> None:
    pkg = ROOT / "tosdiff"
    for stage, banned in FORBIDDEN.items():
        paths = (
            [pkg / f"{stage}.py"] if (pkg / f"{stage}.py").exists() else sorted((pkg / stage).glob("*.py"))
        )
        assert paths, stage
        for path in paths:
            bad = _imports(path) & banned
            assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
