"""`tosdiff remove NAME --purge`: drop one document's whole history from the database, in one transaction.

Every table with a `document` column is found from the schema itself (not from a list kept here), so
a table a later migration adds is purged too. Texts and alert payloads are shared by hash between
documents: only those no other row refers to any more are deleted.
"""

from __future__ import annotations

from tosdiff.store.core import Store

# Deleted last, in this order: versions and checks refer to snapshots, everything to documents.
_LAST = ("snapshots", "documents")


def _document_tables(store: Store) -> list[str]:
    """Tables (not views) holding rows per document, by a `document` column."""
    names = [
        r[0]
        for r in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    # PRAGMA table_info takes no bound parameter; the names come from sqlite_master, quoted anyway.
    return [
        t
        for t in names
        if t not in _LAST
        and any(col[1] == "document" for col in store.db.execute(f'PRAGMA table_info("{t}")').fetchall())
    ]


def history_size(store: Store, name: str) -> dict[str, int]:
    """How much the database holds of a document: its versions and checks (0 and 0 when unknown)."""
    versions = store.db.execute("SELECT COUNT(*) FROM versions WHERE document = ?", [name]).fetchone()[0]
    checks = store.db.execute("SELECT COUNT(*) FROM checks WHERE document = ?", [name]).fetchone()[0]
    return {"versions": versions, "checks": checks}


def purge_document(store: Store, name: str) -> dict[str, int]:
    """Delete every row of one document (versions, checks, snapshots, alerts...); rows deleted per table.

    One transaction: a failure (a full disk) leaves the history whole. Texts and alert payloads that
    only this document used go too; VACUUM is left to the user (the freed pages are reused).
    """
    deleted: dict[str, int] = {}
    with store.transaction() as db:
        texts = [
            r[0] for r in db.execute("SELECT DISTINCT text_hash FROM versions WHERE document = ?", [name])
        ]
        events: list[str] = []
        tables = _document_tables(store)
        if "deliveries" in tables:
            events = [
                r[0]
                for r in db.execute("SELECT DISTINCT event_key FROM deliveries WHERE document = ?", [name])
            ]
        for table in [*tables, *_LAST]:
            column = "name" if table == "documents" else "document"
            cur = db.execute(f'DELETE FROM "{table}" WHERE "{column}" = ?', [name])
            deleted[table] = cur.rowcount
        deleted["texts"] = sum(
            db.execute(
                "DELETE FROM texts WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM versions WHERE text_hash = ?)",
                [h, h],
            ).rowcount
            for h in texts
        )
        if events and "alert_events" in {
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }:
            deleted["alert_events"] = sum(
                db.execute(
                    "DELETE FROM alert_events WHERE event_key = ? "
                    "AND NOT EXISTS (SELECT 1 FROM deliveries WHERE event_key = ?)",
                    [k, k],
                ).rowcount
                for k in events
            )
    return deleted
