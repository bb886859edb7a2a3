"""Fetching untrusted pages: no redirect from a public address into a private network, a document's
headers never follow a redirect off its host, credentials in the URL are sent but never stored or shown,
and slow headers are a timeout, not an empty page.

Every server here is on the loopback network. To have a "public" side without the internet, the
documented test hook `tosdiff.addresses.is_private_address` is replaced so that 127.0.0.2 counts as
public while 127.0.0.1 (and every other special address) stays private.
"""

from __future__ import annotations

import base64
import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import ROOT, write_config
from tosdiff import addresses
from tosdiff.addresses import is_private_address
from tosdiff.errors import BLOCKED, TRANSIENT, FetchError
from tosdiff.fetch import fetch, make_session
from tosdiff.models import Document
from tosdiff.redact import redact_text, redact_url

PAGE = (
    "<html><body><main><h1>Terms of Service</h1><h2>1. Scope</h2><p>These terms apply to everyone "
    "who uses the service, and by using it you agree to them and to our privacy notice, which explains "
    "how we collect and use personal data.</p><h2>2. Your Content</h2><p>You keep ownership of what you "
    "upload, and you grant us a licence to host and display it to run the service.</p><h2>3. Liability"
    "</h2><p>To the extent permitted by law, our liability is limited to what you paid us in the last "
    "twelve months.</p><h2>4. Changes</h2><p>We may change these terms, and we will tell you thirty "
    "days before a change takes effect.</p></main></body></html>"
)
SECRET_PAGE = "<html><body><h1>instance metadata</h1><p>iam-role-credentials: AKIA-SECRET</p></body></html>"
REAL_IS_PRIVATE = addresses.is_private_address


@pytest.fixture
def public_net(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.2 plays the public internet; everything else keeps the real rule."""
    monkeypatch.setattr(addresses, "is_private_address", lambda ip: ip != "127.0.0.2" and REAL_IS_PRIVATE(ip))


@pytest.fixture
def public_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.2", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def doc(url: str, **kw: object) -> Document:
    return Document(name="t", url=url, timeout=5, deadline=10, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ip", "private"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("192.168.0.1", True),
        ("172.16.5.5", True),
        ("169.254.169.254", True),  # cloud metadata
        ("100.64.0.1", True),  # carrier-grade NAT
        ("0.0.0.0", True),
        ("::1", True),
        ("fd00::1", True),  # unique-local
        ("fe80::1%eth0", True),  # link-local with a zone
        ("::ffff:127.0.0.1", True),  # IPv4-mapped loopback
        ("64:ff9b::a9fe:a9fe", True),  # NAT64 of 169.254.169.254
        ("93.184.215.14", False),
        ("2606:4700::6810:84e5", False),
    ],
)
def test_address_classes(ip: str, private: bool) -> None:
    assert is_private_address(ip) is private


def test_public_document_redirected_to_loopback_is_refused(
    public_net: None, public_server: HTTPServer, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/latest/meta-data").respond_with_data(SECRET_PAGE, content_type="text/html")
    target = httpserver.url_for("/latest/meta-data")
    public_server.expect_request("/terms").respond_with_response(
        Response(status=302, headers={"Location": target})
    )
    with pytest.raises(FetchError) as info:
        fetch(doc(public_server.url_for("/terms")))
    assert info.value.error_class == BLOCKED
    assert "127.0.0.1" in str(info.value) and "private" in str(info.value)
    # Refused on the connected address, before a single byte was sent to the private server.
    assert httpserver.log == []


def test_redirect_by_name_is_judged_by_the_address_it_resolves_to(
    public_net: None, public_server: HTTPServer, httpserver: HTTPServer
) -> None:
    """A host name (here `localhost`) is no way around the rule: the connected address is checked."""
    httpserver.expect_request("/admin").respond_with_data(SECRET_PAGE, content_type="text/html")
    public_server.expect_request("/terms").respond_with_response(
        Response(status=301, headers={"Location": f"http://localhost:{httpserver.port}/admin"})
    )
    with pytest.raises(FetchError) as info:
        fetch(doc(public_server.url_for("/terms")))
    assert info.value.error_class == BLOCKED
    assert httpserver.log == []


def test_a_kept_alive_private_connection_is_not_reused_by_a_public_document(
    public_net: None, public_server: HTTPServer, httpserver: HTTPServer
) -> None:
    """A pooled connection opened by a private document is checked again before a public one uses it."""
    httpserver.expect_request("/intranet").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/admin").respond_with_data(SECRET_PAGE, content_type="text/html")
    public_server.expect_request("/terms").respond_with_response(
        Response(status=302, headers={"Location": httpserver.url_for("/admin")})
    )
    session = make_session()
    try:
        assert b"Terms of Service" in fetch(doc(httpserver.url_for("/intranet")), session=session).body
        with pytest.raises(FetchError) as info:
            fetch(doc(public_server.url_for("/terms")), session=session)
        assert info.value.error_class == BLOCKED
    finally:
        session.close()
    assert [r.path for r, _ in httpserver.log] == ["/intranet"]


def test_private_document_may_redirect_within_private_addresses(httpserver: HTTPServer) -> None:
    """An intranet page (configured on a private address) keeps working, redirects included."""
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
        httpserver.expect_request("/old").respond_with_response(
            Response(status=302, headers={"Location": other.url_for("/terms")})
        )
        result = fetch(doc(httpserver.url_for("/old")))
    finally:
        other.stop()
    assert result.status == 200 and b"Terms of Service" in result.body
    assert result.url == other.url_for("/terms")


def test_public_to_public_redirect_still_works(public_net: None, public_server: HTTPServer) -> None:
    public_server.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    public_server.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": public_server.url_for("/terms")})
    )
    assert b"Terms of Service" in fetch(doc(public_server.url_for("/old"))).body


def _seen_headers(server: HTTPServer, path: str) -> dict[str, str]:
    return {k.lower(): v for r, _ in server.log if r.path == path for k, v in r.headers.items()}


def test_document_headers_are_dropped_when_a_redirect_leaves_the_host(httpserver: HTTPServer) -> None:
    headers = {"X-Api-Key": "k-123", "Cookie": "session=abc", "Authorization": "Bearer t0k"}
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/same-host").respond_with_response(
        Response(status=302, headers={"Location": "/terms"})
    )
    # 127.0.0.1 is another host name for the same server: the headers were meant for `localhost`.
    assert httpserver.url_for("/").startswith("http://localhost:")
    httpserver.expect_request("/elsewhere").respond_with_response(
        Response(status=302, headers={"Location": f"http://127.0.0.1:{httpserver.port}/terms"})
    )
    fetch(doc(httpserver.url_for("/same-host"), headers=headers))
    kept = _seen_headers(httpserver, "/terms")
    assert kept["x-api-key"] == "k-123" and kept["cookie"] == "session=abc"
    httpserver.clear_log()
    fetch(doc(httpserver.url_for("/elsewhere"), headers=headers))
    assert _seen_headers(httpserver, "/elsewhere")["x-api-key"] == "k-123"
    after = _seen_headers(httpserver, "/terms")
    assert after, "the redirect was followed"
    assert not {"x-api-key", "cookie", "authorization"} & set(after)
    assert after["user-agent"].startswith("tosdiff/")


# --- credentials in the URL ---------------------------------------------------------------------


def _basic_auth_server(httpserver: HTTPServer, user: str, password: str) -> None:
    want = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    # Relative links, kept in the text as their absolute targets, must not inherit the credentials.
    page = PAGE.replace(
        "our privacy notice", 'our <a href="/privacy">privacy notice</a> (<a href="#s2">2</a>)'
    )

    def handler(request: Request) -> Response:
        if request.headers.get("Authorization") != want:
            return Response("login required", status=401, headers={"WWW-Authenticate": 'Basic realm="t"'})
        return Response(page, content_type="text/html")

    httpserver.expect_request("/terms").respond_with_handler(handler)


def test_basic_auth_from_the_url_is_sent(httpserver: HTTPServer) -> None:
    _basic_auth_server(httpserver, "reader", "pa ss:w0rd")
    url = httpserver.url_for("/terms").replace("http://", "http://reader:pa%20ss%3Aw0rd@")
    result = fetch(doc(url))
    assert result.status == 200 and b"Terms of Service" in result.body


def test_url_credentials_are_never_stored_or_shown(tmp_path: Path, httpserver: HTTPServer) -> None:
    """check, then the database, `list`, `list --json`, `status`, the report and an export hold no secret."""
    _basic_auth_server(httpserver, "reader", "hunter2pw")
    url = (
        httpserver.url_for("/terms").replace("http://", "http://reader:hunter2pw@")
        + "?lang=en&token=tok99xyz"
    )
    config = write_config(tmp_path, [{"name": "private-terms", "url": url}])

    def run(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "tosdiff", "--config", str(config), *args],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        shown.append(proc.stderr)
        return proc.stdout

    shown: list[str] = []
    checked = json.loads(run("check", "--json"))
    assert checked["documents"][0]["status"] == "new", checked  # the credentials were sent
    shown += [run("list"), run("list", "--json"), run("status", "--json")]
    text = run("show", "private-terms")
    assert f"(http://localhost:{httpserver.port}/privacy)" in text
    shown.append(text)
    run("report", "--out", str(tmp_path / "site"))
    run("export", "private-terms", "--format", "json", str(tmp_path / "export"))
    texts = list(shown)
    texts += [p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file()]
    texts += [p.read_text(errors="replace") for p in (tmp_path / "export").rglob("*") if p.is_file()]
    db = sqlite3.connect(tmp_path / "db" / "tosdiff.db")
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        texts.append(repr(db.execute(f'SELECT * FROM "{table}"').fetchall()))
    stored = db.execute("SELECT url FROM documents").fetchone()[0]
    db.close()
    everything = "\n".join(texts)
    assert "hunter2pw" not in everything and "tok99xyz" not in everything
    assert stored == f"http://***@localhost:{httpserver.port}/terms?lang=en&token=***"
    assert "lang=en" in everything  # an ordinary parameter is left alone


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://u:p@example.com/t", "https://***@example.com/t"),
        ("https://example.com/t?a=1&access_token=x&b=2", "https://example.com/t?a=1&access_token=***&b=2"),
        ("https://example.com/t?API-Key=x;sig=y", "https://example.com/t?API-Key=***;sig=***"),
        ("https://example.com/t?monkey=1&keyword=2", "https://example.com/t?monkey=1&keyword=2"),
        ("https://example.com/terms", "https://example.com/terms"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_redact_text_masks_urls_and_bare_queries() -> None:
    text = "failed at https://me:pw@h.example/x and with url: /t?password=abc&page=2"
    assert redact_text(text) == "failed at https://***@h.example/x and with url: /t?password=***&page=2"


# --- slow headers -------------------------------------------------------------------------------


class TricklingServer:
    """Answers a status line at once, then one header byte every `every` seconds, forever."""

    def __init__(self, every: float = 0.3, headers_only: bool = True) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.every = every
        self.headers_only = headers_only
        self.closed = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            if self.headers_only:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
                while not self.closed.is_set():
                    conn.sendall(b"X")
                    time.sleep(self.every)
            else:
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>")
                while not self.closed.is_set():
                    conn.sendall(b"<p>terms</p>")
                    time.sleep(self.every)
        except OSError:
            pass
        finally:
            conn.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/terms"

    def close(self) -> None:
        self.closed.set()
        self.sock.close()


def test_slow_headers_are_a_timeout_not_an_empty_body() -> None:
    server = TricklingServer()
    try:
        started = time.monotonic()
        with pytest.raises(FetchError) as info:
            fetch(Document(name="t", url=server.url, timeout=5, deadline=1.5))
        took = time.monotonic() - started
    finally:
        server.close()
    assert info.value.error_class == TRANSIENT, str(info.value)
    assert "deadline" in str(info.value)
    assert took < 5


def test_stopping_a_run_cuts_a_trickling_fetch_at_once(tmp_path: Path) -> None:
    """SIGTERM during a fetch that trickles until its 60 s deadline: the daemon is gone in seconds."""
    import signal

    server = TricklingServer(headers_only=False)
    config = write_config(
        tmp_path,
        [{"name": "slow", "url": server.url, "deadline": 60, "timeout": 30}],
        extra="\n[schedule]\njitter = 0\n",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), "daemon", "--run-now"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    try:
        time.sleep(4)  # started, and well into the trickling body
        assert proc.poll() is None
        stopped_at = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
        took = time.monotonic() - stopped_at
    finally:
        if proc.poll() is None:
            proc.kill()
        server.close()
    assert proc.returncode == 0
    assert took < 8, f"the process lived {took:.1f}s after SIGTERM"


def _serve(host: str, handler_fn) -> tuple[object, int]:
    """A stdlib HTTP server on `host` whose GET answers with handler_fn(path) -> (status, headers, body)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            status, headers, body = handler_fn(self.path)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def test_a_local_proxy_does_not_make_a_public_document_private(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behind a proxy on a loopback or 10.x address, the first connection is to the proxy: its address
    must not count as the document's, or a public page could redirect into a host that no_proxy lets
    tosdiff reach directly (an intranet service, a metadata endpoint)."""
    secret = b"<html><body><main><h1>Terms</h1><p>INTERNAL SECRET token.</p></main></body></html>"
    intranet, intranet_port = _serve("127.0.0.3", lambda path: (200, {"Content-Type": "text/html"}, secret))
    target = f"http://127.0.0.3:{intranet_port}/latest/meta-data"
    # The proxy relays the public page, which answers with a redirect into the intranet.
    proxy, proxy_port = _serve("127.0.0.1", lambda path: (302, {"Location": target}, b""))
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{proxy_port}")
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.3")
    monkeypatch.delenv("NO_PROXY", raising=False)
    session = make_session(retries=0)
    try:
        doc = Document(name="t", url="http://terms.invalid/tos", timeout=5, deadline=10)
        with pytest.raises(FetchError) as caught:
            fetch(doc, session=session)
    finally:
        session.close()
        proxy.shutdown()
        intranet.shutdown()
    assert caught.value.error_class == BLOCKED and "127.0.0.3" in str(caught.value)
