"""`tosdiff backfill NAME --wayback`: past versions of a document from the Internet Archive's Wayback Machine.

The archive's CDX API lists the captures of the document's URL (``output=json``, ``collapse=digest``
so identical bytes come once, ``filter=statuscode:200``); each capture's raw bytes are read from the
``id_`` form of its snapshot (``{endpoint}/web/{timestamp}id_/{url}``: the page as archived, without
the archive's toolbar or rewritten links), extracted with the document's own selectors, and recorded
as a version of kind ``backfilled`` whose ``recorded_at`` is the capture's time.

Everything goes through tosdiff's own fetch (size caps, deadlines, retries honouring ``Retry-After``,
the private-address guard), one request at a time with a delay between two (`WaybackSettings.delay`).
A capture that is a wall (a cookie or bot wall, a login page), a stub (almost no text, or a text that
shrank past ``max_shrink`` and keeps none of the terms) or the same text as the version before it in
time is skipped, never recorded. Re-running skips the captures whose time is already a version, so
an interrupted backfill resumes. Nothing here queues an alert: backfilled versions are history.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import quote, urlencode, urlsplit

from tosdiff import extract as extract_mod
from tosdiff.config import Config
from tosdiff.diff import NO_CHANGE, compare_texts
from tosdiff.errors import BAD_CONTENT, BLOCKED, FetchError, TosdiffError
from tosdiff.fetch import HostThrottle, Session, fetch, make_session
from tosdiff.models import Document
from tosdiff.record import change_summary, shrink_error
from tosdiff.redact import redact_text, without_credentials
from tosdiff.store import Store, sha256
from tosdiff.work import fingerprint

log = logging.getLogger("tosdiff")

BACKFILLED = "backfilled"  # the kind of a version read from the Wayback Machine
CDX_LIMIT = 10_000  # captures asked for at most: years of daily captures, after collapse=digest
CDX_MAX_BYTES = 16 * 1024 * 1024  # a CDX answer of CDX_LIMIT rows is about 1.5 MB
MAX_FAILURES_IN_A_ROW = 5  # then the archive is down or refusing us: stop, a re-run resumes
TIMESTAMP_DIGITS = 14  # yyyyMMddhhmmss

# What happened to one capture.
RECORDED = "recorded"
ALREADY = "already"  # its time is already a version (a re-run)
UNCHANGED = "unchanged"  # the same text as the version before it in time
WALL = "wall"
STUB = "stub"
FAILED = "failed"
SKIPPED = (UNCHANGED, WALL, STUB, FAILED)


@dataclass(frozen=True)
class Capture:
    """One capture the CDX API lists: when, of which URL, of what type."""

    timestamp: str  # 14 digits, UTC
    original: str
    mimetype: str = ""

    @property
    def recorded_at(self) -> str:
        """The capture's time in the format of every recorded_at ('2023-04-01T12:00:00.000000Z')."""
        return timestamp_iso(self.timestamp)


@dataclass(frozen=True)
class Outcome:
    """What the backfill did with one capture."""

    timestamp: str
    recorded_at: str
    status: str  # RECORDED | ALREADY | UNCHANGED | WALL | STUB | FAILED
    version: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class BackfillSummary:
    """What `backfill` did overall: captures listed, kept after thinning, and each capture's outcome."""

    listed: int
    considered: int
    outcomes: tuple[Outcome, ...]
    stopped: str | None = None  # why it stopped before the end (rate limited, failures in a row)

    def count(self, status: str) -> int:
        """How many captures ended with `status`."""
        return sum(1 for o in self.outcomes if o.status == status)


def timestamp_iso(ts: str) -> str:
    """'20230401120000' -> '2023-04-01T12:00:00.000000Z' (a shorter timestamp is padded); ValueError if bad."""
    if not ts.isdigit() or not 4 <= len(ts) <= TIMESTAMP_DIGITS:
        raise ValueError(f"not a Wayback timestamp: {ts[:40]!r}")
    when = datetime.strptime(ts + "00000101000000"[len(ts) :], "%Y%m%d%H%M%S")
    return when.isoformat(timespec="microseconds") + "Z"


def cdx_timestamp(day: str) -> str:
    """A --from/--to date ('2023', '2023-04', '2023-04-01') as the CDX API's digits; ValueError if not one."""
    day = day.strip()
    digits = day.replace("-", "")
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{6}|\d{8}", day):
        raise ValueError(f"{day!r} is not a date like 2023-04-01, 2023-04 or 2023")
    try:
        datetime.strptime((digits + "0101")[:8], "%Y%m%d")  # a real day: 2023-02-30 is refused
    except ValueError:
        raise ValueError(f"{day!r} is not a day of the calendar") from None
    return digits


def cdx_url(endpoint: str, url: str, since: str | None = None, until: str | None = None) -> str:
    """The CDX query listing a URL's distinct successful captures, oldest first."""
    params = [
        ("url", url),
        ("output", "json"),
        ("fl", "timestamp,original,mimetype,statuscode,digest"),
        ("collapse", "digest"),
        ("filter", "statuscode:200"),
        ("limit", str(CDX_LIMIT)),
    ]
    if since:
        params.append(("from", since))
    if until:
        params.append(("to", until))
    return f"{endpoint}/cdx/search/cdx?{urlencode(params)}"


def snapshot_url(endpoint: str, capture: Capture) -> str:
    """The raw (``id_``) snapshot of a capture: the archived bytes, no toolbar, links not rewritten."""
    return f"{endpoint}/web/{capture.timestamp}id_/{quote(capture.original, safe=':/?#[]@!$&()*+,;=%~-._')}"


def parse_cdx(body: bytes) -> list[Capture]:
    """The captures of a CDX JSON answer (a header row, then one row per capture), oldest first.

    Everything in it is untrusted: rows of the wrong shape, bad timestamps or non-200 statuses are
    dropped, not trusted; an answer that is not that JSON at all is a FetchError.
    """
    if not body.strip():
        return []  # the CDX API answers an empty body when it has no capture
    try:
        rows = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise FetchError(f"the CDX API sent something that is not JSON ({e})", BAD_CONTENT) from None
    if not isinstance(rows, list) or not rows:
        return []
    header = rows[0]
    if not isinstance(header, list) or "timestamp" not in header or "original" not in header:
        raise FetchError("the CDX API's JSON has no header row with timestamp and original", BAD_CONTENT)
    at = {name: header.index(name) for name in header if isinstance(name, str)}
    out: dict[str, Capture] = {}
    for row in rows[1:]:
        if not isinstance(row, list) or len(row) != len(header) or not all(isinstance(x, str) for x in row):
            continue
        status = row[at["statuscode"]] if "statuscode" in at else "200"
        ts = row[at["timestamp"]]
        if status != "200" or len(ts) != TIMESTAMP_DIGITS or not ts.isdigit():
            continue
        try:
            timestamp_iso(ts)
        except ValueError:
            continue
        original = row[at["original"]]
        if not original.startswith(("http://", "https://")):
            continue
        mimetype = row[at["mimetype"]] if "mimetype" in at else ""
        out.setdefault(ts, Capture(ts, original, mimetype))
    return [out[ts] for ts in sorted(out)]


def thin(captures: list[Capture], every: float | None) -> list[Capture]:
    """At most one capture per `every` seconds: the first of each stretch (all of them when None)."""
    if not every:
        return list(captures)
    kept: list[Capture] = []
    last: datetime | None = None
    for c in captures:
        when = datetime.fromisoformat(c.recorded_at.rstrip("Z"))
        if last is None or (when - last).total_seconds() >= every:
            kept.append(c)
            last = when
    return kept


def archived_url(doc: Document) -> str:
    """The URL the archive is asked about: the document's own, never with credentials or secrets."""
    url = doc.url.split("#", 1)[0]
    if without_credentials(url) != url:
        raise TosdiffError(
            f"{doc.name}: its URL carries credentials or secret-looking query values; tosdiff never "
            "sends them to the Wayback Machine (give the document a plain public URL to backfill it)"
        )
    return url


class Backfill:
    """One document's backfill from the Wayback Machine into a store."""

    def __init__(
        self,
        config: Config,
        store: Store,
        doc: Document,
        *,
        session: Session | None = None,
        write_lock: Callable[[], AbstractContextManager[object]] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.doc = doc
        self.endpoint = config.wayback.endpoint
        self._own_session = session is None
        self.session = session or make_session(config.fetch.user_agent, config.fetch.retries)
        self.throttle = HostThrottle(config.wayback.delay)
        # Held around each write only (the run lock), so a daemon's checks wait seconds, not the backfill.
        self.write_lock = write_lock or nullcontext

    def _get(self, url: str, max_bytes: int) -> tuple[bytes, str]:
        """One polite GET of the archive through tosdiff's fetch: (body, content type)."""
        # The document's own headers (cookies, API keys for its site) are never sent to the archive.
        probe = replace(self.doc, url=url, headers=(), render="http", max_bytes=max_bytes)
        result = fetch(probe, session=self.session, throttle=self.throttle)
        return result.body, result.content_type

    def captures(self, since: str | None = None, until: str | None = None) -> list[Capture]:
        """The document's distinct successful captures between two CDX dates, oldest first."""
        body, _ = self._get(cdx_url(self.endpoint, archived_url(self.doc), since, until), CDX_MAX_BYTES)
        return parse_cdx(body)

    def run(
        self, since: str | None = None, until: str | None = None, every: float | None = None
    ) -> Iterator[Outcome | BackfillSummary]:
        """Backfill capture by capture: yields each capture's Outcome, then the BackfillSummary."""
        listed = self.captures(since, until)
        chosen = thin(listed, every)
        done = {r["recorded_at"] for r in self.store.versions(self.doc.name)}
        outcomes: list[Outcome] = []
        stopped: str | None = None
        failures = 0
        for capture in chosen:
            if capture.recorded_at in done:
                outcome = Outcome(capture.timestamp, capture.recorded_at, ALREADY)
            else:
                outcome = self._one(capture)
                if outcome.status == FAILED and outcome.detail.startswith("HTTP 429"):
                    stopped = f"the archive is rate limiting (HTTP 429) at {capture.recorded_at[:10]}"
                failures = failures + 1 if outcome.status == FAILED else 0
                if failures >= MAX_FAILURES_IN_A_ROW:
                    stopped = f"{failures} captures in a row could not be read"
            outcomes.append(outcome)
            yield outcome
            if stopped:
                break
        yield BackfillSummary(len(listed), len(chosen), tuple(outcomes), stopped)

    def close(self) -> None:
        """Close the HTTP session (when the backfill made it)."""
        if self._own_session:
            self.session.close()

    def _one(self, capture: Capture) -> Outcome:
        """Fetch, extract and (unless skipped) record one capture."""
        doc = self.doc

        def skip(status: str, detail: str) -> Outcome:
            return Outcome(capture.timestamp, capture.recorded_at, status, detail=redact_text(detail))

        try:
            body, content_type = self._get(snapshot_url(self.endpoint, capture), doc.max_bytes)
        except TosdiffError as e:
            return skip(FAILED, str(e))
        try:
            # Links resolve against the page's own URL, as they did on the live page.
            text = extract_mod.extract(
                body,
                content_type,
                url=capture.original,
                select=doc.select,
                remove=doc.remove,
                ignore=doc.ignore,
            )
        except TosdiffError as e:
            return skip(
                WALL if e.error_class == BLOCKED else STUB if e.error_class == BAD_CONTENT else FAILED, str(e)
            )
        except Exception as e:  # noqa: BLE001 - one broken archived page must never stop the backfill
            return skip(FAILED, f"extraction failed: {e!r}")
        with self.write_lock(), self.store.transaction():
            return self._record(capture, body, content_type, text)

    def _record(self, capture: Capture, body: bytes, content_type: str, text: str) -> Outcome:
        """Record one extracted capture as a version, unless its time, its text or its size says not to."""
        doc, when = self.doc, capture.recorded_at
        rows = self.store.versions(doc.name)
        if any(r["recorded_at"] == when for r in rows):
            return Outcome(capture.timestamp, when, ALREADY)
        # The version just before this capture in time (not the last one recorded) is what it changed.
        before = max(
            (r for r in rows if r["recorded_at"] < when), key=lambda r: r["recorded_at"], default=None
        )
        summary = None
        if before is not None:
            if sha256(text) == before["text_hash"]:
                return Outcome(capture.timestamp, when, UNCHANGED, before["version"])  # the usual capture
            old_text = self.store.text(before["text_hash"])
            shrunk = shrink_error(doc, old_text, text)
            if shrunk is not None:
                return Outcome(capture.timestamp, when, STUB, detail=str(shrunk))
            judged = compare_texts(old_text, text)
            if judged.kind == NO_CHANGE:
                return Outcome(capture.timestamp, when, UNCHANGED, before["version"])
            summary = change_summary(judged.changes)
        self.store.upsert_document(doc.name, doc.url, doc.service, doc.title, doc.type)
        snapshot_id, _ = self.store.put_snapshot(
            doc.name,
            body,
            url=capture.original,
            http_status=200,
            content_type=content_type,
            etag=None,
            last_modified=None,
            fetched_at=when,
        )
        number = self.store.add_version(
            doc.name,
            text,
            snapshot_id=snapshot_id,
            extractor_version=extract_mod.EXTRACTOR_VERSION,
            fingerprint=fingerprint(doc),
            kind=BACKFILLED,
            summary=summary,
            recorded_at=when,
        )
        host = urlsplit(self.endpoint).hostname or self.endpoint
        log.info("%s: recorded the %s capture from %s as version %d", doc.name, when[:10], host, number)
        return Outcome(capture.timestamp, when, RECORDED, number, summary or "")
