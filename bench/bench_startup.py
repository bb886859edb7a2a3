"""The fixed start-up cost of a run: CPU of a one-document `check --json`, this tree against a baseline.

One small terms page is served on 127.0.0.1; each tree gets its own config and database (primed by
two unmeasured checks). The trees' checks then alternate `--repeat` times; each run's CPU (user +
system, from os.wait4) is kept, and the best and the median printed. Both trees are byte-compiled
first, as an installed package is (PYTHONDONTWRITEBYTECODE, set on the shared machine, would
otherwise make every run compile all of tosdiff again: ~45 ms).

Run: python bench/bench_startup.py --baseline DIR [--repeat 20]
(DIR: a `git archive` of the baseline, e.g. main, unpacked under /tmp)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from corpus import byte_compile  # noqa: E402

PAGE = (
    "<html><head><title>Terms</title></head><body><main>"
    + "".join(f"<h2>{i}. Section</h2><p>Clause {i} of the terms of service.</p>" for i in range(1, 51))
    + "</main></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    """The same page for every request."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        """Serve PAGE."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        """Quiet."""


def check_cpu_ms(tree: Path, config: Path) -> float:
    """One `check --json` run from `tree`'s folder (so its tosdiff is imported): CPU in ms."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), "check", "--json"],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{tree}: check failed: {err[-2000:]}")
    return (usage.ru_utime + usage.ru_stime) * 1000


def main() -> int:
    """Alternate the two trees' one-document checks; print best and median CPU of each."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, required=True, help="root of the baseline tree")
    ap.add_argument("--repeat", type=int, default=20, help="measured runs per tree (default: 20)")
    args = ap.parse_args()
    trees = {"baseline": args.baseline.resolve(), "this tree": ROOT}
    for tree in trees.values():
        byte_compile(tree / "tosdiff")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/terms"
    with tempfile.TemporaryDirectory(prefix="tosdiff-startup-") as tmp:
        configs = {}
        for name in trees:
            folder = Path(tmp) / name.replace(" ", "-")
            folder.mkdir()
            configs[name] = folder / "tosdiff.toml"
            configs[name].write_text(
                f'[storage]\npath = "{folder / "t.db"}"\n\n'
                f'[[documents]]\nname = "one"\nurl = "{url}"\nselect = ["main"]\n',
                encoding="utf-8",
            )
            for _ in range(2):
                check_cpu_ms(trees[name], configs[name])
        runs: dict[str, list[float]] = {name: [] for name in trees}
        for _ in range(args.repeat):
            for name, tree in trees.items():
                runs[name].append(check_cpu_ms(tree, configs[name]))
    server.shutdown()
    for name, cpu in runs.items():
        print(
            f"{name}: best {min(cpu):.1f} ms, median {statistics.median(cpu):.1f} ms of CPU ({len(cpu)} runs)"
        )
    best = min(runs["this tree"]) / min(runs["baseline"])
    print(f"this tree / baseline (best): {best:.2f}; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
