"""Cost of tosdiff's bounded fetch against a plain requests.get baseline measured in the same run.

Prints: per-fetch time of a 200 KB page (baseline vs tosdiff's fetch with watchdog, retry policy and
body checks) and their ratio; how precisely a trickling server is cut at the deadline; and the time and
peak memory of refusing a 1 GiB gzip bomb. Run: python bench/bench_fetch.py [--n 200]
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests  # noqa: E402

from tosdiff.errors import FetchError  # noqa: E402
from tosdiff.fetch import fetch, make_session  # noqa: E402
from tosdiff.models import Document  # noqa: E402

PAGE = (
    "<html><body><main>" + "<p>Clause text of the terms, one paragraph. </p>" * 4000 + "</main></body></html>"
).encode()


def _bomb() -> bytes:
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)
    member = b"".join(comp.compress(bytes(1 << 20)) for _ in range(16)) + comp.flush()
    return member * 64  # 1 GiB of zeros once inflated


BOMB = _bomb()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
            self.close_connection = True
            return
        body, extra = (BOMB, {"Content-Encoding": "gzip"}) if self.path == "/bomb" else (PAGE, {})
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra.items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # the client hanging up on the trickle and the bomb is the point, not an error


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    n = ap.parse_args().n
    server = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    plain = requests.Session()
    t0 = time.perf_counter()
    for _ in range(n):
        assert len(plain.get(base + "/page", timeout=10).content) == len(PAGE)
    baseline = (time.perf_counter() - t0) / n
    plain.close()

    session = make_session(retries=3)
    doc = Document(name="b", url=base + "/page", timeout=10, deadline=30)
    t0 = time.perf_counter()
    for _ in range(n):
        assert len(fetch(doc, session=session).body) == len(PAGE)
    ours = (time.perf_counter() - t0) / n
    print(f"fetch of a {len(PAGE) // 1024} KB page, mean of {n}:")
    print(f"  baseline requests.get   {baseline * 1000:7.2f} ms")
    print(f"  tosdiff fetch           {ours * 1000:7.2f} ms   ratio {ours / baseline:.2f}x")

    for deadline in (0.5, 1.0, 2.0):
        t0 = time.perf_counter()
        try:
            fetch(Document(name="t", url=base + "/trickle", timeout=1, deadline=deadline), session=session)
        except FetchError as e:
            cls = e.error_class
        took = time.perf_counter() - t0
        print(
            f"trickling server, deadline {deadline:.1f}s: cut after {took:.2f}s ({cls}), overshoot {took - deadline:+.2f}s"
        )

    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        fetch(
            Document(name="g", url=base + "/bomb", max_bytes=10 * 1024 * 1024, deadline=30), session=session
        )
    except FetchError as e:
        cls = e.error_class
    took = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"gzip bomb ({len(BOMB) / 1e6:.1f} MB on the wire, 1 GiB inflated), max_bytes 10 MiB: {cls} in "
        f"{took:.2f}s, peak Python memory {peak / 1e6:.1f} MB (ratio to max_bytes {peak / (10 * 1024 * 1024):.2f})"
    )
    session.close()
    server.shutdown()


if __name__ == "__main__":
    main()
