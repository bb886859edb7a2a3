"""The SQLite store: the only code that speaks SQL, and the owner of the schema.

`core` holds the Store (documents, snapshots, texts, versions, checks), `outbox` the alert outbox's
queries, `schema` the migrations, `rows` the typed rows returned, `codec` hashing and compression,
`lock` the run lock. The names other modules import are re-exported here.
"""

from typing import TYPE_CHECKING, Any

from tosdiff.store.codec import SNAPSHOT_ZLIB_LEVEL, compress_snapshot, now_iso, sha256
from tosdiff.store.core import APPLICATION_ID, StorageFault, Store
from tosdiff.store.lock import RunLock
from tosdiff.store.rows import (
    CheckRow,
    DeliveryRow,
    DocumentRow,
    DocumentStatus,
    DocumentSummary,
    DueDelivery,
    LastState,
    SnapshotRow,
    VersionRow,
    VersionWithText,
)
from tosdiff.store.schema import migrations

if TYPE_CHECKING:
    from tosdiff.store.outbox import Outbox

__all__ = [
    "APPLICATION_ID",
    "SNAPSHOT_ZLIB_LEVEL",
    "CheckRow",
    "DeliveryRow",
    "DocumentRow",
    "DocumentStatus",
    "DocumentSummary",
    "DueDelivery",
    "LastState",
    "Outbox",
    "RunLock",
    "SnapshotRow",
    "StorageFault",
    "Store",
    "VersionRow",
    "VersionWithText",
    "compress_snapshot",
    "migrations",
    "now_iso",
    "sha256",
]


def __getattr__(name: str) -> Any:
    """`Outbox` on first use (PEP 562): only alert delivery needs it, never a check's start-up."""
    if name == "Outbox":
        from tosdiff.store.outbox import Outbox

        return Outbox
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
