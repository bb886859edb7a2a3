"""The schema as migrations: the outbox tables (m050, m060) on new databases and on ones made the old ways."""

from __future__ import annotations

import ast
import json
import re
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from test_alerts_delivery import Receiver, change_event, webhook_notifier

from tests.conftest import ROOT
from tosdiff.alerts import deliver_pending, enqueue, ensure_schema, list_deliveries, retry
from tosdiff.store import (
    CheckRow,
    DeliveryRow,
    DocumentRow,
    DocumentStatus,
    DocumentSummary,
    Outbox,
    SnapshotRow,
    Store,
    VersionRow,
    VersionWithText,
    migrations,
)

# Word for word what tosdiff.alerts.ensure_schema executed on every Store open before migration m050.
LEGACY_OUTBOX_SQL = [
    """CREATE TABLE IF NOT EXISTS deliveries (
        id INTEGER PRIMARY KEY,
        notifier TEXT NOT NULL,
        document TEXT NOT NULL,
        event_kind TEXT NOT NULL,            -- change | error | recovery | test
        event_key TEXT NOT NULL,
        severity TEXT NOT NULL DEFAULT 'info',
        payload TEXT NOT NULL,               -- the event as JSON (document text only, never secrets)
        status TEXT NOT NULL DEFAULT 'pending',  -- pending | sending | delivered | failed | expired
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,            -- unix seconds
        requeued_at REAL,                    -- set by retry(); expiry counts from here when set
        next_attempt_at REAL NOT NULL,
        sending_since REAL,
        batch TEXT,                          -- delivery id, stable across retries of the same message
        run_id TEXT,
        last_error TEXT,
        delivered_at REAL,
        UNIQUE (notifier, event_key)
    )""",
    "CREATE INDEX IF NOT EXISTS deliveries_status_due ON deliveries (status, next_attempt_at)",
    """CREATE TABLE IF NOT EXISTS alert_document_state (
        document TEXT PRIMARY KEY,
        state TEXT NOT NULL,                 -- ok | error
        since TEXT NOT NULL
    )""",
]

OUTBOX_OBJECTS = ("deliveries", "deliveries_status_due", "alert_document_state", "alert_events")
T0 = 1_800_000_000.0
MIGRATIONS = [
    "m001_initial",
    "m020_datasette_views",
    "m030_selection_hashes",
    "m040_check_body_hash",
    "m050_alert_outbox",
    "m060_alert_payload_once",
    "m075_versions_by_date",
    "m080_text_language",
]


def legacy_database(path: Path, way: str = "pre-m050") -> None:
    """A database with queued alerts, each payload on every notifier's row, as older code left it.

    "pre-m050": migrations m001..m040, then the outbox made by the alerts package; "m050": migrations
    up to m050, before payloads were stored once per event (m060).
    """
    db = sqlite_utils.Database(path)
    db.enable_wal()
    if way == "pre-m050":
        migrations.apply(db, stop_before="m050_alert_outbox")
        for sql in LEGACY_OUTBOX_SQL:
            db.execute(sql)
    else:
        migrations.apply(db, stop_before="m060_alert_payload_once")
    event = change_event()
    rows = [
        ("ops", "delivered", event["event_key"], 1, T0 + 1),
        ("ops", "failed", "zoom:change:old-1", 3, None),
        ("mail", "pending", event["event_key"], 0, None),
    ]
    with db.atomic():
        for notifier, status, key, attempts, delivered_at in rows:
            db.execute(
                "INSERT INTO deliveries (notifier, document, event_kind, event_key, severity, payload, status, "
                "attempts, created_at, next_attempt_at, last_error, delivered_at) "
                "VALUES (?, 'zoom', 'change', ?, 'high', ?, ?, ?, ?, ?, ?, ?)",
                [
                    notifier,
                    key,
                    json.dumps(event),
                    status,
                    attempts,
                    T0,
                    T0,
                    "HTTP 410" if status == "failed" else None,
                    delivered_at,
                ],
            )
        db.execute("INSERT INTO alert_document_state VALUES ('zoom', 'error', '2026-01-01T00:00:00Z')")
    db.close()


def schema_sql(db: sqlite_utils.Database | sqlite3.Connection) -> dict[str, str]:
    """The CREATE statement SQLite keeps for each outbox table and index."""
    marks = ",".join("?" * len(OUTBOX_OBJECTS))
    cur = db.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({marks})", list(OUTBOX_OBJECTS))
    return dict(cur.fetchall())


def migration_names(store: Store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]


def test_a_new_database_gets_the_outbox_from_migrations_m050_and_m060(tmp_path: Path) -> None:
    store = Store(tmp_path / "new.db")
    assert migration_names(store) == MIGRATIONS
    assert set(schema_sql(store.db)) == set(OUTBOX_OBJECTS)
    assert "payload" not in {c.name for c in store.db["deliveries"].columns}  # one payload per event (m060)
    # Databases made the old ways end with exactly the same outbox schema once opened.
    for way in ("pre-m050", "m050"):
        legacy_database(tmp_path / f"{way}.db", way)
        before = sqlite3.connect(tmp_path / f"{way}.db")
        assert "payload" in schema_sql(before)["deliveries"]
        before.close()
        old = Store(tmp_path / f"{way}.db")
        assert schema_sql(store.db) == schema_sql(old.db), way
        old.close()
    bare = sqlite_utils.Database(tmp_path / "bare.db")
    ensure_schema(bare)
    assert schema_sql(bare) == schema_sql(store.db)
    store.close()


@pytest.mark.parametrize("way", ["pre-m050", "m050"])
def test_an_old_database_with_outbox_rows_opens_and_keeps_working(
    tmp_path: Path, monkeypatch, way: str
) -> None:
    path = tmp_path / "old.db"
    legacy_database(path, way)
    before = sqlite3.connect(path)
    kept = "id, notifier, document, event_kind, event_key, severity, status, attempts, created_at, " \
        "requeued_at, next_attempt_at, sending_since, batch, run_id, last_error, delivered_at"  # fmt: skip
    rows_before = before.execute(f"SELECT {kept} FROM deliveries ORDER BY id").fetchall()
    payloads_before = dict(before.execute("SELECT event_key, payload FROM deliveries").fetchall())
    before.close()

    store = Store(path)
    assert migration_names(store) == MIGRATIONS
    # Every row keeps its id, status and attempts; each event's payload is now stored once.
    assert store.db.execute(f"SELECT {kept} FROM deliveries ORDER BY id").fetchall() == rows_before
    assert dict(store.db.execute("SELECT event_key, payload FROM alert_events").fetchall()) == payloads_before
    assert len(payloads_before) == 2  # three rows, two events
    store.close()
    store = Store(path)  # reopening applies nothing again
    assert len(migration_names(store)) == len(set(migration_names(store))) == len(MIGRATIONS)

    db = store.db
    listed = list_deliveries(db)
    assert [(r["id"], r["status"]) for r in listed] == [(3, "pending"), (2, "failed"), (1, "delivered")]
    assert listed[2]["delivered_at"] == "2027-01-15T08:00:01Z"
    # UNIQUE (notifier, event_key) still holds: the event delivered before the upgrade is not queued again.
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "mig-secret")
    rec = Receiver("mig-secret")
    ops = webhook_notifier(rec.url)
    with db.atomic():
        assert enqueue(db, [ops], change_event(), now=T0) == 0
    # The reachability recorded before the upgrade is still the reference: error -> ok is a transition.
    assert Outbox(db).document_state("zoom") == "error"

    rec.start()
    try:
        assert retry(db, [2], now=T0 + 10) == 1
        [outcome] = deliver_pending(db, [ops], now=T0 + 10)
        assert outcome.status == "delivered" and outcome.event_keys == ("zoom:change:old-1",)
        assert sum(rec.counts.values()) == 1
        # The row queued before the upgrade (for "mail") is delivered with its payload.
        mail = webhook_notifier(rec.url, name="mail")
        [queued] = deliver_pending(db, [mail], now=T0 + 10)
        assert queued.status == "delivered" and queued.event_keys == (change_event()["event_key"],)
        assert rec.bodies[-1]["changes"][0]["id"] == "10.4" and rec.bodies[-1]["document"]["name"] == "zoom"
    finally:
        rec.stop()
    assert [r["status"] for r in list_deliveries(db, "delivered")] == ["delivered"] * 3
    store.close()


def test_ensure_schema_still_makes_a_bare_outbox_database(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "bare.db")
    ensure_schema(db)
    ensure_schema(db)  # idempotent
    assert set(schema_sql(db)) == set(OUTBOX_OBJECTS)
    assert "documents" not in db.table_names()  # only the outbox, as before


def test_outbox_queries(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    box = Outbox(store.db)
    fields = dict(document="d", event_kind="change", severity="high", now=T0)
    with store.transaction():
        assert box.add_event(event_key="k1", payload='{"n": 1}', now=T0) == 1
        assert box.add_event(event_key="k1", payload='{"n": 2}', now=T0) == 0  # stored once, first kept
        assert box.add_event(event_key="k2", payload="{}", now=T0) == 1
        assert box.add(notifier="n", event_key="k1", **fields) == 1
        assert box.add(notifier="n", event_key="k1", **fields) == 0
        assert box.add(notifier="n", event_key="k2", **fields) == 1
    due = box.due("n", T0)
    assert [r["event_key"] for r in due] == ["k1", "k2"] and due[0]["payload"] == '{"n": 1}'
    assert set(due[0]) == {"id", "event_key", "payload", "attempts", "batch", "created_at", "requeued_at"}
    store.db.execute("UPDATE deliveries SET status = 'sending' WHERE event_key = 'k2'")  # claimed elsewhere
    claimed = box.claim(due, now=T0, batch="b1", run_id="r")
    assert [r["event_key"] for r in claimed] == ["k1"]
    box.settle_failure([claimed[0]["id"]], status="pending", next_attempt_at=T0 + 60, error="x" * 900)
    [row] = box.rows("pending")
    assert row["batch"] == "b1" and row["attempts"] == 1 and len(row["last_error"] or "") == 500
    assert set(row) == set(DeliveryRow.__required_keys__)
    assert box.requeue([], now=T0) == 0
    assert box.requeue_interrupted("n", now=T0 + 10, sending_before=T0) == 0  # k2 has no sending_since
    assert box.expire_pending("n", queued_before=T0 + 1) == 1
    box.mark_delivered([row["id"]], delivered_at=T0 + 2)
    assert [r["status"] for r in box.rows()] == ["sending", "delivered"]
    store.close()


def test_typed_rows_have_exactly_their_declared_keys(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    with store.transaction():
        store.upsert_document("d", "https://e.com/t", service="S", title="T", type_="terms")
        sid, _ = store.put_snapshot(
            "d",
            b"page",
            url="u",
            http_status=200,
            content_type="text/html",
            etag=None,
            last_modified=None,
            fetched_at="t",
        )
        store.add_version("d", "text\n", snapshot_id=sid, extractor_version="1", fingerprint="f", kind="new")
        store.add_check("d", outcome="new", snapshot_id=sid, started_at="t", finished_at="t", duration_ms=1)
    cases = [
        (store.versions("d")[0], VersionRow),
        (store.latest_version("d"), VersionRow),
        (store.version("d", 1), VersionWithText),
        (store.snapshot(sid), SnapshotRow),
        (store.checks("d")[0], CheckRow),
        (store.documents()[0], DocumentStatus),
        (store.document("d"), DocumentRow),
        (store.document_summaries()[0], DocumentSummary),
    ]
    for row, kind in cases:
        assert isinstance(row, dict) and set(row) == set(kind.__required_keys__), kind.__name__
    assert store.document("nope") is None
    assert store.document("d") == {
        "name": "d",
        "url": "https://e.com/t",
        "service": "S",
        "title": "T",
        "type": "terms",
    }
    store.close()


def test_the_store_imports_no_stage_above_it_and_no_sql_lives_outside_it() -> None:
    banned = {"alerts", "pipeline", "cli", "fetch", "extract", "flags", "diff", "report", "export"}
    for path in sorted((ROOT / "tosdiff" / "store").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tosdiff."):
                assert node.module.split(".")[1] not in banned, f"{path.name} imports {node.module}"
    sql_call = re.compile(r"\.execute(many|script)?\(")
    for path in sorted((ROOT / "tosdiff").rglob("*.py")):
        if "store" in path.relative_to(ROOT / "tosdiff").parts[:1]:
            continue
        assert not sql_call.search(path.read_text(encoding="utf-8")), f"SQL outside the store in {path}"
