"""Slow notifiers: several send at once, a stop starts no new delivery, a killed sender's rows come back.

Real webhook receivers on 127.0.0.1 and a real SQLite outbox; no assertion on durations: concurrency is
shown by every receiver holding its request until all of them have one.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import sqlite_utils
from test_alerts_delivery import change_event, queue

from tosdiff.alerts import deliver_pending, ensure_schema, parse_alerts
from tosdiff.alerts.outbox import resume_deliveries, stop_deliveries
from tosdiff.store.outbox import Outbox


class Hooks:
    """Webhook receivers sharing one log of delivery ids; a handler may wait on a barrier or an event."""

    def __init__(self, n: int, barrier: threading.Barrier | None = None) -> None:
        self.counts: Counter[str] = Counter()
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.barrier_broken = False
        self.servers: list[ThreadingHTTPServer] = []
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server hook name
                self.rfile.read(int(self.headers["Content-Length"]))
                hooks.arrived.set()
                if barrier is not None:
                    try:
                        barrier.wait(timeout=30)  # passes only if every receiver holds a request at once
                    except threading.BrokenBarrierError:
                        hooks.barrier_broken = True
                hooks.counts[self.headers["X-Tosdiff-Delivery"]] += 1
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        for _ in range(n):
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
            self.servers.append(server)

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{s.server_address[1]}/hook" for s in self.servers]

    def stop(self) -> None:
        for s in self.servers:
            s.shutdown()
            s.server_close()


def hook(url: str, name: str = "ops", **extra: Any):
    """A JSON webhook notifier without a signing secret."""
    return parse_alerts([{"kind": "webhook", "name": name, "url": url, "timeout": 5, **extra}], "test.toml")[
        0
    ]


def outbox_db(tmp_path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "tosdiff.db")
    db.execute("PRAGMA journal_mode=WAL")
    ensure_schema(db)
    return db


def test_three_slow_webhooks_are_sent_at_the_same_time(tmp_path: Path) -> None:
    hooks = Hooks(3, threading.Barrier(3))
    try:
        notifiers = [hook(u, f"hook{i}", timeout=60)
                     for i, u in enumerate(hooks.urls())]  # fmt: skip
        db = outbox_db(tmp_path)
        queue(db, notifiers, change_event())
        outcomes = deliver_pending(db, notifiers)
    finally:
        hooks.stop()
    # Sent one after another, the first receiver would have waited for the others in vain.
    assert not hooks.barrier_broken
    assert sorted(o.status for o in outcomes) == ["delivered"] * 3
    assert sorted(hooks.counts.values()) == [1, 1, 1]


def test_a_stop_starts_no_new_delivery_and_the_next_run_sends_the_rest_once(tmp_path: Path) -> None:
    hooks = Hooks(1)
    try:
        n = hook(hooks.urls()[0])
        db = outbox_db(tmp_path)
        for name in ("alpha", "beta", "gamma"):
            queue(db, [n], change_event(name))
        # The stop comes while the first message is on its way.
        outcomes = deliver_pending(db, [n], should_stop=hooks.arrived.is_set)
        assert [o.status for o in outcomes] == ["delivered"]
        statuses = Counter(r["status"] for r in Outbox(db).rows())
        assert statuses == {"delivered": 1, "pending": 2}  # nothing stranded in `sending`
        # The same, stopped from outside (the daemon's SIGTERM handler): nothing is sent at all.
        stop_deliveries()
        try:
            assert deliver_pending(db, [n]) == []
        finally:
            resume_deliveries()
        outcomes = deliver_pending(db, [n])
    finally:
        hooks.stop()
    assert [o.status for o in outcomes] == ["delivered", "delivered"]
    assert sorted(hooks.counts.values()) == [1, 1, 1]  # every alert once, none twice
    assert {r["status"] for r in Outbox(db).rows()} == {"delivered"}


def _gone_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(proc.stdout)


def _strand(db: sqlite_utils.Database, notifier: str, run_id: str) -> float:
    """Claim the notifier's due rows as a sender that then died would have; return when."""
    box = Outbox(db)
    now = max(r["created_at"] for r in box.rows())
    due = box.due(notifier, now)
    assert box.claim(due, now=now, batch="tdv1-stranded", run_id=run_id)
    return now


def test_rows_left_sending_by_a_killed_process_are_resent_at_the_next_run(tmp_path: Path) -> None:
    hooks = Hooks(1)
    try:
        n = hook(hooks.urls()[0])
        db = outbox_db(tmp_path)
        queue(db, [n], change_event())
        now = _strand(db, n.name, f"run@{socket.gethostname()}:{_gone_pid()}:1")
        [outcome] = deliver_pending(db, [n], now=now + 5)  # long before the grace period
    finally:
        hooks.stop()
    assert outcome.status == "delivered" and outcome.delivery_id == "tdv1-stranded"
    assert hooks.counts == {"tdv1-stranded": 1}


def test_rows_sending_in_a_live_or_unknown_process_wait_for_the_grace_period(tmp_path: Path) -> None:
    n = hook("http://127.0.0.1:9/hook")
    for i, claimer in enumerate(
        (
            f"run@{socket.gethostname()}:{os.getpid()}:",  # this process: it may still be sending
            f"run@another-host.example:{_gone_pid()}:1",  # another host: its pids say nothing here
            "r",  # an older tosdiff's run id
        )
    ):
        (tmp_path / str(i)).mkdir()
        db = outbox_db(tmp_path / str(i))
        queue(db, [n], change_event())
        now = _strand(db, n.name, claimer)
        assert deliver_pending(db, [n], now=now + 5) == []
        assert [r["status"] for r in Outbox(db).rows()] == ["sending"]
        assert json.loads(json.dumps([dict(r) for r in Outbox(db).rows()]))  # rows stay readable
