"""Bidi controls from a page never reach any output: diff html/json, sections/flags/log json, the report.

A right-to-left override (U+202E) or an isolate (U+2066-2069) in a clause makes a reader see text in
another order than it is written ("Trojan source"). The page below hides every bidi control in its
clauses, in raw UTF-8 and as HTML character references; the real CLI records two versions, and every
way of showing them is checked for every control.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from conftest import CLI, write_config

from tosdiff.demo import DemoServer
from tosdiff.store import Store

# Every code point with an explicit bidi formatting class, plus the marks (ALM, LRM, RLM): the
# Unicode Bidi_Control set, derived from the database rather than typed in.
BIDI_CONTROLS = sorted(
    {
        chr(cp)
        for cp in range(0x110000)
        if unicodedata.bidirectional(chr(cp))
        in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
    }
    | {"\u061c", "\u200e", "\u200f"}
)
LETTERS = "".join(BIDI_CONTROLS)
REFS = "".join(f"&#x{ord(c):04X};" for c in BIDI_CONTROLS)


def page(fee: str) -> bytes:
    clauses = [
        f"1. Use{LETTERS}. You may use the service{REFS} as these terms allow, for {fee} per month.",
        f"2. Data. We may share your data with partners{LETTERS} and use it to train artificial "
        f"intelligence models{REFS}.",
        "3. Law. These terms are governed by the laws of Ruritania and you agree to be bound by them.",
        "4. Changes. We may change these terms; we will tell you thirty days before any change applies.",
    ]
    body = "".join(f"<p>{c}</p>" for c in clauses)
    return f"<html><body><main><h1>Bidi{LETTERS} Terms</h1>{body}</main></body></html>".encode()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> CLI:
    """v1 fetched from a page full of bidi controls; v2 stored as an older extractor or an imported
    history would have kept it, controls and all, so every output has something to remove."""
    folder = tmp_path_factory.mktemp("bidi")
    with DemoServer([page("10 EUR")]) as server:
        cli = CLI(write_config(folder, [{"name": "bidi", "url": server.url, "title": "Bidi Terms"}]))
        proc = cli.run("check")
        assert proc.returncode == 0, proc.stderr
    store = Store(folder / "db" / "tosdiff.db")
    try:
        v1 = store.version("bidi", 1)
        assert v1 is not None
        text = (
            v1["text"].replace("10 EUR", "12 EUR\u202e and 40 EUR").replace("partners", "partners" + LETTERS)
        )
        with store.transaction():
            store.add_version(
                "bidi",
                text.replace("Use.", "Use" + LETTERS + "."),
                snapshot_id=None,
                extractor_version=v1["extractor_version"],
                fingerprint=v1["fingerprint"],
                kind="changed",
            )
    finally:
        store.close()
    return cli


def assert_no_bidi(text: str, where: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in BIDI_CONTROLS})
    assert not found, f"{where}: {found}"


def test_the_page_really_carries_every_control(recorded: CLI) -> None:
    # The extractor drops the controls from a fetched page; a stored text may still hold them (an older
    # extractor's version, an imported history), and the outputs below must remove them.
    assert len(BIDI_CONTROLS) == 12
    store = Store(recorded.config.parent / "db" / "tosdiff.db")
    try:
        fetched, stored = store.version("bidi", 1)["text"], store.version("bidi", 2)["text"]
    finally:
        store.close()
    assert not set(BIDI_CONTROLS) & set(fetched) and "10 EUR" in fetched
    assert set(BIDI_CONTROLS) <= set(stored) and "12 EUR" in stored


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "bidi", "--from", "1", "--to", "2", "--format", "html"),
        ("diff", "bidi", "--from", "1", "--to", "2", "--json"),
        ("diff", "bidi", "--from", "1", "--to", "2", "--format", "unified"),
        ("sections", "bidi", "--json"),
        ("flags", "bidi", "--json"),
        ("log", "bidi", "1", "--json"),
        ("show", "bidi"),
    ],
    ids=lambda a: " ".join(a[:1] + a[-2:]),
)
def test_no_command_output_shows_a_bidi_control(recorded: CLI, args: tuple[str, ...]) -> None:
    proc = recorded.run(*args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), "no output to check"
    assert_no_bidi(proc.stdout, " ".join(args))
    if "--json" in args:
        json.loads(proc.stdout)
        # Escaped forms count too: a JSON consumer would decode "\u202e" back into the override.
        assert "\\u202" not in proc.stdout.lower() and "\\u206" not in proc.stdout.lower()


def test_the_report_shows_no_bidi_control(recorded: CLI, tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = recorded.run("report", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    files = [p for p in out.rglob("*") if p.suffix in (".html", ".atom")]
    assert any("and 40" in p.read_text(encoding="utf-8") for p in files)  # the change is in the report
    for p in files:
        assert_no_bidi(p.read_text(encoding="utf-8"), str(p.relative_to(out)))


def test_no_alert_format_carries_a_bidi_control() -> None:
    from test_alerts_delivery import email_notifier

    from tosdiff.alerts import build_change_event, parse_alerts
    from tosdiff.alerts.email import build_email
    from tosdiff.alerts.webhook import build_body
    from tosdiff.models import CHANGED, MODIFIED, CheckResult, Document, Flag, Hunk, SectionChange

    doc = Document(name="bidi", url="https://bidi.example/terms", title=f"Bidi{LETTERS} Terms")
    new = f"We may train{LETTERS} models on your content."
    change = SectionChange(MODIFIED, "1", "1", f"Use{LETTERS}", "We do not train models.", new,
                           (Hunk("replace", "We do not train models.", new),), 0.5)  # fmt: skip
    flag = Flag("ai-training", "high", "1", f"train{LETTERS} models", "Training.", change="introduced")
    result = CheckResult("bidi", CHANGED, 2, 1, changes=(change,), flags=(flag,))
    event = build_change_event(doc, result, recorded_at="2026-01-01T00:00:00Z", previous_recorded_at=None)
    for fmt in ("json", "slack", "discord", "teams"):
        [n] = parse_alerts(
            [{"kind": "webhook", "name": "w", "url": "https://h.example/", "format": fmt}], "t"
        )
        body = json.loads(build_body(n, [event], "d"))
        assert_no_bidi(json.dumps(body, ensure_ascii=False), fmt)
        assert "train" in json.dumps(body)
    mail = build_email(email_notifier(25), [event], "d")
    for part in ("plain", "html"):
        text = mail.get_body((part,)).get_content()  # decoded: a base64 body would hide the characters
        assert "train" in text
        assert_no_bidi(text + str(mail["Subject"]), f"email {part}")
