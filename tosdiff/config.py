"""TOML config -> validated, frozen Config. Unknown keys are rejected with their path.

The config is read once, at the edge; stages receive plain values, never the config file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tosdiff.errors import ConfigError
from tosdiff.language import LANGUAGES
from tosdiff.models import Document, Source
from tosdiff.schema import (
    Converter,
    as_bool,
    as_str,
    as_str_list,
    check_table,
    css_selector_list,
    http_url,
    invalid,
    nonempty_str,
    nonneg_int,
    nonneg_number,
    one_of,
    parse_duration,
    positive_int,
    positive_number,
    regex_list,
    share,
    valid_name,
)

if TYPE_CHECKING:
    from tosdiff.alerts.base import Notifier
    from tosdiff.flags.rules import RuleSet

DEFAULT_CONFIG_NAME = "tosdiff.toml"
ENV_CONFIG = "TOSDIFF_CONFIG"


@dataclass(frozen=True)
class FetchSettings:
    """How every fetch behaves unless a document overrides it."""

    user_agent: str = ""  # "" = tosdiff's versioned default
    timeout: float = 30.0
    deadline: float = 120.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3
    host_delay: float = 1.0  # minimum seconds between two requests to one host
    workers: int | None = None  # None: sized from the run (tosdiff.runner.auto_workers)
    processes: int = 0  # extraction worker processes for runs of more than 8 documents; 0: in the threads


@dataclass(frozen=True)
class ScheduleSettings:
    """Defaults of the daemon's schedule."""

    default: str = "0 */6 * * *"
    every: str = ""
    jitter: int = 300
    misfire_grace: int = 3600


@dataclass(frozen=True)
class WaybackSettings:
    """Where `tosdiff backfill --wayback` reads snapshots, and how politely."""

    endpoint: str = "https://web.archive.org"  # its CDX API is {endpoint}/cdx/search/cdx
    delay: float = 2.0  # minimum seconds between two requests to the archive


@dataclass(frozen=True)
class Config:
    """A whole validated config file."""

    path: Path
    storage_path: Path
    documents: tuple[Document, ...]
    keep_snapshots: str = "versions"  # "versions": raw pages of versions and failures; "all": every one
    fetch: FetchSettings = FetchSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    alerts: tuple[Notifier, ...] = ()
    rules: RuleSet | None = None  # None: the built-in rules, all enabled
    raw_alerts: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    # `enabled = false` documents: left out of `documents`, so check and the daemon skip them unless
    # one is named; `list` and `status` show them as paused.
    paused: tuple[Document, ...] = ()
    wayback: WaybackSettings = WaybackSettings()

    def document(self, name: str) -> Document:
        """The document called `name` (paused ones included), or ConfigError."""
        for doc in (*self.documents, *self.paused):
            if doc.name == name:
                return doc
        raise ConfigError(f"{self.path}: no document named {name!r} (see `tosdiff list`)")

    def every_document(self) -> list[Document]:
        """Every configured document: the enabled ones, then the paused ones (each in config order)."""
        return [*self.documents, *self.paused]

    def is_paused(self, name: str) -> bool:
        """True when the config says `enabled = false` for this document."""
        return any(d.name == name for d in self.paused)


def find_config_path(explicit: str | None) -> Path:
    """--config, else $TOSDIFF_CONFIG, else ./tosdiff.toml."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(ENV_CONFIG)
    if env:
        return Path(env)
    return Path(DEFAULT_CONFIG_NAME)


# --- converters only the config file needs; the general ones are in tosdiff.schema ---


def _headers(v: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(v, dict):
        raise invalid(where, "expected a table of header names to values")
    out = []
    for k, val in v.items():
        s = as_str(val, f"{where}.{k}")
        if "\n" in s or "\r" in s or "\n" in k or "\r" in k:
            raise invalid(f"{where}.{k}", "header values must be on one line")
        out.append((k, s))
    return tuple(out)


def _cron(v: Any, where: str) -> str:
    s = as_str(v, where).strip()
    if s:
        from apscheduler.triggers.cron import (
            CronTrigger,
        )  # only when a cron is set: apscheduler is slow to load

        try:
            if len(s.split()) != 5:
                raise ValueError("expected five fields")
            CronTrigger.from_crontab(s)
        except ValueError as e:
            raise invalid(where, f"{s!r} is not a cron expression like '0 */6 * * *' ({e})") from None
    return s


def _every(v: Any, where: str) -> str:
    # Kept as the string the user wrote (the scheduler parses it); "" means no interval.
    s = as_str(v, where).strip()
    if s:
        parse_duration(s, where, allow_zero=True)
    return s


def _language(v: Any, where: str) -> str:
    # A language tag ("fr", "FR", "fr-FR", "de_CH") whose language tosdiff reads; stored as "fr".
    s = as_str(v, where).strip()
    code = s.replace("_", "-").split("-", 1)[0].lower()
    if code not in LANGUAGES:
        raise invalid(where, f"expected one of {', '.join(LANGUAGES)} (a language tosdiff reads), got {s!r}")
    return code


SOURCE_KEYS: dict[str, Converter] = {
    "url": http_url,
    "select": css_selector_list,
    "remove": css_selector_list,
}
MAX_SOURCES = 50  # pages of one document: a bound on what one check may fetch


def _sources(v: Any, where: str) -> tuple[dict[str, Any], ...]:
    """`sources = [{url, select, remove}, ...]`: each page checked like a document's own keys.

    Kept as dicts here: a page without its own select/remove takes the document's (see `_document`).
    """
    if not isinstance(v, list) or not v:
        raise invalid(where, "expected a non-empty list of tables like {url = ..., select = [...]}")
    if len(v) > MAX_SOURCES:
        raise invalid(where, f"{len(v)} pages; at most {MAX_SOURCES}")
    out = tuple(
        check_table(item, f"{where}[{i}]", SOURCE_KEYS, required=("url",)) for i, item in enumerate(v)
    )
    return out


DOCUMENT_KEYS: dict[str, Converter] = {
    "name": valid_name,
    "url": http_url,
    "select": css_selector_list,
    "remove": css_selector_list,
    "ignore": regex_list,
    "service": as_str,
    "type": as_str,
    "title": as_str,
    "tags": as_str_list,
    "headers": _headers,
    "timeout": positive_number,
    "deadline": positive_number,
    "max_bytes": positive_int,
    "render": one_of("http", "browser"),
    "browser_fallback": as_bool,
    "max_shrink": share,
    "schedule": _cron,
    "every": _every,
    "alert_on_revert": as_bool,
    "alert_on_links": as_bool,
    "language": _language,
    "sources": _sources,
    "enabled": as_bool,  # false: paused (kept in Config.paused, not in Config.documents)
}
STORAGE_KEYS: dict[str, Converter] = {"path": nonempty_str, "keep_snapshots": one_of("versions", "all")}
FETCH_KEYS: dict[str, Converter] = {
    "user_agent": as_str,
    "timeout": positive_number,
    "deadline": positive_number,
    "max_bytes": positive_int,
    "retries": nonneg_int,
    "host_delay": nonneg_number,
    "workers": positive_int,
    "processes": nonneg_int,
    "extract_processes": nonneg_int,  # the old name of processes
}
SCHEDULE_KEYS: dict[str, Converter] = {
    "default": _cron,
    "every": _every,
    "jitter": nonneg_int,
    "misfire_grace": positive_int,
}
FLAGS_KEYS: dict[str, Converter] = {"disable": as_str_list}


def _archive_endpoint(v: Any, where: str) -> str:
    # A base URL only: the CDX path and the snapshot paths are appended to it.
    s = http_url(v, where).rstrip("/")
    if any(c in s for c in "?#") or "@" in s.split("/")[2]:
        raise invalid(
            where, f"{s!r} must be a plain base URL like 'https://web.archive.org' (no query, no credentials)"
        )
    return s


WAYBACK_KEYS: dict[str, Converter] = {"endpoint": _archive_endpoint, "delay": nonneg_number}
# Values many documents repeat (selectors, tags, headers, service, type): made once per config.
SHARED_KEYS = ("select", "remove", "ignore", "tags", "headers", "service", "type")

TOP_KEYS = {"storage", "fetch", "schedule", "documents", "alerts", "rules", "flags", "wayback"}


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
    return parse_config(data, path, consume=True)


def parse_config(data: dict[str, Any], path: Path, *, consume: bool = False) -> Config:
    """Validate an already-parsed TOML mapping (see load_config).

    `consume=True` lets go of each [[documents]] table of `data` once its Document is made (the
    caller's mapping is then spent): with ten thousand documents the parsed tables and the Documents
    were otherwise all alive at once (bench/README.md, issue 17, part 13).
    """
    src = str(path)
    for key in data:
        if key not in TOP_KEYS:
            raise invalid(f"{src}: {key}", f"unknown top-level key (allowed: {', '.join(sorted(TOP_KEYS))})")
    storage = check_table(data.get("storage", {}), f"{src}: storage", STORAGE_KEYS)
    storage_path = Path(storage.get("path", "snapshots/tosdiff.db")).expanduser()
    if not storage_path.is_absolute():
        # Relative to the config file's folder, so cron jobs work from any working directory.
        storage_path = path.resolve().parent / storage_path
    fetch_values = check_table(data.get("fetch", {}), f"{src}: fetch", FETCH_KEYS)
    if "extract_processes" in fetch_values:  # the old name of `processes`, still accepted
        old = fetch_values.pop("extract_processes")
        if fetch_values.setdefault("processes", old) != old:
            raise ConfigError(
                f"{src}: fetch.extract_processes: the old name of processes; set one of them, not both"
            )
    fetch = FetchSettings(**fetch_values)
    sched = ScheduleSettings(**check_table(data.get("schedule", {}), f"{src}: schedule", SCHEDULE_KEYS))

    raw_docs = data.get("documents", [])
    if not isinstance(raw_docs, list):
        raise invalid(f"{src}: documents", "expected [[documents]] tables")
    docs: list[Document] = []
    paused: list[Document] = []
    seen: set[str] = set()
    # Documents often share their selectors and tags: one value for all of them, not one each.
    shared: dict[object, object] = {}
    for i in range(len(raw_docs)):
        where = f"{src}: documents[{i}]"
        values = document_values(raw_docs[i], where)
        if consume:
            raw_docs[i] = None
        for key in SHARED_KEYS:
            value = values.get(key)
            if value:
                values[key] = shared.setdefault(value, value)
        if values["name"] in seen:
            raise invalid(f"{where}.name", f"duplicate document name {values['name']!r}")
        seen.add(values["name"])
        values.setdefault("timeout", fetch.timeout)
        values.setdefault("deadline", fetch.deadline)
        values.setdefault("max_bytes", fetch.max_bytes)
        (docs if values.pop("enabled", True) else paused).append(Document(**values))

    raw_alerts = data.get("alerts", [])
    alerts: list[Notifier] = []
    if raw_alerts != []:
        # The alerts code (notifier kinds, their keys) only for a config that has [[alerts]]: ~4 ms of
        # every run's start-up otherwise; parse_alerts also refuses an `alerts` that is not a list.
        from tosdiff.alerts.config import parse_alerts

        alerts = parse_alerts(raw_alerts, src)
    rules = _parse_rules(data.get("rules", []), data.get("flags", {}), src)
    wayback = WaybackSettings(**check_table(data.get("wayback", {}), f"{src}: wayback", WAYBACK_KEYS))
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
        paused=tuple(paused),
        wayback=wayback,
    )


def document_values(raw: Any, where: str) -> dict[str, Any]:
    """One [[documents]] table checked: `name`, and `url` or `sources` (not both); Document keywords."""
    values = check_table(raw, where, DOCUMENT_KEYS, required=("name",))
    pages = values.pop("sources", None)
    if pages is None:
        if "url" not in values:
            raise invalid(f"{where}.url", "required key is missing (or give sources = [{url = ...}, ...])")
        return values
    if "url" in values:
        raise invalid(
            f"{where}.sources", "give either url or sources, not both (sources[0] is the first page)"
        )
    # A page without its own select/remove takes the document's (Open Terms Archive's combine does too).
    values["sources"] = tuple(
        Source(
            url=p["url"],
            select=p.get("select", values.get("select", ())),
            remove=p.get("remove", values.get("remove", ())),
        )
        for p in pages
    )
    values["url"] = values["sources"][0].url
    return values


def _parse_rules(raw: Any, flags_table: Any, src: str) -> RuleSet | None:
    """Validate [[rules]] and [flags] disable = [...]; None when neither is given (the built-ins)."""
    if not isinstance(raw, list):
        raise invalid(f"{src}: rules", "expected [[rules]] tables")
    disable = list(check_table(flags_table, f"{src}: flags", FLAGS_KEYS).get("disable", ()))
    if not raw and not disable:
        return None
    # Imported here, not at the top: the flags package compiles its detectors on import, a cost every
    # command would pay at startup although only configs with rules need it here.
    from tosdiff.flags.rules import parse_rules

    return parse_rules(raw, disable, src)
