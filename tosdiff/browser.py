"""Fetch a page that builds its terms with JavaScript: Playwright driving the system's Chromium.

Optional: needs ``pip install 'tosdiff[browser]'`` (Playwright) and a Chromium binary (Debian:
``apt-get install chromium``); ``playwright install`` is never needed. Each fetch starts a fresh
headless browser with a throw-away profile, lets only the document's own host be contacted (third
parties could hang the page on a closed network, track, or inject noise), waits for the page to
settle within the document's timeout, and returns the rendered DOM as UTF-8 HTML. The page's
scripts run inside Chromium's sandboxed renderer; tosdiff itself never executes fetched code.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from urllib.parse import urlsplit

from tosdiff.errors import TOO_LARGE, TRANSIENT, FetchError, classify_status
from tosdiff.models import Document, FetchResult

CHROMIUM = "/usr/bin/chromium"
ENV_CHROMIUM = "TOSDIFF_CHROMIUM"  # another binary path, for systems that install it elsewhere
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# After `load`, scripts often fetch the terms; wait this long at most for the network to go quiet.
SETTLE_MAX = 5.0
SETUP_ERROR = "config"  # error class when the browser cannot be used at all (a setup problem)


def chromium_path() -> str | None:
    """The Chromium binary to drive ($TOSDIFF_CHROMIUM, /usr/bin/chromium, or chromium on PATH), or None."""
    for candidate in (os.environ.get(ENV_CHROMIUM), CHROMIUM):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_unavailable() -> str | None:
    """Why render = "browser" cannot work here (missing Playwright or Chromium), or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
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


def fetch_rendered(doc: Document) -> FetchResult:
    """Render the document's page in headless Chromium; return the DOM as text/html UTF-8."""
    reason = browser_unavailable()
    if reason:
        raise FetchError(f'render = "browser": {reason}', SETUP_ERROR)
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    deadline_at = started + doc.deadline
    host = (urlsplit(doc.url).hostname or "").lower()
    blocked: list[str] = []

    def remaining_ms(cap: float) -> float:
        left = deadline_at - time.monotonic()
        if left <= 0:
            raise FetchError(f"gave up at the document's deadline of {doc.deadline:g}s", TRANSIENT)
        return max(1.0, min(cap, left)) * 1000

    def route(route, request) -> None:  # type: ignore[no-untyped-def]
        if _same_site(request.url, host):
            route.continue_()
        else:
            blocked.append(request.url)
            route.abort("blockedbyclient")

    profile = tempfile.mkdtemp(prefix="tosdiff-chromium-")
    try:
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                profile,
                executable_path=chromium_path(),
                args=list(CHROMIUM_ARGS),
                headless=True,
                timeout=remaining_ms(60.0),
                extra_http_headers=dict(doc.headers) or None,
                java_script_enabled=True,
                accept_downloads=False,
                service_workers="block",
            )
            try:
                context.route("**/*", route)
                page = context.pages[0] if context.pages else context.new_page()
                response = page.goto(doc.url, wait_until="load", timeout=remaining_ms(doc.timeout))
                try:
                    page.wait_for_load_state(
                        "networkidle", timeout=remaining_ms(min(SETTLE_MAX, doc.timeout))
                    )
                except PlaywrightTimeout:
                    pass  # a page that polls forever is still rendered: take what it shows now
                status = response.status if response is not None else 200
                html = page.content()
                final_url = page.url
            finally:
                context.close()
    except FetchError:
        raise
    except PlaywrightTimeout:
        raise FetchError(f"browser: the page did not load within {doc.timeout:g}s", TRANSIENT) from None
    except PlaywrightError as e:
        message = str(e).splitlines()[0][:300] if str(e) else type(e).__name__
        raise FetchError(f"browser: {message}", TRANSIENT) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    failure = classify_status(status)
    if failure is not None:
        raise FetchError(f"browser: HTTP {status}", failure)
    body = html.encode("utf-8")
    if len(body) > doc.max_bytes:
        raise FetchError(
            f"rendered page of {len(body):,} bytes exceeds the limit of {doc.max_bytes:,}", TOO_LARGE
        )
    return FetchResult(
        url=final_url,
        status=status,
        body=body,
        content_type="text/html; charset=utf-8",
        duration_ms=int((time.monotonic() - started) * 1000),
        attempts=1,
    )
