"""Alerts: email, webhooks and Apprise, fed by a transactional outbox so nothing is lost or sent twice.

The names below are loaded on first use (PEP 562): tosdiff.config imports tosdiff.alerts.config at
startup, and importing this package must not pull in the outbox (sqlite-utils) or the senders then.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tosdiff.alerts.apprise import AppriseNotifier
    from tosdiff.alerts.base import DeliveryError, DeliveryOutcome, Notifier, NotifierKind, notifier_kinds
    from tosdiff.alerts.config import parse_alerts
    from tosdiff.alerts.email import EmailNotifier
    from tosdiff.alerts.message import build_change_event, build_status_event, sample_event
    from tosdiff.alerts.outbox import (
        deliver_pending,
        enqueue,
        ensure_schema,
        list_deliveries,
        retry,
        send_test,
    )
    from tosdiff.alerts.webhook import WebhookNotifier

_HOMES = {
    "AppriseNotifier": "apprise",
    "DeliveryError": "base",
    "DeliveryOutcome": "base",
    "EmailNotifier": "email",
    "Notifier": "base",
    "NotifierKind": "base",
    "WebhookNotifier": "webhook",
    "build_change_event": "message",
    "build_status_event": "message",
    "deliver_pending": "outbox",
    "enqueue": "outbox",
    "ensure_schema": "outbox",
    "list_deliveries": "outbox",
    "notifier_kinds": "base",
    "parse_alerts": "config",
    "retry": "outbox",
    "sample_event": "message",
    "send_test": "outbox",
}
__all__ = [
    "AppriseNotifier",
    "DeliveryError",
    "DeliveryOutcome",
    "EmailNotifier",
    "Notifier",
    "NotifierKind",
    "WebhookNotifier",
    "build_change_event",
    "build_status_event",
    "deliver_pending",
    "enqueue",
    "ensure_schema",
    "list_deliveries",
    "notifier_kinds",
    "parse_alerts",
    "retry",
    "sample_event",
    "send_test",
]


def __getattr__(name: str) -> Any:
    """Import the public name `name` from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"tosdiff.alerts.{home}"), name)
