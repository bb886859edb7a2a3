"""Each fetch's hard deadline: a watchdog that shuts down the fetch's sockets when its time is up.

Socket timeouts only bound the gap between two reads, so a server that trickles one byte a second (or
trickles its headers) would never time out. A Watchdog per fetch shuts down the sockets that fetch uses
when its deadline passes, which wakes any blocked read at once; one clock thread fires them all.
"""

from __future__ import annotations

import heapq
import socket
import threading
import time


class DeadlineClock:
    """One daemon thread firing every watchdog at its deadline.

    A threading.Timer per fetch started and joined a thread per document: measurable CPU in a cycle
    of a thousand quick fetches. Cancelled entries are dropped when they come due, or all at once when
    they are most of the heap: a fetch is over long before its deadline (120 s by default), and a run
    that checks thousands of documents within that time otherwise held every one of its watchdogs
    (bench/README.md, issue 17, part 13).
    """

    COMPACT_MIN = 64  # cancelled entries below this are left to be dropped as they come due

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Watchdog]] = []
        self._cond = threading.Condition()
        self._seq = 0
        self._cancelled = 0  # entries in the heap whose watchdog was cancelled (an upper bound)
        self._thread: threading.Thread | None = None

    def __len__(self) -> int:
        return len(self._heap)

    def forget(self) -> None:
        """A watchdog in the heap was cancelled: drop the cancelled ones once they are most of it."""
        with self._cond:
            self._cancelled += 1
            if self._cancelled >= self.COMPACT_MIN and self._cancelled * 2 > len(self._heap):
                first = self._heap[0][2] if self._heap else None
                self._heap = [e for e in self._heap if not e[2].cancelled]
                heapq.heapify(self._heap)
                self._cancelled = 0
                if self._heap and self._heap[0][2] is not first:
                    self._cond.notify()  # the deadline being waited for may have been dropped

    def add(self, dog: Watchdog) -> None:
        """Fire dog at its deadline unless it is cancelled first."""
        with self._cond:
            self._seq += 1
            heapq.heappush(self._heap, (dog.deadline_at, self._seq, dog))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="tosdiff-deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is dog:
                self._cond.notify()  # an earlier deadline than the one being waited for

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    while self._heap and self._heap[0][2].cancelled:
                        heapq.heappop(self._heap)
                        self._cancelled = max(0, self._cancelled - 1)
                    if not self._heap:
                        self._cond.wait()
                        continue
                    wait = self._heap[0][0] - time.monotonic()
                    if wait <= 0:
                        dog = heapq.heappop(self._heap)[2]
                        break
                    self._cond.wait(wait)
            dog.fire()


CLOCK = DeadlineClock()


class Watchdog:
    """Shuts down the sockets of one fetch when its deadline passes (blocked reads then fail at once)."""

    def __init__(self, deadline_at: float) -> None:
        self.deadline_at = deadline_at
        self.fired = False
        self.aborted = False  # fired early because the run is stopping
        self.cancelled = False
        # Sockets, not connections: http.client drops a connection's socket (conn.sock = None) as soon
        # as a response without a length begins, while the body still streams from that socket.
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        CLOCK.add(self)

    def watch(self, sock: socket.socket | None) -> None:
        """Cut this socket too when the deadline passes (at once if it already has)."""
        if sock is None:
            return
        with self._lock:
            self._socks.append(sock)
            fired = self.fired
        if fired:
            shutdown_socket(sock)

    def unwatch(self, sock: socket.socket | None) -> None:
        """Stop watching a socket whose connection went back to the pool: another fetch may take it next."""
        if sock is None:
            return
        with self._lock:
            self._socks = [s for s in self._socks if s is not sock]

    def cancel(self) -> None:
        """The fetch is over: never fire, and forget its connections."""
        with self._lock:
            if self.cancelled:
                return
            self.cancelled = True
            self._socks.clear()
        CLOCK.forget()

    def abort(self) -> None:
        """Fire now: the run is stopping and this fetch must not keep the process alive."""
        self.aborted = True
        self.fire()

    def fire(self) -> None:
        """Cut every socket of the fetch (the deadline passed), unless it is already over."""
        with self._lock:
            if self.cancelled:
                return
            self.fired = True
            socks = list(self._socks)
        for sock in socks:
            shutdown_socket(sock)


def shutdown_socket(sock: socket.socket) -> None:
    """Shut a socket down both ways (a blocked recv() in another thread wakes at once); never raises."""
    try:
        # shutdown (not close) is what wakes a recv() blocked in another thread.
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
