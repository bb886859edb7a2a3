"""The SQLite store: the only code that speaks SQL, and the owner of the schema.

`core` holds the Store (documents, snapshots, texts, versions, checks), `outbox` the alert outbox's
queries, `schema` the migrations, `rows` the typed rows returned, `codec` hashing and compression,
`lock` the run lock. The names other modules import are re-exported here.
"""

from tosdiff.store.codec import SNAPSHOT_ZLIB_LEVEL, compress_snapshot, now_iso, sha256
from tosdiff.store.core import APPLICATION_ID, StorageFault, Store
from tosdiff.store.lock import RunLock
from tosdiff.store.outbox import Outbox
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
