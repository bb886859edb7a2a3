"""What a run holds per document fetched: nothing once the fetch is over (issue 17, part 13).

A fetch's watchdog used to stay in the deadline clock's heap until its deadline (120 s by default)
although the fetch was long over: a run of thousands of documents held every one of them.
"""

from __future__ import annotations

import socket
import time

from pytest_httpserver import HTTPServer

from tosdiff.fetch import deadline, fetch, make_session
from tosdiff.fetch.deadline import DeadlineClock, Watchdog
from tosdiff.models import Document


def test_a_runs_finished_fetches_leave_no_watchdog_behind(httpserver: HTTPServer) -> None:
    """200 fetches with the default 120 s deadline: the clock holds a bounded few, not 200."""
    body = "<html><body><main><p>" + "terms " * 50 + "</p></main></body></html>"
    httpserver.expect_request("/terms").respond_with_data(body, content_type="text/html")
    session = make_session(retries=0)
    before = len(deadline.CLOCK)
    try:
        for i in range(200):
            result = fetch(Document(name=f"d{i}", url=httpserver.url_for("/terms")), session=session)
            assert result.body == body.encode()
    finally:
        session.close()
    held = len(deadline.CLOCK) - before
    assert held < 2 * DeadlineClock.COMPACT_MIN, held


def test_a_live_watchdog_still_fires_after_the_cancelled_ones_are_dropped() -> None:
    """A fetch past its deadline is cut even when hundreds of finished ones were dropped around it."""
    ours, theirs = socket.socketpair()
    try:
        dog = Watchdog(time.monotonic() + 0.5)
        dog.watch(ours)
        finished = [Watchdog(time.monotonic() + 120) for _ in range(300)]
        for other in finished:
            other.cancel()
        ours.settimeout(30)  # a safety net only: the shutdown wakes the read long before
        got = ours.recv(1)  # blocks until the watchdog shuts the socket down
        assert got == b""
        assert dog.fired and not dog.cancelled
    finally:
        ours.close()
        theirs.close()
