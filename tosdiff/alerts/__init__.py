"""Alerts: email, webhooks and Apprise, fed by a transactional outbox so nothing is lost or sent twice."""

from tosdiff.alerts.base import DeliveryError, DeliveryOutcome
from tosdiff.alerts.config import AppriseNotifier, EmailNotifier, Notifier, WebhookNotifier, parse_alerts
from tosdiff.alerts.message import build_change_event, build_status_event, sample_event
from tosdiff.alerts.outbox import deliver_pending, enqueue, ensure_schema, list_deliveries, retry, send_test

__all__ = [
    "AppriseNotifier",
    "DeliveryError",
    "DeliveryOutcome",
    "EmailNotifier",
    "Notifier",
    "WebhookNotifier",
    "build_change_event",
    "build_status_event",
    "deliver_pending",
    "enqueue",
    "ensure_schema",
    "list_deliveries",
    "parse_alerts",
    "retry",
    "sample_event",
    "send_test",
]
