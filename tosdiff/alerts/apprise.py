"""Apprise notifier: Telegram, ntfy, Matrix and the rest through the optional `apprise` package."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any, Self

from tosdiff.alerts.base import DeliveryError, Notifier, read_secret, register, secrets_hidden
from tosdiff.alerts.message import render_text, subject
from tosdiff.schema import env_name, invalid


def apprise_available() -> bool:
    """True when the optional `apprise` package can be imported."""
    return importlib.util.find_spec("apprise") is not None


@register
@dataclass(frozen=True)
class AppriseNotifier(Notifier):
    """Apprise notifier for the long tail of services; URLs come from `urls_env`."""

    kind = "apprise"
    description = "Telegram, ntfy, Matrix and 100+ more through the optional apprise package."
    required_keys = {"urls_env": env_name}

    urls_env: str = ""

    @classmethod
    def from_values(cls, values: dict[str, Any], where: str) -> Self:
        """Refused at load time when the optional package is missing, not at the first alert."""
        if not apprise_available():
            raise invalid(
                f"{where}.kind", "'apprise' needs the optional package: pip install 'tosdiff[apprise]'"
            )
        return cls(**values)

    def send(self, events: list[dict], delivery_id: str) -> None:
        """Send one alert through Apprise (see send_apprise)."""
        send_apprise(self, events, delivery_id)


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
