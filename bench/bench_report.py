"""Benchmark: `tosdiff report` on real terms, against the diffs it cannot avoid, measured in the same run.

Documents are the 50 real terms of service of CLAUDETTE ToS-50 (../shared/data). Each gets three
versions stored in a fresh database: the original, then two deterministic edits (a few sentences
reworded, an AI-training licence sentence added to one paragraph, one paragraph removed). The
baseline is the section diff of every consecutive pair (what `tosdiff diff` computes per change);
the report adds flags on every change, clause histories, HTML pages and Atom feeds.

Run from the project root: ``python bench/bench_report.py [--docs 50]``.

``--hostile N[,N...]`` instead times the report of one hostile document: N tiny sections, every one
reworded in a second version (no shared data needed). Linear building takes about twice as long at
twice N; the old quadratic one took four times as long.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosdiff.diff import diff_texts  # noqa: E402
from tosdiff.report import build_report  # noqa: E402
from tosdiff.store import Store  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "claudette-tos50" / "OriginalTaggedDocuments"
SEED = 20230807
AI_SENTENCE = (
    " You grant us a perpetual, worldwide, royalty-free, sublicensable licence to use your content "
    "for machine learning and artificial intelligence training."
)


def to_text(raw: str) -> str:
    """CLAUDETTE's tagged text -> tosdiff's normalised text (tags removed, '* ' headings as '## ')."""
    raw = re.sub(r"</?[a-z]+\d?>", "", raw)
    blocks = []
    for line in raw.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        blocks.append("## " + line[2:] if line.startswith("* ") else line)
    return "\n\n".join(blocks) + "\n"


def edit(text: str, rng: random.Random) -> str:
    """A realistic next version: a few words changed, an AI-training sentence added, a paragraph removed."""
    blocks = text.split("\n\n")
    paras = [i for i, b in enumerate(blocks) if not b.startswith("#") and len(b) > 80]
    if not paras:
        return text + "\nNew clause added." + AI_SENTENCE + "\n"
    for i in rng.sample(paras, min(3, len(paras))):
        words = blocks[i].split(" ")
        k = rng.randrange(len(words))
        words[k] = "materially" if words[k] != "materially" else "reasonably"
        blocks[i] = " ".join(words)
    blocks[rng.choice(paras)] += AI_SENTENCE
    if len(paras) > 4:
        del blocks[rng.choice(paras[2:])]
    return "\n\n".join(b.rstrip("\n") for b in blocks) + "\n"


def hostile(sizes: list[int]) -> int:
    """Time the report of one document of N tiny sections, all reworded, for each N; print figures."""
    previous: tuple[int, float] | None = None
    for n in sizes:
        texts = [
            "\n\n".join(f"## {i}. Part {i}\n\nClause {i} says {word}." for i in range(1, n + 1)) + "\n"
            for word in ("yes", "no")
        ]
        with tempfile.TemporaryDirectory(prefix="tosdiff-bench-report-") as tmp:
            store = Store(Path(tmp) / "tosdiff.db")
            with store.transaction():
                store.upsert_document("hostile", "https://example.org/terms", "", "", "")
                for k, t in enumerate(texts):
                    store.add_version(
                        "hostile",
                        t,
                        snapshot_id=None,
                        extractor_version="bench",
                        fingerprint="bench",
                        kind="new" if k == 0 else "changed",
                    )
            t0 = time.perf_counter()
            summary = build_report(store, Path(tmp) / "site")
            took = time.perf_counter() - t0
            store.close()
        growth = ""
        if previous:
            growth = f", x{took / previous[1]:.1f} time for x{n / previous[0]:.1f} sections"
        print(f"hostile document, {n} tiny sections all changed: {took:.2f} s, {summary.pages} pages{growth}")
        previous = (n, took)
    return 0


def main() -> int:
    """Build the database, time the baseline and the report, print figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--hostile", default="", help="sizes N,N,...: time one document of N tiny sections")
    args = parser.parse_args()
    if args.hostile:
        return hostile([int(x) for x in args.hostile.split(",")])
    if not DATA.exists():
        print(f"shared data not available: {DATA}", file=sys.stderr)
        return 1
    rng = random.Random(SEED)
    files = sorted(DATA.glob("*.xml"))[: args.docs]
    with tempfile.TemporaryDirectory(prefix="tosdiff-bench-report-") as tmp:
        store = Store(Path(tmp) / "tosdiff.db")
        texts: dict[str, list[str]] = {}
        with store.transaction():
            for f in files:
                name = re.sub(r"[^A-Za-z0-9._-]+", "-", f.stem)[:60] or "doc"
                v1 = to_text(f.read_text(encoding="utf-8", errors="replace"))
                v2 = edit(v1, rng)
                v3 = edit(v2, rng)
                texts[name] = [v1, v2, v3]
                store.upsert_document(
                    name, f"https://example.org/{name}/terms", name, f"{name} Terms", "Terms"
                )
                for n, t in enumerate((v1, v2, v3)):
                    store.add_version(
                        name,
                        t,
                        snapshot_id=None,
                        extractor_version="bench",
                        fingerprint="bench",
                        kind="new" if n == 0 else "changed",
                    )
        chars = sum(len(t) for vs in texts.values() for t in vs)
        t0 = time.perf_counter()
        for vs in texts.values():
            for a, b in zip(vs, vs[1:], strict=False):
                diff_texts(a, b)
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        summary = build_report(store, Path(tmp) / "site")
        report = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in (Path(tmp) / "site").rglob("*") if p.is_file())
        store.close()
    versions = summary.versions
    print(
        f"documents: {summary.documents}, versions: {versions}, text: {chars / 1e6:.1f} MB, pages written: {summary.pages}"
    )
    print(f"baseline (section diffs of every change): {baseline:.2f} s")
    print(
        f"tosdiff report (diffs + flags + clause histories + HTML + Atom): {report:.2f} s "
        f"({report / versions * 1000:.0f} ms per version, site {size / 1e6:.1f} MB)"
    )
    print(f"ratio report / baseline: {report / baseline:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
