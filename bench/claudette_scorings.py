"""Score one tosdiff tree's CLAUDETTE flags on the newer English terms in every way issue 14's figures
could have been made (README, "How well the flags hold", issue 14's figures).

Issue 14 reported mean F1 .80, arbitration .52, liability .77 on CLAUDETTE 2018-2020 for the release
before commit 2f73c76. To see which scoring gives such numbers, check that release out and point
this script at it (its flags and its sentence splitter are used; the units come from this tree's
bench/claudette.py):

    git archive 2f73c76^ | tar -x -C /tmp/old && python bench/claudette_scorings.py --tree /tmp/old

Without --tree it scores this tree. --held keeps to the 9 held-out companies (default: all 28).
Data credit: CLAUDETTE 2018-2020 (Galassi et al. 2024), CC BY 4.0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

BENCH = Path(__file__).resolve().parent

# A unit: its sentences, its degree per category (2-3 unfair), whether any tag labels it.
UnitRow = tuple[list[str], dict[str, int], bool]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    """Print mean / arbitration / liability F1 of model + rules (and the model alone) per scoring."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path, default=BENCH.parent, help="a tosdiff checkout to score")
    ap.add_argument("--held", action="store_true", help="the 9 held-out companies only")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(0, str(BENCH))
    import claudette as cl

    from tosdiff.flags import flag_sentence_categories
    from tosdiff.flags.classifier import default_model
    from tosdiff.flags.text import split_sentences

    if not cl.DATA_2020.exists():
        print(f"{cl.DATA_2020} not found: skipped")
        return 0
    model = default_model()
    cats = list(cl.CODES.values())
    companies = cl.split_2020()[1] if args.held else cl.companies_2020()

    def tagged_doc(company: str) -> tuple[str, list[tuple[int, int, str, int]]]:
        return cl.parse_tagged((cl.DATA_2020 / f"{company}.xml").read_text(encoding="utf-8"))

    def sentence_units(company: str) -> list[UnitRow]:
        """Every sentence tosdiff splits is a unit, labelled by the tags over half of it."""
        plain, spans = tagged_doc(company)
        out = []
        for a, b, s in cl.sentence_offsets(plain, split_sentences):
            hit = [(cat, d) for s0, s1, cat, d in spans if a < s1 and b > s0 and cl._labelled(a, b, s0, s1)]
            deg: dict[str, int] = {}
            for cat, d in hit:
                if cat:
                    deg[cat] = max(deg.get(cat, 0), d)
            out.append(([s], deg, bool(hit)))
        return out

    def clause_units(company: str) -> list[UnitRow]:
        """One unit per tagged clause (bench/claudette.py, our scoring) and per untagged sentence."""
        units = cl.document_units(
            company, (cl.DATA_2020 / f"{company}.xml").read_text(encoding="utf-8"), split_sentences
        )
        return [(list(u.sentences), {k: v for k, v in u.degrees.items() if v}, u.tagged) for u in units]

    def span_units(company: str, rest: str) -> list[UnitRow]:
        """CLAUDETTE's clauses (tagged spans, overlaps merged) as units; the rest split or one a line."""
        plain, spans = tagged_doc(company)
        merged: list[list[int]] = []
        for s0, s1 in sorted((s0, s1) for s0, s1, _, _ in spans):
            if merged and s0 < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], s1)
            else:
                merged.append([s0, s1])
        out: list[UnitRow] = []

        def untagged(text: str) -> None:
            parts = split_sentences(text) if rest == "split" else [x.strip() for x in text.splitlines()]
            out.extend(([p], {}, False) for p in parts if p)

        pos = 0
        for s0, s1 in merged:
            untagged(plain[pos:s0])
            deg: dict[str, int] = {}
            for a, b, cat, d in spans:
                if a >= s0 and b <= s1 and cat:
                    deg[cat] = max(deg.get(cat, 0), d)
            out.append(([" ".join(plain[s0:s1].split())], deg, True))
            pos = s1
        untagged(plain[pos:])
        return out

    def line_units(company: str) -> list[UnitRow]:
        """Paragraphs (the documents' lines) as units."""
        plain, spans = tagged_doc(company)
        out, offset = [], 0
        for line in plain.splitlines(keepends=True):
            a, b = offset, offset + len(line)
            offset = b
            if line.strip():
                deg: dict[str, int] = {}
                hit = [(cat, d) for s0, s1, cat, d in spans if a < s1 and b > s0]
                for cat, d in hit:
                    if cat:
                        deg[cat] = max(deg.get(cat, 0), d)
                out.append(([line.strip()], deg, bool(hit)))
        return out

    def flags_of(fn: Callable[[str], Iterable[str]], unit: UnitRow) -> set[str]:
        return {c for s in unit[0] for c in fn(s)}

    pipeline = lambda s: flag_sentence_categories(s)  # noqa: E731
    alone = lambda s: model.predict(s) if model else []  # noqa: E731

    def scores(
        units: dict[str, list[UnitRow]], fn, mindeg: int = 2, keep=lambda u: True, per_doc: bool = False
    ):
        """(mean of the eight, micro, arbitration, liability) F1."""
        counts: dict[str, list[list[int]]] = {c: [] for c in cats}
        for rows in units.values():
            doc = {c: [0, 0, 0] for c in cats}
            for u in rows:
                if not keep(u):
                    continue
                got = flags_of(fn, u)
                for c in cats:
                    g, p = u[1].get(c, 0) >= mindeg, c in got
                    doc[c][0 if g and p else 1 if p else 2] += g or p
            for c in cats:
                counts[c].append(doc[c])
        if per_doc:  # F1 per document that has the category (tagged), averaged over those documents
            f = {c: [_f1(*x) for x in counts[c] if x[0] + x[2]] for c in cats}
            f1s = {c: sum(v) / len(v) if v else 0.0 for c, v in f.items()}
        else:
            f1s = {c: _f1(*map(sum, zip(*counts[c], strict=True))) for c in cats}
        tot = [sum(x[i] for c in cats for x in counts[c]) for i in range(3)]
        return sum(f1s.values()) / len(cats), _f1(*tot), f1s["arbitration"], f1s["liability"]

    by = {
        name: {c: make(c) for c in companies}
        for name, make in (
            ("sentences", sentence_units),
            ("clauses", clause_units),
            ("spans+split", lambda c: span_units(c, "split")),
            ("spans+lines", lambda c: span_units(c, "lines")),
            ("lines", line_units),
        )
    }
    unfair = lambda u: any(d >= 2 for d in u[1].values())  # noqa: E731
    rows = [
        ("every sentence tosdiff splits, degrees 2-3", scores(by["sentences"], pipeline)),
        ("one unit per tagged clause (our scoring)", scores(by["clauses"], pipeline)),
        ("  same, degrees 1-3", scores(by["clauses"], pipeline, mindeg=1)),
        ("CLAUDETTE's clauses, the rest split", scores(by["spans+split"], pipeline)),
        ("CLAUDETTE's clauses, the rest one unit a line", scores(by["spans+lines"], pipeline)),
        ("paragraphs (lines) as units", scores(by["lines"], pipeline)),
        ("F1 per document (with the category), averaged", scores(by["clauses"], pipeline, per_doc=True)),
        ("the model alone, one unit per tagged clause", scores(by["clauses"], alone)),
        ("tagged clauses only (any degree, pinc too)", scores(by["clauses"], pipeline, keep=lambda u: u[2])),
        ("clauses tagged unfair only", scores(by["clauses"], pipeline, keep=unfair)),
    ]
    print(
        f"{args.tree}: {len(companies)} companies of CLAUDETTE 2018-2020 (English), model + rules unless said"
    )
    print(f"{'scoring':50} {'mean':>6} {'micro':>6} {'arbitr.':>7} {'liab.':>6}")
    for name, (mean, micro, arb, ltd) in rows:
        print(f"{name:50} {mean:6.3f} {micro:6.3f} {arb:7.3f} {ltd:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
