"""The HTTP client under tosdiff's fetch: urllib3 pools, retries, redirects, the deadline and the guard.

tosdiff's fetch used to go through a requests.Session. This client does the same on urllib3 directly
(urllib3 is what requests sends with): requests' preparation and session layers cost about half the
CPU of a fetch of a 170 KB page from a nearby server (1.04 against 0.50 ms; bench/README.md, issue
17) and 12 ms of every run's start-up. What a fetch needs of requests' behaviour is kept, with the
same rules: the URL prepared and re-quoted as requests does; credentials in the URL sent as basic
auth, else ~/.netrc's for the host; proxies and CA bundles from the environment; cookies set by a
response kept for the run and sent back; redirects followed (at most MAX_REDIRECTS) with
Authorization dropped off-host, and the document's own headers dropped once a redirect leaves its
host or https. requests' own helpers are imported only when a run needs them (a proxy variable, a
netrc file, a Set-Cookie header), so a run that needs none never loads requests.

The deadline is hard: socket timeouts only bound the gap between two reads, so a server that trickles
one byte a second (or trickles its headers) would never time out. A watchdog per fetch shuts down the
sockets that fetch uses when its deadline passes, which wakes any blocked read at once.
"""

from __future__ import annotations

import os
import re
import socket
import ssl
import threading
import time
from base64 import b64encode
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlparse, urlsplit, urlunparse

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError, LocationParseError
from urllib3.util import make_headers, parse_url
from urllib3.util.retry import Retry
from urllib3.util.ssl_ import create_urllib3_context

from tosdiff.addresses import AddressGuard, is_private_address
from tosdiff.errors import BLOCKED, TRANSIENT, FetchError
from tosdiff.fetch.deadline import Watchdog

MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# What requests sends by default (its DEFAULT_ACCEPT_ENCODING): the codings urllib3 can decode here.
ACCEPT_ENCODING = ", ".join(
    part.strip() for part in make_headers(accept_encoding=True)["accept-encoding"].split(",")
)
# A redirect's own body is read (so its connection can be reused) up to this size, else dropped.
REDIRECT_BODY_MAX = 1 << 20


# The deadline, watchdog and address guard of the fetch running on this thread: urllib3 re-creates
# Retry objects on every attempt and shares connections between fetches, so per-fetch state travels
# in a thread-local (set by tosdiff.fetch for the duration of one fetch).
current = threading.local()


def _current_watchdog() -> Watchdog | None:
    return getattr(current, "watchdog", None)


def _check_peer(conn: HTTPConnection) -> None:
    """Refuse the connection if the current fetch's guard forbids its peer address (see addresses)."""
    guard: AddressGuard | None = getattr(current, "guard", None)
    sock = getattr(conn, "sock", None)
    if guard is None or sock is None or getattr(conn, "proxy", None) is not None:
        return  # through a proxy the peer is the proxy, not the page's host (see Session.get)
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
        guard: AddressGuard | None = getattr(current, "guard", None)
        if guard is not None and getattr(self, "proxy", None) is None:  # a proxy's address says nothing
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


class _ReturnUnwatched:
    """A connection going back to the pool leaves this fetch's watchdog: when the deadline passes, the
    fetch must not cut a kept-alive socket that a concurrent fetch of another document has taken since
    (a redirect through a shared host, a consent or policies host)."""

    def _put_conn(self, conn):  # type: ignore[no-untyped-def]
        dog = _current_watchdog()
        if dog is not None and conn is not None:
            dog.unwatch(getattr(conn, "sock", None))
        return super()._put_conn(conn)  # type: ignore[misc]


class _WatchedHTTPPool(_ReturnUnwatched, HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(_ReturnUnwatched, HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class BoundedRetry(Retry):
    """urllib3 Retry that never retries or sleeps past the current document's deadline."""

    def increment(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        """Count one more attempt, but give up (transient) once the deadline has passed."""
        deadline_at = getattr(current, "at", 0.0)
        dog = _current_watchdog()
        if dog is not None and dog.fired:
            # Cut by the deadline or by the run stopping (abort_fetches): no new attempt either way.
            raise FetchError("gave up: the fetch was cut off (deadline passed or run stopping)", TRANSIENT)
        if deadline_at and time.monotonic() >= deadline_at:
            error = kwargs.get("error") or (args[3] if len(args) > 3 else None)
            cause = f" (last error: {short_reason(error)})" if error else ""
            raise FetchError(f"gave up: the document's deadline passed{cause}", TRANSIENT)
        return super().increment(*args, **kwargs)

    def sleep(self, response=None):  # type: ignore[no-untyped-def]
        """Sleep as urllib3 would, but fail fast when the wait would overrun the deadline."""
        wait = self.get_retry_after(response) if response is not None else None
        if wait is None:
            wait = self.get_backoff_time()
        deadline_at = getattr(current, "at", 0.0)
        if deadline_at and time.monotonic() + wait > deadline_at:
            raise FetchError(
                f"gave up: the next retry (in {wait:.0f}s) would pass the document's deadline",
                TRANSIENT,
            )
        super().sleep(response)


CAUSES = (
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


def short_reason(e: BaseException) -> str:
    """A readable, bounded reason: urllib3 nests causes ("Max retries exceeded ... Caused by ...")."""
    text = str(e)
    for pattern, reason in CAUSES:
        if pattern.search(text):
            host = re.search(r"host='([^']+)'", text)
            return reason + (f" ({host.group(1)})" if host else "")
    return text if len(text) <= 300 else text[:297] + "..."


class Response:
    """One final answer of a GET: status, headers, the URL it came from, and its body still to read."""

    def __init__(self, raw: urllib3.HTTPResponse, url: str, history: list[str]) -> None:
        self.raw = raw
        self.status_code = raw.status
        self.reason = raw.reason or ""
        self.headers = raw.headers  # case-insensitive
        self.url = url  # the URL that answered (after redirects), as sent
        self.history = history  # the URLs that redirected, in order
        retries = getattr(raw, "retries", None)
        self.attempts = 1 + len(retries.history) if retries is not None else 1
        self._consumed = False

    def iter_content(self, size: int) -> Iterator[bytes]:
        """The body in decoded (gzip, deflate, br) pieces of at most `size` bytes each."""
        yield from self.raw.stream(size, decode_content=True)
        self._consumed = True

    def close(self) -> None:
        """Give the connection back to its pool when the body was read whole (or has none), else drop it."""
        raw = self.raw
        if not self._consumed and raw.length_remaining != 0:
            raw.close()  # a body left half-read must never be taken for the next response
        elif not self._consumed:
            try:
                raw.drain_conn()  # a 304 or an empty body: nothing to read, the connection is reusable
            except (HTTPError, OSError):
                raw.close()
        raw.release_conn()

    def __enter__(self) -> Response:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Session:
    """The fetch client of one run: its connection pools, retry policy, default headers and cookies."""

    def __init__(self, user_agent: str, retries: int) -> None:
        self.headers = {
            "User-Agent": user_agent,
            "Accept-Encoding": ACCEPT_ENCODING,
            "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            "Connection": "keep-alive",
            "Accept-Language": "en;q=1.0",
        }
        self.max_redirects = MAX_REDIRECTS
        self.retry = BoundedRetry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=0.5,
            backoff_max=30,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET", "HEAD"}),
            respect_retry_after_header=True,
            raise_on_status=False,  # the last response is classified by the caller, not raised
        )
        # One pool per host kept alive across a run of many sites; requests to one host are
        # serialised (HostThrottle), so a few connections per host do.
        self._pool_args = {"num_pools": 128, "maxsize": 4, "block": False}
        self.pools = urllib3.PoolManager(**self._pool_args)
        self.pools.pool_classes_by_scheme = WATCHED_POOLS  # type: ignore[assignment]
        # The watchdogs of the fetches running on this session, so a stopping run can cut them all.
        self.live_watchdogs: set[Watchdog] = set()
        self._lock = threading.Lock()
        self._proxy_managers: dict[str, urllib3.PoolManager] = {}
        self._auth: dict[tuple[str, str], str | None] = {}  # (scheme, netloc) -> ~/.netrc's header
        self._proxies: dict[tuple[str, str], str | None] = {}
        self._tls: dict[str, Any] | None = None
        self.cookies: Any = None  # requests' cookie jar, made when a response first sets a cookie
        # Read once: none of these changes during a run, and most runs have none of them.
        self._env_proxies = any(k.lower().endswith("_proxy") for k in os.environ)
        self._netrc_file = bool(os.environ.get("NETRC")) or any(
            os.path.exists(os.path.expanduser(f"~/{name}")) for name in (".netrc", "_netrc")
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self.pools.clear()
        for manager in self._proxy_managers.values():
            manager.clear()

    def abort_fetches(self) -> int:
        """Cut every fetch running on this session at once (their sockets shut down); how many."""
        dogs = list(self.live_watchdogs)
        for dog in dogs:
            dog.abort()
        return len(dogs)

    def get(
        self,
        url: str,
        headers: dict[str, str],
        timeout: tuple[float, float],
        extra: dict[str, str] | None = None,
    ) -> Response:
        """GET `url` with the session's headers, the document's `headers` and `extra` ones (validators).

        Redirects are followed; the document's `headers` stay on its host, `extra` ones go along.
        Raises FetchError (a redirect loop, a refused address, a deadline) or urllib3's errors.
        """
        url = origin_url = prepare_url(url)
        origin = urlsplit(url)
        origin_host, origin_https = (origin.hostname or "").lower(), origin.scheme.lower() == "https"
        sent = urllib3.HTTPHeaderDict(self.headers)
        for name, value in (*headers.items(), *(extra or {}).items()):
            sent[name] = value  # replaces a default of the same name, whatever its case
        auth = self._auth_for(url)  # as requests: it replaces a configured Authorization header
        if auth:
            sent["Authorization"] = auth
        self._add_cookies(url, sent)
        guard: AddressGuard | None = getattr(current, "guard", None)
        if guard is not None and guard.origin_private is None and self._env_proxies and self._proxy_for(url):
            # The first hop goes to a proxy, whose own address (often 127.0.0.1 or 10.x) must not make
            # the document "private": a public page could then redirect into the hosts no_proxy lets us
            # reach directly. Decide from the configured host as resolved here; unresolvable is public.
            guard.origin_private = _resolves_private(origin_host)
        history: list[str] = []
        fragment = origin.fragment
        timeouts = urllib3.Timeout(connect=timeout[0], read=timeout[1])
        while True:
            raw = self._send(url, sent, timeouts)
            if raw.headers.get("Set-Cookie") is not None:
                self._keep_cookies(url, sent, raw)
            location = raw.headers.get("Location") if raw.status in REDIRECT_STATUSES else None
            if location is None:
                return Response(raw, url, history)
            history.append(url)
            _discard(raw)
            if len(history) > self.max_redirects:
                raise FetchError(f"redirect loop: more than {self.max_redirects} redirects", BLOCKED)
            new_url, fragment = _redirect_target(url, location, fragment)
            sent = self._redirect_headers(sent, url, new_url, headers, origin_host, origin_https, origin_url)
            url = new_url

    # --- one hop ---

    def _send(
        self, url: str, headers: urllib3.HTTPHeaderDict, timeout: urllib3.Timeout
    ) -> urllib3.HTTPResponse:
        try:
            parsed = parse_url(url)
        except LocationParseError as e:
            raise FetchError(f"request failed: invalid URL {url!r}: {e}", TRANSIENT) from None
        scheme = (parsed.scheme or "").lower()
        if scheme not in ("http", "https") or not parsed.host:
            raise FetchError(f"request failed: not an http(s) URL: {url!r}", TRANSIENT)
        kwargs = self._tls_args() if scheme == "https" else None
        proxy = self._proxy_for(url) if self._env_proxies else None
        manager = self._proxy_manager(proxy) if proxy else self.pools
        pool = manager.connection_from_host(parsed.host, parsed.port, scheme, pool_kwargs=kwargs)
        target = parsed.request_uri  # path and query; never the fragment or the credentials
        if proxy and scheme == "http" and not proxy.lower().startswith("socks"):
            # Through an HTTP proxy the request line holds the whole URL (without credentials or fragment).
            target = urlunparse((scheme, parsed.netloc or "", parsed.path or "/", "", parsed.query or "", ""))
        return pool.urlopen(
            "GET",
            target,
            body=None,
            headers=headers,
            redirect=False,
            assert_same_host=False,
            preload_content=False,
            decode_content=False,
            retries=self.retry,
            timeout=timeout,
            chunked=False,
        )

    def _tls_args(self) -> dict[str, Any]:
        """Verify certificates against certifi's bundle, or the one REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE names.

        One SSL context for the run, its CA bundle loaded once: urllib3 given only the bundle's path
        makes a context and loads the bundle for every new connection (tens of ms of CPU each, so a
        second or more per cycle over a hundred HTTPS sites). Verification is the same: certificate
        chain and host name, TLS 1.2 at least (urllib3's context defaults).
        """
        with self._lock:
            if self._tls is None:
                variable = next(
                    (v for v in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE") if os.environ.get(v)), ""
                )
                bundle = os.environ.get(variable, "") if variable else ""
                if not bundle:
                    import certifi

                    bundle = certifi.where()
                context = create_urllib3_context(cert_reqs=ssl.CERT_REQUIRED)
                try:
                    if os.path.isdir(bundle):
                        context.load_verify_locations(capath=bundle)
                    else:
                        context.load_verify_locations(cafile=bundle)
                except (OSError, ssl.SSLError) as e:
                    # Name the file and where it came from: "[Errno 2] No such file" alone names nothing.
                    where = f"${variable}" if variable else "certifi's bundle"
                    reason = getattr(e, "strerror", None) or str(e)
                    raise FetchError(
                        f"cannot load the TLS CA certificate bundle {bundle} (from {where}): {reason}",
                        "config",
                    ) from None
                self._tls = {"cert_reqs": "CERT_REQUIRED", "ssl_context": context}
            return self._tls

    # --- what the environment adds: proxies, ~/.netrc ---

    def _proxy_for(self, url: str) -> str | None:
        """The proxy for this URL from the environment (http_proxy, no_proxy, ...), as requests picks it."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        with self._lock:
            if key in self._proxies:
                return self._proxies[key]
        from requests.utils import get_environ_proxies, prepend_scheme_if_needed, select_proxy

        proxy = select_proxy(url, get_environ_proxies(url, no_proxy=None))
        proxy = prepend_scheme_if_needed(proxy, "http") if proxy else None
        with self._lock:
            self._proxies[key] = proxy
        return proxy

    def _proxy_manager(self, proxy: str) -> urllib3.PoolManager:
        with self._lock:
            manager = self._proxy_managers.get(proxy)
            if manager is not None:
                return manager
            username, password = _url_auth(proxy)
            if proxy.lower().startswith("socks"):
                try:
                    from urllib3.contrib.socks import SOCKSProxyManager
                except ImportError:
                    raise FetchError(
                        "request failed: a SOCKS proxy needs PySocks installed", TRANSIENT
                    ) from None
                manager = SOCKSProxyManager(
                    proxy, username=username or None, password=password or None, **self._pool_args
                )
            else:
                auth = {"Proxy-Authorization": _basic(username, password)} if username else {}
                manager = urllib3.proxy_from_url(proxy, proxy_headers=auth, **self._pool_args)
                # Through an HTTP proxy, the address checked is the proxy's (see README, Fetching).
                manager.pool_classes_by_scheme = WATCHED_POOLS  # type: ignore[assignment]
            self._proxy_managers[proxy] = manager
            return manager

    def _auth_for(self, url: str) -> str | None:
        """Basic auth from the URL's credentials, else from ~/.netrc for its host, else None."""
        parts = urlsplit(url)
        if "@" in parts.netloc:
            username, password = _url_auth(url)
            return _basic(username, password) if username or password else None
        return self._netrc_for(url)

    def _netrc_for(self, url: str) -> str | None:
        """Basic auth from ~/.netrc (or $NETRC) for the URL's host, or None; looked up once per host."""
        if not self._netrc_file:
            return None
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc)
        with self._lock:
            if key in self._auth:
                return self._auth[key]
        from requests.utils import get_netrc_auth

        found = get_netrc_auth(url)
        header = _basic(*found) if found else None
        with self._lock:
            self._auth[key] = header
        return header

    # --- cookies: kept for the run, as a requests.Session keeps them ---

    def _add_cookies(self, url: str, headers: urllib3.HTTPHeaderDict) -> None:
        jar = self.cookies
        if jar is None or "Cookie" in headers or not len(jar):
            return
        from requests.cookies import get_cookie_header

        value = get_cookie_header(jar, SimpleNamespace(url=url, headers=headers))
        if value is not None:
            headers["Cookie"] = value

    def _keep_cookies(self, url: str, headers: urllib3.HTTPHeaderDict, raw: urllib3.HTTPResponse) -> None:
        from requests.cookies import RequestsCookieJar, extract_cookies_to_jar

        with self._lock:
            if self.cookies is None:
                self.cookies = RequestsCookieJar()
        extract_cookies_to_jar(self.cookies, SimpleNamespace(url=url, headers=headers), raw)

    def _redirect_headers(
        self,
        sent: urllib3.HTTPHeaderDict,
        old_url: str,
        new_url: str,
        configured: dict[str, str],
        origin_host: str,
        origin_https: bool,
        origin_url: str,
    ) -> urllib3.HTTPHeaderDict:
        """The next hop's headers: cookies from the jar, Authorization only on-host, the document's own only on its host."""
        headers = sent.copy()
        headers.discard("Cookie")
        self._add_cookies(new_url, headers)
        if "Authorization" in headers and _should_strip_auth(old_url, new_url):
            headers.discard("Authorization")
        auth = self._netrc_for(new_url)  # ~/.netrc may hold credentials for the new host
        if auth:
            headers["Authorization"] = auth
        parts = urlsplit(new_url)
        if (
            (parts.hostname or "").lower() != origin_host
            or (origin_https and parts.scheme != "https")
            or _should_strip_auth(origin_url, new_url)  # another port or scheme of the host: another service
        ):
            # A document's headers (an API key, a cookie, a token) are meant for its configured origin.
            for name in configured:
                headers.discard(name)
                default = next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)
                if default is not None:  # a document's User-Agent or Accept: back to tosdiff's own
                    headers[name] = default
        else:
            for name, value in configured.items():
                headers.setdefault(name, value)
        return headers


def _resolves_private(host: str) -> bool:
    """True when every address `host` resolves to locally is private (an intranet page behind a proxy)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {str(info[4][0]) for info in infos}
    return bool(addresses) and all(is_private_address(a) for a in addresses)


def prepare_url(url: str) -> str:
    """The URL as requests would send it: host IDNA-encoded, empty path as "/", re-quoted."""
    try:
        scheme, auth, host, port, path, query, fragment = parse_url(url)
    except LocationParseError as e:
        raise FetchError(f"request failed: invalid URL {url!r}: {e}", TRANSIENT) from None
    if not scheme or not host:
        raise FetchError(f"request failed: invalid URL {url!r}: no scheme or host", TRANSIENT)
    if not host.isascii():
        import idna

        try:
            host = idna.encode(host, uts46=True).decode("utf-8")
        except (idna.IDNAError, UnicodeError):
            raise FetchError(
                f"request failed: invalid URL {url!r}: the host has an invalid label", TRANSIENT
            ) from None
    netloc = (auth + "@" if auth else "") + host + (f":{port}" if port else "")
    return requote_uri(urlunparse((scheme, netloc, path or "/", "", query or "", fragment or "")))


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def requote_uri(uri: str) -> str:
    """Quote what must be, leave reserved characters and valid escapes alone (requests' requote_uri)."""
    parts = uri.split("%")
    for i in range(1, len(parts)):
        h = parts[i][0:2]
        if len(h) == 2 and h.isalnum():
            try:
                c = chr(int(h, 16))
            except ValueError:
                return quote(uri, safe="!#$&'()*+,/:;=?@[]~")  # a stray '%': quote it too
            parts[i] = c + parts[i][2:] if c in _UNRESERVED else "%" + parts[i]
        else:
            parts[i] = "%" + parts[i]
    return quote("".join(parts), safe="!#$%&'()*+,/:;=?@[]~")


def _redirect_target(url: str, location: str, fragment: str) -> tuple[str, str]:
    """Where a redirect leads (requests' rules: UTF-8 Location, scheme-relative, fragment kept)."""
    try:
        location = location.encode("latin1").decode("utf8")
    except UnicodeError:
        pass
    if location.startswith("//"):
        location = urlparse(url).scheme + ":" + location
    parsed = urlparse(location)
    if parsed.fragment == "" and fragment:
        parsed = parsed._replace(fragment=fragment)
    elif parsed.fragment:
        fragment = parsed.fragment
    new = parsed.geturl()
    new = urljoin(url, requote_uri(new)) if not parsed.netloc else requote_uri(new)
    return new, fragment


def _should_strip_auth(old_url: str, new_url: str) -> bool:
    """Whether Authorization must go on this redirect (requests' rule: another host, port or scheme)."""
    old, new = urlparse(old_url), urlparse(new_url)
    if old.hostname != new.hostname:
        return True
    if old.scheme == "http" and old.port in (80, None) and new.scheme == "https" and new.port in (443, None):
        return False
    default_port = ({"http": 80, "https": 443}.get(old.scheme), None)
    if old.scheme == new.scheme and old.port in default_port and new.port in default_port:
        return False
    return old.port != new.port or old.scheme != new.scheme


def _url_auth(url: str) -> tuple[str, str]:
    parsed = urlparse(url)
    try:
        return unquote(parsed.username), unquote(parsed.password)  # type: ignore[arg-type]
    except (AttributeError, TypeError):
        return "", ""


def _basic(username: str, password: str) -> str:
    return "Basic " + b64encode(username.encode("latin1") + b":" + password.encode("latin1")).decode("ascii")


def _discard(raw: urllib3.HTTPResponse) -> None:
    """Read a redirect's body so its connection can serve the next hop; drop the connection if it is long."""
    size = 0
    try:
        for chunk in raw.stream(64 * 1024, decode_content=False):
            size += len(chunk)
            if size > REDIRECT_BODY_MAX:
                raw.close()
                break
    except (HTTPError, OSError):
        raw.close()
    raw.release_conn()
