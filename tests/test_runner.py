"""The run loop: per-host queue, completion-order recording, and extraction processes only when asked."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from terms_pages import CT, terms_page
from werkzeug import Request, Response

import tosdiff.runner as runner
from tosdiff.config import parse_config
from tosdiff.extract import extract, extract_if_changed
from tosdiff.models import CHANGED, NEW, UNCHANGED, Document
from tosdiff.pipeline import check_documents
from tosdiff.runner import Checker, HostQueue
from tosdiff.store import Store


def test_host_queue_caps_documents_per_host_least_busy_host_first() -> None:
    docs = [Document(f"d{i}", f"http://{'a' if i < 4 else 'b'}.example/{i}") for i in range(6)]
    q = HostQueue(docs, per_host=2)
    got = [q.take() for _ in range(5)]
    # Each host gets one before any gets a second; within that, config order.
    assert [g[0] if g else None for g in got] == [0, 4, 1, 5, None]
    q.done(docs[0])
    assert q.take() == (2, docs[2])


def _config(tmp_path: Path, urls: list[str], workers: int = 2, **fetch: object) -> object:
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"workers": workers, "host_delay": 0, **fetch},
        "documents": [{"name": f"doc-{i:02d}", "url": u, "select": ["main"]} for i, u in enumerate(urls)],
    }
    return parse_config(data, tmp_path / "tosdiff.toml")


def _serve(httpserver: HTTPServer, n: int, state: dict[str, object]) -> list[str]:
    def handler(request: Request) -> Response:
        i = int(request.path.rsplit("/", 1)[1])
        state["served"] = int(state.get("served", 0)) + 1  # type: ignore[call-overload]
        clause = "Amended clause. " if i in state.get("changed", set()) else ""  # type: ignore[operator]
        return Response(terms_page(f"r{state['served']}", clause=clause), content_type=CT)

    httpserver.expect_request(re.compile(r"/terms/\d+")).respond_with_handler(handler)
    return [httpserver.url_for(f"/terms/{i}") for i in range(n)]


@pytest.mark.parametrize("processes", [0, 2])
def test_checker_records_in_completion_order_reports_in_config_order(
    httpserver: HTTPServer, tmp_path: Path, processes: int
) -> None:
    state: dict[str, object] = {"changed": set()}
    urls = _serve(httpserver, 12, state)
    config = _config(tmp_path, urls)
    store = Store(tmp_path / "t.db")
    loaded: list[str] = []
    seen_before_first: list[int] = []
    real_last_state = store.last_state

    def counting_last_state(name: str, **kwargs: object):  # type: ignore[no-untyped-def]
        loaded.append(name)
        return real_last_state(name, **kwargs)  # type: ignore[arg-type]

    store.last_state = counting_last_state  # type: ignore[method-assign]

    def on_result(r: object) -> None:
        if not seen_before_first:
            seen_before_first.append(len(loaded))

    checker = Checker(config, store, processes=processes)  # type: ignore[arg-type]
    try:
        names = [d.name for d in config.documents]  # type: ignore[attr-defined]
        first = checker.check(config.documents, on_result=on_result)  # type: ignore[attr-defined]
        assert [r.name for r in first.results] == names
        assert {r.status for r in first.results} == {NEW}
        # Previous states are loaded as documents start, not all up front (window = workers).
        assert seen_before_first[0] <= checker.workers
        texts = {n: store.version(n, 1)["text"] for n in names}  # type: ignore[index]

        second = checker.check(config.documents)  # type: ignore[attr-defined]
        assert [r.status for r in second.results] == [UNCHANGED] * 12
        db = sqlite3.connect(tmp_path / "t.db")
        assert db.execute("SELECT COUNT(*) FROM selection_hashes").fetchone()[0] == 12

        state["changed"] = {3}
        third = checker.check(config.documents)  # type: ignore[attr-defined]
        assert [r.status for r in third.results] == [UNCHANGED] * 3 + [CHANGED] + [UNCHANGED] * 8
        new_text = store.version("doc-03", 2)["text"]  # type: ignore[index]
        assert new_text == extract(
            terms_page("x", clause="Amended clause. ").encode(), CT, url=urls[3], select=("main",)
        )
        assert new_text != texts["doc-03"]
        # The hash now belongs to the new text, so the next unchanged check reuses that one.
        fourth = checker.check(config.documents)  # type: ignore[attr-defined]
        assert [r.status for r in fourth.results] == [UNCHANGED] * 12
        assert store.latest_version("doc-03")["version"] == 2  # type: ignore[index]
    finally:
        checker.close()
        store.close()


class CountingPool:
    """Stands in for ExtractPool: extracts here, in the calling thread, and counts what it is handed."""

    made: list[int] = []
    pages: list[bytes] = []

    def __init__(self, processes: int) -> None:
        CountingPool.made.append(processes)

    def __call__(self, body: bytes, content_type: str, **kwargs: object) -> tuple[str | None, str | None]:
        """Extract as a worker process would, counting the page."""
        CountingPool.pages.append(body)
        return extract_if_changed(body, content_type, **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        """Nothing to stop."""


@pytest.mark.parametrize("load", [0.0, 64.0])
@pytest.mark.parametrize(
    "fetch_keys, argument, expected",
    [
        ({}, None, 0),  # the default: in the fetch threads
        ({"processes": 2}, None, 2),
        ({"extract_processes": 2}, None, 2),  # the old name of the key still works
        ({}, 3, 3),  # check_documents(processes=3)
        ({"processes": 2}, 0, 0),  # the argument wins over the config
    ],
)
def test_extraction_uses_processes_exactly_when_asked_whatever_the_load(
    httpserver: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fetch_keys: dict[str, int],
    argument: int | None,
    expected: int,
    load: float,
) -> None:
    # The machine's load (idle or swamped) must not matter: only the config key and the argument do.
    monkeypatch.setattr(runner.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(runner, "ExtractPool", CountingPool)
    monkeypatch.setattr(CountingPool, "made", [])
    monkeypatch.setattr(CountingPool, "pages", [])
    urls = _serve(httpserver, 12, {"changed": set()})
    config = _config(tmp_path, urls, **fetch_keys)
    configured = fetch_keys.get("processes", fetch_keys.get("extract_processes", 0))
    assert config.fetch.processes == configured  # type: ignore[attr-defined]
    store = Store(tmp_path / "t.db")
    try:
        # A run too small to be worth starting processes stays in the threads, asked or not.
        small = [d.name for d in config.documents][: Checker.POOL_MIN_DOCS]  # type: ignore[attr-defined]
        report = check_documents(config, store, small, processes=argument)  # type: ignore[arg-type]
        assert {r.status for r in report.results} == {NEW}
        assert CountingPool.made == [] and CountingPool.pages == []
        report = check_documents(config, store, processes=argument)  # type: ignore[arg-type]
        assert [r.status for r in report.results] == [UNCHANGED] * 8 + [NEW] * 4
        if expected:
            assert CountingPool.made == [expected]
            # Every page read in the run went through the pool (each read once).
            assert len(CountingPool.pages) == 12
        else:
            assert CountingPool.made == [] and CountingPool.pages == []
    finally:
        store.close()


def test_extract_processes_is_the_old_name_of_processes(tmp_path: Path) -> None:
    from tosdiff.errors import ConfigError

    def fetch(**keys: int) -> int:
        data = {"fetch": keys, "documents": []}
        return parse_config(data, tmp_path / "tosdiff.toml").fetch.processes

    assert (fetch(), fetch(processes=2), fetch(extract_processes=3)) == (0, 2, 3)
    assert fetch(processes=2, extract_processes=2) == 2
    with pytest.raises(ConfigError, match="not both"):
        fetch(processes=2, extract_processes=3)


def test_streamed_run_keeps_counts_not_results_and_releases_memory(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: keep_results=False streams every result to on_result, keeps only the counts, and the
    run hands freed heap pages back once, at its end."""
    state: dict[str, object] = {"changed": set()}
    urls = _serve(httpserver, 9, state)
    config = _config(tmp_path, urls, workers=3)
    store = Store(tmp_path / "t.db")
    trims: list[int] = []
    monkeypatch.setattr(runner, "release_memory", lambda: trims.append(1) or True)
    seen: list[str] = []
    try:
        report = check_documents(
            config,
            store,
            on_result=lambda r: seen.append(r.name),
            keep_results=False,  # type: ignore[arg-type]
        )
    finally:
        store.close()
    assert report.results == () and report.statuses() == {NEW: 9} and report.checked == 9
    assert sorted(seen) == [f"doc-{i:02d}" for i in range(9)]
    assert len(trims) == 1  # once per run, after the last document


def test_release_memory_is_safe_to_call() -> None:
    # On glibc it trims the heap (True); on any other libc it does nothing (False); never raises.
    assert runner.release_memory() in (True, False)
