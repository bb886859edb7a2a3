"""The fast check cycle: selection-hash fast path, bounded window, extraction process pool."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import shared_data
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tosdiff.config import parse_config
from tosdiff.errors import BAD_CONTENT, BLOCKED, ExtractError
from tosdiff.extract import extract, extract_if_changed
from tosdiff.models import CHANGED, NEW, UNCHANGED, Document
from tosdiff.pipeline import Checker, ExtractPool, _HostQueue
from tosdiff.store import Store

CT = "text/html; charset=utf-8"
CLAUSES = "".join(
    f"<li>Clause {i}: the provider may use content you submit under the licence in section {i}, "
    f"subject to the limits of liability set out in these terms.</li>"
    for i in range(1, 15)
)


def terms_page(nonce: str = "n0", clause: str = "", title: str = "Terms", class_noise: bool = True) -> str:
    """A terms page with page furniture and per-request noise (a nonce script and attributes)."""
    css = f" css-{nonce}" if class_noise else ""
    return (
        f"<html><head><title>{title}</title><script>window.__REQ='{nonce}'</script></head>"
        f'<body data-nonce="{nonce}"><nav>Home | Pricing</nav>'
        f'<main class="terms{css}"><h1>Terms of Service</h1><ol>{CLAUSES}</ol>'
        f'<p data-build="{nonce}">{clause}Contact <a href="/legal?utm_source={nonce}">legal</a>.</p>'
        f'<script nonce="{nonce}">track()</script></main><footer>(c) 2025</footer></body></html>'
    )


@pytest.mark.parametrize("select", [("main",), ()])
def test_fast_path_skips_only_when_the_text_would_be_identical(select: tuple[str, ...]) -> None:
    url = "https://example.com/terms"
    # Without selectors, id/class/role steer find_content, so class churn rightly defeats the hash.
    churn = bool(select)
    first, digest = extract_if_changed(
        terms_page("a", class_noise=churn).encode(), CT, url=url, select=select
    )
    assert first == extract(terms_page("a", class_noise=churn).encode(), CT, url=url, select=select)
    # Per-request noise (nonce in scripts, data-* and class attributes, tracking parameters) only.
    noisy = terms_page("b", class_noise=churn).encode()
    assert extract_if_changed(noisy, CT, url=url, select=select, previous=digest) == (None, digest)
    assert extract(noisy, CT, url=url, select=select) == first
    # Anything the text depends on gives another hash, and a full extraction.
    for body, kw in (
        (terms_page("b", clause="New clause. ").encode(), {}),  # the words
        (noisy, {"url": "https://example.org/terms"}),  # the base URL links resolve against
        (noisy, {"ignore": ("^Contact",)}),  # the options
    ):
        kw = {"url": url, **kw}
        text, other = extract_if_changed(body, CT, select=select, previous=digest, **kw)  # type: ignore[arg-type]
        assert other != digest
        assert text == extract(body, CT, select=select, **kw)  # type: ignore[arg-type]
    # The title: a short text under a challenge title is a wall, whatever the previous text was.
    with pytest.raises(ExtractError) as info:
        extract_if_changed(
            terms_page("b", title="Access denied", class_noise=churn).encode(),
            CT,
            url=url,
            select=select,
            previous=digest,
        )
    assert info.value.error_class == BLOCKED


@pytest.mark.parametrize("doc", ["cursor-terms", "bardeen-terms"])
def test_fast_path_on_real_snapshots_never_hides_a_text_change(doc: str) -> None:
    """Over 60 real consecutive snapshots: equal hashes always mean byte-identical texts."""
    import json

    folder = shared_data("replay", doc)
    select = tuple(json.loads((folder / "truth.json").read_text())["select"])
    for sel in (select, ()):
        seen: dict[str, str] = {}
        for f in sorted(folder.glob("*.html"))[::3]:
            body = f.read_bytes()
            text, digest = extract_if_changed(body, CT, url="https://example.com/t", select=sel)
            assert digest is not None and text is not None
            assert seen.setdefault(digest, text) == text
            assert extract_if_changed(body, CT, url="https://example.com/t", select=sel, previous=digest) == (
                None,
                digest,
            )
        if sel:
            assert len(seen) <= 4  # with selectors, page noise does not change the hash


def test_host_queue_caps_documents_per_host_least_busy_host_first() -> None:
    docs = [Document(f"d{i}", f"http://{'a' if i < 4 else 'b'}.example/{i}") for i in range(6)]
    q = _HostQueue(docs, per_host=2)
    got = [q.take() for _ in range(5)]
    # Each host gets one before any gets a second; within that, config order.
    assert [g[0] if g else None for g in got] == [0, 4, 1, 5, None]
    q.done(docs[0])
    assert q.take() == (2, docs[2])


def _config(tmp_path: Path, urls: list[str], workers: int = 2) -> object:
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"workers": workers, "host_delay": 0},
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


def crash_on_poison(*args: object) -> tuple:
    """A pool job that kills its worker process on a poisonous page (as a libxml2 segfault would)."""
    from tosdiff.extract import extract_job

    if args[0] == b"POISON":
        os._exit(1)
    return extract_job(*args)  # type: ignore[arg-type]


def test_extract_pool_errors_keep_their_class_and_a_crash_costs_only_its_page() -> None:
    from concurrent.futures import ThreadPoolExecutor

    pool = ExtractPool(2, job=crash_on_poison)
    good = terms_page("a").encode()
    wall = b"<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"
    try:
        with ThreadPoolExecutor(4) as threads:
            futures = [threads.submit(pool, b, CT, select=("main",)) for b in (good, b"POISON", good, good)]
            outcomes = []
            for f in futures:
                try:
                    outcomes.append(f.result())
                except ExtractError as e:
                    outcomes.append(e)
        expected = extract(good, CT, select=("main",))
        assert [o[0] for o in (outcomes[0], outcomes[2], outcomes[3])] == [expected] * 3  # type: ignore[index]
        assert isinstance(outcomes[1], ExtractError) and outcomes[1].error_class == BAD_CONTENT
        with pytest.raises(ExtractError) as info:
            pool(wall, CT)
        assert info.value.error_class == BLOCKED
    finally:
        pool.close()


@pytest.mark.parametrize("keep", ["versions", "all"])
def test_pages_are_stored_for_new_texts_and_failures_and_unchanged_bytes_are_not_parsed(
    httpserver: HTTPServer, tmp_path: Path, keep: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tosdiff.extract as extract_mod
    from tosdiff.pipeline import reextract_documents

    page = {"body": terms_page("n1")}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda request: Response(page["body"], content_type=CT)
    )
    data = {
        "storage": {"path": str(tmp_path / "t.db"), "keep_snapshots": keep},
        "fetch": {"host_delay": 0},
        "documents": [{"name": "d", "url": httpserver.url_for("/terms"), "select": ["main"]}],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    parsed: list[int] = []
    real = extract_mod.extract_if_changed

    def counting(*args: object, **kwargs: object) -> tuple:
        parsed.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_mod, "extract_if_changed", counting)
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store, processes=0)
    db = sqlite3.connect(tmp_path / "t.db")

    def step(body: str) -> tuple[str, int, int, str | None, int | None]:
        page["body"] = body
        before = len(parsed)
        (result,) = checker.check(config.documents).results
        n_snapshots = db.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
        body_hash, snapshot_id = db.execute(
            "SELECT body_hash, snapshot_id FROM checks ORDER BY id DESC LIMIT 1"
        ).fetchone()
        assert body_hash == store_sha(body)
        return result.status, len(parsed) - before, n_snapshots, body_hash, snapshot_id

    def store_sha(body: str) -> str:
        from tosdiff.store import sha256

        return sha256(body.encode())

    try:
        assert step(terms_page("n1"))[:3] == (NEW, 1, 1)
        # Noise only (a nonce): parsed, unchanged; its page is kept only with keep_snapshots = "all".
        status, parses, n_snapshots, _, snapshot_id = step(terms_page("n2"))
        assert (status, parses) == (UNCHANGED, 1)
        assert (n_snapshots, snapshot_id is None) == ((1, True) if keep == "versions" else (2, False))
        # The very same bytes again: recognised by the hash on the check row, not parsed at all.
        assert step(terms_page("n2"))[:2] == (UNCHANGED, 0)
        # A new text keeps its page, and so does a failure (a page with no terms).
        status, _, n_snapshots, _, snapshot_id = step(terms_page("n3", clause="Amended clause. "))
        assert status == CHANGED and snapshot_id is not None
        status, _, _, _, snapshot_id = step("<html><body><main>Gone.</main></body></html>")
        assert status == "error" and snapshot_id is not None
        # Re-extraction still finds a stored page for the latest text (the version's own).
        (redo,) = reextract_documents(config, store)
        assert redo.status == UNCHANGED and redo.error is None
    finally:
        checker.close()
        store.close()
        db.close()


def test_a_text_that_shrinks_past_max_shrink_is_an_error_not_a_version(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = {"body": terms_page("n1")}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda request: Response(page["body"], content_type=CT)
    )
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0},
        "documents": [
            {"name": "d", "url": httpserver.url_for("/terms"), "select": ["main"], "max_shrink": 0.5}
        ],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store, processes=0)
    try:
        assert checker.check(config.documents).results[0].status == NEW
        # Most clauses gone (a broken template, say): refused, and the page kept for inspection.
        page["body"] = page["body"].replace(CLAUSES, CLAUSES[: len(CLAUSES) // 4])
        (result,) = checker.check(config.documents).results
        assert result.status == "error" and "shrank" in (result.error or "") and result.version == 1
        db = sqlite3.connect(tmp_path / "t.db")
        assert db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 1
        assert db.execute("SELECT snapshot_id FROM checks ORDER BY id DESC").fetchone()[0] is not None
        db.close()
        # A smaller real edit is a version as usual.
        page["body"] = terms_page("n2", clause="Amended clause. ")
        assert checker.check(config.documents).results[0].status == CHANGED
    finally:
        checker.close()
        store.close()


def test_a_304_carries_the_hash_of_the_bytes_so_the_same_page_later_is_not_parsed(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tosdiff.extract as extract_mod
    from tosdiff.store import sha256

    body = terms_page("fixed")
    use_etag = {"on": True}

    def handler(request: Request) -> Response:
        if use_etag["on"] and request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        headers = {"ETag": '"v1"'} if use_etag["on"] else {}
        return Response(body, content_type=CT, headers=headers)

    httpserver.expect_request("/terms").respond_with_handler(handler)
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0},
        "documents": [{"name": "d", "url": httpserver.url_for("/terms"), "select": ["main"]}],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    parsed: list[int] = []
    real = extract_mod.extract_if_changed
    monkeypatch.setattr(extract_mod, "extract_if_changed", lambda *a, **k: parsed.append(1) or real(*a, **k))
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store, processes=0)
    db = sqlite3.connect(tmp_path / "t.db")
    try:
        assert checker.check(config.documents).results[0].status == NEW
        assert checker.check(config.documents).results[0].status == UNCHANGED  # a 304
        hashes = [r[0] for r in db.execute("SELECT body_hash FROM checks ORDER BY id")]
        assert hashes == [sha256(body.encode())] * 2
        # The server stops answering 304s: the very same bytes come back and are not parsed.
        use_etag["on"] = False
        assert checker.check(config.documents).results[0].status == UNCHANGED
        assert len(parsed) == 1
    finally:
        checker.close()
        store.close()
        db.close()


def test_extraction_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    # The guard matters: spawned workers import the parent's main module again.
    script.write_text(
        "import time\n"
        "from tosdiff.pipeline import ExtractPool\n"
        "if __name__ == '__main__':\n"
        "    pool = ExtractPool(2)\n"
        "    page = b'<html><body><main>' + b'<p>Terms of service, clause one of many.</p>' * 40\n"
        "    pool(page + b'</main></body></html>', 'text/html', select=('main',))\n"
        "    print(*pool._pool._processes, flush=True)\n"
        "    time.sleep(60)\n",
        encoding="utf-8",
    )
    root = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert parent.stdout is not None
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert workers, "the pool started its workers"
        os.kill(parent.pid, signal.SIGKILL)  # as kill -9 or the OOM killer would
        parent.wait(timeout=10)
        gone_by = time.monotonic() + 10
        alive = set(workers)
        while alive and time.monotonic() < gone_by:
            for pid in list(alive):
                try:
                    os.kill(pid, 0)
                    # A zombie (exited, not yet reaped by init) counts as gone.
                    with open(f"/proc/{pid}/stat") as f:
                        if f.read().split(") ")[1].startswith("Z"):
                            alive.discard(pid)
                except (ProcessLookupError, FileNotFoundError):
                    alive.discard(pid)
            time.sleep(0.2)
        assert not alive, f"worker processes outlived their parent: {alive}"
    finally:
        if parent.poll() is None:
            parent.kill()


@pytest.mark.parametrize("idle_cpus, expect_pool", [(1.0, True), (0.1, False)])
def test_extraction_moves_to_processes_only_once_a_cpu_is_seen_idle(
    monkeypatch: pytest.MonkeyPatch, idle_cpus: float, expect_pool: bool
) -> None:
    import tosdiff.pipeline as pipeline

    clock = {"t": 100.0, "idle": 5000.0}
    monkeypatch.setattr(pipeline, "_idle_seconds", lambda: (clock["idle"], clock["t"]))
    pool_calls: list[bytes] = []

    def fake_pool(body: bytes, content_type: str, **kw: object) -> tuple[str | None, str | None]:
        pool_calls.append(body)
        return extract(body, content_type, **kw), None  # type: ignore[arg-type]

    made: list[int] = []
    auto = pipeline._AutoExtractor(lambda: made.append(1) or fake_pool)  # type: ignore[arg-type, func-returns-value]
    page = terms_page("a").encode()
    # Before half a second of the run has been watched: in the thread, no pool started.
    text, _ = auto(page, CT, select=("main",))
    assert text and not made and not pool_calls
    clock["t"] += 1.0
    clock["idle"] += idle_cpus * 1.0
    for _ in range(3):
        assert auto(page, CT, select=("main",))[0] == text
    assert (len(made), len(pool_calls)) == ((1, 3) if expect_pool else (0, 0))
