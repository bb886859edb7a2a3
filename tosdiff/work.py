"""One document's fetch and extraction, run in a fetch thread: touches no database, returns a Fetched.

The writer (tosdiff.record) gets everything it needs from the Fetched: the response, the text (or
the proof it is the previous one), and the hashes and compressed page worked out here, off its thread.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tosdiff import extract as extract_mod
from tosdiff.errors import BLOCKED, ExtractError, FetchError, TosdiffError
from tosdiff.fetch import HostThrottle, Session, fetch, fetch_document
from tosdiff.models import Document, FetchResult
from tosdiff.pages import extract_pages, fetch_pages
from tosdiff.store import LastState, compress_snapshot, now_iso, sha256

if TYPE_CHECKING:
    # Only a type here: tosdiff.browser imports asyncio, which a plain-HTTP run never needs.
    from tosdiff.browser import BrowserPool

log = logging.getLogger("tosdiff")

# (body, content_type, url=, select=, remove=, ignore=, previous=) -> (text or None if unchanged, hash)
Extractor = Callable[..., tuple[str | None, str | None]]


def fingerprint(doc: Document) -> str:
    """What, besides the raw bytes, decides the extracted text: extractor version and selectors."""
    parts: list = [extract_mod.EXTRACTOR_VERSION, doc.select, doc.remove, doc.ignore]
    if doc.sources:  # a multi-page document: every page's address and selectors decide the text
        parts.append([[s.url, s.select, s.remove] for s in doc.sources])
    data = json.dumps(parts, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Fetched:
    """What a worker thread hands back to the writer: a fetch, its text, or the error."""

    doc: Document
    started_at: str
    started: float
    result: FetchResult | None = None
    text: str | None = None
    skipped_parse: bool = False
    error: TosdiffError | None = None
    # Worked out in the worker thread (hashlib and zlib release the GIL), not by the single writer.
    body_hash: str | None = None
    compressed: bytes | None = None  # set when the page is to be stored (see fetch_and_extract)
    text_hash: str | None = None
    selection_hash: str | None = None
    skipped_render: bool = False  # the cleaned selection hashed as before: the previous text was reused


def _get(
    doc: Document,
    state: LastState,
    session: Session,
    throttle: HostThrottle,
    use_browser: bool,
    browser: BrowserPool | None,
) -> FetchResult:
    """One fetch of the document, plain HTTP (with validators) or in a browser (the run's, if given)."""
    if doc.sources:
        return fetch_pages(doc, session=session, throttle=throttle, browser=browser)
    if use_browser:
        # A rendered DOM has no validators worth sending; and it is never a 304.
        return fetch_document(replace(doc, render="browser"), throttle=throttle, browser=browser)
    return fetch(doc, session=session, etag=state.etag, last_modified=state.last_modified, throttle=throttle)


def fetch_and_extract(
    doc: Document,
    state: LastState,
    session: Session,
    throttle: HostThrottle,
    *,
    extractor: Extractor | None = None,
    previous_selection: str | None = None,
    keep_all: bool = False,
    extract_slots: threading.Semaphore | None = None,
    browser: BrowserPool | None = None,
) -> Fetched:
    """Fetch and extract one document (runs in a worker thread; touches no database).

    The page is compressed (for storing) only when it will be stored: with `keep_all` whenever its
    bytes are new, otherwise only for a new text or a failure. Compressing a 170 KB page costs more
    CPU than parsing it, and with a per-request nonce every fetch has new bytes.
    """
    started_at, started = now_iso(), time.monotonic()
    # Looked up at call time, so a replaced extract_if_changed (tests count parses) is the one used.
    run_extract: Extractor = extractor or extract_mod.extract_if_changed
    if state.text_hash is None:
        previous_selection = None  # nothing to reuse

    def read(result: FetchResult) -> tuple[str | None, str | None]:
        with extract_slots or nullcontext():
            if doc.sources:  # each page with its own selectors, joined (tosdiff.pages)
                return extract_pages(result.body, doc), None
            return run_extract(
                result.body,
                result.content_type,
                url=result.url,
                select=doc.select,
                remove=doc.remove,
                ignore=doc.ignore,
                previous=previous_selection,
            )

    def failed(result: FetchResult, error: TosdiffError, body_hash: str) -> Fetched:
        # The pages of the latest failures are kept, to show what a blocked or broken page held.
        return Fetched(
            doc,
            started_at,
            started,
            result=result,
            error=error,
            body_hash=body_hash,
            compressed=compress_snapshot(result.body),
        )

    fp = fingerprint(doc)
    # With browser_fallback, a plain fetch that meets a wall (403 challenge, captcha page) is retried
    # once in a real browser; the browser's verdict, success or failure, is the one recorded.
    fallback = doc.render == "http" and doc.browser_fallback and not doc.sources
    attempts = [False, True] if fallback else [doc.render == "browser"]
    for use_browser in attempts:
        last_try = use_browser == attempts[-1]
        try:
            result = _get(doc, state, session, throttle, use_browser, browser)
        except TosdiffError as e:
            if e.error_class == BLOCKED and not last_try:
                log.info("%s: %s; trying the browser", doc.name, e)
                continue
            return Fetched(doc, started_at, started, error=e)
        except Exception as e:  # noqa: BLE001 - one broken document must never stop the others
            return Fetched(doc, started_at, started, error=FetchError(f"unexpected error: {e!r}"))
        if result.not_modified:
            return Fetched(doc, started_at, started, result=result)
        body_hash = sha256(result.body)
        # Same bytes as the last check: with keep_snapshots = "all" that page is already stored.
        same_bytes = body_hash == state.snapshot_hash
        if same_bytes and state.fingerprint == fp and state.text_hash is not None:
            # Same bytes, same extractor and selectors: the text cannot differ, so skip parsing.
            return Fetched(
                doc,
                started_at,
                started,
                result=result,
                skipped_parse=True,
                body_hash=body_hash,
                text_hash=state.text_hash,
            )
        try:
            text, digest = read(result)
        except TosdiffError as e:
            if e.error_class == BLOCKED and not last_try:
                log.info("%s: %s; trying the browser", doc.name, e)
                continue
            return failed(result, e, body_hash)
        except Exception as e:  # noqa: BLE001
            return failed(result, ExtractError(f"extraction failed: {e!r}"), body_hash)
        return _extracted(doc, state, started_at, started, result, text, digest, body_hash, keep_all)
    # The last attempt always returns; a loop that only `continue`d means there was none.
    return Fetched(doc, started_at, started, error=FetchError("no fetch attempted"))


def _extracted(
    doc: Document,
    state: LastState,
    started_at: str,
    started: float,
    result: FetchResult,
    text: str | None,
    digest: str | None,
    body_hash: str,
    keep_all: bool,
) -> Fetched:
    """The Fetched of a page read successfully: its text (or the previous one's) and, if kept, its page."""
    same_bytes = body_hash == state.snapshot_hash
    if text is None:
        # The cleaned terms markup hashed as it did for the latest text: that text is this page's text.
        return Fetched(
            doc,
            started_at,
            started,
            result=result,
            body_hash=body_hash,
            compressed=compress_snapshot(result.body) if keep_all and not same_bytes else None,
            selection_hash=digest,
            skipped_render=True,
            text_hash=state.text_hash,
        )
    text_hash = sha256(text)
    # A new text's page is always kept (unchanged checks store none, so same bytes prove nothing here).
    keep = text_hash != state.text_hash or (keep_all and not same_bytes)
    return Fetched(
        doc,
        started_at,
        started,
        result=result,
        text=text,
        body_hash=body_hash,
        compressed=compress_snapshot(result.body) if keep else None,
        selection_hash=digest,
        text_hash=text_hash,
    )
