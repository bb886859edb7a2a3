"""The outbox: alerts queued in the same transaction as the version they report, delivered at most once.

Life of a row in `deliveries`: pending -> sending (committed before the network call) -> delivered
(committed after). A failure puts it back to pending with exponential backoff, or to failed when
retrying cannot help; a row older than the notifier's `expire_after` becomes expired. A row found
in `sending` after a crash is re-sent with the same delivery id (webhook idempotency key, mail
Message-ID) once a grace period has passed: at-least-once, with duplicates recognisable.
The rows are read and written through the store's Outbox (tosdiff.store.outbox): no SQL here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tosdiff.alerts.base import DeliveryError, DeliveryOutcome, Notifier, notifier_classes
from tosdiff.alerts.budget import stored_payload
from tosdiff.alerts.message import event_summary, is_alertable_change, sample_event
from tosdiff.models import severity_rank
from tosdiff.store.outbox import Outbox
from tosdiff.store.rows import DueDelivery
from tosdiff.store.schema import create_outbox_tables, upgrade_outbox

if TYPE_CHECKING:
    import sqlite_utils  # a type only: a check never loads sqlite-utils (tosdiff.store.database)

log = logging.getLogger("tosdiff.alerts")

SENDING_GRACE = 600.0  # seconds after which a row stuck in `sending` is taken as a crashed attempt

Sender = Callable[[Notifier, list[dict], str], None]


def _sender(notifier: Notifier) -> Sender:
    # The registered class of the notifier's kind knows how to send; it imports optional
    # dependencies (apprise) only when sending, so a missing one only matters to its own notifier.
    return notifier_classes()[notifier.kind].send


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create or upgrade the outbox tables (idempotent; a Store's database has them from migrations m050, m060)."""
    with db.atomic():
        create_outbox_tables(db)
        upgrade_outbox(db)


def _wants(notifier: Notifier, event: dict) -> bool:
    doc = event.get("document") or {}
    if not notifier.enabled or not notifier.wants_document(doc.get("name", ""), doc.get("tags", [])):
        return False
    kind = event.get("kind")
    if kind in ("error", "recovery"):
        return notifier.notify_errors
    if kind == "test":
        return True
    if notifier.only_flagged and not event.get("flags"):
        return False
    return severity_rank(event.get("severity", "info")) >= severity_rank(notifier.min_severity)


def _status_transition(db: sqlite_utils.Database, event: dict) -> bool:
    """Record a document's reachability; True only when it actually changed (ok->error, error->ok)."""
    name = (event.get("document") or {}).get("name", "")
    outbox = Outbox(db)
    previous = outbox.document_state(name) or "ok"
    new = "error" if event["kind"] == "error" else "ok"
    if previous == new:
        return False
    outbox.set_document_state(name, new, str(event.get("at", "")))
    return True


def enqueue(
    db: sqlite_utils.Database, notifiers: list[Notifier], event: dict, *, now: float | None = None
) -> int:
    """Queue `event` for every notifier whose filters accept it; return how many rows were queued.

    Runs inside the caller's transaction: executes inserts only, never commits. Queuing the same
    event twice is a no-op (UNIQUE notifier+event_key). Error/recovery events may be passed on every
    check: only a change of reachability is queued.
    """
    kind = event.get("kind")
    if kind == "change" and not is_alertable_change(event):
        return 0
    if kind in ("error", "recovery") and not _status_transition(db, event):
        return 0
    wanted = [n for n in notifiers if _wants(n, event)]
    if not wanted:
        return 0
    now = time.time() if now is None else now
    doc = (event.get("document") or {}).get("name", "")
    outbox = Outbox(db)
    # One payload per event, whatever the number of notifiers; cut to the largest any format sends.
    outbox.add_event(event_key=event["event_key"], payload=stored_payload(event), now=now)
    count = 0
    for n in wanted:
        count += outbox.add(
            notifier=n.name,
            document=doc,
            event_kind=kind,
            event_key=event["event_key"],
            severity=event.get("severity", "info"),
            now=now,
        )
    return count


def delivery_id_for(notifier: str, event_keys: list[str]) -> str:
    """Deterministic delivery id of one message (one event, or a digest of several)."""
    h = hashlib.sha256("\0".join([notifier, *sorted(event_keys)]).encode()).hexdigest()
    return f"tdv1-{h[:32]}"


def _backoff(notifier: Notifier, attempts: int, retry_after: float | None) -> float:
    delay = min(notifier.retry_base * 2 ** max(0, attempts - 1), notifier.retry_max)
    if retry_after:
        delay = min(max(delay, retry_after), notifier.retry_max)
    return delay


def _groups(notifier: Notifier, rows: list[DueDelivery]) -> list[list[DueDelivery]]:
    """Rows sent together: a batch already attempted stays together (same delivery id); digests group the rest."""
    by_batch: dict[str, list[DueDelivery]] = {}
    fresh: list[DueDelivery] = []
    for r in rows:
        if r["batch"]:
            by_batch.setdefault(r["batch"], []).append(r)
        else:
            fresh.append(r)
    groups = list(by_batch.values())
    if notifier.digest and fresh:
        groups.append(fresh)
    else:
        groups.extend([r] for r in fresh)
    return groups


def deliver_pending(
    db: sqlite_utils.Database,
    notifiers: list[Notifier],
    *,
    now: float | None = None,
    run_id: str | None = None,
) -> list[DeliveryOutcome]:
    """Deliver every due alert, each (event, notifier) at most once; one failing notifier never blocks another.

    Commits its own status changes; call it outside any open transaction (not inside atomic()).
    """
    now = time.time() if now is None else now
    outcomes: list[DeliveryOutcome] = []
    for n in notifiers:
        if not n.enabled:
            continue
        try:
            outcomes.extend(_deliver_notifier(db, n, now, run_id, _sender(n)))
        except Exception as exc:  # noqa: BLE001 - a bug or DB hiccup in one notifier must not stop the others
            log.error("alerts: notifier %s: delivery loop failed: %s", n.name, type(exc).__name__)
    return outcomes


def _deliver_notifier(
    db: sqlite_utils.Database, n: Notifier, now: float, run_id: str | None, send: Sender
) -> list[DeliveryOutcome]:
    # Rows stranded in `sending` by a crash go back to pending, keeping their batch (same delivery id).
    # Each write below commits on its own (sqlite-utils autocommits outside atomic()), so the status
    # is durable before (`sending`) and after (`delivered`) every network call.
    outbox = Outbox(db)
    outbox.requeue_interrupted(n.name, now=now, sending_before=now - max(SENDING_GRACE, 3 * n.timeout))
    outbox.expire_pending(n.name, queued_before=now - n.expire_after)
    outcomes: list[DeliveryOutcome] = []
    for group in _groups(n, outbox.due(n.name, now)):
        batch = group[0]["batch"] or delivery_id_for(n.name, [r["event_key"] for r in group])
        # Another process may have claimed some rows first: only those claimed here are sent.
        claimed = outbox.claim(group, now=now, batch=batch, run_id=run_id)
        if not claimed:
            continue
        ids = tuple(r["id"] for r in claimed)
        keys = tuple(r["event_key"] for r in claimed)
        attempts = max(r["attempts"] for r in claimed) + 1
        try:
            send(n, [json.loads(r["payload"]) for r in claimed], batch)
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row, none propagates
            err = (
                exc
                if isinstance(exc, DeliveryError)
                else DeliveryError(f"internal error: {type(exc).__name__}")
            )
            oldest = min((r["requeued_at"] or r["created_at"]) for r in claimed)
            if err.permanent:
                status, next_at = "failed", now
            elif now + _backoff(n, attempts, err.retry_after) - oldest > n.expire_after:
                status, next_at = "expired", now
            else:
                status, next_at = "pending", now + _backoff(n, attempts, err.retry_after)
            outbox.settle_failure(ids, status=status, next_attempt_at=next_at, error=str(err))
            log.warning("alerts: %s: delivery %s %s (attempt %d): %s", n.name, batch, status, attempts, err)
            outcomes.append(DeliveryOutcome(n.name, status, batch, ids, keys, attempts, str(err), next_at))
            if not err.permanent:
                break  # the service is unreachable: leave this notifier's other rows for the next run
            continue
        outbox.mark_delivered(ids, delivered_at=time.time())
        log.info("alerts: %s: delivered %s (%d event(s))", n.name, batch, len(ids))
        outcomes.append(DeliveryOutcome(n.name, "delivered", batch, ids, keys, attempts))
    return outcomes


def send_test(notifier: Notifier) -> DeliveryOutcome:
    """Send a realistic sample alert ("Example Terms" 10.4 modified, AI-training flag) right now."""
    event = sample_event()
    delivery_id = delivery_id_for(notifier.name, [f"test:{time.time_ns()}"])
    try:
        _sender(notifier)(notifier, [event], delivery_id)
    except DeliveryError as exc:
        return DeliveryOutcome(notifier.name, "failed", delivery_id, (), (event["event_key"],), 1, str(exc))
    return DeliveryOutcome(notifier.name, "delivered", delivery_id, (), (event["event_key"],), 1)


def _iso(ts: float | None) -> str | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def list_deliveries(db: sqlite_utils.Database, status: str | None = None) -> list[dict]:
    """Outbox rows, newest first, with a one-line summary and ISO times (payload left out)."""
    out = []
    for delivery in Outbox(db).rows(status):
        row: dict = dict(delivery)
        payload = json.loads(row.pop("payload"))
        row["summary"] = event_summary(payload)
        for k in ("created_at", "requeued_at", "next_attempt_at", "sending_since", "delivered_at"):
            row[k] = _iso(row[k])
        out.append(row)
    return out


def retry(db: sqlite_utils.Database, ids: list[int] | None = None, *, now: float | None = None) -> int:
    """Make failed, expired (and waiting pending) deliveries due now; return how many (autocommits)."""
    now = time.time() if now is None else now
    return Outbox(db).requeue(ids, now=now)
