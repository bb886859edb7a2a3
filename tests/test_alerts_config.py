"""parse_alerts: the [[alerts]] contract, its defaults and its error messages."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import ROOT
from tosdiff.alerts import EmailNotifier, WebhookNotifier, notifier_kinds, parse_alerts
from tosdiff.alerts.apprise import apprise_available
from tosdiff.alerts.base import notifier_classes
from tosdiff.errors import ConfigError
from tosdiff.schema import parse_duration

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


def test_durations_accept_numbers_and_every_unit() -> None:
    # One parse_duration for the config and the alerts: seconds as numbers, s/m/h/d/w as strings.
    assert parse_duration(90, "w") == 90 and parse_duration(1.5, "w") == 1.5
    assert parse_duration(" 2w ", "w") == 2 * 604800 and parse_duration("1.5h", "w") == 5400
    assert parse_duration("0m", "w", allow_zero=True) == 0
    for bad in (0, -5, True, "often", "5 minutes", "-1h", ["1h"]):
        with pytest.raises(ConfigError, match=r"^conf\.toml: alerts\[0\]\.retry_max: "):
            parse_duration(bad, "conf.toml: alerts[0].retry_max")


def test_notifier_names_follow_the_document_name_rule() -> None:
    long_name = "n" * 100
    [n] = parse_alerts([{"kind": "webhook", "name": long_name, "url": "https://h/"}], "f.toml")
    assert n.name == long_name
    for bad in ("n" * 101, "has space", "-lead", ""):
        with pytest.raises(ConfigError, match=r"^f\.toml: alerts\[0\]\.name: "):
            parse_alerts([{"kind": "webhook", "name": bad, "url": "https://h/"}], "f.toml")


def test_every_kind_is_one_registered_class() -> None:
    kinds = {k.name: k for k in notifier_kinds()}
    assert list(kinds) == ["email", "webhook", "apprise"]
    assert kinds["email"].required == ("smtp_host", "from", "to")
    assert set(kinds["email"].optional) == {"smtp_port", "security", "username", "password_env"}
    assert kinds["webhook"].required == () and "url" in kinds["webhook"].optional
    assert kinds["apprise"].required == ("urls_env",)
    assert all(k.description and "\n" not in k.description for k in kinds.values())
    # parse_alerts and the outbox go through the same classes: a kind's keys are exactly its own.
    classes = notifier_classes()
    assert classes["email"] is EmailNotifier and classes["webhook"] is WebhookNotifier
    for kind, cls in classes.items():
        assert cls.kind == kind and callable(cls.send)
    with pytest.raises(ConfigError, match=r"alerts\[0\]\.url_env: unknown key \(allowed: .*smtp_host"):
        parse_alerts(
            [{"kind": "email", "name": "m", "smtp_host": "h", "from": "a@b", "to": "c@d", "url_env": "X"}],
            "f",
        )


def test_alerts_package_never_imports_the_config_module() -> None:
    # The import direction is config -> alerts only; a fresh interpreter proves no module goes back.
    code = (
        "import sys\n"
        "import tosdiff.alerts.outbox, tosdiff.alerts.email, tosdiff.alerts.webhook, tosdiff.alerts.apprise\n"
        "import tosdiff.alerts.config\n"
        "from tosdiff.alerts import notifier_kinds; notifier_kinds()\n"
        "assert 'tosdiff.config' not in sys.modules, 'alerts imported tosdiff.config'\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
