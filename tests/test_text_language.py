"""A text's language is detected once, when the store writes it (m080), and `list` reads it back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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


def test_a_stored_text_carries_its_detected_language(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    _version(store, "cgu", FRENCH, "2026-01-01T00:00:00Z")
    _version(store, "tos", ENGLISH, "2026-01-01T00:00:00Z")
    latest = {r: store.latest_version(r)["text_hash"] for r in ("cgu", "tos")}
    assert store.text_language(latest["cgu"]) == "fr"
    assert store.text_language(latest["tos"]) == "en"
    assert store.text_language("0" * 64) is None
    store.close()


def test_m080_labels_each_documents_latest_text_of_an_older_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store(path)
    _version(store, "cgu", ENGLISH, "2026-01-01T00:00:00Z")  # the older text, English
    _version(store, "cgu", FRENCH, "2026-02-01T00:00:00Z")  # the latest, French
    store.close()
    # Make it the database m075 left: no language column, m080 not applied.
    con = sqlite3.connect(path)
    with con:
        con.execute("DROP VIEW IF EXISTS version_list")
        con.execute("ALTER TABLE texts DROP COLUMN language")
        con.execute("DELETE FROM _sqlite_migrations WHERE name = 'm080_text_language'")
    views = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    con.close()

    store = Store(path)  # opening applies m080
    languages = dict(store.db.execute("SELECT hash, language FROM texts").fetchall())
    latest = store.latest_version("cgu")["text_hash"]
    assert languages.pop(latest) == "fr"
    assert list(languages.values()) == [None]  # the older text is left to be detected when read
    assert "m080_text_language" in {r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")}
    store.close()
    assert views  # the database had its views before the column was dropped


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
    # Unknown (a text stored before m080 and not relabelled): detected from the text when read.
    store = Store(db_path)
    store.db.execute("UPDATE texts SET language = NULL")
    store.close()
    code, listed = cli.json("list")
    assert code == 0 and [(d["name"], d["language"]) for d in listed] == [("cgu", "fr")]
