"""The run's flow control: how many documents may be in flight, the extraction slots, the fetch threads.

A document in flight first waits on the network, then holds its fetched page until an extraction slot
reads it. The window (FetchWindow) is sized from what the slots measure (ExtractSlots), so that the
documents in flight follow what extraction can take rather than the thread cap (when the CPU is the
bound it still runs above the need: see FetchWindow), and the threads (FetchThreads) are started only
as the window needs them (bench/README.md, issue 17, parts 9 and 11).
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any


class ExtractSlots:
    """The run's extraction slots (a semaphore for `with`), and what the fetch window learns from them.

    A fetch thread enters with a fetched page in hand and leaves once it is read: `waiting` counts the
    pages held for a free slot. Each entry times how long the document took to get its page (from
    `begin`, on the same thread) and each exit how long a slot was held, averaged over recent documents:
    the two figures that size the fetch window (see FetchWindow).
    """

    SMOOTHING = 0.2  # weight of the newest document in the running averages

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self._sem = threading.BoundedSemaphore(self.slots)
        self._lock = threading.Lock()
        self._local = threading.local()
        self.waiting = 0  # fetched pages waiting for a slot
        self.starved = 0  # times a slot was let go with no page waiting for it (it then stood idle)
        self.most_waiting = 0  # the most that ever waited at once (a test's and a benchmark's figure)
        self.fetch_s: float | None = None  # running average: a document's start to its page in hand
        self.extract_s: float | None = None  # running average: seconds a slot is held

    def _average(self, old: float | None, new: float) -> float:
        return new if old is None else old + self.SMOOTHING * (new - old)

    def begin(self) -> None:
        """A document starts on this thread (its fetch time is measured from now)."""
        self._local.started = time.monotonic()

    def __enter__(self) -> ExtractSlots:
        now = time.monotonic()
        started = getattr(self._local, "started", None)
        self._local.started = None  # a browser retry's second read is not a second fetch time
        with self._lock:
            if started is not None:
                self.fetch_s = self._average(self.fetch_s, now - started)
            self.waiting += 1
            self.most_waiting = max(self.most_waiting, self.waiting)
        self._sem.acquire()
        with self._lock:
            self.waiting -= 1
        self._local.entered = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        held = time.monotonic() - self._local.entered
        self._sem.release()
        with self._lock:
            self.extract_s = self._average(self.extract_s, held)
            if self.waiting == 0:
                self.starved += 1


class FetchWindow:
    """How many documents may be in flight now: enough to keep the extraction slots fed, no more.

    A document in flight first waits on the network (holding next to nothing), then holds its page
    until a slot reads it. Keeping `slots` slots busy takes, by Little's law, slots x (fetch + extract)
    / extract documents in flight: a few when pages come at once (a CPU-bound run), one per site when
    the sites are slow (a latency-bound run, up to the thread cap). Sized from running averages, it grows
    as fetches get slower or extraction faster and shrinks the other way, and threads are only started
    as it needs them.

    When the CPU is the bound it stays above the need: every thread's fetch then waits for the GIL too,
    which lengthens the measured fetch time, and the slots' time per page over their number is faster
    than the run can go. The run's real pace is measured (`pace_s`: the gap between recorded documents
    while no slot stood idle, in a decaying average where a document recorded after a slot stood idle
    counts at the slots' own pace) and logged at the end of a run, but not used: sized from it the
    window narrowed (at most 64-89 documents in flight instead of 77-128) but left sites idle in a
    latency-bound run whose pages come in bursts (bench_floor 1.54x against main's 1.37x), and with
    room for 1.5 or 2 times that pace it no longer narrowed (bench/README.md, issue 17, part 11).
    Reading pages on the extraction threads only (tosdiff.runner) is what keeps a wide window cheap.

    Until a page is in hand nothing is measured: it opens at the pace the slots could take pages of
    `PRIOR_EXTRACT_S` each (also the extraction time assumed until one is measured), so a slow-site
    run has every site busy within a fraction of a second while a fast-site run does not start a
    hundred fetches at once.
    """

    PRIOR_EXTRACT_S = 0.005  # assumed seconds per page before any is read (a terms page: 2-10 ms)
    SPARE_PER_SLOT = 1  # documents in flight beyond the estimate, per slot: absorbs the averages' noise

    def __init__(self, slots: ExtractSlots, cap: int, fixed: bool = False) -> None:
        self.slots = slots
        self.cap = max(1, cap)
        self.fixed = fixed  # --workers / [fetch] workers: the window is the thread count, as set
        self.opened = time.monotonic()
        self.record_s: float | None = None  # running average: seconds the writer takes per document
        # The measured pace (class docstring): decaying sums of gaps and of documents, and where the
        # last recorded document left the clock and the slots' count of idle moments.
        self._gap_sum = 0.0
        self._gap_docs = 0.0
        self._last_recorded: float | None = None
        self._last_starved = 0
        self.paced_docs = 0  # documents recorded with the slots never idle since the previous one
        self.most_in_flight = 0  # the most documents in flight at once (a test's and a benchmark's figure)

    def size(self) -> int:
        """Documents that may be in flight at this moment."""
        if self.fixed:
            return self.cap
        s = self.slots
        n = s.slots
        spare = n * self.SPARE_PER_SLOT
        if s.fetch_s is None:
            # No page in hand yet: open at the pace the slots could take pages.
            paced = (time.monotonic() - self.opened) * n / self.PRIOR_EXTRACT_S
            want = n + spare + int(paced)
        else:
            extract = max(s.extract_s or self.PRIOR_EXTRACT_S, 1e-4)
            record = self.record_s or 0.0
            # Seconds per document of the slower stage after the fetch: the slots together, or the
            # writer. Not the pace measured while pages waited (pace_s): sized from it, the window
            # narrowed but cost the floor (bench/README.md, issue 17, part 11).
            per_doc = self._own_pace()
            want = math.ceil((s.fetch_s + extract + record) / per_doc) + spare
        return max(1, min(self.cap, want))

    PACE_MEMORY = 0.98  # decay per recorded document of the measured pace (about the last 50 count)

    def _own_pace(self) -> float:
        # The slots' time per page over their number, or the writer's per document: the pace with the
        # CPU to themselves.
        extract = max(self.slots.extract_s or self.PRIOR_EXTRACT_S, 1e-4)
        return max(extract / self.slots.slots, self.record_s or 0.0)

    @property
    def pace_s(self) -> float | None:
        """Seconds between recorded documents at full pace, as measured (None until measured)."""
        return self._gap_sum / self._gap_docs if self._gap_docs else None

    def recorded(self, seconds: float) -> None:
        """A document was recorded, in `seconds` of the writer's time (it was in flight until then)."""
        old = self.record_s
        self.record_s = seconds if old is None else old + ExtractSlots.SMOOTHING * (seconds - old)
        now = time.monotonic()
        starved = self.slots.starved
        if self._last_recorded is not None and not self.fixed:
            if starved == self._last_starved and self.slots.fetch_s is not None:
                # No slot stood idle since the previous document: this gap is the run's full pace.
                gap = now - self._last_recorded
                self.paced_docs += 1
            else:
                # A slot stood idle: the run was not at its full pace; count the slots' own pace.
                gap = self._own_pace()
            self._gap_sum = self._gap_sum * self.PACE_MEMORY + gap
            self._gap_docs = self._gap_docs * self.PACE_MEMORY + 1
        self._last_recorded = now
        self._last_starved = starved

    def in_flight(self, n: int) -> None:
        """The run has `n` documents in flight now."""
        self.most_in_flight = max(self.most_in_flight, n)

    @property
    def pacing(self) -> bool:
        """True while the window opens at its paced rate (nothing read yet), so it changes with time."""
        return not self.fixed and self.slots.fetch_s is None and self.size() < self.cap


class FetchThreads:
    """Fetch threads started only as documents need them: never more than were ever in flight at once.

    ThreadPoolExecutor starts a new thread whenever a task is submitted before a finished thread has
    marked itself idle, which happens after the task's future is done: a run loop that starts the next
    document the moment one completes then adds a thread almost every time, up to its maximum. Here a
    thread counts itself idle before its result is handed back, so `started` follows the window.
    """

    def __init__(self, cap: int, prefix: str) -> None:
        self.cap = max(1, cap)
        self.prefix = prefix
        self._tasks: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple, dict] | None] = (
            queue.SimpleQueue()
        )
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._idle = 0  # threads that are, or are about to be, waiting for a task
        self._closed = False

    @property
    def started(self) -> int:
        """How many threads the run started."""
        return len(self._threads)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Run fn(*args, **kwargs) on an idle thread, or on a new one while under the cap."""
        fut: Future[Any] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot start a fetch after the run's threads are shut down")
            if self._idle:
                self._idle -= 1
            elif len(self._threads) < self.cap:
                t = threading.Thread(target=self._work, name=f"{self.prefix}_{len(self._threads)}")
                self._threads.append(t)
                t.start()
            # else: every thread is busy and the cap is reached; the first to finish takes it
        self._tasks.put((fut, fn, args, kwargs))
        return fut

    def _work(self) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            fut, fn, args, kwargs = task
            del task
            if not fut.set_running_or_notify_cancel():
                with self._lock:
                    self._idle += 1
                continue
            result: Any = None
            error: BaseException | None = None
            try:
                result = fn(*args, **kwargs)
            except BaseException as e:  # noqa: BLE001 - handed to the future, as an executor does
                error = e
            with self._lock:
                self._idle += 1  # before the result is seen: the next document finds this thread idle
            if error is not None:
                fut.set_exception(error)
            else:
                fut.set_result(result)
            del fut, fn, args, kwargs, result, error  # nothing of a finished document stays on an idle thread

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """Let the threads end (after their current task); cancel the tasks not yet started if asked."""
        with self._lock:
            self._closed = True
            threads = list(self._threads)
        if cancel_futures:
            while True:
                try:
                    task = self._tasks.get_nowait()
                except queue.Empty:
                    break
                if task is not None:
                    task[0].cancel()
        for _ in threads:
            self._tasks.put(None)
        if wait:
            for t in threads:
                t.join()
