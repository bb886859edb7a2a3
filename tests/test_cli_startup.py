"""What a check's start-up imports: code a run does not need is left unloaded (a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from tosdiff.cli.parser import build_parser, command_in
import tosdiff.cli, tosdiff.cli.run, tosdiff.runner
from tosdiff.config import load_config
config = load_config(sys.argv[1])
build_parser(command_in(["--config", sys.argv[1], "check", "--json"]))
print(json.dumps({"modules": sorted(sys.modules), "alerts": [n.name for n in config.alerts]}))
"""
UNNEEDED = (
    "tosdiff.alerts.base",
    "tosdiff.alerts.config",
    "tosdiff.store.outbox",
    "tosdiff.cli.timeline",
    "uuid",
)


def probe(tmp_path: Path, config: str) -> dict[str, list[str]]:
    """The modules loaded by a check's imports, config load and parser, and the config's notifiers."""
    path = tmp_path / "tosdiff.toml"
    path.write_text(config, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    return json.loads(out.stdout)


DOC = '[[documents]]\nname = "a"\nurl = "https://example.com/terms"\n'


def test_a_check_without_alerts_loads_no_alerts_code(tmp_path: Path) -> None:
    loaded = set(probe(tmp_path, DOC)["modules"])
    assert "tosdiff.pipeline" in loaded  # the probe did import the check's code
    assert not loaded & set(UNNEEDED)


def test_a_config_with_alerts_still_loads_and_checks_them(tmp_path: Path) -> None:
    hook = '[[alerts]]\nname = "hook"\nkind = "webhook"\nurl = "https://example.com/hook"\n'
    result = probe(tmp_path, DOC + hook)
    assert result["alerts"] == ["hook"]
    assert "tosdiff.alerts.config" in result["modules"]
