"""One polite, conditional, bounded HTTP fetch.

Retries come from urllib3's ``Retry`` (connection errors, 429/5xx, ``Retry-After`` honoured) rather
than a hand-written loop; what it cannot know, a per-document time budget and a byte cap that also
bounds decompressed size, is enforced here. Politeness across threads (one request at a time per
host, a minimum delay between two) lives in ``HostThrottle``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from tosdiff import __version__
from tosdiff.errors import BLOCKED, GONE, NOT_FOUND, TOO_LARGE, TRANSIENT, FetchError
from tosdiff.models import Document, FetchResult

DEFAULT_USER_AGENT = (
    f"tosdiff/{__version__} (+https://github.com/tosdiff/tosdiff; terms-of-service change monitor)"
)
MAX_REDIRECTS = 10
CHUNK = 64 * 1024
LOGIN_HINTS = ("/login", "/signin", "/sign-in", "/sign_in", "/auth", "/sso", "/account/login")


# The deadline of the fetch running on this thread; urllib3 re-creates Retry objects on every
# attempt, so per-call state travels in a thread-local rather than on the (shared) adapter.
_deadline = threading.local()


class BoundedRetry(Retry):
    """urllib3 Retry that never sleeps past the current document's deadline."""

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


def make_session(user_agent: str = "", retries: int = 3) -> requests.Session:
    """A requests.Session with tosdiff's User-Agent, redirect cap and retry policy."""
    session = requests.Session()
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
    adapter = HTTPAdapter(max_retries=retry, pool_connections=16, pool_maxsize=16)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def classify_status(status: int) -> str | None:
    """Map a final HTTP status to a failure class, or None when it is a success."""
    if 200 <= status < 300 or status == 304:
        return None
    if status == 404:
        return NOT_FOUND
    if status == 410:
        return GONE
    if status in (401, 403, 406, 451):
        return BLOCKED
    if status == 413:
        return TOO_LARGE
    return TRANSIENT


def fetch(
    doc: Document,
    *,
    session: requests.Session | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    throttle: HostThrottle | None = None,
) -> FetchResult:
    """Fetch one document; raise FetchError with a class on any failure."""
    own = session is None
    session = session or make_session()
    started = time.monotonic()
    deadline_at = started + doc.deadline
    _deadline.at = deadline_at
    headers = dict(doc.headers)
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        if throttle is not None:
            with throttle.slot(doc.url):
                result = _get(session, doc, headers, started, deadline_at)
        else:
            result = _get(session, doc, headers, started, deadline_at)
    finally:
        if own:
            session.close()
    return result


def _get(
    session: requests.Session, doc: Document, headers: dict[str, str], started: float, deadline_at: float
) -> FetchResult:
    try:
        resp = session.get(
            doc.url, headers=headers, timeout=(min(doc.timeout, 10.0), doc.timeout), stream=True
        )
    except FetchError:
        raise
    except requests.TooManyRedirects:
        raise FetchError(f"redirect loop: more than {MAX_REDIRECTS} redirects", BLOCKED) from None
    except requests.exceptions.RetryError as e:
        raise FetchError(f"too many retries: {_short(e)}", TRANSIENT) from None
    except requests.Timeout:
        raise FetchError(f"timed out after {doc.timeout:g}s", TRANSIENT) from None
    except requests.ConnectionError as e:
        raise FetchError(f"connection failed: {_short(e)}", TRANSIENT) from None
    except requests.RequestException as e:
        raise FetchError(f"request failed: {_short(e)}", TRANSIENT) from None
    with resp:
        attempts = 1 + len(resp.raw.retries.history) if getattr(resp.raw, "retries", None) else 1
        if resp.status_code == 304:
            return FetchResult(
                url=resp.url,
                status=304,
                body=b"",
                content_type="",
                etag=etag_of(resp, headers),
                last_modified=resp.headers.get("Last-Modified") or headers.get("If-Modified-Since"),
                not_modified=True,
                duration_ms=_ms(started),
                attempts=attempts,
            )
        failure = classify_status(resp.status_code)
        if failure is not None:
            raise FetchError(f"HTTP {resp.status_code} {resp.reason or ''}".strip(), failure)
        if _is_login_redirect(doc.url, resp):
            raise FetchError(f"redirected to a login page ({resp.url})", BLOCKED)
        body = _read_bounded(resp, doc.max_bytes, deadline_at)
    return FetchResult(
        url=resp.url,
        status=resp.status_code,
        body=body,
        content_type=resp.headers.get("Content-Type", ""),
        etag=resp.headers.get("ETag"),
        last_modified=resp.headers.get("Last-Modified"),
        duration_ms=_ms(started),
        attempts=attempts,
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
        # iter_content decodes gzip/deflate, so counting here bounds the *decompressed* size too:
        # a decompression bomb stops at max_bytes instead of filling memory.
        for chunk in resp.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"body exceeds the limit of {max_bytes:,} bytes", TOO_LARGE)
            if time.monotonic() > deadline_at:
                raise FetchError("gave up: the body was still arriving at the document's deadline", TRANSIENT)
            chunks.append(chunk)
    except FetchError:
        raise
    except requests.RequestException as e:
        raise FetchError(f"body incomplete: {_short(e)}", TRANSIENT) from None
    except OSError as e:
        raise FetchError(f"body incomplete: {_short(e)}", TRANSIENT) from None
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


def _short(e: BaseException) -> str:
    text = str(e)
    # urllib3 wraps causes deeply; keep the message readable and bounded.
    return text if len(text) <= 300 else text[:297] + "..."
