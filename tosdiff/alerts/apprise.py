"""Apprise notifier: Telegram, ntfy, Matrix and the rest through the optional `apprise` package."""

from __future__ import annotations

from typing import Any

from tosdiff.alerts.base import DeliveryError, read_secret, secrets_hidden
from tosdiff.alerts.config import AppriseNotifier
from tosdiff.alerts.message import render_text, subject


def send_apprise(notifier: AppriseNotifier, events: list[dict], delivery_id: str) -> None:
    """Send one alert to every Apprise URL in `urls_env`; raise DeliveryError if any service fails."""
    try:
        import apprise  # optional extra: pip install 'tosdiff[apprise]'
    except ImportError:
        raise DeliveryError(
            "apprise is not installed: pip install 'tosdiff[apprise]'", permanent=True
        ) from None
    urls = read_secret(notifier.urls_env, f"notifier {notifier.name}") or ""
    with secrets_hidden(urls):
        _notify(apprise, notifier, urls, events)


def _notify(apprise: Any, notifier: AppriseNotifier, urls: str, events: list[dict]) -> None:
    ap = apprise.Apprise()
    # Apprise URLs may be separated by spaces, commas or newlines; they embed tokens, so never echoed.
    for u in urls.replace(",", " ").split():
        if not ap.add(u):
            raise DeliveryError(
                f"notifier {notifier.name}: an Apprise URL in {notifier.urls_env} is invalid", permanent=True
            )
    ok = ap.notify(title=subject(events), body=render_text(events), body_format=apprise.NotifyFormat.TEXT)
    if not ok:
        raise DeliveryError(f"notifier {notifier.name}: Apprise reported a failed notification")
