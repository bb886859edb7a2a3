"""The alert outbox's queries: queue rows, move them through their statuses, list and requeue them.

What to queue, when to retry and how to send is the alerts package's business (tosdiff.alerts.outbox);
this module only reads and writes the `alert_events`, `deliveries` and `alert_document_state` tables
(schema: m050, m060): an event's payload is stored once, each notifier's delivery of it is a row.
Statuses: pending -> sending -> delivered, or back to pending, or failed / expired.
Outside the caller's transaction every statement commits on its own (sqlite-utils autocommits
outside atomic()), which is what makes a status durable before and after each network call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from tosdiff.store.rows import DeliveryRow, DueDelivery, dict_rows

if TYPE_CHECKING:
    import sqlite_utils  # a type only: a check never loads sqlite-utils (tosdiff.store.database)

LAST_ERROR_MAX = 500  # characters of an error message kept on its row


# A delivery's payload is its event's (m060). A row whose event went missing (deleted by hand) is
# never sent: it stays pending until it expires, and is still listed, with an empty payload.
_JOIN_EVENT = "LEFT JOIN alert_events e ON e.event_key = d.event_key"
_PAYLOAD = "COALESCE(e.payload, '{}') AS payload"


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


class Outbox:
    """The outbox tables of one database (a bare sqlite_utils.Database is enough: the Store's `db`, or a test's)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    # --- reachability, for error/recovery alerts ---

    def document_state(self, document: str) -> str | None:
        """The last recorded reachability of a document ('ok' or 'error'), or None if never recorded."""
        row = self.db.execute(
            "SELECT state FROM alert_document_state WHERE document = ?", [document]
        ).fetchone()
        return row[0] if row else None

    def set_document_state(self, document: str, state: str, since: str) -> None:
        """Record a document's reachability and since when."""
        self.db.execute(
            "INSERT INTO alert_document_state (document, state, since) VALUES (?, ?, ?) "
            "ON CONFLICT (document) DO UPDATE SET state = excluded.state, since = excluded.since",
            [document, state, since],
        )

    # --- queueing ---

    def add_event(self, *, event_key: str, payload: str, now: float) -> int:
        """Store an event's payload once; return 1, or 0 if that event is already stored (it is kept)."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO alert_events (event_key, payload, created_at) VALUES (?, ?, ?)",
            [event_key, payload, now],
        )
        return cur.rowcount

    def add(
        self, *, notifier: str, document: str, event_kind: str, event_key: str, severity: str, now: float
    ) -> int:
        """Queue a stored event (`add_event`) for one notifier, due now; return 1, or 0 if already queued."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO deliveries (notifier, document, event_kind, event_key, severity, "
            "status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
            [notifier, document, event_kind, event_key, severity, now, now],
        )
        return cur.rowcount

    # --- delivery ---

    def requeue_interrupted(self, notifier: str, *, now: float, sending_before: float) -> int:
        """Put back to pending, due now, rows left in `sending` since before `sending_before` (a crash)."""
        cur = self.db.execute(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, "
            "last_error = 'interrupted while sending; re-sent with the same delivery id' "
            "WHERE notifier = ? AND status = 'sending' AND sending_since < ?",
            [now, notifier, sending_before],
        )
        return cur.rowcount

    def expire_pending(self, notifier: str, *, queued_before: float) -> int:
        """Mark expired the pending rows queued (or requeued) before `queued_before`."""
        cur = self.db.execute(
            "UPDATE deliveries SET status = 'expired' WHERE notifier = ? AND status = 'pending' "
            "AND COALESCE(requeued_at, created_at) < ?",
            [notifier, queued_before],
        )
        return cur.rowcount

    def due(self, notifier: str, now: float) -> list[DueDelivery]:
        """A notifier's pending rows whose next attempt is due, oldest first."""
        cur = self.db.execute(
            "SELECT d.id, d.event_key, e.payload, d.attempts, d.batch, d.created_at, d.requeued_at "
            "FROM deliveries d JOIN alert_events e ON e.event_key = d.event_key "
            "WHERE d.notifier = ? AND d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.id",
            [notifier, now],
        )
        return cast(list[DueDelivery], dict_rows(cur))

    def claim(
        self, rows: Sequence[DueDelivery], *, now: float, batch: str, run_id: str | None
    ) -> list[DueDelivery]:
        """Move still-pending rows to `sending` under one delivery id, in one transaction; return those claimed.

        A row another process claimed first is left out.
        """
        claimed = []
        with self.db.atomic():
            for r in rows:
                c = self.db.execute(
                    "UPDATE deliveries SET status = 'sending', sending_since = ?, batch = ?, run_id = ?, "
                    "attempts = attempts + 1 WHERE id = ? AND status = 'pending'",
                    [now, batch, run_id, r["id"]],
                )
                if c.rowcount == 1:
                    claimed.append(r)
        return claimed

    def settle_failure(self, ids: Sequence[int], *, status: str, next_attempt_at: float, error: str) -> None:
        """Record a failed attempt: the rows' new status (pending, failed or expired), next attempt and error."""
        self.db.execute(
            f"UPDATE deliveries SET status = ?, next_attempt_at = ?, last_error = ?, sending_since = NULL "
            f"WHERE id IN ({_marks(ids)})",
            [status, next_attempt_at, error[:LAST_ERROR_MAX], *ids],
        )

    def mark_delivered(self, ids: Sequence[int], *, delivered_at: float) -> None:
        """Record that the rows were delivered."""
        self.db.execute(
            f"UPDATE deliveries SET status = 'delivered', delivered_at = ?, last_error = NULL, sending_since = NULL "
            f"WHERE id IN ({_marks(ids)})",
            [delivered_at, *ids],
        )

    # --- listing and retrying ---

    def rows(self, status: str | None = None) -> list[DeliveryRow]:
        """Every row (or those with one status), newest first."""
        sql = (
            f"SELECT d.id, d.notifier, d.document, d.event_kind, d.event_key, d.severity, {_PAYLOAD}, d.status, "
            "d.attempts, d.created_at, d.requeued_at, d.next_attempt_at, d.sending_since, d.batch, d.run_id, "
            f"d.last_error, d.delivered_at FROM deliveries d {_JOIN_EVENT}"
            + (" WHERE d.status = ?" if status else "")
            + " ORDER BY d.id DESC"
        )
        return cast(list[DeliveryRow], dict_rows(self.db.execute(sql, [status] if status else [])))

    def requeue(self, ids: Sequence[int] | None, *, now: float) -> int:
        """Make failed, expired and waiting pending rows (all, or those of `ids`) due now; return how many."""
        sql = (
            "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, requeued_at = ? "
            "WHERE status IN ('failed', 'expired', 'pending')"
        )
        params: list[object] = [now, now]
        if ids is not None:
            if not ids:
                return 0
            sql += f" AND id IN ({_marks(ids)})"
            params += list(ids)
        return self.db.execute(sql, params).rowcount
