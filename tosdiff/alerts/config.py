"""`[[alerts]]` config tables -> notifiers, validated through the registry of notifier kinds."""

from __future__ import annotations

from typing import Any

from tosdiff.alerts.base import COMMON_KEYS, Notifier, notifier_classes
from tosdiff.schema import check_table, invalid, one_of, valid_name


def parse_alerts(tables: Any, source: str) -> list[Notifier]:
    """Validate `[[alerts]]` tables into notifiers; raise ConfigError naming the file and key path."""
    if not isinstance(tables, list):
        raise invalid(f"{source}: alerts", "expected [[alerts]] tables")
    if not tables:
        return []  # without loading the kinds' modules: most configs have no alerts
    classes = notifier_classes()
    kind = one_of(*classes)
    out: list[Notifier] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        where = f"{source}: alerts[{i}]"
        if not isinstance(table, dict):
            raise invalid(where, "expected a table")
        if "kind" not in table:
            raise invalid(f"{where}.kind", f"required key is missing (one of {', '.join(classes)})")
        cls = classes[kind(table["kind"], f"{where}.kind")]
        keys = {"kind": kind, "name": valid_name, **COMMON_KEYS, **cls.required_keys, **cls.optional_keys}
        values = check_table(table, where, keys, required=("name", *cls.required_keys))
        del values["kind"]
        if values["name"] in seen:
            raise invalid(f"{where}.name", f"duplicate notifier name {values['name']!r}")
        seen.add(values["name"])
        values = {cls.renamed_keys.get(k, k): v for k, v in values.items()}
        out.append(cls.from_values(values, where))
    return out
