"""The run lock: one tosdiff run writes to a database at a time."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from tosdiff.errors import LockTimeout, StoreError


class RunLock:
    """An exclusive lock file beside the database, so two runs never write at once."""

    def __init__(self, db_path: Path, timeout: float = 300.0) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.timeout = timeout
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            # A read-only folder, or a file where the folder should be: one clear error, no traceback.
            raise StoreError(
                f"{self.path}: cannot create the run lock beside the database: {e.strerror or e} "
                "(check that [storage] path is in a folder tosdiff can write)"
            ) from None
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
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is only a hint for the message above (a full disk must not stop the run here)
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
