"""One exception family for tosdiff, each error carrying a class the pipeline and alerts can act on."""

from __future__ import annotations

# Failure classes of a check (issue: fetching the real web).
TRANSIENT = "transient"
BLOCKED = "blocked"
NOT_FOUND = "not-found"
GONE = "gone"
TOO_LARGE = "too-large"
BAD_CONTENT = "bad-content"


class TosdiffError(Exception):
    """Base of every error tosdiff raises on purpose."""

    error_class: str = "error"

    def __init__(self, message: str, error_class: str | None = None) -> None:
        super().__init__(message)
        if error_class is not None:
            self.error_class = error_class


class ConfigError(TosdiffError):
    """The config file is unreadable or invalid; the message names the file and key."""

    error_class = "config"


class FetchError(TosdiffError):
    """A document could not be fetched; `error_class` says why (transient, blocked, ...)."""

    error_class = TRANSIENT


class ExtractError(TosdiffError):
    """The fetched content is not usable terms text (selector matched nothing, empty, challenge page)."""

    error_class = BAD_CONTENT


class StoreError(TosdiffError):
    """The database cannot be used (locked, corrupt, newer schema)."""

    error_class = "store"


class LockTimeout(StoreError):
    """Another tosdiff run holds the lock beyond the allowed wait."""

    error_class = "locked"


def classify_status(status: int) -> str | None:
    """Map a final HTTP status to a failure class, or None when it is a success."""
    if 200 <= status < 300 or status == 304:
        return None
    if status == 404:
        return NOT_FOUND
    if status == 410:
        return GONE
    if status in (401, 403, 406, 451):
        return BLOCKED
    if status == 413:
        return TOO_LARGE
    return TRANSIENT
