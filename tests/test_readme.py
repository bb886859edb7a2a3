"""The README documents every command and config key, and its test command is what CI runs."""

from __future__ import annotations

import re

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
