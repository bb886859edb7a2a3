"""A latency-bound cycle against its politeness floor: this tree and a baseline tree, alternately.

N documents of the local corpus over S sites (one request at a time per site), each answering after
`--latency` seconds; tosdiff at its default settings except host_delay = 0. The floor is the largest,
over sites, of pages per site x latency. Each tree checks once to prime its own database, then the
unchanged cycle runs `--repeat` times per tree in alternating order; the median wall is kept.

Run: python bench/bench_floor.py --baseline DIR [--docs 200 --sites 40 --latency 1.0]
(DIR: a checkout of the baseline, e.g. `git worktree add /tmp/base main` or a `git archive` of it)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import Corpus, CorpusDataMissing, byte_compile, load_groups, run_measured, tosdiff_config  # noqa: E402


def main() -> int:
    """Run both trees on one corpus; print each one's median wall against the floor."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="root of the baseline tree")
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--sites", type=int, default=40)
    ap.add_argument("--latency", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        groups = load_groups()
    except CorpusDataMissing as e:
        print(f"skipped: {e}")
        return 0
    trees = {"baseline": args.baseline.resolve(), "this tree": ROOT}
    for root in trees.values():
        byte_compile(root / "tosdiff")
    docs = range(args.docs)
    with (
        tempfile.TemporaryDirectory(prefix="tosdiff-floor-") as tmp,
        Corpus(args.docs, args.sites, groups=groups) as c,
    ):
        cmds: dict[str, tuple[list[str], dict[str, str], Path]] = {}
        for i, (name, root) in enumerate(trees.items()):
            db, cfg = Path(tmp) / f"{i}.db", Path(tmp) / f"{i}.toml"
            cfg.write_text(tosdiff_config(c, docs, db, workers=None, host_delay=0.0), encoding="utf-8")
            cmd = [sys.executable, "-m", "tosdiff", "--config", str(cfg), "check", "--json"]
            # cwd is the tree's root too: `python -m` puts the working directory first on sys.path.
            cmds[name] = (cmd, dict(os.environ, PYTHONPATH=str(root)), root)
            run_measured(cmd, env=cmds[name][1], cwd=root)  # the first check, without latency
        c.set_latency(args.latency)
        floor = c.floor(docs)
        walls: dict[str, list[float]] = {name: [] for name in trees}
        for rep in range(args.repeat):
            for name in list(trees) if rep % 2 == 0 else list(trees)[::-1]:
                c.reset_counters()
                cmd, env, cwd = cmds[name]
                r = run_measured(cmd, env=env, cwd=cwd)
                walls[name].append(round(float(r["wall"]), 2))  # type: ignore[arg-type]
                print(
                    f"{name:<10} wall {walls[name][-1]} s  cpu {float(r['cpu']):.2f} s  "  # type: ignore[arg-type]
                    f"max/host {c.totals()['max_per_host_concurrency']}",
                    flush=True,
                )
    print(f"\n{args.docs} documents on {args.sites} sites, {args.latency} s latency: floor {floor} s")
    for name, w in walls.items():
        m = statistics.median(w)
        print(f"{name:<10} median {m} s = {m / floor:.2f}x the floor (runs {w})")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
