"""Typed rows the store returns: TypedDicts (plain dicts at run time, so callers index them by key)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, TypedDict


def dict_rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    """Every row of an executed cursor as a dict keyed by column name."""
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


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


class DocumentRow(TypedDict):
    """A row of `documents` without its first_seen time."""

    name: str
    url: str
    service: str
    title: str
    type: str


class DocumentSummary(DocumentRow):
    """A document with its labels and its last check (the report's view of it)."""

    last_check_at: str | None
    last_outcome: str | None
    last_error: str | None


class DocumentStatus(TypedDict):
    """A row of the `document_status` view: latest version and last check of a document."""

    document: str
    url: str
    latest_version: int | None
    last_check_at: str | None
    last_outcome: str | None
    last_error: str | None


class VersionRow(TypedDict):
    """A row of `versions` for one document (without its text)."""

    version: int
    recorded_at: str
    text_hash: str
    snapshot_id: int | None
    extractor_version: str
    fingerprint: str
    kind: str
    reverted_to: int | None
    technical: int
    summary: str | None
    source_ref: str | None  # where an imported version came from ("git:<commit id>"), else None


class VersionWithText(VersionRow):
    """A version row with its decompressed text."""

    text: str


class SnapshotRow(TypedDict):
    """A row of `snapshots` with its body decompressed."""

    id: int
    document: str
    hash: str
    fetched_at: str
    url: str
    http_status: int | None
    content_type: str
    etag: str | None
    last_modified: str | None
    size: int
    body: bytes


class CheckRow(TypedDict):
    """A row of `checks`: one attempt to fetch a document, successful or not."""

    id: int
    document: str
    run_id: str | None
    started_at: str
    finished_at: str
    duration_ms: int
    http_status: int | None
    outcome: str
    error: str | None
    error_class: str | None
    attempts: int
    snapshot_id: int | None
    version: int | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None


class DueDelivery(TypedDict):
    """An outbox row due for delivery: what sending and recording its outcome need."""

    id: int
    event_key: str
    payload: str
    attempts: int
    batch: str | None
    created_at: float
    requeued_at: float | None


class DeliveryRow(TypedDict):
    """A row of `deliveries`, the alert outbox (times are unix seconds)."""

    id: int
    notifier: str
    document: str
    event_kind: str
    event_key: str
    severity: str
    payload: str
    status: str
    attempts: int
    created_at: float
    requeued_at: float | None
    next_attempt_at: float
    sending_since: float | None
    batch: str | None
    run_id: str | None
    last_error: str | None
    delivered_at: float | None
