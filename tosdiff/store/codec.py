"""How values are stored: content hashes, zlib compression of pages and texts, UTC timestamps."""

from __future__ import annotations

import hashlib
import zlib
from datetime import UTC, datetime

# Raw snapshots are written on every check whose bytes differ (a per-request nonce is enough), so
# their compression is on the hot path: level 3 costs about half the CPU of 6 for a 10% larger
# blob (bench/bench_extract.py --zlib). Texts are written once per distinct text: level 9 there.
SNAPSHOT_ZLIB_LEVEL = 3
TEXT_ZLIB_LEVEL = 9


def compress_snapshot(body: bytes) -> bytes:
    """The stored form of a raw snapshot (zlib; runs outside the GIL, so fetch threads may call it)."""
    return zlib.compress(body, SNAPSHOT_ZLIB_LEVEL)


def compress_text(data: bytes) -> bytes:
    """The stored form of an extracted text's UTF-8 bytes."""
    return zlib.compress(data, TEXT_ZLIB_LEVEL)


def decompress(blob: bytes) -> bytes:
    """The original bytes of a stored snapshot or text."""
    return zlib.decompress(blob)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with microsecond precision and a Z."""
    # isoformat, not strftime: the C strftime may stat /etc/localtime on every call, holding the GIL.
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def sha256(data: bytes | str) -> str:
    """Hex SHA-256 of bytes or UTF-8 text."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
