"""Fault injection: a raw-socket HTTP server on 127.0.0.1 misbehaves in every way real sites do.

Each fault must end as the right error class, store no version, keep the earlier version the latest,
and the next healthy answer must read as `unchanged`. Sleeps are bounded by 1-3 s deadlines.
"""

from __future__ import annotations

import random
import socket
import sqlite3
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tosdiff.errors import BAD_CONTENT, BLOCKED, GONE, NOT_FOUND, TOO_LARGE, TRANSIENT, FetchError
from tosdiff.fetch import fetch, make_session
from tosdiff.models import Document

TERMS = """<!doctype html><html><head><title>Acme Terms</title></head><body>
<nav><a href="/">Home</a></nav>
<main>
<h1>Acme Terms of Service</h1>
<h2>1. Acceptance</h2>
<p>By using the Acme service you agree to these terms. If you do not agree, do not use the service.</p>
<h2>2. Your Content</h2>
<p>You keep all rights in the content you upload. You grant Acme a limited licence to host and display
it only to provide the service to you.</p>
<h2>3. Termination</h2>
<p>You may close your account at any time. We may suspend accounts that break these terms after notice.</p>
</main></body></html>"""

CAPTCHA = """<!doctype html><html><head><title>Just a moment...</title></head><body>
<div id="cf-challenge">Checking your browser before accessing the site. Please enable JavaScript and
cookies to continue.</div><script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script>
</body></html>"""

LOGIN = """<!doctype html><html><head><title>Sign in</title></head><body>
<form action="/login" method="post"><label>Email <input name="email"></label>
<label>Password <input type="password" name="password"></label><button>Sign in</button></form>
</body></html>"""

# The same terms moved into <article>: the configured `main` selector no longer matches.
RESTYLED = TERMS.replace("<main>", "<article>").replace("</main>", "</article>")

Handler = Callable[["Conn"], None]


class Conn:
    """One accepted connection: the request's path, how often that path was asked, raw send helpers."""

    def __init__(
        self, sock: socket.socket, path: str, hits: int, stop: threading.Event, rest: bytes = b""
    ) -> None:
        self.sock, self.path, self.hits, self.stop = sock, path, hits, stop
        self.rest = rest  # bytes of the request body that arrived with its head

    def send(self, data: bytes) -> None:
        """Send raw bytes."""
        self.sock.sendall(data)

    def respond(self, status: int, body: bytes | str = b"", headers: dict[str, str] | None = None) -> None:
        """Send a whole HTTP/1.1 response and let the connection close."""
        if isinstance(body, str):
            body = body.encode()
        head = {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}
        head.update(headers or {})
        head["Connection"] = "close"
        lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in head.items()]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


class FaultServer:
    """A threaded HTTP/1.1 server on 127.0.0.1; each path answers with a test-chosen handler."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: dict[str, int] = {}
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(sock,), daemon=True).start()

    def _handle(self, sock: socket.socket) -> None:
        try:
            sock.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data and len(data) < 65536:
                part = sock.recv(4096)
                if not part:
                    return
                data += part
            path = data.split(b" ", 2)[1].decode().split("?")[0]
            with self.lock:
                self.hits[path] = self.hits.get(path, 0) + 1
                hits = self.hits[path]
            handler = self.routes.get(path) or (lambda c: c.respond(404, "no such page"))
            handler(Conn(sock, path, hits, self.stop, data.split(b"\r\n\r\n", 1)[1]))
        except OSError:
            pass  # the client gave up (deadline, size limit): expected in these tests
        finally:
            try:
                sock.close()
            except OSError:
                pass

    def close(self) -> None:
        """Stop accepting and wake every handler that waits."""
        self.stop.set()
        self.listener.close()


@pytest.fixture
def server():
    srv = FaultServer()
    yield srv
    srv.close()


# --- fault handlers ---------------------------------------------------------------------------


def page(body: str | bytes = TERMS, **headers: str) -> Handler:
    """Answer 200 with this body."""
    return lambda c: c.respond(200, body, headers)


def status(code: int, body: str = "error", **headers: str) -> Handler:
    """Answer with this status."""
    return lambda c: c.respond(code, body, headers)


def hang(c: Conn) -> None:
    """Read the request, then answer nothing until the test ends."""
    c.stop.wait(15)


def reset(c: Conn) -> None:
    """Abort the connection with a TCP RST before any answer."""
    c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    c.sock.close()


def flaky(first: Handler, then: Handler, times: int = 1) -> Handler:
    """`first` for the first `times` requests of this path, then `then`."""
    return lambda c: (first if c.hits <= times else then)(c)


def truncated(c: Conn) -> None:
    """Promise 10,000 bytes, send 600, close."""
    body = TERMS.encode()[:600]
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000\r\n\r\n" + body)


def trickle(c: Conn) -> None:
    """Send one byte every 0.1 s forever: each read is fast, the whole never ends."""
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n")
    while not c.stop.wait(0.1):
        c.send(b"<")


def huge(c: Conn) -> None:
    """A 50 MB body, declared."""
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 52428800\r\n\r\n")
    block = b"a" * 65536
    for _ in range(800):
        c.send(block)


def huge_chunked(c: Conn) -> None:
    """A 50 MB body in chunked encoding, no length announced."""
    c.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
    block = b"a" * 65536
    for _ in range(800):
        c.send(b"%x\r\n%s\r\n" % (len(block), block))
    c.send(b"0\r\n\r\n")


def _gzip_bomb() -> bytes:
    """1 GiB of zeros as gzip: a 16 MiB member made by streaming zlib, repeated 64 times (~1 MB)."""
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    member = b"".join(comp.compress(zeros) for _ in range(16)) + comp.flush()
    return member * 64


def gzip_bomb(c: Conn) -> None:
    """Serve the bomb as a gzip-encoded HTML page."""
    c.respond(200, GZIP_BOMB, {"Content-Encoding": "gzip"})


GZIP_BOMB = _gzip_bomb()
GARBAGE = random.Random(7).randbytes(20000)


def redirect(to: str) -> Handler:
    """302 to another path."""
    return lambda c: c.respond(302, "", {"Location": to})


# --- in-process: the fetch layer alone, with timing -------------------------------------------


def doc(url: str, **kw) -> Document:
    """A document with short, test-sized limits."""
    kw.setdefault("timeout", 1.0)
    kw.setdefault("deadline", 2.0)
    return Document(name="t", url=url, **kw)


def fetch_error(d: Document, retries: int = 2) -> tuple[FetchError, float]:
    """Fetch expecting a failure; return it and the seconds it took."""
    session = make_session(retries=retries)
    started = time.monotonic()
    try:
        with pytest.raises(FetchError) as info:
            fetch(d, session=session)
    finally:
        session.close()
    return info.value, time.monotonic() - started


def test_hang_is_transient_within_deadline(server) -> None:
    server.routes["/hang"] = hang
    err, took = fetch_error(doc(server.url("/hang")))
    assert err.error_class == TRANSIENT
    assert took < 2.8  # deadline 2 s: read timeouts and retries together stay inside it


def test_trickling_body_is_cut_at_deadline(server) -> None:
    server.routes["/trickle"] = trickle
    err, took = fetch_error(doc(server.url("/trickle"), timeout=1.0, deadline=1.5))
    assert err.error_class == TRANSIENT
    assert "deadline" in str(err)
    assert 1.4 < took < 2.5


def test_reset_is_retried_then_transient(server) -> None:
    server.routes["/reset"] = reset
    err, _ = fetch_error(doc(server.url("/reset"), deadline=3.0))
    assert err.error_class == TRANSIENT
    assert server.hits["/reset"] == 3  # the first try and two retries


def test_500_then_200_succeeds_on_retry(server) -> None:
    server.routes["/flaky"] = flaky(status(500), page())
    session = make_session(retries=2)
    result = fetch(doc(server.url("/flaky")), session=session)
    session.close()
    assert result.status == 200 and result.attempts == 2 and b"Acme" in result.body


def test_429_retry_after_is_honoured(server) -> None:
    server.routes["/busy"] = flaky(status(429, **{"Retry-After": "1"}), page())
    session = make_session(retries=2)
    started = time.monotonic()
    result = fetch(doc(server.url("/busy"), deadline=3.0), session=session)
    took = time.monotonic() - started
    session.close()
    assert result.status == 200 and result.attempts == 2
    assert took >= 0.95  # it really waited the second the server asked for


def test_429_retry_after_beyond_budget_fails_fast(server) -> None:
    server.routes["/busy"] = status(429, **{"Retry-After": "3600"})
    err, took = fetch_error(doc(server.url("/busy"), deadline=3.0))
    assert err.error_class == TRANSIENT and "deadline" in str(err)
    assert took < 1.0
    assert server.hits["/busy"] == 1


def test_gzip_bomb_stops_at_max_bytes_with_bounded_memory(server) -> None:
    server.routes["/bomb"] = gzip_bomb
    tracemalloc.start()
    try:
        err, _ = fetch_error(doc(server.url("/bomb"), max_bytes=2_000_000, deadline=3.0))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.error_class == TOO_LARGE
    assert peak < 40_000_000  # a 1 GiB expansion never happened in memory


@pytest.mark.parametrize(
    ("handler", "error_class"),
    [
        (truncated, TRANSIENT),
        (huge, TOO_LARGE),
        (huge_chunked, TOO_LARGE),
        (page(GARBAGE), BAD_CONTENT),
        (page(""), BAD_CONTENT),
        (page(b"\x89PNG\r\n", **{"Content-Type": "image/png"}), BAD_CONTENT),
        (status(404), NOT_FOUND),
        (status(410), GONE),
        (status(403, CAPTCHA), BLOCKED),
        (status(503), TRANSIENT),
    ],
    ids=["truncated", "50mb", "50mb-chunked", "garbage", "empty", "image", "404", "410", "403", "503"],
)
def test_fetch_fault_classes(server, handler: Handler, error_class: str) -> None:
    server.routes["/x"] = handler
    err, took = fetch_error(doc(server.url("/x"), max_bytes=1_000_000), retries=0)
    assert err.error_class == error_class, str(err)
    assert took < 2.8


def test_redirect_loop_and_login_redirect_are_blocked(server) -> None:
    server.routes["/loop"] = redirect("/loop")
    server.routes["/terms"] = redirect("/account/login?next=/terms")
    server.routes["/account/login"] = page(LOGIN)
    err, _ = fetch_error(doc(server.url("/loop")), retries=0)
    assert err.error_class == BLOCKED and "redirect" in str(err)
    err, _ = fetch_error(doc(server.url("/terms")), retries=0)
    assert err.error_class == BLOCKED and "login" in str(err)


def test_utf16_page_is_not_mistaken_for_garbage(server) -> None:
    body = TERMS.encode("utf-16")
    server.routes["/u16"] = page(body, **{"Content-Type": "text/html; charset=utf-16"})
    result = fetch(doc(server.url("/u16")), session=make_session(retries=0))
    assert result.body == body


# --- end to end: the real CLI, every fault at once, nothing stored, then recovery -------------

FAULTS: dict[str, tuple[Handler, str | None]] = {
    # name: (handler while faulty, expected error class; None = the retry recovers: unchanged)
    "hang": (hang, TRANSIENT),
    "reset": (reset, TRANSIENT),
    "flaky500": (flaky(status(500), page()), None),
    "retry-after": (flaky(status(429, **{"Retry-After": "1"}), page()), None),
    "retry-after-long": (status(429, **{"Retry-After": "3600"}), TRANSIENT),
    "truncated": (truncated, TRANSIENT),
    "trickle": (trickle, TRANSIENT),
    "garbage": (page(GARBAGE), BAD_CONTENT),
    "huge": (huge, TOO_LARGE),
    "bomb": (gzip_bomb, TOO_LARGE),
    "loop": (redirect("/d/loop"), BLOCKED),
    "empty": (page(""), BAD_CONTENT),
    "captcha": (page(CAPTCHA), BLOCKED),
    "challenge403": (status(403, CAPTCHA), BLOCKED),
    "login": (redirect("/signin?return=/d/login"), BLOCKED),
    "selector": (page(RESTYLED), BAD_CONTENT),
    "gone": (status(410), GONE),
    "missing": (status(404), NOT_FOUND),
}


def _versions(db: Path) -> dict[str, list[int]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT document, version FROM versions ORDER BY document, version").fetchall()
    out: dict[str, list[int]] = {}
    for name, number in rows:
        out.setdefault(name, []).append(number)
    return out


def test_every_fault_end_to_end_keeps_history_and_recovers(server, make_cli) -> None:
    names = [*FAULTS, "healthy"]
    for name in names:
        server.routes[f"/d/{name}"] = page()
    server.routes["/signin"] = page(LOGIN)
    docs = [
        {"name": n, "url": server.url(f"/d/{n}"), "select": ["main"], "timeout": 1, "deadline": 2}
        for n in names
    ]
    cli = make_cli(docs)
    # The shared test config has retries = 0; these faults need the retry policy at work.
    cli.config.write_text(
        cli.config.read_text().replace("retries = 0", "retries = 2").replace("timeout = 5", "timeout = 1")
        + "\n"
    )
    cli.config.write_text(cli.config.read_text().replace("[fetch]\n", "[fetch]\nmax_bytes = 2000000\n"))
    db = cli.config.parent / "db" / "tosdiff.db"

    code, out = cli.json("check")
    assert code == 0, out
    assert {d["name"]: d["status"] for d in out["documents"]} == dict.fromkeys(names, "new")
    before = _versions(db)

    for name, (handler, _) in FAULTS.items():
        server.routes[f"/d/{name}"] = handler
    # The healthy document really changes meanwhile: one broken neighbour must not stop it.
    server.routes["/d/healthy"] = page(TERMS.replace("after notice", "without notice"))
    started = time.monotonic()
    code, out = cli.json("check", timeout=90)
    took = time.monotonic() - started
    assert code == 1  # some documents failed
    got = {d["name"]: d for d in out["documents"]}
    for name, (_, error_class) in FAULTS.items():
        if error_class is None:
            assert got[name]["status"] == "unchanged", got[name]
        else:
            assert got[name]["status"] == "error", got[name]
            assert got[name]["error_class"] == error_class, (name, got[name]["error"])
            assert got[name]["version"] == 1  # the earlier version is still the latest
    assert got["healthy"]["status"] == "changed" and got["healthy"]["version"] == 2
    after = _versions(db)
    assert {n: v for n, v in after.items() if n != "healthy"} == {
        n: v for n, v in before.items() if n != "healthy"
    }
    assert took < 60

    code, hist = cli.json("history", "bomb")
    assert [h["version"] for h in hist] == [1]

    for name in FAULTS:
        server.routes[f"/d/{name}"] = page()
    code, out = cli.json("check")
    assert code == 0, out
    assert {d["name"]: d["status"] for d in out["documents"]} == dict.fromkeys(names, "unchanged")
    assert _versions(db) == after


# --- flapping pages: A -> B -> A is a revert, alerted only when asked -------------------------


def test_flapping_page_is_recorded_as_reverted_and_alerts_only_when_asked(server, make_cli) -> None:
    import json

    posts: list[dict] = []

    def hook(c: Conn) -> None:
        # Read the JSON body (part of it may have come with the request head).
        c.sock.settimeout(2)
        data = c.rest
        try:
            while True:
                try:
                    posts.append(json.loads(data))
                    break
                except ValueError:
                    pass
                part = c.sock.recv(65536)
                if not part:
                    break
                data += part
        except OSError:
            pass
        c.respond(200, "{}", {"Content-Type": "application/json"})

    server.routes["/hook"] = hook
    b_page = TERMS.replace("after notice", "without notice")
    for name in ("quiet", "loud"):
        server.routes[f"/d/{name}"] = page()
    alerts = f'\n[[alerts]]\nkind = "webhook"\nname = "hook"\nurl = "{server.url("/hook")}"\n'
    cli = make_cli(
        [
            {"name": "quiet", "url": server.url("/d/quiet"), "select": ["main"]},
            {"name": "loud", "url": server.url("/d/loud"), "select": ["main"], "alert_on_revert": True},
        ],
        alerts,
    )
    steps = [(page(), "new"), (page(b_page), "changed"), (page(), "reverted")]
    for handler, want in steps:
        for name in ("quiet", "loud"):
            server.routes[f"/d/{name}"] = handler
        code, out = cli.json("check")
        assert {d["name"]: d["status"] for d in out["documents"]} == {"quiet": want, "loud": want}, out
    code, hist = cli.json("history", "quiet")
    assert [(h["version"], h["kind"], h["reverted_to"]) for h in hist] == [
        (1, "new", None),
        (2, "changed", None),
        (3, "reverted", 1),
    ]
    text = json.dumps(posts)
    # Both documents alerted their change; only `loud` (alert_on_revert = true) alerted its revert.
    assert text.count('"quiet"') >= 1 and text.count('"loud"') >= 1
    assert "reverted" not in json.dumps([p for p in posts if '"quiet"' in json.dumps(p)])
    assert "reverted" in json.dumps([p for p in posts if '"loud"' in json.dumps(p)])
