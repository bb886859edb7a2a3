"""The run lock: one tosdiff run writes to a database at a time."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from tosdiff.errors import LockTimeout, StoreError


class RunLock:
    """An exclusive lock file beside the database, so two runs never write at once."""

    def __init__(
        self, db_path: Path, timeout: float = 300.0, on_wait: Callable[[str], None] | None = None
    ) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.timeout = timeout
        # Told once, when the lock is taken by another run, so a waiting run is never silent.
        self.on_wait = on_wait
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
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and self.on_wait is not None and self.timeout > 0:
                    told = True
                    self.on_wait(
                        f"waiting for the lock held by {self._holder() or 'another tosdiff run'}: "
                        f"up to {self.timeout:g}s (--lock-timeout changes it)"
                    )
                if time.monotonic() >= give_up:
                    os.close(fd)
                    holder = self._holder()
                    raise LockTimeout(
                        f"{self.path}: another tosdiff run{f' ({holder})' if holder else ''} holds the lock; gave up after "
                        f"{self.timeout:g}s (raise --lock-timeout to wait longer)"
                    ) from None
                time.sleep(0.1)
        try:
            os.ftruncate(fd, 0)
            # The pid and start time name the holder in another run's message.
            os.write(
                fd, f"{os.getpid()} {datetime.now().astimezone().isoformat(timespec='seconds')}\n".encode()
            )
        except OSError:
            pass  # the pid is only a hint for the message above (a full disk must not stop the run here)
        self._fd = fd
        return self

    def _holder(self) -> str:
        try:
            pid = self.path.read_text().strip()
        except OSError:
            return ""
        if not pid:
            return ""
        number, _, started = pid.partition(" ")
        return f"pid {number} (started {started})" if started else f"pid {number}"

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
