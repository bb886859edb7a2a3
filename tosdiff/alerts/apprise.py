"""Apprise notifier: Telegram, ntfy, Matrix and the rest through the optional `apprise` package."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any, Self

from tosdiff.alerts.base import DeliveryError, Notifier, read_secret, register, secrets_hidden
from tosdiff.alerts.budget import APPRISE_CHARS
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


def body_limit(ap: Any, title: str) -> int:
    """Characters of body every configured service takes whole: the smallest `body_maxlen`, at most APPRISE_CHARS."""
    limit = APPRISE_CHARS
    for service in ap:
        maxlen = int(getattr(service, "body_maxlen", 0) or 0)
        if maxlen > 0:
            # A service without a title field (title_maxlen 0) puts the title into the body.
            title_room = 0 if getattr(service, "title_maxlen", 0) else len(title) + 2
            limit = min(limit, maxlen - title_room)
    return max(0, limit)


def apprise_body(events: list[dict], limit: int) -> str:
    """The text body, cut (with a note of what was left out) to at most `limit` characters when it can be."""
    budget = limit
    body = render_text(events, budget)
    for _ in range(8):
        if len(body) <= limit or budget == 0:
            break
        budget = int(budget * limit / len(body) * 0.9)
        body = render_text(events, budget)
    return body


def _notify(apprise: Any, notifier: AppriseNotifier, urls: str, events: list[dict]) -> None:
    ap = apprise.Apprise()
    # Apprise URLs may be separated by spaces, commas or newlines; they embed tokens, so never echoed.
    for u in urls.replace(",", " ").split():
        if not ap.add(u):
            raise DeliveryError(
                f"notifier {notifier.name}: an Apprise URL in {notifier.urls_env} is invalid", permanent=True
            )
    title = subject(events)
    ok = ap.notify(
        title=title, body=apprise_body(events, body_limit(ap, title)), body_format=apprise.NotifyFormat.TEXT
    )
    if not ok:
        raise DeliveryError(f"notifier {notifier.name}: Apprise reported a failed notification")
