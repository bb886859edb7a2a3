"""A text's language is detected once, when the store writes it (m080), or on its first read for texts
stored before; `list` reads it back; migrations are applied by one process at a time."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import ROOT
from tosdiff.language import DETECTOR_VERSION
from tosdiff.store import Store

FRENCH = (
    "Article 1. En utilisant le service, vous acceptez les présentes conditions. Nous pouvons modifier "
    "les conditions à tout moment et nous vous informerons de toute modification importante."
)
ENGLISH = (
    "1. By using the service you agree to these terms. We may change the terms at any time and we will "
    "tell you about any important change."
)


def _version(store: Store, name: str, text: str, when: str) -> int:
    with store.db.atomic():
        store.upsert_document(name, f"https://example.com/{name}")
        return store.add_version(
            name, text, snapshot_id=None, extractor_version="t", fingerprint="t", kind="new", recorded_at=when
        )


def _labels(path: Path) -> dict[str, tuple[str | None, str | None]]:
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT hash, language, language_detector FROM texts").fetchall()
    finally:
        con.close()
    return {h: (lang, det) for h, lang, det in rows}


def _as_before_m080(path: Path) -> None:
    """Make a database what the previous release left: no language columns, m080 not applied."""
    con = sqlite3.connect(path)
    with con:
        con.execute("ALTER TABLE texts DROP COLUMN language")
        con.execute("ALTER TABLE texts DROP COLUMN language_detector")
        con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm080_text_language'")
    con.close()


def test_a_stored_text_carries_its_detected_language(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    _version(store, "cgu", FRENCH, "2026-01-01T00:00:00Z")
    _version(store, "tos", ENGLISH, "2026-01-01T00:00:00Z")
    latest = {r: store.latest_version(r)["text_hash"] for r in ("cgu", "tos")}
    store.close()
    labels = _labels(tmp_path / "t.db")
    assert labels[latest["cgu"]] == ("fr", DETECTOR_VERSION)
    assert labels[latest["tos"]] == ("en", DETECTOR_VERSION)


def test_an_older_databases_texts_are_detected_once_on_first_read(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store(path)
    _version(store, "cgu", FRENCH, "2026-01-01T00:00:00Z")
    store.close()
    _as_before_m080(path)

    store = Store(path)  # opening applies m080: the columns only, nothing decompressed
    text_hash = store.latest_version("cgu")["text_hash"]
    assert _labels(path)[text_hash] == (None, None)
    assert store.text_language(text_hash) == "fr"  # detected from the text, then kept
    assert _labels(path)[text_hash] == ("fr", DETECTOR_VERSION)
    # A label from another detector version is not trusted: detected again and replaced.
    store.db.execute("UPDATE texts SET language = 'it', language_detector = 'old'")
    assert store.text_language(text_hash) == "fr"
    assert _labels(path)[text_hash] == ("fr", DETECTOR_VERSION)
    store.close()


OPEN = textwrap.dedent(
    """
    import sys
    from tosdiff.errors import StoreError
    from tosdiff.store import Store
    try:
        Store(sys.argv[1]).close()
        print("opened")
    except StoreError as e:
        print("StoreError:", e)
    """
)


def test_two_processes_opening_an_older_database_at_once_both_open(tmp_path: Path) -> None:
    """The first open after an upgrade, from two processes while a third writes: one migrates, the other
    waits for it and finds nothing left to do (it used to fail with "duplicate column name")."""
    path = tmp_path / "old.db"
    store = Store(path)
    _version(store, "tos", ENGLISH, "2026-01-01T00:00:00Z")
    store.close()
    _as_before_m080(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, env=env,
        )
        for _ in range(2)
    ]  # fmt: skip
    time.sleep(1.5)
    holder.execute("COMMIT")
    holder.close()
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert [o.splitlines()[-1] for o in outs] == ["opened", "opened"], outs
    con = sqlite3.connect(path)
    applied = [r[0] for r in con.execute("SELECT name FROM _sqlite_migrations WHERE name LIKE 'm080%'")]
    con.close()
    assert applied == ["m080_text_language"]


def test_list_reads_the_stored_language(tmp_path: Path, make_cli) -> None:
    cli = make_cli([{"name": "cgu", "url": "https://example.com/cgu"}])
    db_path = cli.config.parent / "db" / "tosdiff.db"
    db_path.parent.mkdir()
    store = Store(db_path)
    _version(store, "cgu", FRENCH, "2026-01-01T00:00:00Z")
    # A stored label that detection would not give shows that `list` reads the column, not the text.
    store.db.execute("UPDATE texts SET language = 'it'")
    store.close()
    code, listed = cli.json("list")
    assert code == 0 and [(d["name"], d["language"]) for d in listed] == [("cgu", "it")]
    # Unknown (a text stored before m080): detected from the text when read, and kept.
    store = Store(db_path)
    store.db.execute("UPDATE texts SET language = NULL, language_detector = NULL")
    store.close()
    code, listed = cli.json("list")
    assert code == 0 and [(d["name"], d["language"]) for d in listed] == [("cgu", "fr")]
    assert list(_labels(db_path).values()) == [("fr", DETECTOR_VERSION)]
