"""Chains the stages: fetch -> extract -> store -> diff -> flags -> outbox. Only this module does.

Fetching and extracting run in worker threads (I/O and lxml release the GIL); every database write
happens on the calling thread, one transaction per document, so SQLite sees a single writer and a
crash can never leave half a check behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import requests

from tosdiff import extract as extract_mod
from tosdiff.config import Config
from tosdiff.errors import BAD_CONTENT, ExtractError, FetchError, TosdiffError
from tosdiff.fetch import HostThrottle, fetch, make_session
from tosdiff.models import (
    CHANGED,
    ERROR,
    NEW,
    REVERTED,
    UNCHANGED,
    CheckResult,
    Document,
    FetchResult,
    RunReport,
    SectionChange,
)
from tosdiff.store import LastState, Store, now_iso, sha256

log = logging.getLogger("tosdiff")


def fingerprint(doc: Document) -> str:
    """What, besides the raw bytes, decides the extracted text: extractor version and selectors."""
    data = json.dumps(
        [extract_mod.EXTRACTOR_VERSION, doc.select, doc.remove, doc.ignore], separators=(",", ":")
    )
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


def _work(doc: Document, state: LastState, session: requests.Session, throttle: HostThrottle) -> Fetched:
    """Fetch and extract one document (runs in a worker thread; touches no database)."""
    from tosdiff.errors import BLOCKED
    from tosdiff.fetch import fetch_document

    started_at, started = now_iso(), time.monotonic()

    def get(use_browser: bool) -> FetchResult:
        if use_browser:
            from dataclasses import replace

            # A rendered DOM has no validators worth sending; and it is never a 304.
            return fetch_document(replace(doc, render="browser"), throttle=throttle)
        return fetch(
            doc, session=session, etag=state.etag, last_modified=state.last_modified, throttle=throttle
        )

    def read(result: FetchResult) -> str:
        return extract_mod.extract(
            result.body,
            result.content_type,
            url=result.url,
            select=doc.select,
            remove=doc.remove,
            ignore=doc.ignore,
        )

    fp = fingerprint(doc)
    result: FetchResult | None = None
    # With browser_fallback, a plain fetch that meets a wall (403 challenge, captcha page) is retried
    # once in a real browser; the browser's verdict, success or failure, is the one recorded.
    attempts = [False, True] if doc.render == "http" and doc.browser_fallback else [doc.render == "browser"]
    for use_browser in attempts:
        last_try = use_browser == attempts[-1]
        try:
            result = get(use_browser)
        except TosdiffError as e:
            if e.error_class == BLOCKED and not last_try:
                log.info("%s: %s; trying the browser", doc.name, e)
                continue
            return Fetched(doc, started_at, started, error=e)
        except Exception as e:  # noqa: BLE001 - one broken document must never stop the others
            return Fetched(doc, started_at, started, error=FetchError(f"unexpected error: {e!r}"))
        if result.not_modified:
            return Fetched(doc, started_at, started, result=result)
        if state.snapshot_hash == sha256(result.body) and state.fingerprint == fp and state.text is not None:
            # Same bytes, same extractor and selectors: the text cannot differ, so skip parsing.
            return Fetched(doc, started_at, started, result=result, text=state.text, skipped_parse=True)
        try:
            text = read(result)
        except TosdiffError as e:
            if e.error_class == BLOCKED and not last_try:
                log.info("%s: %s; trying the browser", doc.name, e)
                continue
            return Fetched(doc, started_at, started, result=result, error=e)
        except Exception as e:  # noqa: BLE001
            return Fetched(
                doc, started_at, started, result=result, error=ExtractError(f"extraction failed: {e!r}")
            )
        break
    else:  # pragma: no cover - the last attempt always returns or breaks
        return Fetched(doc, started_at, started, error=FetchError("no fetch attempted"))
    assert result is not None
    if state.text and doc.max_shrink < 1:
        old_len, new_len = len(state.text), len(text)
        if old_len > 0 and new_len < old_len * (1 - doc.max_shrink):
            share = 1 - new_len / old_len
            return Fetched(
                doc,
                started_at,
                started,
                result=result,
                error=ExtractError(
                    f"text shrank by {share:.0%} ({old_len:,} -> {new_len:,} characters), more than "
                    f"max_shrink = {doc.max_shrink:g}: treated as a broken page, not a new version",
                    BAD_CONTENT,
                ),
            )
    return Fetched(doc, started_at, started, result=result, text=text)


def compute_changes(old_text: str | None, new_text: str) -> tuple[SectionChange, ...]:
    """Section-level changes between two texts (empty when there is no previous text)."""
    if old_text is None:
        return ()
    from tosdiff.diff import diff_texts

    return tuple(diff_texts(old_text, new_text))


def compute_flags(changes: Iterable[SectionChange], rules: object = None) -> tuple:
    """Flags on what changed."""
    from tosdiff.flags import flag_changes

    return tuple(flag_changes(list(changes), rules))


class Checker:
    """Checks documents of one config against one store."""

    def __init__(
        self, config: Config, store: Store, *, workers: int | None = None, host_delay: float | None = None
    ) -> None:
        self.config = config
        self.store = store
        self.workers = workers or config.fetch.workers
        self.throttle = HostThrottle(config.fetch.host_delay if host_delay is None else host_delay)
        self.session = make_session(config.fetch.user_agent, config.fetch.retries)

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self.session.close()

    def check(
        self,
        docs: Iterable[Document],
        *,
        on_result: Callable[[CheckResult], None] | None = None,
        run_id: str | None = None,
        deliver: bool = True,
        should_stop: Callable[[], bool] | None = None,
    ) -> RunReport:
        """Check documents concurrently; record each outcome in its own transaction."""
        run_id = run_id or uuid.uuid4().hex[:12]
        docs = list(docs)
        states = {d.name: self.store.last_state(d.name) for d in docs}
        results: list[CheckResult] = []
        stopping = should_stop or (lambda: False)
        pool = ThreadPoolExecutor(max_workers=max(1, self.workers), thread_name_prefix="tosdiff-fetch")
        try:
            futures: list[Future[Fetched]] = [
                pool.submit(_work, d, states[d.name], self.session, self.throttle) for d in docs
            ]
            # Record in config order as results arrive; a slow early document only delays writing.
            for i, fut in enumerate(futures):
                if stopping():
                    log.info("stop requested: %d documents left unchecked", len(docs) - len(results))
                    break
                fetched = fut.result()
                # Let go of the page, its text and the previous text once recorded, so memory stays
                # flat as the number of documents grows (bench/bench_scale.py measures it).
                futures[i] = None  # type: ignore[call-overload]
                result = self._record(fetched, states.pop(fetched.doc.name), run_id)
                del fetched
                results.append(result)
                if on_result:
                    on_result(result)
        finally:
            # On a stop, documents not yet started are dropped; running fetches end by their deadline.
            pool.shutdown(wait=not stopping(), cancel_futures=True)
        if deliver and not stopping():
            self.deliver()
        return RunReport(tuple(results))

    def deliver(self) -> list:
        """Send what the outbox holds for the configured notifiers (never raises)."""
        if not self.config.alerts:
            return []
        try:
            from tosdiff.alerts import deliver_pending

            return list(deliver_pending(self.store.db, list(self.config.alerts)))
        except Exception as e:  # noqa: BLE001 - a broken notifier must not fail the recorded run
            log.error("alert delivery failed: %s", e)
            return []

    def _record(self, f: Fetched, state: LastState, run_id: str) -> CheckResult:
        """Write one document's check, snapshot, version and alerts in one transaction."""
        doc = f.doc
        finished_at = now_iso()
        duration_ms = int((time.monotonic() - f.started) * 1000)
        res = f.result
        base = dict(
            run_id=run_id,
            started_at=f.started_at,
            finished_at=finished_at,
            duration_ms=duration_ms,
            http_status=res.status if res else None,
            attempts=res.attempts if res else 1,
        )
        try:
            with self.store.transaction():
                self.store.upsert_document(doc.name, doc.url, doc.service, doc.title, doc.type)
                snapshot_id = None
                if res is not None and not res.not_modified:
                    snapshot_id, _ = self.store.put_snapshot(
                        doc.name,
                        res.body,
                        url=res.url,
                        http_status=res.status,
                        content_type=res.content_type,
                        etag=res.etag,
                        last_modified=res.last_modified,
                        fetched_at=f.started_at,
                    )
                if f.error is not None:
                    check_id = self.store.add_check(
                        doc.name,
                        outcome=ERROR,
                        error=str(f.error),
                        error_class=f.error.error_class,
                        snapshot_id=snapshot_id,
                        **base,
                    )
                    result = CheckResult(
                        doc.name,
                        ERROR,
                        version=state.version,
                        previous_version=state.version,
                        error=str(f.error),
                        error_class=f.error.error_class,
                        check_id=check_id,
                    )
                    self._enqueue_status(doc, result, state)
                    return result
                assert res is not None
                etag = res.etag if not res.not_modified else (res.etag or state.etag)
                last_mod = (
                    res.last_modified if not res.not_modified else (res.last_modified or state.last_modified)
                )
                if res.not_modified or f.text is None or sha256(f.text) == state.text_hash:
                    check_id = self.store.add_check(
                        doc.name,
                        outcome=UNCHANGED,
                        snapshot_id=snapshot_id,
                        version=state.version,
                        etag=etag,
                        last_modified=last_mod,
                        **base,
                    )
                    result = CheckResult(
                        doc.name,
                        UNCHANGED,
                        version=state.version,
                        previous_version=state.version,
                        check_id=check_id,
                    )
                    self._enqueue_status(doc, result, state)
                    return result
                text = f.text
                earlier = self.store.version_by_text(doc.name, sha256(text))
                if state.version is None:
                    status, changes, flags = NEW, (), ()
                else:
                    status = REVERTED if earlier is not None else CHANGED
                    changes = compute_changes(state.text, text)
                    flags = compute_flags(changes, self.config.rules)
                recorded_at = now_iso()
                number = self.store.add_version(
                    doc.name,
                    text,
                    snapshot_id=snapshot_id,
                    extractor_version=extract_mod.EXTRACTOR_VERSION,
                    fingerprint=fingerprint(doc),
                    kind=status,
                    reverted_to=earlier if status == REVERTED else None,
                    summary=_summary(changes),
                    recorded_at=recorded_at,
                )
                check_id = self.store.add_check(
                    doc.name,
                    outcome=status,
                    snapshot_id=snapshot_id,
                    version=number,
                    etag=etag,
                    last_modified=last_mod,
                    **base,
                )
                result = CheckResult(
                    doc.name,
                    status,
                    version=number,
                    previous_version=state.version,
                    changes=changes,
                    flags=flags,
                    check_id=check_id,
                )
                self._enqueue_change(doc, result, state, recorded_at)
                self._enqueue_status(doc, result, state)
                return result
        except TosdiffError as e:
            return CheckResult(
                doc.name, ERROR, version=state.version, error=str(e), error_class=e.error_class
            )

    def _enqueue_change(self, doc: Document, result: CheckResult, state: LastState, recorded_at: str) -> None:
        """Queue alerts for a change in the same transaction as its version."""
        if not self.config.alerts or result.status == NEW:
            return
        if result.status == REVERTED and not doc.alert_on_revert:
            return
        from tosdiff.alerts import build_change_event, enqueue

        event = build_change_event(
            doc, result, recorded_at=recorded_at, previous_recorded_at=state.recorded_at
        )
        enqueue(self.store.db, list(self.config.alerts), event)

    def _enqueue_status(self, doc: Document, result: CheckResult, state: LastState) -> None:
        """Queue one alert when a document becomes inaccessible, and one when it recovers."""
        if not self.config.alerts:
            return
        from tosdiff.alerts import build_status_event, enqueue

        if result.status == ERROR and state.consecutive_failures == 0:
            event = build_status_event(doc, "error", result.error, now_iso())
        elif result.status != ERROR and state.consecutive_failures > 0:
            event = build_status_event(doc, "recovery", None, now_iso())
        else:
            return
        enqueue(self.store.db, list(self.config.alerts), event)


def _summary(changes: Iterable[SectionChange]) -> str | None:
    """A one-line summary such as '10.4 modified; 7 removed; 9 renumbered' kept on the version row."""
    changes = list(changes)
    edits = [f"{c.id} {c.kind}" for c in changes if c.kind != "renumbered" or c.content_changed]
    renumbered = len(changes) - len(edits)
    parts = edits[:20] + ([f"and {len(edits) - 20} more"] if len(edits) > 20 else [])
    if renumbered:
        parts.append(f"{renumbered} renumbered")
    return "; ".join(parts) or None


def check_documents(config: Config, store: Store, names: Iterable[str] = (), **kwargs: object) -> RunReport:
    """Check the named documents (all when none are named) and return the run's report."""
    wanted = list(names)
    docs = [config.document(n) for n in wanted] if wanted else list(config.documents)
    checker = Checker(
        config,
        store,
        workers=kwargs.pop("workers", None),  # type: ignore[arg-type]
        host_delay=kwargs.pop("host_delay", None),
    )  # type: ignore[arg-type]
    try:
        return checker.check(docs, **kwargs)  # type: ignore[arg-type]
    finally:
        checker.close()


def reextract_documents(config: Config, store: Store, names: Iterable[str] = ()) -> list[CheckResult]:
    """Re-extract the newest snapshots; record a never-alerted `technical` version where the text differs."""
    technical = "technical"
    wanted = list(names)
    docs = [config.document(n) for n in wanted] if wanted else list(config.documents)
    results: list[CheckResult] = []
    for doc in docs:
        latest = store.latest_version(doc.name)
        if latest is None:
            # Never checked: nothing to re-derive, and nothing wrong either.
            results.append(CheckResult(doc.name, UNCHANGED))
            continue
        try:
            # The newest body that read successfully: every good check since the latest version had
            # the same text, so its snapshot is as valid a source as the version's own, and fresher.
            row = store.db.execute(
                """SELECT snapshot_id FROM checks WHERE document = ? AND outcome != 'error'
                   AND snapshot_id IS NOT NULL ORDER BY id DESC LIMIT 1""",
                [doc.name],
            ).fetchone()
            snapshot_id = row[0] if row else latest["snapshot_id"]
            if snapshot_id is None:
                raise ExtractError("no stored snapshot to re-derive the text from", BAD_CONTENT)
            snap = store.snapshot(snapshot_id)
            text = extract_mod.extract(
                snap["body"],
                snap["content_type"],
                url=snap["url"],
                select=doc.select,
                remove=doc.remove,
                ignore=doc.ignore,
            )
            old_text = store.text(latest["text_hash"])
            if sha256(text) == latest["text_hash"]:
                results.append(
                    CheckResult(
                        doc.name, UNCHANGED, version=latest["version"], previous_version=latest["version"]
                    )
                )
                continue
            if doc.max_shrink < 1 and len(text) < len(old_text) * (1 - doc.max_shrink):
                raise ExtractError(
                    f"re-derived text is {1 - len(text) / len(old_text):.0%} shorter than the latest version, "
                    f"more than max_shrink = {doc.max_shrink:g}: check the selectors (or raise max_shrink)",
                    BAD_CONTENT,
                )
            try:
                changes = compute_changes(old_text, text)
            except Exception as e:  # noqa: BLE001 - the summary is a courtesy; the version is what counts
                log.warning("%s: could not diff the re-derived text: %s", doc.name, e)
                changes = ()
            with store.transaction():
                number = store.add_version(
                    doc.name,
                    text,
                    snapshot_id=snapshot_id,
                    extractor_version=extract_mod.EXTRACTOR_VERSION,
                    fingerprint=fingerprint(doc),
                    kind=technical,
                    technical=True,
                    summary=_summary(changes),
                )
            results.append(
                CheckResult(
                    doc.name, technical, version=number, previous_version=latest["version"], changes=changes
                )
            )
        except TosdiffError as e:
            results.append(
                CheckResult(
                    doc.name,
                    ERROR,
                    version=latest["version"],
                    previous_version=latest["version"],
                    error=str(e),
                    error_class=e.error_class,
                )
            )
        except Exception as e:  # noqa: BLE001 - one broken document must never stop the others
            results.append(
                CheckResult(
                    doc.name,
                    ERROR,
                    version=latest["version"],
                    error=f"re-extraction failed: {e!r}",
                    error_class=BAD_CONTENT,
                )
            )
    return results
