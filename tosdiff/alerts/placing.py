"""Which changed section of an alert each flag belongs to, and the flag labels said per section.

Two changes of one version may carry the same section id: the old 5 (an empty heading) removed and a
new 5 added, or the old 7 removed while the old 9 becomes 7. A flag names its section by that bare id,
so the id alone cannot tell which of the two it is on. An event's flags therefore carry the ids of
their change (`old_id`, `new_id`, set by `place_flags` when the event is built): a flag of a removed
clause is read in the old version's text, one introduced or modified in the new version's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tosdiff.models import BETTER
from tosdiff.sanitize import clean_text

ChangeKey = tuple[str, str]  # (old_id, new_id) of a changed section: unique within one version's changes

_CATEGORY_LABELS = {
    "ai-training": "AI training",
    "content-licence": "content licence",
    "content-license": "content licence",
    "data-sharing": "data sharing",
    "liability": "liability",
    "termination": "termination",
    "arbitration": "arbitration",
    "class-action-waiver": "class-action waiver",
    "unilateral-change": "unilateral change",
}

BETTER_PREFIX = "better for users: "


def category_label(category: str) -> str:
    """Human label of a flag category ("ai-training" -> "AI training")."""
    return _CATEGORY_LABELS.get(category, clean_text(category).replace("-", " "))


def change_key(change: dict) -> ChangeKey:
    """The (old id, new id) pair that tells one changed section of an event from every other."""
    return (str(change.get("old_id") or ""), str(change.get("new_id") or ""))


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _quoted_in(excerpt: str, text: str) -> bool:
    # Excerpts are cut ("…") and may join sentences with " … ": the longest piece is looked for.
    pieces = [p for p in re.split(r"…|\.\.\.", excerpt) if p.strip()]
    longest = _norm(max(pieces, key=len, default=""))
    return bool(longest) and longest in _norm(text)


def _side(flag: dict) -> str:
    """'old' for a flag of a removed clause (read in the old version), 'new' for any other."""
    return "old" if flag.get("change") == "removed" else "new"


def find_change(flag: dict, candidates: list[dict]) -> dict | None:
    """The change among `candidates` (those whose id is the flag's section) that the flag was found in."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    side = _side(flag)
    text_key = "old_text" if side == "old" else "new_text"
    section = str(flag.get("section") or "")
    # A change with no text on the flag's side (an added clause for a removed flag) cannot hold it.
    able = [c for c in candidates if (c.get("old_id") if side == "old" else c.get("new_id"))] or candidates
    quoted = [c for c in able if _quoted_in(str(flag.get("excerpt") or ""), str(c.get(text_key) or ""))]
    if len(quoted) == 1:
        return quoted[0]
    pool = quoted or able
    # Still two: the one known by this id on the flag's side (the removed 7, not the 9 that became 7).
    same_id = [c for c in pool if (c.get("old_id") if side == "old" else c.get("new_id")) == section]
    return (same_id or pool)[0]


def _by_id(changes: list[dict]) -> dict[str, list[dict]]:
    index: dict[str, list[dict]] = {}
    for c in changes:
        index.setdefault(str(c.get("id") or ""), []).append(c)
    return index


def place_flags(flags: list[dict], changes: list[dict]) -> None:
    """Write on each flag dict the `old_id` and `new_id` of the change it was found in (None: no change)."""
    index = _by_id(changes)
    for f in flags:
        c = find_change(f, index.get(str(f.get("section") or ""), []))
        f["old_id"] = c.get("old_id") if c else None
        f["new_id"] = c.get("new_id") if c else None


def _key(flag: dict, index: dict[str, list[dict]]) -> ChangeKey | None:
    if "old_id" in flag or "new_id" in flag:
        key = (str(flag.get("old_id") or ""), str(flag.get("new_id") or ""))
        return None if key == ("", "") else key
    # An event queued before flags carried their change's ids: placed now, by the same rules.
    c = find_change(flag, index.get(str(flag.get("section") or ""), []))
    return change_key(c) if c else None


def flag_keys(event: dict) -> list[ChangeKey | None]:
    """The change key of each flag of the event (None for a flag on no listed change)."""
    index = _by_id(list(event.get("changes") or []))
    return [_key(f, index) for f in event.get("flags") or []]


@dataclass
class Labels:
    """Flag category labels of some sections: against users (or not known) first, then better for users."""

    worse: list[str] = field(default_factory=list)
    better: list[str] = field(default_factory=list)

    def add(self, flag: dict) -> None:
        """Count a flag's category once, on its side."""
        labels = self.better if flag.get("direction") == BETTER else self.worse
        lab = category_label(str(flag.get("category") or ""))
        if lab not in labels:
            labels.append(lab)

    def merge(self, other: Labels) -> None:
        """Add another section's labels (each category said once)."""
        self.worse.extend(lab for lab in other.worse if lab not in self.worse)
        self.better.extend(lab for lab in other.better if lab not in self.better)

    def said(self) -> list[str]:
        """['AI training', 'better for users: arbitration, liability']: worse first, 'better for users:' once."""
        return [*self.worse, *([BETTER_PREFIX + ", ".join(self.better)] if self.better else [])]


def labels_by_change(event: dict) -> tuple[dict[ChangeKey, Labels], Labels]:
    """Flag labels of each changed section (by change key), and those of flags on no listed section."""
    per: dict[ChangeKey, Labels] = {}
    loose = Labels()
    for f, key in zip(event.get("flags") or [], flag_keys(event), strict=True):
        (per.setdefault(key, Labels()) if key is not None else loose).add(f)
    return per, loose


def flag_place(event: dict, flag: dict) -> str:
    """Where a flag is, for a message: its section id, with the change's kind when two share that id."""
    section = clean_text(str(flag.get("section") or ""))
    twins = [c for c in event.get("changes") or [] if str(c.get("id") or "") == section]
    if len(twins) < 2:
        return section
    key = _key(flag, {section: twins})
    kind = next((c.get("kind") for c in twins if change_key(c) == key), None)
    return f"{section} ({clean_text(str(kind))})" if kind else section


def flags_tail(labels: Labels, room: int | None) -> str:
    """'flags: AI training, data sharing; better for users: arbitration', cut to `room` by whole labels.

    '' when not even one label fits: a subject never ends in an empty "flags:".
    """
    worse, better = labels.worse, labels.better

    def say(w: list[str], b: list[str], more: bool) -> str:
        text = ", ".join(w)
        if b:
            text += ("; " if text else "") + BETTER_PREFIX + ", ".join(b)
        return "flags: " + text + (", …" if more else "")

    full = say(worse, better, False)
    if room is None or len(full) + 2 <= room:
        return full
    # Keep labels in order (worse first) while they fit, with "…" for the rest.
    for n in range(len(worse) + len(better) - 1, 0, -1):
        text = say(worse[:n], better[: max(0, n - len(worse))], True)
        if len(text) + 2 <= room:
            return text
    return ""
