"""Slack / Discord / Teams shapes: within each service's limits, document text inert, on real terms text."""

from __future__ import annotations

import email
import email.policy
import json
import re

import pytest
from test_alerts_delivery import change_event, email_notifier

from tests.conftest import SOURCES, data_file
from tosdiff.alerts import build_change_event
from tosdiff.alerts.email import build_email
from tosdiff.alerts.message import render_text, sample_event, subject
from tosdiff.alerts.webhook import build_body, discord_payload, slack_payload, teams_payload
from tosdiff.models import ADDED, CHANGED, MODIFIED, CheckResult, Document, Flag, SectionChange


def real_event(source: str) -> dict:
    """Every paragraph of two real terms documents as changed sections (a worst case for message size)."""
    changes = []
    for doc in ("bardeen-terms", "cursor-terms"):
        old, new = (
            [
                p
                for p in data_file(source, "pages", doc, f).read_text(encoding="utf-8").split("\n\n")
                if p.strip()
            ]
            for f in ("v1.md", "v2.md")
        )
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            kind = MODIFIED if a != b else ADDED
            changes.append(SectionChange(kind=kind, old_id=f"{doc}-{i}", new_id=f"{doc}-{i}", title=b[:60],
                                         old_text=a if kind == MODIFIED else "", new_text=b))  # fmt: skip
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


@pytest.mark.parametrize("source", SOURCES)
def test_limits_hold_on_a_huge_real_change(source: str) -> None:
    ev = real_event(source)
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


def test_many_events_in_a_discord_digest_stay_within_limits() -> None:
    events = [change_event(f"doc{i}") for i in range(25)]
    d = discord_payload(events)
    assert len(d["embeds"]) == 10 and discord_total(d) <= 6000 and "first 10 of 25" in d["content"]
    ev = real_event("shared")
    assert len(json.dumps(teams_payload([ev] * 20)).encode()) < 28_000


@pytest.mark.parametrize("fmt", ["slack", "discord", "teams", "json"])
def test_hostile_text_is_inert_in_every_format(fmt: str) -> None:
    ev = change_event(hostile=True)
    ev["changes"][0]["new_text"] += " @everyone <!channel> <https://evil.example|click>"
    ev["changes"][0]["hunks"].append(
        {"op": "insert", "old": "", "new": " @everyone <!channel> <https://evil.example|x>"}
    )
    from tosdiff.alerts.config import parse_alerts

    [n] = parse_alerts([{"kind": "webhook", "name": "w", "url": "https://h.example/", "format": fmt}], "t")
    raw = build_body(n, [ev], "d1")
    assert b"\x1b" not in raw and b"\x07" not in raw and b"<script>" not in raw
    body = json.loads(raw)
    flat = json.dumps(body, ensure_ascii=False)
    if fmt == "slack":
        assert "<!channel>" not in flat and "&lt;!channel&gt;" in flat and "&lt;script&gt;" in flat
        assert "<https://evil.example" not in flat
    if fmt == "discord":
        assert body["allowed_mentions"] == {"parse": []}
        assert "\\\\[bold red\\\\]" in json.dumps(body)  # markdown-significant brackets escaped
    if fmt == "teams":
        assert "\\\\[bold red\\\\]x\\\\[/\\\\]" in json.dumps(body)
    if fmt == "json":
        assert "[bold red]x[/]" in flat and "<script>alert(1)</script>" in flat  # data kept, as data


def test_subject_degrades_without_flags_and_names_many_changes() -> None:
    ev = change_event(flagged=False)
    assert subject([ev]) == "[tosdiff] Zoom Terms of Service: 10.4 modified, 3 modified"
    assert "FLAGGED" not in render_text([ev])
    ev = sample_event()
    assert subject([ev]) == "[tosdiff] Example Terms: 10.4 modified (AI training)"
    assert re.search(
        r"licence to use Customer Content to provide the \[-Services\.-\] \{\+Services and", render_text([ev])
    )


def test_a_teams_digest_of_many_large_changes_stays_under_28_kb() -> None:
    ev = real_event("trimmed")
    assert len(json.dumps(teams_payload([ev] * 20)).encode()) < 28_000
