"""The adaptive fetch window: few documents in flight when extraction is the bound, every site busy when
the network is (tosdiff.window.FetchWindow). Real HTTP servers on loopback addresses, no timed asserts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from terms_pages import CT, terms_page

import tosdiff.extract as extract_mod
import tosdiff.runner as runner
from tosdiff.config import parse_config
from tosdiff.models import NEW, UNCHANGED
from tosdiff.runner import Checker
from tosdiff.store import Store
from tosdiff.window import ExtractSlots, FetchWindow


class Site:
    """One loopback "site": its own address (a host to the throttle), counting requests in flight."""

    def __init__(self, address: str, before_answer: Callable[[int], bool]) -> None:
        self.lock = threading.Lock()
        self.active = self.most_active = self.served = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
                pass

            def do_GET(self) -> None:  # noqa: N802 - stdlib naming
                with site.lock:
                    site.active += 1
                    site.most_active = max(site.most_active, site.active)
                    site.served += 1
                    n = site.served
                try:
                    ok = before_answer(n)
                    body = (
                        terms_page(f"{address}-{n}").encode() if ok else b"not all sites were asked at once"
                    )
                    self.send_response(200 if ok else 503)
                    self.send_header("Content-Type", CT)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                finally:
                    with site.lock:
                        site.active -= 1

        self.server = ThreadingHTTPServer((address, 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://{address}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def sites(n: int, before_answer: Callable[[int], bool] = lambda n: True) -> Iterator[list[Site]]:
    """`n` sites on 127.0.0.2, 127.0.0.3, ... (Linux routes all of 127/8 to loopback)."""
    made: list[Site] = []
    try:
        for i in range(n):
            try:
                made.append(Site(f"127.0.0.{2 + i}", before_answer))
            except OSError as e:  # a system without the 127/8 loopback range
                pytest.skip(f"cannot bind 127.0.0.{2 + i}: {e}")
        yield made
    finally:
        for s in made:
            s.close()


def _checker(tmp_path: Path, urls: list[str], **fetch: object) -> tuple[Checker, Store, object]:
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0, **fetch},
        "documents": [{"name": f"d{i:03d}", "url": u, "select": ["main"]} for i, u in enumerate(urls)],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    store = Store(tmp_path / "t.db")
    return Checker(config, store), store, config


def _spy_threads(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    names: set[str] = set()
    real = runner.fetch_and_extract

    def spy(*args: object, **kwargs: object) -> object:
        names.add(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "fetch_and_extract", spy)
    return names


def test_window_follows_littles_law_between_one_and_the_cap() -> None:
    slots = ExtractSlots(2)
    window = FetchWindow(slots, cap=128)
    # Pages arrive at once (1 ms) and take 10 ms to read: a few documents keep both slots busy.
    slots.fetch_s, slots.extract_s = 0.001, 0.010
    assert window.size() == 3 + 2  # ceil(2 x 11 / 10) and one spare per slot
    # Sites answer in a second: one document per site, up to the cap.
    slots.fetch_s = 1.0
    assert window.size() == 128
    assert FetchWindow(slots, cap=7).size() == 7
    # --workers / [fetch] workers: the window is what was set, whatever is measured.
    slots.fetch_s = 0.001
    assert FetchWindow(slots, cap=40, fixed=True).size() == 40
    assert not FetchWindow(slots, cap=40, fixed=True).pacing


class Clock:
    """A monotonic clock the test moves by hand (tosdiff.window reads time.monotonic)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_window_measures_the_pace_while_no_slot_stands_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    monkeypatch.setattr(time, "monotonic", clock)
    slots = ExtractSlots(2)
    window = FetchWindow(slots, cap=128)
    # A CPU-bound run as measured: fetches slowed to 400 ms by the wait for the CPU, 10 ms a page in a
    # slot: the slots alone would take a page every 5 ms, so Little's law asks for 84 in flight.
    slots.fetch_s, slots.extract_s = 0.4, 0.010
    assert window.size() == 82 + 2
    assert window.pace_s is None and window.paced_docs == 0
    # Documents are recorded one every 20 ms with pages always waiting (no slot ever idle): that gap
    # is the run's real pace, measured (and logged), though the window is not sized from it (a burst's
    # pace left sites idle in a latency-bound run: bench/README.md, issue 17, part 11).
    for _ in range(200):
        clock.now += 0.020
        window.recorded(0.001)
    assert window.paced_docs == 199  # the first recorded document only starts the clock
    assert window.pace_s == pytest.approx(0.020)
    assert window.size() == 83 + 2  # ceil((400 + 10 + 1) / 5) and a spare per slot, as before
    # Slots then stand idle before each document (pages no longer wait): each counts at the slots'
    # own pace, and within a few hundred documents the measured pace is theirs.
    for _ in range(300):
        clock.now += 0.020
        slots.starved += 1
        window.recorded(0.001)
    assert window.paced_docs == 199
    assert window.pace_s == pytest.approx(0.005, abs=1e-4)
    # A gap with a slot idle in it (here: 1 s of network) is not the run's pace.
    clock.now += 1.0
    slots.starved += 1
    window.recorded(0.001)
    assert window.pace_s == pytest.approx(0.005, abs=1e-4)
    # --workers / [fetch] workers: nothing is measured, the window is what was set.
    fixed = FetchWindow(slots, cap=40, fixed=True)
    for _ in range(10):
        clock.now += 0.5
        fixed.recorded(0.001)
    assert fixed.pace_s is None and fixed.size() == 40


def test_extract_slots_count_the_times_a_slot_stood_idle() -> None:
    slots = ExtractSlots(2)
    with slots:
        pass
    assert slots.starved == 1  # let go with no page waiting
    assert slots.waiting == 0


def test_window_opens_at_a_pace_until_a_page_is_in_hand() -> None:
    slots = ExtractSlots(2)
    window = FetchWindow(slots, cap=128)
    start = window.size()
    assert window.pacing and start < 128
    window.opened -= 1.0  # as if a second had passed with no page in hand (a slow network)
    assert window.size() == 128 and not window.pacing
    slots.fetch_s = 0.001  # then a page comes at once: the estimate takes over
    assert window.size() == 3 + 2 and not window.pacing  # ceil(2 x 6 / 5) and a spare per slot


def test_extract_slots_count_pages_waiting_and_time_fetch_and_read() -> None:
    slots = ExtractSlots(1)
    entered = threading.Event()
    release = threading.Event()

    def hold() -> None:
        slots.begin()  # a document starts on this thread; its page is in hand when it enters
        with slots:
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert entered.wait(10)
    waiter = threading.Thread(target=lambda: slots.__enter__() and slots.__exit__())
    waiter.start()
    while slots.waiting == 0 and waiter.is_alive():
        time.sleep(0.001)
    assert slots.waiting == 1 and slots.most_waiting == 1
    release.set()
    holder.join(10)
    waiter.join(10)
    assert slots.waiting == 0
    assert slots.fetch_s is not None and slots.extract_s is not None


def test_cpu_bound_run_keeps_few_documents_in_flight(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 fast sites, two documents each, and extraction slowed to be the bound: the thread cap is
    # 60 (one per site), but fetching ahead of two slow slots would only pile pages up.
    real = extract_mod.extract_if_changed

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.04)  # stands in for a page that takes a while to parse (CPU-bound run)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_mod, "extract_if_changed", slow)
    # What the window assumes a page takes to read until one is measured: here, what it does take.
    monkeypatch.setattr(FetchWindow, "PRIOR_EXTRACT_S", 0.04)
    monkeypatch.setattr(runner, "cpu_count", lambda: 2)
    threads = _spy_threads(monkeypatch)
    with sites(60) as ss:
        checker, store, config = _checker(tmp_path, [s.url + f"/t{k}" for k in range(2) for s in ss])
        try:
            report = checker.check(config.documents)  # type: ignore[attr-defined]
        finally:
            checker.close()
            store.close()
        assert [r.status for r in report.results] == [NEW] * 120
        assert max(s.most_active for s in ss) == 1  # still one request at a time per site
    window = checker.window
    assert window is not None and window.cap == 60
    # The estimate (2 slots x (fetch + 40 ms) / 40 ms + 2: 5 for a 1 ms fetch, 14 even for a 200 ms
    # one on a swamped machine) stays far under the cap, and so do the threads started and the pages
    # ever held waiting for a slot.
    assert window.most_in_flight <= 24
    assert len(threads) <= window.most_in_flight
    assert checker.window.slots.most_waiting <= window.most_in_flight


def test_slow_sites_are_all_fetched_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 20 sites, two documents each; each site answers its first and its second request only once every
    # site has that request in flight (a barrier per round): the run completes only if the window
    # opened to every site at once, twice. A broken barrier (not all asked) answers 503.
    n = 20
    rounds = [threading.Barrier(n, timeout=30), threading.Barrier(n, timeout=30)]

    def all_asked(k: int) -> bool:
        try:
            rounds[k - 1].wait()
        except threading.BrokenBarrierError:
            return False
        time.sleep(0.05)  # a slow site: the page comes well after the request
        return True

    threads = _spy_threads(monkeypatch)
    with sites(n, all_asked) as ss:
        checker, store, config = _checker(tmp_path, [s.url + f"/t{k}" for s in ss for k in range(2)])
        try:
            report = checker.check(config.documents)  # type: ignore[attr-defined]
        finally:
            checker.close()
            store.close()
        assert [r.status for r in report.results] == [NEW] * (2 * n)
        assert max(s.most_active for s in ss) == 1
    assert checker.window is not None and checker.window.most_in_flight == n
    assert len(threads) <= n


def test_configured_workers_fix_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    threads = _spy_threads(monkeypatch)
    with sites(6) as ss:
        checker, store, config = _checker(tmp_path, [s.url + "/t" for s in ss], workers=3)
        try:
            first = checker.check(config.documents)  # type: ignore[attr-defined]
            again = checker.check(config.documents)  # type: ignore[attr-defined]
        finally:
            checker.close()
            store.close()
    assert [r.status for r in first.results] == [NEW] * 6
    assert [r.status for r in again.results] == [UNCHANGED] * 6
    assert checker.window is not None and checker.window.fixed and checker.window.most_in_flight == 3
    assert 1 <= len(threads) <= 3  # each run's threads are tosdiff-fetch_0 to _2
