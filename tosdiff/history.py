"""Histories of stored documents: the changes between versions, and one clause's timeline across them.

One walker, `clause_timeline`, follows a clause through renumbering over the changes between
consecutive versions. `section_history` feeds it texts (``tosdiff log``); the report feeds it the
changes it computed anyway, so a clause's history costs no extra diff.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tosdiff.diff import diff_sections, diff_texts
from tosdiff.models import ADDED, MERGED, REMOVED, SPLIT, Flag, SectionChange
from tosdiff.sections import parse_sections
from tosdiff.serialize import hunk_dict
from tosdiff.store import Store

__all__ = [
    "UNCHANGED",
    "VersionChanges",
    "find_section",
    "document_texts",
    "document_history",
    "ChangeIndex",
    "change_index",
    "clause_timeline",
    "section_history",
]

UNCHANGED = "unchanged"  # timeline kind of a version in which the clause did not change


@dataclass(frozen=True)
class VersionChanges:
    """One stored version (its `Store.versions` row) with its changes and flags since the previous one."""

    row: dict[str, Any]
    text: str
    changes: tuple[SectionChange, ...] = ()
    flags: tuple[Flag, ...] = ()


def _matches(cid: str | None, section_id: str, children: bool) -> bool:
    if not cid:
        return False
    if cid == section_id:
        return True
    return children and cid.startswith(section_id) and cid[len(section_id)] in ".(/~"


def find_section(
    changes: Iterable[SectionChange], section_id: str, children: bool = True
) -> list[SectionChange]:
    """Changes that concern one clause, matched by old or new id (so renumbering is followed).

    With ``children`` (the default) its sub-clauses match too: "10.4" selects "10.4(b)" and "10.4.2".
    """
    section_id = section_id.strip()
    if section_id.lower().startswith(("section ", "§")):
        section_id = section_id.split(None, 1)[-1].lstrip("§ ").strip()
    return [
        c
        for c in changes
        if _matches(c.old_id, section_id, children) or _matches(c.new_id, section_id, children)
    ]


def document_texts(store: Store, name: str) -> list[tuple[int, str]]:
    """(version number, normalised text) of every stored version of a document, oldest first."""
    return [(v["version"], store.text(v["text_hash"])) for v in store.versions(name)]


def document_history(store: Store, name: str, rules: Any = None) -> list[VersionChanges]:
    """Every stored version of a document, oldest first, with its section changes and their flags."""
    from tosdiff.flags import flag_changes  # loads the rules and the classifier: only when needed

    out: list[VersionChanges] = []
    previous: str | None = None
    for v in store.versions(name):
        text = store.text(v["text_hash"])
        if previous is None:
            out.append(VersionChanges(v, text))
        else:
            changes = tuple(diff_texts(previous, text))
            out.append(VersionChanges(v, text, changes, tuple(flag_changes(changes, rules))))
        previous = text
    return out


def _event(
    version: int,
    ident: str | None,
    kind: str,
    old_id: str | None,
    title: str,
    change: SectionChange | None = None,
) -> dict[str, Any]:
    """One timeline entry: the clause in one version and what happened to it there."""
    return {
        "version": version,
        "id": ident,
        "kind": kind,
        "old_id": old_id if change is None else change.old_id,
        "new_id": ident if change is None else change.new_id,
        "title": title,
        "content_changed": kind == ADDED if change is None else change.content_changed,
        "hunks": [hunk_dict(h) for h in change.hunks] if change is not None else [],
    }


@dataclass(frozen=True)
class ChangeIndex:
    """The changes between consecutive versions, looked up by clause id in both directions."""

    back: list[dict[str, SectionChange]]  # back[k-1]: new id -> change from version k-1 to k
    fwd: list[dict[str, SectionChange]]  # fwd[k]: old id -> change from version k to k+1


def change_index(steps: Sequence[Sequence[SectionChange]]) -> ChangeIndex:
    """Index `steps` (the changes from each version to the next) once, for any number of clause walks."""
    back: list[dict[str, SectionChange]] = []
    fwd: list[dict[str, SectionChange]] = []
    for changes in steps:
        # A clause folded into another (merged) names that clause as new_id; the clause's own pairing
        # is what it continues from, so merged changes never lead the walk back.
        back.append({c.new_id: c for c in changes if c.new_id is not None and c.kind != MERGED})
        # A split-off part names its source as old_id; the source itself continues through its pairing.
        fwd.append({c.old_id: c for c in changes if c.old_id is not None and c.kind != SPLIT})
    return ChangeIndex(back, fwd)


def clause_timeline(
    numbers: Sequence[int],
    steps: Sequence[Sequence[SectionChange]],
    section_id: str,
    titles: Sequence[Mapping[str, str]] | None = None,
    index: ChangeIndex | None = None,
) -> list[dict[str, Any]]:
    """History of one clause across versions (oldest first), following it through renumbering.

    ``numbers[k]`` is the k-th version's number and ``steps[k - 1]`` the changes from version k-1 to k.
    ``titles[k]`` maps the ids of version k's sections to their titles: with it, the clause is the one
    called ``section_id`` in the newest version that has that id, and unchanged versions show the
    clause's title there; without it, the clause is the newest version's ``section_id`` (the caller
    knows it is there) and unchanged versions show its latest changed title.

    One dict per version from the clause's first appearance to the last version (or its removal):
    ``version``, ``id`` (its id in that version, None once removed), ``kind`` (``added`` at its first
    appearance, then ``unchanged`` or the change: modified / renumbered / moved / split / merged /
    removed), ``old_id``, ``new_id``, ``title``, ``content_changed`` and ``hunks`` (list of {op, old, new}).

    Walking many clauses of the same versions, pass ``index=change_index(steps)``: built per call, the
    index costs every change of every version, which made a walk per clause quadratic.
    """
    if not numbers:
        return []
    index = index or change_index(steps)
    back, fwd = index.back, index.fwd

    if titles is not None:
        target = next((k for k in range(len(numbers) - 1, -1, -1) if section_id in titles[k]), None)
        if target is None:
            return []
    else:
        target = len(numbers) - 1
    # Walk back to the first appearance, then forward to the end or the removal.
    ident: dict[int, str] = {target: section_id}
    change_at: dict[int, SectionChange] = {}
    latest_title = ""
    k = target
    while k > 0:
        change = back[k - 1].get(ident[k])
        old_id: str | None = ident[k]  # no change in this step: the same id in the previous version
        if change is not None:
            change_at[k] = change
            latest_title = latest_title or change.title
            old_id = change.old_id if change.kind != SPLIT else None
        if old_id is None or (titles is not None and old_id not in titles[k - 1]):
            break
        ident[k - 1] = old_id
        k -= 1
    first = k
    last = len(numbers) - 1
    for k in range(target, len(numbers) - 1):
        change = fwd[k].get(ident[k])
        nxt: str | None = ident[k]
        if change is not None:
            change_at[k + 1] = change
            nxt = change.new_id if change.kind not in (MERGED, REMOVED) else None
        if nxt is None:
            last = k + 1
            break
        ident[k + 1] = nxt

    def title(k: int, change: SectionChange | None) -> str:
        if titles is not None:
            return change.title if change is not None else titles[k].get(ident[k], "")
        return (change.title if change is not None else "") or latest_title

    timeline: list[dict[str, Any]] = []
    for k in range(first, last + 1):
        cur, change = ident.get(k), change_at.get(k)
        if k == first and (change is None or change.kind == ADDED):
            timeline.append(
                _event(numbers[k], cur, ADDED, None, title(k, change if titles is None else None))
            )
        elif change is not None:
            timeline.append(_event(numbers[k], cur, change.kind, None, title(k, change), change))
        else:
            timeline.append(_event(numbers[k], cur, UNCHANGED, ident.get(k - 1, cur), title(k, None)))
    return timeline


def section_history(versions: Sequence[tuple[int, str]], section_id: str) -> list[dict[str, Any]]:
    """History of one clause across (version number, normalised text) pairs, oldest first.

    The clause is the one called ``section_id`` in the newest version that has that id; see
    `clause_timeline` for the entries.
    """
    parsed = [parse_sections(text) for _, text in versions]
    steps = [diff_sections(a, b) for a, b in zip(parsed, parsed[1:], strict=False)]
    titles = [{s.id: s.title for s in secs} for secs in parsed]
    return clause_timeline([v for v, _ in versions], steps, section_id, titles)
