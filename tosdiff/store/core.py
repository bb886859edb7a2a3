"""The Store: open and migrate the database, content-hash dedup, one transaction per check, history queries.

Raw snapshots and extracted texts are kept apart (Open Terms Archive's practice) so a better
extractor can re-derive versions from stored snapshots. Both are stored once per content hash,
zlib-compressed; versions and checks are small rows that point at them.

Storage faults are errors, never tracebacks and never damage. A database file is claimed by its
header's application id (`APPLICATION_ID`): a file holding another application's tables is refused
before anything is written to it (no tables added, no switch to WAL); a tosdiff database made before
the id existed is recognised by its tables and gets the id. On open, ``PRAGMA quick_check`` reads the
whole file (up to `QUICK_CHECK_MAX_BYTES`, and at any size after an unclean stop: a write-ahead log
left behind); a damaged file is refused. A full disk, a read-only or damaged file met later raise a
`StorageFault`, a StoreError: the transaction it hit is rolled back, and the message says what to do.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from tosdiff.errors import StoreError
from tosdiff.language import DETECTOR_VERSION, detect_language
from tosdiff.redact import redact_url
from tosdiff.store.codec import compress_snapshot, compress_text, decompress, now_iso, sha256
from tosdiff.store.database import Database
from tosdiff.store.rows import (
    CheckRow,
    DocumentRow,
    DocumentStatus,
    DocumentSummary,
    LastState,
    SnapshotRow,
    VersionRow,
    VersionWithText,
    dict_rows,
)
from tosdiff.store.schema import migrations

APPLICATION_ID = 0x746F7364  # "tosd": PRAGMA application_id of every tosdiff database
# Tables every tosdiff database has had since its first schema: how one made before the id is known.
TOSDIFF_TABLES = frozenset({"documents", "snapshots", "texts", "versions", "checks"})
# quick_check reads every page (about 0.3 s for 250 MB from the page cache): on every open up to this
# size, and after an unclean stop whatever the size.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024

# SQLite result codes of a storage fault, with what the user can do about each.
_FAULTS = {
    "SQLITE_FULL": "the disk (or the database's size limit) is full: free some space",
    "SQLITE_READONLY": "the database cannot be written (read-only file, folder or file system)",
    "SQLITE_CANTOPEN": "the database file cannot be opened or created (check the folder and its permissions)",
    "SQLITE_IOERR": "a disk I/O error occurred (a full disk or a file size limit is a common cause)",
    "SQLITE_CORRUPT": "the database file is damaged: restore a backup, or recover it with `sqlite3 FILE .recover`",
    "SQLITE_NOTADB": "the file is not an SQLite database",
    "SQLITE_PERM": "access to the database was denied",
}


class StorageFault(StoreError, sqlite3.OperationalError):
    """A fault of the storage under the database (full, read-only, damaged, I/O): a StoreError.

    Still an sqlite3.OperationalError, so code that handles SQLite's own errors keeps doing so.
    """

    error_class = "store"


def fault_message(path: Path, error: sqlite3.Error) -> str | None:
    """The user-facing message of an SQLite error that is a storage fault, else None."""
    name = getattr(error, "sqlite_errorname", "") or ""
    base = name.split("_")[0] + "_" + name.split("_")[1] if name.count("_") >= 2 else name
    advice = _FAULTS.get(name) or _FAULTS.get(base)
    if advice is None:
        return None
    return f"{path}: {advice} ({error})"


class _Connection(sqlite3.Connection):
    """A connection whose storage faults are StorageFault errors naming the file."""

    fault_path = Path()
    damaged: str | None = None  # the message of the first sign of a damaged file, once seen

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:  # noqa: D102 - sqlite3's own
        try:
            return super().execute(*args, **kwargs)
        except sqlite3.Error as e:
            raise self._fault(e) from e

    def executemany(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:  # noqa: D102
        try:
            return super().executemany(*args, **kwargs)
        except sqlite3.Error as e:
            raise self._fault(e) from e

    def commit(self) -> None:  # noqa: D102
        try:
            super().commit()
        except sqlite3.Error as e:
            raise self._fault(e) from e

    def _fault(self, e: sqlite3.Error) -> sqlite3.Error:
        message = fault_message(self.fault_path, e)
        if message and (getattr(e, "sqlite_errorname", "") or "").startswith(
            ("SQLITE_CORRUPT", "SQLITE_NOTADB")
        ):
            self.damaged = self.damaged or message
        return StorageFault(message) if message and not isinstance(e, StorageFault) else e


VERSION_COLUMNS = (
    "version, recorded_at, text_hash, snapshot_id, extractor_version, fingerprint, kind, reverted_to, "
    "technical, summary, source_ref"
)
# A document's versions in the order the terms had them: by the date each was in force (recorded_at),
# not by number. Numbers are given in insertion order, and an imported history (import-ota-history)
# is inserted after versions fetched since; the number breaks ties between versions of one instant.
VERSION_ORDER = "recorded_at, version"


class Store:
    """The tosdiff database: open, migrate, read and write."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # A log left behind means the last writer stopped without closing (killed, power cut).
            unclean = _wal_left_behind(self.path)
            conn = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False, factory=_Connection)
            conn.fault_path = self.path
            # sqlite-utils itself is loaded only if a migration is due or a caller needs more than SQL.
            self.db = Database(conn)
            self.db.execute("PRAGMA busy_timeout = 30000")
            try:
                # Nothing is written before the file is known to be tosdiff's and undamaged.
                claim = self._claim()
                if unclean or self.path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
                    self._quick_check(unclean)
                self.db.enable_wal()
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.db.execute("PRAGMA foreign_keys = ON")
                if claim:
                    self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                if not self._migrated():
                    self._migrate()
            except BaseException:
                conn.close()
                raise
        except StoreError:
            raise
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot open the database: {e}") from None
        except OSError as e:
            raise StoreError(f"{self.path}: cannot create the database folder: {e}") from None

    def _migrate(self) -> None:
        """Apply the pending migrations, one process at a time.

        Two processes opening an older database at once (a cron check and the daemon after an upgrade)
        would both see a migration pending and the second would fail on it ("duplicate column"). Under
        BEGIN IMMEDIATE the second waits (busy_timeout), then finds nothing pending; each migration runs
        in a savepoint of this transaction, so a failing one still leaves the database as it was.
        """
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations.apply(self.db.full())
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _claim(self) -> bool:
        """Check that the file is tosdiff's (or empty); True when its header still needs tosdiff's id."""
        (app_id,) = self.db.execute("PRAGMA application_id").fetchone()
        if app_id == APPLICATION_ID:
            return False
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id == 0 and (not tables or TOSDIFF_TABLES <= tables):
            return True  # a new file, or a tosdiff database made before the id
        what = f"application id {app_id:#x}" if app_id else "tables " + ", ".join(sorted(tables)[:8])
        raise StoreError(
            f"{self.path} is another application's SQLite database ({what}): tosdiff writes nothing to it; "
            "set [storage] path to a file of its own"
        )

    def _migrated(self) -> bool:
        """Whether every migration is already applied (the usual open: nothing to do, nothing to import)."""
        known = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not known:
            return False
        rows = self.db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [migrations.name]
        )
        return set(migrations.names) <= {r[0] for r in rows}

    def _quick_check(self, unclean: bool) -> None:
        """Refuse a damaged database before anything is written to it."""
        problems = [r[0] for r in self.db.execute("PRAGMA quick_check(5)").fetchall()]
        if problems != ["ok"]:
            why = "after an unclean stop, " if unclean else ""
            raise StoreError(
                f"{self.path}: the database is damaged ({why}PRAGMA quick_check: {'; '.join(problems)}); "
                f"tosdiff writes nothing to it: restore a backup, or recover it with "
                f"`sqlite3 {self.path} .recover | sqlite3 recovered.db`"
            )

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write: everything inside commits together or not at all.

        A storage fault inside (a full disk, say) rolls the whole transaction back and is raised as a
        StorageFault, so the caller records that one write as failed and nothing half-written stays.
        Once a read has met a damaged page, no transaction starts: writing would spread the damage.
        """
        damaged = getattr(self.db.conn, "damaged", None)
        if damaged:
            raise StorageFault(f"{damaged}; tosdiff writes nothing more to it")
        with self.db.atomic(immediate=True):  # writes that read first (the outbox, version numbers)
            yield self.db

    def begin(self) -> None:
        """Open a transaction that later transaction() blocks join as savepoints, until commit().

        For a batch of small writes (the run's unchanged checks): one commit instead of one each.
        """
        damaged = getattr(self.db.conn, "damaged", None)
        if damaged:
            raise StorageFault(f"{damaged}; tosdiff writes nothing more to it")
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the transaction begin() opened (nothing to do if none is open); rolled back on failure."""
        if not self.db.conn.in_transaction:
            return
        try:
            self.db.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    # --- writes (call inside transaction()) ---

    def upsert_document(
        self, name: str, url: str, service: str = "", title: str = "", type_: str = ""
    ) -> None:
        """Create the document row, or refresh its url and labels from the config."""
        self.db.execute(
            """INSERT INTO documents (name, url, service, title, type, first_seen) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(name) DO UPDATE SET url = excluded.url, service = excluded.service,
               title = excluded.title, type = excluded.type""",
            [name, redact_url(url), service, title, type_, now_iso()],
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
                redact_url(url),
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
        """Store an extracted text once per content hash, with its detected language; return the hash."""
        digest = sha256(text)
        data = text.encode("utf-8")
        # The language is detected once, here, where the text is new (about half a millisecond), so
        # `list` at 10,000 documents reads a column instead of re-detecting every latest text.
        self.db.execute(
            "INSERT OR IGNORE INTO texts (hash, size, body, language, language_detector) VALUES (?, ?, ?, ?, ?)",
            [digest, len(data), compress_text(data), detect_language(text), DETECTOR_VERSION],
        )
        return digest

    def text_language(self, text_hash: str) -> str:
        """The language of a stored text: the one recorded by this detector version, else detected now.

        A detection made here is written back (a cache of a pure function of an immutable text), so an
        older database, or texts labelled by an older detector, cost the detection once, not on every
        `list`. A database that cannot be written to just is not cached.
        """
        row = self.db.execute(
            "SELECT language, language_detector FROM texts WHERE hash = ?", [text_hash]
        ).fetchone()
        if row and row[0] and row[1] == DETECTOR_VERSION:
            return row[0]
        language = detect_language(self.text(text_hash))
        try:
            with self.db.atomic():
                self.db.execute(
                    "UPDATE texts SET language = ?, language_detector = ? WHERE hash = ?",
                    [language, DETECTOR_VERSION, text_hash],
                )
        except sqlite3.OperationalError:
            pass  # read-only or busy: the answer stands, only the cache is skipped
        return language

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
        source_ref: str | None = None,
    ) -> int:
        """Add a version of a document under the next free number; return its number.

        `recorded_at` (default: now) places it in the document's history; `source_ref` says where an
        imported version came from (``git:<commit id>``).
        """
        text_hash = self.put_text(text)
        (latest,) = self.db.execute(
            "SELECT COALESCE(MAX(version), 0) FROM versions WHERE document = ?", [document]
        ).fetchone()
        number = int(latest) + 1
        self.db.execute(
            """INSERT INTO versions (document, version, recorded_at, text_hash, snapshot_id, extractor_version,
               fingerprint, kind, reverted_to, technical, summary, source_ref)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
                source_ref,
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
            """SELECT c.etag, c.last_modified, COALESCE(c.body_hash, s.hash), c.version
               FROM checks c LEFT JOIN snapshots s ON s.id = c.snapshot_id
               WHERE c.document = ? AND c.outcome != 'error' ORDER BY c.id DESC LIMIT 1""",
            [document],
        ).fetchone()
        latest = self.latest_version(document)
        if ok and latest and latest["kind"] in ("imported", "backfilled") and ok[3] != latest["version"]:
            # The latest version was imported or backfilled after the last check, and is newer than what that check
            # saw: its page and validators say nothing of this text, so the next fetch is read in full.
            ok = None
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

    def latest_version(self, document: str) -> VersionRow | None:
        """The newest version row of a document, or None."""
        rows = self.versions(document, newest_first=True, limit=1)
        return rows[0] if rows else None

    def latest_fingerprints(self, documents: list[str]) -> dict[str, str | None]:
        """The fingerprint of each named document's latest version (documents with none left out).

        One statement for the whole run's technical-upgrade scan (SQLite walks the index per name),
        instead of a latest_version() row per document read into Python.
        """
        if not documents:
            return {}
        rows = self.db.execute(
            """SELECT d.value, (SELECT v.fingerprint FROM versions v WHERE v.document = d.value
               ORDER BY v.recorded_at DESC, v.version DESC LIMIT 1), (SELECT 1 FROM versions v WHERE v.document = d.value)
               FROM json_each(?) d""",
            [json.dumps(documents)],
        )
        return {name: fp for name, fp, known in rows if known}

    def versions(
        self, document: str, *, newest_first: bool = False, limit: int | None = None
    ) -> list[VersionRow]:
        """Version rows of a document (without text), oldest first by recorded_at (see VERSION_ORDER)."""
        order = "recorded_at DESC, version DESC" if newest_first else VERSION_ORDER
        sql = f"SELECT {VERSION_COLUMNS} FROM versions WHERE document = ? ORDER BY {order}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return cast(list[VersionRow], dict_rows(self.db.execute(sql, [document])))

    def version(self, document: str, number: int) -> VersionWithText | None:
        """One version row with its text, or None."""
        cur = self.db.execute(
            f"SELECT {VERSION_COLUMNS} FROM versions WHERE document = ? AND version = ?", [document, number]
        )
        rows = dict_rows(cur)
        if not rows:
            return None
        data = rows[0]
        data["text"] = self.text(data["text_hash"])
        return cast(VersionWithText, data)

    def version_by_text(self, document: str, text_hash: str) -> int | None:
        """The number of the most recent version (by recorded_at) of a document whose text has this hash."""
        row = self.db.execute(
            """SELECT version FROM versions WHERE document = ? AND text_hash = ?
               ORDER BY recorded_at DESC, version DESC LIMIT 1""",
            [document, text_hash],
        ).fetchone()
        return int(row[0]) if row else None

    def previous_version(self, document: str, number: int) -> int | None:
        """The number of the version just before version `number` in the document's history, or None."""
        row = self.db.execute(
            """SELECT p.version FROM versions v JOIN versions p ON p.document = v.document
               WHERE v.document = ? AND v.version = ?
               AND (p.recorded_at < v.recorded_at OR (p.recorded_at = v.recorded_at AND p.version < v.version))
               ORDER BY p.recorded_at DESC, p.version DESC LIMIT 1""",
            [document, number],
        ).fetchone()
        return int(row[0]) if row else None

    def source_refs(self, document: str, prefix: str) -> set[str]:
        """The `source_ref`s starting with `prefix` of a document's versions (what an import already holds)."""
        rows = self.db.execute(
            "SELECT source_ref FROM versions WHERE document = ? AND substr(source_ref, 1, ?) = ?",
            [document, len(prefix), prefix],
        )
        return {r[0] for r in rows}

    def text(self, text_hash: str) -> str:
        """The extracted text stored under a hash."""
        row = self.db.execute("SELECT body FROM texts WHERE hash = ?", [text_hash]).fetchone()
        if not row:
            raise StoreError(f"{self.path}: text {text_hash[:12]} is missing")
        try:
            return decompress(row[0]).decode("utf-8")
        except (zlib.error, UnicodeDecodeError) as e:
            raise self._damaged(f"text {text_hash[:12]} cannot be read back ({e})") from None

    def snapshot(self, snapshot_id: int) -> SnapshotRow:
        """One raw snapshot with its decompressed body."""
        cur = self.db.execute(
            "SELECT id, document, hash, fetched_at, url, http_status, content_type, etag, last_modified, size, body "
            "FROM snapshots WHERE id = ?",
            [snapshot_id],
        )
        rows = dict_rows(cur)
        if not rows:
            raise StoreError(f"{self.path}: snapshot {snapshot_id} is missing")
        data = rows[0]
        try:
            data["body"] = decompress(data["body"])
        except zlib.error as e:
            raise self._damaged(f"snapshot {snapshot_id} cannot be read back ({e})") from None
        return cast(SnapshotRow, data)

    def _damaged(self, what: str) -> StorageFault:
        """The error for stored bytes that no longer decode; no transaction starts after it."""
        message = f"{self.path}: {_FAULTS['SQLITE_CORRUPT']} ({what})"
        conn = cast(_Connection, self.db.conn)
        conn.damaged = conn.damaged or message
        return StorageFault(message)

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

    def documents(self) -> list[DocumentStatus]:
        """Every document the database knows, with its latest version and last check."""
        cur = self.db.execute("SELECT * FROM document_status ORDER BY document")
        return cast(list[DocumentStatus], dict_rows(cur))

    def document(self, name: str) -> DocumentRow | None:
        """A document's url and labels, or None if the database does not know it."""
        cur = self.db.execute("SELECT name, url, service, title, type FROM documents WHERE name = ?", [name])
        rows = dict_rows(cur)
        return cast(DocumentRow, rows[0]) if rows else None

    def document_summaries(self) -> list[DocumentSummary]:
        """Every document with its labels and last check, by name."""
        cur = self.db.execute(
            """SELECT d.name, d.url, d.service, d.title, d.type, s.last_check_at, s.last_outcome, s.last_error
               FROM documents d JOIN document_status s ON s.document = d.name ORDER BY d.name"""
        )
        return cast(list[DocumentSummary], dict_rows(cur))

    def version_keys(self) -> dict[str, str]:
        """Per document, a key that changes whenever a version is added, removed or re-marked (the report's cache)."""
        cur = self.db.execute(
            "SELECT document, COUNT(*), MAX(id), SUM(id), SUM(technical), MAX(version) FROM versions GROUP BY document"
        )
        return {r[0]: ":".join(str(x) for x in r[1:]) for r in cur.fetchall()}

    def checks(self, document: str, limit: int = 20) -> list[CheckRow]:
        """The most recent checks of a document, newest first."""
        cur = self.db.execute(
            "SELECT * FROM checks WHERE document = ? ORDER BY id DESC LIMIT ?", [document, limit]
        )
        return cast(list[CheckRow], dict_rows(cur))


def _wal_left_behind(path: Path) -> bool:
    """Whether a non-empty write-ahead log sits beside the database (a writer stopped without closing)."""
    try:
        return os.path.getsize(str(path) + "-wal") > 0
    except OSError:
        return False
