"""End to end: `python -m tosdiff check` against a local page server, alerting a real SMTP server."""

from __future__ import annotations

import importlib.util

import pytest
from aiosmtpd.controller import Controller
from pytest_httpserver import HTTPServer
from test_alerts_delivery import MailSink, free_port, parts

PAGE = """<html><body><main>
<h1>Example Terms of Service</h1>
<p>These terms govern your use of the Example service and its websites, apps and APIs. By creating an
account or by using the service you agree to these terms; if you do not agree, do not use the service.</p>
<h2>1. Your Content</h2>
<p>You keep ownership of the content you upload. You grant Example a limited licence to host it
so that we can provide the service to you.</p>
<h2>2. Acceptable Use</h2>
<p>You will not misuse the service, interfere with its normal operation, or try to access it using a
method other than the interfaces and the instructions that we provide.</p>
<h2>3. Termination</h2>
<p>You may stop using the service at any time. We may suspend or end your access if you break these
terms, after telling you why whenever the law and the circumstances allow it.</p>
<h2>4. Governing Law</h2>
<p>These terms are governed by the laws of the State of California, excluding its conflict of laws rules.</p>
</main></body></html>"""


@pytest.mark.skipif(importlib.util.find_spec("tosdiff.diff") is None, reason="the differ is not merged yet")
def test_check_emails_a_change_once_and_errors_on_transitions(httpserver: HTTPServer, make_cli) -> None:
    state = {"body": PAGE, "status": 200}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda request: __import__("werkzeug").Response(
            state["body"], status=state["status"], content_type="text/html"
        )
    )
    sink = MailSink()
    ctl = Controller(sink, hostname="127.0.0.1", port=free_port())
    ctl.start()
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
"""
        cli = make_cli([{"name": "example", "title": "Example Terms", "url": httpserver.url_for("/terms"),
                         "select": ["main"]}], alerts)  # fmt: skip
        assert cli.run("check").returncode == 0
        assert sink.messages == []  # the first version is a baseline
        state["body"] = PAGE.replace(
            "provide the service to you.",
            "provide the service to you and to train our artificial intelligence models.",
        )
        proc = cli.run("check")
        assert proc.returncode in (0, 3), proc.stderr
        [msg] = sink.messages
        assert msg["Subject"].startswith("[tosdiff] Example Terms: 1 modified")
        text, html = parts(msg)
        assert "provide the service to you {+and to train our artificial intelligence models+}." in text
        assert "artificial intelligence models</ins>." in html
        assert cli.run("check").returncode in (0, 3) and len(sink.messages) == 1  # unchanged: no new mail

        state["status"] = 404
        cli.run("check")
        cli.run("check")
        assert len(sink.messages) == 2 and "cannot be checked" in sink.messages[1]["Subject"]
        state["status"] = 200
        cli.run("check")
        assert (
            len(sink.messages) == 3
            and sink.messages[2]["Subject"] == "[tosdiff] Example Terms: reachable again"
        )
    finally:
        ctl.stop()


ZOOM_V1 = """## 10. Customer Content

10.4 Customer Content License Grant. You agree to grant and hereby grant Zoom a perpetual, worldwide, non-exclusive license to use Customer Content to provide the Services.

10.5 Feedback. Zoom may use any feedback you give freely.
"""


@pytest.mark.skipif(importlib.util.find_spec("tosdiff.diff") is None, reason="the differ is not merged yet")
def test_zoom_style_rewrite_of_10_4_reads_well_in_the_mail(tmp_path) -> None:
    import sqlite_utils
    from test_alerts_delivery import email_notifier, queue

    from tosdiff.alerts import build_change_event, deliver_pending, ensure_schema
    from tosdiff.diff import diff_texts
    from tosdiff.flags import flag_changes
    from tosdiff.models import CHANGED, CheckResult, Document

    new = ZOOM_V1.replace(
        "to provide the Services.",
        "for the purpose of product and service development, marketing, analytics, quality assurance, "
        "machine learning, artificial intelligence, training, testing, improvement of the Services.",
    )
    changes = tuple(diff_texts(ZOOM_V1, new))
    flags = tuple(flag_changes(list(changes), None))
    doc = Document(name="zoom", url="https://explore.zoom.us/en/terms/", title="Zoom Terms of Service")
    result = CheckResult("zoom", CHANGED, 2, 1, changes=changes, flags=flags)
    event = build_change_event(doc, result, recorded_at="2023-08-07T00:00:00Z", previous_recorded_at=None)
    db = sqlite_utils.Database(tmp_path / "z.db")
    ensure_schema(db)
    sink = MailSink()
    ctl = Controller(sink, hostname="127.0.0.1", port=free_port())
    ctl.start()
    try:
        n = email_notifier(ctl.port)
        queue(db, [n], event)
        assert deliver_pending(db, [n])[0].status == "delivered"
    finally:
        ctl.stop()
    [msg] = sink.messages
    assert msg["Subject"].startswith("[tosdiff] Zoom Terms of Service: 10.4 modified (AI training")
    text, html = parts(msg)
    assert (
        text.index("FLAGGED CLAUSES") < text.index("## 10.4 modified") < text.index("https://explore.zoom.us")
    )
    assert "[-to provide-] {+for the purpose of product and service development," in text
    assert "<del" in html and "machine learning, artificial intelligence" in html
