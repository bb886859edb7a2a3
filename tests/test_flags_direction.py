"""Which way a flag change cuts (worse / better for users), and what follows from it: severity, the
alert's subject and flag lines, the notifiers' min_severity, a revert that brings a flagged clause
back, and the flags shown under `tosdiff diff` (rich, plain and --json)."""

from __future__ import annotations

import re

import pytest
from pytest_httpserver import HTTPServer
from test_alerts_delivery import Receiver
from werkzeug import Response

from tosdiff.alerts.message import build_change_event, event_summary, is_alertable_change, render_text
from tosdiff.flags import change_severity, flag_changes, parse_rules
from tosdiff.models import REVERTED, CheckResult, Document, Flag, SectionChange

HARMFUL_AI = (
    "We may use your content, including audio, video and chat, to train and improve our artificial "
    "intelligence and machine learning models."
)
PROTECTIVE_AI = "We will not use your content to train artificial intelligence models without your consent."
NARROW_LICENCE = "You grant us a licence to host and display your content only to provide the service to you."
WIDE_LICENCE = (
    "You grant us a perpetual, irrevocable, worldwide, royalty-free, sublicensable and transferable licence "
    "to use, modify and create derivative works of your content for any purpose."
)
CLASS_WAIVER = (
    "You and Acme agree that each may bring claims against the other only in an individual capacity and "
    "you waive any right to participate in a class action or a jury trial."
)


def change(old: str, new: str) -> SectionChange:
    """One section 7 changed from `old` to `new` (added when `old` is empty, removed when `new` is)."""
    kind = "added" if not old else "removed" if not new else "modified"
    return SectionChange(
        kind=kind, old_id="7" if old else None, new_id="7" if new else None, title="Terms",
        old_text=old, new_text=new,
    )  # fmt: skip


def one(flags: list[Flag], category: str) -> Flag:
    found = [f for f in flags if f.category == category]
    assert len(found) == 1, flags
    return found[0]


# ---------------------------------------------------------------- the direction of each kind of change


def test_added_harmful_clause_is_worse_and_keeps_its_severity() -> None:
    f = one(flag_changes([change("", HARMFUL_AI)]), "ai-training")
    assert (f.change, f.direction, f.scope, f.severity) == ("introduced", "worse", "widened", "high")


def test_removed_harmful_clause_is_better_and_never_high() -> None:
    f = one(flag_changes([change(HARMFUL_AI, "")]), "ai-training")
    assert (f.change, f.direction, f.scope) == ("removed", "better", "narrowed")
    assert f.severity in ("info", "low")


def test_widened_and_narrowed_licence() -> None:
    wider = one(flag_changes([change(NARROW_LICENCE, WIDE_LICENCE)]), "content-licence")
    narrower = one(flag_changes([change(WIDE_LICENCE, NARROW_LICENCE)]), "content-licence")
    assert (wider.change, wider.scope, wider.direction) == ("modified", "widened", "worse")
    assert (narrower.change, narrower.scope, narrower.direction) == ("modified", "narrowed", "better")
    assert wider.severity == "high" and narrower.severity in ("info", "low")


def test_protective_clause_added_is_better_and_removed_is_worse() -> None:
    added = one(flag_changes([change(HARMFUL_AI, HARMFUL_AI + " " + PROTECTIVE_AI)]), "ai-training")
    assert (added.polarity, added.change, added.direction) == ("protective", "introduced", "better")
    gone = one(flag_changes([change(HARMFUL_AI + " " + PROTECTIVE_AI, HARMFUL_AI)]), "ai-training")
    assert (gone.polarity, gone.change, gone.direction) == ("protective", "removed", "worse")
    # Losing "we will not train AI on your content without consent" is as loud as the harm it stood against.
    assert (added.severity, gone.severity) == ("info", "high")


def test_a_lost_protection_is_as_loud_as_its_categorys_harm() -> None:
    """The built-in arbitration opt-out rule: added is better and quiet; removed is worse and medium, so a
    notifier with min_severity = "medium" hears that the way out of arbitration is gone."""
    opt_out = (
        "YOU MAY OPT-OUT OF THIS ARBITRATION AGREEMENT. To opt out, you must notify us in writing no later "
        "than 30 days after first becoming subject to this arbitration agreement."
    )
    added = [f for f in flag_changes([change("", opt_out)]) if f.rule == "arbitration-opt-out"]
    removed = [f for f in flag_changes([change(opt_out, "")]) if f.rule == "arbitration-opt-out"]
    assert [(f.direction, f.severity) for f in added] == [("better", "info")]
    assert [(f.direction, f.severity) for f in removed] == [("worse", "medium")]


def test_claudette_category_follows_the_polarity_of_its_hit() -> None:
    # A user rule stands in for a protective CLAUDETTE hit (an arbitration opt-out): the direction comes
    # from the hit's polarity, whatever detector made it.
    rules = parse_rules(
        [{"name": "opt-out", "category": "arbitration", "severity": "medium", "polarity": "protective",
          "patterns": ["opt out of (?:this )?arbitration"]}],
        [],
        "tosdiff.toml",
    )  # fmt: skip
    opt_out = "You may opt out of this arbitration agreement within 30 days by writing to us."
    added = [f for f in flag_changes([change("", opt_out)], rules) if f.rule == "opt-out"]
    removed = [f for f in flag_changes([change(opt_out, "")], rules) if f.rule == "opt-out"]
    assert [(f.change, f.direction) for f in added] == [("introduced", "better")]
    assert [(f.change, f.direction) for f in removed] == [("removed", "worse")]
    # A waiver dropped is better, and low at most.
    waiver = [f for f in flag_changes([change(CLASS_WAIVER, "")]) if f.category == "class-action-waiver"]
    assert waiver and all(f.direction == "better" and f.severity in ("info", "low") for f in waiver)


def test_change_severity_table() -> None:
    assert [change_severity(s, "worse") for s in ("info", "low", "medium", "high")] == [
        "info", "low", "medium", "high",
    ]  # fmt: skip
    assert [change_severity(s, "better") for s in ("info", "low", "medium", "high")] == [
        "info", "info", "low", "low",
    ]  # fmt: skip
    # Which way cannot be told (a reworded clause): shown, never as loud as a known change for the worse.
    assert change_severity("high", None) == "medium" and change_severity("low", None) == "low"


def test_flag_of_a_version_has_no_direction_and_reads_by_polarity() -> None:
    from tosdiff.flags import flag_section
    from tosdiff.models import Section

    flags = flag_section(Section("7", "7", "Terms", 1, PROTECTIVE_AI + " " + HARMFUL_AI, "h"))
    assert flags and all(f.direction is None and f.change is None for f in flags)
    assert {f.polarity: f.against_users for f in flags} == {"protective": False, "permissive": True}


# ---------------------------------------------------------------- the alert says which way


def event_of(flags: list[Flag], status: str = "changed") -> dict:
    doc = Document(name="acme", url="https://acme.example/terms", title="Acme Terms")
    result = CheckResult("acme", status, version=3, previous_version=2, changes=(change("x", "y"),),
                         flags=tuple(flags))  # fmt: skip
    return build_change_event(doc, result, recorded_at="2026-01-02T00:00:00Z", previous_recorded_at=None)


def test_alert_of_a_dropped_waiver_is_low_and_says_better() -> None:
    ev = event_of(flag_changes([change(CLASS_WAIVER, "")]))
    assert ev["severity"] in ("info", "low")
    assert "better for users: class-action waiver" in event_summary(ev)
    body = render_text([ev])
    assert "[HIGH]" not in body
    assert re.search(r"\[(LOW|INFO)\] class-action waiver in 7 \(removed, better for users\)", body)
    worse = event_of(flag_changes([change("", CLASS_WAIVER)]))
    assert worse["severity"] == "high"
    assert "[HIGH] class-action waiver in 7 (introduced, worse for users)" in render_text([worse])
    assert event_summary(worse) == "Acme Terms: 7 modified (class-action waiver)"


def test_chat_formats_say_which_way_a_flag_cut() -> None:
    import json

    from tosdiff.alerts.webhook import discord_payload, slack_payload, teams_payload

    ev = event_of(flag_changes([change(CLASS_WAIVER, "")]))
    for payload in (slack_payload([ev]), discord_payload([ev]), teams_payload([ev])):
        text = json.dumps(payload, ensure_ascii=False).replace("\\", "")
        assert "(better for users)" in text and "HIGH" not in text


def test_a_revert_event_is_alertable_only_when_it_brings_a_flag_back() -> None:
    back = event_of(flag_changes([change("", HARMFUL_AI)]), status=REVERTED)
    gone = event_of(flag_changes([change(HARMFUL_AI, "")]), status=REVERTED)
    assert back["reintroduced"] and is_alertable_change(back)
    assert not gone["reintroduced"] and not is_alertable_change(gone)
    assert event_summary(back).endswith("back to an earlier text")


# ---------------------------------------------------------------- end to end: real CLI, real servers

PAGE = """<html><body><main><h1>Acme Terms of Service</h1>
<h2>1. Using Acme</h2><p>By using Acme you agree to these terms. You must be at least 16 years old to
use the service and you are responsible for your account and everything done with it.</p>
<h2>2. Your Content</h2><p>You keep all rights to the content you upload. {content}</p>
<h2>3. Disputes</h2><p>Disputes are settled by the courts of your home town. {disputes}</p>
<h2>4. Fees</h2><p>Paid plans are billed monthly in advance. {fees}</p>
</main></body></html>"""


def page(content: str = NARROW_LICENCE, disputes: str = "", fees: str = "") -> str:
    return PAGE.format(content=content, disputes=disputes, fees=fees)


@pytest.fixture
def site(httpserver: HTTPServer) -> dict:
    state = {"body": page()}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda r: Response(state["body"], content_type="text/html")  # noqa: ARG005
    )
    state["url"] = httpserver.url_for("/terms")
    return state


@pytest.fixture
def receiver():
    rec = Receiver(None)
    rec.start()
    yield rec
    rec.stop()


def hook(rec: Receiver, min_severity: str = "info") -> str:
    return (
        f'\n[[alerts]]\nkind = "webhook"\nname = "legal"\nurl = "{rec.url}"\nformat = "json"\n'
        f'min_severity = "{min_severity}"\ntimeout = 5\n'
    )


def check(cli) -> str:
    """Run `tosdiff check` (which delivers its alerts before it exits); the document's status."""
    code, out = cli.json("check")
    assert code == 0, out
    return out["documents"][0]["status"]


def test_min_severity_medium_drops_a_removed_waiver_but_passes_a_new_one(site, receiver, make_cli) -> None:
    cli = make_cli([{"name": "acme", "url": site["url"], "select": ["main"]}], hook(receiver, "medium"))
    site["body"] = page(disputes=CLASS_WAIVER)
    assert check(cli) == "new"
    site["body"] = page()  # the waiver is dropped: good news, low at most
    assert check(cli) == "changed"
    assert receiver.bodies == []
    code, shown = cli.json("diff", "acme")
    waiver = [f for f in shown["flags"] if f["category"] == "class-action-waiver"]
    assert waiver and all(f["direction"] == "better" and f["severity"] in ("info", "low") for f in waiver)
    site["body"] = page(disputes=CLASS_WAIVER, fees="We may change fees at any time without notice.")
    assert check(cli) == "changed"  # a third text: the waiver comes back, with a fee change
    assert len(receiver.bodies) == 1
    [event] = receiver.bodies
    assert event["severity"] == "high"
    assert any(f["category"] == "class-action-waiver" and f["direction"] == "worse" for f in event["flags"])


def test_a_revert_that_brings_a_flag_back_is_alerted(site, receiver, make_cli) -> None:
    cli = make_cli([{"name": "acme", "url": site["url"], "select": ["main"]}], hook(receiver))
    v1 = page()
    v2 = page(content=NARROW_LICENCE + " " + HARMFUL_AI)
    v3 = page(fees="Refunds are given within 14 days of a purchase.")
    seen = []
    for body in (v1, v2, v3, v2):
        site["body"] = body
        seen.append(check(cli))
    assert seen == ["new", "changed", "changed", "reverted"]
    events = [b for b in receiver.bodies if b.get("kind") == "change"]
    # v2 (introduced), v3 (AI training dropped: better, still a change), then v4: back to v2's text,
    # which brings the AI-training clause back. Without the flag, a revert stays quiet (alert_on_revert).
    assert [e["status"] for e in events] == ["changed", "changed", "reverted"]
    back = events[-1]
    assert back["reintroduced"] is True and back["severity"] == "high"
    assert any(f["category"] == "ai-training" and f["direction"] == "worse" for f in back["flags"])


def test_flip_flop_v1_v2_v1_v2_alerts_the_flag_once(site, receiver, make_cli) -> None:
    cli = make_cli([{"name": "acme", "url": site["url"], "select": ["main"]}], hook(receiver))
    v1, v2 = page(), page(content=NARROW_LICENCE + " " + HARMFUL_AI)
    seen = []
    for body in (v1, v2, v1, v2, v1, v2):
        site["body"] = body
        seen.append(check(cli))
    assert seen == ["new", "changed", "reverted", "reverted", "reverted", "reverted"]
    events = [b for b in receiver.bodies if b.get("kind") == "change"]
    # v2 introduces the clause; v3 drops it (a revert for the better: quiet); v4 brings it back, and
    # shows the page alternates: alerted once, the flag in its subject; later flips stay quiet.
    assert [(e["status"], e["versions"]["new"]) for e in events] == [("changed", 2), ("reverted", 4)]
    assert events[1]["reintroduced"] and events[1]["flapping"]
    assert "flags: AI training" in event_summary(events[1])


# ---------------------------------------------------------------- flags under `tosdiff diff`


def test_diff_shows_the_flags_of_the_changed_sections(site, make_cli) -> None:
    cli = make_cli([{"name": "acme", "url": site["url"], "select": ["main"]}])
    assert cli.run("check").returncode == 0
    site["body"] = page(content=WIDE_LICENCE + " " + HARMFUL_AI, disputes="")
    assert cli.run("check").returncode == 0

    code, data = cli.json("diff", "acme")
    assert code == 0 and list(data) == ["document", "from", "to", "changes", "flags"]
    by_cat = {f["category"]: f for f in data["flags"]}
    assert by_cat["ai-training"]["direction"] == "worse" and by_cat["ai-training"]["change"] == "introduced"
    assert by_cat["content-licence"]["scope"] == "widened" and by_cat["content-licence"]["section"] == "2"
    assert {f["section"] for f in data["flags"]} <= {c["id"] for c in data["changes"]}

    # Plain text (a pipe): the flags follow the diff, every line within 80 columns.
    plain = cli.run("diff", "acme", env={"COLUMNS": "80"})
    assert plain.returncode == 0 and "\x1b[" not in plain.stdout
    lines = plain.stdout.splitlines()
    at = lines.index("⚑ flags in the changed sections")
    assert any(line.startswith("@@ 2 ") for line in lines[:at])
    tail = "\n".join(lines[at:])
    assert "[HIGH] ai-training in 2: introduced, worse for users" in tail
    assert "content-licence in 2: modified, worse for users" in tail
    assert all(len(line) <= 80 for line in lines[at:]), tail

    # Rich (as on a terminal), at 80 columns: the same flags in a table that fits.
    rich = cli.run("diff", "acme", "--format", "rich", env={"COLUMNS": "80"})
    assert rich.returncode == 0
    out = rich.stdout.splitlines()
    assert "⚑ flags in the changed sections" in out and "worse for users" in rich.stdout
    assert all(len(line) <= 80 for line in out), rich.stdout

    # One clause: only its flags.
    code, one_clause = cli.json("diff", "acme", "--section", "1")
    assert code == 0 and one_clause["changes"] == [] and one_clause["flags"] == []


def test_diff_of_a_better_change_says_so(site, make_cli) -> None:
    site["body"] = page(content=NARROW_LICENCE + " " + HARMFUL_AI)
    cli = make_cli([{"name": "acme", "url": site["url"], "select": ["main"]}])
    assert cli.run("check").returncode == 0
    site["body"] = page(content=NARROW_LICENCE + " " + PROTECTIVE_AI)
    assert cli.run("check").returncode == 0
    plain = cli.run("diff", "acme", env={"COLUMNS": "80"}).stdout
    assert "better for users" in plain and "[HIGH]" not in plain


def test_flags_all_says_which_way_each_category_points(site, make_cli) -> None:
    site["body"] = page(content=NARROW_LICENCE + " " + PROTECTIVE_AI, disputes=CLASS_WAIVER)
    cli = make_cli([{"name": "acme", "url": site["url"], "select": ["main"]}])
    assert cli.run("check").returncode == 0
    code, data = cli.json("flags", "--all")
    assert code == 0
    ways = data["acme"]["polarity"]
    assert ways["ai-training"] == "protective" and ways["class-action-waiver"] == "permissive"
    assert sorted(ways) == data["acme"]["categories"]
    table = cli.run("flags", "--all", env={"COLUMNS": "80"}).stdout
    header = [c.strip() for c in next(x for x in table.splitlines() if "against users" in x).split("┃")]
    row = [c.strip() for c in next(x for x in table.splitlines() if "acme" in x).split("│")]
    # ai-training sits under "for users", the class-action waiver under "against users".
    assert header[3:5] == ["against users", "for users (protective)"]
    assert "class-action-waiver" in row[3] and "ai-training" not in row[3] and "ai-training" in row[4]


# ---------------------------------------------------------------- the README and its screenshot agree with `diff`


def test_readme_flags_under_diff_are_what_diff_prints(tmp_path) -> None:
    from conftest import CLI, ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```text\n⚑ flags in the changed sections")
    block = readme[start + len("```text\n") : readme.index("```", start + 8)]
    demo = tmp_path / "demo"
    cli = CLI(demo / "tosdiff.toml")
    made = cli.run("demo", "--keep", str(demo))
    assert made.returncode == 0, made.stderr
    printed = []
    for versions in (("1", "2"), ("2", "3")):
        proc = cli.run(
            "diff", "acme-cloud", "--from", versions[0], "--to", versions[1], env={"COLUMNS": "80"}
        )
        assert proc.returncode == 0, proc.stderr
        printed.extend(proc.stdout.splitlines())
    shown = [line for line in block.splitlines() if line.strip() and line != "…"]
    assert len(shown) >= 10
    assert [line for line in shown if line not in printed] == []


def test_screenshot_shows_what_diff_prints(tmp_path) -> None:
    import html
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    assert spec and spec.loader
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    svg = html.unescape(shots.terminal_svg(tmp_path / "demo")).replace("\xa0", " ")
    # The flags under the diff, as `diff` prints them (no other flags table), and no web font.
    for text in ("10.4 Licence to Acme", "flags in the changed sections", "worse for users", "what it means"):
        assert text in svg, text
    assert "@font-face" not in svg
