"""What every sender shares: the failure type the outbox acts on, and secret handling."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from tosdiff.errors import TosdiffError


class DeliveryError(TosdiffError):
    """One attempt to deliver failed; `permanent` says whether retrying can help."""

    error_class = "delivery"

    def __init__(self, message: str, *, permanent: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after


@dataclass(frozen=True)
class DeliveryOutcome:
    """The result of one delivery attempt (one message: a single event or a digest)."""

    notifier: str
    status: str  # delivered | pending | failed | expired | skipped
    delivery_id: str
    ids: tuple[int, ...] = ()  # outbox rows covered (empty for `send_test`)
    event_keys: tuple[str, ...] = ()
    attempts: int = 0
    error: str | None = None
    next_attempt_at: float | None = None


def read_secret(env_name: str | None, what: str) -> str | None:
    """The secret in environment variable `env_name`, read now; error names the variable, never a value."""
    if not env_name:
        return None
    value = os.environ.get(env_name)
    if not value:
        # Not permanent: setting the variable fixes it without touching the outbox.
        raise DeliveryError(f"{what}: environment variable {env_name} is not set")
    return value


def redact(message: str, *secrets: str | None) -> str:
    """`message` with every given secret (and long-enough pieces of it) replaced by '***'."""
    for s in secrets:
        if s and len(s) >= 4:
            message = message.replace(s, "***")
    return message


# Third-party loggers that may print a URL path or query (where webhook tokens live) at DEBUG.
_NOISY_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry", "requests", "apprise")


def secret_parts(value: str | None) -> list[str]:
    """The strings to hide for one secret: itself and, for URLs, their path, query and password."""
    if not value:
        return []
    parts = [value]
    for u in value.replace(",", " ").split():
        parts.append(u)
        try:
            s = urlsplit(u)
        except ValueError:
            continue
        parts += [p for p in (s.path, s.query, s.password or "") if len(p) >= 4 and p != "/"]
    return sorted(set(parts), key=len, reverse=True)


class _RedactFilter(logging.Filter):
    """Rewrites log records of other libraries so that no registered secret reaches a handler."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        clean = redact(msg, *self.secrets)
        if clean != msg:
            record.msg, record.args = clean, None
        return True


@contextmanager
def secrets_hidden(*values: str | None) -> Iterator[None]:
    """While sending, redact these secrets (and URL parts of them) from third-party log records."""
    parts = [p for v in values for p in secret_parts(v)]
    if not parts:
        yield
        return
    flt = _RedactFilter(parts)
    loggers = [logging.getLogger(name) for name in _NOISY_LOGGERS]
    for lg in loggers:
        lg.addFilter(flt)
    try:
        yield
    finally:
        for lg in loggers:
            lg.removeFilter(flt)
