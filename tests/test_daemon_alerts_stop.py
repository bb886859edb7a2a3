"""SIGTERM while the daemon delivers alerts: the message on its way finishes, no new one starts, the rest
stay pending and the next run sends each of them once (the daemon and `check` as real processes)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from test_daemon_signals_and_locks import SlowSite

from tests.conftest import ROOT, write_config


class HeldHook:
    """A webhook receiver that holds every request until `release` is set, counting delivery ids."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.arrived = threading.Event()
        self.release = threading.Event()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server hook name
                self.rfile.read(int(self.headers["Content-Length"]))
                hook.arrived.set()
                hook.release.wait(60)
                hook.counts[self.headers["X-Tosdiff-Delivery"]] += 1
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def _run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "tosdiff", "--config", str(config), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=_env())


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _statuses(db_path: Path) -> Counter[str]:
    db = sqlite3.connect(db_path)
    try:
        return Counter(s for (s,) in db.execute("SELECT status FROM deliveries"))
    finally:
        db.close()


def assert_one_sent_rest_pending(db_path: Path, hook: HeldHook) -> None:
    """After a stop during delivery: the message on its way went out, the other two wait (none `sending`)."""
    assert sum(hook.counts.values()) == 1
    assert _statuses(db_path) == {"delivered": 1, "pending": 2}


def assert_each_sent_once(db_path: Path, hook: HeldHook) -> None:
    """After the next run: all three delivered, each exactly once."""
    assert _statuses(db_path) == {"delivered": 3}
    assert sorted(hook.counts.values()) == [1, 1, 1]


def test_sigterm_during_delivery_finishes_the_message_on_its_way_and_keeps_the_rest(tmp_path: Path) -> None:
    site, hook = SlowSite(), HeldHook()
    try:
        alerts = f'\n[[alerts]]\nkind = "webhook"\nname = "ops"\nurl = "{hook.url}"\ntimeout = 120\n'
        docs = [{"name": n, "url": f"{site.base}/{n}", "every": "1h"} for n in ("alpha", "beta", "gamma")]
        config = write_config(tmp_path, docs, extra=alerts + "\n[schedule]\njitter = 0\n")
        assert _run(config, "check").returncode == 0  # the first versions: a baseline, no alert
        site.rev = "two"
        proc = subprocess.Popen(
            [sys.executable, "-m", "tosdiff", "--config", str(config), "daemon", "--run-now"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
        )  # fmt: skip
        stopping = threading.Event()
        log: list[str] = []

        def read_log() -> None:
            assert proc.stderr is not None
            for line in proc.stderr:
                log.append(line)
                if "stopping" in line:
                    stopping.set()

        reader = threading.Thread(target=read_log, daemon=True)
        reader.start()
        try:
            assert hook.arrived.wait(120), "".join(log)  # the first alert is on its way, held
            proc.send_signal(signal.SIGTERM)
            assert stopping.wait(60), "".join(log)
            hook.release.set()  # the message on its way now completes
            proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        reader.join(10)
        assert proc.returncode == 0, "".join(log)
        db_path = tmp_path / "db" / "tosdiff.db"
        assert_one_sent_rest_pending(db_path, hook)
        # The next run (here a `check`) sends the two left, each once.
        assert _run(config, "check").returncode in (0, 3)
    finally:
        hook.close()
        site.close()
    assert_each_sent_once(db_path, hook)
    listed = json.loads(_run(config, "alerts", "list", "--json").stdout)
    assert {r["status"] for r in listed} == {"delivered"}
