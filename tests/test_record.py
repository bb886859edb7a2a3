"""Recording a check: which pages are stored, max_shrink refusals, and hashes that spare a parse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from terms_pages import CLAUSES, CT, terms_page
from werkzeug import Request, Response

from tosdiff.config import parse_config
from tosdiff.models import CHANGED, NEW, UNCHANGED
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
