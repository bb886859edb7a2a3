"""Webhook alerts: signed JSON (`tosdiff.alert/1`) or Slack / Discord / Teams incoming-webhook shapes."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from tosdiff import __version__
from tosdiff.alerts.base import DeliveryError, Notifier, read_secret, redact, register, secrets_hidden
from tosdiff.alerts.message import (
    SCHEMA,
    category_label,
    change_label,
    doc_title,
    event_summary,
    ordered_changes,
    render_diff,
    safe_url,
    subject,
)
from tosdiff.sanitize import clean_text, one_line
from tosdiff.schema import env_name, http_url, invalid, one_of

if TYPE_CHECKING:
    import requests

FORMATS = ("json", "slack", "discord", "teams")
SIGNATURE_HEADER = "X-Tosdiff-Signature"
DELIVERY_HEADER = "X-Tosdiff-Delivery"


@register
@dataclass(frozen=True)
class WebhookNotifier(Notifier):
    """HTTP POST notifier; the signing secret is read from `secret_env` at send time only."""

    kind = "webhook"
    description = "HTTP POST of signed JSON, or a Slack, Discord or Teams incoming-webhook message."
    optional_keys = {"url": http_url, "url_env": env_name, "format": one_of(*FORMATS), "secret_env": env_name}

    url: str | None = None
    url_env: str | None = None  # for URLs that embed a secret (Slack, Discord, Teams)
    format: str = "json"
    secret_env: str | None = None

    @classmethod
    def from_values(cls, values: dict[str, Any], where: str) -> Self:
        """Exactly one of `url` and `url_env` says where to POST."""
        if ("url" in values) == ("url_env" in values):
            raise invalid(f"{where}.url", "give exactly one of url or url_env")
        return cls(**values)

    def send(self, events: list[dict], delivery_id: str) -> None:
        """POST one alert (see send_webhook)."""
        send_webhook(self, events, delivery_id)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header value: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_signature(
    secret: str, header: str, body: bytes, *, tolerance: float = 300, now: float | None = None
) -> bool:
    """Receiver side: True when `header` signs `body` with `secret` and is at most `tolerance` s old."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        ts = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((time.time() if now is None else now) - ts) > tolerance:
        return False
    expected = sign(secret, ts, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _json_bytes(obj: Any) -> bytes:
    # <, > and & as \u escapes: identical JSON, but inert if a receiver pastes it into HTML.
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


def json_payload(events: list[dict], delivery_id: str) -> dict:
    """`tosdiff.alert/1` body: the event itself, or a digest wrapping several events."""
    if len(events) == 1:
        return {**events[0], "delivery": delivery_id}
    return {"schema": SCHEMA, "kind": "digest", "delivery": delivery_id, "events": events}


# --- Slack -------------------------------------------------------------------------------------


def _slack_escape(s: str) -> str:
    return clean_text(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _diff_markup(change: dict, escape: Callable[[str], str], dele: str, ins: str, limit: int) -> str:
    return render_diff(change, escape, lambda t: f"{dele}{t}{dele}", lambda t: f"{ins}{t}{ins}", limit)


def slack_payload(events: list[dict]) -> dict:
    """Slack incoming-webhook body: `text` fallback plus blocks within Slack's limits."""
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": one_line(subject(events), 150)}}
    ]
    for ev in events:
        lines = [f"*{_slack_escape(event_summary(ev))}*"]
        for f in ev.get("flags", []):
            lines.append(
                f"• *{f.get('severity', 'info').upper()}* {_slack_escape(category_label(f.get('category', '')))}"
                f" in {_slack_escape(f.get('section', ''))}: {_slack_escape(f.get('explanation', ''))}"
            )
        if ev.get("kind") == "error":
            lines.append(f"Cannot be checked: {_slack_escape(one_line(ev.get('error'), 300))}")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:2900]}})
        for c in ordered_changes(ev)[:10]:
            body = _diff_markup(c, _slack_escape, "~", "*", 2700)
            text = (
                f"*{_slack_escape(change_label(c))}* {_slack_escape(one_line(c.get('title'), 100))}\n{body}"
            )
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text[:2950]}})
        urls = ev.get("urls") or {}
        links = [
            f"<{u}|{n}>"
            for n, u in (("Page", urls.get("page")), ("Full diff", urls.get("diff")))
            if safe_url(u)
        ]
        if links:
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(links)}]})
    if len(blocks) > 50:
        blocks = blocks[:49] + [
            {"type": "section", "text": {"type": "mrkdwn", "text": "… more in the full diff"}}
        ]
    return {"text": one_line(subject(events), 300), "blocks": blocks}


# --- Discord -----------------------------------------------------------------------------------

_DISCORD_MD = re.compile(r"([\\*_~`|>\[\]()#-])")
_SEV_COLOR = {"high": 0xB00020, "medium": 0xC65100, "low": 0x8A6D00, "info": 0x607D8B}


def _discord_escape(s: str) -> str:
    return _DISCORD_MD.sub(r"\\\1", clean_text(s))


def discord_payload(events: list[dict]) -> dict:
    """Discord webhook body: content <= 2000, <= 10 embeds, 6000 characters in all, no pings."""
    embeds = []
    budget = 5500  # Discord rejects more than 6000 characters over all embeds
    for ev in events[:10]:
        parts = []
        for f in ev.get("flags", []):
            parts.append(
                f"**{f.get('severity', 'info').upper()}** {_discord_escape(category_label(f.get('category', '')))}"
                f" in {_discord_escape(f.get('section', ''))}: {_discord_escape(f.get('explanation', ''))}"
            )
        if ev.get("kind") == "error":
            parts.append(f"Cannot be checked: {_discord_escape(one_line(ev.get('error'), 300))}")
        for c in ordered_changes(ev):
            parts.append(
                f"**{_discord_escape(change_label(c))}**\n"
                + _diff_markup(c, _discord_escape, "~~", "**", 1200)
            )
        desc = "\n\n".join(parts)
        title = one_line(event_summary(ev), 250)
        limit = max(100, min(4000, budget // max(1, len(events[:10])) - len(title)))
        if len(desc) > limit:
            desc = desc[: limit - 1] + "…"
        embed: dict[str, Any] = {
            "title": title,
            "description": desc,
            "color": _SEV_COLOR.get(ev.get("severity", "info"), 0x607D8B),
        }
        page = safe_url((ev.get("urls") or {}).get("diff")) or safe_url((ev.get("urls") or {}).get("page"))
        if page:
            embed["url"] = page
        embeds.append(embed)
    content = one_line(subject(events), 1900)
    if len(events) > 10:
        content += f" (first 10 of {len(events)} shown)"
    # allowed_mentions: text from a document must never ping @everyone or anyone else.
    return {"content": _discord_escape(content), "embeds": embeds, "allowed_mentions": {"parse": []}}


# --- Microsoft Teams ---------------------------------------------------------------------------


def _teams_escape(s: str) -> str:
    # Adaptive Card TextBlocks render a markdown subset; escape its markers so document text stays literal.
    return re.sub(r"([\\*_~`\[\]()#>-])", r"\\\1", clean_text(s))


def teams_payload(events: list[dict]) -> dict:
    """Teams (Workflows / incoming webhook) body: one Adaptive Card 1.4 in a message attachment."""
    body: list[dict] = [
        {
            "type": "TextBlock",
            "text": _teams_escape(subject(events)),
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        }
    ]
    budget = 16_000  # characters of diff text: Teams rejects cards above about 28 KB
    for ev in events[:20]:
        body.append(
            {
                "type": "TextBlock",
                "text": _teams_escape(event_summary(ev)),
                "weight": "Bolder",
                "wrap": True,
                "separator": True,
            }
        )
        for f in ev.get("flags", []):
            body.append({
                "type": "TextBlock", "wrap": True, "color": "Attention" if f.get("severity") in ("high", "medium") else "Default",
                "text": _teams_escape(f"{f.get('severity', 'info').upper()} {category_label(f.get('category', ''))} in "
                                      f"{f.get('section', '')}: {f.get('explanation', '')}"),
            })  # fmt: skip
        if ev.get("kind") == "error":
            body.append(
                {
                    "type": "TextBlock",
                    "wrap": True,
                    "text": _teams_escape(f"Cannot be checked: {one_line(ev.get('error'), 300)}"),
                }
            )
        for c in ordered_changes(ev)[:10]:
            if budget <= 0:
                break
            diff = _diff_markup(c, _teams_escape, "~~", "**", min(2000, budget))
            budget -= len(diff)
            body.append(
                {
                    "type": "TextBlock",
                    "wrap": True,
                    "weight": "Bolder",
                    "text": _teams_escape(change_label(c)),
                }
            )
            body.append({"type": "TextBlock", "wrap": True, "text": diff})
    actions = []
    for ev in events[:5]:
        u = safe_url((ev.get("urls") or {}).get("diff")) or safe_url((ev.get("urls") or {}).get("page"))
        if u:
            actions.append(
                {"type": "Action.OpenUrl", "title": one_line(f"Open {doc_title(ev)}", 60), "url": u}
            )
    card = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.4", "body": body, "actions": actions}  # fmt: skip
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


def build_body(notifier: WebhookNotifier, events: list[dict], delivery_id: str) -> bytes:
    """The exact bytes POSTed (and signed) for this notifier's format."""
    if notifier.format == "slack":
        return _json_bytes(slack_payload(events))
    if notifier.format == "discord":
        return _json_bytes(discord_payload(events))
    if notifier.format == "teams":
        return _json_bytes(teams_payload(events))
    return _json_bytes(json_payload(events, delivery_id))


def _retry_after(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After", "")
    return float(value) if value.strip().isdigit() else None


def send_webhook(notifier: WebhookNotifier, events: list[dict], delivery_id: str) -> None:
    """POST one alert; 2xx is success, 408/429/5xx/network errors retry, other 4xx/3xx are permanent."""
    import requests  # here, not at the top: loading a config with webhooks must not pay for requests

    url = notifier.url or read_secret(notifier.url_env, f"notifier {notifier.name}")
    assert url is not None
    secret = read_secret(notifier.secret_env, f"notifier {notifier.name}")
    # Errors name the host only: webhook URLs (Slack, Discord) carry their secret in the path.
    host = urlsplit(url).hostname or "?"
    body = build_body(notifier, events, delivery_id)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"tosdiff/{__version__}",
        DELIVERY_HEADER: delivery_id,
    }
    if secret:
        headers[SIGNATURE_HEADER] = sign(secret, int(time.time()), body)
    try:
        with secrets_hidden(url if notifier.url_env else None, secret):
            resp = requests.post(
                url, data=body, headers=headers, timeout=notifier.timeout, allow_redirects=False
            )
    except requests.Timeout:
        raise DeliveryError(f"webhook {host}: timed out after {notifier.timeout:g}s") from None
    except requests.RequestException as exc:
        raise DeliveryError(f"webhook {host}: {type(exc).__name__} (connection failed)") from None
    if 200 <= resp.status_code < 300:
        return
    snippet = redact(one_line(resp.text[:300], 200), secret, url)
    msg = f"webhook {host}: HTTP {resp.status_code} {snippet}".rstrip()
    transient = resp.status_code in (408, 425, 429) or resp.status_code >= 500
    raise DeliveryError(msg, permanent=not transient, retry_after=_retry_after(resp))
