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

``--scale N`` times the commands at N documents (issue 17): a store of N small documents, two versions
each (no shared data needed), then the CPU of `tosdiff report` (a first build and a second with nothing
new), `status` and `list` as subprocesses, for this tree and for a baseline tree given with
``--baseline-tree DIR`` (e.g. the main checkout), in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
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


SCALE_TEXT = (
    "## 1. Acceptance\n\nBy using the {name} service you accept these terms and our privacy policy.\n\n"
    "## 2. Your content\n\nYou keep the rights to the content you post; you grant us a licence to host it.\n\n"
    "## 3. Liability\n\nTo the extent permitted by law we are not liable for indirect damages.\n\n"
    "## 4. Changes\n\nWe may change these terms and will tell you {days} days before they apply.\n"
)


def _cpu(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    """User+system CPU seconds of one subprocess (its children included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env={**os.environ, "COLUMNS": "100"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}: {proc.stderr[-2000:]}")
    return cpu, proc


def scale(n: int, baseline_tree: Path | None) -> int:
    """Time report (first and second build), status and list at `n` documents; print figures."""
    with tempfile.TemporaryDirectory(prefix="tosdiff-bench-scale-") as tmp:
        folder = Path(tmp)
        store = Store(folder / "db" / "tosdiff.db")
        lines = ["[storage]", 'path = "db/tosdiff.db"', ""]
        with store.transaction():
            for i in range(n):
                name = f"doc-{i:05d}"
                url = f"https://site{i % 1000}.example/{name}"
                lines += ["[[documents]]", f'name = "{name}"', f'url = "{url}"', ""]
                store.upsert_document(name, url, f"Service {i}", f"Terms {i}", "Terms")
                for k, days in enumerate((30, 60)):
                    store.add_version(
                        name,
                        SCALE_TEXT.format(name=name, days=days),
                        snapshot_id=None,
                        extractor_version="bench",
                        fingerprint="bench",
                        kind="new" if k == 0 else "changed",
                    )
        store.close()
        config = folder / "tosdiff.toml"
        config.write_text("\n".join(lines), encoding="utf-8")
        trees = [("this tree", ROOT)] + ([("baseline", baseline_tree)] if baseline_tree else [])
        print(f"{n} documents, 2 versions each; CPU seconds (user+system) of each command")
        for label, tree in trees:
            cli = [sys.executable, "-m", "tosdiff", "--config", str(config)]
            site = folder / f"site-{label.replace(' ', '-')}"
            first, out = _cpu([*cli, "report", "--out", str(site)], tree)
            second, out2 = _cpu([*cli, "report", "--out", str(site)], tree)
            status, _ = _cpu([*cli, "status"], tree)
            listed, _ = _cpu([*cli, "list"], tree)
            print(
                f"  {label:10} report first {first:6.2f}  report again {second:6.2f}  "
                f"status {status:5.2f}  list {listed:5.2f}   ({out2.stdout.strip()[:60]})"
            )
    return 0


def main() -> int:
    """Build the database, time the baseline and the report, print figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--hostile", default="", help="sizes N,N,...: time one document of N tiny sections")
    parser.add_argument("--scale", type=int, default=0, help="N: time report, status and list at N documents")
    parser.add_argument("--baseline-tree", type=Path, help="a checkout to time the same commands with")
    args = parser.parse_args()
    if args.scale:
        return scale(args.scale, args.baseline_tree)
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
