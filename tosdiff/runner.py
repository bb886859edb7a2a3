"""The run loop: fetch threads, a per-host queue, a bounded in-flight window, stop requests.

Fetching runs in worker threads (I/O releases the GIL). Extraction runs on one thread per CPU (a
fetch thread hands its page over and waits), or, only when the config or caller asks for it
(`[fetch] processes = N`), in a pool of N processes (Python-side extraction holds the GIL, so threads
alone cannot use a second core). Only a window of documents is in flight at once, sized as the run
goes to keep extraction fed and no more (tosdiff.window), and each is recorded (tosdiff.record, on
the calling thread) as soon as it is done, so memory is bounded by the window, not by the run's size.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from tosdiff import extract as extract_mod
from tosdiff.config import Config
from tosdiff.errors import BAD_CONTENT, ExtractError, FetchError
from tosdiff.fetch import HostThrottle, make_session
from tosdiff.models import CheckResult, Document, RunReport
from tosdiff.record import Recorder
from tosdiff.store import LastState, Store, now_iso
from tosdiff.window import ExtractSlots, FetchThreads, FetchWindow
from tosdiff.work import Extractor, Fetched, fetch_and_extract

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import SpawnContext

    from tosdiff.browser import BrowserPool

log = logging.getLogger("tosdiff")


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _mp_context() -> SpawnContext:
    import multiprocessing

    # Never fork: the parent has live threads (fetch workers, HTTP pools) whose locks a forked child
    # would inherit in whatever state they were. spawn rather than forkserver: the workers are then
    # this process's own children, joined at close, so their CPU shows in this process's rusage.
    return multiprocessing.get_context("spawn")


def _process_pool(processes: int) -> ProcessPoolExecutor:
    """Extraction worker processes that end with this process, however it ends."""
    # Imported here: multiprocessing is only for runs with `processes` (~4 ms of every run's start-up).
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=_mp_context(),
        initializer=extract_mod.watch_parent,
        initargs=(os.getpid(),),
    )


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
        from concurrent.futures.process import BrokenProcessPool

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


def host_of(url: str) -> str:
    """The lower-case host name of a URL ("" when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


_trim: Callable[[int], int] | None | bool = False  # False: not looked up yet; None: not available


def release_memory() -> bool:
    """Hand the heap's free pages back to the system (glibc's malloc_trim); False where there is none.

    Each fetch thread's pages and parsed trees are freed into glibc's per-thread arenas, which keep
    the pages after a run: a daemon would hold its biggest run's memory through every idle hour.
    """
    global _trim
    if _trim is False:
        _trim = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL("libc.so.6")
                fn = libc.malloc_trim
                fn.argtypes, fn.restype = [ctypes.c_size_t], ctypes.c_int
                _trim = fn
            except (OSError, AttributeError):  # musl, or no libc.so.6: nothing to trim with
                _trim = None
    if _trim is None:
        return False
    _trim(0)  # type: ignore[operator]
    return True


def _fetch_and_extract(slots: ExtractSlots, *args: Any, **kwargs: Any) -> Fetched:
    """fetch_and_extract on a fetch thread, timed from now by the run's extraction slots."""
    slots.begin()
    return fetch_and_extract(*args, **kwargs)


def _extract_here(body: bytes, content_type: str, kwargs: dict[str, Any]) -> tuple[str | None, str | None]:
    # Looked up at call time, so a replaced extract_if_changed (tests count parses) is the one used.
    return extract_mod.extract_if_changed(body, content_type, **kwargs)


def _in_threads(threads: ThreadPoolExecutor) -> Extractor:
    """An extractor that reads each page on one of the run's extraction threads, not the fetch thread.

    glibc gives threads their own heaps (arenas); a parsed page is the largest thing a run allocates,
    and read on any of a hundred fetch threads it left a high-water mark in every arena they used. On
    `slots` threads only, at most that many trees are ever alive, in that many arenas.
    """

    def run(body: bytes, content_type: str, **kwargs: Any) -> tuple[str | None, str | None]:
        try:
            fut = threads.submit(_extract_here, body, content_type, kwargs)
        except RuntimeError:  # the run is stopping and its extraction threads are shut down
            return _extract_here(body, content_type, kwargs)
        return fut.result()

    return run


class HostQueue:
    """Documents waiting to start, per host: hands out the earliest (config order) of the least busy host.

    Capping documents in flight per host keeps worker threads from all queueing on one slow site's
    one-request-at-a-time slot while other sites sit idle; two per host let the next fetch start the
    moment the previous one's response is in, while that one is still being extracted.
    """

    def __init__(self, docs: Iterable[Document], per_host: int) -> None:
        self.per_host = per_host
        self.queues: dict[str, deque[tuple[int, Document]]] = {}
        for i, d in enumerate(docs):
            self.queues.setdefault(host_of(d.url), deque()).append((i, d))
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
        self.active[host_of(doc.url)] -= 1


# Fetch threads when no --workers / [fetch] workers is given: one per site of the run, up to this cap,
# so every site is busy at once. The threads mostly wait on the network; memory is bounded by the window
# (one document per thread). Two per site (the next fetch waiting while the current page is extracted)
# measured 1-8% more CPU, and more memory, for no wall gain at the default host_delay, whose wait
# already covers the extraction (bench/README.md, issue 17, part 5).
MAX_AUTO_WORKERS = 128


def auto_workers(docs: Iterable[Document], per_host: int = 1, cap: int = MAX_AUTO_WORKERS) -> int:
    """Fetch threads sized from the run: `per_host` per distinct site, at least 1, at most `cap`."""
    hosts = {host_of(d.url) for d in docs}
    return max(1, min(cap, per_host * len(hosts)))


class LazyBrowser:
    """The run's BrowserPool, started only when a page is rendered in a browser."""

    # A plain-HTTP run then never imports tosdiff.browser (and asyncio with it): ~20 ms of start-up.

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: BrowserPool | None = None
        self._closed = False

    def pool(self) -> BrowserPool:
        """The pool, started on first use (closed at once if the run was already closed)."""
        with self._lock:
            if self._pool is None:
                from tosdiff.browser import BrowserPool

                self._pool = BrowserPool()
                if self._closed:
                    self._pool.close()  # a page asked for after a stop fails as a closed pool's would
            return self._pool

    def fetch(self, doc: Document) -> Any:
        """Render one document in the run's pool (BrowserPool.fetch)."""
        return self.pool().fetch(doc)

    @property
    def launches(self) -> int:
        """How many times Chromium was started in this run (0 when no page needed it)."""
        return self._pool.launches if self._pool is not None else 0

    def close(self) -> None:
        """Close the pool if one was started; later pages fail as in a closed pool."""
        with self._lock:
            self._closed = True
            pool = self._pool
        if pool is not None:
            pool.close()


class Checker:
    """Checks documents of one config against one store."""

    # Below this many documents in a run, extraction stays in the fetch threads even when processes
    # are asked for: starting worker processes (100-300 ms of CPU) would cost more than the second
    # core saves, and the daemon's jobs often check a single document.
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
        self.recorder = Recorder(config, store)
        # None: sized from each run's sites (auto_workers); --workers and [fetch] workers override it.
        self.workers: int | None = workers or config.fetch.workers
        self.throttle = HostThrottle(config.fetch.host_delay if host_delay is None else host_delay)
        self.session = make_session(config.fetch.user_agent, config.fetch.retries)
        # One Chromium for the whole run (started only if a document needs it), a context per document.
        self.browser = LazyBrowser()
        # Extraction processes only when asked (here or by `[fetch] processes`); 0: on extraction threads.
        # Never decided by the machine's load, so identical runs take the same path.
        self.processes = max(0, config.fetch.processes if processes is None else processes)
        self._extract_pool: ExtractPool | None = None
        # Extraction is CPU-bound (and mostly holds the GIL): a hundred pages read at once gain nothing
        # over one per CPU and each holds a parsed tree meanwhile (measured: 100 workers took 177 MB
        # against 103 MB for 16, almost all of it trees in flight). The slots themselves are made
        # afresh for each run (check), so each run's window is sized from that run's own timings.
        self.extract_slot_count = max(1, self.processes, cpu_count())
        self.window: FetchWindow | None = None  # the last run's (what it measured stays readable)

    def close(self) -> None:
        """Release the HTTP connection pool, the browser and the extraction processes."""
        self.session.close()
        self.browser.close()
        if self._extract_pool is not None:
            self._extract_pool.close()
            self._extract_pool = None

    def _extractor(self, n_docs: int) -> Extractor | None:
        """The process pool when processes are asked for and the run is big enough, else None (threads)."""
        if self.processes <= 0 or n_docs <= self.POOL_MIN_DOCS:
            return None
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
        on_start: Callable[[Document], None] | None = None,
        keep_results: bool = True,
    ) -> RunReport:
        """Check documents concurrently; record each outcome as it completes (tosdiff.record: transactions).

        `on_start` is called (on this thread) as each document's fetch is started, `on_result` as its
        outcome is recorded: a progress display can show what is being checked now. With
        `keep_results=False` the report holds only the counts per status: a caller that takes each
        result through `on_result` then holds what it chooses, and the run nothing per document.
        """
        # 12 random hex digits, as uuid4().hex[:12] gave (those are all random bits); `uuid` (with
        # `platform`) cost every run ~2-4 ms of start-up.
        run_id = run_id or os.urandom(6).hex()
        docs = list(docs)
        results: list[tuple[int, CheckResult]] = []
        counts: dict[str, int] = {}
        finished = 0
        stopping = should_stop or (lambda: False)
        stopped = False
        workers = max(1, self.workers or auto_workers(docs))
        # Never more threads than documents: a one-document daemon job needs one.
        workers = min(workers, max(1, len(docs)))
        # In flight at most one document per worker thread, and within that only as many as keep the
        # extraction slots fed (FetchWindow): each holds a page once fetched, so this is what keeps
        # memory flat. More (documents queued in the executor) measured slower: a slow site's next
        # document then waits behind fast ones. --workers / [fetch] workers fix the window at theirs.
        slots = ExtractSlots(self.extract_slot_count)
        window = self.window = FetchWindow(slots, workers, fixed=self.workers is not None)
        extractor = self._extractor(len(docs))
        extract_threads: ThreadPoolExecutor | None = None
        if extractor is None:  # not in processes: on the run's extraction threads (_in_threads)
            extract_threads = ThreadPoolExecutor(
                max_workers=slots.slots, thread_name_prefix="tosdiff-extract"
            )
            extractor = _in_threads(extract_threads)
        queue = HostQueue(docs, self.PER_HOST)
        pending: dict[Future[Fetched], tuple[int, Document, LastState]] = {}
        pool = FetchThreads(workers, "tosdiff-fetch")

        def start_more() -> None:
            """Start documents until the window is full (or no host with work is under its cap)."""
            limit = window.size()
            while len(pending) < limit:
                item = queue.take()
                if item is None:
                    break
                i, doc = item
                # The previous state is read only now, on this (the writer's) thread.
                state = self.store.last_state(doc.name, with_text=False)
                fut = pool.submit(
                    _fetch_and_extract,
                    slots,
                    doc,
                    state,
                    self.session,
                    self.throttle,
                    extractor=extractor,
                    extract_slots=cast("threading.Semaphore", slots),
                    previous_selection=self._previous_selection(doc.name, state),
                    keep_all=self.config.keep_snapshots == "all",
                    browser=cast("BrowserPool", self.browser),
                )
                pending[fut] = (i, doc, state)
                del state
                if on_start:
                    on_start(doc)
            window.in_flight(len(pending))

        # Unchanged checks are committed a batch at a time (versions, errors and alerts at once, as ever).
        self.recorder.start_batch()
        try:
            while True:
                if stopping():
                    stopped = True
                    log.info("stop requested: %d documents left unchecked", len(docs) - finished)
                    break
                start_more()
                if not pending:
                    break
                # A timeout so a stop request is seen even while every fetch is slow.
                # While the window opens at its paced rate, often enough to start the next documents.
                done, _ = wait(pending, timeout=0.02 if window.pacing else 0.5, return_when=FIRST_COMPLETED)
                # A batch of unchanged checks is not left holding the write lock while slow fetches run.
                self.recorder.flush_if_due()
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
                    began = time.monotonic()
                    result = self.recorder.record(fetched, state, run_id)
                    window.recorded(time.monotonic() - began)
                    # Let go of the page and texts once recorded (memory stays flat with the run's size).
                    del fetched, state, fut
                    finished += 1
                    counts[result.status] = counts.get(result.status, 0) + 1
                    if keep_results:
                        results.append((i, result))
                    if on_result:
                        on_result(result)
                    del result
                    # The next documents start as each is recorded, not after the whole batch: while a
                    # batch of new versions is written, the fetches that keep the slots fed are under way.
                    start_more()
        finally:
            self.recorder.end_batch()
            # On a stop, documents not yet started are dropped and running fetches are cut at once (their
            # sockets shut down): a server trickling bytes must not keep a stopped process alive.
            if stopped:
                abort = getattr(self.session, "abort_fetches", None)
                if abort is not None:
                    abort()
                self.browser.close()  # pages still loading end with it
            pool.shutdown(wait=not stopped, cancel_futures=True)
            if extract_threads is not None:
                extract_threads.shutdown(wait=not stopped, cancel_futures=True)
            pending.clear()
            log.info(
                "fetch window: at most %d of %d documents in flight (estimate at the end %d), %d fetch threads, at most"
                " %d pages waiting for extraction; per document: fetch %.0f ms, extraction %.1f ms, record %.1f ms;"
                " pace measured over %d documents with no slot idle: %.1f ms",
                window.most_in_flight,
                window.cap,
                window.size(),
                pool.started,
                slots.most_waiting,
                (slots.fetch_s or 0) * 1000,
                (slots.extract_s or 0) * 1000,
                (window.record_s or 0) * 1000,
                window.paced_docs,
                (window.pace_s or 0) * 1000,
            )
            # Once per run, not during it: trimming every 32 documents cut the peak by 13-20% but cost
            # 8-14% more CPU, and the peak still grew with the run's length (bench/README.md, issue 17).
            # After a run it costs a few milliseconds and gives a daemon's idle hours their memory back.
            release_memory()
        if deliver and not stopped:
            self.deliver(should_stop=stopping)  # a stop during delivery starts no new send
        # Recorded in completion order; reported in config order.
        results.sort(key=lambda r: r[0])
        return RunReport(tuple(r for _, r in results), counts)

    def deliver(self, should_stop: Callable[[], bool] | None = None) -> list:
        """Send what the outbox holds for the configured notifiers (never raises)."""
        return self.recorder.deliver(should_stop=should_stop)
