"""Multi-page documents (`sources = [...]`): fetch every page in order, keep them as one bundle, join the texts.

A document whose terms are published as several pages is still one document with one history: its
pages are fetched one after the other (through the run's per-host throttle, so one host is never asked
twice at once), and one page that fails fails the whole check (nothing half-recorded).

The raw pages are stored as ONE snapshot, a bundle (content type `BUNDLE_TYPE`) whose bytes are::

    tosdiff-pages 1\\n
    {"url": ..., "content_type": ..., "status": 200, "size": N}\\n   <- one JSON line per page
    <N bytes of the page>\\n

in the order of `sources`. One snapshot per check keeps the rest of the store as it is: the
snapshot's hash says "same bytes as last time" for all pages at once, and re-extraction
(`tosdiff reextract`, the technical upgrade) reads each page back from the bundle.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tosdiff import extract as extract_mod
from tosdiff.errors import BAD_CONTENT, ExtractError, TosdiffError
from tosdiff.fetch import HostThrottle, Session, fetch_document
from tosdiff.models import Document, FetchResult

if TYPE_CHECKING:
    # Only a type here: tosdiff.browser imports asyncio, which a plain-HTTP run never needs.
    from tosdiff.browser import BrowserPool

BUNDLE_TYPE = "application/x-tosdiff-pages"
MAGIC = b"tosdiff-pages 1\n"
MAX_HEADER = 4096  # bytes of one page's JSON line: a URL and a content type, never more


def bundle(pages: list[FetchResult]) -> bytes:
    """The bytes of a bundle of fetched pages, in order."""
    parts = [MAGIC]
    for p in pages:
        head = {"url": p.url, "content_type": p.content_type, "status": p.status, "size": len(p.body)}
        parts += [json.dumps(head, separators=(",", ":")).encode(), b"\n", p.body, b"\n"]
    return b"".join(parts)


def unbundle(body: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """(header, page bytes) of every page of a bundle; ExtractError when the bytes are not one."""
    if not body.startswith(MAGIC):
        raise ExtractError("stored snapshot is not a multi-page bundle", BAD_CONTENT)
    out: list[tuple[dict[str, Any], bytes]] = []
    at = len(MAGIC)
    while at < len(body):
        end = body.find(b"\n", at, at + MAX_HEADER)
        try:
            head = json.loads(body[at:end]) if end > at else None
            size = int(head["size"]) if isinstance(head, dict) else -1
        except (ValueError, KeyError, TypeError):
            size = -1
        start = end + 1
        if size < 0 or start + size + 1 > len(body):
            raise ExtractError("damaged multi-page bundle", BAD_CONTENT)
        out.append((head, body[start : start + size]))  # type: ignore[arg-type]
        at = start + size + 1
    return out


def fetch_pages(
    doc: Document,
    *,
    session: Session,
    throttle: HostThrottle,
    browser: BrowserPool | None = None,
) -> FetchResult:
    """Fetch every source of `doc` in order; one FetchResult holding the bundle. A failing page raises."""
    pages: list[FetchResult] = []
    for i, src in enumerate(doc.sources):
        page = replace(doc, url=src.url, select=src.select, remove=src.remove, sources=())
        try:
            # No validators: a 304 for one page says nothing of the bundle.
            pages.append(fetch_document(page, session=session, throttle=throttle, browser=browser))
        except TosdiffError as e:
            raise type(e)(f"page {i + 1} of {len(doc.sources)} ({src.url}): {e}", e.error_class) from e
    first = pages[0]
    return FetchResult(
        url=first.url,
        status=first.status,
        body=bundle(pages),
        content_type=BUNDLE_TYPE,
        duration_ms=sum(p.duration_ms for p in pages),
        attempts=max(p.attempts for p in pages),
    )


def extract_pages(body: bytes, doc: Document) -> str:
    """The text of a multi-page document: each page extracted with its own selectors, joined in order."""
    parts = unbundle(body)
    if len(parts) != len(doc.sources):
        raise ExtractError(
            f"stored snapshot holds {len(parts)} pages, the config names {len(doc.sources)} sources",
            BAD_CONTENT,
        )
    texts = []
    for i, ((head, page), src) in enumerate(zip(parts, doc.sources, strict=True)):
        try:
            text = extract_mod.extract(
                page,
                str(head.get("content_type", "")),
                url=str(head.get("url", src.url)),
                select=src.select,
                remove=src.remove,
                ignore=doc.ignore,
            )
        except TosdiffError as e:
            raise type(e)(f"page {i + 1} of {len(doc.sources)} ({src.url}): {e}", e.error_class) from e
        texts.append(text.strip("\n"))
    # The normalised text contract: blocks apart by one blank line, one final line end.
    return "\n\n".join(t for t in texts if t) + "\n"
