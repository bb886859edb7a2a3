"""The fetch's HTTP client (tosdiff.fetch.client, urllib3 underneath) keeps what requests used to give.

Cookies a response sets are sent back (across a redirect and for the rest of the run), proxies come
from the environment, ~/.netrc credentials are sent to their host, URLs are quoted as requests quoted
them, and a 304 leaves its connection reusable. Every server is a real one on 127.0.0.1.
"""

from __future__ import annotations

import base64
import os
import shutil
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tosdiff.errors import FetchError
from tosdiff.fetch import fetch, make_session
from tosdiff.fetch.client import prepare_url
from tosdiff.models import Document

PAGE = "<html><body><main><h1>Terms of Service</h1><p>You agree to these terms.</p></main></body></html>"


def doc(url: str, **kw: object) -> Document:
    return Document(name="t", url=url, timeout=5, deadline=10, **kw)  # type: ignore[arg-type]


def test_a_cookie_set_by_a_redirect_is_sent_to_its_target_and_kept_for_the_run(
    httpserver: HTTPServer,
) -> None:
    """A consent redirect (Set-Cookie, then back) must not become a redirect loop."""

    def start(request: Request) -> Response:
        if request.cookies.get("consent") == "yes":
            return Response(PAGE, content_type="text/html")
        resp = Response(status=302, headers={"Location": "/terms"})
        resp.set_cookie("consent", "yes", path="/")
        return resp

    httpserver.expect_request("/terms").respond_with_handler(start)
    session = make_session(retries=0)
    try:
        result = fetch(doc(httpserver.url_for("/terms")), session=session)
        assert b"Terms of Service" in result.body
        httpserver.clear_log()
        fetch(doc(httpserver.url_for("/terms")), session=session)  # the next check of the run
    finally:
        session.close()
    [(request, _)] = httpserver.log
    assert request.cookies.get("consent") == "yes"


class _Proxy(BaseHTTPRequestHandler):
    """A forward proxy that answers every request itself and records its request line."""

    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        type(self).seen.append(self.requestline)
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet."""


@pytest.fixture
def proxy() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    _Proxy.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_http_proxy_from_the_environment_and_no_proxy(
    proxy: str, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", proxy)
    monkeypatch.setenv("no_proxy", "localhost")
    httpserver.expect_request("/direct").respond_with_data(PAGE, content_type="text/html")
    session = make_session(retries=0)
    try:
        result = fetch(doc("http://terms.example.invalid/legal?x=1"), session=session)
        assert b"Terms of Service" in result.body
        # An HTTP proxy is sent the whole URL; a no_proxy host is fetched directly.
        assert _Proxy.seen == ["GET http://terms.example.invalid/legal?x=1 HTTP/1.1"]
        assert b"Terms of Service" in fetch(doc(httpserver.url_for("/direct")), session=session).body
        assert len(_Proxy.seen) == 1 and [r.path for r, _ in httpserver.log] == ["/direct"]
    finally:
        session.close()


def test_without_proxy_variables_a_fetch_never_loads_requests(httpserver: HTTPServer, tmp_path: Path) -> None:
    """The proxy lookup (requests.utils) is skipped when no *_proxy variable is set: ~20 ms of every run."""
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    code = (
        "import sys\n"
        "from tosdiff.fetch import fetch, make_session\n"
        "from tosdiff.models import Document\n"
        f"d = Document(name='t', url={httpserver.url_for('/terms')!r}, timeout=5, deadline=10)\n"
        "body = fetch(d, session=make_session(retries=0)).body\n"
        "print(b'Terms of Service' in body, 'requests' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["HOME"] = str(tmp_path)  # no ~/.netrc either
    env.pop("NETRC", None)
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        check=True,
        timeout=60,
    )
    assert run.stdout.split() == ["True", "False"]


def test_netrc_credentials_are_sent_to_their_host(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine localhost login reader password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    want = "Basic " + base64.b64encode(b"reader:s3cret").decode()
    httpserver.expect_request("/terms", headers={"Authorization": want}).respond_with_data(
        PAGE, content_type="text/html"
    )
    assert b"Terms of Service" in fetch(doc(httpserver.url_for("/terms"))).body


@pytest.mark.parametrize(
    ("url", "sent"),
    [
        ("http://Example.COM", "http://example.com/"),
        ("http://example.com/a b?q=é", "http://example.com/a%20b?q=%C3%A9"),
        ("http://example.com/%7Euser/%2F", "http://example.com/~user/%2F"),
        ("http://example.com/100%", "http://example.com/100%25"),
        ("http://bücher.example/agb", "http://xn--bcher-kva.example/agb"),
        ("http://u:p@example.com:8080/t#s2", "http://u:p@example.com:8080/t#s2"),
    ],
)
def test_urls_are_prepared_as_requests_prepared_them(url: str, sent: str) -> None:
    assert prepare_url(url) == sent


def test_a_304_leaves_its_connection_for_the_next_request() -> None:
    """Conditional checks of one site reuse one kept-alive connection."""
    connections: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            connections.append(1)

        def do_GET(self) -> None:  # noqa: N802
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    session = make_session(retries=0)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/terms"
        for _ in range(3):
            result = fetch(doc(url), session=session, etag='"v1"')
            assert result.not_modified and result.etag == '"v1"'
    finally:
        session.close()
        server.shutdown()
        server.server_close()
    assert len(connections) == 1


def test_a_half_read_body_never_serves_the_next_request(httpserver: HTTPServer) -> None:
    """A body cut at max_bytes drops its connection: the next fetch gets its own, whole answer."""
    httpserver.expect_request("/big").respond_with_data("x" * 200_000, content_type="text/html")
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html")
    session = make_session(retries=0)
    try:
        with pytest.raises(FetchError, match=r"exceeds the limit.*raise max_bytes"):
            fetch(doc(httpserver.url_for("/big"), max_bytes=100_000), session=session)
        assert fetch(doc(httpserver.url_for("/terms")), session=session).body == PAGE.encode()
    finally:
        session.close()


# --- TLS: one context per run, the same verification ---------------------------------------------


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """An HTTPS server on 127.0.0.1 whose certificate (for `localhost` only) a fresh test CA signed."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test CA")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=tosdiff test CA",
             "-keyout", "ca.key", "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign", cwd=tmp_path)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", "site.key",
             "-out", "site.csr", cwd=tmp_path)  # fmt: skip
    (tmp_path / "san.ext").write_text("subjectAltName=DNS:localhost\n")
    _openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-days", "2", "-extfile", "san.ext", "-out", "site.pem", cwd=tmp_path)  # fmt: skip

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "site.pem", tmp_path / "site.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], tmp_path / "ca.pem"
    server.shutdown()
    server.server_close()


def test_tls_is_verified_against_the_configured_bundle(
    tls_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, ca = tls_server
    # Not in certifi's bundle: refused.
    with pytest.raises(FetchError, match="TLS certificate not trusted"):
        fetch(doc(f"https://localhost:{port}/terms"), session=make_session(retries=0))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca))
    session = make_session(retries=0)
    try:
        for path in ("/terms", "/privacy"):  # both on the run's one context
            assert b"Terms of Service" in fetch(doc(f"https://localhost:{port}{path}"), session=session).body
        # The right CA but another name than the certificate's: refused too.
        with pytest.raises(FetchError, match="TLS certificate not trusted"):
            fetch(doc(f"https://127.0.0.1:{port}/terms"), session=session)
    finally:
        session.close()


def test_a_ca_bundle_that_cannot_be_read_is_named(
    tls_server: tuple[int, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    port, _ = tls_server
    missing = tmp_path / "corp-ca.pem"
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(missing))
    session = make_session(retries=0)
    try:
        with pytest.raises(FetchError) as caught:
            fetch(doc(f"https://localhost:{port}/terms"), session=session)
    finally:
        session.close()
    message = str(caught.value)
    assert str(missing) in message and "$REQUESTS_CA_BUNDLE" in message, message
    assert caught.value.error_class == "config"


class _RawServer:
    """A raw TCP server on 127.0.0.1: one handler call per connection (keep-alive under the test's control)."""

    def __init__(self, handler) -> None:  # noqa: ANN001 (a callable taking the connected socket)
        import socket as socket_module

        self.sock = socket_module.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.handler = handler
        threading.Thread(target=self._loop, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn) -> None:  # noqa: ANN001
        try:
            self.handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


def _read_request(conn) -> bytes:  # noqa: ANN001
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    return data


def test_one_documents_deadline_never_cuts_another_documents_download() -> None:
    """d1 redirects through a shared host and gives the kept-alive connection back to the pool; d2 then
    reads a slow page on that connection. d1's deadline passing must not shut d2's socket."""
    import time

    def slow(conn) -> None:  # noqa: ANN001
        _read_request(conn)
        time.sleep(4)  # never answers within d1's deadline

    slow_server = _RawServer(slow)
    body = b"<html><body><main><h1>Terms</h1><p>" + b"terms of service " * 600 + b"</p></main></body></html>"

    def shared(conn) -> None:  # noqa: ANN001
        while True:
            request = _read_request(conn)
            if not request:
                return
            if request.startswith(b"GET /hop"):
                location = slow_server.url("/x")
                conn.sendall(
                    f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode()
                )
                continue
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n"
            conn.sendall(head.encode())
            step = len(body) // 20 + 1
            for i in range(0, len(body), step):  # about 2 s: past d1's deadline, well within d2's
                conn.sendall(body[i : i + step])
                time.sleep(0.1)

    shared_server = _RawServer(shared)
    session = make_session(retries=0)
    outcome: dict[str, object] = {}

    def first() -> None:
        try:
            fetch(
                Document(name="d1", url=shared_server.url("/hop"), timeout=5, deadline=1.0), session=session
            )
        except FetchError as e:
            outcome["d1"] = e

    thread = threading.Thread(target=first)
    thread.start()
    time.sleep(0.3)  # d1 has followed its redirect and given the shared connection back
    try:
        second = fetch(
            Document(name="d2", url=shared_server.url("/page"), timeout=5, deadline=10), session=session
        )
        outcome["d2"] = second.body
    except FetchError as e:
        outcome["d2"] = e
    finally:
        thread.join()
        session.close()
        slow_server.close()
        shared_server.close()
    assert isinstance(outcome.get("d1"), FetchError)  # d1 itself was cut by its deadline
    assert outcome["d2"] == body, outcome["d2"]


def test_a_documents_own_headers_stay_on_its_port() -> None:
    """Another port of the same host is another service: the document's configured Authorization (and
    other headers) are not sent there, as requests' rule already does for URL credentials."""
    seen: list[bytes] = []
    page = b"<html><body><main><h1>Terms</h1><p>" + b"terms of service " * 40 + b"</p></main></body></html>"

    def other(conn) -> None:  # noqa: ANN001
        seen.append(_read_request(conn))
        conn.sendall(
            f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(page)}\r\n\r\n".encode()
            + page
        )

    target = _RawServer(other)

    def origin(conn) -> None:  # noqa: ANN001
        seen.append(_read_request(conn))
        conn.sendall(
            f"HTTP/1.1 302 Found\r\nLocation: {target.url('/t')}\r\nContent-Length: 0\r\n\r\n".encode()
        )

    source = _RawServer(origin)
    session = make_session(retries=0)
    try:
        headers = (("Authorization", "Bearer zzz"), ("X-Api-Key", "k"))
        assert fetch(doc(source.url("/t"), headers=headers), session=session).body == page
    finally:
        session.close()
        source.close()
        target.close()
    first, second = (r.lower() for r in seen)
    assert b"authorization: bearer zzz" in first and b"x-api-key: k" in first
    assert b"authorization" not in second and b"x-api-key" not in second
