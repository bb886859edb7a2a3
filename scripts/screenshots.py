"""Generate docs/screenshots/terminal-diff.png and docs/screenshots/report.png from the offline demo.

Needs headless Chromium (Debian: `apt-get install chromium`). Run from the repository root:

    python scripts/screenshots.py [--chromium PATH] [--out docs/screenshots]

The terminal shot is what `tosdiff diff acme-cloud --from 1 --to 2` prints for the demo (the section
diff, then the flags of the changed sections), recorded with rich's ``Console(record=True)``,
exported as SVG and rendered to PNG by Chromium; the report shot is the demo's HTML report.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402

from tosdiff.demo import DEMO_NAME, build_demo_report, run_checks  # noqa: E402

WIDTH = 1280  # the report's window width
TERMINAL_WIDTH = 1100  # pixels of the terminal shot (keeps the PNG small)
COLUMNS = 100  # characters of the terminal shot's lines


def chromium_flags(profile: Path) -> list[str]:
    """Flags that keep headless Chromium offline and quiet."""
    from tosdiff.browser import CHROMIUM_ARGS

    return [
        *CHROMIUM_ARGS,
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]


def screenshot(chromium: str, url: str, out: Path, width: int, height: int, profile: Path) -> None:
    """Save a PNG of `url` at width x height."""
    subprocess.run(
        [chromium, *chromium_flags(profile), f"--screenshot={out}", f"--window-size={width},{height}", url],
        check=True,
        capture_output=True,
        timeout=120,
    )


def terminal_svg(work: Path) -> str:
    """What `tosdiff diff acme-cloud --from 1 --to 2` prints for the demo on a terminal, exported as SVG.

    The diff and its flags are built the way the command builds them (the stored versions, the
    config's rules, `diffview.diff_view`), so the README's picture is what `diff` prints.
    """
    from tosdiff import diffview
    from tosdiff.config import load_config
    from tosdiff.diff import diff_texts
    from tosdiff.flags import flag_changes
    from tosdiff.store import Store

    run = run_checks(work, Console(file=io.StringIO()))
    config = load_config(run.config_path)
    store = Store(config.storage_path)
    try:
        old, new = (store.version(DEMO_NAME, n) for n in (1, 2))
    finally:
        store.close()
    assert old is not None and new is not None, "the demo recorded no second version"
    changes = diff_texts(old["text"], new["text"])
    header = f"{DEMO_NAME} v1 ({old['recorded_at']}) → {DEMO_NAME} v2 ({new['recorded_at']})"
    console = Console(record=True, width=COLUMNS, file=io.StringIO(), force_terminal=True)
    console.print(diffview.diff_view(changes, flag_changes(changes, config.rules), header))
    svg = console.export_svg(title=f"tosdiff diff {DEMO_NAME} --from 1 --to 2")
    # rich links a web font from a CDN; the screenshot must not depend on the network.
    return re.sub(r"@font-face\s*\{[^}]*\}", "", svg)


def main() -> int:
    """Write both screenshots; print their sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    if not args.chromium:
        print("chromium not found: install it or pass --chromium PATH", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tosdiff-shots-") as tmp:
        tmpdir = Path(tmp)
        profile = tmpdir / "profile"
        svg = terminal_svg(tmpdir / "demo")
        box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
        assert box, "rich's SVG has no viewBox"
        vw, vh = float(box.group(1)), float(box.group(2))
        height = int(TERMINAL_WIDTH * vh / vw) + 1
        page = tmpdir / "terminal.html"
        page.write_text(
            "<!doctype html><meta charset='utf-8'><style>html,body{margin:0;background:#0c0c0c}"
            f"svg{{display:block;width:{TERMINAL_WIDTH}px;height:auto}}</style>{svg}",
            encoding="utf-8",
        )
        screenshot(args.chromium, page.as_uri(), out / "terminal-diff.png", TERMINAL_WIDTH, height, profile)
        site = tmpdir / "site"
        build_demo_report(tmpdir / "demo" / "tosdiff.toml", site)
        screenshot(
            args.chromium,
            (site / "acme-cloud" / "index.html").as_uri(),
            out / "report.png",
            WIDTH,
            900,
            profile,
        )
    for name in ("terminal-diff.png", "report.png"):
        data = (out / name).read_bytes()
        w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        print(f"{out / name}: {w}x{h}, {len(data) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
