"""Running unattended: the daemon under signals, two cron runs at once, and a SIGKILL mid-run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_config

PAGE = (
    "<html><body><main><h1>Terms of Service</h1><h2>1. Scope</h2><p>These terms apply to {name}. "
    "By using the service you agree to these terms and to our policies.</p><h2>2. Changes</h2>"
    "<p>We may change these terms at any time. Revision {rev}.</p><h2>3. Liability</h2><p>To the extent "
    "permitted by law, our liability to you is limited to the amount you paid us in the last twelve months."
    "</p></main></body></html>"
)


class SlowSite:
    """A local server whose pages can change and can answer slowly."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.rev = "one"
        self.hits = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                site.hits += 1
                time.sleep(site.delay)
                body = PAGE.format(name=self.path.strip("/"), rev=site.rev).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def site():
    s = SlowSite()
    yield s
    s.close()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _tosdiff(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _integrity(db_path: Path) -> None:
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Every snapshot belongs to a check and every version to a check: no half-recorded run.
    orphans = db.execute(
        "SELECT COUNT(*) FROM snapshots WHERE id NOT IN (SELECT snapshot_id FROM checks "
        "WHERE snapshot_id IS NOT NULL)"
    ).fetchone()[0]
    assert orphans == 0
    unlogged = db.execute(
        "SELECT COUNT(*) FROM versions v WHERE NOT EXISTS (SELECT 1 FROM checks c WHERE "
        "c.document = v.document AND c.version = v.version)"
    ).fetchone()[0]
    assert unlogged == 0
    db.close()


def test_daemon_records_changes_and_stops_cleanly(tmp_path: Path, site: SlowSite) -> None:
    config = write_config(
        tmp_path,
        [{"name": "fast", "url": f"{site.base}/fast", "every": "1s"}],
        extra="\n[schedule]\njitter = 0\n",
    )
    status = tmp_path / "status.json"
    proc = _tosdiff(config, "daemon", "--status-file", str(status))
    db_path = tmp_path / "db" / "tosdiff.db"
    try:

        def versions() -> int:
            if not db_path.exists():
                return 0
            db = sqlite3.connect(db_path)
            try:
                return db.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
            except sqlite3.OperationalError:
                return 0
            finally:
                db.close()

        deadline = time.monotonic() + 30
        while versions() < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert versions() == 1
        site.rev = "two"
        while versions() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert versions() == 2

        def runs() -> int:
            try:
                return int(json.loads(status.read_text())["runs"])
            except (OSError, ValueError, KeyError):
                return 0

        # Version 2 is committed inside the run that finds it; the status file counts that run only
        # when it ends, a moment later.
        while runs() < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert runs() >= 2
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "next run" in err  # the next run times are logged at start
    _integrity(db_path)


def test_two_checks_at_once_run_one_after_the_other(tmp_path: Path) -> None:
    slow = SlowSite(delay=0.5)
    try:
        docs = [{"name": f"d{i}", "url": f"{slow.base}/d{i}"} for i in range(4)]
        config = write_config(tmp_path, docs)
        first, second = _tosdiff(config, "check", "--json"), _tosdiff(config, "check", "--json")
        outs = [p.communicate(timeout=60) for p in (first, second)]
    finally:
        slow.close()
    assert first.returncode == 0 and second.returncode == 0, outs
    statuses = sorted(tuple(sorted(d["status"] for d in json.loads(o)["documents"])) for o, _ in outs)
    # One run recorded the four documents as new; the other, after waiting for the lock, found them unchanged.
    assert statuses == [("new",) * 4, ("unchanged",) * 4]
    assert all("locked" not in e for _, e in outs)
    _integrity(tmp_path / "db" / "tosdiff.db")


def test_lock_timeout_exits_1_with_a_clear_message(tmp_path: Path) -> None:
    slow = SlowSite(delay=2.0)
    try:
        config = write_config(tmp_path, [{"name": "d", "url": f"{slow.base}/d"}])
        first = _tosdiff(config, "check")
        time.sleep(1.0)
        second = subprocess.run(
            [sys.executable, "-m", "tosdiff", "--config", str(config), "check", "--lock-timeout", "0.2"],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=60,
        )
        first.communicate(timeout=60)
    finally:
        slow.close()
    assert second.returncode == 1
    assert "holds the lock" in second.stderr and "Traceback" not in second.stderr


def test_sigkill_mid_run_leaves_a_consistent_database(tmp_path: Path) -> None:
    slow = SlowSite(delay=0.3)
    try:
        docs = [{"name": f"d{i:02d}", "url": f"{slow.base}/d{i:02d}"} for i in range(24)]
        config = write_config(tmp_path, docs)
        proc = _tosdiff(config, "check", "--workers", "4")
        db_path = tmp_path / "db" / "tosdiff.db"
        deadline = time.monotonic() + 30
        recorded = 0
        while time.monotonic() < deadline and recorded < 3:
            time.sleep(0.1)
            if db_path.exists():
                try:
                    db = sqlite3.connect(db_path)
                    recorded = db.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
                    db.close()
                except sqlite3.OperationalError:
                    pass
        proc.kill()  # SIGKILL: no cleanup at all
        proc.wait(timeout=10)
        assert 0 < recorded < 24
        _integrity(db_path)
        again = subprocess.run(
            [
                sys.executable,
                "-m",
                "tosdiff",
                "--config",
                str(config),
                "check",
                "--json",
                "--lock-timeout",
                "5",
            ],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=120,
        )
    finally:
        slow.close()
    assert again.returncode == 0, again.stderr
    statuses = [d["status"] for d in json.loads(again.stdout)["documents"]]
    assert "error" not in statuses and statuses.count("new") == 24 - statuses.count("unchanged")
    _integrity(db_path)
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(DISTINCT document) FROM versions").fetchone()[0] == 24


def test_daemon_reloads_on_sighup_and_serves_health(tmp_path: Path, site: SlowSite) -> None:
    import urllib.request

    config = write_config(
        tmp_path,
        [{"name": "one", "url": f"{site.base}/one", "every": "1h"}],
        extra="\n[schedule]\njitter = 0\n",
    )
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = _tosdiff(config, "daemon", "--run-now", "--health-port", str(port))
    try:
        deadline = time.monotonic() + 30
        health = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as resp:
                    health = json.loads(resp.read())
                if health["runs"] >= 1:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert health and health["runs"] >= 1 and health["pid"] == proc.pid
        assert any("one" in name for name in health["next_runs"])
        # A broken config on SIGHUP is refused and the daemon keeps running the old one.
        good = config.read_text()
        config.write_text(good + '\n[[documents]]\nname = "bad"\n')
        proc.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        assert proc.poll() is None
        # A valid new config is picked up: the new document gets its own job.
        config.write_text(
            good.replace('every = "1h"', 'every = "2h"')
            + f'\n[[documents]]\nname = "two"\nurl = "{site.base}/two"\nevery = "3h"\n'
        )
        proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 15
        names: list[str] = []
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as resp:
                names = list(json.loads(resp.read())["next_runs"])
            if any("two" in n for n in names):
                break
            time.sleep(0.2)
        assert any("two" in n for n in names), names
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "reload refused" in err and "config reloaded" in err


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(port: int) -> dict | None:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as resp:
            return json.loads(resp.read())
    except OSError:
        return None


def _wait_health(port: int, proc: subprocess.Popen[str], ok, timeout: float = 30) -> dict:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    health = None
    while time.monotonic() < deadline and proc.poll() is None:
        health = _health(port)
        if health and ok(health):
            return health
        time.sleep(0.2)
    raise AssertionError(f"daemon health never matched: {health}")


def test_reloads_more_often_than_the_interval_keep_the_next_run_time(tmp_path: Path, site: SlowSite) -> None:
    # A daily `systemctl reload` with every = "1d", in small: reloaded every second, every = "4s".
    config = write_config(
        tmp_path,
        [{"name": "one", "url": f"{site.base}/one", "every": "4s"}],
        extra="\n[schedule]\njitter = 0\n",
    )
    port = _free_port()
    proc = _tosdiff(config, "daemon", "--health-port", str(port))
    try:
        first = _wait_health(port, proc, lambda h: h["next_runs"])
        (planned,) = first["next_runs"].values()
        started = time.monotonic()
        while time.monotonic() - started < 7:
            proc.send_signal(signal.SIGHUP)
            time.sleep(1.0)
            health = _health(port)
            assert health is not None, "daemon died"
            if datetime.now(UTC) < datetime.fromisoformat(planned) - timedelta(seconds=0.3):
                # Not yet due: every reload kept the time planned at start.
                assert list(health["next_runs"].values()) == [planned]
        assert health["runs"] >= 1, health  # the job fired although reloads came faster than its interval
        # A changed schedule does get a new time, an hour away.
        config.write_text(config.read_text().replace('every = "4s"', 'every = "1h"'))
        proc.send_signal(signal.SIGHUP)
        changed = _wait_health(port, proc, lambda h: any("3600" in n for n in h["next_runs"]), timeout=15)
        (when,) = changed["next_runs"].values()
        assert (datetime.fromisoformat(when) - datetime.now(UTC)).total_seconds() > 3500
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert err.count("config reloaded") >= 5


def test_default_jitter_does_not_delay_a_short_interval(tmp_path: Path, site: SlowSite) -> None:
    # The default jitter (300 s) against every = "2s": the first check comes within the interval's tenth.
    config = write_config(tmp_path, [{"name": "quick", "url": f"{site.base}/quick", "every": "2s"}])
    port = _free_port()
    proc = _tosdiff(config, "daemon", "--health-port", str(port))
    try:
        health = _wait_health(port, proc, lambda h: h["runs"] >= 2, timeout=20)
        assert health["last_run"]["documents"] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
