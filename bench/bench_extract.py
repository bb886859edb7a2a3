"""Time extract() on real terms pages against a bare lxml baseline measured in the same run.

Baseline: lxml.html.fromstring + cssselect + text_content() (what urlwatch's CSS filter costs, roughly).
Prints CPU ms per page, ms per 300 KB, and the ratio to the baseline, with and without selectors, and
with selectors on an unchanged page (the selection-hash fast path of extract_if_changed). With --zlib,
also the CPU and size of compressing a raw page at zlib levels 1, 3, 6 and 9 (snapshot storage).

    python bench/bench_extract.py [--repeat N] [--zlib]
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tosdiff.extract import extract, extract_if_changed  # noqa: E402

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
    ap.add_argument("--zlib", action="store_true", help="also measure zlib levels for raw snapshots")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"no data at {DATA}; nothing to measure")
        return 0
    pages = []
    for doc, sel in SELECT.items():
        for f in sorted((DATA / doc).glob("*.html")):
            pages.append((f"{doc}/{f.name}", f.read_bytes(), sel))
    total = {"base": 0.0, "sel": 0.0, "nosel": 0.0, "same": 0.0}
    kb = 0.0
    print(
        f"{'page':36} {'KB':>6} {'baseline':>9} {'select':>9} {'no-sel':>9} {'unchanged':>9}   (CPU ms/page)"
    )
    for name, body, sel in pages:

        def base(body: bytes = body, sel: str = sel) -> None:
            root = lxml.html.fromstring(body)
            "".join(el.text_content() for el in root.cssselect(sel))

        def with_sel(body: bytes = body, sel: str = sel) -> None:
            extract(body, CT, url="https://example.com/terms", select=[sel])

        def no_sel(body: bytes = body) -> None:
            extract(body, CT, url="https://example.com/terms")

        _, digest = extract_if_changed(body, CT, url="https://example.com/terms", select=[sel])

        def unchanged(body: bytes = body, sel: str = sel, digest: str | None = digest) -> None:
            text, _ = extract_if_changed(
                body, CT, url="https://example.com/terms", select=[sel], previous=digest
            )
            assert text is None

        b, s, n, u = (_cpu(f, args.repeat) for f in (base, with_sel, no_sel, unchanged))
        size = len(body) / 1024
        kb += size
        total["base"] += b
        total["sel"] += s
        total["nosel"] += n
        total["same"] += u
        print(f"{name:36} {size:6.0f} {b * 1e3:9.2f} {s * 1e3:9.2f} {n * 1e3:9.2f} {u * 1e3:9.2f}")
    per300 = {k: v / kb * 300 * 1e3 for k, v in total.items()}
    print(
        f"\nper 300 KB: baseline {per300['base']:.2f} ms, extract+select {per300['sel']:.2f} ms "
        f"({per300['sel'] / per300['base']:.2f}x baseline), extract no-select {per300['nosel']:.2f} ms "
        f"({per300['nosel'] / per300['base']:.2f}x baseline), extract+select on an unchanged page "
        f"{per300['same']:.2f} ms ({per300['same'] / per300['base']:.2f}x baseline)"
    )
    if args.zlib:
        zlib_levels([body for _, body, _ in pages], args.repeat)
    return 0


def zlib_levels(bodies: list[bytes], repeat: int) -> None:
    """CPU per 170 KB page and stored size of zlib levels 1, 3, 6 and 9, against level 6 (the old choice)."""
    raw = sum(len(b) for b in bodies)
    figures = {}
    for level in (1, 3, 6, 9):
        cpu = sum(_cpu(lambda b=b, lv=level: zlib.compress(b, lv), repeat) for b in bodies)
        size = sum(len(zlib.compress(b, level)) for b in bodies)
        figures[level] = (cpu / raw * 170 * 1024 * 1e3, size / raw)
    print(f"\nzlib, {len(bodies)} raw pages ({raw / len(bodies) / 1024:.0f} KB mean):")
    print(f"{'level':>5} {'ms per 170 KB':>14} {'vs 6':>6} {'stored/raw':>11} {'size vs 6':>10}")
    for level, (ms, ratio) in figures.items():
        print(f"{level:>5} {ms:14.2f} {ms / figures[6][0]:6.2f} {ratio:11.3f} {ratio / figures[6][1]:10.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
