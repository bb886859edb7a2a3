"""How large an alert may be, per format, and how an event is cut to fit its JSON budget.

A change of thousands of clauses would otherwise make a webhook or mail of many megabytes, which
receivers refuse (Teams above ~28 KB, Discord above 6,000 characters) or choke on. Every format has a
budget; what does not fit is left out with a count of what was left out and the `tosdiff diff`
command that shows everything (`message.cut_note`). Flags and the clauses they are on go first.
"""

from __future__ import annotations

import json
from typing import Any

from tosdiff.alerts.message import ordered_changes

# Bytes of the whole body or message, per format (Slack and Discord are bounded by their own
# counts in tosdiff.alerts.webhook: blocks, characters).
JSON_WEBHOOK_BYTES = 256_000  # format = "json": the signed tosdiff.alert/1 body
EMAIL_BYTES = 1_000_000  # the whole mail: headers, text and HTML alternatives, transfer-encoded
TEAMS_BYTES = 27_000  # Teams refuses a message above about 28 KB; a margin for its own envelope
STORED_EVENT_BYTES = 1_000_000  # an event's payload in the outbox: the most any format sends
APPRISE_CHARS = 32_768  # the body of an Apprise notification, when its services declare no smaller limit

_MIN_CHANGE_BYTES = 1_500  # below this, a clause is left out rather than cut to a stub
_TEXT_MARK = "…"


def json_bytes(obj: Any) -> bytes:
    """Compact UTF-8 JSON with <, > and & as \\u escapes: identical JSON, inert if pasted into HTML."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode()


def json_size(obj: Any) -> int:
    """Bytes of `obj` as sent (`json_bytes`)."""
    return len(json_bytes(obj))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)] + _TEXT_MARK


def cut_change(change: dict, max_bytes: int) -> dict:
    """A changed section whose JSON fits `max_bytes`: texts and hunks shortened, marked `"truncated": true`."""
    if json_size(change) <= max_bytes:
        return change
    chars = max(200, max_bytes // 4)  # old and new text, each once more in the hunks; UTF-8 may be 3 bytes
    while True:
        cut = dict(change)
        for key, limit in (("id", 200), ("old_id", 200), ("new_id", 200), ("title", 500), ("old_title", 500)):
            if isinstance(change.get(key), str):
                cut[key] = _cut(change[key], limit)
        cut["old_text"] = _cut(change.get("old_text") or "", chars)
        cut["new_text"] = _cut(change.get("new_text") or "", chars)
        hunks, used = [], 0
        for h in change.get("hunks") or []:
            if used >= chars:
                break
            old, new = _cut(h.get("old", ""), chars - used), _cut(h.get("new", ""), chars - used)
            used += len(old) + len(new) + 30  # a hunk's JSON is 30 bytes even when its texts are empty
            hunks.append({**h, "old": old, "new": new})
        cut["hunks"] = hunks
        cut["truncated"] = True
        if json_size(cut) <= max_bytes or chars <= 50:
            return cut
        chars //= 2


def _fill(items: list[dict], room: int) -> tuple[list[int], int]:
    """Indexes of `items`, in order, whose JSON fits in `room` bytes as array members; bytes used."""
    kept, used = [], 0
    for i, item in enumerate(items):
        size = json_size(item) + (1 if kept else 0)  # the comma between members
        if used + size > room:
            break
        kept.append(i)
        used += size
    return kept, used


def fit_event(event: dict, max_bytes: int) -> dict:
    """`event` if its JSON fits `max_bytes`, else a copy cut to fit with `omitted` counting what was left out.

    Flags are kept worst first, then changed sections (those carrying flags first, each cut to a
    share of the room when it is huge); kept sections stay in document order. `omitted` adds up
    over cuts: {"changes": sections left out, "flags": flags left out, "truncated": sections cut}.
    """
    if json_size(event) <= max_bytes:
        return event
    prior = event.get("omitted") or {}
    # Placeholder counts as wide as any real one, so the real numbers never make the JSON grow.
    wide = 10**9
    base = {
        **event,
        "flags": [],
        "changes": [],
        "omitted": {"changes": wide, "flags": wide, "truncated": wide},
    }
    room = max(0, max_bytes - json_size(base))
    flags = list(event.get("flags") or [])
    kept_flags, used = _fill(flags, room // 2)  # flags may take half; what they leave goes to the clauses
    room -= used
    changes = list(event.get("changes") or [])
    position = {id(c): i for i, c in enumerate(changes)}
    share = max(_MIN_CHANGE_BYTES, room // 8)  # no single clause takes more than an eighth
    chosen: list[tuple[int, dict]] = []
    truncated = 0
    for c in ordered_changes(event):
        size_limit = min(share, room - (1 if chosen else 0))
        if size_limit < _MIN_CHANGE_BYTES:
            break
        fitted = cut_change(c, size_limit)
        size = json_size(fitted) + (1 if chosen else 0)
        if size > room:
            continue  # could not be cut small enough (e.g. thousands of one-word hunks): the next may fit
        truncated += fitted is not c
        chosen.append((position[id(c)], fitted))
        room -= size
    chosen.sort(key=lambda pair: pair[0])
    return {
        **event,
        "flags": [flags[i] for i in kept_flags],
        "changes": [c for _, c in chosen],
        "omitted": {
            "changes": int(prior.get("changes", 0)) + len(changes) - len(chosen),
            "flags": int(prior.get("flags", 0)) + len(flags) - len(kept_flags),
            "truncated": int(prior.get("truncated", 0)) + truncated,
        },
    }


def stored_payload(event: dict) -> str:
    """The event as stored once in the outbox: JSON, cut to STORED_EVENT_BYTES."""
    return json.dumps(fit_event(event, STORED_EVENT_BYTES), ensure_ascii=False, separators=(",", ":"))
