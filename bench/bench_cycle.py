"""One check cycle of this tree's tosdiff against a baseline tree (default: git ref `main`), same run.

The cycle rows of bench_peer.py without urlwatch, so a change can be measured in a minute or two:
each tree runs `python -m tosdiff check` as a real subprocess (wall, own CPU including its pool
processes, and peak RSS from os.wait4) against its own database on the same local corpus (real
terms pages, per-request nonce, CSS selectors), first with no latency (CPU per document), then with
per-response latency (wall time, the most simultaneous requests one site saw). Runs alternate
between the trees so noise from neighbours hits both alike.

The baseline tree is `git archive REF` unpacked into a temp dir (nothing in the worktree is touched).

Run: python bench/bench_cycle.py [--docs 200 --hosts 20 --latency 0.3 --baseline main --repeat 2]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
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


def unpack(ref: str, dest: Path) -> Path:
    """Unpack `git archive ref` into dest; return dest."""
    data = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def run_cycle(src: Path, cfg: Path, corpus: Corpus, n: int) -> dict[str, float]:
    """One `tosdiff check` with the code of `src`; figures of the run."""
    env = dict(os.environ, PYTHONPATH=str(src))
    corpus.reset_counters()
    r = run_measured(
        [sys.executable, "-m", "tosdiff", "--config", str(cfg), "check", "--json"], env=env, cwd=src
    )
    if r["rc"] not in (0, 1, 3):
        raise SystemExit(f"tosdiff check failed (exit {r['rc']}): {str(r['stderr'])[-2000:]}")
    statuses: dict[str, int] = {}
    for item in json.loads(str(r["stdout"]))["documents"]:
        statuses[item["status"]] = statuses.get(item["status"], 0) + 1
    return {
        "wall_s": round(float(r["wall"]), 2),  # type: ignore[arg-type]
        "cpu_ms_per_doc": round(float(r["cpu"]) * 1000 / n, 2),  # type: ignore[arg-type]
        "peak_rss_mb": round(float(r["maxrss_mb"]), 1),  # type: ignore[arg-type]
        "max_per_host": corpus.totals()["max_per_host_concurrency"],
        "statuses": statuses,  # type: ignore[dict-item]
    }


def main() -> int:
    """Run the cycle benchmark and print current / baseline figures and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--workers", type=int, default=32)
    ap.add_argument("--baseline", default="main", help="git ref of the baseline tree")
    ap.add_argument("--repeat", type=int, default=1, help="unchanged cycles per scenario (best kept)")
    ap.add_argument("--no-latency-rows", action="store_true", help="skip the (a) latency rows")
    ap.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="N",
        help="also run this tree with [fetch] processes = N (extraction in N worker processes)",
    )
    args = ap.parse_args()
    try:
        groups = load_groups()
    except CorpusDataMissing as e:
        print(f"skipped: {e}")
        return 0
    with tempfile.TemporaryDirectory(prefix="tosdiff-cycle-") as tmp:
        work = Path(tmp)
        trees = {"current": ROOT, "baseline": unpack(args.baseline, work / "baseline")}
        for src in set(trees.values()):
            byte_compile(src / "tosdiff")
        # Extra [fetch] keys per tree: only this tree's code knows `processes` (a baseline from before
        # it would reject the key), so the baseline runs with its own defaults.
        fetch_keys: dict[str, str] = {"current": "", "baseline": ""}
        if args.processes:
            trees["processes"] = ROOT
            fetch_keys["processes"] = f"processes = {args.processes}\n"
        docs = range(args.docs)
        rows: dict[str, dict[str, dict[str, float]]] = {}
        with Corpus(args.docs, args.hosts, groups=groups, nonce=True) as corpus:
            cfgs = {}
            for name in trees:
                cfgs[name] = work / f"{name}.toml"
                text = tosdiff_config(corpus, docs, work / f"{name}.db", workers=args.workers, host_delay=0.0)
                cfgs[name].write_text(
                    text.replace("[fetch]\n", "[fetch]\n" + fetch_keys[name], 1), encoding="utf-8"
                )
            scenarios = [("prime (first check)", 0.0, 1), ("b) no latency, unchanged", 0.0, args.repeat)]
            if not args.no_latency_rows:
                scenarios.append(
                    (f"a) {args.latency * 1000:.0f} ms latency, unchanged", args.latency, args.repeat)
                )
            for label, latency, repeat in scenarios:
                corpus.set_latency(latency)
                rows[label] = {}
                for _ in range(repeat):
                    for name, src in trees.items():
                        res = run_cycle(src, cfgs[name], corpus, args.docs)
                        print(f"  {label:<28} {name:<8} {res}", flush=True)
                        best = rows[label].get(name)
                        if best is None or res["wall_s"] + res["cpu_ms_per_doc"] < (
                            best["wall_s"] + best["cpu_ms_per_doc"]
                        ):
                            rows[label][name] = res
    print(
        f"\n{args.docs} documents on {args.hosts} sites, workers = {args.workers}, baseline = {args.baseline}"
    )
    others = [t for t in trees if t != "baseline"]
    print(
        "| figure | "
        + " | ".join(others)
        + " | baseline | "
        + " | ".join(f"{t} / baseline" for t in others)
        + " |"
    )
    print("| --- |" + " ---: |" * (2 * len(others) + 1))
    for label, by in rows.items():
        b = by["baseline"]
        for key, unit in (
            ("wall_s", " s"),
            ("cpu_ms_per_doc", " ms"),
            ("peak_rss_mb", " MB"),
            ("max_per_host", ""),
        ):
            vals = " | ".join(f"{by[t][key]}{unit}" for t in others)
            ratios = " | ".join(f"{by[t][key] / b[key]:.2f}" if b[key] else "n/a" for t in others)
            print(f"| {label}: {key} | {vals} | {b[key]}{unit} | {ratios} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
