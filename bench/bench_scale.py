"""Running unattended at scale: documents per second and peak memory of `tosdiff check`.

N documents from the local corpus (real terms pages, 80-235 KB each), half of them on one slow site
(200 ms per response), the rest spread over several fast sites. Each run is a real `python -m tosdiff
check` subprocess against a fresh database; wall time and the child's own peak RSS and CPU come from
os.wait4. host_delay = 0 (politeness still holds: one request at a time per host).

Figures: documents per second and peak RSS at 1, 4 and 16 workers (first check: fetch, extract, store
everything), then a second, nothing-changed cycle at 16 workers; and peak RSS at a quarter of the
documents against all of them, to show whether memory stays flat as the document count grows.

Run: python bench/bench_scale.py [--docs 1000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
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


def check_once(corpus: Corpus, docs: int, workdir: Path, workers: int, fresh: bool) -> dict[str, object]:
    """One `tosdiff check` cycle over the first `docs` documents; return its figures."""
    db = workdir / f"scale-{docs}-{workers}.db"
    cfg = workdir / f"scale-{docs}-{workers}.toml"
    if fresh:
        for p in workdir.glob(db.name + "*"):
            p.unlink()
    cfg.write_text(tosdiff_config(corpus, range(docs), db, workers=workers, host_delay=0.0), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    corpus.reset_counters()
    r = run_measured([sys.executable, "-m", "tosdiff", "--config", str(cfg), "check", "--json"], env=env)
    if r["rc"] not in (0, 3):
        raise SystemExit(f"tosdiff check failed (exit {r['rc']}): {str(r['stderr'])[-2000:]}")
    results = json.loads(str(r["stdout"]))
    statuses: dict[str, int] = {}
    for item in results["documents"]:
        statuses[item["status"]] = statuses.get(item["status"], 0) + 1
    wall = float(r["wall"])  # type: ignore[arg-type]
    totals = corpus.totals()
    return {
        "docs": docs,
        "workers": workers,
        "cycle": "first" if fresh else "unchanged",
        "wall_s": round(wall, 2),
        "docs_per_s": round(docs / wall, 1),
        "cpu_s": round(float(r["cpu"]), 2),  # type: ignore[arg-type]
        "peak_rss_mb": round(float(r["maxrss_mb"]), 1),  # type: ignore[arg-type]
        "statuses": statuses,
        "requests": totals["requests"],
        "max_per_host_concurrency": totals["max_per_host_concurrency"],
        "db_mb": round(sum(p.stat().st_size for p in workdir.glob(db.name + "*")) / 2**20, 1),
    }


def main() -> int:
    """Run the scale benchmark, print a table and write bench/out/scale.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--fast-hosts", type=int, default=8)
    ap.add_argument("--slow-latency", type=float, default=0.2)
    ap.add_argument("--workers", default="1,4,16")
    ap.add_argument("--quick", action="store_true", help="200 documents, 50 ms slow site")
    args = ap.parse_args()
    if args.quick:
        args.docs, args.slow_latency = 200, 0.05
    byte_compile(ROOT / "tosdiff")
    try:
        groups = load_groups()
    except CorpusDataMissing as e:
        print(f"skipped: {e}")
        return 0
    workers = [int(w) for w in args.workers.split(",")]
    fast = args.fast_hosts
    # Site 0 is slow; even documents go there, odd ones round-robin over the fast sites.
    latencies = [args.slow_latency] + [0.0] * fast

    def host_of(i: int) -> int:
        return 0 if i % 2 == 0 else 1 + (i // 2) % fast

    rows: list[dict[str, object]] = []
    with (
        tempfile.TemporaryDirectory(prefix="tosdiff-scale-") as tmp,
        Corpus(args.docs, latencies, host_of=host_of, groups=groups) as corpus,
    ):
        work = Path(tmp)
        sizes = [len(corpus.page(i)) for i in range(0, args.docs, max(1, args.docs // 50))]
        print(
            f"{args.docs} documents (mean page {sum(sizes) / len(sizes) / 1024:.0f} KB), half on one site with "
            f"{args.slow_latency * 1000:.0f} ms latency, half over {fast} fast sites; host_delay = 0"
        )
        for w in workers:
            rows.append(check_once(corpus, args.docs, work, w, fresh=True))
            print(rows[-1])
        top = max(workers)
        rows.append(check_once(corpus, args.docs, work, top, fresh=False))
        print(rows[-1])
        quarter = args.docs // 4
        rows.append(check_once(corpus, quarter, work, top, fresh=True))
        print(rows[-1])
        rows.append(check_once(corpus, quarter, work, top, fresh=False))
        print(rows[-1])
    print()
    print(
        f"{'docs':>6} {'workers':>7} {'cycle':>9} {'wall s':>8} {'docs/s':>7} {'CPU s':>7} {'peak RSS MB':>11} "
        f"{'max/host':>8} {'DB MB':>6}"
    )
    for r in rows:
        print(
            f"{r['docs']:>6} {r['workers']:>7} {r['cycle']:>9} {r['wall_s']:>8} {r['docs_per_s']:>7} "
            f"{r['cpu_s']:>7} {r['peak_rss_mb']:>11} {r['max_per_host_concurrency']:>8} {r['db_mb']:>6}"
        )
    full = {(r["docs"], r["cycle"]): r["peak_rss_mb"] for r in rows if r["workers"] == top}
    for cycle in ("first", "unchanged"):
        a, b = full.get((quarter, cycle)), full.get((args.docs, cycle))
        if a and b:
            print(f"peak RSS {cycle} cycle, {args.docs} vs {quarter} documents: {b} / {a} MB = {b / a:.2f}x")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.json").write_text(
        json.dumps({"args": vars(args), "rows": rows}, indent=2), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
