"""render = "browser" at scale: pages per second for JavaScript-built local pages, before and after.

"before": a Chromium launched per page (what every browser fetch did until the run kept one browser,
and what `fetch_rendered(doc)` without a pool still does). "after": the run's one BrowserPool, a fresh
context per page, pages rendered from `--threads` fetch threads as a run's workers would. Both are
measured in the same run against the same local server.
Run: python bench/bench_browser.py [--pages 50] [--threads 4]
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tosdiff.browser import BrowserPool, browser_unavailable, fetch_rendered  # noqa: E402
from tosdiff.models import Document  # noqa: E402

# The terms arrive as JSON and are built into the DOM by a script, like a single-page app's.
PAGE = b"""<!doctype html><html><head><title>Terms</title></head><body><main id="app"></main>
<script>
fetch("/api" + location.pathname + ".json").then(r => r.json()).then(data => {
  const main = document.getElementById("app");
  for (const [h, p] of data.sections) {
    const h2 = document.createElement("h2"); h2.textContent = h; main.appendChild(h2);
    const el = document.createElement("p"); el.textContent = p; main.appendChild(el);
  }
});
</script></body></html>"""


def sections(path: str) -> bytes:
    text = "You grant us a worldwide licence to host, copy and display the content you upload. " * 5
    return json.dumps({"sections": [[f"{i}. Clause of {path}", text] for i in range(1, 21)]}).encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path.startswith("/api/"):
            body, ctype = sections(self.path[5:-5]), "application/json"
        else:
            body, ctype = PAGE, "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def run(pages: int, threads: int, fetch_one) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds to render `pages` pages from `threads` threads, and how many held the built terms."""
    started = time.monotonic()
    with ThreadPoolExecutor(threads) as pool:
        bodies = list(pool.map(fetch_one, range(pages)))
    took = time.monotonic() - started
    return took, sum(b"1. Clause of" in b for b in bodies)


def main() -> None:
    """Measure both ways and print pages per second and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    reason = browser_unavailable()
    if reason:
        sys.exit(f"cannot run: {reason}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def doc(i: int) -> Document:
        return Document(name=f"p{i}", url=f"{base}/p{i}", timeout=30, deadline=120, render="browser")

    before, ok_before = run(args.pages, args.threads, lambda i: fetch_rendered(doc(i)).body)
    with BrowserPool() as browser:
        after, ok_after = run(args.pages, args.threads, lambda i: browser.fetch(doc(i)).body)
        launches = browser.launches
    server.shutdown()
    print(f"{args.pages} JS-built pages, {args.threads} fetch threads")
    print(
        f"before (a Chromium per page):   {before:7.1f} s  {args.pages / before:6.2f} pages/s  ({ok_before} built)"
    )
    print(
        f"after  (one Chromium, {launches} launch): {after:7.1f} s  {args.pages / after:6.2f} pages/s  ({ok_after} built)"
    )
    print(f"speed-up: {before / after:.1f}x")


if __name__ == "__main__":
    main()
