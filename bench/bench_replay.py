"""Replay 60 real snapshots of a terms page and count real changes found, missed, and noise reported.

Each step k (000..059.html of ../shared/data/replay/<doc>/) is served by a local HTTP server (stdlib,
127.0.0.1, ephemeral port) at one URL; the tool checks that URL after each step, and what it reports is
compared with truth.json's `changed` flags. Done with the document's selectors and without any.

  --mode cli     drives the real CLI: python -m tosdiff --config CFG check --json (temp config + DB)
  --mode direct  fetches with requests and calls extract(), comparing successive texts

Reference (README of the data): urlwatch 2.29 without a selector reports 73 of the 115 noise steps.

    python bench/bench_replay.py [--mode cli|direct] [--doc cursor-terms] [--steps 60]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from localsite import PageServer  # noqa: E402

from tosdiff.errors import ExtractError  # noqa: E402
from tosdiff.extract import extract  # noqa: E402

REPLAY = ROOT.parent / "shared" / "data" / "replay"


class _Server(PageServer):
    """Serves whichever snapshot is current at /terms (Content-Type text/html; charset=utf-8)."""

    def __init__(self) -> None:
        self.body = b""
        super().__init__(lambda path: self.body)
        self.url = f"{self.base}/terms"


@dataclass
class Score:
    """Outcome of one replay: steps reported changed vs the truth."""

    found: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    noise: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


def run_cli(doc: Path, truth: dict, select: list[str], steps: int) -> Score:
    """Drive `python -m tosdiff check --json` once per step against the local server."""
    score = Score()
    with _Server() as srv, tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "tosdiff.toml"
        cfg.write_text(
            '[storage]\npath = "db.sqlite"\n\n[[documents]]\n'
            f'name = "replay"\nurl = "{srv.url}"\nselect = {_toml_list(select)}\n'
            f"remove = {_toml_list(truth['remove'])}\n"
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        t0 = time.perf_counter()
        for step in truth["steps"][:steps]:
            k = step["step"]
            srv.body = (doc / f"{k:03d}.html").read_bytes()
            proc = subprocess.run(
                [sys.executable, "-m", "tosdiff", "--config", str(cfg), "check", "--json"],
                cwd=tmp,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            try:
                result = json.loads(proc.stdout)["documents"][0]
            except (ValueError, KeyError, IndexError):
                score.errors.append((k, f"rc={proc.returncode} {proc.stderr.strip()[-300:]}"))
                continue
            # A flip back to an earlier text is recorded as `reverted`, and a change of where links point
            # (same words) as `links`: each is a recorded, reported change all the same.
            _tally(
                score,
                k,
                step["changed"],
                result["status"] in ("changed", "reverted", "links"),
                result.get("error"),
            )
        score.seconds = time.perf_counter() - t0
    return score


def run_direct(doc: Path, truth: dict, select: list[str], steps: int) -> Score:
    """Fetch each step over HTTP with requests and compare successive extract() texts."""
    import requests

    score = Score()
    prev: str | None = None
    with _Server() as srv, requests.Session() as http:
        t0 = time.perf_counter()
        for step in truth["steps"][:steps]:
            k = step["step"]
            srv.body = (doc / f"{k:03d}.html").read_bytes()
            resp = http.get(srv.url, timeout=30)
            try:
                text = extract(
                    resp.content,
                    resp.headers.get("Content-Type", ""),
                    url=resp.url,
                    select=select,
                    remove=truth["remove"],
                )
            except ExtractError as exc:
                score.errors.append((k, f"{exc.error_class}: {exc}"))
                continue
            if prev is not None:
                _tally(score, k, step["changed"], text != prev, None)
            prev = text
        score.seconds = time.perf_counter() - t0
    return score


def _tally(score: Score, k: int, truly: bool, reported: bool, error: str | None) -> None:
    if error:
        score.errors.append((k, error))
    if reported and truly:
        score.found.append(k)
    elif reported:
        score.noise.append(k)
    elif truly:
        score.missed.append(k)


def main() -> int:
    """Replay every document folder in both selector modes and print the scores."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=("cli", "direct"), default="direct")
    ap.add_argument("--doc", action="append", help="folder name under replay/ (default: all)")
    ap.add_argument("--steps", type=int, default=60)
    args = ap.parse_args()
    if not REPLAY.is_dir():
        print(f"no data at {REPLAY}; nothing to replay")
        return 0
    docs = args.doc or sorted(p.name for p in REPLAY.iterdir() if (p / "truth.json").is_file())
    runner = run_cli if args.mode == "cli" else run_direct
    bad = 0
    tot = {"real": 0, "found": 0, "missed": 0, "noise": 0, "noise_steps": 0}
    for name in docs:
        doc = REPLAY / name
        truth = json.loads((doc / "truth.json").read_text())
        steps = truth["steps"][: args.steps]
        real = sum(1 for s in steps[1:] if s["changed"])
        for label, select in (("select", truth["select"]), ("no-select", [])):
            sc = runner(doc, truth, select, args.steps)
            noise_steps = len(steps) - 1 - real
            print(
                f"{name:15} {label:9} real {real}: found {len(sc.found)} {sc.found}, missed {len(sc.missed)} "
                f"{sc.missed}, noise reported {len(sc.noise)}/{noise_steps} {sc.noise}, errors {len(sc.errors)}"
                f"  ({sc.seconds:.1f} s)"
            )
            for k, err in sc.errors[:3]:
                print(f"    step {k}: {err}")
            tot["real"] += real
            tot["found"] += len(sc.found)
            tot["missed"] += len(sc.missed)
            tot["noise"] += len(sc.noise)
            tot["noise_steps"] += noise_steps
            bad += len(sc.missed) + len(sc.noise) + len(sc.errors)
    print(
        f"\ntotal ({args.mode}): real changes {tot['real']}, found {tot['found']}, missed {tot['missed']}, "
        f"noise reported {tot['noise']} of {tot['noise_steps']} noise steps, both modes together "
        "(urlwatch without selector: 73 of 115)"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
