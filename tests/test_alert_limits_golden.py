"""Webhook and email limits on a large real change made of the trimmed pages in tests/fixtures.

test_alerts_formats.py runs the same limits on the whole pages in ../shared/data; this needs no shared data.
"""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from test_alerts_delivery import email_notifier

from tests.conftest import data_file
from tosdiff.alerts import build_change_event
from tosdiff.alerts.email import build_email
from tosdiff.alerts.webhook import discord_payload, slack_payload, teams_payload
from tosdiff.models import ADDED, CHANGED, MODIFIED, CheckResult, Document, Flag, SectionChange


def trimmed_event() -> dict:
    """Every paragraph of the two trimmed real terms documents as a changed section."""
    changes = []
    for doc in ("bardeen-terms", "cursor-terms"):
        versions = [
            data_file("trimmed", "pages", doc, f).read_text(encoding="utf-8") for f in ("v1.md", "v2.md")
        ]
        old, new = ([p for p in text.split("\n\n") if p.strip()] for text in versions)
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            kind = MODIFIED if a != b else ADDED
            changes.append(
                SectionChange(
                    kind=kind,
                    old_id=f"{doc}-{i}",
                    new_id=f"{doc}-{i}",
                    title=b[:60],
                    old_text=a if kind == MODIFIED else "",
                    new_text=b,
                )
            )
    flag = Flag(
        "arbitration", "medium", changes[3].id, changes[3].new_text[:200], "Disputes go to arbitration."
    )
    result = CheckResult(
        name="real", status=CHANGED, version=5, previous_version=4, changes=tuple(changes), flags=(flag,)
    )
    doc = Document(name="real", url="https://www.bardeen.ai/terms-of-service", title="Bardeen + Cursor Terms")
    return build_change_event(doc, result, recorded_at="2024-07-01T00:00:00Z", previous_recorded_at=None)


def discord_total(payload: dict) -> int:
    """Characters Discord counts against its 6000 per message: embed titles and descriptions."""
    return sum(len(e.get("title", "")) + len(e.get("description", "")) for e in payload["embeds"])


def test_limits_hold_on_a_large_real_change() -> None:
    ev = trimmed_event()
    assert len(ev["changes"]) > 50
    slack = slack_payload([ev])
    assert len(slack["blocks"]) <= 50 and all(
        len(b.get("text", {}).get("text", "")) <= 3000 for b in slack["blocks"]
    )
    assert len(slack["blocks"][0]["text"]["text"]) <= 150
    discord = discord_payload([ev, ev])
    assert len(discord["content"]) <= 2000 and len(discord["embeds"]) <= 10 and discord_total(discord) <= 6000
    assert all(len(e["title"]) <= 256 and len(e["description"]) <= 4096 for e in discord["embeds"])
    teams = teams_payload([ev])
    assert teams["attachments"][0]["content"]["type"] == "AdaptiveCard"
    assert len(json.dumps(teams).encode()) < 28_000  # Teams rejects cards above ~28 KB
    msg = build_email(email_notifier(25), [ev], "d")
    parsed = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    text = parsed.get_body(("plain",)).get_content()
    assert "[MEDIUM] arbitration in" in text and "Please read these Terms of Service" in text
    assert len(msg.as_bytes()) < 2_000_000


@pytest.mark.xfail(
    strict=True,
    reason="found by this fixture: a Teams digest of 20 such events is ~30.4 KB, over the ~28 KB limit "
    "(the whole pages in test_alerts_formats stay under it); tosdiff.alerts.webhook.teams_payload to fix",
)
def test_a_teams_digest_of_many_large_changes_stays_under_28_kb() -> None:
    ev = trimmed_event()
    assert len(json.dumps(teams_payload([ev] * 20)).encode()) < 28_000
