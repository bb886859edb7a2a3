"""Time extract() on real terms pages against a bare lxml baseline measured in the same run.

Baseline: lxml.html.fromstring + cssselect + text_content() (what urlwatch's CSS filter costs, roughly).
Prints CPU ms per page, ms per 300 KB, and the ratio to the baseline, with and without selectors.

    python bench/bench_extract.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tosdiff.extract import extract  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "pages"
SELECT = {"cursor-terms": ".page", "bardeen-terms": ".content-container"}
CT = "text/html; charset=utf-8"


def _cpu(fn, repeat: int) -> float:
    """Best-of-3 mean CPU seconds of fn() over `repeat` calls (best-of filters out noisy neighbours)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for _ in range(repeat):
            fn()
        best = min(best, (time.process_time() - t0) / repeat)
    return best


def main() -> int:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}; nothing to measure")
        return 0
    pages = []
    for doc, sel in SELECT.items():
        for f in sorted((DATA / doc).glob("*.html")):
            pages.append((f"{doc}/{f.name}", f.read_bytes(), sel))
    total = {"base": 0.0, "sel": 0.0, "nosel": 0.0}
    kb = 0.0
    print(f"{'page':36} {'KB':>6} {'baseline':>9} {'select':>9} {'no-sel':>9}   (CPU ms/page)")
    for name, body, sel in pages:

        def base(body: bytes = body, sel: str = sel) -> None:
            root = lxml.html.fromstring(body)
            "".join(el.text_content() for el in root.cssselect(sel))

        def with_sel(body: bytes = body, sel: str = sel) -> None:
            extract(body, CT, url="https://example.com/terms", select=[sel])

        def no_sel(body: bytes = body) -> None:
            extract(body, CT, url="https://example.com/terms")

        b, s, n = (_cpu(f, args.repeat) for f in (base, with_sel, no_sel))
        size = len(body) / 1024
        kb += size
        total["base"] += b
        total["sel"] += s
        total["nosel"] += n
        print(f"{name:36} {size:6.0f} {b * 1e3:9.2f} {s * 1e3:9.2f} {n * 1e3:9.2f}")
    per300 = {k: v / kb * 300 * 1e3 for k, v in total.items()}
    print(
        f"\nper 300 KB: baseline {per300['base']:.2f} ms, extract+select {per300['sel']:.2f} ms "
        f"({per300['sel'] / per300['base']:.2f}x baseline), extract no-select {per300['nosel']:.2f} ms "
        f"({per300['nosel'] / per300['base']:.2f}x baseline)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
