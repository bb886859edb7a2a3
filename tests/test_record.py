"""Recording a check: which pages are stored, max_shrink refusals, and hashes that spare a parse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from terms_pages import CLAUSES, CT, terms_page
from werkzeug import Request, Response

from tosdiff.config import parse_config
from tosdiff.models import CHANGED, NEW, UNCHANGED, Document
from tosdiff.record import keeps_the_terms, shrink_error
from tosdiff.runner import Checker
from tosdiff.store import Store


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


def test_shrink_is_judged_by_what_remains_a_real_shortening_is_a_version_a_stub_is_refused(
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
    db = sqlite3.connect(tmp_path / "t.db")
    items = CLAUSES.split("</li>")
    try:
        assert checker.check(config.documents).results[0].status == NEW
        # A stub in the page's frame (an error message where the terms were): shares nothing with the
        # terms, so it is refused, and the page kept for inspection.
        stub = (
            "<h1>We'll be back soon</h1><p>Our website is down for scheduled maintenance while we upgrade "
            "our servers. We expect to be back online within a few hours.</p><p>In the meantime you can "
            "follow our status page for updates, or write to our support team if something is urgent. "
            "Thank you for your patience and sorry for the inconvenience.</p>"
        )
        page["body"] = terms_page("n2").replace(f"<h1>Terms of Service</h1><ol>{CLAUSES}</ol>", stub)
        (result,) = checker.check(config.documents).results
        assert result.status == "error" and "shrank" in (result.error or "") and result.version == 1
        assert "keeps almost none" in (result.error or "")
        assert db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 1
        assert db.execute("SELECT snapshot_id FROM checks ORDER BY id DESC").fetchone()[0] is not None
        # A real shortening: 11 of 14 clauses dropped (75% of the text), the rest word for word. It is a
        # version, reported with the removed clauses.
        short = "</li>".join(items[:3]) + "</li>"
        page["body"] = terms_page("n3").replace(CLAUSES, short)
        (result,) = checker.check(config.documents).results
        assert result.status == CHANGED and result.version == 2
        removed = [c for c in result.changes if c.kind == "removed"]
        assert [c.old_id for c in removed] == [str(n) for n in range(4, 15)]
        # max_shrink = 1 is the last resort: any text is accepted, the stub included.
        loose = parse_config(
            {**data, "documents": [{**data["documents"][0], "max_shrink": 1}]}, tmp_path / "tosdiff.toml"
        )
        page["body"] = terms_page("n4").replace(f"<h1>Terms of Service</h1><ol>{CLAUSES}</ol>", stub)
        assert checker.check(loose.documents).results[0].status == CHANGED
    finally:
        checker.close()
        store.close()
        db.close()


def test_keeps_the_terms_tells_a_shortening_from_a_stub_without_a_server() -> None:
    clauses = [
        f"## {n}. {title}\n\nThe provider may {verb} your content under the conditions of this clause {n}."
        for n, (title, verb) in enumerate(
            [
                ("Licence", "host"),
                ("Privacy", "store"),
                ("Fees", "bill"),
                ("Liability", "limit"),
                ("Termination", "delete"),
                ("Law", "review"),
                ("Disputes", "arbitrate"),
                ("Notices", "send"),
            ],
            1,
        )
    ]
    old = "# Terms\n\n" + "\n\n".join(clauses) + "\n"
    doc = Document(name="d", url="https://example.com/terms")
    # Three clauses kept word for word.
    assert shrink_error(doc, old, "# Terms\n\n" + "\n\n".join(clauses[:3]) + "\n") is None
    # The clause structure kept, the words rewritten (a plain-language rewrite, much shorter).
    titles = ["Licence", "Privacy", "Fees", "Liability"]
    rewrite = "# Terms\n\n" + "\n\n".join(f"## {n}. {t}\n\nShort words now." for n, t in enumerate(titles, 1))
    assert keeps_the_terms(old, rewrite) and shrink_error(doc, old, rewrite) is None
    # Stubs and error pages, including ones that repeat the page's menu lines.
    for stub in (
        "Page not found\n\nThe page you requested could not be found on this server.\n",
        "Terms\n\nLicence\n\nPrivacy\n\nPlease enable cookies to continue browsing this website.\n",
        "",
    ):
        err = shrink_error(doc, old, stub)
        assert err is not None and err.error_class == "bad-content", stub


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


def test_unchanged_checks_share_a_commit_but_a_version_is_committed_at_once_and_a_fault_costs_one_check(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tosdiff.errors import StoreError

    pages = {f"d{i}": terms_page(f"n{i}") for i in range(6)}
    for name in pages:
        httpserver.expect_request(f"/{name}").respond_with_handler(
            lambda request, name=name: Response(pages[name], content_type=CT)
        )
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0, "workers": 1},
        "documents": [{"name": n, "url": httpserver.url_for(f"/{n}"), "select": ["main"]} for n in pages],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store, processes=0)
    other = sqlite3.connect(tmp_path / "t.db")  # what another process sees, committed rows only
    seen: dict[str, tuple[int, int]] = {}

    def committed(result: object) -> None:
        name = result.name  # type: ignore[attr-defined]
        (versions,) = other.execute("SELECT COUNT(*) FROM versions WHERE document = ?", [name]).fetchone()
        (checks,) = other.execute("SELECT COUNT(*) FROM checks WHERE document = ?", [name]).fetchone()
        seen[name] = (versions, checks)

    try:
        assert {r.status for r in checker.check(config.documents).results} == {NEW}
        # Second run: d3 changes, d4's check row cannot be written, the rest are unchanged (new nonces).
        pages.update({n: terms_page(f"m{n}") for n in pages})
        pages["d3"] = terms_page("m3", clause="Amended clause. ")
        real_add_check = store.add_check

        def failing_add_check(document: str, **fields: object) -> int:
            if document == "d4":
                raise StoreError("disk full (simulated)")
            return real_add_check(document, **fields)

        monkeypatch.setattr(store, "add_check", failing_add_check)
        results = {r.name: r.status for r in checker.check(config.documents, on_result=committed).results}
        assert results == {
            "d0": UNCHANGED,
            "d1": UNCHANGED,
            "d2": UNCHANGED,
            "d3": CHANGED,
            "d4": "error",
            "d5": UNCHANGED,
        }
        # The first unchanged check waited for the batch's commit (one thread: config order); the
        # version and its check were visible to other connections as soon as it was recorded.
        assert seen["d0"] == (1, 1)
        assert seen["d3"] == (2, 2)
        # After the run every unchanged check is committed; the failed one left nothing behind.
        counts = dict(other.execute("SELECT document, COUNT(*) FROM checks GROUP BY document").fetchall())
        assert counts == {"d0": 2, "d1": 2, "d2": 2, "d3": 2, "d4": 1, "d5": 2}
        assert not store.db.conn.in_transaction
    finally:
        checker.close()
        store.close()
        other.close()


def test_a_batch_of_unchanged_checks_does_not_hold_the_write_lock_through_a_slow_fetch(
    tmp_path: Path,
) -> None:
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    release = threading.Event()
    slow = {"on": False}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path == "/slow" and slow["on"]:
                release.wait(30)  # held until the test has tried to write
            body = terms_page(str(time.monotonic())).encode()
            self.send_response(200)
            self.send_header("Content-Type", CT)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    # A threaded server: the fast page is served while the slow one is held.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0},
        # Two hosts to the throttle (127.0.0.1 and localhost): both fetched at once.
        "documents": [
            {"name": "fast", "url": f"http://127.0.0.1:{port}/fast", "select": ["main"]},
            {"name": "slow", "url": f"http://localhost:{port}/slow", "select": ["main"]},
        ],
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    store = Store(tmp_path / "t.db")
    checker = Checker(config, store, processes=0)
    other = sqlite3.connect(tmp_path / "t.db", timeout=0)
    try:
        assert {r.status for r in checker.check(config.documents).results} == {NEW}
        slow["on"] = True
        outcome: dict[str, object] = {}
        run = threading.Thread(target=lambda: outcome.update(report=checker.check(config.documents)))
        run.start()
        try:
            # The fast document's unchanged check is committed while the slow fetch still runs.
            deadline = time.monotonic() + 20
            while other.execute("SELECT COUNT(*) FROM checks WHERE document = 'fast'").fetchone()[0] < 2:
                assert time.monotonic() < deadline, "the unchanged check was never committed"
                time.sleep(0.05)
            # ... and another writer gets the lock at once (timeout 0).
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            release.set()
            run.join(30)
        report = outcome["report"]
        assert {r.status for r in report.results} == {UNCHANGED}  # type: ignore[attr-defined]
    finally:
        checker.close()
        store.close()
        other.close()
        server.shutdown()
        server.server_close()
