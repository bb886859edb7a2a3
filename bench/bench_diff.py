"""Benchmark: section-aware diff vs a whole-document difflib word diff, on real-sized terms.

Documents are built deterministically from real terms text (CLAUDETTE ToS-50 in ../shared/data) at
about 100 KB, 300 KB and 1 MB. Version 2 changes about 20 sections: word edits, inserted sentences,
one clause inserted early (which renumbers every later clause), one removed, one moved. The worst
case rewrites every section. The baseline is ``difflib.SequenceMatcher`` over the word tokens of the
whole document (what a line/word diff tool does), run in a child process with a time cap.

Run from the project root: ``python bench/bench_diff.py [--baseline-timeout 60] [--quick]``.
"""

from __future__ import annotations

import argparse
import difflib
import multiprocessing as mp
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosdiff.diff import _tokens, diff_sections  # noqa: E402
from tosdiff.sections import parse_sections  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "claudette-tos50" / "OriginalTaggedDocuments"
SEED = 20230807  # the day Zoom's section 10.4 made the news


def _paragraphs() -> list[str]:
    if not DATA.exists():
        sys.exit(f"real terms not found under {DATA} (shared data folder absent)")
    out: list[str] = []
    for path in sorted(DATA.glob("*.xml")):
        text = re.sub(r"</?[A-Za-z0-9]+>", "", path.read_text(encoding="utf-8"))
        for line in text.splitlines():
            line = " ".join(line.split())
            # Body paragraphs only, without leading numbering (the generator numbers clauses itself).
            line = re.sub(r"^(\(?[0-9a-zA-Z]{1,4}[.)]\s*)+", "", line)
            if len(line) >= 120:
                out.append(line)
    return out


def build_sections(paras: list[str], size: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """A list of (title, paragraphs) clauses totalling about `size` characters."""
    clauses: list[tuple[str, list[str]]] = []
    total = 0
    while total < size:
        body = [rng.choice(paras) for _ in range(rng.randint(1, 4))]
        words = re.findall(r"[A-Za-z]{4,}", body[0])[:3] or ["Clause"]
        title = " ".join(w.capitalize() for w in words)
        clauses.append((title, body))
        total += sum(len(p) + 2 for p in body) + len(title) + 8
    return clauses


def render(clauses: list[tuple[str, list[str]]]) -> str:
    """Markdown per the normalised contract: '## N. Title', sub-clauses 'N.k text'."""
    out = ["# Terms of Service", "", "These terms govern your use of the services."]
    for n, (title, body) in enumerate(clauses, 1):
        out += ["", f"## {n}. {title}", "", body[0]]
        for k, para in enumerate(body[1:], 1):
            out += ["", f"{n}.{k} {para}"]
    return "\n".join(out) + "\n"


def mutate(clauses: list[tuple[str, list[str]]], paras: list[str], rng: random.Random, n_changes: int = 20):
    """About n_changes realistic changes: edits, added sentences, an early insert, a removal, a move."""
    new = [(t, list(b)) for t, b in clauses]
    for idx in rng.sample(range(3, len(new)), n_changes - 3):
        title, body = new[idx]
        k = rng.randrange(len(body))
        words = body[k].split()
        if rng.random() < 0.5 and len(words) > 8:
            pos = rng.randrange(len(words))
            words[pos] = rng.choice(["may", "shall", "will not", "must", "can"])
            body[k] = " ".join(words)
        else:
            body[k] = body[k] + " We may use this content to train our artificial intelligence models."
    new.insert(1, ("Eligibility", [rng.choice(paras)]))  # early insert: renumbers everything after
    del new[len(new) // 2]  # a removal
    moved = new.pop(len(new) // 3)
    new.insert(len(new) - 2, moved)  # a move
    return new


def rewrite_all(clauses: list[tuple[str, list[str]]], rng: random.Random):
    """Worst case: every clause's text replaced by shuffled words (titles kept)."""
    out = []
    for title, body in clauses:
        nb = []
        for para in body:
            w = para.split()
            rng.shuffle(w)
            nb.append(" ".join(w))
        out.append((title, nb))
    return out


def _best(fn, repeat: int) -> tuple[float, float]:
    """Best (wall, CPU) seconds over `repeat` runs; CPU time is the fair figure on a shared machine."""
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def _baseline_child(a: str, b: str, q: mp.Queue) -> None:
    ta, tb = _tokens(a), _tokens(b)
    t, c = time.perf_counter(), time.process_time()
    difflib.SequenceMatcher(None, ta, tb).get_opcodes()
    q.put((time.perf_counter() - t, time.process_time() - c))


def baseline(a: str, b: str, timeout: float) -> tuple[float, float] | None:
    """(wall, CPU) seconds for a whole-document word diff with difflib, or None past the wall timeout."""
    q: mp.Queue = mp.Queue()
    p = mp.Process(target=_baseline_child, args=(a, b, q))
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.terminate()
        p.join()
        return None
    return q.get() if not q.empty() else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline-timeout", type=float, default=60.0)
    ap.add_argument("--quick", action="store_true", help="skip the 1 MB baseline")
    args = ap.parse_args()

    paras = _paragraphs()
    rows = []
    for label, size in (("100 KB", 100_000), ("300 KB", 300_000), ("1 MB", 1_000_000)):
        rng = random.Random(SEED + size)
        clauses = build_sections(paras, size, rng)
        v1 = render(clauses)
        v2 = render(mutate(clauses, paras, rng))
        s1, s2 = parse_sections(v1), parse_sections(v2)
        repeat = 5 if size < 1_000_000 else 3
        t_parse = _best(lambda v1=v1: parse_sections(v1), repeat)
        t_diff = _best(lambda s1=s1, s2=s2: diff_sections(s1, s2), repeat)
        changes = diff_sections(s1, s2)
        kinds: dict[str, int] = {}
        for c in changes:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        t_base = None
        if not (args.quick and size >= 1_000_000):
            t_base = baseline(v1, v2, args.baseline_timeout)
        rows.append((label, len(v1), len(s1), t_parse, t_diff, t_base, kinds))

    worst_rng = random.Random(SEED)
    clauses = build_sections(paras, 1_000_000, worst_rng)
    w1, w2 = render(clauses), render(rewrite_all(clauses, worst_rng))
    ws1, ws2 = parse_sections(w1), parse_sections(w2)
    worst_wall, worst_cpu = _best(lambda: diff_sections(ws1, ws2), 1)
    worst_changes = diff_sections(ws1, ws2)

    def ms(x: float) -> str:
        return f"{x * 1000:.1f}"

    print("times in ms, CPU (wall); the baseline runs alone in a child process")
    print(
        f"{'size':>7} {'chars':>9} {'sects':>5} {'parse 1 version':>16} {'pair+word diff':>16} "
        f"{'difflib whole doc':>19} {'speed-up CPU':>12}  changes found"
    )
    for label, chars, nsec, tp, td, tb, kinds in rows:
        if tb is not None:
            base, ratio = f"{ms(tb[1])} ({ms(tb[0])})", f"{tb[1] / td[1]:.0f}x"
        elif args.quick and chars >= 1_000_000:
            base, ratio = "skipped", "n/a"
        else:
            base, ratio = (
                f">{args.baseline_timeout:.0f} s wall (cap)",
                f">{args.baseline_timeout / td[0]:.0f}x wall",
            )
        print(
            f"{label:>7} {chars:9d} {nsec:5d} {ms(tp[1]) + ' (' + ms(tp[0]) + ')':>16} "
            f"{ms(td[1]) + ' (' + ms(td[0]) + ')':>16} {base:>19} {ratio:>12}  "
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        )
    r100, _r300, r1m = rows
    print(
        f"growth of pair+word diff CPU, 100 KB -> 1 MB: x{r1m[4][1] / r100[4][1]:.1f} for x{r1m[1] / r100[1]:.1f} size"
    )
    print(
        f"worst case, every section rewritten (words shuffled), 1 MB, {len(ws1)} sections: "
        f"pair+word diff {ms(worst_cpu)} ms CPU ({ms(worst_wall)} ms wall), {len(worst_changes)} changes"
    )


if __name__ == "__main__":
    main()
