"""Fetch a page that builds its terms with JavaScript: Playwright driving the system's Chromium.

Optional: needs ``pip install 'tosdiff[browser]'`` (Playwright) and a Chromium binary (Debian:
``apt-get install chromium``); ``playwright install`` is never needed.

A run keeps one headless Chromium (`BrowserPool`), started on the first page that needs it, and gives
each document a fresh, throw-away browser context (its own cookies, storage and cache), so one
document never sees another's state. Launching Chromium costs seconds; a context costs milliseconds.
The browser is driven from one thread of its own (Playwright's objects belong to the event loop that
made them), pages of several documents render at once up to `MAX_PAGES`, a crashed browser is
started again on the next page, and the browser is replaced after `RECYCLE_AFTER` pages so that
whatever memory it leaks stays bounded. Closing the pool (the end of the run, or a stop request)
ends Chromium and every page still loading.

Each page may contact only the document's own host (third parties could hang the page on a closed
network, track, or inject noise). Every connection of a page goes through a small proxy of its own
(`_GuardProxy`), which resolves the name once, checks the address and connects to exactly that
address: a public document's page is never led to a private, loopback or link-local address (a
redirect into an intranet or to cloud metadata), which Playwright's routing alone cannot stop since
Chromium follows redirects itself. The page's scripts run inside Chromium's sandboxed renderer; tosdiff never executes them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from tosdiff.addresses import AddressGuard
from tosdiff.errors import BLOCKED, TOO_LARGE, TRANSIENT, FetchError, classify_status
from tosdiff.models import Document, FetchResult
from tosdiff.redact import redact_text, without_credentials

CHROMIUM = "/usr/bin/chromium"
ENV_CHROMIUM = "TOSDIFF_CHROMIUM"  # another binary path, for systems that install it elsewhere
# Each renderer's JavaScript heap is capped, so one hostile page cannot take the machine's memory.
JS_HEAP_MB = 512
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers; a full one crashes renderers
    f"--js-flags=--max-old-space-size={JS_HEAP_MB}",
)
# After `load`, scripts often fetch the terms; wait this long at most for the network to go quiet.
SETTLE_MAX = 5.0
SETUP_ERROR = "config"  # error class when the browser cannot be used at all (a setup problem)
MAX_PAGES = 4  # pages rendering at once in the run's browser (each renderer is a process)
RECYCLE_AFTER = 200  # pages before the browser is replaced by a fresh one (bounds leaked memory)
LAUNCH_TIMEOUT = 60.0


def chromium_path() -> str | None:
    """The Chromium binary to drive ($TOSDIFF_CHROMIUM, /usr/bin/chromium, or chromium on PATH), or None."""
    for candidate in (os.environ.get(ENV_CHROMIUM), CHROMIUM):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_unavailable() -> str | None:
    """Why render = "browser" cannot work here (missing Playwright or Chromium), or None when it can."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install 'tosdiff[browser]')"
    if chromium_path() is None:
        return "no Chromium binary found (apt-get install chromium, or set $TOSDIFF_CHROMIUM)"
    return None


def _same_site(url: str, host: str) -> bool:
    """True for the document's own host (any port or scheme); data:/blob: URLs never reach the network."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "").lower() == host


class BrowserPool:
    """One Chromium for a run, shared by the fetch threads; `fetch` renders one document in it."""

    def __init__(self, max_pages: int = MAX_PAGES, recycle_after: int = RECYCLE_AFTER) -> None:
        self.max_pages = max(1, max_pages)
        self.recycle_after = max(1, recycle_after)
        self.launches = 0  # how many times Chromium was started (a figure for tests and benchmarks)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        # Owned by the loop's thread only:
        self._pw: Any = None
        self._browser: Any = None
        self._pages_served = 0
        self._launching: asyncio.Lock | None = None
        self._slots: asyncio.Semaphore | None = None

    def fetch(self, doc: Document) -> FetchResult:
        """Render the document's page; return the DOM as text/html UTF-8, or raise FetchError."""
        reason = browser_unavailable()
        if reason:
            raise FetchError(f'render = "browser": {reason}', SETUP_ERROR)
        loop = self._start()
        future = asyncio.run_coroutine_threadsafe(self._render(doc), loop)
        # The coroutine bounds itself by the deadline; this limit only guards against a wedged loop.
        give_up_at = time.monotonic() + doc.deadline + LAUNCH_TIMEOUT
        while True:
            try:
                return future.result(timeout=0.25)
            except concurrent.futures.TimeoutError:
                # Polled, so a page still loading when the pool closes (a stopping run) ends at once.
                if self._closed or time.monotonic() > give_up_at:
                    future.cancel()
                    why = "the run is stopping" if self._closed else "the browser stopped answering"
                    raise FetchError(f"browser: {why}", TRANSIENT) from None
            except concurrent.futures.CancelledError:
                raise FetchError("browser: the run is stopping", TRANSIENT) from None

    def close(self) -> None:
        """End Chromium (and every page still loading) and the browser's thread."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=30)
        except Exception:  # noqa: BLE001 - closing must never raise; the process ends Chromium anyway
            pass
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)

    def __enter__(self) -> BrowserPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the loop's thread ---

    def _start(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._closed:
                raise FetchError("browser: the run is stopping", TRANSIENT)
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    loop.run_forever()
                    loop.close()

                # A daemon thread: a stopped run must never wait on the browser to exit the process.
                self._thread = threading.Thread(target=run, name="tosdiff-browser", daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    async def _shutdown(self) -> None:
        for page_task in [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]:
            page_task.cancel()
        await self._drop_browser()
        if self._pw is not None:
            try:
                await self._pw.stop()
            except Exception:  # noqa: BLE001
                pass
            self._pw = None

    async def _drop_browser(self) -> None:
        browser, self._browser = self._browser, None
        if browser is not None:
            try:
                await browser.close()
            except Exception:  # noqa: BLE001 - a crashed browser cannot be closed politely
                pass

    async def _get_browser(self) -> Any:
        """The run's browser: started on first use, again after a crash, renewed every RECYCLE_AFTER pages."""
        self._primitives()
        assert self._launching is not None
        async with self._launching:
            stale = self._browser is not None and (
                not self._browser.is_connected() or self._pages_served >= self.recycle_after
            )
            if stale and (not self._browser.is_connected() or not self._browser.contexts):
                await self._drop_browser()  # crashed, or old and idle: a fresh one
            if self._browser is None:
                if self._pw is None:
                    from playwright.async_api import async_playwright

                    self._pw = await async_playwright().start()
                self._browser = await self._pw.chromium.launch(
                    executable_path=chromium_path(),
                    args=list(CHROMIUM_ARGS),
                    headless=True,
                    timeout=LAUNCH_TIMEOUT * 1000,
                )
                self.launches += 1
                self._pages_served = 0
            self._pages_served += 1
            return self._browser

    async def _render(self, doc: Document) -> FetchResult:
        from playwright.async_api import Error as PlaywrightError

        self._primitives()
        assert self._slots is not None
        async with self._slots:
            # Like an HTTP fetch's, the budget starts when the document's turn comes (a free page slot).
            started = time.monotonic()
            deadline_at = started + doc.deadline
            # A crash between two pages: the first attempt meets a dead browser, the second a new one.
            for attempt in (1, 2):
                browser = await self._get_browser()  # a launch is bounded by LAUNCH_TIMEOUT
                left = deadline_at - time.monotonic()
                try:
                    if left <= 0:
                        raise TimeoutError
                    return await asyncio.wait_for(self._load(browser, doc, started, deadline_at), left)
                except TimeoutError:
                    raise FetchError(
                        f"browser: gave up at the document's deadline of {doc.deadline:g}s", TRANSIENT
                    ) from None
                except PlaywrightError as e:
                    if attempt == 1 and not browser.is_connected():
                        continue
                    raise FetchError(f"browser: {_first_line(e)}", TRANSIENT) from None
            raise FetchError("browser: the browser crashed twice", TRANSIENT)

    def _primitives(self) -> None:
        """The launch lock and the page slots, made on the loop's thread at first use."""
        if self._launching is None:
            self._launching = asyncio.Lock()
            self._slots = asyncio.Semaphore(self.max_pages)

    async def _load(self, browser: Any, doc: Document, started: float, deadline_at: float) -> FetchResult:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        host = (urlsplit(doc.url).hostname or "").lower()

        def remaining_ms(cap: float) -> float:
            left = deadline_at - time.monotonic()
            if left <= 0:
                raise FetchError(
                    f"browser: gave up at the document's deadline of {doc.deadline:g}s", TRANSIENT
                )
            return max(1.0, min(cap, left)) * 1000

        async def route(route: Any, request: Any) -> None:
            if _same_site(request.url, host):
                await route.continue_()
            else:
                await route.abort("blockedbyclient")

        proxy = _GuardProxy(only_host=host if doc.headers else None)
        context = await browser.new_context(
            extra_http_headers=dict(doc.headers) or None,
            java_script_enabled=True,
            accept_downloads=False,
            service_workers="block",
            proxy={"server": await proxy.start()},
        )
        try:
            await context.route("**/*", route)
            page = await context.new_page()
            try:
                response = await page.goto(doc.url, wait_until="load", timeout=remaining_ms(doc.timeout))
            except PlaywrightTimeout:
                raise FetchError(
                    f"browser: the page did not load within {doc.timeout:g}s", TRANSIENT
                ) from None
            except PlaywrightError:
                if proxy.refused:
                    raise proxy.refused[0] from None
                raise
            if proxy.refused:
                raise proxy.refused[0]
            try:
                await page.wait_for_load_state(
                    "networkidle", timeout=remaining_ms(min(SETTLE_MAX, doc.timeout))
                )
            except PlaywrightTimeout:
                pass  # a page that polls forever is still rendered: take what it shows now
            status = response.status if response is not None else 200
            html = await page.content()
            final_url = page.url
        finally:
            try:
                await context.close()
            except Exception:  # noqa: BLE001 - the browser may have died with the page
                pass
            await proxy.close()
        failure = classify_status(status)
        if failure is not None:
            raise FetchError(f"browser: HTTP {status}", failure)
        body = html.encode("utf-8")
        if len(body) > doc.max_bytes:
            raise FetchError(
                f"rendered page of {len(body):,} bytes exceeds the limit of {doc.max_bytes:,}; raise max_bytes "
                "(in [fetch] or the document's table) to accept it",
                TOO_LARGE,
            )
        return FetchResult(
            url=without_credentials(final_url),
            status=status,
            body=body,
            content_type="text/html; charset=utf-8",
            duration_ms=int((time.monotonic() - started) * 1000),
            attempts=1,
        )


class _GuardProxy:
    """A forwarding proxy for one document's browser context, connecting only where the guard allows.

    Chromium follows redirects itself (Playwright's routing never sees them), so the address check
    happens here, where every connection of the page is made: the name is resolved once, the address
    is checked, and the connection goes to exactly that address (no second lookup to rebind). HTTPS
    passes as an opaque CONNECT tunnel; plain HTTP is forwarded one request per connection.
    """

    def __init__(self, only_host: str | None = None) -> None:
        # Set when the document has headers: Chromium would send them on a redirect to another host
        # (Playwright applies them to redirects, and its routing never sees one), so no other host.
        self.only_host = only_host
        self.guard = AddressGuard()
        self.refused: list[FetchError] = []
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.AbstractServer | None = None

    async def start(self) -> str:
        """Listen on a free loopback port; the proxy URL to give the browser context."""
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0, limit=_PROXY_HEAD_MAX)
        port = self._server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def close(self) -> None:
        """Stop listening and cut every connection still open."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            first, _, rest = head.partition(b"\r\n")
            method, target, version = first.decode("latin-1").split(" ", 2)
            if method == "CONNECT":
                host, _, port_text = target.rpartition(":")
                port = int(port_text)
            else:
                parts = urlsplit(target)
                host, port = parts.hostname or "", parts.port or 80
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                # One request per upstream connection: Chromium may send the next request on this
                # client connection to another host, which must be checked on its own.
                kept = [
                    line
                    for line in rest.split(b"\r\n")
                    if line and not line.lower().startswith((b"proxy-", b"connection:", b"keep-alive:"))
                ]
                head = b"\r\n".join(
                    [f"{method} {path} {version}".encode("latin-1"), *kept, b"Connection: close"]
                )
                head += b"\r\n\r\n"
            host = host.strip("[]")
            if self.only_host is not None and host.lower() != self.only_host:
                raise _Refused(
                    f"refused: the page led to another host ({host}), and the document's headers are "
                    "sent only to its own host",
                    BLOCKED,
                )
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
            ip = str(infos[0][4][0])
            self.guard.check(ip, host)
            up_reader, upstream = await asyncio.open_connection(ip, port)  # the address just checked
            self._writers.add(upstream)
            if method == "CONNECT":
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                upstream.write(head)
            await asyncio.gather(_pipe(reader, upstream), _pipe(up_reader, writer))
        except FetchError as e:
            self.refused.append(e)
            writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
        except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # a broken or malformed connection: the browser sees it fail
        finally:
            for w in (writer, upstream):
                if w is not None:
                    self._writers.discard(w)
                    w.close()


_PROXY_HEAD_MAX = 64 * 1024  # request head size the proxy accepts


class _Refused(FetchError):
    """A connection the page's proxy will not make."""


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    except OSError:
        pass
    finally:
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass


def _first_line(e: BaseException) -> str:
    text = str(e).splitlines()[0][:300] if str(e) else type(e).__name__
    return redact_text(text)


def fetch_rendered(doc: Document, pool: BrowserPool | None = None) -> FetchResult:
    """Render the document's page in headless Chromium: in the run's pool, or in a browser of its own."""
    if pool is not None:
        return pool.fetch(doc)
    with BrowserPool(max_pages=1) as own:
        return own.fetch(doc)
