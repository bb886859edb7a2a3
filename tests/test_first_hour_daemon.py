"""Issue 15 item 1: the README's daemon commands end in one clear line, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, write_config


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("TOSDIFF_CONFIG", None)
    return env


def _daemon(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), "daemon", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def test_status_file_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    config = write_config(tmp_path, [{"name": "a", "url": "http://127.0.0.1:9/a"}])
    status = tmp_path / "run" / "tosdiff" / "status.json"
    proc = _daemon(config, "--status-file", str(status))
    try:
        deadline = time.monotonic() + 30
        while not status.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.exists(), proc.stderr.read() if proc.poll() is not None else "no status file"
        assert json.loads(status.read_text())["pid"] == proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_status_file_that_cannot_be_written_is_one_line_exit_2(tmp_path: Path) -> None:
    config = write_config(tmp_path, [{"name": "a", "url": "http://127.0.0.1:9/a"}])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    proc = _daemon(config, "--status-file", str(blocker / "status.json"))
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "--status-file" in lines[0] and "not-a-folder" in lines[0], err


def test_health_port_in_use_is_one_line_exit_2(tmp_path: Path) -> None:
    config = write_config(tmp_path, [{"name": "a", "url": "http://127.0.0.1:9/a"}])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = _daemon(config, "--health-port", str(port))
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and f"--health-port {port}" in lines[0] and "in use" in lines[0], err
