"""Email alerts over SMTP (STARTTLS, implicit TLS or plain), multipart text + HTML."""

from __future__ import annotations

import email.policy
import hashlib
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Self

from tosdiff.alerts.base import DeliveryError, Notifier, read_secret, redact, register
from tosdiff.alerts.budget import EMAIL_BYTES
from tosdiff.alerts.message import render_html, render_text, subject
from tosdiff.sanitize import one_line
from tosdiff.schema import email_address, env_name, invalid, list_of, one_of, port, single_line

SECURITIES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")

# Lines up to RFC 5322's hard limit: the stdlib folder can otherwise fold a subject right after
# "Subject:", which some parsers then read with a leading space.
_POLICY = email.policy.SMTP.clone(max_line_length=998)


@register
@dataclass(frozen=True)
class EmailNotifier(Notifier):
    """SMTP notifier; the password is read from `password_env` at send time only."""

    kind = "email"
    description = "Mail over SMTP (STARTTLS, TLS or plain to a local relay), text and HTML."
    required_keys = {"smtp_host": single_line, "from": email_address, "to": list_of(email_address)}
    optional_keys = {
        "smtp_port": port,
        "security": one_of(*SECURITIES),
        "username": single_line,
        "password_env": env_name,
    }
    renamed_keys = {"from": "from_addr"}

    smtp_host: str = ""
    smtp_port: int = 587
    security: str = "starttls"
    username: str | None = None
    password_env: str | None = None
    from_addr: str = ""
    to: tuple[str, ...] = ()

    @classmethod
    def from_values(cls, values: dict[str, Any], where: str) -> Self:
        """The port defaults to the one of `security`; a login needs both keys, and never in clear."""
        values.setdefault("security", "starttls")
        values.setdefault("smtp_port", DEFAULT_PORTS[values["security"]])
        if "username" in values and "password_env" not in values:
            raise invalid(f"{where}.password_env", "required when username is set")
        if "password_env" in values and "username" not in values:
            raise invalid(f"{where}.username", "required when password_env is set")
        if values["security"] == "none" and "username" in values and values["smtp_host"] not in LOCAL_HOSTS:
            # A password over an unencrypted connection to another machine is readable on the wire.
            raise invalid(
                f"{where}.security",
                "'none' with a username sends the password in clear; "
                "use 'starttls' or 'tls' (or a relay on localhost)",
            )
        return cls(**values)

    def send(self, events: list[dict], delivery_id: str) -> None:
        """Send one alert mail (see send_email)."""
        send_email(self, events, delivery_id)


def message_id(notifier: EmailNotifier, delivery_id: str) -> str:
    """A Message-ID stable per delivery, so a resent copy after a crash is recognisably the same mail."""
    domain = notifier.from_addr.rpartition("@")[2] or "tosdiff.invalid"
    digest = hashlib.sha256(f"{notifier.name}\0{delivery_id}".encode()).hexdigest()[:32]
    return f"<{digest}.tosdiff@{domain}>"


def build_email(
    notifier: EmailNotifier, events: list[dict], delivery_id: str, max_bytes: int = EMAIL_BYTES
) -> EmailMessage:
    """The alert mail, at most `max_bytes` as sent: subject says what matters first; text and HTML alternatives."""
    # Characters of page text in each alternative; the HTML's markup and the transfer encoding
    # (base64 for long UTF-8 lines) add to it, so the size is measured and the budget shrunk if over.
    budget = max_bytes // 3
    for _ in range(8):
        msg = _message(notifier, events, delivery_id, budget)
        size = len(msg.as_bytes())
        if size <= max_bytes:
            return msg
        budget = int(budget * max_bytes / size * 0.9)
    return _message(notifier, events, delivery_id, 0)  # summaries and the note on what was left out


def _message(notifier: EmailNotifier, events: list[dict], delivery_id: str, budget: int) -> EmailMessage:
    # policy.SMTP refuses CR/LF in header values; one_line() has already removed them anyway.
    msg = EmailMessage(policy=_POLICY)
    msg["Subject"] = subject(events)
    msg["From"] = notifier.from_addr
    msg["To"] = ", ".join(notifier.to)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id(notifier, delivery_id)
    msg["X-Tosdiff-Delivery"] = one_line(delivery_id, 100)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies to the bot
    msg.set_content(render_text(events, budget), subtype="plain", charset="utf-8")
    msg.add_alternative(render_html(events, budget), subtype="html", charset="utf-8")
    return msg


def _classify(exc: Exception, secret: str | None) -> DeliveryError:
    """SMTP 5xx replies are permanent; 4xx, timeouts and connection failures are worth retrying."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        permanent = bool(codes) and all(500 <= c < 600 for c in codes)
        return DeliveryError(
            f"SMTP: all recipients refused (codes {sorted(set(codes))})", permanent=permanent
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        kind = (
            "authentication failed" if isinstance(exc, smtplib.SMTPAuthenticationError) else "server replied"
        )
        msg = redact(f"SMTP {kind}: {exc.smtp_code} {one_line(text, 200)}", secret)
        return DeliveryError(msg, permanent=500 <= exc.smtp_code < 600)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"SMTP: {one_line(str(exc), 200)}", permanent=True)
    if isinstance(exc, ssl.SSLCertVerificationError):
        return DeliveryError(f"SMTP: TLS certificate verification failed: {exc.verify_message}")
    if isinstance(exc, socket.timeout | TimeoutError):
        return DeliveryError("SMTP: timed out")
    if isinstance(exc, smtplib.SMTPException | OSError):
        return DeliveryError(redact(f"SMTP: {type(exc).__name__}: {one_line(str(exc), 200)}", secret))
    return DeliveryError(f"SMTP: unexpected {type(exc).__name__}")


def send_email(notifier: EmailNotifier, events: list[dict], delivery_id: str) -> None:
    """Send one alert mail; raise DeliveryError (never carrying the password) on failure."""
    password = read_secret(notifier.password_env, f"notifier {notifier.name}")
    msg = build_email(notifier, events, delivery_id)
    context = ssl.create_default_context()
    try:
        if notifier.security == "tls":
            conn: smtplib.SMTP = smtplib.SMTP_SSL(
                notifier.smtp_host, notifier.smtp_port, timeout=notifier.timeout, context=context
            )
        else:
            conn = smtplib.SMTP(notifier.smtp_host, notifier.smtp_port, timeout=notifier.timeout)
        with conn:
            conn.ehlo()
            if notifier.security == "starttls":
                conn.starttls(context=context)  # raises if the server does not offer it: no silent downgrade
                conn.ehlo()
            if notifier.username and password:
                conn.login(notifier.username, password)
            refused = conn.send_message(msg)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a classified, secret-free DeliveryError
        raise _classify(exc, password) from None
    if refused and len(refused) == len(notifier.to):
        raise DeliveryError("SMTP: all recipients refused", permanent=True)
