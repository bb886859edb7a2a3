"""When each flag category came and went: across every version of every document, the dates at which a
category was introduced, removed, widened or narrowed, with its clause and excerpt.

One pass per document over its versions in time order (``recorded_at``, then number): each version is
diffed against the one before it and its changes flagged (`flag_changes`), exactly what ``check`` does
for a new version, so the timeline says what the alerts said. Technical versions (a re-derived text,
not a change of the terms) and links-only versions are walked past without flagging; they still become
the text the next version is compared with. Nothing is cached: the cost is one diff per version, and
``since`` skips the diffs of older versions.

The display words of a change's direction live in one table, `IMPACT`, so a new direction vocabulary
(worse / better) needs one edit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from tosdiff.models import Flag
from tosdiff.store import Store

INTRODUCED = "introduced"
REMOVED = "removed"
WIDENED = "widened"
NARROWED = "narrowed"
ACTIONS = (INTRODUCED, REMOVED, WIDENED, NARROWED)
# A flag's `direction` -> what the change did to the clause (for a modified flag) and what it means.
# "worse"/"better" are accepted too, so the timeline reads either vocabulary of direction.
ACTION_OF_DIRECTION = {"widened": WIDENED, "narrowed": NARROWED, "worse": WIDENED, "better": NARROWED}
IMPACT = {
    "widened": "worse for users",
    "narrowed": "better for users",
    "worse": "worse for users",
    "better": "better for users",
}
# Versions whose changes are not changes of the terms a reader would see.
QUIET_KINDS = frozenset({"links"})
MAX_EVENTS = 10_000  # events kept per call, oldest first: a bound on output, not on the walk
EXCERPT = 300  # characters of an excerpt kept


@dataclass(frozen=True)
class TimelineEvent:
    """One date at which a flag category changed in one clause of one document."""

    recorded_at: str
    document: str
    version: int
    previous_version: int
    section: str
    category: str
    action: str  # introduced | removed | widened | narrowed
    direction: str | None  # the flag's own direction, as flag_changes gave it
    impact: str  # "worse for users" | "better for users" | ""
    severity: str
    polarity: str
    excerpt: str
    rule: str = ""
    kind: str = ""  # the version's kind (changed, imported, backfilled, ...)

    @property
    def date(self) -> str:
        """The day, '2023-04-01'."""
        return self.recorded_at[:10]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the date first)."""
        return {"date": self.date, **asdict(self)}


@dataclass(frozen=True)
class Step:
    """One version as the timeline needs it: its place in time and the flags of its changes."""

    version: int
    recorded_at: str
    kind: str
    technical: bool
    previous: int | None
    flags: Sequence[Flag]


def action_of(flag: Flag) -> str | None:
    """What a change flag did to its category: introduced / removed / widened / narrowed, or None.

    A modified clause whose scope neither grew nor shrank (reworded) is no date in the timeline.
    """
    if flag.change in (INTRODUCED, REMOVED):
        return flag.change
    if flag.change is not None:
        return ACTION_OF_DIRECTION.get(flag.direction or "")
    return None


def impact_of(flag: Flag) -> str:
    """The words a reader sees for a flag's direction ('worse for users'), '' when it has none."""
    return IMPACT.get(flag.direction or "", "")


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def events_of_steps(
    document: str, steps: Iterable[Step], categories: Sequence[str] = (), since: str = ""
) -> list[TimelineEvent]:
    """The timeline events of one document's versions, whose change flags are already known."""
    out: list[TimelineEvent] = []
    for step in steps:
        if step.technical or step.kind in QUIET_KINDS or step.previous is None:
            continue
        if since and step.recorded_at < since:
            continue
        for f in step.flags:
            action = action_of(f)
            if action is None or (categories and f.category not in categories):
                continue
            out.append(
                TimelineEvent(
                    recorded_at=step.recorded_at,
                    document=document,
                    version=step.version,
                    previous_version=step.previous,
                    section=f.section,
                    category=f.category,
                    action=action,
                    direction=f.direction,
                    impact=impact_of(f),
                    severity=f.severity,
                    polarity=f.polarity,
                    excerpt=_excerpt(f.excerpt),
                    rule=f.rule,
                    kind=step.kind,
                )
            )
    return out


def document_steps(store: Store, name: str, rules: Any = None, since: str = "") -> Iterable[Step]:
    """A document's versions in time order, each with the flags of its changes since the one before.

    Only versions recorded at or after `since` are diffed (the one before them is read for the diff).
    """
    from tosdiff.diff import compare_texts
    from tosdiff.flags import flag_changes  # loads the rules and the classifier: only when needed

    rows = sorted(store.versions(name), key=lambda r: (r["recorded_at"], r["version"]))
    previous: dict[str, Any] | None = None
    for row in rows:
        flags: list[Flag] = []
        technical = bool(row.get("technical"))
        wanted = not since or row["recorded_at"] >= since
        if previous is not None and wanted and not technical and row["kind"] not in QUIET_KINDS:
            if row["text_hash"] != previous["text_hash"]:
                judged = compare_texts(store.text(previous["text_hash"]), store.text(row["text_hash"]))
                flags = flag_changes(list(judged.changes), rules)
        yield Step(
            row["version"],
            row["recorded_at"],
            row["kind"],
            technical,
            previous["version"] if previous is not None else None,
            flags,
        )
        previous = row


def timeline(
    store: Store,
    names: Sequence[str],
    *,
    rules: Any = None,
    categories: Sequence[str] = (),
    since: str = "",
    limit: int = MAX_EVENTS,
) -> tuple[list[TimelineEvent], int]:
    """Every event of the named documents, oldest first, at most `limit`; (events, how many left out)."""
    events: list[TimelineEvent] = []
    for name in names:
        events.extend(events_of_steps(name, document_steps(store, name, rules, since), categories, since))
    events.sort(key=lambda e: (e.recorded_at, e.document, e.version, e.section, e.category))
    return events[:limit], max(0, len(events) - limit)


def by_category(events: Iterable[TimelineEvent]) -> dict[str, list[TimelineEvent]]:
    """Events grouped by category (categories by name), each group oldest first."""
    groups: dict[str, list[TimelineEvent]] = {}
    for e in events:
        groups.setdefault(e.category, []).append(e)
    return {
        c: sorted(groups[c], key=lambda e: (e.recorded_at, e.document, e.section)) for c in sorted(groups)
    }


def event_line(e: TimelineEvent) -> str:
    """'2023-04-01 zoom-terms-of-service 10.4 ai-training introduced (worse for users)'."""
    impact = f" ({e.impact})" if e.impact else ""
    return f"{e.date} {e.document} {e.section} {e.category} {e.action}{impact}"


CSV_COLUMNS = (
    "date",
    "recorded_at",
    "document",
    "version",
    "previous_version",
    "section",
    "category",
    "action",
    "direction",
    "impact",
    "severity",
    "polarity",
    "rule",
    "kind",
    "excerpt",
)


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading = + - @ (a formula) is quoted away."""
    s = "" if value is None else str(value)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s
