"""Histories of stored documents: the changes between versions, and one clause's timeline across them.

One walker, `clause_timeline`, follows a clause through renumbering over the changes between
consecutive versions. `section_history` feeds it texts (``tosdiff log``); the report feeds it the
changes it computed anyway, so a clause's history costs no extra diff.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
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
    "normalise_section_id",
    "ClauseChanges",
    "clause_changes",
    "nearest_ids",
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


def normalise_section_id(section_id: str) -> str:
    """'Section 10.4', '§ 10.4' and ' 10.4 ' all name clause '10.4'."""
    section_id = section_id.strip()
    if section_id.lower().startswith(("section ", "§")):
        section_id = section_id.split(None, 1)[-1].lstrip("§ ").strip()
    return section_id


@dataclass(frozen=True)
class ClauseChanges:
    """What `clause_changes` found: the clause's id in each version and the changes that concern it."""

    old_id: str | None  # the clause's id in the old version (None: it did not exist yet)
    new_id: str | None  # its id in the new version (None: removed or folded into another)
    changes: tuple[SectionChange, ...]


def clause_changes(
    changes: Sequence[SectionChange],
    old_ids: Collection[str],
    new_ids: Collection[str],
    section_id: str,
    children: bool = True,
) -> ClauseChanges | None:
    """The changes between two versions that concern one clause, followed through renumbering.

    The clause is the one called ``section_id`` in the new version (``new_ids``), else the one called so
    in the old version (removed, or renumbered away). A clause renumbered 7.3 -> 7.4 while another
    clause became 7.3 is two clauses: ``7.3`` names the new 7.3 only, and the old 7.3 is ``7.4``.
    With ``children`` its sub-clauses (by their ids in each version) come along. None when neither
    version has that id.
    """
    section_id = normalise_section_id(section_id)
    if section_id in new_ids:
        # The same step the timeline walker takes backwards: the pairing that ends at this id.
        paired = [c for c in changes if c.new_id == section_id and c.kind not in (MERGED, SPLIT)]
        new_id: str | None = section_id
        old_id = paired[0].old_id if paired else (section_id if section_id in old_ids else None)
    elif section_id in old_ids:
        old_id, new_id = section_id, None
        paired = [c for c in changes if c.old_id == section_id and c.kind != SPLIT]
        if paired and paired[0].kind not in (MERGED, REMOVED):
            new_id = paired[0].new_id  # renumbered away: the walker's forward step
    else:
        return None

    def concerns(c: SectionChange) -> bool:
        if new_id is not None and c.new_id is not None:
            return _matches(c.new_id, new_id, children)
        # Gone from the new version (the clause itself, or one of its sub-clauses): known by its old id.
        return old_id is not None and _matches(c.old_id, old_id, children)

    picked = [c for c in changes if concerns(c)]
    return ClauseChanges(old_id, new_id, tuple(picked))


def nearest_ids(section_id: str, ids: Iterable[str], n: int = 5) -> list[str]:
    """Up to `n` ids that look like `section_id` (a typo, a level too deep), closest first."""
    section_id = normalise_section_id(section_id)
    pool = list(dict.fromkeys(ids))
    close = difflib.get_close_matches(section_id, pool, n=n, cutoff=0.5)
    # A sibling or parent ("7.9" when 7 has 7.1-7.4) is what a reader most likely meant.
    prefix = section_id.rsplit(".", 1)[0] if "." in section_id else section_id
    family = [i for i in pool if i == prefix or i.startswith(prefix + ".")]
    return list(dict.fromkeys(family + close))[:n]


def find_section(
    changes: Iterable[SectionChange], section_id: str, children: bool = True
) -> list[SectionChange]:
    """Changes that concern one clause, matched by old or new id (so renumbering is followed).

    With ``children`` (the default) its sub-clauses match too: "10.4" selects "10.4(b)" and "10.4.2".
    """
    section_id = normalise_section_id(section_id)
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
