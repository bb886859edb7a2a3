"""Word-level diff of two texts: hunks of equal, inserted, deleted and replaced words.

Split out of ``tosdiff.diff`` (which pairs clauses and then calls this for the words of each pair): the
alignment is bounded, so a long text rewritten from end to end costs sentences, not tokens squared.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from tosdiff.models import Hunk

__all__ = ["word_hunks", "tokens"]

# A token is a word or punctuation mark with the whitespace before it: the very common " " is never a
# token of its own (it would make the matcher quadratic), and an inserted sentence keeps its space.
_TOKEN = re.compile(r"\s*(?:\w+|[^\w\s])|\s+", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)

# Above this many token comparisons (len(a) * len(b)) a single SequenceMatcher pass is not trusted
# to be fast; the text is first aligned by sentences, then words are diffed inside changed sentences.
_MAX_CELLS = 250_000


def tokens(s: str) -> list[str]:
    """A text cut into word and punctuation tokens, each with the whitespace before it."""
    return _TOKEN.findall(s)


def _keys(tokens: list[str]) -> list[str]:
    """Tokens without their leading whitespace (whitespace alone: one space), for matching."""
    return [t.lstrip() or " " for t in tokens]


def _opcodes(
    a: Sequence[str],
    b: Sequence[str],
    max_cells: int = _MAX_CELLS,
    raw_a: Sequence[str] | None = None,
    raw_b: Sequence[str] | None = None,
) -> list[tuple[str, int, int, int, int]]:
    """Token opcodes with a guard against quadratic blow-up on long, very different texts.

    `a` and `b` are the keys compared; `raw_a` and `raw_b` (default: the same) the tokens as written,
    whose line breaks cut the texts into sentences for the coarse pass.
    """
    if not a or not b:
        if a or b:
            return [("delete" if a else "insert", 0, len(a), 0, len(b))]
        return []
    if len(a) * len(b) <= max_cells:
        return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # Coarse pass: sentences. Tokens are joined back so each sentence is one hashable unit.
    sa, ia = _chunk(a, raw_a or a)
    sb, ib = _chunk(b, raw_b or b)
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


def _chunk(tokens: Sequence[str], raw: Sequence[str]) -> tuple[list[str], list[int]]:
    """Group tokens into sentences; return the sentences and token offsets (with a final sentinel)."""
    # A token ends a sentence when it is closing punctuation or whitespace holding a line break.
    ends = [k + 1 for k, t in enumerate(raw) if t[-1] in ".;!?:" or "\n" in t]
    if not ends or ends[-1] != len(tokens):
        ends.append(len(tokens))
    starts = [0, *ends]
    sentences = ["\x1f".join(tokens[a:b]) for a, b in zip(starts, ends, strict=False)]
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
    a, b = tokens(old), tokens(new)
    # Tokens are compared without the whitespace before them: a line break where a space was (a
    # paragraph split, a run-in title made a heading) changes no word, so it must not break a match.
    ka, kb = _keys(a), _keys(b)
    # Common prefix and suffix are cheap to strip and keep the matcher's input small.
    p = 0
    lim = min(len(a), len(b))
    while p < lim and ka[p] == kb[p]:
        p += 1
    s = 0
    while s < lim - p and ka[-1 - s] == kb[-1 - s]:
        s += 1
    ops: list[tuple[str, int, int, int, int]] = []
    if p:
        ops.append(("equal", 0, p, 0, p))
    if budget is not None:
        # Charge what the matcher will really compare: the middle left after prefix and suffix.
        if budget[0] <= 0:
            max_cells = 0
        budget[0] -= min((len(a) - p - s) * (len(b) - p - s), max_cells)
    mid_a, mid_b = slice(p, len(a) - s), slice(p, len(b) - s)
    for op, i1, i2, j1, j2 in _opcodes(ka[mid_a], kb[mid_b], max_cells, a[mid_a], b[mid_b]):
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
