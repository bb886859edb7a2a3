"""Validated notifier settings parsed from `[[alerts]]` config tables."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from typing import Any

from tosdiff.config import _bool, _str_list
from tosdiff.config import _pos_number as _pos
from tosdiff.config import _url as _http_url
from tosdiff.errors import ConfigError
from tosdiff.models import SEVERITIES

KINDS = ("email", "webhook", "apprise")
SECURITIES = ("starttls", "tls", "none")
FORMATS = ("json", "slack", "discord", "teams")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}

_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True)
class Notifier:
    """Settings shared by every kind of notifier (filters, digest, retry policy)."""

    kind: str
    name: str
    enabled: bool = True
    documents: tuple[str, ...] = ()  # document names or tags; empty means all
    min_severity: str = "info"
    only_flagged: bool = False
    digest: bool = False
    notify_errors: bool = True
    expire_after: float = 7 * 86400.0  # seconds a delivery may stay undelivered before it expires
    timeout: float = 20.0  # seconds per network operation
    retry_base: float = 60.0  # first backoff delay in seconds, doubled on each failure
    retry_max: float = 6 * 3600.0  # backoff ceiling in seconds

    def wants_document(self, name: str, tags: tuple[str, ...] | list[str]) -> bool:
        """True when this notifier's `documents` filter selects the document (by name or tag)."""
        if not self.documents:
            return True
        return name in self.documents or any(t in self.documents for t in tags)


@dataclass(frozen=True)
class EmailNotifier(Notifier):
    """SMTP notifier; the password is read from `password_env` at send time only."""

    smtp_host: str = ""
    smtp_port: int = 587
    security: str = "starttls"
    username: str | None = None
    password_env: str | None = None
    from_addr: str = ""
    to: tuple[str, ...] = ()


@dataclass(frozen=True)
class WebhookNotifier(Notifier):
    """HTTP POST notifier; the signing secret is read from `secret_env` at send time only."""

    url: str | None = None
    url_env: str | None = None  # for URLs that embed a secret (Slack, Discord, Teams)
    format: str = "json"
    secret_env: str | None = None


@dataclass(frozen=True)
class AppriseNotifier(Notifier):
    """Apprise notifier for the long tail of services; URLs come from `urls_env`."""

    urls_env: str = ""


def parse_duration(value: Any, where: str) -> float:
    """Parse '30m', '6h', '7d' (or a number of seconds) into seconds."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration like '7d', got {value!r}")
    if isinstance(value, int | float):
        if value <= 0:
            raise ConfigError(f"{where}: duration must be positive")
        return float(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a duration like '7d', got {type(value).__name__}")
    m = _DURATION_RE.match(value)
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"{where}: {value!r} is not a duration like '30m', '6h' or '7d'")
    return float(m.group(1)) * _UNITS[m.group(2)]


def _str(v: Any, where: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ConfigError(f"{where}: expected a non-empty string")
    if any(c in v for c in "\r\n\x00"):
        raise ConfigError(f"{where}: must not contain line breaks")
    return v.strip()


def _env(v: Any, where: str) -> str:
    s = _str(v, where)
    if not _ENV_NAME_RE.match(s):
        raise ConfigError(f"{where}: expected the NAME of an environment variable (like TOSDIFF_SECRET)")
    return s


def _choice(v: Any, where: str, choices: tuple[str, ...]) -> str:
    if v not in choices:
        raise ConfigError(f"{where}: expected one of {', '.join(choices)}, got {v!r}")
    return v


def _port(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 0 < v < 65536:
        raise ConfigError(f"{where}: expected a port number (1-65535)")
    return v


def _addr(v: Any, where: str) -> str:
    s = _str(v, where)
    if "@" not in s or any(c.isspace() for c in s.strip()):
        raise ConfigError(f"{where}: {s!r} is not an email address")
    return s


_COMMON = {
    "kind": lambda v, w: _choice(v, w, KINDS),
    "name": None,  # validated separately
    "enabled": _bool,
    "documents": _str_list,
    "min_severity": lambda v, w: _choice(v, w, SEVERITIES),
    "only_flagged": _bool,
    "digest": _bool,
    "notify_errors": _bool,
    "expire_after": parse_duration,
    "timeout": _pos,
    "retry_base": parse_duration,
    "retry_max": parse_duration,
}
_KIND_KEYS: dict[str, dict[str, Any]] = {
    "email": {
        "smtp_host": _str,
        "smtp_port": _port,
        "security": lambda v, w: _choice(v, w, SECURITIES),
        "username": _str,
        "password_env": _env,
        "from": _addr,
        "to": lambda v, w: tuple(_addr(x, f"{w}[{i}]") for i, x in enumerate(_str_list(v, w))),
    },
    "webhook": {
        "url": _http_url,
        "url_env": _env,
        "format": lambda v, w: _choice(v, w, FORMATS),
        "secret_env": _env,
    },
    "apprise": {"urls_env": _env},
}
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
_REQUIRED = {"email": ("smtp_host", "from", "to"), "webhook": (), "apprise": ("urls_env",)}
_RENAME = {"from": "from_addr"}


def apprise_available() -> bool:
    """True when the optional `apprise` package can be imported."""
    return importlib.util.find_spec("apprise") is not None


def parse_alerts(tables: list[dict], source: str) -> list[Notifier]:
    """Validate `[[alerts]]` tables into notifiers; raise ConfigError naming the file and key path."""
    if not isinstance(tables, list):
        raise ConfigError(f"{source}: alerts: expected [[alerts]] tables")
    out: list[Notifier] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        where = f"{source}: alerts[{i}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: expected a table")
        if "kind" not in table:
            raise ConfigError(f"{where}.kind: missing (one of {', '.join(KINDS)})")
        kind = _choice(table["kind"], f"{where}.kind", KINDS)
        if "name" not in table:
            raise ConfigError(f"{where}.name: missing")
        name = _str(table["name"], f"{where}.name")
        if not _NAME_RE.match(name):
            raise ConfigError(f"{where}.name: {name!r} must be letters, digits, '.', '_' or '-' (max 64)")
        if name in seen:
            raise ConfigError(f"{where}.name: duplicate notifier name {name!r}")
        seen.add(name)
        keys = {**_COMMON, **_KIND_KEYS[kind]}
        for key in table:
            if key not in keys:
                raise ConfigError(f"{where}.{key}: unknown key for kind {kind!r}")
        for key in _REQUIRED[kind]:
            if key not in table:
                raise ConfigError(f"{where}.{key}: missing (required for kind {kind!r})")
        values: dict[str, Any] = {"kind": kind, "name": name}
        for key, conv in keys.items():
            if conv is None or key == "kind" or key not in table:
                continue
            values[_RENAME.get(key, key)] = conv(table[key], f"{where}.{key}")
        if kind == "email":
            values.setdefault("security", "starttls")
            values.setdefault("smtp_port", DEFAULT_PORTS[values["security"]])
            if "username" in values and "password_env" not in values:
                raise ConfigError(f"{where}.password_env: required when username is set")
            if "password_env" in values and "username" not in values:
                raise ConfigError(f"{where}.username: required when password_env is set")
            if (
                values["security"] == "none"
                and "username" in values
                and values["smtp_host"] not in _LOCAL_HOSTS
            ):
                # A password over an unencrypted connection to another machine is readable on the wire.
                raise ConfigError(
                    f"{where}.security: 'none' with a username sends the password in clear; "
                    "use 'starttls' or 'tls' (or a relay on localhost)"
                )
            out.append(EmailNotifier(**values))
        elif kind == "webhook":
            if ("url" in values) == ("url_env" in values):
                raise ConfigError(f"{where}.url: give exactly one of url or url_env")
            out.append(WebhookNotifier(**values))
        else:
            if not apprise_available():
                raise ConfigError(
                    f"{where}.kind: 'apprise' needs the optional package: pip install 'tosdiff[apprise]'"
                )
            out.append(AppriseNotifier(**values))
    return out
