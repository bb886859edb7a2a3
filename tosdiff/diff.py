"""Section-aware diff: pair the clauses of two versions, then diff the words of each changed clause.

Pairing, in order (each step only sees sections the previous steps left unpaired):

1. same id and same hash: unchanged (omitted from the result unless it moved);
2. same hash, other id: ``renumbered`` (a pure renumbering is not a content change);
3. text similarity (word-multiset Dice, candidates from an inverted index of rare words), with a
   bonus for the same id or title: ``modified`` (or ``moved`` when out of order);
4. what is left: a new section whose words mostly come from an old section still paired elsewhere is
   ``split`` from it; an old section whose words mostly went into a paired new one is ``merged`` into
   it; the rest are ``added`` / ``removed``.

A paired section is ``moved`` when it is not in the longest run of pairs that keep their relative order
(so inserting a clause early, which shifts every later number, moves nothing). Results are ordered by
position in the new version; removed sections sit where they were.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tosdiff.models import (
    ADDED,
    LINKS,
    MERGED,
    MODIFIED,
    MOVED,
    REMOVED,
    RENUMBERED,
    SPLIT,
    Hunk,
    Section,
    SectionChange,
)
from tosdiff.sections import parse_sections
from tosdiff.visible import (
    changes_words,
    link_targets,
    marked_words,
    quiet_hunks,
    same_link_targets,
    visible_tokens,
)
from tosdiff.wordhunks import tokens as _tokens  # noqa: F401 - bench/bench_diff.py reads it here
from tosdiff.wordhunks import word_hunks

__all__ = [
    "SPLIT",
    "MERGED",
    "CONTENT",
    "LINKS_ONLY",
    "NO_CHANGE",
    "TextDiff",
    "compare_texts",
    "visible_tokens",
    "link_targets",
    "shows_content",
    "word_hunks",
    "diff_sections",
    "diff_texts",
    "similarity",
]


_WORD = re.compile(r"\w+", re.UNICODE)


# ---------------------------------------------------------------- pairing


def _section_words(s: Section) -> list[str]:
    """The visible words of a section's title and text."""
    return visible_tokens(s.title + "\n" + s.text)


def _words(s: Section) -> Counter[str]:
    return Counter(_WORD.findall((s.title + " " + s.text).lower()))


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two word multisets (0..1); cheap stand-in for difflib's ratio."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    inter = 0
    for w, n in a.items():
        m = b.get(w)
        if m:
            inter += n if n < m else m
    return 2.0 * inter / total


def _containment(part: Counter[str], whole: Counter[str]) -> float:
    n = sum(part.values())
    if not n:
        return 0.0
    inter = 0
    for w, k in part.items():
        m = whole.get(w)
        if m:
            inter += k if k < m else m
    return inter / n


def _lis_keep(seq: list[int]) -> set[int]:
    """Indexes (into seq) of one longest strictly increasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, v in enumerate(seq):
        pos = bisect.bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tails_idx.append(k)
        else:
            tails[pos] = v
            tails_idx[pos] = k
        prev[k] = tails_idx[pos - 1] if pos else -1
    keep: set[int] = set()
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        keep.add(k)
        k = prev[k]
    return keep


@dataclass
class _Pair:
    i: int
    j: int
    sim: float
    via: str  # same | hash | similar


def _is_blank(s: Section) -> bool:
    return not s.text.strip() and not s.title.strip()


def _pair(old: list[Section], new: list[Section]) -> tuple[list[_Pair], set[int], set[int]]:
    pairs: list[_Pair] = []
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))

    def take(i: int, j: int, sim: float, via: str) -> None:
        pairs.append(_Pair(i, j, sim, via))
        free_old.discard(i)
        free_new.discard(j)

    new_by_id = {s.id: j for j, s in enumerate(new)}
    for i, s in enumerate(old):
        j = new_by_id.get(s.id)
        if j is not None and new[j].hash == s.hash:
            take(i, j, 1.0, "same")

    # Same text under another id: in document order, so repeated identical clauses pair up in order.
    by_hash_old: dict[str, list[int]] = defaultdict(list)
    by_hash_new: dict[str, list[int]] = defaultdict(list)
    for i in sorted(free_old):
        if not _is_blank(old[i]):
            by_hash_old[old[i].hash].append(i)
    for j in sorted(free_new):
        if not _is_blank(new[j]):
            by_hash_new[new[j].hash].append(j)
    lo, ln = max(1, len(old)), max(1, len(new))
    for h, olds in by_hash_old.items():
        news = by_hash_new.get(h)
        if not news:
            continue
        if len(olds) == 1 and len(news) == 1:
            take(olds[0], news[0], 1.0, "hash")
            continue
        # Repeated identical text: pair the copies that sit at the closest relative positions.
        options = sorted((abs(i / lo - j / ln), i, j) for i in olds for j in news)
        for _d, i, j in options:
            if i in free_old and j in free_new:
                take(i, j, 1.0, "hash")

    if not free_old or not free_new:
        return pairs, free_old, free_new

    # Similarity: candidates share rare words (an inverted index keeps this near-linear).
    old_words = {i: _words(old[i]) for i in free_old}
    new_words = {j: _words(new[j]) for j in free_new}
    df: Counter[str] = Counter()
    for c in old_words.values():
        df.update(c.keys())
    postings: dict[str, list[int]] = defaultdict(list)
    cap = max(8, int(math.sqrt(len(old_words))))
    for i, c in old_words.items():
        for w in c:
            if df[w] <= cap:
                postings[w].append(i)
    old_by_id = {old[i].id: i for i in free_old}
    cands: list[tuple[float, float, int, int]] = []
    for j, c in new_words.items():
        same = old_by_id.get(new[j].id)
        if same is not None and old[same].title == new[j].title:
            sim = similarity(old_words[same], c)
            if sim >= 0.5:
                # Same id, same title, mostly the same words: an edit in place, no search needed.
                cands.append((sim + 0.5 + 1.0, sim, same, j))
                continue
        hits: Counter[int] = Counter()
        rare = sorted((w for w in c if w in postings), key=lambda w: df[w])[:20]
        for w in rare:
            for i in postings[w]:
                hits[i] += 1
        tried = {i for i, _ in hits.most_common(8)}
        if same is not None:
            tried.add(same)
        for i in tried:
            sim = similarity(old_words[i], c)
            same_id = old[i].id == new[j].id
            same_title = bool(new[j].title) and old[i].title.strip().lower() == new[j].title.strip().lower()
            ok = (
                sim >= 0.5
                or (same_id and (same_title or sim >= 0.25))
                or (same_title and sim >= 0.3 and len(new[j].title) > 3)
            )
            if ok:
                # Closeness in relative position breaks ties between near-identical clauses.
                near = 0.1 * (1.0 - min(1.0, 20.0 * abs(i / lo - j / ln)))
                score = sim + (0.3 if same_id else 0.0) + (0.2 if same_title else 0.0) + near
                cands.append((score, sim, i, j))
    cands.sort(key=lambda t: (-t[0], t[2], t[3]))
    for _score, sim, i, j in cands:
        if i in free_old and j in free_new:
            take(i, j, sim, "similar")
    return pairs, free_old, free_new


# Word-level alignment work allowed for one whole diff (sum of tokens x tokens over changed sections).
# Past it (a document rewritten from end to end), remaining sections get sentence-level hunks, so the
# worst case stays bounded while ordinary diffs never come near it.
_TOTAL_CELLS = 4_000_000


class _Budget:
    """Shares the word-alignment budget among the sections of one diff."""

    def __init__(self, total: int = _TOTAL_CELLS) -> None:
        self.left = [total]

    def hunks(self, old: str, new: str) -> tuple[Hunk, ...]:
        """Word hunks within the remaining budget."""
        return word_hunks(old, new, budget=self.left)


def diff_sections(old: list[Section], new: list[Section]) -> list[SectionChange]:
    """Pair two versions' sections and describe every difference, ordered by position in the new version."""
    pairs, free_old, free_new = _pair(old, new)
    pairs.sort(key=lambda p: p.j)
    keep = _lis_keep([p.i for p in pairs])
    moved = {k for k in range(len(pairs)) if k not in keep}
    new_pos_of_old = {p.i: p.j for p in pairs}

    # Split / merged: unpaired text mostly found in a changed, paired section nearby (a clause split
    # in two, or two clauses folded into one, stay where they were, give or take a few positions).
    words_cache: dict[tuple[str, int], Counter[str]] = {}

    def words(side: str, k: int) -> Counter[str]:
        key = (side, k)
        if key not in words_cache:
            words_cache[key] = _words(old[k] if side == "o" else new[k])
        return words_cache[key]

    changed_by_new = {p.j: p.i for p in pairs if old[p.i].hash != new[p.j].hash}
    changed_by_old = {p.i: p.j for p in pairs if old[p.i].hash != new[p.j].hash}
    near = 3

    def moved_parts(
        free: set[int],
        changed_by_this: dict[int, int],
        changed_by_other: dict[int, int],
        mine: Callable[[int], Counter[str]],
        theirs: Callable[[int], Counter[str]],
    ) -> dict[int, tuple[int, float]]:
        """Unpaired clauses of one side whose words sit in a nearby changed clause of the other side.

        The other clause must hold both parts: a look-alike clause (boilerplate repeated with another
        number) is contained in its neighbour's words too, but there is no room for it there.
        """
        found: dict[int, tuple[int, float]] = {}
        for j in sorted(free):
            srcs = [
                (changed_by_this[x], theirs(changed_by_this[x]))
                for x in range(j - near, j + near + 1)
                if x in changed_by_this
            ]
            best = _best_source(mine(j), srcs) if srcs else None
            if best is not None and _has_room(theirs(best[0]), mine(changed_by_other[best[0]]), mine(j)):
                found[j] = best
        return found

    def old_words(k: int) -> Counter[str]:
        return words("o", k)

    def new_words(k: int) -> Counter[str]:
        return words("n", k)

    # new index -> (old index it came from, containment); old index -> (new index it went into, ...)
    split_from = moved_parts(free_new, changed_by_new, changed_by_old, new_words, old_words)
    merged_into = moved_parts(free_old, changed_by_old, changed_by_new, old_words, new_words)

    # Hunks of a clause whose boundaries moved are taken against the matching old text: the old clause
    # against all the new clauses made from it (split), or all the old clauses against the new one they
    # became (merged). A run-in paragraph turned into a heading then marks no word as changed.
    budget = _Budget()
    group_hunks: dict[tuple[str, int], tuple[Hunk, ...]] = {}
    anchors_old: dict[int, list[int]] = defaultdict(list)  # old index -> new indexes (its pair + splits)
    for j, (i, _c) in split_from.items():
        anchors_old[i].append(j)
    anchors_new: dict[int, list[int]] = defaultdict(list)  # new index -> old indexes (its pair + merged)
    for i, (j, _c) in merged_into.items():
        anchors_new[j].append(i)
    for i, js in anchors_old.items():
        if i in changed_by_old and not any(x in anchors_new for x in [changed_by_old[i], *js]):
            members = sorted([changed_by_old[i], *js])
            group_hunks.update(_group_hunks([old[i]], [new[x] for x in members], "n", members, budget))
    for j, is_ in anchors_new.items():
        if j in changed_by_new and changed_by_new[j] not in anchors_old:
            members = sorted([changed_by_new[j], *is_])
            group_hunks.update(_group_hunks([old[x] for x in members], [new[j]], "o", members, budget))

    # A heading inserted inside a clause takes the paragraphs after it (a heading removed gives them
    # back to the clause before). Diffed apart, the clause loses them and the new section gains them,
    # all marked; diffed as one group against the old clause, only the new words are. The group is
    # kept only when it marks clearly fewer words than diffing the sections apart.
    taken_new: dict[int, int] = {}  # unpaired new index -> old index whose text it took
    given_old: dict[int, int] = {}  # unpaired old index -> new index that took its text
    for p in pairs:
        if old[p.i].hash == new[p.j].hash or ("n", p.j) in group_hunks or ("o", p.i) in group_hunks:
            continue
        for side, free, used in (("n", free_new, split_from), ("o", free_old, merged_into)):
            start = p.j if side == "n" else p.i
            run = []
            while start + len(run) + 1 in free and start + len(run) + 1 not in used:
                run.append(start + len(run) + 1)
            if not run:
                continue
            members = [start, *run]
            if side == "n":
                grouped = _group_hunks([old[p.i]], [new[x] for x in members], "n", members, budget)
                apart = sum(len(_section_words(new[x])) for x in run)
            else:
                grouped = _group_hunks([old[x] for x in members], [new[p.j]], "o", members, budget)
                apart = sum(len(_section_words(old[x])) for x in run)
            apart += marked_words(budget.hunks(old[p.i].text, new[p.j].text))
            together = sum(marked_words(h) for h in grouped.values())
            if together <= 0.75 * apart and apart - together >= 5:
                group_hunks.update(grouped)
                for x in run:
                    (taken_new if side == "n" else given_old)[x] = p.i if side == "n" else p.j
                break

    keyed: list[tuple[tuple[float, int, int], SectionChange]] = []
    for k, p in enumerate(pairs):
        o, n = old[p.i], new[p.j]
        changed = o.hash != n.hash
        hunks: tuple[Hunk, ...] | None = group_hunks.get(("n", p.j), group_hunks.get(("o", p.i)))
        # A text that differs only in what no reader sees (link targets, markup, invisible characters)
        # is not a content change: a `links` change when a link points elsewhere, else nothing.
        if hunks is not None:
            words_changed = changes_words(hunks)
        else:
            words_changed = changed and _section_words(o) != _section_words(n)
        links_changed = changed and not words_changed and not same_link_targets(o.text, n.text)
        if k in moved:
            kind = MOVED
        elif words_changed:
            kind = MODIFIED
        elif links_changed and o.id == n.id:
            kind = LINKS
        elif o.id != n.id:
            kind = RENUMBERED
        elif hunks is not None and changed:
            # Part of its text went into a split part (or a merged clause came in), no word changed:
            # its extent changed, so it is listed (its history says so), but not as a content change.
            kind = MODIFIED
        else:
            continue  # nothing a reader would see
        if hunks is None:
            hunks = _pair_hunks(o, n, budget) if (words_changed or links_changed) else ()
        elif not (words_changed or links_changed):
            hunks = ()
        # Where the words changed, those are the change; link targets are marked in `links` changes.
        hunks = quiet_hunks(hunks, keep_links=not words_changed)
        if words_changed and not changes_words(hunks):
            # The words differ but no hunk shows it (a text turned into a link target, say): show
            # the clause's old and new text whole rather than a change with nothing marked.
            hunks = (Hunk("replace", _unit(o), _unit(n)),)
        title = n.title  # "" when the heading was removed: old_title keeps what it was
        sim = 1.0 if not changed else p.sim
        change = SectionChange(kind, o.id, n.id, title, o.text, n.text, hunks, sim, o.title, words_changed)
        keyed.append(((p.j, 0, 0), change))

    for j in sorted(free_new):
        n = new[j]
        if j in split_from:
            i, cont = split_from[j]
            o = old[i]
            hunks = quiet_hunks(group_hunks.get(("n", j), ()))
            content = changes_words(hunks) if ("n", j) in group_hunks else True
            change = SectionChange(SPLIT, o.id, n.id, n.title, o.text, n.text, hunks, cont, o.title, content)
        elif j in taken_new:
            # Words of its own (a new heading and its text) are added; text it took from the old
            # clause shows unchanged. With no word of its own it is a split part.
            o = old[taken_new[j]]
            hunks = quiet_hunks(group_hunks[("n", j)])
            content = changes_words(hunks)
            kind, old_id = (ADDED, None) if content else (SPLIT, o.id)
            change = SectionChange(kind, old_id, n.id, n.title, o.text, n.text, hunks, 0.0, o.title, content)
        else:
            hunks = (Hunk("insert", "", n.text),) if n.text else ()
            change = SectionChange(ADDED, None, n.id, n.title, "", n.text, hunks, 0.0, "", True)
        keyed.append(((j, 0, 0), change))
    for i in sorted(free_old):
        anchor = -1
        for back in range(i - 1, -1, -1):
            if back in new_pos_of_old:
                anchor = new_pos_of_old[back]
                break
        o = old[i]
        if i in merged_into:
            j, cont = merged_into[i]
            n = new[j]
            hunks = quiet_hunks(group_hunks.get(("o", i), ()))
            content = changes_words(hunks) if ("o", i) in group_hunks else True
            change = SectionChange(MERGED, o.id, n.id, o.title, o.text, n.text, hunks, cont, o.title, content)
        elif i in given_old:
            n = new[given_old[i]]
            hunks = quiet_hunks(group_hunks[("o", i)])
            content = changes_words(hunks)
            kind, new_id = (REMOVED, None) if content else (MERGED, n.id)
            change = SectionChange(kind, o.id, new_id, o.title, o.text, n.text, hunks, 0.0, o.title, content)
        else:
            hunks = (Hunk("delete", o.text, ""),) if o.text else ()
            change = SectionChange(REMOVED, o.id, None, o.title, o.text, "", hunks, 0.0, o.title, True)
        keyed.append(((anchor, 1, i), change))
    keyed.sort(key=lambda t: t[0])
    return [c for _, c in keyed]


def _has_room(whole: Counter[str], kept: Counter[str], part: Counter[str]) -> bool:
    """True when `whole` is big enough to hold both the part it kept and the part split off (or merged)."""
    return sum(whole.values()) >= 0.75 * (sum(kept.values()) + sum(part.values()))


def _pair_hunks(o: Section, n: Section, budget: _Budget) -> tuple[Hunk, ...]:
    """Word hunks of a paired clause. A changed title leads them, its words marked like the text's: a
    clause whose heading alone was reworded shows that, and its unchanged text is not struck."""
    if o.title.split() == n.title.split():
        return budget.hunks(o.text, n.text)
    return budget.hunks(_unit(o), _unit(n))


def _unit(s: Section) -> str:
    """A section's title and text as one piece of a group (a title may have been a run-in sentence)."""
    return f"{s.title}\n{s.text}" if s.title else s.text


def _group_hunks(
    olds: list[Section], news: list[Section], side: str, members: list[int], budget: _Budget
) -> dict[tuple[str, int], tuple[Hunk, ...]]:
    """Word hunks of a split (one old, several new) or merge (several old, one new), cut per section.

    The texts of the several sections are joined in order and diffed against the one; the hunks are
    then cut where each of the several begins, so each section shows only its own words' changes.
    """
    units = [_unit(s) for s in (news if side == "n" else olds)]
    joined = "\n".join(units)
    if side == "n":
        hunks = budget.hunks(_unit(olds[0]), joined)
    else:
        hunks = budget.hunks(joined, _unit(news[0]))
    ends = []
    pos = 0
    for u in units:
        pos += len(u) + 1
        ends.append(pos)
    pieces = _cut_hunks(hunks, ends, side)
    sections = news if side == "n" else olds
    out: dict[tuple[str, int], tuple[Hunk, ...]] = {}
    for idx, sec, piece in zip(members, sections, pieces, strict=True):
        # The title is shown as the heading: keep it out of the body when it did not change.
        if sec.title and piece and piece[0].op == "equal":
            text = piece[0].old if side == "o" else piece[0].new
            lead = sec.title + "\n"
            if text.startswith(lead):
                rest = text[len(lead) :]
                piece = ((Hunk("equal", rest, rest),) if rest else ()) + piece[1:]
        out[(side, idx)] = piece
    return out


def _cut_hunks(hunks: Sequence[Hunk], ends: list[int], side: str) -> list[tuple[Hunk, ...]]:
    """Cut hunks into pieces at character offsets of one side ("n" new or "o" old) of the diff."""
    pieces: list[list[Hunk]] = [[] for _ in ends]
    k = 0
    pos = 0
    for h in hunks:
        text = h.new if side == "n" else h.old
        if not text:
            pieces[min(k, len(ends) - 1)].append(h)  # nothing on this side: stays where it falls
            continue
        start = 0
        while start < len(text):
            k = min(k, len(ends) - 1)
            room = ends[k] - pos
            take = text[start : start + room] if k < len(ends) - 1 else text[start:]
            if h.op == "equal":
                piece = Hunk("equal", take, take)
            elif h.op == "insert" or h.op == "delete":
                piece = Hunk(h.op, take if h.op == "delete" else "", take if h.op == "insert" else "")
            else:
                # A replaced run across a boundary: its other side goes with the first piece.
                other = (h.old if side == "n" else h.new) if start == 0 else ""
                piece = Hunk("replace", other, take) if side == "n" else Hunk("replace", take, other)
                if not other:
                    piece = Hunk("insert", "", take) if side == "n" else Hunk("delete", take, "")
            # Separators between joined units are not part of either section.
            pieces[k].append(piece)
            start += len(take)
            pos += len(take)
            if pos >= ends[k] and k < len(ends) - 1:
                k += 1
    return [tuple(_tidy(p)) for p in pieces]


def _tidy(hunks: list[Hunk]) -> list[Hunk]:
    """Drop empty and whitespace-only equal edges left by cutting, so a piece starts and ends with text."""
    out = [h for h in hunks if h.old or h.new]
    while out and not out[-1].old.strip() and not out[-1].new.strip():
        out.pop()
    while out and not out[0].old.strip() and not out[0].new.strip():
        out.pop(0)
    if out and out[-1].op == "equal":
        out[-1] = Hunk("equal", out[-1].old.rstrip("\n"), out[-1].new.rstrip("\n"))
    return out


def _best_source(part: Counter[str], others: Iterable[tuple[int, Counter[str]]]) -> tuple[int, float] | None:
    """The section that contains most of `part`'s words, when it contains at least 80% of them."""
    if sum(part.values()) < 5:
        return None
    best: tuple[int, float] | None = None
    for idx, whole in others:
        c = _containment(part, whole)
        if c >= 0.8 and (best is None or c > best[1]):
            best = (idx, c)
    return best


def diff_texts(old_text: str, new_text: str) -> list[SectionChange]:
    """Parse two normalised texts into sections and diff them."""
    return diff_sections(parse_sections(old_text), parse_sections(new_text))


# What a new text is, compared with the previous one (see compare_texts).
CONTENT = "content"  # visible words added, removed, replaced or moved: a change of the terms
LINKS_ONLY = "links"  # the same visible words; only where links point changed
NO_CHANGE = "none"  # nothing a reader sees changed (whitespace, list nesting, markup, invisible characters)


@dataclass(frozen=True)
class TextDiff:
    """A new text judged against the previous one: what kind of change it is, and the section changes."""

    kind: str  # CONTENT | LINKS_ONLY | NO_CHANGE
    changes: tuple[SectionChange, ...]


def shows_content(c: SectionChange) -> bool:
    """True when a section change shows a reader words added, removed, replaced or moved."""
    if c.kind == ADDED:
        return bool(visible_tokens(c.title + "\n" + c.new_text))
    if c.kind == REMOVED:
        return bool(visible_tokens(c.old_title + "\n" + c.old_text))
    if c.kind in (MOVED, RENUMBERED):
        return True
    return c.content_changed and any(h.op != "equal" for h in c.hunks)


def compare_texts(old_text: str, new_text: str) -> TextDiff:
    """Judge a new text against the previous one: a content change, a `links` change, or none.

    The invariant the recorder relies on: CONTENT (the visible words of the text, and those of its
    clauses, differ) comes with at least one change that shows words added, removed, replaced or moved, LINKS_ONLY with
    at least one `links` change, NO_CHANGE with no changes at all. A `changed` version therefore never
    has an empty diff.
    """
    old_sections, new_sections = parse_sections(old_text), parse_sections(new_text)
    changes = diff_sections(old_sections, new_sections)
    # A content change needs both: the words of the page differ (so a blank line that makes the clause
    # parser read a number as text instead of a label is no change), and the words of the clauses
    # differ (clause numbers are structure: a renumbering alone is no change of the terms).
    if visible_tokens(old_text) != visible_tokens(new_text) and [
        w for s in old_sections for w in _section_words(s)
    ] != [w for s in new_sections for w in _section_words(s)]:
        if not any(shows_content(c) for c in changes):
            # The sections hide what changed (words only reordered across clauses, say): show the
            # document as one piece rather than claim a change with nothing to see.
            changes.append(_whole(MODIFIED, old_text, new_text, True))
        return TextDiff(CONTENT, tuple(changes))
    if not same_link_targets(old_text, new_text):
        links = [c for c in changes if c.kind == LINKS]
        return TextDiff(LINKS_ONLY, tuple(links) or (_whole(LINKS, old_text, new_text, False),))
    return TextDiff(NO_CHANGE, ())


def _whole(kind: str, old_text: str, new_text: str, content: bool) -> SectionChange:
    """The whole document as one change (the fallback when no section shows the difference)."""
    hunks = word_hunks(old_text, new_text)
    return SectionChange(kind, "", "", "(whole document)", old_text, new_text, hunks, 0.0, "", content)


def _pure_boundary(c: SectionChange) -> bool:
    """A clause whose extent changed (text split off or merged in) without a word of its own changing."""
    return c.kind == MODIFIED and not c.content_changed and not c.hunks


def change_summary(changes: Iterable[SectionChange]) -> str | None:
    """A one-line summary such as '10.4 modified; 7 removed; 9 sections renumbered' kept on the version row."""
    changes = list(changes)
    renumbered = sum(1 for c in changes if c.kind == "renumbered" and not c.content_changed)
    # A clause that only gave text to a split part (or took in a merged one) is said by that part.
    edits = [
        f"{c.id} {c.kind}"
        for c in changes
        if not _pure_boundary(c) and (c.kind != "renumbered" or c.content_changed)
    ]
    parts = edits[:20] + ([f"and {len(edits) - 20} more"] if len(edits) > 20 else [])
    if renumbered:
        parts.append(f"{renumbered} {'section' if renumbered == 1 else 'sections'} renumbered")
    return "; ".join(parts) or None
