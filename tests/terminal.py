"""Run the real CLI on a pseudo-terminal (stdin, stdout and stderr), for prompts and progress bars."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def cli_env(columns: int = 80) -> dict[str, str]:
    """The environment of a CLI run: this tree's package, a fixed width, no $TOSDIFF_CONFIG."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("TOSDIFF_CONFIG", None)
    env["COLUMNS"] = str(columns)
    return env


def pty_run(config: Path, *args: str, answer: str | None = None, timeout: float = 60) -> tuple[int, str]:
    """Run `tosdiff --config CONFIG ARGS` on a terminal; type `answer` once it asks; (status, all output)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=cli_env() | {"TERM": "xterm"},
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
        if answer is not None and b"[y/N]" in b"".join(chunks):
            os.write(master, answer.encode() + b"\n")
            answer = None
    os.close(master)
    return proc.wait(timeout=timeout), b"".join(chunks).decode(errors="replace")
