"""What every sender shares: the failure type the outbox acts on, and secret handling."""

from __future__ import annotations

import os
from dataclasses import dataclass

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
