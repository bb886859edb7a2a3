"""A database error while claiming one notifier's rows (a 'database is locked' from a concurrent
writer) never stops the other notifiers: they deliver, and the failing one's rows stay pending for
the next run, which delivers them once."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from test_alerts_delivery import change_event, queue
from test_alerts_slow_notifiers import Hooks, hook, outbox_db

from tosdiff.alerts import deliver_pending
from tosdiff.store.outbox import Outbox


def test_a_claim_error_in_one_notifier_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first claim raises: the other notifier still delivers; a later run delivers the rest."""
    hooks = Hooks(2)
    try:
        a, b = hook(hooks.urls()[0], "a"), hook(hooks.urls()[1], "b")
        db = outbox_db(tmp_path)
        queue(db, [a, b], change_event("alpha"))
        real = Outbox.claim
        calls = Counter()

        def claim(self, group, **kw):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] == 1:
                raise sqlite3.OperationalError("database is locked")
            return real(self, group, **kw)

        monkeypatch.setattr(Outbox, "claim", claim)
        outcomes = deliver_pending(db, [a, b])
        assert [o.status for o in outcomes] == ["delivered"]
        statuses = Counter(r["status"] for r in Outbox(db).rows())
        assert statuses == {"delivered": 1, "pending": 1}
        monkeypatch.setattr(Outbox, "claim", real)
        again = deliver_pending(db, [a, b])
        assert [o.status for o in again] == ["delivered"]
        assert Counter(r["status"] for r in Outbox(db).rows()) == {"delivered": 2}
    finally:
        hooks.stop()


def test_a_pid_now_owned_by_another_user_is_told_by_its_start_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """After a reboot an old pid may belong to another user's process (os.kill: EPERM): the start
    time still tells it is not the process that wrote the marker."""
    import socket

    from tosdiff.alerts import outbox

    def denied(pid: int, sig: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(outbox.os, "kill", denied)
    monkeypatch.setattr(outbox, "_start_ticks", lambda pid: "555")
    host = socket.gethostname()
    assert outbox.process_gone(f"{host}:1:99999999") is True  # another process holds the pid now
    assert outbox.process_gone(f"{host}:1:555") is False  # the same process, alive
