"""Alert size: every format within its budget on a 2,000-clause change, the cut counted and pointing at
`tosdiff diff`, digests of many such changes within budget, one stored payload per change.

The change is built from real terms text (the fixture pages' paragraphs, each clause rewritten), about
6 MB as an event (the issue measured a 17 MB webhook and an 18 MB mail for a change of this kind).
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path

import pytest
import sqlite_utils
from test_alerts_delivery import Receiver, email_notifier, queue, webhook_notifier

from tests.conftest import ROOT
from tosdiff.alerts import build_change_event, deliver_pending, ensure_schema, parse_alerts
from tosdiff.alerts.apprise import apprise_body
from tosdiff.alerts.budget import (
    EMAIL_BYTES,
    JSON_WEBHOOK_BYTES,
    STORED_EVENT_BYTES,
    TEAMS_BYTES,
    json_size,
    stored_payload,
)
from tosdiff.alerts.email import build_email
from tosdiff.alerts.webhook import build_body, discord_payload, slack_payload, teams_payload
from tosdiff.diff import word_hunks
from tosdiff.models import CHANGED, MODIFIED, CheckResult, Document, Flag, SectionChange

CLAUSES = 2000
PAGES = ROOT / "tests" / "fixtures" / "pages"


def paragraphs() -> list[str]:
    out = []
    for doc in ("bardeen-terms", "cursor-terms"):
        text = (PAGES / doc / "v1.md").read_text(encoding="utf-8")
        out += [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
    return out


def big_event(name: str = "big", clauses: int = CLAUSES, flags: int = 40) -> dict:
    """A change of `clauses` rewritten clauses of real terms text, `flags` of them flagged."""
    paras = paragraphs()
    changes = []
    for i in range(clauses):
        old = " ".join(paras[(i + k) % len(paras)] for k in range(3))
        new = old.replace(" the ", " the updated ", 3) + f" Clause {i} now also allows training of AI models."
        changes.append(
            SectionChange(
                MODIFIED, f"{i + 1}", f"{i + 1}", f"Clause {i + 1}", old, new, word_hunks(old, new), 0.9
            )
        )
    fl = tuple(
        Flag("ai-training", "high" if i % 2 else "medium", f"{i * 7 + 1}", f"allows training of AI models {i}",
             "The provider may now use your content to train AI models.", change="introduced")
        for i in range(flags)
    )  # fmt: skip
    result = CheckResult(name, CHANGED, 5, 4, changes=tuple(changes), flags=fl)
    doc = Document(name=name, url=f"https://{name}.example/terms", title=f"{name.title()} Terms")
    return build_change_event(doc, result, recorded_at="2026-01-01T00:00:00Z", previous_recorded_at=None)


@pytest.fixture(scope="module")
def event() -> dict:
    ev = big_event()
    assert json_size(ev) > 5_000_000  # megabytes, as the issue measured (17 MB webhooks)
    return ev


NOTE = re.compile(r"([\d,]+) of ([\d,]+) changed sections(?: and ([\d,]+) of ([\d,]+) flags)? not shown")


def left_out(text: str) -> tuple[int, int]:
    """(sections left out, sections in all) as a cut note states them."""
    m = NOTE.search(text)
    assert m, f"no note on what was left out in: {text[-600:]!r}"
    return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))


def test_json_webhook_within_256_kb_counts_what_it_left_out(event: dict) -> None:
    [n] = parse_alerts([{"kind": "webhook", "name": "j", "url": "https://h.example/"}], "t")
    raw = build_body(n, [event], "d1")
    assert len(raw) <= JSON_WEBHOOK_BYTES and len(raw) > JSON_WEBHOOK_BYTES * 0.8  # full, not starved
    body = json.loads(raw)
    kept, omitted = body["changes"], body["omitted"]
    assert omitted["changes"] > 0 and len(kept) + omitted["changes"] == CLAUSES
    assert len(body["flags"]) + omitted["flags"] == 40
    # Flagged clauses are kept first; kept clauses stay in document order.
    flagged = {f["section"] for f in body["flags"]}
    assert flagged <= {c["id"] for c in kept}
    assert [int(c["id"]) for c in kept] == sorted(int(c["id"]) for c in kept)
    assert body["delivery"] == "d1" and body["schema"] == "tosdiff.alert/1"


def test_email_within_1_mb_says_how_many_were_left_out_and_names_the_diff_command(event: dict) -> None:
    msg = build_email(email_notifier(25), [event], "d")
    raw = msg.as_bytes()
    assert len(raw) <= EMAIL_BYTES and len(raw) > EMAIL_BYTES * 0.5
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    shown = text.count("\n## ")
    assert shown > 20 and left_out(text) == (CLAUSES - shown, CLAUSES)
    assert "tosdiff diff big --from 4 --to 5" in text and "tosdiff diff big --from 4 --to 5" in html
    assert html.count("<h4>") == shown  # both alternatives show the same sections
    assert "[HIGH] AI training in" in text


def test_slack_discord_teams_within_their_limits_with_the_cut_note(event: dict) -> None:
    slack = slack_payload([event])
    assert len(slack["blocks"]) <= 50 and all(
        len(b.get("text", {}).get("text", "")) <= 3000 for b in slack["blocks"]
    )
    flat = json.dumps(slack, ensure_ascii=False)
    shown = sum(1 for b in slack["blocks"][2:] if b["type"] == "section")
    assert left_out(flat) == (CLAUSES - shown, CLAUSES) and "`tosdiff diff big --from 4 --to 5`" in flat

    discord = discord_payload([event])
    [embed] = discord["embeds"]
    assert len(embed["title"]) + len(embed["description"]) <= 6000 and len(embed["description"]) <= 4096
    n, total = left_out(embed["description"])
    assert total == CLAUSES and 0 < CLAUSES - n < 10
    assert "`tosdiff diff big --from 4 --to 5`" in embed["description"]

    teams = teams_payload([event])
    assert len(json.dumps(teams).encode()) < 28_000 and json_size(teams) <= TEAMS_BYTES
    texts = [b["text"] for b in teams["attachments"][0]["content"]["body"]]
    n, total = left_out(" ".join(texts))
    assert total == CLAUSES and CLAUSES - n > 3
    assert any("tosdiff diff big \\-\\-from 4 \\-\\-to 5" in t for t in texts)  # markdown-escaped, as literal


def test_apprise_body_within_its_services_limit(event: dict) -> None:
    for limit in (4096, 32_768):
        body = apprise_body([event], limit)
        assert len(body) <= limit
        assert left_out(body)[1] == CLAUSES and "tosdiff diff big --from 4 --to 5" in body


def test_digests_of_many_huge_changes_stay_within_budget(event: dict) -> None:
    events = []
    for i in range(12):
        ev = json.loads(stored_payload(event))  # as read back from the outbox
        ev["document"]["name"], ev["event_key"] = f"big{i}", f"change:big{i}:5"
        events.append(ev)
    [n] = parse_alerts([{"kind": "webhook", "name": "j", "url": "https://h.example/"}], "t")
    body = json.loads(raw := build_body(n, events, "d1"))
    assert (
        len(raw) <= JSON_WEBHOOK_BYTES
        and len(body["events"]) + body.get("omitted", {}).get("events", 0) == 12
    )
    for ev in body["events"]:
        assert len(ev["changes"]) + ev["omitted"]["changes"] == CLAUSES
    msg = build_email(email_notifier(25), events, "d")
    assert len(msg.as_bytes()) <= EMAIL_BYTES
    text = (
        email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
        .get_body(("plain",))
        .get_content()
    )
    assert all(f"tosdiff diff big{i} --from 4 --to 5" in text for i in range(12))
    slack = slack_payload(events)
    assert len(slack["blocks"]) <= 50 and all(
        len(b.get("text", {}).get("text", "")) <= 3000 for b in slack["blocks"]
    )
    discord = discord_payload(events)
    assert sum(len(e["title"]) + len(e["description"]) for e in discord["embeds"]) <= 6000
    assert len(discord["embeds"]) == 10 and "first 10 of 12" in discord["content"]
    teams = teams_payload(events)
    assert len(json.dumps(teams).encode()) < 28_000 and json_size(teams) <= TEAMS_BYTES
    assert "more alerts not shown" in json.dumps(teams) or all(
        f"big{i}" in json.dumps(teams) for i in range(12)
    )
    assert len(apprise_body(events, 4096)) <= 4096


def test_one_huge_clause_is_cut_within_itself(tmp_path: Path) -> None:
    ev = big_event("one", clauses=1, flags=0)
    c = ev["changes"][0]
    c["new_text"] = c["old_text"] = "word " * 1_000_000
    c["hunks"] = [
        {"op": "equal", "old": c["old_text"], "new": c["new_text"]},
        {"op": "insert", "old": "", "new": " end"},
    ]
    [n] = parse_alerts([{"kind": "webhook", "name": "j", "url": "https://h.example/"}], "t")
    body = json.loads(raw := build_body(n, [ev], "d1"))
    assert len(raw) <= JSON_WEBHOOK_BYTES and body["changes"][0]["truncated"] is True
    assert body["omitted"] == {"changes": 0, "flags": 0, "truncated": 1}
    assert len(build_email(email_notifier(25), [ev], "d").as_bytes()) <= EMAIL_BYTES


def test_the_outbox_stores_one_payload_per_change_whatever_the_number_of_notifiers(
    tmp_path: Path, event: dict, monkeypatch
) -> None:
    db = sqlite_utils.Database(tmp_path / "tosdiff.db")
    ensure_schema(db)
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "budget-secret")
    rec = Receiver("budget-secret")
    formats = ["json", "slack", "discord", "teams", "json", "teams"]
    notifiers = [webhook_notifier(rec.url, name=f"n{i}", format=f) for i, f in enumerate(formats)]
    assert queue(db, notifiers, event) == len(formats)
    assert db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == len(formats)
    [(events, stored)] = db.execute(
        "SELECT count(*), sum(length(CAST(payload AS BLOB))) FROM alert_events"
    ).fetchall()
    assert events == 1 and stored <= STORED_EVENT_BYTES
    # The stored event is cut, with its counts, so every message can still say what it left out.
    [payload] = db.execute("SELECT payload FROM alert_events").fetchone()
    kept = json.loads(payload)
    assert len(kept["changes"]) + kept["omitted"]["changes"] == CLAUSES
    # A second change and a notifier filtering it out: still one payload per change, none for nothing.
    small = big_event("small", clauses=3, flags=0)
    assert queue(db, notifiers[:2], small) == 2
    nobody = big_event("nobody", clauses=3, flags=0)
    assert queue(db, [webhook_notifier(rec.url, name="x", only_flagged=True)], nobody) == 0
    assert db.execute("SELECT count(*) FROM alert_events").fetchone()[0] == 2
    rec.start()
    try:
        outcomes = deliver_pending(db, notifiers)
    finally:
        rec.stop()
    assert [o.status for o in outcomes] == ["delivered"] * 8
    for body in rec.bodies:
        assert json_size(body) <= JSON_WEBHOOK_BYTES  # compact, as sent
    big_json = [b for b in rec.bodies if b.get("event_key") == event["event_key"]]
    assert len(big_json) == 2 and all(
        len(b["changes"]) + b["omitted"]["changes"] == CLAUSES for b in big_json
    )


@pytest.mark.parametrize("hostile", ["empty hunks", "huge title"])
def test_a_pathological_clause_is_cut_and_does_not_hide_the_others(hostile: str) -> None:
    ev = big_event("odd", clauses=30, flags=1)  # the flag is on clause 1: it is kept first
    first = ev["changes"][0]
    if hostile == "empty hunks":  # JSON overhead without text: 100,000 hunks of nothing
        first["hunks"] = [{"op": "equal", "old": "", "new": ""}] * 100_000
    else:
        first["title"] = "T" * 2_000_000
    [n] = parse_alerts([{"kind": "webhook", "name": "j", "url": "https://h.example/"}], "t")
    body = json.loads(raw := build_body(n, [ev], "d1"))
    assert len(raw) <= JSON_WEBHOOK_BYTES
    assert body["changes"][0]["id"] == "1" and body["changes"][0]["truncated"] is True
    assert len(body["changes"]) >= 20 and len(body["changes"]) + body["omitted"]["changes"] == 30
    assert len(build_email(email_notifier(25), [ev], "d").as_bytes()) <= EMAIL_BYTES
