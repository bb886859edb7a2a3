"""The report's manifest: what the last build wrote, so an incremental build keeps what has not changed.

A build writes ``.tosdiff-report-manifest.json`` into the report folder: per document a key of its
versions, labels and language override, under a hash of everything else every page depends on
(tosdiff's version and code, its flag models, the stylesheet, the flag rules). Split out of
`tosdiff.report`, which draws the pages.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

MANIFEST = ".tosdiff-report-manifest.json"  # what the last build wrote, so the next one skips it
MANIFEST_SCHEMA = 1


def report_build_hash(rules: Any, package: Path | None = None) -> str | None:
    """What every page depends on besides the database: tosdiff's version and code, its flag models, the
    stylesheet, the rules.

    None when the rules cannot be told apart by their repr (an object address): then build everything.
    """
    from tosdiff import __version__

    rules_repr = repr(stable(rules))
    if " at 0x" in rules_repr:
        return None
    h = hashlib.sha256()
    for part in (__version__.encode(), stylesheet().read_bytes(), rules_repr.encode()):
        h.update(hashlib.sha256(part).digest())
    # Every page is made by tosdiff's code and its flag models (sections, diff, flags, views): any of
    # them changing without a version bump must rebuild the kept pages too (about 10 ms to read).
    package = package or Path(__file__).resolve().parent
    for path in sorted((*package.rglob("*.py"), *package.glob("flags/*.json"))):
        h.update(path.relative_to(package).as_posix().encode() + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def stable(value: Any) -> Any:
    """`value` with its sets sorted and dataclasses opened: a repr that is the same in every process."""
    from dataclasses import fields, is_dataclass

    if isinstance(value, (set, frozenset)):
        return sorted((stable(v) for v in value), key=repr)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: stable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [stable(v) for v in value]
    if isinstance(value, dict):
        return sorted((repr(k), stable(v)) for k, v in value.items())
    return value


def stylesheet() -> Any:
    """The report's stylesheet (a package resource)."""
    return resources.files("tosdiff") / "data" / "report" / "style.css"


def load_manifest(out: Path, build_hash: str | None) -> dict[str, Any]:
    """The last build's documents, or {} (a full build) when missing, unreadable or from another build."""
    path = out / MANIFEST
    if build_hash is None or path.is_symlink() or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("schema") != MANIFEST_SCHEMA or data.get("build") != build_hash:
        return {}
    docs = data.get("documents")
    return docs if isinstance(docs, dict) else {}


def doc_key(row: dict[str, Any], versions: str, override: str) -> str:
    """A document's key in the manifest: its labels, its versions' key and its language override."""
    labels = [row["name"], row["url"], row["service"], row["title"], row["type"], versions, override]
    return hashlib.sha256(json.dumps(labels).encode()).hexdigest()
