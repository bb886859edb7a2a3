"""SQLite store: schema migrations, content-hash dedup, one transaction per check, history queries.

Raw snapshots and extracted texts are kept apart (Open Terms Archive's practice) so a better
extractor can re-derive versions from stored snapshots. Both are stored once per content hash,
zlib-compressed; versions and checks are small rows that point at them.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from tosdiff.errors import LockTimeout, StoreError

migrations = Migrations("tosdiff")

# Raw snapshots are written on every check whose bytes differ (a per-request nonce is enough), so
# their compression is on the hot path: level 3 costs about half the CPU of 6 for a 10% larger
# blob (bench/bench_extract.py --zlib). Texts are written once per distinct text: level 9 there.
SNAPSHOT_ZLIB_LEVEL = 3


def compress_snapshot(body: bytes) -> bytes:
    """The stored form of a raw snapshot (zlib; runs outside the GIL, so fetch threads may call it)."""
    return zlib.compress(body, SNAPSHOT_ZLIB_LEVEL)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with seconds precision and a Z."""
    # isoformat, not strftime: the C strftime may stat /etc/localtime on every call, holding the GIL.
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes or UTF-8 text."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


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


def _ensure_alert_tables(db: sqlite_utils.Database) -> None:
    try:
        from tosdiff.alerts import ensure_schema
    except ImportError:  # pragma: no cover - shipped with tosdiff
        return
    ensure_schema(db)


@dataclass(frozen=True)
class LastState:
    """What the next check of a document needs to know about its past."""

    etag: str | None = None
    last_modified: str | None = None
    snapshot_hash: str | None = None
    version: int | None = None
    text_hash: str | None = None
    fingerprint: str | None = None
    text: str | None = None
    recorded_at: str | None = None


class Store:
    """The tosdiff database: open, migrate, read and write."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
            self.db = sqlite_utils.Database(conn)
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.enable_wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            migrations.apply(self.db)
            _ensure_alert_tables(self.db)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the database: {e}") from None
        except OSError as e:
            raise StoreError(f"{self.path}: cannot create the database folder: {e}") from None

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One atomic write: everything inside commits together or not at all."""
        with self.db.atomic():
            yield self.db

    # --- writes (call inside transaction()) ---

    def upsert_document(
        self, name: str, url: str, service: str = "", title: str = "", type_: str = ""
    ) -> None:
        """Create the document row, or refresh its url and labels from the config."""
        self.db.execute(
            """INSERT INTO documents (name, url, service, title, type, first_seen) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(name) DO UPDATE SET url = excluded.url, service = excluded.service,
               title = excluded.title, type = excluded.type""",
            [name, url, service, title, type_, now_iso()],
        )

    def put_snapshot(
        self,
        document: str,
        body: bytes,
        *,
        url: str,
        http_status: int | None,
        content_type: str,
        etag: str | None,
        last_modified: str | None,
        fetched_at: str,
        digest: str | None = None,
        compressed: bytes | None = None,
    ) -> tuple[int, str]:
        """Store raw bytes once per (document, content hash); return (snapshot id, hash).

        `digest` and `compressed` (sha256 and compress_snapshot of body) may be computed beforehand
        in a worker thread, so the single writer thread does not spend its time hashing and compressing.
        """
        digest = digest or sha256(body)
        row = self.db.execute(
            "SELECT id FROM snapshots WHERE document = ? AND hash = ?", [document, digest]
        ).fetchone()
        if row:
            return row[0], digest
        cur = self.db.execute(
            """INSERT INTO snapshots (document, hash, fetched_at, url, http_status, content_type, etag,
               last_modified, size, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                document,
                digest,
                fetched_at,
                url,
                http_status,
                content_type,
                etag,
                last_modified,
                len(body),
                compressed if compressed is not None else compress_snapshot(body),
            ],
        )
        return int(cur.lastrowid or 0), digest

    def prune_snapshots(self, document: str, keep: int | None, keep_errors: int = 3) -> int:
        """Drop raw snapshots nothing needs any more; return how many.

        Kept: the snapshot of every version (re-extraction needs it), `keep` (the one just stored),
        and those of the last `keep_errors` failed checks (to see what a blocked or broken page looked
        like). A page with a per-request nonce differs on every fetch; without pruning it would add a
        snapshot per check for months. (Unchanged checks store no page at all with "versions": the
        check row keeps the hash of the bytes, which is what the no-parse fast path compares.)
        """
        doomed = [
            row[0]
            for row in self.db.execute(
                """SELECT id FROM snapshots WHERE document = ? AND id IS NOT ?
                   AND id NOT IN (SELECT snapshot_id FROM versions WHERE document = ? AND snapshot_id IS NOT NULL)
                   AND id NOT IN (SELECT snapshot_id FROM checks WHERE document = ? AND outcome = 'error'
                                  AND snapshot_id IS NOT NULL ORDER BY id DESC LIMIT ?)""",
                [document, keep, document, document, keep_errors],
            )
        ]
        if not doomed:
            return 0
        marks = ",".join("?" for _ in doomed)
        # The checks stay (every attempt is logged); they just no longer point at the bytes.
        self.db.execute(f"UPDATE checks SET snapshot_id = NULL WHERE snapshot_id IN ({marks})", doomed)
        self.db.execute(f"DELETE FROM snapshots WHERE id IN ({marks})", doomed)
        return len(doomed)

    def put_text(self, text: str) -> str:
        """Store an extracted text once per content hash; return the hash."""
        digest = sha256(text)
        data = text.encode("utf-8")
        self.db.execute(
            "INSERT OR IGNORE INTO texts (hash, size, body) VALUES (?, ?, ?)",
            [digest, len(data), zlib.compress(data, 9)],
        )
        return digest

    def add_version(
        self,
        document: str,
        text: str,
        *,
        snapshot_id: int | None,
        extractor_version: str,
        fingerprint: str,
        kind: str,
        reverted_to: int | None = None,
        technical: bool = False,
        summary: str | None = None,
        recorded_at: str | None = None,
    ) -> int:
        """Append the next version of a document; return its number."""
        text_hash = self.put_text(text)
        (latest,) = self.db.execute(
            "SELECT COALESCE(MAX(version), 0) FROM versions WHERE document = ?", [document]
        ).fetchone()
        number = int(latest) + 1
        self.db.execute(
            """INSERT INTO versions (document, version, recorded_at, text_hash, snapshot_id, extractor_version,
               fingerprint, kind, reverted_to, technical, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                document,
                number,
                recorded_at or now_iso(),
                text_hash,
                snapshot_id,
                extractor_version,
                fingerprint,
                kind,
                reverted_to,
                int(technical),
                summary,
            ],
        )
        return number

    def add_check(self, document: str, **fields: Any) -> int:
        """Log one check attempt (time, status, duration, outcome, error)."""
        cols = ["document", *fields]
        cur = self.db.execute(
            f"INSERT INTO checks ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [document, *fields.values()],
        )
        return int(cur.lastrowid or 0)

    # --- reads ---

    def last_state(self, document: str, *, with_text: bool = True) -> LastState:
        """The conditional-request validators, last snapshot and latest version of a document.

        With `with_text=False` the latest text is left out (text is None; text_hash says whether one
        exists): a check cycle needs it only when the page's text changed.
        """
        ok = self.db.execute(
            """SELECT c.etag, c.last_modified, COALESCE(c.body_hash, s.hash)
               FROM checks c LEFT JOIN snapshots s ON s.id = c.snapshot_id
               WHERE c.document = ? AND c.outcome != 'error' ORDER BY c.id DESC LIMIT 1""",
            [document],
        ).fetchone()
        latest = self.latest_version(document)
        return LastState(
            etag=ok[0] if ok else None,
            last_modified=ok[1] if ok else None,
            snapshot_hash=ok[2] if ok else None,
            version=latest["version"] if latest else None,
            text_hash=latest["text_hash"] if latest else None,
            fingerprint=latest["fingerprint"] if latest else None,
            text=self.text(latest["text_hash"]) if latest and with_text else None,
            recorded_at=latest["recorded_at"] if latest else None,
        )

    def selection_hash(self, document: str) -> tuple[str, str] | None:
        """(text hash, selection hash) recorded for the document's latest text, or None."""
        row = self.db.execute(
            "SELECT text_hash, hash FROM selection_hashes WHERE document = ?", [document]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put_selection_hash(self, document: str, text_hash: str, digest: str) -> None:
        """Remember which selection hash yields this text (call inside transaction())."""
        self.db.execute(
            """INSERT INTO selection_hashes (document, text_hash, hash) VALUES (?, ?, ?)
               ON CONFLICT(document) DO UPDATE SET text_hash = excluded.text_hash, hash = excluded.hash""",
            [document, text_hash, digest],
        )

    def consecutive_failures(self, document: str) -> int:
        """How many checks in a row, up to now, ended in error."""
        (n,) = self.db.execute(
            """SELECT COUNT(*) FROM checks WHERE document = ? AND outcome = 'error'
               AND id > COALESCE((SELECT MAX(id) FROM checks WHERE document = ? AND outcome != 'error'), 0)""",
            [document, document],
        ).fetchone()
        return int(n)

    def latest_version(self, document: str) -> dict[str, Any] | None:
        """The newest version row of a document, or None."""
        rows = self.versions(document, newest_first=True, limit=1)
        return rows[0] if rows else None

    def versions(
        self, document: str, *, newest_first: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Version rows of a document (without text)."""
        order = "DESC" if newest_first else "ASC"
        sql = (
            "SELECT version, recorded_at, text_hash, snapshot_id, extractor_version, fingerprint, kind, "
            f"reverted_to, technical, summary FROM versions WHERE document = ? ORDER BY version {order}"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = self.db.execute(sql, [document])
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def version(self, document: str, number: int) -> dict[str, Any] | None:
        """One version row with its text, or None."""
        cur = self.db.execute(
            "SELECT version, recorded_at, text_hash, snapshot_id, extractor_version, fingerprint, kind, reverted_to, "
            "technical, summary FROM versions WHERE document = ? AND version = ?",
            [document, number],
        )
        row = cur.fetchone()
        if not row:
            return None
        data = dict(zip([c[0] for c in cur.description], row, strict=True))
        data["text"] = self.text(data["text_hash"])
        return data

    def version_by_text(self, document: str, text_hash: str) -> int | None:
        """The most recent version number of a document whose text has this hash."""
        row = self.db.execute(
            "SELECT MAX(version) FROM versions WHERE document = ? AND text_hash = ?", [document, text_hash]
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def text(self, text_hash: str) -> str:
        """The extracted text stored under a hash."""
        row = self.db.execute("SELECT body FROM texts WHERE hash = ?", [text_hash]).fetchone()
        if not row:
            raise StoreError(f"{self.path}: text {text_hash[:12]} is missing")
        return zlib.decompress(row[0]).decode("utf-8")

    def snapshot(self, snapshot_id: int) -> dict[str, Any]:
        """One raw snapshot with its decompressed body."""
        cur = self.db.execute(
            "SELECT id, document, hash, fetched_at, url, http_status, content_type, etag, last_modified, size, body "
            "FROM snapshots WHERE id = ?",
            [snapshot_id],
        )
        row = cur.fetchone()
        if not row:
            raise StoreError(f"{self.path}: snapshot {snapshot_id} is missing")
        data = dict(zip([c[0] for c in cur.description], row, strict=True))
        data["body"] = zlib.decompress(data["body"])
        return data

    def newest_readable_snapshot(self, document: str) -> int | None:
        """The id of the newest stored page of a check that read successfully, or None."""
        row = self.db.execute(
            """SELECT snapshot_id FROM checks WHERE document = ? AND outcome != 'error'
               AND snapshot_id IS NOT NULL ORDER BY id DESC LIMIT 1""",
            [document],
        ).fetchone()
        return int(row[0]) if row else None

    def mark_reproduced(self, document: str, version: int, fingerprint: str, extractor_version: str) -> None:
        """Record that the current extractor and selectors reproduce a version's text exactly."""
        self.db.execute(
            "UPDATE versions SET fingerprint = ?, extractor_version = ? WHERE document = ? AND version = ?",
            [fingerprint, extractor_version, document, version],
        )

    def documents(self) -> list[dict[str, Any]]:
        """Every document the database knows, with its latest version and last check."""
        cur = self.db.execute("SELECT * FROM document_status ORDER BY document")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def checks(self, document: str, limit: int = 20) -> list[dict[str, Any]]:
        """The most recent checks of a document, newest first."""
        cur = self.db.execute(
            "SELECT * FROM checks WHERE document = ? ORDER BY id DESC LIMIT ?", [document, limit]
        )
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


class RunLock:
    """An exclusive lock file beside the database, so two runs never write at once."""

    def __init__(self, db_path: Path, timeout: float = 300.0) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        give_up = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= give_up:
                    os.close(fd)
                    holder = self._holder()
                    raise LockTimeout(
                        f"{self.path}: another tosdiff run{holder} holds the lock; gave up after "
                        f"{self.timeout:g}s (raise --lock-timeout to wait longer)"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def _holder(self) -> str:
        try:
            pid = self.path.read_text().strip()
        except OSError:
            return ""
        return f" (pid {pid})" if pid else ""

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
