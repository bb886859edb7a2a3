"""`alerts test|list|retry` handlers against a real config, store and HTTP receiver."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import write_config
from test_alerts_delivery import Receiver, change_event

from tosdiff.alerts import enqueue
from tosdiff.cli import main
from tosdiff.store import Store


def run(cfg, *argv: str) -> int:
    """`tosdiff alerts ... --config CFG` through the CLI's own parser and dispatch, in this process."""
    return alerts_main(*argv, "--config", str(cfg))


def alerts_main(*argv: str) -> int:
    """`tosdiff alerts ...` in this process, leaving the logging setup as it found it."""
    # main() quietens urllib3's logger for the process; later tests read what urllib3 logs.
    urllib3_level = logging.getLogger("urllib3").level
    try:
        return main(["alerts", *argv])
    finally:
        logging.getLogger("urllib3").setLevel(urllib3_level)


def test_list_retry_and_test_commands(tmp_path, monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "cmd-secret")
    rec = Receiver("cmd-secret")
    extra = f'\n[[alerts]]\nkind = "webhook"\nname = "ops"\nurl = "{rec.url}"\nsecret_env = "TOSDIFF_TEST_HOOK_SECRET"\ntimeout = 5\n'
    cfg = write_config(tmp_path, [{"name": "zoom", "url": "https://zoom.example/terms"}], extra)
    from tosdiff.config import load_config

    config = load_config(cfg)
    store = Store(config.storage_path)
    with store.transaction() as db:
        assert enqueue(db, list(config.alerts), change_event()) == 1
    store.close()

    assert run(cfg, "retry") == 1  # receiver down: the delivery fails and stays queued
    capsys.readouterr()
    assert run(cfg, "list", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["status"] == "pending" and row["attempts"] == 1 and "connection failed" in row["last_error"]
    assert "cmd-secret" not in json.dumps(row)

    rec.start()
    try:
        assert run(cfg, "retry", str(row["id"])) == 0
        assert "ops: delivered" in capsys.readouterr().out
        assert run(cfg, "list", "--status", "delivered") == 0
        assert "Zoom Terms of Service: 10.4 modified (AI training)" in capsys.readouterr().out
        assert run(cfg, "test", "ops") == 0 and len(rec.bodies) == 2
        assert rec.bodies[1]["document"]["title"] == "Example Terms" and rec.bodies[1]["kind"] == "test"
        assert sum(rec.counts.values()) == 2
    finally:
        rec.stop()


def test_kinds_lists_every_registered_notifier_kind(capsys: pytest.CaptureFixture[str]) -> None:
    from tosdiff.alerts import notifier_kinds

    assert alerts_main("kinds", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [k["name"] for k in data["kinds"]] == [k.name for k in notifier_kinds()]
    assert {"email", "webhook", "apprise"} <= {k["name"] for k in data["kinds"]}
    email = next(k for k in data["kinds"] if k["name"] == "email")
    assert {"smtp_host", "from", "to"} <= set(email["required"])
    assert "min_severity" in data["common_keys"]
    assert alerts_main("kinds") == 0
    out = capsys.readouterr().out
    assert "webhook" in out and "smtp_host" in out
