"""Storage faults: a folder tosdiff cannot write, a full disk, another application's SQLite file, a
damaged file. Each is one clear error (exit 1 through the CLI), and nothing is written to a file that
is not tosdiff's or that is damaged."""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLI, write_config
from pytest_httpserver import HTTPServer
from terms_pages import CT, terms_page

from tosdiff.config import parse_config
from tosdiff.errors import StoreError
from tosdiff.models import ERROR, NEW
from tosdiff.runner import Checker
from tosdiff.store import Store
from tosdiff.store.core import APPLICATION_ID


def digest(path: Path) -> str:
    """sha256 of a file's bytes: what "nothing was written" is checked against."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def served(httpserver: HTTPServer, pages: dict[str, str]) -> list[dict[str, object]]:
    """Serve each page at /<name>; the [[documents]] entries for them."""
    for name, body in pages.items():
        httpserver.expect_request(f"/{name}").respond_with_data(body, content_type=CT)
    return [{"name": n, "url": httpserver.url_for(f"/{n}"), "select": ["main"]} for n in pages]


def recorded_db(tmp_path: Path, versions: int = 6) -> Path:
    """A tosdiff database with a document of several long versions, closed cleanly."""
    path = tmp_path / "db" / "tosdiff.db"
    rng = random.Random(7)
    store = Store(path)
    with store.transaction():
        store.upsert_document("acme", "https://example.org/terms")
        for v in range(versions):
            text = "\n\n".join(
                f"## {i}. Part\n\n"
                + " ".join(rng.choice(["use", "data", "terms", "we", "you"]) for _ in range(400))
                for i in range(40)
            )
            store.add_version(
                "acme",
                text,
                snapshot_id=None,
                extractor_version="t",
                fingerprint="t",
                kind="new" if v == 0 else "changed",
            )
    store.close()
    assert not Path(str(path) + "-wal").exists()
    return path


def damage(path: Path, table: str | None = None) -> None:
    """Overwrite a page with garbage, as a bad disk or a stray write would: one in the middle of the
    file, or a leaf page of `table` (found with SQLite's dbstat)."""
    size = 4096
    pages = path.stat().st_size // size
    assert pages > 10
    number = pages // 2 + 1
    if table:
        db = sqlite3.connect(path)
        (number,) = db.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' LIMIT 1", [table]
        ).fetchone()
        db.close()
    with path.open("r+b") as f:
        f.seek((number - 1) * size)
        f.write(bytes(random.Random(1).randrange(256) for _ in range(size)))


def test_a_file_where_the_storage_folder_should_be_is_one_clear_error(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    (tmp_path / "afile").write_text("not a folder")
    docs = served(httpserver, {"acme": terms_page()})
    config = (
        write_config(tmp_path, docs)
        .read_text()
        .replace('path = "db/tosdiff.db"', 'path = "afile/tosdiff.db"')
    )
    (tmp_path / "tosdiff.toml").write_text(config)
    cli = CLI(tmp_path / "tosdiff.toml")
    for command in ("check", "status"):
        proc = cli.run(command)
        assert proc.returncode == 1, (command, proc.stderr)
        assert "afile" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert (tmp_path / "afile").read_text() == "not a folder"


def test_another_applications_database_is_refused_and_left_untouched(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    docs = served(httpserver, {"acme": terms_page()})
    write_config(tmp_path, docs)
    foreign = tmp_path / "db" / "tosdiff.db"
    foreign.parent.mkdir()
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    db.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    db.commit()
    db.close()
    before = digest(foreign)
    proc = CLI(tmp_path / "tosdiff.toml").run("check")
    assert proc.returncode == 1 and "another application's SQLite database" in proc.stderr, proc.stderr
    assert "contacts" in proc.stderr and "Traceback" not in proc.stderr
    assert digest(foreign) == before
    assert not Path(str(foreign) + "-wal").exists()  # never switched to WAL
    db = sqlite3.connect(foreign)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["contacts"]
    db.close()


def test_a_file_with_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA application_id = 1234")
    db.commit()
    db.close()
    before = digest(path)
    with pytest.raises(StoreError, match="application id 0x4d2"):
        Store(path)
    assert digest(path) == before


def test_new_and_older_tosdiff_databases_carry_the_application_id(tmp_path: Path) -> None:
    path = recorded_db(tmp_path)
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    # A database made before the id: recognised by its tables, given the id, its data kept.
    db.execute("PRAGMA application_id = 0")
    db.commit()
    db.close()
    store = Store(path)
    try:
        assert len(store.versions("acme")) == 6
    finally:
        store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    db.close()


def test_a_damaged_database_is_refused_before_anything_is_written(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    path = recorded_db(tmp_path)
    docs = served(httpserver, {"acme": terms_page()})
    write_config(tmp_path, docs)
    damage(path)
    before = digest(path)
    proc = CLI(tmp_path / "tosdiff.toml").run("check")
    assert proc.returncode == 1 and "damaged" in proc.stderr and "quick_check" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert digest(path) == before


def test_after_an_unclean_stop_a_large_database_is_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tosdiff.store.core as core

    path = recorded_db(tmp_path)
    monkeypatch.setattr(
        core, "QUICK_CHECK_MAX_BYTES", 0
    )  # as if the file were too large to check on every open
    damage(path)
    Store(path).close()  # a clean stop: damage in pages no query reads goes unseen at open
    # A writer killed mid-run leaves its write-ahead log behind.
    script = (
        "import os, sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('PRAGMA journal_mode=wal');"
        "db.execute(\"UPDATE documents SET title = 'x'\"); db.commit(); os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert Path(str(path) + "-wal").stat().st_size > 0
    with pytest.raises(StoreError, match="after an unclean stop"):
        Store(path)


def test_a_full_disk_fails_one_document_rolls_it_back_and_the_run_goes_on(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    rng = random.Random(3)
    words = " ".join(
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(120_000)
    )
    pages = {"big": f"<html><body><main><h1>Terms</h1><p>{words}</p></main></body></html>"}
    pages |= {f"small{i}": terms_page(f"n{i}") for i in range(3)}
    data = {
        "storage": {"path": str(tmp_path / "t.db")},
        "fetch": {"host_delay": 0, "retries": 0},
        "documents": served(httpserver, pages),
    }
    config = parse_config(data, tmp_path / "tosdiff.toml")
    store = Store(tmp_path / "t.db")
    try:
        # The disk fills up: room for small checks, not for a page of a megabyte.
        (used,) = store.db.execute("PRAGMA page_count").fetchone()
        store.db.execute(f"PRAGMA max_page_count = {used + 60}")
        results = {r.name: r for r in Checker(config, store, processes=0).check(config.documents).results}
        assert results["big"].status == ERROR and "full" in (results["big"].error or ""), results["big"]
        assert all(results[f"small{i}"].status == NEW for i in range(3)), results
        # Nothing half-written: no document row, page, text or version of the failed check.
        for table, column in (
            ("documents", "name"),
            ("snapshots", "document"),
            ("versions", "document"),
            ("checks", "document"),
        ):
            (n,) = store.db.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = 'big'").fetchone()
            assert n == 0, table
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_a_full_disk_through_the_cli_is_one_line_per_document_and_exit_1(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    rng = random.Random(5)
    words = " ".join(
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(60_000)
    )
    pages = {
        "big": f"<html><body><main><h1>Terms</h1><p>{words}</p></main></body></html>",
        "small": terms_page(),
    }
    cli = CLI(write_config(tmp_path, served(httpserver, pages)))
    assert cli.run("status").returncode == 0  # creates the database
    db = tmp_path / "db" / "tosdiff.db"
    room = db.stat().st_size + 100_000

    def small_disk() -> None:
        # A file size limit stands in for a full disk: the write that crosses it fails (EFBIG).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    proc = subprocess.run(
        [sys.executable, "-m", "tosdiff", "--config", str(cli.config), "check", "--json"],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=small_disk,
        timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    results = {r["name"]: r for r in json.loads(proc.stdout)["documents"]}
    assert results["big"]["status"] == "error" and str(db) in results["big"]["error"]
    assert results["small"]["status"] == "new"
    store = Store(db)
    try:
        assert store.versions("big") == [] and len(store.versions("small")) == 1
    finally:
        store.close()


def test_once_a_read_meets_a_damaged_page_nothing_more_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tosdiff.store.core as core

    path = recorded_db(tmp_path)
    monkeypatch.setattr(core, "QUICK_CHECK_MAX_BYTES", 0)  # a file too large to check on every open
    damage(path, "texts")
    before = digest(path)
    store = Store(path)  # opens: the damage is in pages only a text read touches
    try:
        with pytest.raises(StoreError, match="damaged"):
            for v in store.versions("acme"):
                store.text(v["text_hash"])
        with pytest.raises(StoreError, match="writes nothing more"), store.transaction():
            store.upsert_document("acme", "https://example.org/new")
    finally:
        store.close()
    assert digest(path) == before


def test_a_stored_text_that_no_longer_decodes_is_a_damaged_database_error(tmp_path: Path) -> None:
    path = recorded_db(tmp_path)
    db = sqlite3.connect(path)
    # Bytes changed inside a compressed body: the page is sound, its content is not.
    db.execute("UPDATE texts SET body = CAST(substr(body, 1, 40) || zeroblob(64) AS BLOB) WHERE rowid = 2")
    db.commit()
    db.close()
    store = Store(path)
    try:
        with pytest.raises(StoreError, match="damaged"):
            for v in store.versions("acme"):
                store.text(v["text_hash"])
        with pytest.raises(StoreError, match="writes nothing more"), store.transaction():
            store.upsert_document("acme", "https://example.org/new")
    finally:
        store.close()
