"""SIGTERM while a plain `check` delivers alerts: as with the daemon, the message on its way finishes,
no new one starts, the rest stay pending and the next run sends each once (real processes)."""

from __future__ import annotations

import signal
import subprocess
import sys

from test_daemon_alerts_stop import HeldHook, _env, _run, assert_each_sent_once, assert_one_sent_rest_pending
from test_daemon_signals_and_locks import SlowSite

from tests.conftest import write_config


def test_sigterm_during_a_checks_delivery_keeps_the_rest_pending(tmp_path) -> None:  # type: ignore[no-untyped-def]
    site, hook = SlowSite(), HeldHook()
    try:
        alerts = f'\n[[alerts]]\nkind = "webhook"\nname = "ops"\nurl = "{hook.url}"\ntimeout = 120\n'
        docs = [{"name": n, "url": f"{site.base}/{n}"} for n in ("alpha", "beta", "gamma")]
        config = write_config(tmp_path, docs, extra=alerts)
        assert _run(config, "check").returncode == 0  # the first versions: a baseline, no alert
        site.rev = "two"
        proc = subprocess.Popen(
            [sys.executable, "-m", "tosdiff", "--config", str(config), "check"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
        )  # fmt: skip
        try:
            assert hook.arrived.wait(120)  # the first alert is on its way, held
            proc.send_signal(signal.SIGTERM)
            hook.release.set()  # the message on its way now completes
            proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        db_path = tmp_path / "db" / "tosdiff.db"
        assert_one_sent_rest_pending(db_path, hook)
        assert _run(config, "check").returncode in (0, 3)
    finally:
        hook.close()
        site.close()
    assert_each_sent_once(db_path, hook)
