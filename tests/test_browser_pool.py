"""render = "browser" at scale: one Chromium per run, a fresh context per document, a crash survived,
each page bounded by its document's deadline, the browser gone with the run, and no page of a public
document fed from a private address.

Skipped cleanly when Playwright or Chromium is absent.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import write_config
from tosdiff import addresses
from tosdiff.browser import BrowserPool, browser_unavailable
from tosdiff.config import load_config
from tosdiff.errors import BLOCKED, TRANSIENT, FetchError
from tosdiff.models import Document
from tosdiff.runner import Checker
from tosdiff.store import Store

pytestmark = pytest.mark.skipif(browser_unavailable() is not None, reason=str(browser_unavailable()))

# The terms are built by a script; the page also sets a cookie, to show contexts do not share state.
JS_PAGE = """<!doctype html><html><head><title>Terms</title></head><body><main id="app"></main>
<script>
document.cookie = "seen=" + location.pathname.replace(/\\W/g, "") + "; path=/";
const main = document.getElementById("app");
for (const [h, p] of [["1. Scope", "These terms apply to page PAGE and to every user of it."],
                      ["2. Licence", "You grant us a worldwide licence to host, copy and display the content you upload."],
                      ["3. Termination", "Either party may end this agreement at any time with thirty days' notice."],
                      ["4. Liability", "To the extent permitted by law our liability is limited to the fees paid."]]) {
  const h2 = document.createElement("h2"); h2.textContent = h; main.appendChild(h2);
  const el = document.createElement("p"); el.textContent = p.replace("PAGE", location.pathname);
  main.appendChild(el);
}
</script></body></html>"""
REAL_IS_PRIVATE = addresses.is_private_address


def browser_doc(url: str, deadline: float = 30, name: str = "b") -> Document:
    return Document(name=name, url=url, timeout=min(10, deadline), deadline=deadline, render="browser")


def chromium_children() -> list[int]:
    """Pids of the Chromium processes descending from this test process."""
    return chromium_descendants(os.getpid())


def chromium_descendants(root: int) -> list[int]:
    """Pids of the Chromium processes descending from process `root`."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents[int(entry)], names[int(entry)] = ppid, name
    me = root

    def descends(pid: int) -> bool:
        seen = set()
        while pid in parents and pid not in seen:
            seen.add(pid)
            pid = parents[pid]
            if pid == me:
                return True
        return False

    return [pid for pid, name in names.items() if "chrom" in name and descends(pid)]


@pytest.fixture
def pool() -> Iterator[BrowserPool]:
    p = BrowserPool()
    yield p
    p.close()


def test_one_browser_for_many_pages_each_in_a_fresh_context(
    httpserver: HTTPServer, pool: BrowserPool
) -> None:
    cookies: list[str] = []

    def page(request: Request) -> Response:
        cookies.append(request.headers.get("Cookie", ""))
        return Response(JS_PAGE, content_type="text/html")

    httpserver.expect_request(re.compile(r"/p\d+")).respond_with_handler(page)
    bodies = [pool.fetch(browser_doc(httpserver.url_for(f"/p{i}"))).body for i in range(6)]
    assert pool.launches == 1
    for i, body in enumerate(bodies):
        assert f"These terms apply to page /p{i}".encode() in body
    # Each page set a cookie; no later page was sent one: every document had a context of its own.
    assert cookies == [""] * 6


def test_pages_render_at_once_from_many_threads(httpserver: HTTPServer, pool: BrowserPool) -> None:
    httpserver.expect_request(re.compile(r"/t\d+")).respond_with_data(JS_PAGE, content_type="text/html")
    results: dict[int, bytes] = {}

    def one(i: int) -> None:
        results[i] = pool.fetch(browser_doc(httpserver.url_for(f"/t{i}"))).body

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(results) == list(range(8))
    assert all(f"page /t{i}".encode() in body for i, body in results.items())
    assert pool.launches == 1


def test_a_crashed_browser_is_started_again(httpserver: HTTPServer, pool: BrowserPool) -> None:
    httpserver.expect_request("/terms").respond_with_data(JS_PAGE, content_type="text/html")
    url = httpserver.url_for("/terms")
    assert b"page /terms" in pool.fetch(browser_doc(url)).body
    victims = chromium_children()
    assert victims, "the browser runs as a child of this process"
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    time.sleep(0.5)
    assert b"page /terms" in pool.fetch(browser_doc(url)).body
    assert pool.launches == 2


def test_a_page_that_never_loads_ends_at_its_deadline(httpserver: HTTPServer, pool: BrowserPool) -> None:
    """An image that trickles forever keeps `load` from firing: the document's deadline ends the page."""
    stop = threading.Event()

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            while not stop.is_set():
                yield b"x"
                time.sleep(0.2)

        return Response(body(), content_type="image/png")

    httpserver.expect_request("/slow.png").respond_with_handler(trickle)
    httpserver.expect_request("/terms").respond_with_data(
        '<html><body><h1>Terms</h1><img src="/slow.png"></body></html>', content_type="text/html"
    )
    started = time.monotonic()
    try:
        with pytest.raises(FetchError) as info:
            pool.fetch(browser_doc(httpserver.url_for("/terms"), deadline=3))
    finally:
        stop.set()
    took = time.monotonic() - started
    assert info.value.error_class == TRANSIENT
    assert took < 12, f"{took:.1f}s for a 3 s deadline"


def test_closing_the_pool_ends_pages_still_loading_and_the_browser(httpserver: HTTPServer) -> None:
    stop = threading.Event()

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b"<html><body><h1>Terms</h1>"
            while not stop.is_set():
                yield b"<p>more</p>"
                time.sleep(0.2)

        return Response(body(), content_type="text/html")

    httpserver.expect_request("/forever").respond_with_handler(trickle)
    pool = BrowserPool()
    errors: list[FetchError] = []

    def run() -> None:
        try:
            pool.fetch(browser_doc(httpserver.url_for("/forever"), deadline=60))
        except FetchError as e:
            errors.append(e)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(3)
    assert chromium_children()
    closed_at = time.monotonic()
    pool.close()
    thread.join(20)
    stop.set()
    assert not thread.is_alive()
    assert time.monotonic() - closed_at < 15
    assert errors and errors[0].error_class == TRANSIENT
    time.sleep(1)
    assert chromium_children() == []


def test_a_run_starts_one_browser_and_stops_it(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(re.compile(r"/d\d+")).respond_with_data(JS_PAGE, content_type="text/html")
    docs = [
        {"name": f"d{i}", "url": httpserver.url_for(f"/d{i}"), "render": "browser", "select": ["main"]}
        for i in range(5)
    ]
    config = load_config(write_config(tmp_path, docs))
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store, workers=4)
    try:
        report = checker.check(config.documents, deliver=False)
        assert [r.status for r in report.results] == ["new"] * 5, [r.error for r in report.results]
        assert checker.browser.launches == 1
    finally:
        checker.close()
        store.close()
    time.sleep(1)
    assert chromium_children() == []


@pytest.fixture
def public_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.2", port=0)
    server.start()
    yield server
    if server.is_running():
        server.stop()


def test_a_public_page_redirected_into_a_private_address_is_refused(
    monkeypatch: pytest.MonkeyPatch, public_server: HTTPServer, httpserver: HTTPServer, pool: BrowserPool
) -> None:
    monkeypatch.setattr(addresses, "is_private_address", lambda ip: ip != "127.0.0.2" and REAL_IS_PRIVATE(ip))
    httpserver.expect_request("/admin").respond_with_data(
        "<html><body><h1>Admin</h1><p>secret-token-42</p></body></html>", content_type="text/html"
    )
    public_server.expect_request("/terms").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/admin")})
    )
    with pytest.raises(FetchError) as info:
        pool.fetch(browser_doc(public_server.url_for("/terms")))
    assert info.value.error_class == BLOCKED, str(info.value)
    # Refused before the request: Chromium follows redirects itself, so this is the page's proxy.
    assert httpserver.log == []
    # And a private document (both servers on the private side) may follow the same redirect.
    monkeypatch.setattr(addresses, "is_private_address", REAL_IS_PRIVATE)
    body = pool.fetch(browser_doc(public_server.url_for("/terms"))).body
    assert b"secret-token-42" in body


def test_a_documents_headers_never_follow_a_redirect_to_another_host(
    httpserver: HTTPServer, pool: BrowserPool
) -> None:
    """Chromium would carry them along: a page with configured headers may not leave its host."""
    httpserver.expect_request("/terms").respond_with_data(JS_PAGE, content_type="text/html")
    httpserver.expect_request("/moved").respond_with_response(
        Response(status=302, headers={"Location": f"http://127.0.0.1:{httpserver.port}/terms"})
    )
    httpserver.expect_request("/local").respond_with_response(
        Response(status=302, headers={"Location": "/terms"})
    )
    headers = {"X-Api-Key": "k-123"}
    assert httpserver.url_for("/").startswith("http://localhost:")
    body = pool.fetch(
        Document(name="h", url=httpserver.url_for("/local"), render="browser", headers=headers)
    ).body
    assert b"page /terms" in body
    assert all(r.headers.get("X-Api-Key") == "k-123" for r, _ in httpserver.log)
    httpserver.clear_log()
    with pytest.raises(FetchError) as info:
        pool.fetch(Document(name="h", url=httpserver.url_for("/moved"), render="browser", headers=headers))
    assert info.value.error_class == BLOCKED
    assert [r.path for r, _ in httpserver.log] == ["/moved"]


def test_the_browser_is_replaced_after_its_page_allowance(httpserver: HTTPServer) -> None:
    """Whatever a long run's browser leaks is bounded: it is renewed every `recycle_after` pages."""
    httpserver.expect_request("/terms").respond_with_data(JS_PAGE, content_type="text/html")
    with BrowserPool(recycle_after=2) as pool:
        for _ in range(5):
            assert b"page /terms" in pool.fetch(browser_doc(httpserver.url_for("/terms"))).body
        assert pool.launches == 3


def test_sigterm_ends_the_daemon_and_its_browser_while_a_page_loads(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    """A page that loads forever (deadline 60 s) must not keep a stopped daemon or its Chromium alive."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    stop = threading.Event()

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b"<html><body><h1>Terms</h1>"
            while not stop.is_set():
                yield b"<p>more</p>"
                time.sleep(0.2)

        return Response(body(), content_type="text/html")

    httpserver.expect_request("/forever").respond_with_handler(trickle)
    config = write_config(
        tmp_path,
        [{"name": "slow", "url": httpserver.url_for("/forever"), "render": "browser", "deadline": 60}],
        extra="\n[schedule]\njitter = 0\n",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), "daemon", "--run-now"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60
        while not chromium_descendants(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert chromium_descendants(proc.pid), "the daemon started its browser"
        time.sleep(2)  # the page is loading
        browsers = chromium_descendants(proc.pid)
        stopped_at = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
        took = time.monotonic() - stopped_at
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert took < 15, f"the daemon lived {took:.1f}s after SIGTERM"
    time.sleep(1)
    assert [pid for pid in browsers if alive(pid)] == [], "Chromium outlived the daemon"


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"
