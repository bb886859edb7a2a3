"""parse_alerts: the [[alerts]] contract, its defaults and its error messages."""

from __future__ import annotations

import tomllib

import pytest

from tosdiff.alerts import EmailNotifier, WebhookNotifier, parse_alerts
from tosdiff.alerts.config import apprise_available, parse_duration
from tosdiff.errors import ConfigError

CONTRACT = """
[[alerts]]
kind = "email"
name = "legal-team"
smtp_host = "smtp.example.com"
smtp_port = 587
security = "starttls"
username = "tosdiff@example.com"
password_env = "TOSDIFF_SMTP_PASSWORD"
from = "tosdiff@example.com"
to = ["legal@example.com"]

[[alerts]]
kind = "webhook"
name = "ops"
url = "https://hooks.example.com/tosdiff"
format = "json"
secret_env = "TOSDIFF_WEBHOOK_SECRET"
digest = true
min_severity = "medium"
documents = ["zoom", "video"]
expire_after = "2d"
"""


def test_contract_example_parses() -> None:
    email, hook = parse_alerts(tomllib.loads(CONTRACT)["alerts"], "tosdiff.toml")
    assert isinstance(email, EmailNotifier) and isinstance(hook, WebhookNotifier)
    assert (email.smtp_host, email.smtp_port, email.security) == ("smtp.example.com", 587, "starttls")
    assert email.from_addr == "tosdiff@example.com" and email.to == ("legal@example.com",)
    assert email.password_env == "TOSDIFF_SMTP_PASSWORD" and email.enabled and email.notify_errors
    assert hook.digest and hook.min_severity == "medium" and hook.expire_after == 2 * 86400
    assert hook.wants_document("zoom", ()) and hook.wants_document("meet", ("video",))
    assert not hook.wants_document("slack", ("chat",))


def test_default_port_follows_security() -> None:
    [n] = parse_alerts(
        [{"kind": "email", "name": "m", "smtp_host": "h", "security": "tls", "from": "a@b", "to": "c@d"}], "f"
    )
    assert n.smtp_port == 465 and n.to == ("c@d",)


@pytest.mark.parametrize(
    ("table", "path"),
    [
        (
            {
                "kind": "email",
                "name": "x",
                "smtp_host": "h",
                "from": "a@b",
                "to": ["c@d"],
                "smtp_port": "587",
            },
            "alerts[0].smtp_port",
        ),
        (
            {"kind": "email", "name": "x", "smtp_host": "h", "from": "a@b", "to": ["c@d"], "colour": 1},
            "alerts[0].colour",
        ),
        ({"kind": "email", "name": "x", "smtp_host": "h", "to": ["c@d"]}, "alerts[0].from"),
        ({"kind": "email", "name": "x", "smtp_host": "h", "from": "a@b", "to": ["nope"]}, "alerts[0].to[0]"),
        ({"kind": "webhook", "name": "x", "url": "ftp://h/"}, "alerts[0].url"),
        ({"kind": "webhook", "name": "x"}, "alerts[0].url"),
        ({"kind": "webhook", "name": "x", "url": "https://h/", "format": "irc"}, "alerts[0].format"),
        (
            {"kind": "webhook", "name": "x", "url": "https://h/", "secret_env": "my secret"},
            "alerts[0].secret_env",
        ),
        (
            {"kind": "webhook", "name": "x", "url": "https://h/", "min_severity": "critical"},
            "alerts[0].min_severity",
        ),
        ({"kind": "webhook", "name": "x", "url": "https://h/", "digest": "yes"}, "alerts[0].digest"),
        (
            {"kind": "webhook", "name": "x", "url": "https://h/", "expire_after": "soon"},
            "alerts[0].expire_after",
        ),
        ({"kind": "pager", "name": "x"}, "alerts[0].kind"),
        (
            {
                "kind": "email",
                "name": "x",
                "smtp_host": "mail.example.com",
                "security": "none",
                "username": "u",
                "password_env": "P",
                "from": "a@b",
                "to": ["c@d"],
            },
            "alerts[0].security",
        ),  # fmt: skip
        ({"name": "x"}, "alerts[0].kind"),
        ({"kind": "webhook", "url": "https://h/"}, "alerts[0].name"),
    ],
)
def test_invalid_tables_name_file_and_key(table: dict, path: str) -> None:
    with pytest.raises(ConfigError) as exc:
        parse_alerts([table], "conf/tosdiff.toml")
    assert str(exc.value).startswith(f"conf/tosdiff.toml: {path}:"), str(exc.value)


def test_duplicate_names_rejected() -> None:
    t = {"kind": "webhook", "name": "ops", "url": "https://h/"}
    with pytest.raises(ConfigError, match=r"alerts\[1\]\.name: duplicate"):
        parse_alerts([t, dict(t)], "f.toml")


def test_apprise_without_package_is_a_clear_config_error() -> None:
    table = {"kind": "apprise", "name": "phone", "urls_env": "TOSDIFF_APPRISE_URLS"}
    if apprise_available():
        [n] = parse_alerts([table], "f.toml")
        assert n.urls_env == "TOSDIFF_APPRISE_URLS"
    else:
        with pytest.raises(ConfigError, match=r"f\.toml: alerts\[0\]\.kind: .*tosdiff\[apprise\]"):
            parse_alerts([table], "f.toml")


def test_durations() -> None:
    assert parse_duration("7d", "w") == 7 * 86400 and parse_duration("90m", "w") == 5400
    with pytest.raises(ConfigError):
        parse_duration("0h", "w")
