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
from tosdiff.alerts.budget import JSON_WEBHOOK_BYTES, TEAMS_BYTES, fit_event, json_bytes, json_size
from tosdiff.alerts.message import (
    SCHEMA,
    category_label,
    change_label,
    cut_note,
    direction_words,
    doc_title,
    event_summary,
    events_note,
    flag_place,
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


def json_payload(events: list[dict], delivery_id: str, max_bytes: int = JSON_WEBHOOK_BYTES) -> dict:
    """`tosdiff.alert/1` body within `max_bytes`: the event itself, or a digest wrapping several events.

    What does not fit is left out and counted in `omitted` (see tosdiff.alerts.budget.fit_event); a
    digest's events share the budget evenly, and events that get too little are counted in its
    `omitted.events`.
    """
    if len(events) == 1:
        # The body is the event plus ',"delivery":"…"'.
        extra = json_size({"delivery": delivery_id}) - 1
        return {**fit_event(events[0], max_bytes - extra), "delivery": delivery_id}
    wide = 10**9
    base = {
        "schema": SCHEMA,
        "kind": "digest",
        "delivery": delivery_id,
        "events": [],
        "omitted": {"events": wide},
    }
    room = max_bytes - json_size(base)
    kept: list[dict] = []
    for i, ev in enumerate(events):
        share = room // (len(events) - i) - 1
        fitted = fit_event(ev, share)
        size = json_size(fitted) + (1 if kept else 0)
        if size > room:
            break
        kept.append(fitted)
        room -= size
    body: dict[str, Any] = {"schema": SCHEMA, "kind": "digest", "delivery": delivery_id, "events": kept}
    if len(kept) < len(events):
        body["omitted"] = {"events": len(events) - len(kept)}
    return body


def _how(flag: dict) -> str:
    """' (better for users)': which way a flag change cuts, '' for none (chat lines stay short)."""
    how = direction_words(flag)
    return f" ({how})" if how else ""


# --- Slack -------------------------------------------------------------------------------------

CHAT_SECTIONS = 10  # changed sections per event in a Slack or Teams message: more is unreadable in a chat
SLACK_BLOCKS = 50  # Block Kit: at most 50 blocks per message
SLACK_TEXT = 3000  # characters of a section block's text


def _slack_escape(s: str) -> str:
    return clean_text(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _diff_markup(change: dict, escape: Callable[[str], str], dele: str, ins: str, limit: int) -> str:
    return render_diff(change, escape, lambda t: f"{dele}{t}{dele}", lambda t: f"{ins}{t}{ins}", limit)


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[: SLACK_TEXT - 50]}}


def _code(command: str) -> str:
    return f"`{command}`"  # document names cannot hold a backtick (NAME_RE)


def slack_payload(events: list[dict]) -> dict:
    """Slack incoming-webhook body: `text` fallback plus at most 50 blocks of at most 3,000 characters.

    The events share the blocks; each shows its summary, flags and as many changed sections as its
    share allows, and says how many it left out and the `tosdiff diff` command that shows them.
    """
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": one_line(subject(events), 150)}}
    ]
    room = SLACK_BLOCKS - 2  # the header, and the note on events left out
    for i, ev in enumerate(events):
        share = room // (len(events) - i)
        if share < 1:
            blocks.append(_section(_slack_escape(events_note(events[i:]))))
            break
        urls = ev.get("urls") or {}
        links = [
            f"<{u}|{n}>"
            for n, u in (("Page", urls.get("page")), ("Full diff", urls.get("diff")))
            if safe_url(u)
        ]
        lines = [f"*{_slack_escape(event_summary(ev))}*"]
        if ev.get("kind") == "error":
            lines.append(f"Cannot be checked: {_slack_escape(one_line(ev.get('error'), 300))}")
        shown_flags = 0
        for f in ev.get("flags", []):
            line = (
                f"• *{f.get('severity', 'info').upper()}* {_slack_escape(category_label(f.get('category', '')))}"
                f" in {_slack_escape(one_line(flag_place(ev, f), 80))}{_slack_escape(_how(f))}: {_slack_escape(one_line(f.get('explanation', ''), 300))}"
            )
            if sum(len(x) + 1 for x in lines) + len(line) > SLACK_TEXT - 600:  # room for the note
                break
            lines.append(line)
            shown_flags += 1
        change_blocks = []
        for c in ordered_changes(ev)[: max(0, min(CHAT_SECTIONS, share - 1 - (1 if links else 0)))]:
            body = _diff_markup(c, _slack_escape, "~", "*", 2700)
            head = f"*{_slack_escape(change_label(c))}* {_slack_escape(one_line(c.get('title'), 100))}"
            change_blocks.append(_section(f"{head}\n{body}"))
        note = cut_note(ev, len(change_blocks), shown_flags, _code)
        if note:
            lines.append(f"_{_slack_escape(note)}_")
        if links and share < 2 + len(change_blocks):  # no block left for the links: they join the summary
            lines.append(" · ".join(links))
            links = []
        blocks.append(_section("\n".join(lines)))
        blocks.extend(change_blocks)
        if links:
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(links)}]})
        room -= 1 + len(change_blocks) + (1 if links else 0)
    return {"text": one_line(subject(events), 300), "blocks": blocks}


# --- Discord -----------------------------------------------------------------------------------

_DISCORD_MD = re.compile(r"([\\*_~`|>\[\]()#-])")
_SEV_COLOR = {"high": 0xB00020, "medium": 0xC65100, "low": 0x8A6D00, "info": 0x607D8B}
DISCORD_TOTAL = 5500  # Discord refuses more than 6,000 characters over all embeds; a margin
DISCORD_EMBEDS = 10
DISCORD_DESCRIPTION = 4000  # of 4,096


def _discord_escape(s: str) -> str:
    return _DISCORD_MD.sub(r"\\\1", clean_text(s))


def _discord_description(ev: dict, limit: int) -> str:
    """An embed's text within `limit` characters: flags, changed sections, the note on what was left out."""
    reserve = 300  # the note
    parts: list[str] = []
    used = 0

    def fits(text: str) -> bool:
        return used + len(text) + 2 <= limit - reserve

    if ev.get("kind") == "error":
        parts.append(f"Cannot be checked: {_discord_escape(one_line(ev.get('error'), 300))}")
        used += len(parts[-1]) + 2
    shown_flags = 0
    for f in ev.get("flags", []):
        line = (
            f"**{f.get('severity', 'info').upper()}** {_discord_escape(category_label(f.get('category', '')))}"
            f" in {_discord_escape(one_line(flag_place(ev, f), 80))}{_discord_escape(_how(f))}: {_discord_escape(one_line(f.get('explanation', ''), 300))}"
        )
        if not fits(line):
            break
        parts.append(line)
        used += len(line) + 2
        shown_flags += 1
    shown_changes = 0
    for c in ordered_changes(ev):
        head = f"**{_discord_escape(change_label(c))}**\n"
        room = min(1200, limit - reserve - used - len(head) - 2)
        if room < 100:
            break
        text = head + _diff_markup(c, _discord_escape, "~~", "**", room)
        while not fits(text) and room >= 100:  # escaping made it longer than its limit
            room //= 2
            text = head + _diff_markup(c, _discord_escape, "~~", "**", room)
        if not fits(text):
            break
        parts.append(text)
        used += len(text) + 2
        shown_changes += 1
    note = cut_note(ev, shown_changes, shown_flags, _code)
    if note:
        parts.append(f"*{note}*")
    return "\n\n".join(parts)[:limit]


def discord_payload(events: list[dict]) -> dict:
    """Discord webhook body: content <= 2000, <= 10 embeds, 6000 characters in all, no pings."""
    embeds = []
    budget = DISCORD_TOTAL
    shown = events[:DISCORD_EMBEDS]
    for i, ev in enumerate(shown):
        title = one_line(event_summary(ev), 250)
        limit = max(100, min(DISCORD_DESCRIPTION, budget // (len(shown) - i) - len(title)))
        desc = _discord_description(ev, limit)
        budget -= len(title) + len(desc)
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
    if len(events) > DISCORD_EMBEDS:
        content += f" (first {DISCORD_EMBEDS} of {len(events)} shown)"
    # allowed_mentions: text from a document must never ping @everyone or anyone else.
    return {"content": _discord_escape(content), "embeds": embeds, "allowed_mentions": {"parse": []}}


# --- Microsoft Teams ---------------------------------------------------------------------------


def _teams_escape(s: str) -> str:
    # Adaptive Card TextBlocks render a markdown subset; escape its markers so document text stays literal.
    return re.sub(r"([\\*_~`\[\]()#>-])", r"\\\1", clean_text(s))


def teams_size(obj: Any) -> int:
    """Bytes of a Teams body: as sent, or as ASCII-escaped JSON if a relay re-encodes it (the larger)."""
    return max(json_size(obj), len(json.dumps(obj).encode()))


def _text_block(text: str, **extra: Any) -> dict:
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def _teams_event(ev: dict, share: int) -> list[dict]:
    """The card blocks of one event within `share` bytes: summary, flags, changed sections, the note."""
    reserve = 500  # the note on what was left out
    blocks = [_text_block(_teams_escape(event_summary(ev)), weight="Bolder", separator=True)]
    used = teams_size(blocks[0]) + 1
    if ev.get("kind") == "error":
        blocks.append(_text_block(_teams_escape(f"Cannot be checked: {one_line(ev.get('error'), 300)}")))
        used += teams_size(blocks[-1]) + 1
    shown_flags = 0
    for f in ev.get("flags", []):
        block = _text_block(
            _teams_escape(f"{f.get('severity', 'info').upper()} {category_label(f.get('category', ''))} in "
                          f"{one_line(flag_place(ev, f), 80)}{_how(f)}: {one_line(f.get('explanation', ''), 300)}"),
            color="Attention" if f.get("severity") in ("high", "medium") else "Default",
        )  # fmt: skip
        size = teams_size(block) + 1
        if used + size > share // 2:
            break
        blocks.append(block)
        used += size
        shown_flags += 1
    shown_changes = 0
    for c in ordered_changes(ev)[:CHAT_SECTIONS]:
        label = _text_block(_teams_escape(change_label(c)), weight="Bolder")
        left = share - reserve - used - teams_size(label) - 2
        limit = min(2000, left // 2)  # escapes and UTF-8 make a character up to about 2 bytes here
        while limit >= 150:
            diff = _text_block(_diff_markup(c, _teams_escape, "~~", "**", limit))
            if teams_size(diff) <= left:
                break
            limit //= 2
        if limit < 150:
            break
        blocks += [label, diff]
        used += teams_size(label) + teams_size(diff) + 2
        shown_changes += 1
    note = cut_note(ev, shown_changes, shown_flags)
    if note:
        blocks.append(_text_block(_teams_escape(note), isSubtle=True))
    return blocks


def teams_payload(events: list[dict], max_bytes: int = TEAMS_BYTES) -> dict:
    """Teams (Workflows / incoming webhook) body: one Adaptive Card 1.4 in a message attachment, within `max_bytes`."""
    body: list[dict] = [_text_block(_teams_escape(subject(events)), weight="Bolder", size="Medium")]
    actions = []
    for ev in events[:5]:
        u = safe_url((ev.get("urls") or {}).get("diff")) or safe_url((ev.get("urls") or {}).get("page"))
        if u:
            actions.append(
                {"type": "Action.OpenUrl", "title": one_line(f"Open {doc_title(ev)}", 60), "url": u}
            )
    card = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.4", "body": body, "actions": actions}  # fmt: skip
    payload = {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }
    room = max_bytes - teams_size(payload) - 600  # the note on events left out
    for i, ev in enumerate(events):
        share = room // (len(events) - i)
        if share < 800:
            body.append(_text_block(_teams_escape(events_note(events[i:])), separator=True))
            break
        blocks = _teams_event(ev, share)
        body.extend(blocks)
        room -= sum(teams_size(b) + 1 for b in blocks)
    while teams_size(payload) > max_bytes and len(body) > 1:  # a last guard; the shares keep within it
        body.pop()
    return payload


def build_body(notifier: WebhookNotifier, events: list[dict], delivery_id: str) -> bytes:
    """The exact bytes POSTed (and signed) for this notifier's format."""
    if notifier.format == "slack":
        return json_bytes(slack_payload(events))
    if notifier.format == "discord":
        return json_bytes(discord_payload(events))
    if notifier.format == "teams":
        return json_bytes(teams_payload(events))
    return json_bytes(json_payload(events, delivery_id))


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
