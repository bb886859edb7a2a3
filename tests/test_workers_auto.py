"""Fetch threads sized from the run when no workers are configured; --workers / [fetch] workers override."""

from __future__ import annotations

import threading
from pathlib import Path

from pytest_httpserver import HTTPServer
from terms_pages import CT, terms_page
from werkzeug import Request, Response

import tosdiff.runner as runner
from tosdiff.config import parse_config
from tosdiff.models import NEW, Document
from tosdiff.runner import MAX_AUTO_WORKERS, Checker, auto_workers
from tosdiff.store import Store


def test_auto_workers_one_per_site_capped() -> None:
    one_site = [Document(f"d{i}", f"http://a.example/{i}") for i in range(50)]
    assert auto_workers(one_site) == 1
    many = [Document(f"d{i}", f"http://s{i % 30}.example/{i}") for i in range(300)]
    assert auto_workers(many) == 30
    assert auto_workers(many, per_host=2) == 60
    huge = [Document(f"d{i}", f"http://s{i}.example/") for i in range(1000)]
    assert auto_workers(huge) == MAX_AUTO_WORKERS
    assert auto_workers([]) == 1


def test_default_config_leaves_workers_to_the_run(tmp_path: Path) -> None:
    config = parse_config({"documents": []}, tmp_path / "tosdiff.toml")
    assert config.fetch.workers is None
    set_ = parse_config({"fetch": {"workers": 3}, "documents": []}, tmp_path / "tosdiff.toml")
    assert set_.fetch.workers == 3


def _threads_used(tmp_path: Path, httpserver: HTTPServer, fetch: dict[str, object], n: int) -> set[str]:
    def handler(request: Request) -> Response:
        return Response(terms_page("x"), content_type=CT)

    httpserver.expect_request("/t").respond_with_handler(handler)
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0, **fetch},
        # Two "sites" on one server: 127.0.0.1 and localhost are distinct hosts to the throttle.
        "documents": [
            {
                "name": f"d{i}",
                "url": httpserver.url_for("/t").replace("localhost", "127.0.0.1" if i % 2 else "localhost"),
                "select": ["main"],
            }
            for i in range(n)
        ],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store)
    names: set[str] = set()
    real = runner.fetch_and_extract

    def spy(*args: object, **kwargs: object) -> object:
        names.add(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    runner.fetch_and_extract = spy  # type: ignore[assignment]
    try:
        report = checker.check(config.documents)
    finally:
        runner.fetch_and_extract = real
        checker.close()
        store.close()
    assert {r.status for r in report.results} == {NEW}
    return names


def test_run_uses_one_thread_per_site_by_default(tmp_path: Path, httpserver: HTTPServer) -> None:
    # Two sites: at most 2 fetch threads, however many documents.
    names = _threads_used(tmp_path, httpserver, {}, 12)
    assert 1 <= len(names) <= 2


def test_configured_workers_override_the_sizing(tmp_path: Path, httpserver: HTTPServer) -> None:
    names = _threads_used(tmp_path, httpserver, {"workers": 1}, 6)
    assert len(names) == 1
