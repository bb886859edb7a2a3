"""Running unattended at scale: a cycle against its politeness floor, peak memory, database growth, and
how long `status`, `list` and `report` take, at 10,000 documents on 1,000 local sites.

Documents from the local corpus (real terms pages, 80-235 KB each, a per-request nonce) are spread
evenly over the sites, each site answering after `--latency` seconds, tosdiff at its default settings
except host_delay = 0 (fetch threads sized from the run; one request at a time per host still holds).
Each cycle is a real `python -m tosdiff check` subprocess: wall time, CPU (process and children) and
peak RSS summed over its processes, from /proc.

Two sizes run against each other in the same run: the base (`--base-docs` on a tenth of the sites, the
same pages per site) and the full size. Each: a first check, a cycle with 5% of the documents really
changed, an unchanged cycle. The floor of a cycle is the largest, over sites, of pages per site x
latency: no polite tool can check faster. Then, on the full database, `status`, `list` (text and
--json), `report --out DIR` (a first build) and `report --out DIR` again (nothing new: incremental)
are timed.

`--baseline-tree DIR` runs another checkout's tosdiff (say main before a change) through the same
cycles, each right after this tree's on the same corpus state, on a database of its own: before and
after in one run. `--env KEY=VALUE` (repeatable) sets a variable for every tosdiff process (for
example MALLOC_ARENA_MAX=2). `--window` runs each check with --verbose and adds its fetch window line
(the most documents in flight, threads started, pages ever waiting for extraction) to its row.

Run: python bench/bench_scale.py [--docs 10000 --sites 1000 --base-docs 1000] [--quick]
        [--baseline-tree DIR] [--env KEY=VALUE] [--no-commands] [--window]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import (  # noqa: E402
    Corpus,
    CorpusDataMissing,
    byte_compile,
    load_groups,
    run_measured,
    tosdiff_config,
)

OUT = ROOT / "bench" / "out"


def _db_mb(db: Path) -> float:
    return round(sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20, 1)


EXTRA_ENV: dict[str, str] = {}
WINDOW = {"log": False}  # --window: each check runs with --verbose, its fetch window line is kept


def _tosdiff(cfg: Path, *args: str, tree: Path = ROOT) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(tree), **EXTRA_ENV)
    return run_measured([sys.executable, "-m", "tosdiff", "--config", str(cfg), *args], env=env, cwd=tree)


def cycle(
    corpus: Corpus, docs: range, cfg: Path, db: Path, label: str, tree: Path = ROOT
) -> dict[str, object]:
    """One `tosdiff check` over `docs`; its figures against the cycle's floor."""
    corpus.reset_counters()
    before = _db_mb(db) if db.exists() else 0.0
    r = _tosdiff(cfg, "check", "--json", *(["--verbose"] if WINDOW["log"] else []), tree=tree)
    if r["rc"] not in (0, 1, 3):
        raise SystemExit(f"tosdiff check failed (exit {r['rc']}): {str(r['stderr'])[-2000:]}")
    statuses: dict[str, int] = {}
    for item in json.loads(str(r["stdout"]))["documents"]:
        statuses[item["status"]] = statuses.get(item["status"], 0) + 1
    wall, cpu = float(r["wall"]), float(r["cpu"])  # type: ignore[arg-type]
    floor = corpus.floor(docs)
    after = _db_mb(db)
    return {
        "tree": "baseline" if tree != ROOT else "this",
        "docs": len(docs),
        "sites": len({corpus.host_of(d) for d in docs}),
        "cycle": label,
        "wall_s": round(wall, 2),
        "floor_s": round(floor, 2),
        "wall_over_floor": round(wall / floor, 2) if floor else None,
        "cpu_s": round(cpu, 2),
        "cpu_ms_per_doc": round(cpu * 1000 / len(docs), 2),
        "peak_rss_mb": round(float(r["maxrss_mb"]), 1),  # type: ignore[arg-type]
        "statuses": statuses,
        "max_per_host_concurrency": corpus.totals()["max_per_host_concurrency"],
        "db_mb": after,
        "db_growth_mb": round(after - before, 1),
        **_window_line(str(r["stderr"])),
    }


def _window_line(stderr: str) -> dict[str, object]:
    # The runner's "fetch window: at most N of CAP documents in flight ..., T fetch threads, at most W
    # pages waiting" line (absent from a tree that logs none, or without --window).
    m = re.search(
        r"fetch window: at most (\d+) of (\d+) .*?, (\d+) fetch threads, at most (\d+) pages", stderr
    )
    if not m:
        return {}
    return {"in_flight": int(m[1]), "cap": int(m[2]), "threads": int(m[3]), "most_waiting": int(m[4])}


def commands(cfg: Path, work: Path, tree: Path = ROOT) -> list[dict[str, object]]:
    """Time the read commands on a full database."""
    rows = []
    site = str(work / f"site-{'baseline' if tree != ROOT else 'this'}")
    for args in (
        ["status"],
        ["status", "--json"],
        ["list"],
        ["list", "--json"],
        ["report", "--out", site],
        ["report", "--out", site],
    ):
        r = _tosdiff(cfg, *args, tree=tree)
        again = any(c["command"] == "report --out DIR" for c in rows) and args[0] == "report"
        rows.append(
            {
                "tree": "baseline" if tree != ROOT else "this",
                "command": " ".join(a if not a.startswith("/") else "DIR" for a in args)
                + (" (again)" if again else ""),
                "rc": r["rc"],
                "wall_s": round(float(r["wall"]), 2),  # type: ignore[arg-type]
                "cpu_s": round(float(r["cpu"]), 2),  # type: ignore[arg-type]
                "peak_rss_mb": round(float(r["maxrss_mb"]), 1),  # type: ignore[arg-type]
                "output_kb": round(len(str(r["stdout"])) / 1024, 1),
            }
        )
        print(rows[-1], flush=True)
    return rows


def run_size(
    corpus: Corpus, n: int, work: Path, rng: random.Random, tag: str, trees: list[Path]
) -> list[dict[str, object]]:
    """First check, 5% changed, unchanged: three cycles over the first `n` documents, for each tree."""
    docs = range(n)
    setups = []
    for k, tree in enumerate(trees):
        db, cfg = work / f"{tag}-{k}.db", work / f"{tag}-{k}.toml"
        cfg.write_text(tosdiff_config(corpus, docs, db, workers=None, host_delay=0.0), encoding="utf-8")
        setups.append((tree, db, cfg))
    rows = []
    for label in ("first", "5% changed", "unchanged"):
        if label == "5% changed":
            corpus.advance(rng.sample(list(docs), max(1, n // 20)))
        for tree, db, cfg in setups:
            rows.append(cycle(corpus, docs, cfg, db, label, tree))
            print(rows[-1], flush=True)
    return rows


def main() -> int:
    """Run the scale benchmark, print tables and write bench/out/scale.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--sites", type=int, default=1000)
    ap.add_argument("--base-docs", type=int, default=1000, help="the base size, on sites x base/docs sites")
    ap.add_argument("--latency", type=float, default=0.2, help="seconds each site takes to answer")
    ap.add_argument("--quick", action="store_true", help="1,000 documents on 100 sites against 100 on 10")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument(
        "--baseline-tree", type=Path, help="another checkout's tosdiff, run through the same cycles"
    )
    ap.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE", help="set for every tosdiff run"
    )
    ap.add_argument(
        "--no-commands", action="store_true", help="cycles only: skip timing status, list and report"
    )
    ap.add_argument(
        "--window", action="store_true", help="log each check's fetch window (--verbose): in flight, threads"
    )
    args = ap.parse_args()
    WINDOW["log"] = args.window
    for item in args.env:
        key, sep, value = item.partition("=")
        if not sep or not key:
            ap.error(f"--env {item!r}: expected KEY=VALUE")
        EXTRA_ENV[key] = value
    trees = [ROOT] + ([args.baseline_tree.resolve()] if args.baseline_tree else [])
    for tree in trees[1:]:
        if not (tree / "tosdiff" / "__init__.py").is_file():
            ap.error(f"--baseline-tree {tree}: no tosdiff package there")
        byte_compile(tree / "tosdiff")
    if args.quick:
        args.docs, args.sites, args.base_docs = 1000, 100, 100
    byte_compile(ROOT / "tosdiff")
    try:
        groups = load_groups()
    except CorpusDataMissing as e:
        print(f"skipped: {e}")
        return 0
    per_site = max(1, args.docs // args.sites)
    # Document i lives on site i // per_site: the base size's documents fill the first sites the same way.
    with (
        tempfile.TemporaryDirectory(prefix="tosdiff-scale-") as tmp,
        Corpus(
            args.docs, args.sites, latency=args.latency, host_of=lambda i: i // per_site, groups=groups
        ) as corpus,
    ):
        work = Path(tmp)
        rng = random.Random(args.seed)
        sizes = [len(corpus.page(i)) for i in range(0, args.docs, max(1, args.docs // 50))]
        print(
            f"{args.docs} documents (mean page {sum(sizes) / len(sizes) / 1024:.0f} KB) on {args.sites} sites, "
            f"{per_site} per site, {args.latency * 1000:.0f} ms latency; base {args.base_docs}; host_delay = 0",
            flush=True,
        )
        rows = run_size(corpus, args.base_docs, work, rng, "base", trees)
        rows += run_size(corpus, args.docs, work, rng, "full", trees)
        cmds = [
            c
            for k, tree in enumerate(trees)
            if not args.no_commands
            for c in commands(work / f"full-{k}.toml", work, tree)
        ]
    print()
    print(
        "| tree | docs | sites | cycle | wall s | floor s | wall / floor | CPU s | CPU ms/doc | peak RSS MB | max/host "
        "| DB MB | DB growth MB |\n| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for r in rows:
        print(
            f"| {r['tree']} | {r['docs']} | {r['sites']} | {r['cycle']} | {r['wall_s']} | {r['floor_s']} "
            f"| {r['wall_over_floor']} | {r['cpu_s']} | {r['cpu_ms_per_doc']} | {r['peak_rss_mb']} "
            f"| {r['max_per_host_concurrency']} | {r['db_mb']} | {r['db_growth_mb']} |"
            + (
                f" in flight {r['in_flight']} of {r['cap']}, {r['threads']} threads, {r['most_waiting']} waiting"
                if "in_flight" in r
                else ""
            )
        )
    for tree in ("this", "baseline") if args.baseline_tree else ("this",):
        for cyc in ("first", "5% changed", "unchanged"):
            a = next(
                r for r in rows if r["tree"] == tree and r["docs"] == args.base_docs and r["cycle"] == cyc
            )
            b = next(r for r in rows if r["tree"] == tree and r["docs"] == args.docs and r["cycle"] == cyc)
            ratio = float(b["peak_rss_mb"]) / float(a["peak_rss_mb"])  # type: ignore[arg-type]
            print(
                f"{tree}: peak RSS, {cyc}: {args.docs} vs {args.base_docs} documents: "
                f"{b['peak_rss_mb']} / {a['peak_rss_mb']} MB = {ratio:.2f}x"
            )
    print(
        f"\n| tree | command ({args.docs} documents) | wall s | CPU s | peak RSS MB | output KB |\n"
        "| --- | --- | ---: | ---: | ---: | ---: |"
    )
    for c in cmds:
        print(
            f"| {c['tree']} | `{c['command']}` | {c['wall_s']} | {c['cpu_s']} | {c['peak_rss_mb']} | {c['output_kb']} |"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.json").write_text(
        json.dumps({"args": vars(args), "rows": rows, "commands": cmds}, indent=2, default=str),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
