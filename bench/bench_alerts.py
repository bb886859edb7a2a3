"""Benchmark tosdiff's alerts: rendering cost and the outbox's overhead over bare HTTP POSTs.

1. Rendering: one alert mail (text + HTML, MIME-encoded) for a large real change, against
   json.dumps of the same event as a baseline measured in the same run.
2. Outbox: N events queued in one transaction, then delivered one POST each through
   deliver_pending() to a local receiver, against N bare requests.post() of the same size
   to the same receiver (baseline); and the same N events as one digest POST.

Data: ../shared/data/pages (Open Terms Archive, ODC-BY 1.0); falls back to synthetic text.
Run: python bench/bench_alerts.py [N]
"""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
import sqlite_utils  # noqa: E402

from tosdiff.alerts import build_change_event, deliver_pending, enqueue, ensure_schema, parse_alerts  # noqa: E402
from tosdiff.alerts.email import build_email  # noqa: E402
from tosdiff.models import CHANGED, MODIFIED, CheckResult, Document, Flag, Hunk, SectionChange  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "pages"


def paragraphs() -> list[str]:
    """Real terms paragraphs when the shared data is present, else synthetic ones."""
    out: list[str] = []
    for doc in ("bardeen-terms", "cursor-terms"):
        f = DATA / doc / "v1.md"
        if f.exists():
            out += [p for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 40]
    return out or [
        f"Clause {i}: the provider may use customer content to provide the services." * 3 for i in range(80)
    ]


def event(paras: list[str], name: str = "real", version: int = 2) -> dict:
    """A change touching every paragraph: one appended sentence each."""
    changes = []
    for i, p in enumerate(paras):
        add = " We may also use it to train our models."
        changes.append(SectionChange(MODIFIED, str(i), str(i), p[:50], p, p + add,
                                     (Hunk("equal", p, p), Hunk("insert", "", add)), 0.9))  # fmt: skip
    flag = Flag("ai-training", "high", "0", "train our models", "Your content may train AI models.")
    result = CheckResult(name, CHANGED, version, version - 1, changes=tuple(changes), flags=(flag,))
    doc = Document(name=name, url="https://example.com/terms", title="Real Terms")
    return build_change_event(doc, result, recorded_at="2024-01-01T00:00:00Z", previous_recorded_at=None)


def timeit(fn, repeat: int) -> float:
    t = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t) / repeat


class Sink(BaseHTTPRequestHandler):
    count = 0

    def do_POST(self) -> None:  # noqa: N802 - http.server hook name
        self.rfile.read(int(self.headers["Content-Length"]))
        Sink.count += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, *a) -> None:
        pass


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    paras = paragraphs()
    big = event(paras)
    [mail] = parse_alerts(
        [{"kind": "email", "name": "m", "smtp_host": "h", "from": "a@b.c", "to": ["d@e.f"]}], "b"
    )
    t_mail = timeit(lambda: build_email(mail, [big], "id").as_bytes(), 5)
    t_json = timeit(lambda: json.dumps(big), 5)
    size = len(build_email(mail, [big], "id").as_bytes())
    print(f"render: {len(big['changes'])} changed sections; mail {size / 1024:.0f} KiB in {t_mail * 1000:.1f} ms; "
          f"json.dumps baseline {t_json * 1000:.2f} ms; ratio {t_mail / t_json:.0f}x")  # fmt: skip

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadingHTTPServer(("127.0.0.1", port), Sink)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{port}/"
    small = [event(paras[:2], f"doc{i}") for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_utils.Database(Path(tmp) / "b.db")
        db.execute("PRAGMA journal_mode=WAL")
        ensure_schema(db)
        hooks = parse_alerts([{"kind": "webhook", "name": "h", "url": url},
                              {"kind": "webhook", "name": "d", "url": url, "digest": True}], "b")  # fmt: skip
        t = time.perf_counter()
        with db.atomic():
            for ev in small:
                enqueue(db, hooks[:1], ev)
        t_enq = time.perf_counter() - t
        t = time.perf_counter()
        out = deliver_pending(db, hooks[:1])
        t_out = time.perf_counter() - t
        assert len(out) == n and all(o.status == "delivered" for o in out), out[:3]
        body = json.dumps(small[0]).encode()
        t = time.perf_counter()
        for _ in range(n):
            requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
        t_raw = time.perf_counter() - t
        with db.atomic():
            for ev in small:
                enqueue(db, hooks[1:], ev)
        t = time.perf_counter()
        [digest] = deliver_pending(db, hooks[1:])
        t_dig = time.perf_counter() - t
    server.shutdown()
    print(
        f"outbox: enqueue {n} events in one transaction {t_enq * 1000:.0f} ms ({t_enq / n * 1e6:.0f} us/event)"
    )
    print(f"outbox: deliver {n} webhooks {t_out:.2f} s ({t_out / n * 1000:.1f} ms each) vs bare requests.post "
          f"{t_raw:.2f} s ({t_raw / n * 1000:.1f} ms each): overhead ratio {t_out / t_raw:.2f}x")  # fmt: skip
    print(
        f"outbox: digest of {len(digest.ids)} events in one POST {t_dig * 1000:.0f} ms ({t_out / t_dig:.0f}x faster than one each)"
    )


if __name__ == "__main__":
    main()
