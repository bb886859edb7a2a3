"""The database schema: every table, index and view, as sqlite-utils migrations applied in order.

A migration runs once per database (recorded in `_sqlite_migrations`); a new table is a new
migration appended here, never an edit of an applied one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


class LazyMigrations:
    """sqlite-utils' Migrations("tosdiff"), made on first use.

    Opening a database whose migrations are all applied (every check) needs only their names, which
    this registry knows without importing sqlite-utils (~50 ms of start-up; tosdiff.store.database).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._registered: list[tuple[Callable, dict[str, Any]]] = []
        self._real: sqlite_utils.Migrations | None = None

    def __call__(self, **kwargs: Any) -> Callable[[Callable], Callable]:
        """Register a migration function (as sqlite-utils' decorator does)."""

        def inner(fn: Callable) -> Callable:
            self._registered.append((fn, kwargs))
            return fn

        return inner

    @property
    def names(self) -> list[str]:
        """The names of every registered migration, in order."""
        return [kwargs.get("name") or fn.__name__ for fn, kwargs in self._registered]

    def real(self) -> sqlite_utils.Migrations:
        """The sqlite_utils.Migrations holding every registered migration."""
        if self._real is None:
            from sqlite_utils import Migrations

            real = Migrations(self.name)
            for fn, kwargs in self._registered:
                real(**kwargs)(fn)
            self._real = real
        return self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)  # apply, pending, applied


migrations = LazyMigrations("tosdiff")

# The alert outbox. Until m050 these tables were created by the alerts package on every open
# (CREATE ... IF NOT EXISTS), outside the migrations; the statements are kept word for word so a
# database made that way and one made by m050 have the same schema, and m050 is a no-op on the former.
OUTBOX_SCHEMA_SQL = [
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
    # Last known reachability of each document, so error/recovery alerts fire on transitions only.
    """CREATE TABLE IF NOT EXISTS alert_document_state (
        document TEXT PRIMARY KEY,
        state TEXT NOT NULL,                 -- ok | error
        since TEXT NOT NULL
    )""",
]


def create_outbox_tables(db: sqlite_utils.Database) -> None:
    """Create the outbox tables as m050 made them, if missing (idempotent; `upgrade_outbox` follows)."""
    for sql in OUTBOX_SCHEMA_SQL:
        db.execute(sql)


# m060: an event's payload is stored once in `alert_events`, whatever the number of notifiers that
# deliver it (a change of thousands of clauses made a payload of megabytes per notifier before);
# `deliveries` keeps one small row per (notifier, event) and finds the payload by its event_key.
ALERT_EVENTS_SQL = """CREATE TABLE IF NOT EXISTS alert_events (
        event_key TEXT PRIMARY KEY,
        payload TEXT NOT NULL,               -- the event as JSON (document text only, never secrets)
        created_at REAL NOT NULL             -- unix seconds
    )"""
DELIVERIES_SQL = """CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        notifier TEXT NOT NULL,
        document TEXT NOT NULL,
        event_kind TEXT NOT NULL,            -- change | error | recovery | test
        event_key TEXT NOT NULL,             -- its payload: alert_events.event_key
        severity TEXT NOT NULL DEFAULT 'info',
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
    )"""
_DELIVERY_COLUMNS = (
    "id, notifier, document, event_kind, event_key, severity, status, attempts, created_at, requeued_at, "
    "next_attempt_at, sending_since, batch, run_id, last_error, delivered_at"
)


def upgrade_outbox(db: sqlite_utils.Database) -> None:
    """Move payloads from `deliveries` (one per notifier) to `alert_events` (one per event); idempotent.

    Run inside a transaction: every row, queued ones included, keeps its id, status and attempts.
    """
    db.execute(ALERT_EVENTS_SQL)
    columns = {row[1] for row in db.execute("PRAGMA table_info(deliveries)").fetchall()}
    if "payload" not in columns:
        return
    # The payload of an event is the same on every notifier's row; the oldest row's is kept.
    db.execute(
        "INSERT OR IGNORE INTO alert_events (event_key, payload, created_at) "
        "SELECT event_key, payload, MIN(created_at) FROM deliveries GROUP BY event_key"
    )
    # SQLite cannot drop a NOT NULL column in place: rebuild the table without it.
    db.execute(DELIVERIES_SQL.replace("CREATE TABLE deliveries", "CREATE TABLE deliveries_m060", 1))
    db.execute(
        f"INSERT INTO deliveries_m060 ({_DELIVERY_COLUMNS}) SELECT {_DELIVERY_COLUMNS} FROM deliveries"
    )
    db.execute("DROP TABLE deliveries")  # its index goes with it
    db.execute("ALTER TABLE deliveries_m060 RENAME TO deliveries")
    db.execute(OUTBOX_SCHEMA_SQL[1])  # deliveries_status_due


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    """Documents, snapshots, texts, versions and checks."""
    db.execute(
        """
        CREATE TABLE documents (
            name TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            service TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT '',
            first_seen TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL REFERENCES documents(name),
            hash TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            url TEXT NOT NULL,
            http_status INTEGER,
            content_type TEXT NOT NULL DEFAULT '',
            etag TEXT,
            last_modified TEXT,
            size INTEGER NOT NULL,
            body BLOB NOT NULL,
            UNIQUE (document, hash)
        )"""
    )
    db.execute(
        """
        CREATE TABLE texts (
            hash TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            body BLOB NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL REFERENCES documents(name),
            version INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            text_hash TEXT NOT NULL REFERENCES texts(hash),
            snapshot_id INTEGER REFERENCES snapshots(id),
            extractor_version TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            kind TEXT NOT NULL,
            reverted_to INTEGER,
            technical INTEGER NOT NULL DEFAULT 0,
            summary TEXT,
            UNIQUE (document, version)
        )"""
    )
    db.execute(
        """
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            document TEXT NOT NULL REFERENCES documents(name),
            run_id TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            http_status INTEGER,
            outcome TEXT NOT NULL,
            error TEXT,
            error_class TEXT,
            attempts INTEGER NOT NULL DEFAULT 1,
            snapshot_id INTEGER REFERENCES snapshots(id),
            version INTEGER,
            etag TEXT,
            last_modified TEXT
        )"""
    )
    db.execute("CREATE INDEX checks_document ON checks(document, id)")
    db.execute("CREATE INDEX versions_document ON versions(document, version)")
    db.execute(
        """
        CREATE VIEW latest_versions AS
        SELECT v.document, d.url, d.service, v.version, v.recorded_at, v.kind, v.text_hash
        FROM versions v JOIN documents d ON d.name = v.document
        WHERE v.version = (SELECT MAX(version) FROM versions WHERE document = v.document)"""
    )
    db.execute(
        """
        CREATE VIEW document_status AS
        SELECT d.name AS document, d.url,
               (SELECT MAX(version) FROM versions WHERE document = d.name) AS latest_version,
               (SELECT started_at FROM checks WHERE document = d.name ORDER BY id DESC LIMIT 1)
                   AS last_check_at,
               (SELECT outcome FROM checks WHERE document = d.name ORDER BY id DESC LIMIT 1)
                   AS last_outcome,
               (SELECT error FROM checks WHERE document = d.name ORDER BY id DESC LIMIT 1)
                   AS last_error
        FROM documents d"""
    )


@migrations()
def m020_datasette_views(db: sqlite_utils.Database) -> None:
    """Read-only views for browsing the database in Datasette (texts stay zlib-compressed in `texts`)."""
    db.execute(
        """
        CREATE VIEW IF NOT EXISTS version_list AS
        SELECT v.document, d.service, d.title, d.url, v.version, v.recorded_at, v.kind, v.reverted_to,
               v.technical, v.summary, t.size AS text_bytes, v.text_hash, v.extractor_version
        FROM versions v JOIN documents d ON d.name = v.document LEFT JOIN texts t ON t.hash = v.text_hash
        ORDER BY v.recorded_at DESC"""
    )
    # One row per change (not first versions): what changed, when, and since when.
    db.execute(
        """
        CREATE VIEW IF NOT EXISTS changes AS
        SELECT v.document, d.service, d.url, v.version, v.kind, v.recorded_at,
               p.recorded_at AS previous_recorded_at, v.reverted_to, v.summary
        FROM versions v JOIN documents d ON d.name = v.document
        LEFT JOIN versions p ON p.document = v.document AND p.version = v.version - 1
        WHERE v.kind != 'new'
        ORDER BY v.recorded_at DESC"""
    )
    db.execute(
        """
        CREATE VIEW IF NOT EXISTS check_log AS
        SELECT c.id, c.document, d.service, d.url, c.started_at, c.duration_ms, c.http_status, c.outcome,
               c.error_class, c.error, c.attempts, c.version, c.run_id
        FROM checks c JOIN documents d ON d.name = c.document
        ORDER BY c.id DESC"""
    )
    db.execute(
        """
        CREATE VIEW IF NOT EXISTS document_health AS
        SELECT d.name AS document, d.service, d.url,
               COUNT(c.id) AS checks,
               SUM(c.outcome = 'error') AS errors,
               SUM(c.outcome IN ('changed', 'reverted')) AS changes,
               MAX(CASE WHEN c.outcome != 'error' THEN c.started_at END) AS last_ok_at,
               MAX(CASE WHEN c.outcome = 'error' THEN c.started_at END) AS last_error_at,
               ROUND(AVG(c.duration_ms)) AS avg_duration_ms
        FROM documents d LEFT JOIN checks c ON c.document = d.name
        GROUP BY d.name"""
    )


@migrations()
def m030_selection_hashes(db: sqlite_utils.Database) -> None:
    """Per document, the selection hash of the page part its latest text was read from (the fast path)."""
    db.execute(
        """
        CREATE TABLE IF NOT EXISTS selection_hashes (
            document TEXT PRIMARY KEY,
            text_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )


@migrations()
def m040_check_body_hash(db: sqlite_utils.Database) -> None:
    """The SHA-256 of the bytes each check received, so a page need not be stored to be recognised."""
    db.execute("ALTER TABLE checks ADD COLUMN body_hash TEXT")


@migrations()
def m050_alert_outbox(db: sqlite_utils.Database) -> None:
    """The alert outbox (`deliveries`) and each document's last alerted reachability."""
    create_outbox_tables(db)


@migrations()
def m060_alert_payload_once(db: sqlite_utils.Database) -> None:
    """One payload per alert event (`alert_events`), not one per notifier; queued rows keep their place."""
    upgrade_outbox(db)


@migrations()
def m075_versions_by_date(db: sqlite_utils.Database) -> None:
    """Versions in date order (an imported history is inserted after newer versions), and their origin.

    `source_ref` keeps where an imported version came from (``git:<commit id>``); the views that named
    the "latest" or "previous" version by number now take it by recorded_at (number breaks ties).
    """
    db.execute("ALTER TABLE versions ADD COLUMN source_ref TEXT")
    db.execute(
        "CREATE INDEX IF NOT EXISTS versions_document_date ON versions(document, recorded_at, version)"
    )
    newest = """(SELECT version FROM versions WHERE document = {d}
                 ORDER BY recorded_at DESC, version DESC LIMIT 1)"""
    db.execute("DROP VIEW IF EXISTS latest_versions")
    db.execute(
        f"""
        CREATE VIEW latest_versions AS
        SELECT v.document, d.url, d.service, v.version, v.recorded_at, v.kind, v.text_hash
        FROM versions v JOIN documents d ON d.name = v.document
        WHERE v.version = {newest.format(d="v.document")}"""
    )
    db.execute("DROP VIEW IF EXISTS document_status")
    db.execute(
        f"""
        CREATE VIEW document_status AS
        SELECT d.name AS document, d.url,
               {newest.format(d="d.name")} AS latest_version,
               (SELECT started_at FROM checks WHERE document = d.name ORDER BY id DESC LIMIT 1)
                   AS last_check_at,
               (SELECT outcome FROM checks WHERE document = d.name ORDER BY id DESC LIMIT 1)
                   AS last_outcome,
               (SELECT error FROM checks WHERE document = d.name ORDER BY id DESC LIMIT 1)
                   AS last_error
        FROM documents d"""
    )
    db.execute("DROP VIEW IF EXISTS changes")
    db.execute(
        """
        CREATE VIEW changes AS
        SELECT * FROM (
            SELECT v.document, d.service, d.url, v.version, v.kind, v.recorded_at,
                   (SELECT p.recorded_at FROM versions p WHERE p.document = v.document
                    AND (p.recorded_at < v.recorded_at
                         OR (p.recorded_at = v.recorded_at AND p.version < v.version))
                    ORDER BY p.recorded_at DESC, p.version DESC LIMIT 1) AS previous_recorded_at,
                   v.reverted_to, v.summary
            FROM versions v JOIN documents d ON d.name = v.document
            WHERE v.technical = 0)
        -- Only the first version by date is no change: a fetched 'new' version that an imported
        -- history now precedes is a change from the imported one before it. Technical versions (a
        -- re-rendering, not new terms) are no change either.
        WHERE previous_recorded_at IS NOT NULL
        ORDER BY recorded_at DESC"""
    )


@migrations()
def m080_text_language(db: sqlite_utils.Database) -> None:
    """Each text's language and the detector version that found it (`list` read it anew for every document).

    Only the columns: filling them for an old database's texts is left to the writes and reads that
    need them (new texts when stored, `list` when it detects one), so opening a big database is not
    held up, nor are other writers, while thousands of texts are decompressed.
    """
    have = {row[1] for row in db.execute("PRAGMA table_info(texts)").fetchall()}
    for column in ("language", "language_detector"):
        if column not in have:
            db.execute(f"ALTER TABLE texts ADD COLUMN {column} TEXT")
