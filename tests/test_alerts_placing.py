"""A flag is said on the changed section it was found in, never on another that shares its id;
the subject's closing "flags:" list says each category once and is never cut to an empty "flags:"."""

from __future__ import annotations

import re

import pytest
from aiosmtpd.controller import Controller
from pytest_httpserver import HTTPServer
from test_alerts_delivery import MailSink, Receiver, free_port, parts

from tosdiff.alerts import build_change_event
from tosdiff.alerts.message import event_summary, ordered_changes, render_html, render_text, subject
from tosdiff.alerts.placing import flag_keys
from tosdiff.alerts.webhook import discord_payload, json_payload, slack_payload, teams_payload
from tosdiff.diff import diff_texts
from tosdiff.flags import flag_changes
from tosdiff.models import CHANGED, MODIFIED, REMOVED, RENUMBERED, CheckResult, Document, Flag, SectionChange

PAGE = """<html><body><main>
<h1>Example Terms of Service</h1>
<h2>4. Fees</h2>
<p>You pay the fees stated on the order form within thirty days of the invoice date, in the currency
of the order form, without any set-off or deduction.</p>
<h2>5. Reserved</h2>
{five}
<h2>6. Termination</h2>
<p>Either party may end this agreement with thirty days written notice to the other party, and the
fees already paid for the current term are not refunded.</p>
</main></body></html>"""

AI_CLAUSE = (
    "<h2>5. Use of Your Content</h2><p>We may use the content you upload to train our artificial "
    "intelligence and machine learning models.</p>"
)


def test_a_new_section_5_with_an_ai_clause_does_not_flag_the_removed_empty_5(
    httpserver: HTTPServer, make_cli
) -> None:
    """The review's minimal page: the empty heading 5 is replaced by an AI-training clause numbered 5."""
    state = {"body": PAGE.format(five="")}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda request: __import__("werkzeug").Response(state["body"], content_type="text/html")
    )
    sink = MailSink()
    ctl = Controller(sink, hostname="127.0.0.1", port=free_port())
    hook = Receiver(None)
    ctl.start()
    hook.start()
    try:
        alerts = f"""
[[alerts]]
kind = "email"
name = "legal"
smtp_host = "127.0.0.1"
smtp_port = {ctl.port}
security = "none"
from = "tosdiff@example.com"
to = ["legal@example.com"]
timeout = 5

[[alerts]]
kind = "webhook"
name = "ops"
url = "{hook.url}"
timeout = 5
"""
        cli = make_cli([{"name": "example", "title": "Example Terms", "url": httpserver.url_for("/terms"),
                         "select": ["main"]}], alerts)  # fmt: skip
        assert cli.run("check").returncode == 0
        state["body"] = PAGE.replace("<h2>5. Reserved</h2>\n{five}", AI_CLAUSE)
        proc = cli.run("check")
        assert proc.returncode in (0, 3), proc.stderr
    finally:
        ctl.stop()
        hook.stop()
    [msg] = sink.messages
    assert "5 added (AI training)" in msg["Subject"], msg["Subject"]
    assert "5 removed (" not in msg["Subject"], msg["Subject"]
    text, html = parts(msg)
    assert "AI training in 5 (added)" in text and "in <strong>5 (added)</strong>" in html
    [body] = hook.bodies
    [flag] = [f for f in body["flags"] if f["category"] == "ai-training"]
    assert flag["section"] == "5" and flag["old_id"] is None and flag["new_id"] == "5"


COMMS_OLD = "We may send you service announcements by e-mail."
COMMS_NEW = "We may send you service announcements and account notices by e-mail or in the app."
AI_OLD = "You grant us a licence to use your content to train our artificial intelligence models."


def renumber_event(flags: tuple[Flag, ...] | None = None) -> dict:
    """The Cursor step: the old 7 (an AI-training clause) removed, the old 9 "Communications" becomes 7."""
    changes = (
        SectionChange(kind=REMOVED, old_id="7", new_id=None, title="Customer Data", old_text=AI_OLD, new_text=""),
        SectionChange(kind=MODIFIED, old_id="9", new_id="7", title="Communications", old_text=COMMS_OLD,
                      new_text=COMMS_NEW, content_changed=True),
    )  # fmt: skip
    if flags is None:
        flags = tuple(flag_changes(list(changes), None))
    doc = Document(name="cursor", url="https://cursor.example/terms", title="Cursor Terms")
    result = CheckResult("cursor", CHANGED, 2, 1, changes=changes, flags=flags)
    return build_change_event(doc, result, recorded_at="2025-01-01T00:00:00Z", previous_recorded_at=None)


def test_a_removed_sections_flags_stay_on_it_not_on_the_section_now_numbered_like_it() -> None:
    ev = renumber_event()
    assert any(f["category"] == "ai-training" and f["change"] == "removed" for f in ev["flags"])
    assert all(f["old_id"] == "7" and f["new_id"] is None for f in ev["flags"])
    subj = subject([ev])
    assert "7 removed (better for users: AI training" in subj, subj
    assert "7 modified (" not in subj and "7 modified" in subj, subj
    # Every medium says which 7 it is.
    assert "AI training in 7 (removed)" in render_text([ev])
    assert "<strong>7 (removed)</strong>" in render_html([ev])
    for payload in (slack_payload([ev]), discord_payload([ev]), teams_payload([ev])):
        assert "AI training in 7 (removed)" in str(payload).replace("\\", ""), payload
    assert json_payload([ev], "tdv1-x")["flags"][0]["old_id"] == "7"
    # The flagged section is listed first: by its own flags, not by those of the other 7.
    assert ordered_changes(ev)[0]["kind"] == REMOVED


def test_an_event_queued_before_flags_carried_their_ids_is_placed_by_the_same_rules() -> None:
    ev = renumber_event()
    for f in ev["flags"]:
        del f["old_id"], f["new_id"]
    assert flag_keys(ev) == [("7", "")] * len(ev["flags"])
    assert "7 modified (" not in subject([ev])


def test_a_removed_flag_inside_a_renumbered_clause_stays_on_that_clause() -> None:
    """The other way round: the flag is on the old 9 now 7 (its sentence was removed), not on the removed 7."""
    comms_old = (
        COMMS_OLD
        + " We may share your personal information with third parties for their own marketing purposes."
    )
    changes = (
        SectionChange(kind=REMOVED, old_id="7", new_id=None, title="Reserved", old_text="Reserved.", new_text=""),
        SectionChange(kind=RENUMBERED, old_id="9", new_id="7", title="Communications", old_text=comms_old,
                      new_text=COMMS_OLD, content_changed=True),
    )  # fmt: skip
    flags = tuple(flag_changes(list(changes), None))
    assert flags and all(f.section == "7" for f in flags)
    doc = Document(name="d", url="https://d.example/terms", title="D Terms")
    ev = build_change_event(doc, CheckResult("d", CHANGED, 2, 1, changes=changes, flags=flags),
                            recorded_at="2025-01-01T00:00:00Z", previous_recorded_at=None)  # fmt: skip
    assert {(f["old_id"], f["new_id"]) for f in ev["flags"]} == {("9", "7")}
    assert "7 removed (" not in subject([ev]) and "7 renumbered and modified (was 9) (" in subject([ev])


def many_flagged_event(n_sections: int) -> dict:
    """A rewrite of many clauses, each flagged in both directions (the Cursor step 49's shape)."""
    changes, flags = [], []
    for i in range(1, n_sections + 1):
        sid = str(i)
        changes.append(SectionChange(kind=MODIFIED, old_id=sid, new_id=sid, title=f"Clause {i}",
                                     old_text=f"old text {i}", new_text=f"new text {i}", content_changed=True))  # fmt: skip
        cat = ("data-sharing", "liability", "termination")[i % 3]
        flags.append(Flag(cat, "medium", sid, f"new text {i}", "x", change="introduced", direction="worse"))
        flags.append(
            Flag("arbitration", "low", sid, f"old text {i}", "y", change="removed", direction="better")
        )
    doc = Document(name="big", url="https://big.example/terms", title="Big Terms")
    result = CheckResult("big", CHANGED, 2, 1, changes=tuple(changes), flags=tuple(flags))
    return build_change_event(doc, result, recorded_at="2025-01-01T00:00:00Z", previous_recorded_at=None)


def test_the_flags_tail_says_each_category_once_worse_first() -> None:
    summary = event_summary(many_flagged_event(12))
    tail = summary[summary.index("flags: ") :]
    assert tail.count("better for users:") == 1, tail
    worse, better = tail.removeprefix("flags: ").split("; better for users: ")
    assert (
        sorted(worse.split(", ")) == ["data sharing", "liability", "termination"] and better == "arbitration"
    )


@pytest.mark.parametrize("n_sections", [4, 12, 60, 400])
def test_a_long_subject_is_cut_by_whole_flag_labels_never_to_an_empty_flags(n_sections: int) -> None:
    ev = many_flagged_event(n_sections)
    for f in ev["flags"][6:]:  # every section its own category: a tail too long for any subject
        f["category"] = f"category-number-{f['section']}"
    subj = subject([ev])
    assert len(subj) <= 250
    assert not re.search(r"flags:\s*…?$", subj), subj
    if "flags: " in subj:
        words = subj[subj.index("flags: ") + 7 :]
        assert words and not words.startswith("…"), subj


REPLAY_CHANGES = {
    "cursor-terms": (49, 59),
    "bardeen-terms": (59,),
    "speechify-terms": (20, 29, 59),
    "scribe-terms": (59,),
    "midjourney-guidelines": (27, 31, 58),
}


@pytest.mark.parametrize("doc", sorted(REPLAY_CHANGES))
def test_on_real_replays_every_flag_said_on_a_section_is_found_in_that_sections_text(doc: str) -> None:
    """Real consecutive snapshots: a flag's label is only ever put on a change whose text holds it."""
    import json

    from tests.conftest import shared_data
    from tosdiff import extract
    from tosdiff.alerts.placing import change_key

    folder = shared_data("replay", doc)
    select = json.loads((folder / "truth.json").read_text())["select"]

    def text(step: int) -> str:
        return extract.extract((folder / f"{step:03d}.html").read_bytes(), "text/html", select=select)

    checked = 0
    for step in REPLAY_CHANGES[doc]:
        changes = tuple(diff_texts(text(step - 1), text(step)))
        flags = tuple(flag_changes(list(changes), None))
        page = Document(name=doc, url=f"https://example.com/{doc}", title=doc)
        ev = build_change_event(page, CheckResult(doc, CHANGED, 2, 1, changes=changes, flags=flags),
                                recorded_at="2025-01-01T00:00:00Z", previous_recorded_at=None)  # fmt: skip
        by_key = {change_key(c): c for c in ev["changes"]}
        for f, key in zip(ev["flags"], flag_keys(ev), strict=True):
            assert key in by_key, f
            c = by_key[key]
            assert f["section"] == c["id"]
            side = c["old_text"] if f["change"] == "removed" else c["new_text"]
            piece = max(re.split(r"…", f["excerpt"]), key=len).strip()
            assert " ".join(piece.split()).casefold() in " ".join(side.split()).casefold(), (f, c["kind"])
            checked += 1
        if doc == "cursor-terms" and step == 49:
            subj = subject([ev])
            assert "7 modified (" not in subj, subj  # the new 7 (the old 9, "Communications") has no flag
    if doc == "cursor-terms":
        assert checked > 20
