"""The store: content-hash dedup, atomic writes, migrations that run once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tosdiff.store import Store


def test_snapshots_and_texts_are_stored_once_per_hash(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    with store.transaction():
        store.upsert_document("d", "https://e.com/t")
        a = store.put_snapshot(
            "d",
            b"<p>x</p>" * 100,
            url="u",
            http_status=200,
            content_type="text/html",
            etag=None,
            last_modified=None,
            fetched_at="t",
        )
        b = store.put_snapshot(
            "d",
            b"<p>x</p>" * 100,
            url="u",
            http_status=200,
            content_type="text/html",
            etag=None,
            last_modified=None,
            fetched_at="t2",
        )
        v1 = store.add_version(
            "d", "same text\n", snapshot_id=a[0], extractor_version="1", fingerprint="f", kind="new"
        )
        v2 = store.add_version(
            "d",
            "same text\n",
            snapshot_id=b[0],
            extractor_version="1",
            fingerprint="f",
            kind="reverted",
            reverted_to=1,
        )
    assert a == b and (v1, v2) == (1, 2)
    assert store.db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    assert store.snapshot(a[0])["body"] == b"<p>x</p>" * 100
    # compressed on disk
    assert store.db.execute("SELECT length(body) FROM snapshots").fetchone()[0] < 800
    assert store.version("d", 2)["text"] == "same text\n"
    assert store.version_by_text("d", store.version("d", 1)["text_hash"]) == 2


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    with pytest.raises(RuntimeError), store.transaction():
        store.upsert_document("d", "https://e.com/t")
        store.add_version("d", "text\n", snapshot_id=None, extractor_version="1", fingerprint="f", kind="new")
        raise RuntimeError("crash between writes")
    assert store.versions("d") == []
    assert store.db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0
    assert store.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_reopen_applies_migrations_once_and_uses_wal(tmp_path: Path) -> None:
    Store(tmp_path / "t.db").close()
    store = Store(tmp_path / "t.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names)) >= 1


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    path.write_bytes(b"this is not a database" * 100)
    from tosdiff.errors import StoreError

    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM versions")


def test_prune_keeps_version_snapshots_the_latest_and_recent_errors(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")

    def snap(body: bytes) -> int:
        return store.put_snapshot(
            "d",
            body,
            url="u",
            http_status=200,
            content_type="text/html",
            etag=None,
            last_modified=None,
            fetched_at="t",
        )[0]

    with store.transaction():
        store.upsert_document("d", "https://e.com/t")
        v1 = snap(b"page one, nonce 1")
        store.add_version("d", "text\n", snapshot_id=v1, extractor_version="1", fingerprint="f", kind="new")
        store.add_check("d", outcome="new", snapshot_id=v1, started_at="t", finished_at="t", duration_ms=1)
        noise = [snap(f"page one, nonce {i}".encode()) for i in range(2, 6)]
        for sid in noise:
            store.add_check(
                "d", outcome="unchanged", snapshot_id=sid, started_at="t", finished_at="t", duration_ms=1
            )
        bad = snap(b"captcha")
        store.add_check("d", outcome="error", snapshot_id=bad, started_at="t", finished_at="t", duration_ms=1)
        latest = snap(b"page one, nonce 9")
        store.add_check(
            "d", outcome="unchanged", snapshot_id=latest, started_at="t", finished_at="t", duration_ms=1
        )
        assert store.prune_snapshots("d", keep=latest) == len(noise)
    left = {r[0] for r in store.db.execute("SELECT id FROM snapshots")}
    assert left == {v1, bad, latest}
    # every check is still logged; the pruned ones no longer point at bytes
    assert store.db.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 7
    assert store.db.execute("SELECT COUNT(*) FROM checks WHERE snapshot_id IS NULL").fetchone()[0] == 4
