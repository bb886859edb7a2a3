"""A flag change whose direction cannot be told is never called better (or worse) for users, anywhere.

The case (from a real page): the carve-out of a protective AI-training clause was reworded
("UNLESS YOU'VE EXPLICITLY AGREED ..." -> "EXCEPT AS DESCRIBED IN OUR PRIVACY POLICY"); the flags say
`direction: None`. The check summary used to list it as "better for users" (its polarity is protective)
while the JSON and the webhook said null.
"""

from __future__ import annotations

import json

from rich.console import Console

from tosdiff.alerts import build_change_event
from tosdiff.alerts.message import event_summary, render_text
from tosdiff.alerts.webhook import json_payload, slack_payload
from tosdiff.models import BETTER, CHANGED, MODIFIED, CheckResult, Document, Flag, RunReport, SectionChange
from tosdiff.render import check_table

UNKNOWN = Flag("ai-training", "low", "1.3", "WILL NOT USE CONTENT TO TRAIN", "Limits AI training.",
               polarity="protective", change=MODIFIED, direction=None)  # fmt: skip
KNOWN_BETTER = Flag("arbitration", "info", "16", "opt out", "You may opt out.",
                    polarity="protective", change="introduced", direction=BETTER)  # fmt: skip


def _result(*flags: Flag) -> CheckResult:
    change = SectionChange(MODIFIED, "1.3", "1.3", "Model Training", "UNLESS YOU AGREED.", "EXCEPT AS SAID.",
                           content_changed=True)  # fmt: skip
    return CheckResult("acme", CHANGED, version=2, previous_version=1, changes=(change,), flags=flags)


def _plain(renderable: object) -> str:
    console = Console(width=160, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_unknown_direction_is_listed_with_the_flags_never_as_better() -> None:
    assert UNKNOWN.against_users and not KNOWN_BETTER.against_users
    text = _plain(check_table(RunReport((_result(UNKNOWN),))))
    assert "⚑ ai-training" in text
    assert "better" not in text and "worse" not in text
    # A known direction is still said.
    text = _plain(check_table(RunReport((_result(UNKNOWN, KNOWN_BETTER),))))
    assert "⚑ ai-training" in text and "better for users: arbitration" in text


def test_alerts_say_no_direction_when_it_is_unknown() -> None:
    doc = Document(name="acme", url="https://acme.example/terms")
    event = build_change_event(
        doc, _result(UNKNOWN), recorded_at="2025-06-14T00:00:00Z", previous_recorded_at=None
    )
    assert event["flags"][0]["direction"] is None
    summary = event_summary(event)
    assert "AI training" in summary and "better" not in summary and "worse" not in summary
    body = render_text([event])
    assert "better for users" not in body and "worse for users" not in body
    hook = json.dumps(json_payload([event], "d1"))
    assert "better for users" not in hook and '"direction": null' in hook
    assert "better for users" not in json.dumps(slack_payload([event]))
