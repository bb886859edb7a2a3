"""Chains the stages: fetch -> extract -> store -> diff -> flags -> outbox. Only this module does.

Fetching runs in worker threads (I/O releases the GIL); extraction runs in those threads for small
runs and in a pool of processes for larger ones (Python-side extraction holds the GIL, so threads
alone cannot use a second core). Every database write happens on the calling thread, one transaction
per document, so SQLite sees a single writer and a crash can never leave half a check behind. Only a
bounded window of documents is in flight at once, and each is recorded as soon as it is done, so
memory stays flat however many documents a run checks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

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
from tosdiff.store import LastState, Store, compress_snapshot, now_iso, sha256

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
    # Worked out in the worker thread (hashlib and zlib release the GIL), not by the single writer.
    body_hash: str | None = None
    compressed: bytes | None = None  # set when the page is to be stored (see _work)
    text_hash: str | None = None
    selection_hash: str | None = None
    skipped_render: bool = False  # the cleaned selection hashed as before: the previous text was reused


# (body, content_type, url=, select=, remove=, ignore=, previous=) -> (text or None if unchanged, hash)
Extractor = Callable[..., tuple[str | None, str | None]]


def _mp_context():  # type: ignore[no-untyped-def]
    import multiprocessing

    # Never fork: the parent has live threads (fetch workers, HTTP pools) whose locks a forked child
    # would inherit in whatever state they were. spawn rather than forkserver: the workers are then
    # this process's own children, joined at close, so their CPU shows in this process's rusage.
    return multiprocessing.get_context("spawn")


def _process_pool(processes: int) -> ProcessPoolExecutor:
    """Extraction worker processes that end with this process, however it ends."""
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=_mp_context(),
        initializer=extract_mod.watch_parent,
        initargs=(os.getpid(),),
    )


def _idle_core() -> bool:
    """True when the 1-minute load average leaves at least one CPU idle for extraction processes."""
    try:
        return os.getloadavg()[0] <= cpu_count() - 1
    except OSError:  # pragma: no cover - no load average on this platform
        return True


def _idle_seconds() -> tuple[float, float] | None:
    """(CPU-seconds all CPUs have spent idle since boot, monotonic now) from /proc/stat; None off Linux."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = f.readline().split()
        return (float(fields[4]) + float(fields[5])) / os.sysconf("SC_CLK_TCK"), time.monotonic()
    except (OSError, IndexError, ValueError):
        return None


class _AutoExtractor:
    """Extraction in the fetch threads until a CPU is seen idle during the run, then in processes.

    The 1-minute load average counts the previous minute, so in a loop of checks (or a benchmark) it
    counted tosdiff's own last run and kept the pool off on a machine idle but for this run. Idle
    CPU time over the run's first half second says what is free now; until then, and where
    /proc/stat is missing (then the load average decides at once), extraction stays in the threads.
    """

    SAMPLE = 0.5  # seconds of the run watched before deciding

    def __init__(self, make_pool: Callable[[], Extractor]) -> None:
        self._make_pool = make_pool
        self._lock = threading.Lock()
        self._start = _idle_seconds()
        self._target: Extractor | None = None
        self._decided = self._start is None
        if self._decided and _idle_core():
            self._target = make_pool()

    def _decide(self) -> Extractor | None:
        if self._decided:
            return self._target
        with self._lock:
            if self._decided:
                return self._target
            now = _idle_seconds()
            assert self._start is not None
            if now is None or now[1] - self._start[1] < self.SAMPLE:
                return None
            idle_cpus = (now[0] - self._start[0]) / (now[1] - self._start[1])
            # A third of a CPU idle while this run fetched and extracted is worth the workers' start-up
            # (measured on 2 cores, 1,000 unchanged pages with the corpus server using half a CPU: 10%
            # less wall time in processes; with no idle CPU, none).
            if idle_cpus >= 0.35:
                self._target = self._make_pool()
            self._decided = True
            log.info(
                "%.2f CPUs idle: extraction %s", idle_cpus, "in processes" if self._target else "in threads"
            )
            return self._target

    def __call__(self, body: bytes, content_type: str, **kwargs: Any) -> tuple[str | None, str | None]:
        """Extract in the pool once it is decided on, else here."""
        target = self._decide()
        if target is None:
            return extract_mod.extract_if_changed(body, content_type, **kwargs)
        return target(body, content_type, **kwargs)


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class ExtractPool:
    """Extraction in worker processes, callable from many fetch threads at once.

    A worker that dies (segfault, OOM kill) breaks the whole executor: every document then in flight
    gets BrokenProcessPool. Such a document is retried once in a fresh shared pool, then alone in a
    one-off process, so a poisonous page costs only itself and never the documents beside it.
    """

    def __init__(self, processes: int, job: Callable[..., tuple] | None = None) -> None:
        self.processes = max(1, processes)
        # A module-level function, pickled by reference: the workers import only tosdiff.extract.
        self.job = job or extract_mod.extract_job
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    def _shared(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise ExtractError("the run is stopping: extraction not started")
            if self._pool is None:
                self._pool = _process_pool(self.processes)
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, args: tuple, alone: bool) -> tuple | None:
        """The job's outcome, or None when its worker process died."""
        pool = _process_pool(1) if alone else self._shared()
        try:
            return pool.submit(self.job, *args).result()
        except BrokenProcessPool:
            log.warning("an extraction worker process died%s", " (isolated retry)" if alone else "; retrying")
            if not alone:
                self._discard(pool)
            return None
        except RuntimeError as e:  # submitted while the run shuts the pool down
            raise ExtractError(f"extraction not started: {e}") from None
        finally:
            if alone:
                pool.shutdown(wait=True)

    def __call__(
        self,
        body: bytes,
        content_type: str,
        *,
        url: str = "",
        select: tuple[str, ...] = (),
        remove: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        previous: str | None = None,
    ) -> tuple[str | None, str | None]:
        """extract_if_changed in a worker process; ExtractError (with its class) on failure."""
        args = (body, content_type, url, tuple(select), tuple(remove), tuple(ignore), previous)
        for alone in (False, False, True):
            outcome = self._run(args, alone)
            if outcome is None:
                continue
            if outcome[0] == "ok":
                return outcome[1], outcome[2]
            raise ExtractError(outcome[1], outcome[2])
        raise ExtractError(
            "extraction crashed its worker process, even alone: page not readable", BAD_CONTENT
        )

    def close(self) -> None:
        """Stop the worker processes."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _work(
    doc: Document,
    state: LastState,
    session: requests.Session,
    throttle: HostThrottle,
    *,
    extractor: Extractor | None = None,
    previous_selection: str | None = None,
    keep_all: bool = False,
    extract_slots: threading.Semaphore | None = None,
) -> Fetched:
    """Fetch and extract one document (runs in a worker thread; touches no database).

    The page is compressed (for storing) only when it will be stored: with `keep_all` whenever its
    bytes are new, otherwise only for a new text or a failure. Compressing a 170 KB page costs more
    CPU than parsing it, and with a per-request nonce every fetch has new bytes.
    """
    from tosdiff.errors import BLOCKED
    from tosdiff.fetch import fetch_document

    started_at, started = now_iso(), time.monotonic()
    run_extract: Extractor = extractor or extract_mod.extract_if_changed
    if state.text_hash is None:
        previous_selection = None  # nothing to reuse

    def get(use_browser: bool) -> FetchResult:
        if use_browser:
            from dataclasses import replace

            # A rendered DOM has no validators worth sending; and it is never a 304.
            return fetch_document(replace(doc, render="browser"), throttle=throttle)
        return fetch(
            doc, session=session, etag=state.etag, last_modified=state.last_modified, throttle=throttle
        )

    def read(result: FetchResult) -> tuple[str | None, str | None]:
        with extract_slots or nullcontext():
            return run_extract(
                result.body,
                result.content_type,
                url=result.url,
                select=doc.select,
                remove=doc.remove,
                ignore=doc.ignore,
                previous=previous_selection,
            )

    fp = fingerprint(doc)
    result: FetchResult | None = None
    body_hash: str | None = None
    compressed: bytes | None = None
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
            # The pages of the latest failures are kept, to show what a blocked or broken page held.
            return Fetched(
                doc,
                started_at,
                started,
                result=result,
                error=e,
                body_hash=body_hash,
                compressed=compress_snapshot(result.body),
            )
        except Exception as e:  # noqa: BLE001
            return Fetched(
                doc,
                started_at,
                started,
                result=result,
                error=ExtractError(f"extraction failed: {e!r}"),
                body_hash=body_hash,
                compressed=compress_snapshot(result.body),
            )
        break
    else:  # pragma: no cover - the last attempt always returns or breaks
        return Fetched(doc, started_at, started, error=FetchError("no fetch attempted"))
    assert result is not None
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
    compressed = compress_snapshot(result.body) if keep else None
    return Fetched(
        doc,
        started_at,
        started,
        result=result,
        text=text,
        body_hash=body_hash,
        compressed=compressed,
        selection_hash=digest,
        text_hash=text_hash,
    )


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class _HostQueue:
    """Documents waiting to start, per host: hands out the earliest (config order) of the least busy host.

    Capping documents in flight per host keeps worker threads from all queueing on one slow site's
    one-request-at-a-time slot while other sites sit idle; two per host let the next fetch start the
    moment the previous one's response is in, while that one is still being extracted.
    """

    def __init__(self, docs: Iterable[Document], per_host: int) -> None:
        self.per_host = per_host
        self.queues: dict[str, deque[tuple[int, Document]]] = {}
        for i, d in enumerate(docs):
            self.queues.setdefault(_host(d.url), deque()).append((i, d))
        self.active: dict[str, int] = dict.fromkeys(self.queues, 0)
        self.left = sum(len(q) for q in self.queues.values())

    def take(self) -> tuple[int, Document] | None:
        """The next document to start, or None when every host with work is at its cap."""
        # Hosts with fewer documents in flight first (every site busy before any gets a second),
        # then config order.
        best: str | None = None
        best_key: tuple[int, int] = (0, 0)
        for host, q in self.queues.items():
            active = self.active[host]
            if active < self.per_host and (best is None or (active, q[0][0]) < best_key):
                best, best_key = host, (active, q[0][0])
        if best is None:
            return None
        q = self.queues[best]
        item = q.popleft()
        if not q:
            del self.queues[best]
        self.active[best] += 1
        self.left -= 1
        return item

    def done(self, doc: Document) -> None:
        """A document of this host finished."""
        self.active[_host(doc.url)] -= 1


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

    # Below this many documents in a run, extraction stays in the fetch threads: starting worker
    # processes (100-300 ms of CPU) would cost more than the second core saves.
    POOL_MIN_DOCS = 8
    PER_HOST = 2  # documents in flight per host (the throttle still sends one request at a time)

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        workers: int | None = None,
        host_delay: float | None = None,
        processes: int | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.workers = workers or config.fetch.workers
        self.throttle = HostThrottle(config.fetch.host_delay if host_delay is None else host_delay)
        self.session = make_session(config.fetch.user_agent, config.fetch.retries)
        # None: one extraction process per CPU when there are several CPUs (TOSDIFF_EXTRACT_PROCESSES
        # overrides it, for benchmarks and constrained hosts); 0: always in the fetch threads.
        if processes is None:
            processes = config.fetch.extract_processes
        if processes is None and os.environ.get("TOSDIFF_EXTRACT_PROCESSES", "").strip().isdigit():
            processes = int(os.environ["TOSDIFF_EXTRACT_PROCESSES"])
        self.auto_processes = processes is None
        self.processes = cpu_count() if processes is None else processes
        if self.processes < 2 and processes is None:
            self.processes = 0
        self._extract_pool: ExtractPool | None = None
        # Extraction is CPU-bound (and holds the GIL in a fetch thread): a hundred fetch threads
        # extracting at once gain nothing over one per CPU and each holds a parsed tree meanwhile
        # (measured: 100 workers took 177 MB against 103 MB for 16, almost all of it trees in flight).
        self._extract_slots = threading.BoundedSemaphore(max(1, self.processes, cpu_count()))

    def close(self) -> None:
        """Release the HTTP connection pool and the extraction processes."""
        self.session.close()
        if self._extract_pool is not None:
            self._extract_pool.close()
            self._extract_pool = None

    def _extractor(self, n_docs: int) -> Extractor | None:
        """The process pool for runs worth it, else None (extract in the fetch thread)."""
        if self.processes <= 0 or n_docs <= self.POOL_MIN_DOCS:
            return None
        if self.auto_processes:
            # Measured (bench/bench_cycle.py --in-thread) on a loaded 2-core host: with no idle core
            # the pool gains no wall time and costs its start-up, so it starts only once one is seen.
            return _AutoExtractor(self._pool)
        return self._pool()

    def _pool(self) -> ExtractPool:
        if self._extract_pool is None:
            self._extract_pool = ExtractPool(self.processes)
        return self._extract_pool

    def _previous_selection(self, name: str, state: LastState) -> str | None:
        """The selection hash recorded with the latest text, if it still belongs to that text."""
        if state.text_hash is None:
            return None
        row = self.store.selection_hash(name)
        return row[1] if row and row[0] == state.text_hash else None

    def check(
        self,
        docs: Iterable[Document],
        *,
        on_result: Callable[[CheckResult], None] | None = None,
        run_id: str | None = None,
        deliver: bool = True,
        should_stop: Callable[[], bool] | None = None,
    ) -> RunReport:
        """Check documents concurrently; record each outcome in its own transaction as it completes."""
        run_id = run_id or uuid.uuid4().hex[:12]
        docs = list(docs)
        results: list[tuple[int, CheckResult]] = []
        stopping = should_stop or (lambda: False)
        stopped = False
        workers = max(1, self.workers)
        # In flight at most one document per worker thread. Each holds a page and, once done, its new
        # text, so this bound is what keeps memory flat. More (documents queued in the executor)
        # measured slower: a slow site's next document then waits behind fast ones.
        window = workers
        extractor = self._extractor(len(docs))
        queue = _HostQueue(docs, self.PER_HOST)
        pending: dict[Future[Fetched], tuple[int, Document, LastState]] = {}
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tosdiff-fetch")
        try:
            while True:
                if stopping():
                    stopped = True
                    log.info("stop requested: %d documents left unchecked", len(docs) - len(results))
                    break
                while len(pending) < window:
                    item = queue.take()
                    if item is None:
                        break
                    i, doc = item
                    # The previous state is read only now, on this (the writer's) thread.
                    state = self.store.last_state(doc.name, with_text=False)
                    fut = pool.submit(
                        _work,
                        doc,
                        state,
                        self.session,
                        self.throttle,
                        extractor=extractor,
                        extract_slots=self._extract_slots,
                        previous_selection=self._previous_selection(doc.name, state),
                        keep_all=self.config.keep_snapshots == "all",
                    )
                    pending[fut] = (i, doc, state)
                    del state
                if not pending:
                    break
                # A timeout so a stop request is seen even while every fetch is slow.
                done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in done:
                    if stopping():
                        break
                    i, doc, state = pending.pop(fut)
                    queue.done(doc)
                    try:
                        fetched = fut.result()
                    except Exception as e:  # noqa: BLE001 - a bug in one document's work stops nothing else
                        fetched = Fetched(
                            doc, now_iso(), time.monotonic(), error=FetchError(f"unexpected error: {e!r}")
                        )
                    result = self._record(fetched, state, run_id)
                    # Let go of the page and texts once recorded (memory stays flat with the run's size).
                    del fetched, state, fut
                    results.append((i, result))
                    if on_result:
                        on_result(result)
        finally:
            # On a stop, documents not yet started are dropped; running fetches end by their deadline.
            pool.shutdown(wait=not stopped, cancel_futures=True)
            pending.clear()
        if deliver and not stopped:
            self.deliver()
        # Recorded in completion order; reported in config order.
        results.sort(key=lambda r: r[0])
        return RunReport(tuple(r for _, r in results))

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
                text_hash = f.text_hash
                new_text = f.text is not None and text_hash != state.text_hash
                # The previous text is read only now, and only when the page's text changed.
                old_text = state.text
                if new_text and old_text is None and state.text_hash is not None:
                    old_text = self.store.text(state.text_hash)
                if new_text and old_text and f.error is None:
                    shrunk = _shrink_error(doc, old_text, f.text or "")
                    if shrunk is not None:
                        f = replace(f, error=shrunk, text=None)
                # The page of a new text or of a failure is kept; with keep_snapshots = "versions" that
                # of an unchanged check is not (its hash, on the check row, is enough to recognise it).
                keep_page = new_text or f.error is not None or self.config.keep_snapshots == "all"
                if res is not None and not res.not_modified and keep_page:
                    snapshot_id, _ = self.store.put_snapshot(
                        doc.name,
                        res.body,
                        url=res.url,
                        http_status=res.status,
                        content_type=res.content_type,
                        etag=res.etag,
                        last_modified=res.last_modified,
                        fetched_at=f.started_at,
                        digest=f.body_hash,
                        compressed=f.compressed,
                    )
                if f.error is not None:
                    check_id = self.store.add_check(
                        doc.name,
                        outcome=ERROR,
                        error=str(f.error),
                        error_class=f.error.error_class,
                        snapshot_id=snapshot_id,
                        body_hash=f.body_hash,
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
                    self._enqueue_status(doc, result)
                    return result
                assert res is not None
                etag = res.etag if not res.not_modified else (res.etag or state.etag)
                last_mod = (
                    res.last_modified if not res.not_modified else (res.last_modified or state.last_modified)
                )
                changes: tuple[SectionChange, ...] = ()
                flags: tuple = ()
                if res.not_modified or not new_text:
                    if f.selection_hash and not f.skipped_render and f.text is not None and state.text_hash:
                        self.store.put_selection_hash(doc.name, state.text_hash, f.selection_hash)
                    status, number, recorded_at = UNCHANGED, state.version, None
                else:
                    assert text_hash is not None
                    earlier = self.store.version_by_text(doc.name, text_hash)
                    if state.version is None:
                        status = NEW
                    else:
                        status = REVERTED if earlier is not None else CHANGED
                        changes = compute_changes(old_text, f.text)
                        flags = compute_flags(changes, self.config.rules)
                    recorded_at = now_iso()
                    number = self.store.add_version(
                        doc.name,
                        f.text,
                        snapshot_id=snapshot_id,
                        extractor_version=extract_mod.EXTRACTOR_VERSION,
                        fingerprint=fingerprint(doc),
                        kind=status,
                        reverted_to=earlier if status == REVERTED else None,
                        summary=_summary(changes),
                        recorded_at=recorded_at,
                    )
                    if f.selection_hash:
                        self.store.put_selection_hash(doc.name, text_hash, f.selection_hash)
                check_id = self.store.add_check(
                    doc.name,
                    outcome=status,
                    snapshot_id=snapshot_id,
                    # A 304 vouches that the bytes are those seen last time: carry their hash on.
                    body_hash=state.snapshot_hash if res.not_modified else f.body_hash,
                    version=number,
                    etag=etag,
                    last_modified=last_mod,
                    **base,
                )
                self._prune(doc.name, snapshot_id)
                result = CheckResult(
                    doc.name,
                    status,
                    version=number,
                    previous_version=state.version,
                    changes=changes,
                    flags=flags,
                    check_id=check_id,
                )
                if recorded_at is not None:
                    self._enqueue_change(doc, result, state, recorded_at)
                self._enqueue_status(doc, result)
                return result
        except TosdiffError as e:
            return CheckResult(
                doc.name, ERROR, version=state.version, error=str(e), error_class=e.error_class
            )

    def _prune(self, document: str, snapshot_id: int | None) -> None:
        """Keep raw snapshots of versions and the latest fetch only, unless the config keeps all."""
        if snapshot_id is not None and self.config.keep_snapshots == "versions":
            self.store.prune_snapshots(document, keep=snapshot_id)

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

    def _enqueue_status(self, doc: Document, result: CheckResult) -> None:
        """Report reachability on every check; the outbox queues only a change (error or recovery)."""
        if not self.config.alerts:
            return
        from tosdiff.alerts import build_status_event, enqueue

        kind = "error" if result.status == ERROR else "recovery"
        event = build_status_event(doc, kind, result.error if result.status == ERROR else None, now_iso())
        enqueue(self.store.db, list(self.config.alerts), event)


def _shrink_error(doc: Document, old_text: str, new_text: str) -> ExtractError | None:
    """The error for a text that shrank by more than the document's max_shrink, else None."""
    old_len, new_len = len(old_text), len(new_text)
    if doc.max_shrink >= 1 or old_len == 0 or new_len >= old_len * (1 - doc.max_shrink):
        return None
    return ExtractError(
        f"text shrank by {1 - new_len / old_len:.0%} ({old_len:,} -> {new_len:,} characters), more than "
        f"max_shrink = {doc.max_shrink:g}: treated as a broken page, not a new version",
        BAD_CONTENT,
    )


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
    # A new extractor or new selectors change the text without the terms changing: re-derive the
    # latest text from its stored snapshot first (a `technical` version, never alerted), so the
    # fetch below is compared like with like (Open Terms Archive's "technical upgrade").
    stale = [
        d.name
        for d in docs
        if (latest := store.latest_version(d.name)) is not None and latest["fingerprint"] != fingerprint(d)
    ]
    if stale:
        for r in reextract_documents(config, store, stale):
            if r.status == "technical":
                log.info(
                    "%s: extractor or selectors changed; recorded technical version %s", r.name, r.version
                )
            elif r.status == ERROR:
                log.info("%s: could not re-derive the text (%s); checking as usual", r.name, r.error)
    checker = Checker(
        config,
        store,
        workers=kwargs.pop("workers", None),  # type: ignore[arg-type]
        host_delay=kwargs.pop("host_delay", None),  # type: ignore[arg-type]
        processes=kwargs.pop("processes", None),  # type: ignore[arg-type]
    )
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
            # The newest stored body that read successfully: every good check since the latest version
            # had the same text, so its snapshot is as valid a source as the version's own (with
            # keep_snapshots = "all" it is fresher; otherwise it is the version's own).
            snapshot_id = store.newest_readable_snapshot(doc.name) or latest["snapshot_id"]
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
                # The current extractor and selectors reproduce the latest text exactly: say so on the
                # row, so the next check does not re-derive it again.
                with store.transaction():
                    store.mark_reproduced(
                        doc.name, latest["version"], fingerprint(doc), extract_mod.EXTRACTOR_VERSION
                    )
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
