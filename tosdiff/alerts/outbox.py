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
import os
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
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


MAX_PARALLEL = 4  # notifiers sending at the same time: a slow service no longer delays the others

_STOP = threading.Event()


def stop_deliveries() -> None:
    """Start no new delivery in this process (the daemon got SIGTERM): pending rows wait for the next run.

    Deliveries already sending finish, each bounded by its notifier's `timeout`.
    """
    _STOP.set()


def resume_deliveries() -> None:
    """Undo `stop_deliveries` (a daemon started again in the same process, tests)."""
    _STOP.clear()


def this_process() -> str:
    """'HOST:PID:START' naming this process, so another one can tell later whether it is still running."""
    return f"{socket.gethostname()}:{os.getpid()}:{_start_ticks(os.getpid())}"


def _claimer(run_id: str | None) -> str:
    """The run id stored on claimed rows, ending in this process's host, pid and start time.

    A row left `sending` by a process that is gone (killed mid-send) is then known as such and re-sent
    at the next run instead of after SENDING_GRACE: the same delivery id goes out again, so a receiver
    that deduplicates on it sees one alert.
    """
    return f"{run_id or 'run'}@{this_process()}"


def _start_ticks(pid: int) -> str:
    # Field 22 of /proc/PID/stat: the process's start time, so a reused pid is not taken for the claimer.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def process_gone(ident: str | None) -> bool:
    """True only when `ident` (from `this_process`) ran on this host and that process no longer exists."""
    host, _, rest = (ident or "").partition(":")
    pid_s, _, ticks = rest.partition(":")
    if not host or host != socket.gethostname() or not pid_s.isdigit():
        return False  # another host's process (or none named): it cannot be told from here
    pid = int(pid_s)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        pass  # alive but another user's: after a reboot the pid may name another process entirely
    return bool(ticks) and _start_ticks(pid) not in ("", ticks)  # the pid now belongs to another process


def _claimer_gone(run_id: str | None) -> bool:
    """True only when the row's claimer ran on this host and that process no longer exists."""
    if not run_id or "@" not in run_id:
        return False  # claimed by an older tosdiff: wait out the grace period
    return process_gone(run_id.rpartition("@")[2])


def _requeue_orphans(outbox: Outbox, notifier: Notifier, now: float) -> None:
    """Rows stranded in `sending` go back to pending, keeping their batch (same delivery id).

    Those whose claimer is known to be gone at once; the others once SENDING_GRACE has passed (a
    process on another host, or still alive, may still be sending them).
    """
    stuck = [r for r in outbox.rows("sending") if r["notifier"] == notifier.name]
    if stuck and all(_claimer_gone(r["run_id"]) for r in stuck):
        outbox.requeue_interrupted(notifier.name, now=now, sending_before=now + 1)
        return
    outbox.requeue_interrupted(
        notifier.name, now=now, sending_before=now - max(SENDING_GRACE, 3 * notifier.timeout)
    )


def deliver_pending(
    db: sqlite_utils.Database,
    notifiers: list[Notifier],
    *,
    now: float | None = None,
    run_id: str | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[DeliveryOutcome]:
    """Deliver every due alert, each (event, notifier) at most once; one failing notifier never blocks another.

    Different notifiers send at the same time (at most MAX_PARALLEL); one notifier's messages go out
    in order. Once `should_stop()` (or `stop_deliveries`) says so, no new message is sent: those
    sending finish, the rest stay pending for the next run. The database is only used from the
    calling thread. Commits its own status changes; call it outside any open transaction.
    """
    now = time.time() if now is None else now
    stopping = should_stop or (lambda: False)
    claimer = _claimer(run_id)
    outcomes: list[DeliveryOutcome] = []
    queues: dict[str, tuple[Notifier, list[list[DueDelivery]]]] = {}
    for n in notifiers:
        if not n.enabled:
            continue
        try:
            outbox = Outbox(db)
            _requeue_orphans(outbox, n, now)
            outbox.expire_pending(n.name, queued_before=now - n.expire_after)
            queues[n.name] = (n, _groups(n, outbox.due(n.name, now)))
        except Exception as exc:  # noqa: BLE001 - a bug or DB hiccup in one notifier must not stop the others
            log.error("alerts: notifier %s: delivery loop failed: %s", n.name, type(exc).__name__)
    running: dict[Future[None], _Attempt] = {}
    with ThreadPoolExecutor(max_workers=MAX_PARALLEL, thread_name_prefix="tosdiff-alert") as pool:
        while True:
            busy = {a.notifier.name for a in running.values()}
            if not (stopping() or _STOP.is_set()):
                for name, (n, groups) in list(queues.items()):
                    if len(running) >= MAX_PARALLEL:
                        break
                    if name in busy:
                        continue
                    try:
                        attempt = _start(db, n, groups, now, claimer)
                    except Exception as exc:  # noqa: BLE001 - a locked database for one notifier's claim
                        # must not stop the others: its rows stay pending for the next run.
                        log.error(
                            "alerts: notifier %s: delivery loop failed: %s: %s", name, type(exc).__name__, exc
                        )
                        del queues[name]
                        continue
                    if attempt is None:
                        del queues[name]
                        continue
                    running[pool.submit(_sender(n), n, attempt.events, attempt.batch)] = attempt
                    busy.add(name)
            if not running:
                break
            done, _ = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
            for fut in done:
                attempt = running.pop(fut)
                try:
                    outcome = _settle(db, attempt, fut.exception(), now)
                except Exception as exc:  # noqa: BLE001 - one notifier's DB hiccup must not stop the others
                    log.error(
                        "alerts: notifier %s: delivery loop failed: %s",
                        attempt.notifier.name,
                        type(exc).__name__,
                    )
                    queues.pop(attempt.notifier.name, None)
                    continue
                outcomes.append(outcome)
                if outcome.status in ("pending", "expired") and attempt.notifier.name in queues:
                    del queues[attempt.notifier.name]  # unreachable: its other rows wait for the next run
    return outcomes


@dataclass
class _Attempt:
    """One message being sent: its notifier, rows, delivery id and events."""

    notifier: Notifier
    claimed: list[DueDelivery]
    batch: str
    events: list[dict]


def _start(
    db: sqlite_utils.Database, n: Notifier, groups: list[list[DueDelivery]], now: float, claimer: str
) -> _Attempt | None:
    """Claim the notifier's next group (committed as `sending` before the network call); None when none is left."""
    outbox = Outbox(db)
    while groups:
        group = groups.pop(0)
        batch = group[0]["batch"] or delivery_id_for(n.name, [r["event_key"] for r in group])
        # Another process may have claimed some rows first: only those claimed here are sent.
        claimed = outbox.claim(group, now=now, batch=batch, run_id=claimer)
        if claimed:
            return _Attempt(n, claimed, batch, [json.loads(r["payload"]) for r in claimed])
    return None


def _settle(db: sqlite_utils.Database, a: _Attempt, exc: BaseException | None, now: float) -> DeliveryOutcome:
    """Record how one attempt ended: delivered, or back to pending with backoff, failed or expired."""
    n, claimed, batch, outbox = a.notifier, a.claimed, a.batch, Outbox(db)
    ids = tuple(r["id"] for r in claimed)
    keys = tuple(r["event_key"] for r in claimed)
    attempts = max(r["attempts"] for r in claimed) + 1
    if exc is None:
        outbox.mark_delivered(ids, delivered_at=time.time())
        log.info("alerts: %s: delivered %s (%d event(s))", n.name, batch, len(ids))
        return DeliveryOutcome(n.name, "delivered", batch, ids, keys, attempts)
    # Every failure is recorded on the row, none propagates.
    err = exc if isinstance(exc, DeliveryError) else DeliveryError(f"internal error: {type(exc).__name__}")
    oldest = min((r["requeued_at"] or r["created_at"]) for r in claimed)
    if err.permanent:
        status, next_at = "failed", now
    elif now + _backoff(n, attempts, err.retry_after) - oldest > n.expire_after:
        status, next_at = "expired", now
    else:
        status, next_at = "pending", now + _backoff(n, attempts, err.retry_after)
    outbox.settle_failure(ids, status=status, next_attempt_at=next_at, error=str(err))
    log.warning("alerts: %s: delivery %s %s (attempt %d): %s", n.name, batch, status, attempts, err)
    return DeliveryOutcome(n.name, status, batch, ids, keys, attempts, str(err), next_at)


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
