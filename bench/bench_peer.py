"""tosdiff side by side with a peer, urlwatch 2.29, on the same jobs served by the local corpus.

Both tools check the same URLs of the local corpus (real terms pages, a per-request nonce, loopback
sites) in the same corpus state, one after the other, each as a real subprocess whose wall time, own
CPU time and peak RSS come from os.wait4. urlwatch runs from a throwaway venv under bench/out/ (created
on first use with `pip install urlwatch==2.29 html2text`), with its own --urls / --config / --cache
(minidb SQLite) / --hooks files in a temp dir; its jobs use the same CSS selector plus html2text.
tosdiff runs at its default settings (fetch threads sized from the run's sites; tosdiff never sends two
requests at once to one host) except host_delay = 0 (one row also with the default 1.0); urlwatch with
its own fixed pool of 10 threads and no per-host rule. Each wall-time row also gives the politeness
floor of the cycle (the largest, over sites, of pages x max(latency, host_delay)) and tosdiff's wall
against it.

Figures (tosdiff / urlwatch ratios, all measured in this run):
  a) a full cycle with 300 ms latency, nothing changed and 5% changed: wall time, and the most
     simultaneous requests either tool sent to one host;
  b) the same with no latency: CPU seconds per document;
  c) with ETag support: requests, conditional requests and 304s per document, CPU per document;
  peak RSS; database size after C cycles in which 3% of documents really change and all others get a
  noise-only change (another real snapshot with the same text, new build id, new nonce), against the
  zlib size of the distinct texts and raw pages; false and missed change reports over those cycles,
  with the selectors and without any.

Run: python bench/bench_peer.py [--quick] [--docs 1000 --hosts 100 --cycle-docs 200 --cycles 30]
  --baseline DIR: also run the tosdiff of another tree (a `git archive` of main, say) in the same (b)
  and (c) cycles, alternating with this one; --cpu-only: only the (b) and (c) cycles (CPU figures).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
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
VENV = OUT / "urlwatch-venv"
PEER = "urlwatch==2.29"
PROCESSES = 0  # tosdiff's [fetch] processes (--processes): 0 extracts in the fetch threads


def ensure_urlwatch() -> Path:
    """The urlwatch executable of the throwaway venv, created (or reused) under bench/out/."""
    exe = VENV / "bin" / "urlwatch"
    if exe.exists():
        return exe
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"creating {VENV} and installing {PEER} ...", flush=True)
    subprocess.run(["python3", "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", PEER, "html2text"], check=True)
    return exe


class Tool:
    """One tool's files (config, database) for one scenario, and how to run a cycle."""

    def __init__(
        self,
        kind: str,
        workdir: Path,
        corpus: Corpus,
        docs: range,
        select: bool,
        host_delay: float = 0.0,
        root: Path = ROOT,
    ) -> None:
        self.kind, self.corpus, self.docs, self.select = kind, corpus, docs, select
        self.root = root  # the tree whose tosdiff package runs (this one, or --baseline's)
        self.host_delay = host_delay
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.db = self.dir / ("tosdiff.db" if kind == "tosdiff" else "cache.db")
        if kind == "tosdiff":
            self.cfg = self.dir / "tosdiff.toml"
            self.cfg.write_text(
                tosdiff_config(
                    # Default workers (sized from the run's sites): the benchmark measures the defaults.
                    corpus,
                    docs,
                    self.db,
                    workers=None,
                    host_delay=host_delay,
                    select=select,
                    processes=PROCESSES,
                ),
                encoding="utf-8",
            )
        else:
            self.urls = self.dir / "urls.yaml"
            jobs = []
            for d in docs:
                filters = [f"  - css: {json.dumps(', '.join(corpus.select_of(d)))}"] if select else []
                filters.append("  - html2text")
                jobs.append(
                    f"name: doc-{d:05d}\nurl: {json.dumps(corpus.url(d))}\nfilter:\n" + "\n".join(filters)
                )
            self.urls.write_text("\n---\n".join(jobs) + "\n", encoding="utf-8")
            self.cfg = self.dir / "urlwatch.yaml"
            # Only the text report to stdout, summary lines only; everything else stays urlwatch's default.
            self.cfg.write_text(
                "report:\n  text:\n    details: false\n    footer: false\n    line_length: 300\n"
                "  stdout:\n    enabled: true\n    color: false\n",
                encoding="utf-8",
            )

    def run(self) -> dict[str, object]:
        """One check cycle: wall, CPU, peak RSS, and documents reported new/changed/error."""
        env = dict(os.environ, PYTHONPATH=str(self.root), HOME=str(self.dir), COLUMNS="200")
        if self.kind == "tosdiff":
            cmd = [sys.executable, "-m", "tosdiff", "--config", str(self.cfg), "check", "--json"]
        else:
            cmd = [
                str(VENV / "bin" / "urlwatch"),
                "--urls", str(self.urls),
                "--config", str(self.cfg),
                "--cache", str(self.db),
                "--hooks", str(self.dir / "hooks.py"),
            ]  # fmt: skip
        self.corpus.reset_counters()
        # From the tree's own folder: `python -m` puts the working folder first on sys.path, ahead of
        # PYTHONPATH, so from anywhere else a --baseline run would import this tree's tosdiff instead.
        r = run_measured(cmd, env=env, cwd=self.root if self.kind == "tosdiff" else self.dir)
        out = str(r["stdout"])
        counts = {"new": 0, "changed": 0, "error": 0}
        changed: set[int] = set()
        if self.kind == "tosdiff":
            if r["rc"] not in (0, 1, 3):
                raise SystemExit(f"tosdiff failed (exit {r['rc']}): {str(r['stderr'])[-2000:]}")
            for item in json.loads(out)["documents"]:
                st = "changed" if item["status"] == "reverted" else item["status"]
                if st in counts:
                    counts[st] += 1
                if st == "changed":
                    changed.add(int(item["name"].split("-")[1]))
        else:
            if r["rc"] != 0:
                raise SystemExit(f"urlwatch failed (exit {r['rc']}): {str(r['stderr'])[-2000:]}")
            for m in re.finditer(r"^\d+\. (NEW|CHANGED|ERROR): doc-(\d+)", out, re.M):
                counts[m.group(1).lower()] += 1
                if m.group(1) == "CHANGED":
                    changed.add(int(m.group(2)))
        n = len(self.docs)
        t = self.corpus.totals()
        delay = self.host_delay if self.kind == "tosdiff" else 0.0
        return {
            "floor_s": round(self.corpus.floor(self.docs, delay), 2),
            "wall_s": round(float(r["wall"]), 2),  # type: ignore[arg-type]
            "cpu_s": round(float(r["cpu"]), 2),  # type: ignore[arg-type]
            "cpu_ms_per_doc": round(float(r["cpu"]) * 1000 / n, 2),  # type: ignore[arg-type]
            "peak_rss_mb": round(float(r["maxrss_mb"]), 1),  # type: ignore[arg-type]
            **counts,
            "changed_docs": sorted(changed),
            "requests_per_doc": round(t["requests"] / n, 3),
            "conditional_per_doc": round(t["conditional"] / n, 3),
            "not_modified_per_doc": round(t["not_modified"] / n, 3),
            "max_per_host_concurrency": t["max_per_host_concurrency"],
        }

    def db_bytes(self) -> int:
        """Size of the tool's database files (SQLite main file plus WAL/SHM)."""
        return sum(p.stat().st_size for p in self.dir.glob(self.db.name + "*"))


def pick(rng: random.Random, docs: range, share: float) -> list[int]:
    """A random share of the documents (at least one)."""
    return sorted(rng.sample(list(docs), max(1, round(len(docs) * share))))


def _combine(runs: list[dict[str, object]]) -> dict[str, object]:
    """One row from repeated runs: median wall and CPU, highest peak RSS, the rest from the last run."""
    row = dict(runs[-1])
    row["wall_s"] = round(statistics.median(float(r["wall_s"]) for r in runs), 2)  # type: ignore[arg-type]
    row["cpu_ms_per_doc"] = round(statistics.median(float(r["cpu_ms_per_doc"]) for r in runs), 2)  # type: ignore[arg-type]
    row["peak_rss_mb"] = max(float(r["peak_rss_mb"]) for r in runs)  # type: ignore[arg-type]
    row["runs"] = [{k: r[k] for k in ("wall_s", "cpu_ms_per_doc", "peak_rss_mb")} for r in runs]
    return row


def cycle_both(
    tools: dict[str, Tool],
    label: str,
    rows: dict[str, dict[str, object]],
    repeat: int = 1,
    before: Callable[[], None] | None = None,
) -> None:
    """Run cycles of each tool on the same corpus state; keep the figures under `label`.

    With `repeat` > 1 the pair runs that many times, in alternating order (so drift on a shared machine
    hits both alike), `before` setting up each repetition's corpus state (a fresh 5% of changed
    documents, say); the row keeps the median wall and CPU.
    """
    runs: dict[str, list[dict[str, object]]] = {name: [] for name in tools}
    for rep in range(repeat):
        if before is not None:
            before()
        order = list(tools.items())
        if rep % 2:
            order.reverse()
        for name, tool in order:
            res = tool.run()
            runs[name].append(res)
            print(
                f"  {label:<28} {name:<8} wall {res['wall_s']:>7}s (floor {res['floor_s']}s)  cpu {res['cpu_ms_per_doc']:>7} ms/doc  "
                f"rss {res['peak_rss_mb']:>6} MB  new {res['new']} changed {res['changed']} error {res['error']}  "
                f"req/doc {res['requests_per_doc']} 304/doc {res['not_modified_per_doc']} "
                f"max/host {res['max_per_host_concurrency']}",
                flush=True,
            )
    rows[label] = {name: _combine(rs) for name, rs in runs.items()}


def main() -> int:
    """Run the peer benchmark; print one table; write bench/out/peer.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=100)
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--cycle-docs", type=int, default=200, help="documents in the multi-cycle runs")
    ap.add_argument("--cycles", type=int, default=30)
    ap.add_argument("--quick", action="store_true", help="200 documents on 20 hosts; 60 documents, 10 cycles")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="N",
        help="tosdiff extracts in N worker processes ([fetch] processes; default 0: in the fetch threads)",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs per single-cycle scenario (median kept; first checks once)",
    )
    ap.add_argument(
        "--baseline", type=Path, metavar="DIR", help="also run DIR's tosdiff in the (b) and (c) cycles"
    )
    ap.add_argument("--cpu-only", action="store_true", help="only the (b) and (c) cycles: CPU per document")
    args = ap.parse_args()
    global PROCESSES
    PROCESSES = args.processes
    if args.quick:
        args.docs, args.hosts, args.cycle_docs, args.cycles = 200, 20, 60, 10
    try:
        groups = load_groups()
    except CorpusDataMissing as e:
        print(f"skipped: {e}")
        return 0
    ensure_urlwatch()
    byte_compile(ROOT / "tosdiff")
    if args.baseline:
        args.baseline = args.baseline.resolve()
        byte_compile(args.baseline / "tosdiff")
    rng = random.Random(args.seed)
    rows: dict[str, dict[str, object]] = {}
    extra: dict[str, object] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tosdiff-peer-") as tmp:
        work = Path(tmp)

        def make_tools(prefix: str, corpus: Corpus, docs: range) -> dict[str, Tool]:
            tools = {k: Tool(k, work / f"{prefix}-{k}", corpus, docs, True) for k in ("tosdiff", "urlwatch")}
            if args.baseline:
                tools["baseline"] = Tool(
                    "tosdiff", work / f"{prefix}-base", corpus, docs, True, root=args.baseline
                )
            return tools

        docs = range(args.docs)
        print(f"single cycles: {args.docs} documents on {args.hosts} sites", flush=True)
        # --- (a) and (b): no ETag, a nonce in every response ---
        with Corpus(args.docs, args.hosts, groups=groups, nonce=True) as corpus:
            tools = make_tools("ab", corpus, docs)
            cycle_both(tools, "prime (first check)", rows)
            n = args.repeat

            def advance() -> None:
                corpus.advance(pick(rng, docs, 0.05))

            cycle_both(tools, "b: no latency, unchanged", rows, n)
            cycle_both(tools, "b: no latency, 5% changed", rows, n, advance)
            tools.pop("baseline", None)  # the baseline runs in the CPU cycles (b) and (c) only
            if not args.cpu_only:
                corpus.set_latency(args.latency)
                cycle_both(tools, "a: latency, unchanged", rows, n)
                # tosdiff's default politeness delay (host_delay = 1.0), same database, for reference.
                polite = Tool("tosdiff", work / "ab-polite", corpus, docs, True, host_delay=1.0)
                for f in tools["tosdiff"].dir.glob("tosdiff.db*"):
                    shutil.copy(f, polite.dir / f.name)
                res = polite.run()
                extra["polite"] = res
                print(
                    f"  tosdiff, host_delay = 1.0: wall {res['wall_s']} s, max/host {res['max_per_host_concurrency']}"
                )
                cycle_both(tools, "a: latency, 5% changed", rows, n, advance)
        # --- (c): ETag / 304 support ---
        with Corpus(args.docs, args.hosts, groups=groups, nonce=True, etag=True) as corpus:
            tools = make_tools("c", corpus, docs)
            cycle_both(tools, "c prime (first check)", rows)
            cycle_both(tools, "c: ETag, unchanged", rows, args.repeat)

            def advance_c() -> None:
                corpus.advance(pick(rng, docs, 0.05))

            cycle_both(tools, "c: ETag, 5% changed", rows, args.repeat, advance_c)
        # --- multi-cycle: DB growth and false reports, with and without selectors ---
        for select in () if args.cpu_only else (True, False):
            mode = "selectors" if select else "no selectors"
            cdocs = range(args.cycle_docs)
            print(
                f"{args.cycles} cycles, {mode}: {args.cycle_docs} documents on {min(args.hosts, 20)} sites",
                flush=True,
            )
            with Corpus(args.cycle_docs, min(args.hosts, 20), groups=groups, nonce=True) as corpus:
                tools = {
                    k: Tool(k, work / f"m-{mode}-{k}", corpus, cdocs, select) for k in ("tosdiff", "urlwatch")
                }
                states = {corpus.key(d) for d in cdocs}
                first = {k: t.run() for k, t in tools.items()}
                truth_changes = 0
                false = dict.fromkeys(tools, 0)
                missed = dict.fromkeys(tools, 0)
                for c in range(args.cycles):
                    # Each cycle 3% of the documents really change; all others get a noise-only change.
                    real = pick(rng, cdocs, 0.03)
                    corpus.advance(real)
                    corpus.add_noise([d for d in cdocs if d not in set(real)])
                    states |= {corpus.key(d) for d in cdocs}
                    truth_changes += len(real)
                    for k, t in tools.items():
                        got = set(t.run()["changed_docs"])  # type: ignore[arg-type]
                        false[k] += len(got - set(real))
                        missed[k] += len(set(real) - got)
                    print(f"    cycle {c + 1}: {len(real)} real changes; false so far {false}", flush=True)
                # Reference: zlib (level 6) of every distinct raw page state (nonce left out) and text.
                raw_z = sum(len(zlib.compress(corpus.page(d, v, n), 6)) for d, v, n in states)
                extra[mode] = {
                    "cycles": args.cycles,
                    "noise_only_checks": args.cycles * args.cycle_docs - truth_changes,
                    "docs": args.cycle_docs,
                    "real_changes": truth_changes,
                    "first_errors": {k: v["error"] for k, v in first.items()},
                    "false_reports": false,
                    "missed_changes": missed,
                    "db_bytes": {k: t.db_bytes() for k, t in tools.items()},
                    "distinct_raw_pages": len(states),
                    "raw_pages_zlib_bytes": raw_z,
                    "texts_zlib_bytes": _texts_zlib(tools["tosdiff"].db),
                }
                print(f"  {mode}: {extra[mode]}", flush=True)
    elapsed = time.monotonic() - started
    table = summarise(rows, extra, args)
    print()
    print(table)
    OUT.mkdir(parents=True, exist_ok=True)
    result = {
        "args": vars(args),
        "elapsed_s": round(elapsed, 1),
        "cycles": rows,
        "multi_cycle": extra,
        "table": table,
    }
    (OUT / "peer.json").write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(f"\nwritten {OUT / 'peer.json'} in {elapsed:.0f} s")
    return 0


def _texts_zlib(db: Path) -> int:
    """zlib size (level 9) of the distinct extracted texts tosdiff recorded (the text reference)."""
    import sqlite3

    conn = sqlite3.connect(str(db))
    try:
        return sum(
            len(zlib.compress(zlib.decompress(b), 9)) for (b,) in conn.execute("SELECT body FROM texts")
        )
    finally:
        conn.close()


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def summarise(rows: dict[str, dict[str, object]], extra: dict[str, object], args: argparse.Namespace) -> str:
    """One Markdown table of tosdiff / urlwatch figures and ratios."""
    lines = [
        f"| figure ({args.docs} documents on {args.hosts} sites) | tosdiff | urlwatch 2.29 | tosdiff / urlwatch "
        "| floor (tosdiff / floor) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]

    def row(label: str, key: str, field: str, unit: str = "") -> None:
        if key not in rows:
            return  # a cycle this run left out (--cpu-only)
        t, u = rows[key]["tosdiff"][field], rows[key]["urlwatch"][field]  # type: ignore[index]
        floor = float(rows[key]["tosdiff"].get("floor_s", 0.0))  # type: ignore[union-attr]
        # The floor column only for wall times of cycles a latency or delay bounds.
        fcol = f"{floor} s ({_ratio(float(t), floor)})" if field == "wall_s" and floor > 0 else ""
        lines.append(f"| {label} | {t}{unit} | {u}{unit} | {_ratio(float(t), float(u))} | {fcol} |")

    for change in ("unchanged", "5% changed"):
        row(
            f"a) {args.latency * 1000:.0f} ms latency, {change}: wall",
            f"a: latency, {change}",
            "wall_s",
            " s",
        )
    for change in ("unchanged", "5% changed"):
        row(
            f"a) {change}: max simultaneous requests to one host",
            f"a: latency, {change}",
            "max_per_host_concurrency",
        )
    for change in ("unchanged", "5% changed"):
        row(f"b) no latency, {change}: CPU per document", f"b: no latency, {change}", "cpu_ms_per_doc", " ms")
        row(f"b) no latency, {change}: wall", f"b: no latency, {change}", "wall_s", " s")
    for change in ("unchanged", "5% changed"):
        key = f"c: ETag, {change}"
        row(f"c) ETag, {change}: requests per document", key, "requests_per_doc")
        row(f"c) ETag, {change}: conditional requests per document", key, "conditional_per_doc")
        row(f"c) ETag, {change}: 304 responses per document", key, "not_modified_per_doc")
        row(f"c) ETag, {change}: CPU per document", key, "cpu_ms_per_doc", " ms")
    for change in ("5% changed",):
        for key in (f"a: latency, {change}", f"b: no latency, {change}", f"c: ETag, {change}"):
            row(f"{key}: documents reported changed", key, "changed")
    for key, by_tool in rows.items():
        if "baseline" in by_tool and "prime" not in key:
            # --baseline: the other tree's tosdiff in the same cycles (this tree / baseline, same run).
            b, t = float(by_tool["baseline"]["cpu_ms_per_doc"]), float(by_tool["tosdiff"]["cpu_ms_per_doc"])  # type: ignore[index,call-overload]
            u = float(by_tool["urlwatch"]["cpu_ms_per_doc"])  # type: ignore[index,call-overload]
            lines.append(
                f"| {key}: CPU per document, baseline tree {b} ms ({_ratio(b, u)} of urlwatch), "
                f"this tree / baseline {_ratio(t, b)} | {t} ms | {u} ms | {_ratio(t, u)} | |"
            )
    peak = {k: max(float(r[k]["peak_rss_mb"]) for r in rows.values()) for k in ("tosdiff", "urlwatch")}  # type: ignore[index]
    lines.append(
        f"| peak RSS, any single cycle | {peak['tosdiff']} MB | {peak['urlwatch']} MB | "
        f"{_ratio(peak['tosdiff'], peak['urlwatch'])} | |"
    )
    polite = extra.get("polite")
    if polite:
        t = float(polite["wall_s"])  # type: ignore[index,call-overload]
        u = float(rows["a: latency, unchanged"]["urlwatch"]["wall_s"])  # type: ignore[index,call-overload]
        floor = float(polite["floor_s"])  # type: ignore[index,call-overload]
        lines.append(
            f"| a) unchanged, tosdiff with default host_delay = 1.0: wall | {t} s | {u} s | {_ratio(t, u)} "
            f"| {floor} s ({_ratio(t, floor)}) |"
        )
    for mode in ("selectors", "no selectors"):
        if mode not in extra:
            continue
        e = dict(extra[mode])  # type: ignore[call-overload]
        db, ref = e["db_bytes"], e["raw_pages_zlib_bytes"] + e["texts_zlib_bytes"]
        head = f"{mode}, {e['cycles']} cycles x {e['docs']} docs, 3% changing a cycle"
        lines.append(
            f"| {head}: database size | {db['tosdiff'] / 2**20:.1f} MB | {db['urlwatch'] / 2**20:.1f} MB | "
            f"{_ratio(db['tosdiff'], db['urlwatch'])} | |"
        )
        lines.append(
            f"| {head}: database / zlib(distinct raw pages + texts) = {ref / 2**20:.1f} MB | "
            f"{db['tosdiff'] / ref:.2f}x | {db['urlwatch'] / ref:.2f}x | | |"
        )
        lines.append(
            f"| {head}: false change reports (of {e['noise_only_checks']} noise-only checks) | "
            f"{e['false_reports']['tosdiff']} | {e['false_reports']['urlwatch']} | | |"
        )
        lines.append(
            f"| {head}: missed real changes (of {e['real_changes']}) | {e['missed_changes']['tosdiff']} | "
            f"{e['missed_changes']['urlwatch']} | | |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
