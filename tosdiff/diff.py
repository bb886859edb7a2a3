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

import difflib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tosdiff.models import (
    ADDED,
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

__all__ = [
    "SPLIT",
    "MERGED",
    "word_hunks",
    "diff_sections",
    "diff_texts",
    "similarity",
]


# A token is a word or punctuation mark with the whitespace before it: the very common " " is never a
# token of its own (it would make the matcher quadratic), and an inserted sentence keeps its space.
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])|\s+", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"[^.;:!?\n]*(?:[.;:!?]+|\n|$)\s*")

# Above this many token comparisons (len(a) * len(b)) a single SequenceMatcher pass is not trusted
# to be fast; the text is first aligned by sentences, then words are diffed inside changed sentences.
_MAX_CELLS = 250_000


def _tokens(s: str) -> list[str]:
    return _TOKEN.findall(s)


def _opcodes(
    a: Sequence[str], b: Sequence[str], max_cells: int = _MAX_CELLS
) -> list[tuple[str, int, int, int, int]]:
    """Token opcodes with a guard against quadratic blow-up on long, very different texts."""
    if not a or not b:
        if a or b:
            return [("delete" if a else "insert", 0, len(a), 0, len(b))]
        return []
    if len(a) * len(b) <= max_cells:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # Coarse pass: sentences. Tokens are joined back so each sentence is one hashable unit.
    sa, ia = _chunk(a)
    sb, ib = _chunk(b)
    if len(sa) * len(sb) > _MAX_CELLS or (len(sa) < 2 and len(sb) < 2):
        return [("replace", 0, len(a), 0, len(b))]
    out: list[tuple[str, int, int, int, int]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        ta1, ta2, tb1, tb2 = ia[i1], ia[i2], ib[j1], ib[j2]
        if op == "equal":
            out.append(("equal", ta1, ta2, tb1, tb2))
        elif op == "replace" and (ta2 - ta1) * (tb2 - tb1) <= max_cells:
            for sop, x1, x2, y1, y2 in difflib.SequenceMatcher(
                None, a[ta1:ta2], b[tb1:tb2], autojunk=False
            ).get_opcodes():
                out.append((sop, ta1 + x1, ta1 + x2, tb1 + y1, tb1 + y2))
        else:
            out.append((op, ta1, ta2, tb1, tb2))
    return out


def _chunk(tokens: Sequence[str]) -> tuple[list[str], list[int]]:
    """Group tokens into sentences; return the sentences and token offsets (with a final sentinel)."""
    # A token ends a sentence when it is closing punctuation or whitespace holding a line break.
    ends = [k + 1 for k, t in enumerate(tokens) if t[-1] in ".;!?:" or "\n" in t]
    if not ends or ends[-1] != len(tokens):
        ends.append(len(tokens))
    starts = [0, *ends]
    sentences = ["".join(tokens[a:b]) for a, b in zip(starts, ends, strict=False)]
    return sentences, starts


def word_hunks(
    old: str, new: str, max_cells: int = _MAX_CELLS, budget: list[int] | None = None
) -> tuple[Hunk, ...]:
    """Word-level diff of two texts as hunks (equal / insert / delete / replace), joined back to strings.

    ``max_cells`` bounds the work of one word-level alignment (tokens x tokens); longer texts are
    aligned by sentences first, and only changed sentences get a word diff within that bound.
    ``budget`` (a one-item list) is a word-alignment allowance shared by several calls: once spent,
    texts are only aligned by sentences.
    """
    if old == new:
        return (Hunk("equal", old, new),) if old else ()
    a, b = _tokens(old), _tokens(new)
    # Common prefix and suffix are cheap to strip and keep the matcher's input small.
    p = 0
    lim = min(len(a), len(b))
    while p < lim and a[p] == b[p]:
        p += 1
    s = 0
    while s < lim - p and a[-1 - s] == b[-1 - s]:
        s += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if p:
        ops.append(("equal", 0, p, 0, p))
    if budget is not None:
        # Charge what the matcher will really compare: the middle left after prefix and suffix.
        if budget[0] <= 0:
            max_cells = 0
        budget[0] -= min((len(a) - p - s) * (len(b) - p - s), max_cells)
    for op, i1, i2, j1, j2 in _opcodes(a[p : len(a) - s], b[p : len(b) - s], max_cells):
        ops.append((op, i1 + p, i2 + p, j1 + p, j2 + p))
    if s:
        ops.append(("equal", len(a) - s, len(a), len(b) - s, len(b)))
    return tuple(_merge(ops, a, b))


def _merge(ops: list[tuple[str, int, int, int, int]], a: list[str], b: list[str]) -> list[Hunk]:
    """Join opcodes into readable hunks: a lone space or comma between two changes joins them."""
    items: list[list] = []  # [op, old_tokens, new_tokens]
    for idx, (op, i1, i2, j1, j2) in enumerate(ops):
        old_t, new_t = a[i1:i2], b[j1:j2]
        if op == "equal" and 0 < idx < len(ops) - 1 and all(not _WORD.search(t) for t in old_t):
            op = "replace"  # whitespace/punctuation-only island between changes
        if op != "equal" and items and items[-1][0] != "equal":
            items[-1][1].extend(old_t)
            items[-1][2].extend(new_t)
            items[-1][0] = "changed"
            continue
        items.append([op if op == "equal" else "changed", list(old_t), list(new_t)])
    hunks: list[Hunk] = []
    for op, old_t, new_t in items:
        old_s, new_s = "".join(old_t), "".join(new_t)
        if op == "equal":
            hunks.append(Hunk("equal", old_s, new_s))
        elif old_s and new_s:
            # Whitespace both sides start with is not part of the change ("may" -> "will not").
            ws = len(old_s) - len(old_s.lstrip())
            if ws and new_s[:ws] == old_s[:ws]:
                if hunks and hunks[-1].op == "equal":
                    prev = hunks.pop()
                    hunks.append(Hunk("equal", prev.old + old_s[:ws], prev.new + new_s[:ws]))
                else:
                    hunks.append(Hunk("equal", old_s[:ws], new_s[:ws]))
                old_s, new_s = old_s[ws:], new_s[ws:]
            hunks.append(Hunk("replace", old_s, new_s))
        elif new_s:
            hunks.append(Hunk("insert", "", new_s))
        elif old_s:
            hunks.append(Hunk("delete", old_s, ""))
    return hunks


# ---------------------------------------------------------------- pairing


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

    budget = _Budget()
    keyed: list[tuple[tuple[float, int, int], SectionChange]] = []
    new_pos_of_old: dict[int, int] = {}
    for k, p in enumerate(pairs):
        o, n = old[p.i], new[p.j]
        new_pos_of_old[p.i] = p.j
        changed = o.hash != n.hash
        if k in moved:
            kind = MOVED
        elif not changed:
            if o.id == n.id:
                continue
            kind = RENUMBERED
        else:
            kind = MODIFIED
        hunks = budget.hunks(o.text, n.text) if changed else ()
        keyed.append(
            (
                (p.j, 0, 0),
                SectionChange(
                    kind,
                    o.id,
                    n.id,
                    n.title or o.title,
                    o.text,
                    n.text,
                    hunks,
                    1.0 if not changed else p.sim,
                    o.title,
                    changed,
                ),
            )
        )

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
    for j in sorted(free_new):
        srcs = [
            (changed_by_new[x], words("o", changed_by_new[x]))
            for x in range(j - near, j + near + 1)
            if x in changed_by_new
        ]
        best = _best_source(words("n", j), srcs) if srcs else None
        n = new[j]
        if best is not None:
            i, cont = best
            o = old[i]
            keyed.append(
                (
                    (j, 0, 0),
                    SectionChange(SPLIT, o.id, n.id, n.title, o.text, n.text, (), cont, o.title, True),
                )
            )
        else:
            hunks = (Hunk("insert", "", n.text),) if n.text else ()
            keyed.append(
                ((j, 0, 0), SectionChange(ADDED, None, n.id, n.title, "", n.text, hunks, 0.0, "", True))
            )
    for i in sorted(free_old):
        anchor = -1
        for back in range(i - 1, -1, -1):
            if back in new_pos_of_old:
                anchor = new_pos_of_old[back]
                break
        dsts = [
            (changed_by_old[x], words("n", changed_by_old[x]))
            for x in range(i - near, i + near + 1)
            if x in changed_by_old
        ]
        best = _best_source(words("o", i), dsts) if dsts else None
        o = old[i]
        if best is not None:
            j, cont = best
            n = new[j]
            change = SectionChange(MERGED, o.id, n.id, o.title, o.text, n.text, (), cont, o.title, True)
        else:
            hunks = (Hunk("delete", o.text, ""),) if o.text else ()
            change = SectionChange(REMOVED, o.id, None, o.title, o.text, "", hunks, 0.0, o.title, True)
        keyed.append(((anchor, 1, i), change))
    keyed.sort(key=lambda t: t[0])
    return [c for _, c in keyed]


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
