"""Shared fixtures: a real CLI process, temp configs, and the shared real-data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def shared_data(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test when that folder is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


# Trimmed copies of a few shared files, same relative paths (see tests/fixtures/README.md): a fresh clone
# runs the golden checks on these; the "shared" source runs the same checks on the whole files.
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = ("trimmed", "shared")


def data_file(source: str, *parts: str) -> Path:
    """A file under ../shared/data ("shared", skipped when absent) or its trimmed copy ("trimmed")."""
    if source == "trimmed":
        return FIXTURES.joinpath(*parts)
    return shared_data(*parts)


class CLI:
    """Runs `python -m tosdiff` as a real process against one config file."""

    def __init__(self, config: Path) -> None:
        self.config = config

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 120, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run a tosdiff command; return the completed process (stdout, stderr, returncode)."""
        full_env = dict(os.environ)
        full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
        full_env.setdefault("COLUMNS", "120")
        full_env.pop("TOSDIFF_CONFIG", None)
        if env:
            full_env.update(env)
        return subprocess.run(
            [sys.executable, "-m", "tosdiff", "--config", str(self.config), *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            input=input,
        )

    def json(self, *args: str, **kw) -> tuple[int, object]:
        """Run a command with --json and parse its stdout."""
        proc = self.run(*args, "--json", **kw)
        try:
            return proc.returncode, json.loads(proc.stdout)
        except json.JSONDecodeError:
            raise AssertionError(
                f"not JSON (exit {proc.returncode}): {proc.stdout!r} {proc.stderr!r}"
            ) from None


def write_config(folder: Path, documents: list[dict], extra: str = "") -> Path:
    """Write a tosdiff.toml with [storage] in `folder` and the given documents."""
    lines = [
        "[storage]",
        'path = "db/tosdiff.db"',
        "",
        "[fetch]",
        "host_delay = 0",
        "retries = 0",
        "timeout = 5",
        "",
    ]
    for doc in documents:
        lines.append("[[documents]]")
        for key, value in doc.items():
            lines.append(f"{key} = {json.dumps(value)}")
        lines.append("")
    path = folder / "tosdiff.toml"
    path.write_text("\n".join(lines) + extra, encoding="utf-8")
    return path


@pytest.fixture
def make_cli(tmp_path: Path):
    """Factory: make_cli(documents, extra_toml) -> CLI bound to a fresh config and database."""

    def factory(documents: list[dict], extra: str = "") -> CLI:
        return CLI(write_config(tmp_path, documents, extra))

    return factory
