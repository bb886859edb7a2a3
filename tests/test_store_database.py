"""The Store's database handle: sqlite-utils' transaction semantics, sqlite-utils itself only on demand."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tosdiff.store import Store


def test_writes_outside_a_transaction_commit_at_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    store.db.execute("CREATE TABLE t (x INTEGER)")
    store.db.execute("INSERT INTO t VALUES (1)")
    other = sqlite3.connect(tmp_path / "t.db")
    try:
        assert other.execute("SELECT x FROM t").fetchall() == [(1,)]  # seen from another connection
    finally:
        other.close()
        store.close()


def test_atomic_rolls_back_everything_and_a_nested_block_alone(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    db = store.db
    db.execute("CREATE TABLE t (x INTEGER)")
    with pytest.raises(RuntimeError), db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("boom")
    with db.atomic():
        db.execute("INSERT INTO t VALUES (2)")
        with pytest.raises(RuntimeError), db.atomic():  # a savepoint: only this block goes
            db.execute("INSERT INTO t VALUES (3)")
            raise RuntimeError("boom")
    assert db.execute("SELECT x FROM t").fetchall() == [(2,)]
    # A failed statement outside a transaction leaves none open behind it.
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO documents (name) VALUES ('x')")  # url NOT NULL
    assert not db.conn.in_transaction
    # Anything beyond SQL is sqlite-utils' own API, on the same connection.
    assert "documents" in db.table_names() and {c.name for c in db["t"].columns} == {"x"}
    store.close()


def test_opening_an_up_to_date_database_does_not_load_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    Store(path).close()  # made and migrated
    code = (
        "import sys\n"
        "from tosdiff.store import Store\n"
        f"s = Store({str(path)!r})\n"
        "with s.transaction():\n"
        "    s.upsert_document('d', 'https://example.com/terms')\n"
        "print('sqlite_utils' in sys.modules, len(s.versions('d')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, timeout=60
    ).stdout
    assert out.split() == ["False", "0"]


def test_a_transaction_that_reads_first_waits_for_another_writer_instead_of_failing(tmp_path) -> None:  # noqa: ANN001
    """Process A reads then writes in one transaction while B (say `tosdiff alerts retry` during a run)
    writes in between: both commit. A deferred BEGIN failed at once with SQLITE_BUSY_SNAPSHOT."""
    import threading
    import time

    from tosdiff.store import Store

    path = tmp_path / "t.db"
    Store(path).close()
    started, errors = threading.Event(), []

    def first() -> None:
        store = Store(path)
        try:
            with store.transaction():
                store.version_keys()  # a read: the transaction has its snapshot
                started.set()
                time.sleep(0.5)  # meanwhile the other writer wants in
                store.upsert_document("mine", "https://m.example/")
        except Exception as e:  # noqa: BLE001 (reported below)
            errors.append(e)
        finally:
            store.close()

    def second() -> None:
        started.wait(10)
        store = Store(path)
        try:
            with store.transaction():
                store.upsert_document("other", "https://o.example/")
        except Exception as e:  # noqa: BLE001
            errors.append(e)
        finally:
            store.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    store = Store(path)
    names = {r[0] for r in store.db.execute("SELECT name FROM documents")}
    store.close()
    assert names == {"mine", "other"}
