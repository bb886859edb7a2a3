"""What every notifier shares: its common settings, the registry of kinds, delivery outcomes, secrets.

A notifier kind is one class, registered with `@register`: it carries its kind name, a one-line
description, its own config keys and how to send. Nothing else lists the kinds.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar
from urllib.parse import urlsplit

from tosdiff.errors import TosdiffError
from tosdiff.models import SEVERITIES
from tosdiff.schema import Converter, as_bool, as_str_list, duration, one_of, positive_number


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


@dataclass(frozen=True)
class Notifier:
    """Settings shared by every kind of notifier (filters, digest, retry policy); subclasses add theirs."""

    kind: ClassVar[str] = ""  # the `kind = "..."` of its [[alerts]] tables
    description: ClassVar[str] = ""  # one line, for `tosdiff alerts kinds`
    required_keys: ClassVar[Mapping[str, Converter]] = {}  # config keys of this kind only
    optional_keys: ClassVar[Mapping[str, Converter]] = {}
    renamed_keys: ClassVar[Mapping[str, str]] = {}  # config key -> field, where a key is a Python keyword

    name: str
    enabled: bool = True
    documents: tuple[str, ...] = ()  # document names or tags; empty means all
    min_severity: str = "info"
    only_flagged: bool = False
    digest: bool = False
    notify_errors: bool = True
    expire_after: float = 7 * 86400.0  # seconds a delivery may stay undelivered before it expires
    timeout: float = 20.0  # seconds per network operation
    retry_base: float = 60.0  # first backoff delay in seconds, doubled on each failure
    retry_max: float = 6 * 3600.0  # backoff ceiling in seconds

    @classmethod
    def from_values(cls, values: dict[str, Any], where: str) -> Self:
        """Build from converted, renamed config values; kinds override it to check rules between keys."""
        # `where` is the table's "<file>: alerts[i]", for ConfigErrors about a combination of keys.
        return cls(**values)

    def send(self, events: list[dict], delivery_id: str) -> None:
        """Deliver one message (one event, or a digest of several); DeliveryError on failure."""
        raise NotImplementedError(f"notifier kind {self.kind!r} cannot send")

    def wants_document(self, name: str, tags: tuple[str, ...] | list[str]) -> bool:
        """True when this notifier's `documents` filter selects the document (by name or tag)."""
        if not self.documents:
            return True
        return name in self.documents or any(t in self.documents for t in tags)


# Keys every [[alerts]] table may have besides `kind` and `name`, with their converters.
COMMON_KEYS: dict[str, Converter] = {
    "enabled": as_bool,
    "documents": as_str_list,
    "min_severity": one_of(*SEVERITIES),
    "only_flagged": as_bool,
    "digest": as_bool,
    "notify_errors": as_bool,
    "expire_after": duration,
    "timeout": positive_number,
    "retry_base": duration,
    "retry_max": duration,
}

# The modules that define (and register) the notifier kinds; loaded on first use of the registry so
# that loading a config without [[alerts]] costs nothing. Each must stay importable without its
# optional dependency (apprise is imported only when sending).
KIND_MODULES = ("tosdiff.alerts.email", "tosdiff.alerts.webhook", "tosdiff.alerts.apprise")
_REGISTRY: dict[str, type[Notifier]] = {}
N = TypeVar("N", bound=type[Notifier])


def register(cls: N) -> N:
    """Class decorator: make `cls` the notifier class for its `kind` (one class per kind)."""
    if not cls.kind:
        raise TypeError(f"{cls.__name__} has no kind")
    if _REGISTRY.get(cls.kind, cls) is not cls:
        raise TypeError(f"notifier kind {cls.kind!r} is registered twice")
    _REGISTRY[cls.kind] = cls
    return cls


def notifier_classes() -> dict[str, type[Notifier]]:
    """Every registered notifier kind -> its class, in the order of KIND_MODULES."""
    for module in KIND_MODULES:
        importlib.import_module(module)
    # Not registration order: that depends on which module some caller happened to import first.
    rank = {module: i for i, module in enumerate(KIND_MODULES)}
    return dict(sorted(_REGISTRY.items(), key=lambda item: rank.get(item[1].__module__, len(rank))))


@dataclass(frozen=True)
class NotifierKind:
    """What `tosdiff alerts kinds` shows of one kind (keys common to all kinds are in COMMON_KEYS)."""

    name: str
    description: str
    required: tuple[str, ...]
    optional: tuple[str, ...]


def notifier_kinds() -> list[NotifierKind]:
    """Name, description, required and optional keys of every notifier kind."""
    return [
        NotifierKind(kind, cls.description, tuple(cls.required_keys), tuple(cls.optional_keys))
        for kind, cls in notifier_classes().items()
    ]


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
