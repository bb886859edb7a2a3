"""Benchmark `backfill --wayback` and `timeline` on real page histories served by a local fake archive.

Each folder of ../shared/data/replay/ (60 raw snapshots of one real terms page, fetched by Open Terms
Archive about twice a day, with truth.json saying where the terms text really changed) is served as a
Wayback Machine: a CDX listing of the 60 captures (their real times) and their `id_` snapshots. The real
`Backfill` records them into a fresh store, with the document's selectors and without any. Scored per
service (nothing here was tuned on these pages: all six are held out):

- versions recorded against the truth (1 + the real changes, the first capture included): extra
  versions are page noise recorded as a change, missing ones real changes lost;
- speed: captures per second of the backfill, against extraction alone of the same 60 pages in the same
  run (the baseline: what any backfill must at least spend);
- `timeline` over the recorded history: seconds, against the report's walker (`document_history`, which
  diffs and flags every version too) in the same run.

Run: python bench/bench_wayback.py
"""

from __future__ import annotations

import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tosdiff.config import parse_config  # noqa: E402
from tosdiff.extract import extract  # noqa: E402
from tosdiff.history import document_history  # noqa: E402
from tosdiff.store import Store  # noqa: E402
from tosdiff.timeline import timeline  # noqa: E402
from tosdiff.wayback import RECORDED, Backfill, BackfillSummary  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "replay"
URL = "https://terms.example/{name}"


def serve(pages: dict[str, bytes], url: str) -> ThreadingHTTPServer:
    """A local archive: /cdx/search/cdx lists `pages` (timestamp -> bytes), /web/<ts>id_/... serves them."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            path = urlsplit(self.path).path
            if path == "/cdx/search/cdx":
                rows = [["timestamp", "original", "statuscode"]] + [[ts, url, "200"] for ts in sorted(pages)]
                body, ctype = json.dumps(rows).encode(), "application/json"
            elif path.startswith("/web/") and path.split("/")[2].removesuffix("id_") in pages:
                body, ctype = pages[path.split("/")[2].removesuffix("id_")], "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def one(folder: Path, with_selectors: bool) -> dict:
    """Backfill one replay folder into a fresh store; the scores and timings."""
    truth = json.loads((folder / "truth.json").read_text())
    steps = truth["steps"]
    name = folder.name
    url = URL.format(name=name)
    pages = {
        time.strftime("%Y%m%d%H%M%S", time.gmtime(s["time"])): (folder / f"{s['step']:03d}.html").read_bytes()
        for s in steps
    }
    select = truth["select"] if with_selectors else []
    remove = truth["remove"] if with_selectors else []

    started = time.perf_counter()
    extracted = 0
    for body in pages.values():
        try:
            extract(body, "text/html", url=url, select=select, remove=remove)
            extracted += 1
        except Exception:  # noqa: BLE001 - a broken page counts as read for the baseline
            pass
    baseline_s = time.perf_counter() - started

    httpd = serve(pages, url)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            config = parse_config(
                {
                    "storage": {"path": f"{tmp}/db.db"},
                    "fetch": {"retries": 0},
                    "wayback": {"endpoint": f"http://127.0.0.1:{httpd.server_address[1]}", "delay": 0},
                    "documents": [{"name": name, "url": url, "select": select, "remove": remove}],
                },
                Path(tmp) / "tosdiff.toml",
            )
            store = Store(config.storage_path)
            try:
                started = time.perf_counter()
                items = list(Backfill(config, store, config.document(name)).run())
                backfill_s = time.perf_counter() - started
                summary = items[-1]
                assert isinstance(summary, BackfillSummary)
                started = time.perf_counter()
                events, _ = timeline(store, [name])
                timeline_s = time.perf_counter() - started
                started = time.perf_counter()
                document_history(store, name)
                walker_s = time.perf_counter() - started
            finally:
                store.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    expected = 1 + sum(1 for s in steps[1:] if s["changed"])
    statuses: dict[str, int] = {}
    for o in summary.outcomes:
        statuses[o.status] = statuses.get(o.status, 0) + 1
    return {
        "service": name,
        "selectors": with_selectors,
        "captures": len(pages),
        "expected_versions": expected,
        "recorded": statuses.get(RECORDED, 0),
        "outcomes": statuses,
        "backfill_s": round(backfill_s, 2),
        "captures_per_s": round(len(pages) / backfill_s, 1),
        "baseline_extract_s": round(baseline_s, 2),
        "timeline_s": round(timeline_s, 3),
        "baseline_walker_s": round(walker_s, 3),
        "timeline_events": len(events),
    }


def main() -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tosdiff.flags.classifier import default_model

    default_model()  # loaded once before any timing, so neither the timeline nor its baseline pays it
    rows = [
        one(folder, sel)
        for folder in sorted(p for p in DATA.iterdir() if p.is_dir())
        for sel in (True, False)
    ]
    print(
        f"{'service':24} sel  expected recorded  backfill s (extract-only s)  timeline s (walker s)  events"
    )
    for r in rows:
        print(
            f"{r['service']:24} {'yes' if r['selectors'] else 'no ':3}  {r['expected_versions']:8} {r['recorded']:8}  "
            f"{r['backfill_s']:10} ({r['baseline_extract_s']:>5})          {r['timeline_s']:10} ({r['baseline_walker_s']:>6})  "
            f"{r['timeline_events']:6}   {r['outcomes']}"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "wayback.json").write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
