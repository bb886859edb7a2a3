"""`tosdiff status` plans runs only while a daemon runs for the database: after it stops (or is killed,
or when none ever ran) it says the daemon is not running and shows no next run (real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_daemon_signals_and_locks import SlowSite

from tests.conftest import ROOT, write_config


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}


def _status(config: Path) -> tuple[list[dict], str]:
    cmd = [sys.executable, "-m", "tosdiff", "--config", str(config), "status"]
    rows = json.loads(subprocess.run([*cmd, "--json"], capture_output=True, text=True, env=_env()).stdout)
    table = subprocess.run(cmd, capture_output=True, text=True, env=_env()).stdout
    return rows, table


def _daemon(config: Path, status_file: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), "daemon", "--status-file", str(status_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
    )  # fmt: skip


def _wait_running(config: Path, proc: subprocess.Popen[str]) -> list[dict]:
    marker = config.parent / "db" / "tosdiff.db.daemon"
    for _ in range(600):  # the daemon writes its marker once its jobs are installed
        try:
            if json.loads(marker.read_text())["pid"] == proc.pid or proc.poll() is not None:
                break
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    rows, _ = _status(config)
    return rows


def test_status_says_the_daemon_stopped_and_plans_no_run(tmp_path: Path) -> None:
    site = SlowSite()
    try:
        config = write_config(tmp_path, [{"name": "terms", "url": f"{site.base}/terms", "every": "1h"}])
        rows, table = _status(config)
        assert rows[0]["next_run"] is None and rows[0]["daemon_running"] is False
        assert "daemon: not running (no daemon has run for this database)" in table

        status_file = tmp_path / "status.json"
        proc = _daemon(config, status_file)
        try:
            rows = _wait_running(config, proc)
            assert rows[0]["daemon_running"] is True and rows[0]["next_run"]
            assert f"daemon: running (pid {proc.pid}" in _status(config)[1]
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=60)
        assert proc.returncode == 0
        rows, table = _status(config)
        assert rows[0]["next_run"] is None and rows[0]["daemon_running"] is False
        assert "daemon: not running (stopped at " in table and "no run is planned" in table
        saved = json.loads(status_file.read_text())
        assert saved["running"] is False and saved["stopped_at"] and saved["next_runs"] == {}

        # Killed: it cannot mark itself stopped, and its pid is gone.
        proc = _daemon(config, status_file)
        try:
            assert _wait_running(config, proc)[0]["daemon_running"] is True
        finally:
            proc.kill()
            proc.communicate(timeout=60)
        rows, table = _status(config)
        assert rows[0]["next_run"] is None and rows[0]["daemon_running"] is False
        assert f"pid {proc.pid} " in table and "is gone" in table
    finally:
        site.close()


def test_a_second_daemon_stopping_gives_the_first_its_marker_back(tmp_path: Path) -> None:
    """Daemon A runs; a second daemon for the same database starts (never refused: a stale marker could
    not be told from a live one) and stops; `status` then still says A runs."""
    site = SlowSite()
    try:
        config = write_config(tmp_path, [{"name": "terms", "url": f"{site.base}/terms", "every": "1h"}])
        first = _daemon(config, tmp_path / "a.json")
        try:
            assert _wait_running(config, first)[0]["daemon_running"] is True
            second = _daemon(config, tmp_path / "b.json")
            try:
                _wait_running(config, second)
                assert f"pid {second.pid}" in _status(config)[1]
            finally:
                second.send_signal(signal.SIGTERM)
                second.communicate(timeout=60)
            assert second.returncode == 0
            rows, table = _status(config)
            assert rows[0]["daemon_running"] is True and f"pid {first.pid}" in table
        finally:
            first.send_signal(signal.SIGTERM)
            first.communicate(timeout=60)
        assert first.returncode == 0
        assert "daemon: not running (stopped at " in _status(config)[1]
    finally:
        site.close()
