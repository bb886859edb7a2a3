"""TOML config -> validated, frozen Config. Unknown keys are rejected with their path.

The config is read once, at the edge; stages receive plain values, never the config file.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any

from tosdiff.errors import ConfigError
from tosdiff.models import Document

DEFAULT_CONFIG_NAME = "tosdiff.toml"
ENV_CONFIG = "TOSDIFF_CONFIG"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True)
class FetchSettings:
    """How every fetch behaves unless a document overrides it."""

    user_agent: str = ""  # "" = tosdiff's versioned default
    timeout: float = 30.0
    deadline: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    host_delay: float = 1.0  # minimum seconds between two requests to one host
    workers: int = 16
    processes: int = 0  # extraction worker processes for runs of more than 8 documents; 0: in the threads
    extract_processes: InitVar[int | None] = None  # the old name of `processes`, still accepted

    def __post_init__(self, extract_processes: int | None) -> None:
        if extract_processes is not None:
            if self.processes not in (0, extract_processes):
                raise ConfigError("fetch: set processes or its old name extract_processes, not both")
            object.__setattr__(self, "processes", extract_processes)


@dataclass(frozen=True)
class ScheduleSettings:
    """Defaults of the daemon's schedule."""

    default: str = "0 */6 * * *"
    every: str = ""
    jitter: int = 300
    misfire_grace: int = 3600


@dataclass(frozen=True)
class Config:
    """A whole validated config file."""

    path: Path
    storage_path: Path
    documents: tuple[Document, ...]
    keep_snapshots: str = "versions"  # "versions": raw pages of versions and failures; "all": every one
    fetch: FetchSettings = FetchSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    alerts: tuple[Any, ...] = ()  # notifier objects from tosdiff.alerts
    rules: Any = None  # a RuleSet from tosdiff.flags, or None for the built-ins
    raw_alerts: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def document(self, name: str) -> Document:
        """The document called `name`, or ConfigError."""
        for doc in self.documents:
            if doc.name == name:
                return doc
        raise ConfigError(f"{self.path}: no document named {name!r} (see `tosdiff list`)")


def parse_duration(value: str, where: str) -> float:
    """'6h', '30m', '90s', '1d' -> seconds; ConfigError naming `where` otherwise."""
    m = DURATION_RE.match(value)
    if not m:
        raise ConfigError(f"{where}: {value!r} is not a duration like '30m', '6h' or '1d'")
    return float(m.group(1)) * _UNITS[m.group(2)]


def find_config_path(explicit: str | None) -> Path:
    """--config, else $TOSDIFF_CONFIG, else ./tosdiff.toml."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    return Path(DEFAULT_CONFIG_NAME)


# --- a tiny schema checker: each key maps to a converter that raises ConfigError naming the path ---

Conv = Callable[[Any, str], Any]


def _str(v: Any, where: str) -> str:
    if not isinstance(v, str):
        raise ConfigError(f"{where}: expected a string, got {type(v).__name__}")
    return v


def _nonempty_str(v: Any, where: str) -> str:
    s = _str(v, where)
    if not s.strip():
        raise ConfigError(f"{where}: must not be empty")
    return s


def _bool(v: Any, where: str) -> bool:
    if not isinstance(v, bool):
        raise ConfigError(f"{where}: expected true or false, got {v!r}")
    return v


def _pos_number(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or v <= 0:
        raise ConfigError(f"{where}: expected a positive number, got {v!r}")
    return float(v)


def _nonneg_number(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
        raise ConfigError(f"{where}: expected a number >= 0, got {v!r}")
    return float(v)


def _pos_int(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
        raise ConfigError(f"{where}: expected a positive whole number, got {v!r}")
    return v


def _nonneg_int(v: Any, where: str) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ConfigError(f"{where}: expected a whole number >= 0, got {v!r}")
    return v


def _share(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v <= 1:
        raise ConfigError(f"{where}: expected a share between 0 and 1, got {v!r}")
    return float(v)


def _str_list(v: Any, where: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(_nonempty_str(x, f"{where}[{i}]") for i, x in enumerate(v))


def _url(v: Any, where: str) -> str:
    s = _nonempty_str(v, where).strip()
    if not re.match(r"^https?://[^\s/]+", s):
        raise ConfigError(f"{where}: {s!r} is not an http(s) URL")
    return s


def _regex_list(v: Any, where: str) -> tuple[str, ...]:
    items = _str_list(v, where)
    for i, pattern in enumerate(items):
        try:
            re.compile(pattern)
        except re.error as e:
            raise ConfigError(f"{where}[{i}]: bad regular expression {pattern!r}: {e}") from None
    return items


def _headers(v: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(v, dict):
        raise ConfigError(f"{where}: expected a table of header names to values")
    out = []
    for k, val in v.items():
        s = _str(val, f"{where}.{k}")
        if "\n" in s or "\r" in s or "\n" in k or "\r" in k:
            raise ConfigError(f"{where}.{k}: header values must be on one line")
        out.append((k, s))
    return tuple(out)


def _render(v: Any, where: str) -> str:
    s = _str(v, where)
    if s not in ("http", "browser"):
        raise ConfigError(f'{where}: expected "http" or "browser", got {s!r}')
    return s


def _cron(v: Any, where: str) -> str:
    s = _str(v, where).strip()
    if s:
        from apscheduler.triggers.cron import CronTrigger

        try:
            if len(s.split()) != 5:
                raise ValueError("expected five fields")
            CronTrigger.from_crontab(s)
        except ValueError as e:
            raise ConfigError(f"{where}: {s!r} is not a cron expression like '0 */6 * * *' ({e})") from None
    return s


def _every(v: Any, where: str) -> str:
    s = _str(v, where).strip()
    if s:
        parse_duration(s, where)
    return s


def _name(v: Any, where: str) -> str:
    s = _nonempty_str(v, where)
    if not NAME_RE.match(s):
        raise ConfigError(f"{where}: {s!r} is not a valid name (letters, digits, '.', '_', '-'; no spaces)")
    return s


DOCUMENT_KEYS: dict[str, Conv] = {
    "name": _name,
    "url": _url,
    "select": _str_list,
    "remove": _str_list,
    "ignore": _regex_list,
    "service": _str,
    "type": _str,
    "title": _str,
    "tags": _str_list,
    "headers": _headers,
    "timeout": _pos_number,
    "deadline": _pos_number,
    "max_bytes": _pos_int,
    "render": _render,
    "browser_fallback": _bool,
    "max_shrink": _share,
    "schedule": _cron,
    "every": _every,
    "alert_on_revert": _bool,
}


def _keep_snapshots(v: Any, where: str) -> str:
    s = _str(v, where)
    if s not in ("versions", "all"):
        raise ConfigError(f'{where}: expected "versions" or "all", got {s!r}')
    return s


STORAGE_KEYS: dict[str, Conv] = {"path": _nonempty_str, "keep_snapshots": _keep_snapshots}
FETCH_KEYS: dict[str, Conv] = {
    "user_agent": _str,
    "timeout": _pos_number,
    "deadline": _pos_number,
    "max_bytes": _pos_int,
    "retries": _nonneg_int,
    "host_delay": _nonneg_number,
    "workers": _pos_int,
    "processes": _nonneg_int,
    "extract_processes": _nonneg_int,  # the old name of processes
}
SCHEDULE_KEYS: dict[str, Conv] = {
    "default": _cron,
    "every": _every,
    "jitter": _nonneg_int,
    "misfire_grace": _pos_int,
}
TOP_KEYS = {"storage", "fetch", "schedule", "documents", "alerts", "rules", "flags"}


def _table(raw: Any, where: str, keys: dict[str, Conv], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Check one TOML table against `keys`; return converted values."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a table")
    for key in raw:
        if key not in keys:
            raise ConfigError(f"{where}.{key}: unknown key (allowed: {', '.join(sorted(keys))})")
    for key in required:
        if key not in raw:
            raise ConfigError(f"{where}.{key}: required key is missing")
    return {k: keys[k](v, f"{where}.{k}") for k, v in raw.items()}


def load_config(path: Path | str) -> Config:
    """Read and validate a config file; every problem is a ConfigError naming the file and key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found (pass --config PATH, set ${ENV_CONFIG}, or run `tosdiff init`)"
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read config: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path) -> Config:
    """Validate an already-parsed TOML mapping (see load_config)."""
    src = str(path)
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(f"{src}: {key}: unknown top-level key (allowed: {', '.join(sorted(TOP_KEYS))})")
    storage = _table(data.get("storage", {}), f"{src}: storage", STORAGE_KEYS)
    storage_path = Path(storage.get("path", "snapshots/tosdiff.db")).expanduser()
    if not storage_path.is_absolute():
        # Relative to the config file's folder, so cron jobs work from any working directory.
        storage_path = path.resolve().parent / storage_path
    fetch = FetchSettings(**_table(data.get("fetch", {}), f"{src}: fetch", FETCH_KEYS))
    sched = ScheduleSettings(**_table(data.get("schedule", {}), f"{src}: schedule", SCHEDULE_KEYS))

    raw_docs = data.get("documents", [])
    if not isinstance(raw_docs, list):
        raise ConfigError(f"{src}: documents: expected [[documents]] tables")
    docs: list[Document] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_docs):
        where = f"{src}: documents[{i}]"
        values = _table(raw, where, DOCUMENT_KEYS, required=("name", "url"))
        if values["name"] in seen:
            raise ConfigError(f"{where}.name: duplicate document name {values['name']!r}")
        seen.add(values["name"])
        values.setdefault("timeout", fetch.timeout)
        values.setdefault("deadline", fetch.deadline)
        values.setdefault("max_bytes", fetch.max_bytes)
        docs.append(Document(**values))

    raw_alerts = data.get("alerts", [])
    if not isinstance(raw_alerts, list):
        raise ConfigError(f"{src}: alerts: expected [[alerts]] tables")
    alerts = _parse_alerts(raw_alerts, src)
    rules = _parse_rules(data.get("rules", []), data.get("flags", {}), src)
    return Config(
        path=path,
        storage_path=storage_path,
        documents=tuple(docs),
        keep_snapshots=storage.get("keep_snapshots", "versions"),
        fetch=fetch,
        schedule=sched,
        alerts=tuple(alerts),
        rules=rules,
        raw_alerts=tuple(raw_alerts),
    )


def _parse_alerts(raw: list[Any], src: str) -> list[Any]:
    """Validate [[alerts]] through the alerts package's own registry."""
    if not raw:
        return []
    try:
        from tosdiff.alerts import parse_alerts
    except ImportError:  # pragma: no cover - the alerts package ships with tosdiff
        raise ConfigError(f"{src}: alerts: this build of tosdiff has no alerts support") from None
    return list(parse_alerts(raw, src))


def _parse_rules(raw: Any, flags_table: Any, src: str) -> Any:
    """Validate [[rules]] and [flags] disable = [...] through the flags package."""
    if not isinstance(raw, list):
        raise ConfigError(f"{src}: rules: expected [[rules]] tables")
    flags_values = _table(flags_table, f"{src}: flags", {"disable": _str_list})
    disable = list(flags_values.get("disable", ()))
    if not raw and not disable:
        return None
    try:
        from tosdiff.flags import parse_rules
    except ImportError:  # pragma: no cover
        raise ConfigError(f"{src}: rules: this build of tosdiff has no flag rules support") from None
    return parse_rules(raw, disable, src)
