"""`tosdiff import-ota`: Open Terms Archive declarations -> tosdiff [[documents]] TOML.

An OTA declaration (``declarations/<Service>.json``) has a ``name`` and ``documents`` (older files:
``terms``) mapping a document type to how to fetch it: ``fetch`` (URL), ``select`` and ``remove``
(CSS selectors, or range selectors ``{startBefore|startAfter, endBefore|endAfter}``), ``filter``
(names of JavaScript functions in ``<Service>.filters.js``), ``executeClientScripts``, and
``combine`` (a list of sources, each with its own ``fetch``/``select``/``remove``, joined in order).

``combine`` becomes one multi-page document (``sources = [{url, select, remove}, ...]``), so one terms
type is one document with one history, named as ``import-ota-history`` expects it.
What tosdiff has no equivalent for is reported, never silently dropped: range selectors and
JavaScript filters.

A declaration is untrusted input. Every document made from one is checked by the config's own
converters and refused (with a note naming the file and key) when a string holds a line break or a
control character; the TOML is written by tomlkit, never by string formatting, and read back before
use, so a declaration can add ``[[documents]]`` tables and nothing else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tosdiff.errors import ConfigError
from tosdiff.onboard import documents_toml, unsafe_text, validate_entry
from tosdiff.sanitize import one_line
from tosdiff.schema import NAME_RE

RANGE_KEYS = ("startBefore", "startAfter", "endBefore", "endAfter")


@dataclass
class Imported:
    """Documents made from declarations, and what could not be carried over."""

    entries: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)  # (entry, comments)
    notes: list[str] = field(default_factory=list)

    def toml(self) -> str:
        """The [[documents]] tables, each preceded by comments saying where it came from."""
        return documents_toml(self.entries)


def slug(text: str) -> str:
    """'Terms of Service' -> 'terms-of-service'; a valid tosdiff name fragment."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "document"


def document_name(service: str, doc_type: str) -> str:
    """The tosdiff name of an OTA service's terms type: ('Zoom', 'Terms of Service') -> 'zoom-terms-of-service'."""
    base = f"{slug(service)}-{slug(doc_type)}"[:90]
    return base if NAME_RE.match(base) else "doc-" + base


def _selectors(value: Any, key: str, where: str, notes: list[str]) -> list[str]:
    """Plain CSS selectors from an OTA select/remove value; range selectors are reported and dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, str) and item.strip():
            out.append(item)
        elif isinstance(item, dict) and any(k in item for k in RANGE_KEYS):
            desc = ", ".join(f"{k}: {item[k]!r}" for k in RANGE_KEYS if k in item)
            notes.append(f"{where}: {key} range selector {{{desc}}} not carried over (no equivalent)")
        else:
            notes.append(f"{where}: {key} value {item!r} not understood; skipped")
    return out


def _source_entry(
    name: str,
    service: str,
    doc_type: str,
    src: dict[str, Any],
    parent: dict[str, Any],
    where: str,
    notes: list[str],
) -> dict[str, Any] | None:
    url = src.get("fetch")
    if not isinstance(url, str) or not re.match(r"^https?://", url):
        notes.append(f"{where}: no http(s) fetch URL ({url!r}); skipped")
        return None
    # combine sources inherit the document's own select/remove unless they set theirs (OTA semantics).
    select = _selectors(src.get("select", parent.get("select")), "select", where, notes)
    remove = _selectors(src.get("remove", parent.get("remove")), "remove", where, notes)
    filters = src.get("filter", parent.get("filter"))
    if filters:
        names = filters if isinstance(filters, list) else [filters]
        shown = ", ".join(
            str(f if isinstance(f, str) else (f.get("name") if isinstance(f, dict) else f)) for f in names
        )
        notes.append(
            f"{where}: JavaScript filters not carried over: {shown} (custom code in the .filters.js file)"
        )
    entry: dict[str, Any] = {
        "name": name,
        "url": url,
        "service": service,
        "type": doc_type,
        "title": f"{service} {doc_type}",
        "select": select,
        "remove": remove,
    }
    if src.get("executeClientScripts", parent.get("executeClientScripts")):
        entry["render"] = "browser"
    return entry


def convert_declaration(data: dict[str, Any], source: str = "declaration") -> Imported:
    """One parsed declaration -> tosdiff entries and notes."""
    out = Imported()
    service = data.get("name")
    if not isinstance(service, str) or not service.strip():
        raise ConfigError(f'{source}: not an Open Terms Archive declaration (no "name")')
    if unsafe_text(service):
        raise ConfigError(f"{source}: name: contains a line break or a control character")
    docs = data.get("documents", data.get("terms"))
    if not isinstance(docs, dict) or not docs:
        raise ConfigError(f'{source}: not an Open Terms Archive declaration (no "documents" or "terms")')
    for doc_type, decl in docs.items():
        # Shown in notes only, on one line: the checks below decide what may be written.
        where = f"{one_line(service, 80)} / {one_line(doc_type, 80)}"
        if not isinstance(decl, dict):
            out.notes.append(f"{where}: not an object; skipped")
            continue
        base = document_name(service, doc_type)
        comment = f"From Open Terms Archive declaration {source} ({doc_type})"
        combine = decl.get("combine")
        if isinstance(combine, list) and combine:
            entry = _combined_entry(base, service, doc_type, combine, decl, where, out.notes)
            if entry:
                _add(out, entry, [f"{comment}, {len(entry['sources'])} pages"], f"{source}: {where}")
            continue
        entry = _source_entry(base, service, doc_type, decl, {}, where, out.notes)
        if entry:
            _add(out, entry, [comment], f"{source}: {where}")
    out.notes = [one_line(n, 1000) for n in out.notes]
    return out


def _combined_entry(
    name: str,
    service: str,
    doc_type: str,
    combine: list[Any],
    decl: dict[str, Any],
    where: str,
    notes: list[str],
) -> dict[str, Any] | None:
    """One multi-page document (`sources`) from an OTA `combine`; None when no page can be carried over."""
    pages: list[dict[str, Any]] = []
    first: dict[str, Any] | None = None
    for i, src in enumerate(combine, 1):
        at = f"{where} page {i}"
        if not isinstance(src, dict):
            notes.append(f"{at}: not an object; skipped")
            return None  # a document missing one of its pages would be another document
        entry = _source_entry(name, service, doc_type, src, decl, at, notes)
        if entry is None:
            notes.append(f"{where}: page {i} cannot be fetched, so the document is skipped")
            return None
        first = first or entry
        page: dict[str, Any] = {"url": entry["url"]}
        # Only what the page sets: empty lists are left out (the config reads them back the same).
        page.update({k: entry[k] for k in ("select", "remove") if entry[k]})
        pages.append(page)
    assert first is not None  # combine is non-empty and every page returned or was carried over
    out = {k: v for k, v in first.items() if k not in ("url", "select", "remove")}
    out["sources"] = pages
    return out


def _add(out: Imported, entry: dict[str, Any], comments: list[str], where: str) -> None:
    """Keep an entry that passes the config's checks; otherwise note why it was refused."""
    try:
        validate_entry(entry, where)
    except ConfigError as e:
        out.notes.append(f"{e}; skipped")
        return
    out.entries.append((entry, comments))


def declaration_files(path: Path) -> list[Path]:
    """The declaration files under a folder (or the file itself); history/filter files are skipped."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ConfigError(f"{path}: no such file or folder")
    folder = path / "declarations" if (path / "declarations").is_dir() else path
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith((".history.json", ".filters.json")))


def import_declarations(path: Path, taken: set[str] = frozenset()) -> Imported:  # type: ignore[assignment]
    """Convert every declaration under `path`; names already `taken` (in the config) are skipped."""
    result = Imported()
    files = declaration_files(path)
    if not files:
        raise ConfigError(f"{path}: no declaration .json files found")
    seen = set(taken)
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            result.notes.append(f"{file.name}: unreadable ({e}); skipped")
            continue
        if not isinstance(data, dict):
            result.notes.append(f"{file.name}: not a JSON object; skipped")
            continue
        try:
            one = convert_declaration(data, file.name)
        except ConfigError as e:
            result.notes.append(f"{e}; skipped")
            continue
        for entry, comments in one.entries:
            if entry["name"] in seen:
                result.notes.append(f"{entry['name']}: a document with this name already exists; skipped")
                continue
            seen.add(entry["name"])
            result.entries.append((entry, comments))
        result.notes.extend(one.notes)
    result.notes = [one_line(n, 1000) for n in result.notes]  # a file name may hold a line break too
    return result
