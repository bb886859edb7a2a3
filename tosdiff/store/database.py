"""The Store's database handle: sqlite-utils' Database, loaded only when something needs more than SQL.

A check opens the database, reads and writes rows with plain SQL in transactions, and closes it.
Importing sqlite-utils for that (with click, dateutil and pluggy, and its regexes compiled) was about
50 ms of every run's start-up, a quarter of a 200-document check's fixed cost (bench/README.md, issue
17). `Database` does `execute`, `atomic` and `enable_wal` itself, with sqlite-utils' semantics (a
write outside a transaction commits at once; nested `atomic()` blocks are savepoints), and hands any
other attribute (`db["table"]`, `db.table_names()`, migrations) to a real sqlite_utils.Database on the
same connection, made on first use.
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from collections.abc import Generator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

# Statements that open or close a transaction themselves (sqlite-utils' _TRANSACTION_CONTROL_KEYWORDS).
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


class Database:
    """A connection with sqlite_utils.Database's execute/atomic behaviour; the rest of its API on demand."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: sqlite_utils.Database | None = None
        # What sqlite_utils.Database(conn) does on construction: keep the same connection settings.
        self.execute("PRAGMA recursive_triggers=on;")

    def full(self) -> sqlite_utils.Database:
        """The sqlite_utils.Database on this connection (imported and made once)."""
        if self._full is None:
            import sqlite_utils

            # No plugins: tosdiff uses none, and loading them scans every installed package's entry points.
            self._full = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        return getattr(self.full(), name)

    def __getitem__(self, name: str) -> Any:
        return self.full()[name]

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement; a write outside a transaction commits at once (as sqlite-utils does)."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")  # never leave an implicit transaction open after a failure
            raise
        if (
            not was_in_transaction
            and conn.in_transaction
            and cursor.description is None
            and first_keyword(sql) not in _TRANSACTION_CONTROL
        ):
            conn.execute("COMMIT")
        return cursor

    @contextlib.contextmanager
    def atomic(self, immediate: bool = False) -> Generator[Database, None, None]:
        """One transaction (a savepoint when nested): committed at the end, rolled back on any error.

        `immediate` takes the write lock at once (BEGIN IMMEDIATE) for a transaction that reads before
        it writes: a deferred one whose snapshot another connection has written past cannot upgrade to
        a writer and fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting its busy_timeout.
        """
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"sqlite_utils_{secrets.token_hex(16)}"
            conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) may already have ended it
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                conn.execute(f"RELEASE SAVEPOINT {savepoint};")
        else:
            conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def enable_wal(self) -> None:
        """Switch to write-ahead logging (outside any transaction), unless the file already uses it."""
        if self.conn.execute("PRAGMA journal_mode;").fetchone()[0] == "wal":
            return
        if self.conn.in_transaction:
            raise sqlite3.OperationalError("enable_wal() cannot run inside a transaction")
        level = self.conn.isolation_level
        try:
            self.conn.isolation_level = None
            self.execute("PRAGMA journal_mode=wal;")
        finally:
            self.conn.isolation_level = level

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def first_keyword(sql: str) -> str:
    """The first keyword of a statement, upper-cased, past whitespace, comments, `;` and a BOM."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            if newline == -1:
                return ""
            i = newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end == -1:
                return ""
            i = end + 2
        else:
            j = i
            while j < n and (sql[j].isalpha() or sql[j] == "_"):
                j += 1
            return sql[i:j].upper()
    return ""
