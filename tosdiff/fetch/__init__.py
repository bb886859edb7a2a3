"""One polite, conditional, bounded HTTP fetch.

Retries come from urllib3's ``Retry`` (connection errors, 429/5xx, ``Retry-After`` honoured) rather
than a hand-written loop; what it cannot know, a per-document time budget and a byte cap that also
bounds decompressed size, is enforced here. Politeness across threads (one request at a time per
host, a minimum delay between two) lives in ``HostThrottle``. The HTTP client itself (pools,
redirects, the deadline's watchdog, the private-address guard) is ``tosdiff.fetch.client``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from urllib3.exceptions import (
    ClosedPoolError,
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    ResponseError,
    SSLError,
)

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
from tosdiff.fetch.client import (
    MAX_REDIRECTS,
    BoundedRetry,
    Response,
    Session,
    Watchdog,
    current,
    short_reason,
)
from tosdiff.models import Document, FetchResult
from tosdiff.redact import redact_text, redact_url, without_credentials

if TYPE_CHECKING:
    from tosdiff.browser import BrowserPool

__all__ = [
    "DEFAULT_USER_AGENT",
    "MAX_REDIRECTS",
    "BoundedRetry",
    "FetchResult",
    "HostThrottle",
    "Session",
    "Watchdog",
    "etag_of",
    "fetch",
    "fetch_document",
    "make_session",
]

DEFAULT_USER_AGENT = (
    f"tosdiff/{__version__} (+https://github.com/tosdiff/tosdiff; terms-of-service change monitor)"
)
log = logging.getLogger(__name__)
CHUNK = 64 * 1024
LOGIN_HINTS = ("/login", "/signin", "/sign-in", "/sign_in", "/auth", "/sso", "/account/login")


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


def make_session(user_agent: str = "", retries: int = 3) -> Session:
    """The HTTP client of a run: tosdiff's User-Agent, redirect cap and retry policy, pooled connections."""
    return Session(user_agent or DEFAULT_USER_AGENT, retries)


def fetch(
    doc: Document,
    *,
    session: Session | None = None,
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
    session: Session | None = None,
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


def _bounded_get(session: Session, doc: Document, etag: str | None, last_modified: str | None) -> FetchResult:
    # The budget starts when this document's turn comes, not while it waits for the host's slot.
    started = time.monotonic()
    deadline_at = started + doc.deadline
    validators = {}
    if etag:
        validators["If-None-Match"] = etag
    if last_modified:
        validators["If-Modified-Since"] = last_modified
    dog = Watchdog(deadline_at)
    current.at, current.watchdog, current.guard = deadline_at, dog, AddressGuard()
    aborts = getattr(session, "live_watchdogs", None)
    if aborts is not None:
        aborts.add(dog)
    try:
        result = _get(session, doc, validators, started, deadline_at)
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
        current.at, current.watchdog, current.guard = 0.0, None, None


def _request(session: Session, doc: Document, validators: dict[str, str], read_timeout: float) -> Response:
    """The GET of one document, urllib3's errors worded as FetchErrors (as requests used to word them)."""
    try:
        return session.get(doc.url, dict(doc.headers), (min(read_timeout, 10.0), read_timeout), validators)
    except FetchError:
        raise
    except MaxRetryError as e:
        if isinstance(e.reason, ConnectTimeoutError) and not isinstance(e.reason, NewConnectionError):
            raise FetchError(f"timed out after {read_timeout:g}s", TRANSIENT) from None
        if isinstance(e.reason, ResponseError):
            raise FetchError(f"too many retries: {short_reason(e)}", TRANSIENT) from None
        raise FetchError(f"connection failed: {short_reason(e)}", TRANSIENT) from None
    except ReadTimeoutError:
        raise FetchError(f"timed out after {read_timeout:g}s", TRANSIENT) from None
    except (ProtocolError, ClosedPoolError, SSLError, ProxyError, OSError) as e:
        raise FetchError(f"connection failed: {short_reason(e)}", TRANSIENT) from None
    except (HTTPError, ValueError) as e:
        raise FetchError(f"request failed: {short_reason(e)}", TRANSIENT) from None


def _get(
    session: Session, doc: Document, validators: dict[str, str], started: float, deadline_at: float
) -> FetchResult:
    # Never wait longer for one read than the budget that is left.
    read_timeout = max(0.1, min(doc.timeout, deadline_at - time.monotonic()))
    resp = _request(session, doc, validators, read_timeout)
    with resp:
        attempts = resp.attempts
        if log.isEnabledFor(logging.INFO):  # the arguments cost more than the call when it is off
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
                etag=etag_of(resp, validators),
                last_modified=resp.headers.get("Last-Modified") or validators.get("If-Modified-Since"),
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
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))  # one pass in C, not one per byte value
    if b"\x00" in head[:1024] or controls > len(head) * 0.05:
        raise FetchError(
            f"the body is binary data ({controls} control bytes in the first {len(head)}), not text",
            BAD_CONTENT,
        )


# What a too-large error tells the user to do (the setting by its name, and where it goes).
_RAISE_MAX_BYTES = "raise max_bytes (in [fetch] or the document's table) to accept it"


def _read_bounded(resp: Response, max_bytes: int, deadline_at: float) -> bytes:
    declared = resp.headers.get("Content-Length")
    if (
        declared
        and declared.isdigit()
        and int(declared) > max_bytes
        and not resp.headers.get("Content-Encoding")
    ):
        raise FetchError(
            f"body of {int(declared):,} bytes exceeds the limit of {max_bytes:,}; {_RAISE_MAX_BYTES}",
            TOO_LARGE,
        )
    chunks: list[bytes] = []
    size = 0
    try:
        # iter_content decodes gzip/deflate/br, and urllib3 (>= 2.6) bounds each decompressed read to
        # the chunk size, so counting here bounds the *decompressed* size too: a decompression bomb
        # stops at max_bytes instead of filling memory.
        for chunk in resp.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(
                    f"body exceeds the limit of {max_bytes:,} bytes; {_RAISE_MAX_BYTES}", TOO_LARGE
                )
            if time.monotonic() > deadline_at:
                raise FetchError("gave up: the body was still arriving at the document's deadline", TRANSIENT)
            chunks.append(chunk)
    except FetchError:
        raise
    except DecodeError as e:
        raise FetchError(f"body could not be decompressed: {short_reason(e)}", BAD_CONTENT) from None
    except HTTPError as e:  # a broken or short body, a read timeout, a TLS error while reading
        raise FetchError(f"body incomplete: {short_reason(e)}", TRANSIENT) from None
    except OSError as e:
        raise FetchError(f"body incomplete: {short_reason(e)}", TRANSIENT) from None
    except Exception as e:  # noqa: BLE001 - a corrupt gzip/brotli stream raises decoder-specific types
        raise FetchError(f"body could not be decoded: {short_reason(e)}", BAD_CONTENT) from None
    return b"".join(chunks)


def _is_login_redirect(asked: str, resp: Response) -> bool:
    if not resp.history:
        return False
    path = urlsplit(resp.url).path.lower()
    asked_path = urlsplit(asked).path.lower()
    return any(h in path for h in LOGIN_HINTS) and not any(h in asked_path for h in LOGIN_HINTS)


def etag_of(resp: Response, sent: dict[str, str]) -> str | None:
    """The ETag to keep after a 304: the response's own, else the one we sent."""
    return resp.headers.get("ETag") or sent.get("If-None-Match")


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
