"""One polite, conditional, bounded HTTP fetch.

Retries come from urllib3's ``Retry`` (connection errors, 429/5xx, ``Retry-After`` honoured) rather
than a hand-written loop; what it cannot know, a per-document time budget and a byte cap that also
bounds decompressed size, is enforced here. Politeness across threads (one request at a time per
host, a minimum delay between two) lives in ``HostThrottle``.

The deadline is hard: socket timeouts only bound the gap between two reads, so a server that trickles
one byte a second (or trickles its headers) would never time out. A watchdog timer per fetch shuts
down the sockets that fetch uses when its deadline passes, which wakes any blocked read at once.
"""

from __future__ import annotations

import heapq
import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import requests
import requests.auth
import requests.utils
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util.retry import Retry

from tosdiff import __version__
from tosdiff.addresses import AddressGuard
from tosdiff.errors import (
    BAD_CONTENT,
    BLOCKED,
    TOO_LARGE,
    TRANSIENT,
    FetchError,
    classify_status,
)
from tosdiff.models import Document, FetchResult
from tosdiff.redact import redact_text, redact_url, without_credentials

if TYPE_CHECKING:
    from tosdiff.browser import BrowserPool

DEFAULT_USER_AGENT = (
    f"tosdiff/{__version__} (+https://github.com/tosdiff/tosdiff; terms-of-service change monitor)"
)
log = logging.getLogger(__name__)
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
LOGIN_HINTS = ("/login", "/signin", "/sign-in", "/sign_in", "/auth", "/sso", "/account/login")


class _DeadlineClock:
    """One daemon thread firing every watchdog at its deadline.

    A threading.Timer per fetch started and joined a thread per document: measurable CPU in a cycle
    of a thousand quick fetches. Cancelled entries are dropped lazily when they come due.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Watchdog]] = []
        self._cond = threading.Condition()
        self._seq = 0
        self._thread: threading.Thread | None = None

    def add(self, dog: Watchdog) -> None:
        """Fire dog at its deadline unless it is cancelled first."""
        with self._cond:
            self._seq += 1
            heapq.heappush(self._heap, (dog.deadline_at, self._seq, dog))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="tosdiff-deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is dog:
                self._cond.notify()  # an earlier deadline than the one being waited for

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][2].cancelled:
                        heapq.heappop(self._heap)
                    if not self._heap:
                        self._cond.wait()
                        continue
                    wait = self._heap[0][0] - time.monotonic()
                    if wait <= 0:
                        dog = heapq.heappop(self._heap)[2]
                        break
                    self._cond.wait(wait)
            dog._fire()


_CLOCK = _DeadlineClock()


class Watchdog:
    """Shuts down the sockets of one fetch when its deadline passes (blocked reads then fail at once)."""

    def __init__(self, deadline_at: float) -> None:
        self.deadline_at = deadline_at
        self.fired = False
        self.aborted = False  # fired early because the run is stopping
        self.cancelled = False
        # Sockets, not connections: http.client drops a connection's socket (conn.sock = None) as soon
        # as a response without a length begins, while the body still streams from that socket.
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        _CLOCK.add(self)

    def watch(self, sock: socket.socket | None) -> None:
        """Cut this socket too when the deadline passes (at once if it already has)."""
        if sock is None:
            return
        with self._lock:
            self._socks.append(sock)
            fired = self.fired
        if fired:
            _shutdown(sock)

    def cancel(self) -> None:
        """The fetch is over: never fire, and forget its connections."""
        with self._lock:
            self.cancelled = True
            self._socks.clear()

    def abort(self) -> None:
        """Fire now: the run is stopping and this fetch must not keep the process alive."""
        self.aborted = True
        self._fire()

    def _fire(self) -> None:
        with self._lock:
            if self.cancelled:
                return
            self.fired = True
            socks = list(self._socks)
        for sock in socks:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        # shutdown (not close) is what wakes a recv() blocked in another thread.
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


# The deadline and watchdog of the fetch running on this thread; urllib3 re-creates Retry objects on
# every attempt, so per-call state travels in a thread-local rather than on the (shared) adapter.
_deadline = threading.local()


def _current_watchdog() -> Watchdog | None:
    return getattr(_deadline, "watchdog", None)


def _check_peer(conn: HTTPConnection) -> None:
    """Refuse the connection if the current fetch's guard forbids its peer address (see addresses)."""
    guard: AddressGuard | None = getattr(_deadline, "guard", None)
    sock = getattr(conn, "sock", None)
    if guard is None or sock is None:
        return
    try:
        ip = sock.getpeername()[0]
    except (OSError, IndexError, TypeError):
        return  # not connected: the request fails on its own
    try:
        guard.check(str(ip), conn.host)
    except FetchError:
        conn.close()  # never send a byte to it, and never put it back in the pool
        raise


class _GuardedConnectionMixin:
    """Watchdog registration and the peer-address check, shared by the HTTP and HTTPS connections.

    The check runs on the connected socket (after DNS, before TLS and before any byte is sent), and
    again before each request on a kept-alive connection, which an earlier fetch may have opened.
    """

    def _new_conn(self):  # type: ignore[no-untyped-def]
        """Connect as urllib3 would, then check the address actually connected to."""
        sock = super()._new_conn()  # type: ignore[misc]
        dog = _current_watchdog()
        if dog is not None:
            dog.watch(sock)
        guard: AddressGuard | None = getattr(_deadline, "guard", None)
        if guard is not None:
            try:
                ip = sock.getpeername()[0]
            except (OSError, IndexError, TypeError):
                ip = None
            if ip is not None:
                try:
                    guard.check(str(ip), self.host)  # type: ignore[attr-defined]
                except FetchError:
                    sock.close()
                    raise
        return sock

    def request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Register with the watchdog, check a reused connection's peer, then send as urllib3 would."""
        dog = _current_watchdog()
        if dog is not None:
            dog.watch(getattr(self, "sock", None))  # a kept-alive connection's; a new one's at connect
        _check_peer(self)  # type: ignore[arg-type]
        return super().request(*args, **kwargs)  # type: ignore[misc]


class _WatchedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    """An urllib3 connection under the current fetch's watchdog and address guard."""


class _WatchedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    """HTTPS twin of _WatchedHTTPConnection."""


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    """requests adapter whose pools make watched connections."""

    def init_poolmanager(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Build the pool manager as requests does, with watched connection pools."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class BoundedRetry(Retry):
    """urllib3 Retry that never retries or sleeps past the current document's deadline."""

    def increment(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Count one more attempt, but give up (transient) once the deadline has passed."""
        deadline_at = getattr(_deadline, "at", 0.0)
        dog = _current_watchdog()
        if dog is not None and dog.fired:
            # Cut by the deadline or by the run stopping (abort_fetches): no new attempt either way.
            raise FetchError("gave up: the fetch was cut off (deadline passed or run stopping)", TRANSIENT)
        if deadline_at and time.monotonic() >= deadline_at:
            error = kwargs.get("error") or (args[3] if len(args) > 3 else None)
            cause = f" (last error: {_short(error)})" if error else ""
            raise FetchError(f"gave up: the document's deadline passed{cause}", TRANSIENT)
        return super().increment(*args, **kwargs)

    def sleep(self, response=None):  # type: ignore[no-untyped-def]
        """Sleep as urllib3 would, but fail fast when the wait would overrun the deadline."""
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = self.get_backoff_time()
        deadline_at = getattr(_deadline, "at", 0.0)
        if deadline_at and time.monotonic() + wait > deadline_at:
            raise FetchError(
                f"gave up: the next retry (in {wait:.0f}s) would pass the document's deadline",
                TRANSIENT,
            )
        super().sleep(response)


class HostThrottle:
    """At most one request at a time per host, and a minimum delay between two to the same host."""

    def __init__(self, delay: float = 1.0) -> None:
        self.delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold the host's slot for the duration of one request."""
        host = (urlsplit(url).hostname or "").lower()
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._last.get(host, 0.0) + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last[host] = time.monotonic()


class _NoAuth(requests.auth.AuthBase):
    """Stands for "no ~/.netrc entry for this host", so requests does not look again."""

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        return r


class _Session(requests.Session):
    """A requests.Session that reads its environment settings once per host, not once per request.

    requests looks up proxy variables (a scan of os.environ), the CA bundle variables and ~/.netrc on
    every request: about 4% of the CPU of a cycle of a thousand quick fetches (py-spy). None of them
    changes during a run, so each host's answer is kept; the behaviour is requests' own.
    """

    def __init__(self) -> None:
        super().__init__()
        self._env: dict[tuple, dict] = {}
        self._netrc: dict[tuple[str, str], requests.auth.AuthBase | tuple | None] = {}
        self._env_lock = threading.Lock()
        # The watchdogs of the fetches running on this session, so a stopping run can cut them all.
        self.live_watchdogs: set[Watchdog] = set()

    def abort_fetches(self) -> int:
        """Cut every fetch running on this session at once (their sockets shut down); how many."""
        dogs = list(self.live_watchdogs)
        for dog in dogs:
            dog.abort()
        return len(dogs)

    def merge_environment_settings(self, url, proxies, stream, verify, cert):  # type: ignore[no-untyped-def, override]
        """requests' merge, remembered per (scheme, host, arguments)."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc, tuple(sorted((proxies or {}).items())), stream, verify, str(cert))
        with self._env_lock:
            hit = self._env.get(key)
        if hit is None:
            hit = super().merge_environment_settings(url, proxies, stream, verify, cert)
            with self._env_lock:
                self._env[key] = hit
        return {k: (dict(v) if isinstance(v, dict) else v) for k, v in hit.items()}

    def rebuild_auth(self, prepared_request: requests.PreparedRequest, response: requests.Response) -> None:
        """requests' own (Authorization dropped off-host), and the document's own headers dropped too.

        A document's `headers` (an API key, a cookie, a custom token) are meant for its configured
        host: once a redirect leaves that host, or drops from https to http, none of them follows.
        """
        super().rebuild_auth(prepared_request, response)
        origin: tuple[str, str] | None = getattr(_deadline, "origin", None)
        configured: dict[str, str] = getattr(_deadline, "doc_headers", {})
        if origin is None or not configured:
            return
        parts = urlsplit(prepared_request.url or "")
        host = (parts.hostname or "").lower()
        if host != origin[1] or (origin[0] == "https" and parts.scheme != "https"):
            for name in configured:
                prepared_request.headers.pop(name, None)
                if name in self.headers:  # a document's User-Agent or Accept: back to tosdiff's own
                    prepared_request.headers[name] = self.headers[name]
        else:
            # Still on the configured host: requests rebuilt the Cookie header from its jar (dropping a
            # configured one); give back whichever of the document's headers went missing.
            for name, value in configured.items():
                prepared_request.headers.setdefault(name, value)

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        """requests' preparation, with the ~/.netrc lookup done once per host."""
        # Credentials in the URL (https://user:pw@host/) win over ~/.netrc: requests then sends them.
        has_userinfo = "@" in urlsplit(request.url).netloc
        if self.trust_env and not request.auth and not self.auth and not has_userinfo:
            parts = urlsplit(request.url)
            key = (parts.scheme, parts.netloc)
            with self._env_lock:
                known = key in self._netrc
                auth = self._netrc.get(key)
            if not known:
                auth = requests.utils.get_netrc_auth(request.url) or _NoAuth()
                with self._env_lock:
                    self._netrc[key] = auth
            request.auth = auth
        return super().prepare_request(request)


def make_session(user_agent: str = "", retries: int = 3) -> requests.Session:
    """A requests.Session with tosdiff's User-Agent, redirect cap and retry policy."""
    session = _Session()
    session.headers["User-Agent"] = user_agent or DEFAULT_USER_AGENT
    session.headers["Accept"] = (
        "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
    )
    session.headers["Accept-Language"] = "en;q=1.0"
    session.max_redirects = MAX_REDIRECTS
    retry = BoundedRetry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=0.5,
        backoff_max=30,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,  # the last response is classified below, not raised as MaxRetryError
    )
    # One pool per host kept alive across a run of many sites (requests' default of 10 drops and
    # reopens connections); requests to one host are serialised, so a few connections per host do.
    adapter = _WatchedAdapter(max_retries=retry, pool_connections=128, pool_maxsize=4)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def fetch(
    doc: Document,
    *,
    session: requests.Session | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    throttle: HostThrottle | None = None,
) -> FetchResult:
    """Fetch one document over HTTP; raise FetchError with a class on any failure."""
    own = session is None
    session = session or make_session()
    try:
        if throttle is not None:
            with throttle.slot(doc.url):
                return _bounded_get(session, doc, etag, last_modified)
        return _bounded_get(session, doc, etag, last_modified)
    finally:
        if own:
            session.close()


def fetch_document(
    doc: Document,
    *,
    session: requests.Session | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    throttle: HostThrottle | None = None,
    browser: BrowserPool | None = None,
) -> FetchResult:
    """Fetch one document the way its config says: plain HTTP, or a headless browser (render="browser").

    `browser` is the run's shared Chromium; without one, a browser is started for this page alone.
    """
    if doc.render == "browser":
        from tosdiff.browser import fetch_rendered

        if throttle is not None:
            with throttle.slot(doc.url):
                return fetch_rendered(doc, browser)
        return fetch_rendered(doc, browser)
    return fetch(doc, session=session, etag=etag, last_modified=last_modified, throttle=throttle)


def _bounded_get(
    session: requests.Session, doc: Document, etag: str | None, last_modified: str | None
) -> FetchResult:
    # The budget starts when this document's turn comes, not while it waits for the host's slot.
    started = time.monotonic()
    deadline_at = started + doc.deadline
    headers = dict(doc.headers)
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    dog = Watchdog(deadline_at)
    parts = urlsplit(doc.url)
    _deadline.at, _deadline.watchdog, _deadline.guard = deadline_at, dog, AddressGuard()
    _deadline.origin = (parts.scheme.lower(), (parts.hostname or "").lower())
    _deadline.doc_headers = dict(doc.headers)
    aborts = getattr(session, "live_watchdogs", None)
    if aborts is not None:
        aborts.add(dog)
    try:
        result = _get(session, doc, headers, started, deadline_at)
        if dog.fired:
            # The sockets were cut (deadline, or the run stopping) while headers or body were still
            # arriving: what was read is a fragment, whatever it looks like (an "empty body").
            raise FetchError("cut off while the response was still arriving", TRANSIENT)
        return result
    except FetchError as e:
        if dog.fired and e.error_class in (TRANSIENT, BAD_CONTENT):
            why = (
                "because the run is stopping"
                if dog.aborted
                else f"at the document's deadline of {doc.deadline:g}s"
            )
            raise FetchError(f"gave up {why}: {redact_text(str(e))}", TRANSIENT) from None
        message = redact_text(str(e))
        if message != str(e):
            raise FetchError(message, e.error_class) from None
        raise
    finally:
        dog.cancel()
        if aborts is not None:
            aborts.discard(dog)
        _deadline.at, _deadline.watchdog, _deadline.guard = 0.0, None, None
        _deadline.origin, _deadline.doc_headers = None, {}


def _get(
    session: requests.Session, doc: Document, headers: dict[str, str], started: float, deadline_at: float
) -> FetchResult:
    # Never wait longer for one read than the budget that is left.
    read_timeout = max(0.1, min(doc.timeout, deadline_at - time.monotonic()))
    try:
        resp = session.get(
            doc.url, headers=headers, timeout=(min(read_timeout, 10.0), read_timeout), stream=True
        )
    except FetchError:
        raise
    except requests.TooManyRedirects:
        raise FetchError(f"redirect loop: more than {MAX_REDIRECTS} redirects", BLOCKED) from None
    except requests.exceptions.RetryError as e:
        raise FetchError(f"too many retries: {_short(e)}", TRANSIENT) from None
    except requests.Timeout:
        raise FetchError(f"timed out after {read_timeout:g}s", TRANSIENT) from None
    except requests.ConnectionError as e:
        raise FetchError(f"connection failed: {_short(e)}", TRANSIENT) from None
    except requests.RequestException as e:
        raise FetchError(f"request failed: {_short(e)}", TRANSIENT) from None
    except OSError as e:
        raise FetchError(f"connection failed: {_short(e)}", TRANSIENT) from None
    with resp:
        attempts = 1 + len(resp.raw.retries.history) if getattr(resp.raw, "retries", None) else 1
        # `tosdiff -v`: each URL with its final status, where it was redirected, and 304s.
        log.info(
            "GET %s: %s%s%s",
            redact_url(doc.url),
            "304 not modified" if resp.status_code == 304 else resp.status_code,
            f" after redirect to {redact_url(resp.url)}" if resp.history else "",
            f" ({attempts} attempts)" if attempts > 1 else "",
        )
        if resp.status_code == 304:
            return FetchResult(
                url=without_credentials(resp.url),
                status=304,
                body=b"",
                content_type="",
                etag=etag_of(resp, headers),
                last_modified=resp.headers.get("Last-Modified") or headers.get("If-Modified-Since"),
                not_modified=True,
                duration_ms=_ms(started),
                attempts=attempts,
            )
        # A redirect to a sign-in page is a wall whatever that page answers (200, 401 or even 404).
        if _is_login_redirect(doc.url, resp):
            raise FetchError(f"redirected to a login page ({redact_url(resp.url)})", BLOCKED)
        failure = classify_status(resp.status_code)
        if failure is not None:
            raise FetchError(f"HTTP {resp.status_code} {resp.reason or ''}".strip(), failure)
        content_type = resp.headers.get("Content-Type", "")
        _check_type(content_type)
        body = _read_bounded(resp, doc.max_bytes, deadline_at)
    _check_body(body, content_type)
    return FetchResult(
        url=without_credentials(resp.url),  # relative links must not inherit user:password
        status=resp.status_code,
        body=body,
        content_type=content_type,
        etag=resp.headers.get("ETag"),
        last_modified=resp.headers.get("Last-Modified"),
        duration_ms=_ms(started),
        attempts=attempts,
    )


# Media types that can never hold terms text; refused before their body is read.
_NOT_TEXT_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")
_NOT_TEXT_TYPES = frozenset(
    {"application/zip", "application/gzip", "application/x-gzip", "application/x-tar", "application/wasm"}
)
# Bytes that do not occur in text in any encoding tosdiff decodes, except UTF-16/32 (checked apart).
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 27)) + bytes(range(28, 32))


def _check_type(content_type: str) -> None:
    """Refuse a response whose declared type is binary media (an image where terms were expected)."""
    ct = content_type.split(";")[0].strip().lower()
    if ct.startswith(_NOT_TEXT_PREFIXES) or ct in _NOT_TEXT_TYPES:
        raise FetchError(f"the server sent {ct}, not a terms document", BAD_CONTENT)


def _check_body(body: bytes, content_type: str) -> None:
    """Refuse an empty body, or binary garbage labelled as text, before it reaches the extractor."""
    if not body.strip():
        raise FetchError("the server sent an empty body", BAD_CONTENT)
    head = body[:8192]
    if head.lstrip()[:5] == b"%PDF-":
        return
    ct = content_type.lower()
    if "pdf" in ct:
        return  # PDF is binary by nature; the extractor judges it (the header may follow some junk)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or "utf-16" in ct or "utf-32" in ct:
        return  # UTF-16/32 text is full of NUL bytes by design
    if head[:2] == b"\x1f\x8b":
        raise FetchError("the body is still gzip-compressed data, not text", BAD_CONTENT)
    controls = sum(head.count(b) for b in _BINARY_BYTES)
    if b"\x00" in head[:1024] or controls > len(head) * 0.05:
        raise FetchError(
            f"the body is binary data ({controls} control bytes in the first {len(head)}), not text",
            BAD_CONTENT,
        )


def _read_bounded(resp: requests.Response, max_bytes: int, deadline_at: float) -> bytes:
    declared = resp.headers.get("Content-Length")
    if (
        declared
        and declared.isdigit()
        and int(declared) > max_bytes
        and not resp.headers.get("Content-Encoding")
    ):
        raise FetchError(f"body of {int(declared):,} bytes exceeds the limit of {max_bytes:,}", TOO_LARGE)
    chunks: list[bytes] = []
    size = 0
    try:
        # iter_content decodes gzip/deflate/br, and urllib3 (>= 2.6) bounds each decompressed read to
        # the chunk size, so counting here bounds the *decompressed* size too: a decompression bomb
        # stops at max_bytes instead of filling memory.
        for chunk in resp.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"body exceeds the limit of {max_bytes:,} bytes", TOO_LARGE)
            if time.monotonic() > deadline_at:
                raise FetchError("gave up: the body was still arriving at the document's deadline", TRANSIENT)
            chunks.append(chunk)
    except FetchError:
        raise
    except requests.exceptions.ContentDecodingError as e:
        raise FetchError(f"body could not be decompressed: {_short(e)}", BAD_CONTENT) from None
    except requests.RequestException as e:
        raise FetchError(f"body incomplete: {_short(e)}", TRANSIENT) from None
    except OSError as e:
        raise FetchError(f"body incomplete: {_short(e)}", TRANSIENT) from None
    except Exception as e:  # noqa: BLE001 - a corrupt gzip/brotli stream raises decoder-specific types
        raise FetchError(f"body could not be decoded: {_short(e)}", BAD_CONTENT) from None
    return b"".join(chunks)


def _is_login_redirect(asked: str, resp: requests.Response) -> bool:
    if not resp.history:
        return False
    path = urlsplit(resp.url).path.lower()
    asked_path = urlsplit(asked).path.lower()
    return any(h in path for h in LOGIN_HINTS) and not any(h in asked_path for h in LOGIN_HINTS)


def etag_of(resp: requests.Response, sent: dict[str, str]) -> str | None:
    """The ETag to keep after a 304: the response's own, else the one we sent."""
    return resp.headers.get("ETag") or sent.get("If-None-Match")


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


_CAUSES = (
    # (pattern in the wrapped urllib3/socket message, what a user needs to read)
    (
        re.compile(r"NameResolutionError|Name or service not known|nodename nor servname|getaddrinfo failed"),
        "cannot resolve the host name",
    ),
    (re.compile(r"Connection refused|ConnectionRefusedError"), "connection refused"),
    (re.compile(r"Connection reset|ConnectionResetError"), "connection reset by the server"),
    (re.compile(r"Network is unreachable"), "network unreachable"),
    (re.compile(r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"), "TLS certificate not trusted"),
    (re.compile(r"SSLError|SSL:"), "TLS handshake failed"),
    (re.compile(r"timed out|ReadTimeout|ConnectTimeout"), "timed out"),
    (re.compile(r"RemoteDisconnected|closed connection without response"), "server closed the connection"),
)


def _short(e: BaseException) -> str:
    """A readable, bounded reason: urllib3 nests causes ("Max retries exceeded ... Caused by ...")."""
    text = str(e)
    for pattern, reason in _CAUSES:
        if pattern.search(text):
            host = re.search(r"host='([^']+)'", text)
            return reason + (f" ({host.group(1)})" if host else "")
    return text if len(text) <= 300 else text[:297] + "..."
