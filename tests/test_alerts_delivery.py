"""Alerts end to end over real local servers: aiosmtpd for mail, http.server for webhooks, SQLite outbox."""

from __future__ import annotations

import email
import email.policy
import importlib.util
import json
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tosdiff.alerts import (
    build_change_event,
    build_status_event,
    deliver_pending,
    enqueue,
    ensure_schema,
    list_deliveries,
    parse_alerts,
    retry,
    send_test,
)
from tosdiff.alerts.webhook import verify_signature
from tosdiff.models import CHANGED, MODIFIED, CheckResult, Document, Flag, Hunk, SectionChange

HOSTILE = "<script>alert(1)</script> &amp; [bold red]x[/] \x1b[31mRED\x1b[0m \x07bell"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- real servers ------------------------------------------------------------------------------


class MailSink:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd hook name
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Controller, MailSink]]:
    sink = MailSink()
    ctl = Controller(sink, hostname="127.0.0.1", port=free_port())
    ctl.start()
    yield ctl, sink
    ctl.stop()


class Receiver:
    """A webhook receiver on a fixed port that verifies signatures and counts deliveries by id."""

    def __init__(self, secret: str | None, port: int | None = None) -> None:
        self.secret, self.port = secret, port or free_port()
        self.counts: Counter[str] = Counter()
        self.bodies: list[dict] = []
        self.bad_signatures = 0
        self.status = 200
        self.server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server hook name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if rec.secret and not verify_signature(
                    rec.secret, self.headers.get("X-Tosdiff-Signature", ""), body
                ):
                    rec.bad_signatures += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                if rec.status == 200:
                    rec.counts[self.headers["X-Tosdiff-Delivery"]] += 1
                    rec.bodies.append(json.loads(body))
                self.send_response(rec.status)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    d = sqlite_utils.Database(tmp_path / "tosdiff.db")
    d.execute("PRAGMA journal_mode=WAL")
    ensure_schema(d)
    ensure_schema(d)  # idempotent
    d.conn.commit()
    return d


# --- events ------------------------------------------------------------------------------------


def change_event(
    name: str = "zoom", version: int = 2, *, hostile: bool = False, flagged: bool = True, tags=()
) -> dict:
    doc = Document(
        name=name, url=f"https://{name}.example/terms", title=f"{name.title()} Terms of Service", tags=tags
    )
    extra = f" {HOSTILE}" if hostile else ""
    old = "Customer Content is used only to provide the Services."
    new = f"Customer Content is used to provide the Services and to train artificial intelligence models.{extra}"
    hunks = (
        Hunk("equal", "Customer Content is used", "Customer Content is used"),
        Hunk("delete", "only", ""),
        Hunk("equal", "to provide the", "to provide the"),
        Hunk("replace", "Services.", f"Services and to train artificial intelligence models.{extra}"),
    )
    change = SectionChange(kind=MODIFIED, old_id="10.4", new_id="10.4", title=f"Customer Content{extra}",
                           old_text=old, new_text=new, hunks=hunks, similarity=0.7)  # fmt: skip
    other = SectionChange(kind=MODIFIED, old_id="3", new_id="3", title="Fees", old_text="Fees are monthly.",
                          new_text="Fees are yearly.")  # fmt: skip
    flags = (
        (
            Flag(
                "ai-training",
                "high",
                "10.4",
                f"to train artificial intelligence models{extra}",
                f"Your content may be used to train AI.{extra}",
                change="introduced",
            ),
        )  # fmt: skip
        if flagged
        else ()
    )
    result = CheckResult(name=name, status=CHANGED, version=version, previous_version=version - 1,
                         changes=(change, other), flags=flags)  # fmt: skip
    return build_change_event(doc, result, recorded_at="2023-08-07T10:00:00Z", previous_recorded_at="2023-03-01T10:00:00Z",
                              diff_url=f"https://tosdiff.example/{name}/{version}")  # fmt: skip


def queue(db: sqlite_utils.Database, notifiers: list, event: dict, now: float | None = None) -> int:
    with db.atomic():  # the pipeline's transaction, in which the version is recorded too
        return enqueue(db, notifiers, event, now=now)


def email_notifier(port: int, **extra: Any):
    table = {"kind": "email", "name": "legal", "smtp_host": "127.0.0.1", "smtp_port": port, "security": "none",
             "from": "tosdiff@example.com", "to": ["legal@example.com"], "timeout": 5, **extra}  # fmt: skip
    return parse_alerts([table], "test.toml")[0]


def webhook_notifier(url: str, **extra: Any):
    table = {
        "kind": "webhook",
        "name": "ops",
        "url": url,
        "secret_env": "TOSDIFF_TEST_HOOK_SECRET",
        "timeout": 5,
        **extra,
    }
    return parse_alerts([table], "test.toml")[0]


def parts(msg: email.message.EmailMessage) -> tuple[str, str]:
    return msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


# --- email -------------------------------------------------------------------------------------


def test_change_email_reaches_real_smtp_server(smtp, db) -> None:
    ctl, sink = smtp
    n = email_notifier(ctl.port)
    assert queue(db, [n], change_event()) == 1
    [outcome] = deliver_pending(db, [n])
    assert outcome.status == "delivered"
    [msg] = sink.messages
    assert msg["Subject"] == "[tosdiff] Zoom Terms of Service: 10.4 modified (AI training), 3 modified"
    assert msg["X-Tosdiff-Delivery"] == outcome.delivery_id
    text, html = parts(msg)
    # Flagged clauses lead, then the diffs, then the links.
    assert text.index("AI training in 10.4") < text.index("## 10.4 modified") < text.index("## 3 modified")
    assert "[-only-]" in text and "{+Services and to train artificial intelligence models.+}" in text
    assert "[-monthly.-] {+yearly.+}" in text  # computed word diff when the differ gave no hunks
    assert "https://tosdiff.example/zoom/2" in text
    assert (
        "<del" in html and ">only</del>" in html and "to train artificial intelligence models.</ins>" in html
    )
    assert "AI training" in html and 'href="https://tosdiff.example/zoom/2"' in html
    assert list_deliveries(db)[0]["status"] == "delivered"
    assert deliver_pending(db, [n]) == [] and len(sink.messages) == 1  # exactly once


def test_hostile_document_text_is_inert_in_email(smtp, db) -> None:
    ctl, sink = smtp
    n = email_notifier(ctl.port)
    ev = change_event(hostile=True)
    ev["document"]["title"] = "Evil\r\nBcc: victim@example.com\r\n\r\n<b>body</b>"
    queue(db, [n], ev)
    assert deliver_pending(db, [n])[0].status == "delivered"
    [msg] = sink.messages
    assert (
        msg["Bcc"] is None and "\n" not in msg["Subject"] and "Evil Bcc: victim@example.com" in msg["Subject"]
    )
    text, html = parts(msg)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;" in html
    assert "[bold red]x[/]" in html and "[bold red]x[/]" in text  # rich markup shown literally
    for body in (text, html, str(msg["Subject"])):
        assert "\x1b" not in body and "\x07" not in body
    assert "RED" in text and "<script>alert(1)</script> &amp;" in text  # readable, not mangled


def test_send_test_sample(smtp) -> None:
    ctl, sink = smtp
    outcome = send_test(email_notifier(ctl.port))
    assert outcome.status == "delivered"
    assert sink.messages[0]["Subject"] == "[tosdiff] Example Terms: 10.4 modified (AI training)"
    assert send_test(email_notifier(free_port())).status == "failed"


def test_digest_groups_events_into_one_mail(smtp, db) -> None:
    ctl, sink = smtp
    n = email_notifier(ctl.port, digest=True)
    queue(db, [n], change_event("zoom"))
    queue(db, [n], change_event("slack", flagged=False))
    [outcome] = deliver_pending(db, [n])
    assert outcome.status == "delivered" and len(outcome.ids) == 2
    [msg] = sink.messages
    assert msg["Subject"] == "[tosdiff] 2 alerts, 1 flagged: Zoom Terms of Service, Slack Terms of Service"
    text, _ = parts(msg)
    assert "https://zoom.example/terms" in text and "https://slack.example/terms" in text


def test_starttls_with_self_signed_cert(tmp_path, db, monkeypatch) -> None:
    crypto = pytest.importorskip("cryptography")
    del crypto
    import datetime
    import ssl

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert_file, key_file)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # aiosmtpd's hook
        logins.append((auth_data.login, auth_data.password))
        ok = auth_data.password == b"s3cret-starttls-pw"
        return AuthResult(success=ok, handled=False)

    sink = MailSink()
    ctl = Controller(sink, hostname="127.0.0.1", port=free_port(), tls_context=server_ctx, require_starttls=True,
                     authenticator=authenticator)  # fmt: skip
    ctl.start()
    try:
        monkeypatch.setenv(
            "SSL_CERT_FILE", str(cert_file)
        )  # trust our test CA through OpenSSL's usual variable
        monkeypatch.setenv("TOSDIFF_TEST_SMTP_PW", "s3cret-starttls-pw")
        n = email_notifier(ctl.port, security="starttls", username="bot", password_env="TOSDIFF_TEST_SMTP_PW")
        queue(db, [n], change_event())
        assert deliver_pending(db, [n])[0].status == "delivered"
        assert logins == [(b"bot", b"s3cret-starttls-pw")] and len(sink.messages) == 1
    finally:
        ctl.stop()


# --- webhook -----------------------------------------------------------------------------------


def test_webhook_signed_json_payload(db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-1")
    rec = Receiver("hook-secret-1")
    rec.start()
    try:
        n = webhook_notifier(rec.url)
        queue(db, [n], change_event(hostile=True))
        [outcome] = deliver_pending(db, [n])
        assert outcome.status == "delivered" and rec.bad_signatures == 0
        assert rec.counts == {outcome.delivery_id: 1}
        [body] = rec.bodies
        assert (
            body["schema"] == "tosdiff.alert/1"
            and body["kind"] == "change"
            and body["delivery"] == outcome.delivery_id
        )
        assert (
            body["document"]["name"] == "zoom"
            and body["versions"]["new"] == 2
            and body["versions"]["old"] == 1
        )
        assert body["urls"] == {
            "page": "https://zoom.example/terms",
            "diff": "https://tosdiff.example/zoom/2",
        }
        c = body["changes"][0]
        assert c["id"] == "10.4" and {"op": "delete", "old": "only", "new": ""} in c["hunks"]
        assert body["flags"][0]["category"] == "ai-training" and body["severity"] == "high"
        # Hostile text arrives as data: markup kept literally, terminal escapes gone.
        assert "<script>alert(1)</script>" in c["new_text"] and "\x1b" not in json.dumps(body)
    finally:
        rec.stop()


def test_webhook_raw_body_escapes_html_metacharacters(db, monkeypatch) -> None:
    from tosdiff.alerts.webhook import build_body

    raw = build_body(webhook_notifier("https://h.example/"), [change_event(hostile=True)], "d1")
    assert b"<script>" not in raw and b"\\u003cscript\\u003e" in raw and b"\x1b" not in raw
    assert "<script>" in json.loads(raw)["changes"][0]["new_text"]


def test_webhook_down_then_up_delivers_exactly_once(db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-2")
    rec = Receiver("hook-secret-2")  # not started: the receiver is down
    n = webhook_notifier(rec.url, retry_base="1m")
    t0 = 1_800_000_000.0
    queue(db, [n], change_event(), now=t0)
    [o1] = deliver_pending(db, [n], now=t0)
    assert o1.status == "pending" and "connection failed" in o1.error and o1.next_attempt_at == t0 + 60
    [row] = list_deliveries(db)
    assert row["status"] == "pending" and row["attempts"] == 1
    assert deliver_pending(db, [n], now=t0 + 30) == []  # backing off: not due yet
    [o2] = deliver_pending(db, [n], now=t0 + 61)
    assert o2.status == "pending" and o2.next_attempt_at == t0 + 61 + 120  # exponential
    rec.start()
    try:
        [o3] = deliver_pending(db, [n], now=t0 + 200)
        assert o3.status == "delivered" and o3.attempts == 3
        assert deliver_pending(db, [n], now=t0 + 10_000) == []
        assert rec.counts == {o1.delivery_id: 1}  # same idempotency key across retries, received once
    finally:
        rec.stop()


def test_crash_while_sending_resends_with_same_delivery_id(db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-3")
    rec = Receiver("hook-secret-3")
    rec.start()
    try:
        n = webhook_notifier(rec.url)
        t0 = 1_800_000_000.0
        queue(db, [n], change_event(), now=t0)
        [o1] = deliver_pending(db, [n], now=t0)
        # Simulate a crash after the POST but before `delivered` was committed.
        with db.atomic():
            db.execute("UPDATE deliveries SET status='sending', sending_since=?", [t0])
        assert deliver_pending(db, [n], now=t0 + 60) == []  # still within the grace period
        [o2] = deliver_pending(db, [n], now=t0 + 3600)
        assert o2.status == "delivered" and o2.delivery_id == o1.delivery_id
        assert rec.counts == {o1.delivery_id: 2}  # the receiver sees the same key twice and can dedupe
    finally:
        rec.stop()


def test_permanent_4xx_fails_then_retry_delivers(db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-4")
    rec = Receiver("hook-secret-4")
    rec.status = 410
    rec.start()
    try:
        n = webhook_notifier(rec.url)
        queue(db, [n], change_event())
        [o] = deliver_pending(db, [n])
        assert o.status == "failed" and "HTTP 410" in o.error
        assert deliver_pending(db, [n], now=time.time() + 86400) == []  # failed is not retried by itself
        rec.status = 200
        assert retry(db) == 1
        [o2] = deliver_pending(db, [n])
        assert o2.status == "delivered" and rec.counts == {o.delivery_id: 1}
    finally:
        rec.stop()


def test_429_is_retried_and_old_rows_expire(db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-5")
    rec = Receiver("hook-secret-5")
    rec.status = 429
    rec.start()
    try:
        n = webhook_notifier(rec.url, expire_after="1h")
        t0 = time.time()
        queue(db, [n], change_event(), now=t0)
        assert deliver_pending(db, [n], now=t0)[0].status == "pending"
        assert deliver_pending(db, [n], now=t0 + 7200) == []
        assert list_deliveries(db, "expired")[0]["summary"].startswith("Zoom Terms of Service: 10.4 modified")
        assert retry(db) == 1 and list_deliveries(db)[0]["status"] == "pending"
    finally:
        rec.stop()


def test_failing_notifier_does_not_block_another(smtp, db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-6")
    ctl, sink = smtp
    dead = webhook_notifier(f"http://127.0.0.1:{free_port()}/")
    mail = email_notifier(ctl.port)
    queue(db, [dead, mail], change_event())
    outcomes = {o.notifier: o.status for o in deliver_pending(db, [dead, mail])}
    assert outcomes == {"ops": "pending", "legal": "delivered"} and len(sink.messages) == 1


def test_webhook_digest_is_one_post(db, monkeypatch) -> None:
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", "hook-secret-7")
    rec = Receiver("hook-secret-7")
    rec.start()
    try:
        n = webhook_notifier(rec.url, digest=True)
        for name in ("zoom", "slack", "figma"):
            queue(db, [n], change_event(name))
        [o] = deliver_pending(db, [n])
        assert len(o.ids) == 3 and len(rec.bodies) == 1
        assert rec.bodies[0]["kind"] == "digest" and [
            e["document"]["name"] for e in rec.bodies[0]["events"]
        ] == ["zoom", "slack", "figma"]
    finally:
        rec.stop()


# --- filters and status events -----------------------------------------------------------------


def test_filters_and_dedupe(db) -> None:
    ns = parse_alerts([
        {"kind": "webhook", "name": "all", "url": "https://h.example/"},
        {"kind": "webhook", "name": "high", "url": "https://h.example/", "min_severity": "high"},
        {"kind": "webhook", "name": "flagged", "url": "https://h.example/", "only_flagged": True},
        {"kind": "webhook", "name": "video", "url": "https://h.example/", "documents": ["video"]},
        {"kind": "webhook", "name": "off", "url": "https://h.example/", "enabled": False},
    ], "t.toml")  # fmt: skip
    assert queue(db, ns, change_event("zoom", 2, tags=("video",))) == 4
    assert queue(db, ns, change_event("zoom", 2, tags=("video",))) == 0  # same version again: nothing new
    assert queue(db, ns, change_event("slack", 2, flagged=False)) == 1
    rows = {(r["notifier"], r["document"]) for r in list_deliveries(db)}
    assert rows == {
        ("all", "zoom"),
        ("high", "zoom"),
        ("flagged", "zoom"),
        ("video", "zoom"),
        ("all", "slack"),
    }
    first = change_event("new-doc", 1)
    first["status"] = "new"
    assert queue(db, ns, first) == 0  # a first version is a baseline, not an alert


def test_error_and_recovery_alert_once_per_transition(db) -> None:
    ns = parse_alerts([
        {"kind": "webhook", "name": "ops", "url": "https://h.example/"},
        {"kind": "webhook", "name": "quiet", "url": "https://h.example/", "notify_errors": False},
    ], "t.toml")  # fmt: skip
    doc = Document(name="zoom", url="https://zoom.example/terms")
    assert queue(db, ns, build_status_event(doc, "recovery", None, "2024-01-01T00:00:00Z")) == 0
    assert queue(db, ns, build_status_event(doc, "error", "HTTP 403 (blocked)", "2024-01-01T01:00:00Z")) == 1
    assert queue(db, ns, build_status_event(doc, "error", "HTTP 403 (blocked)", "2024-01-01T02:00:00Z")) == 0
    assert queue(db, ns, build_status_event(doc, "recovery", None, "2024-01-01T03:00:00Z")) == 1
    assert queue(db, ns, build_status_event(doc, "recovery", None, "2024-01-01T04:00:00Z")) == 0
    kinds = [r["event_kind"] for r in reversed(list_deliveries(db))]
    assert kinds == ["error", "recovery"]
    assert list_deliveries(db)[1]["summary"] == "zoom: cannot be checked (HTTP 403 (blocked))"


def test_enqueue_rolls_back_with_the_callers_transaction(db) -> None:
    n = webhook_notifier("https://h.example/")
    with pytest.raises(RuntimeError), db.atomic():
        enqueue(db, [n], change_event())
        raise RuntimeError("recording the version failed")
    assert list_deliveries(db) == []


# --- secrets -----------------------------------------------------------------------------------


def test_secrets_never_in_db_logs_or_errors(tmp_path, db, monkeypatch, caplog) -> None:
    smtp_pw = "SMTP-PW-7f3a9c2e-unique"
    hook_secret = "HOOK-SECRET-b81d4e-unique"
    url_token = "URLTOKEN-5c0ffee-unique"
    live_token = "LIVETOKEN-d00d-unique"
    apprise_token = "APPRISETOKEN-beef-unique"
    monkeypatch.setenv("TOSDIFF_TEST_SMTP_PW", smtp_pw)
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_SECRET", hook_secret)
    monkeypatch.setenv("TOSDIFF_TEST_HOOK_URL", f"http://127.0.0.1:{free_port()}/services/{url_token}")
    sink = MailSink()
    good = {"ok": True}

    def authenticator(server, session, envelope, mechanism, auth_data):  # aiosmtpd's hook
        return AuthResult(success=good["ok"] and auth_data.password == smtp_pw.encode(), handled=False)

    ctl = Controller(
        sink, hostname="127.0.0.1", port=free_port(), authenticator=authenticator, auth_require_tls=False
    )
    ctl.start()
    rec = Receiver(None)
    rec.start()
    monkeypatch.setenv("TOSDIFF_TEST_LIVE_URL", f"{rec.url}/{live_token}")
    monkeypatch.setenv("TOSDIFF_TEST_APPRISE", f"json://127.0.0.1:{rec.port}/{apprise_token}")
    caplog.set_level(logging.DEBUG)  # the most verbose logging a user could turn on
    try:
        tables = [
            {"kind": "email", "name": "mail", "smtp_host": "127.0.0.1", "smtp_port": ctl.port, "security": "none",
             "username": "bot", "password_env": "TOSDIFF_TEST_SMTP_PW", "from": "a@example.com", "to": ["b@example.com"]},
            {"kind": "webhook", "name": "hook", "url": rec.url, "secret_env": "TOSDIFF_TEST_HOOK_SECRET"},
            {"kind": "webhook", "name": "slack", "url_env": "TOSDIFF_TEST_HOOK_URL", "format": "slack"},
            {"kind": "webhook", "name": "live", "url_env": "TOSDIFF_TEST_LIVE_URL", "format": "discord"},
        ]  # fmt: skip
        if importlib.util.find_spec("apprise"):
            tables.append({"kind": "apprise", "name": "app", "urls_env": "TOSDIFF_TEST_APPRISE"})
        ns = parse_alerts(tables, "t.toml")
        good["ok"] = False  # SMTP login refused, one webhook down: failures first
        queue(db, ns, change_event("zoom"))
        failures = deliver_pending(db, ns)
        statuses = {o.notifier: o.status for o in failures}
        assert (
            statuses["mail"] == "failed"
            and statuses["slack"] == "pending"
            and statuses["live"] == "delivered"
        )
        good["ok"] = True
        retry(db)
        queue(db, ns, change_event("zoom", 3))
        successes = deliver_pending(db, ns)
        assert {o.status for o in successes if o.notifier == "mail"} == {"delivered"}
        outcomes = failures + successes + [send_test(n) for n in ns]
    finally:
        ctl.stop()
        rec.stop()
    blob = b"".join(p.read_bytes() for p in tmp_path.glob("tosdiff.db*"))
    text = (
        caplog.text
        + repr(outcomes)
        + json.dumps(list_deliveries(db))
        + "".join(m.as_string() for m in sink.messages)
    )
    assert '"POST *** HTTP/1.1"' in caplog.text  # urllib3 did log the request line, redacted
    for secret in (smtp_pw, hook_secret, url_token, live_token, apprise_token):
        assert secret.encode() not in blob and secret not in text, secret
    assert any("535" in (o.error or "") for o in failures)  # the failure is explained, without the secret


def test_missing_secret_env_names_the_variable(db, monkeypatch) -> None:
    monkeypatch.delenv("TOSDIFF_TEST_HOOK_SECRET", raising=False)
    n = webhook_notifier("https://h.example/")
    queue(db, [n], change_event())
    [o] = deliver_pending(db, [n])
    assert o.status == "pending" and "TOSDIFF_TEST_HOOK_SECRET is not set" in o.error


# --- apprise (optional extra) ------------------------------------------------------------------


def test_apprise_json_target_gets_the_alert(db, monkeypatch) -> None:
    pytest.importorskip("apprise")
    rec = Receiver(None)
    monkeypatch.setenv("TOSDIFF_TEST_APPRISE", f"json://127.0.0.1:{rec.port}/hook")
    [n] = parse_alerts(
        [{"kind": "apprise", "name": "phone", "urls_env": "TOSDIFF_TEST_APPRISE", "timeout": 5}], "t.toml"
    )
    queue(db, [n], change_event())
    [down] = deliver_pending(db, [n])
    assert down.status == "pending" and f"{rec.port}" not in (down.error or "")
    rec.start()
    try:
        [up] = deliver_pending(db, [n], now=time.time() + 3600)
        assert up.status == "delivered"
        [body] = rec.bodies
        assert body["title"].startswith("[tosdiff] Zoom Terms of Service: 10.4 modified (AI training)")
        assert "[-only-]" in body["message"] and "AI training in 10.4" in body["message"]
    finally:
        rec.stop()
