"""Issue 15 item 10: `tosdiff remove NAME [--purge]`: the config keeps its comments, the history goes only when asked."""

from __future__ import annotations

import sqlite3
import tomllib
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import CLI
from tests.terminal import pty_run
from tests.terms_pages import terms_page

CONFIG = """\
# my terms watch: keep this comment
[storage]
path = "db/tosdiff.db"   # next to the config

[fetch]
host_delay = 0
retries = 0

# Zoom's terms, watched since 2023
[[documents]]
name = "zoom"   # the one that changed 10.4
url = "{zoom}"
[documents.headers]
Accept-Language = "en"

# Acme: to be removed
[[documents]]
# inside acme's table
name = "acme"
url = "{acme}"
select = [
  "main",
]

# Cursor's terms
[[documents]]
name = "cursor"
url = "{cursor}"
"""


def _setup(httpserver: HTTPServer, tmp_path: Path) -> CLI:
    for name in ("zoom", "acme", "cursor"):
        httpserver.expect_request(f"/{name}").respond_with_handler(
            # zoom and cursor serve the same text (stored once, shared); acme's is its own.
            lambda _r, n=name: Response(
                terms_page(title=n, clause="Acme only. " if n == "acme" else ""), content_type="text/html"
            )
        )
    path = tmp_path / "tosdiff.toml"
    urls = {n: httpserver.url_for(f"/{n}") for n in ("zoom", "acme", "cursor")}
    # CRLF line ends: the file must come back with the user's own.
    path.write_bytes(CONFIG.format(**urls).replace("\n", "\r\n").encode())
    cli = CLI(path)
    assert cli.run("check").returncode == 0
    return cli


def _rows(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_remove_keeps_the_rest_of_the_file_and_the_history(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _setup(httpserver, tmp_path)
    before = cli.config.read_bytes().decode()
    proc = cli.run("remove", "acme", "--yes")
    assert proc.returncode == 0, proc.stderr
    after = cli.config.read_bytes().decode()
    # Exactly acme's table and the comment right above it are gone; every other byte is as it was.
    gone = '# Acme: to be removed\r\n[[documents]]\r\n# inside acme\'s table\r\nname = "acme"\r\n'
    assert gone in before and gone not in after
    assert after == before[: before.index(gone)] + before[before.index("# Cursor's terms") :]
    assert [d["name"] for d in tomllib.loads(after)["documents"]] == ["zoom", "cursor"]
    assert "# Zoom's terms, watched since 2023" in after and "Accept-Language" in after
    # Without --purge the history stays, and the command says so.
    assert "stays in" in proc.stderr and "remove acme --purge" in proc.stderr
    assert cli.run("history", "acme").returncode == 0
    assert cli.run("check", "--json").returncode == 0  # the config still loads; acme is not checked


def test_purge_deletes_the_whole_history_in_one_go(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _setup(httpserver, tmp_path)
    db = tmp_path / "db" / "tosdiff.db"
    texts_before = _rows(db, "SELECT COUNT(*) FROM texts")
    proc = cli.run("remove", "acme", "--purge", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "deleted the history of acme: 1 version, 1 check, 1 snapshot" in proc.stderr
    for table in ("versions", "checks", "snapshots", "documents"):
        column = "name" if table == "documents" else "document"
        assert _rows(db, f"SELECT COUNT(*) FROM {table} WHERE {column} = 'acme'") == 0, table
    assert _rows(db, "SELECT COUNT(*) FROM texts") == texts_before - 1  # acme's text was its own
    assert _rows(db, "SELECT COUNT(*) FROM versions") == 2  # the others untouched
    assert texts_before == 2  # zoom's and cursor's shared text stays
    assert cli.run("history", "acme").returncode == 2
    assert cli.run("history", "zoom").returncode == 0


def test_purge_later_of_a_name_only_the_database_knows(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _setup(httpserver, tmp_path)
    assert cli.run("remove", "acme", "--yes").returncode == 0
    again = cli.run("remove", "acme", "--yes")
    assert again.returncode == 2 and "remove acme --purge" in again.stderr
    assert cli.run("remove", "acme", "--purge", "--yes").returncode == 0
    assert _rows(tmp_path / "db" / "tosdiff.db", "SELECT COUNT(*) FROM versions WHERE document = 'acme'") == 0


def test_unknown_name_exits_2_with_the_nearest_names(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _setup(httpserver, tmp_path)
    before = cli.config.read_bytes()
    proc = cli.run("remove", "acm", "--yes")
    assert proc.returncode == 2
    assert "no document named 'acm'" in proc.stderr and "nearest: acme" in proc.stderr
    assert cli.config.read_bytes() == before


def test_remove_asks_on_a_terminal_and_needs_yes_without_one(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _setup(httpserver, tmp_path)
    before = cli.config.read_bytes()
    closed = cli.run("remove", "acme", input="")  # stdin closed, as under cron: no answer
    assert closed.returncode == 2 and "confirm with --yes" in closed.stderr
    assert cli.run("remove", "acme", input="n\n").returncode == 0  # answered no
    assert cli.config.read_bytes() == before
    code, seen = pty_run(cli.config, "remove", "acme", "--purge", answer="n")
    assert code == 0 and "[y/N]" in seen and "nothing removed" in seen, seen
    assert "delete its history (1 version and 1 check)" in seen.replace("\r\n", " ")
    assert cli.config.read_bytes() == before
    code, seen = pty_run(cli.config, "remove", "acme", answer="y")
    assert code == 0 and "removed acme" in seen, seen
    assert b'name = "acme"' not in cli.config.read_bytes()
    piped = cli.run("remove", "zoom", input="y\n")  # an answer piped in, as `add` takes it
    assert piped.returncode == 0 and "removed zoom" in piped.stderr


def test_purge_takes_the_documents_alerts_and_keeps_the_others(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    pages = {"a": "", "b": ""}
    for name in pages:
        httpserver.expect_request(f"/{name}").respond_with_handler(
            lambda _r, n=name: Response(terms_page(clause=pages[n]), content_type="text/html")
        )
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    path = tmp_path / "tosdiff.toml"
    path.write_text(
        '[storage]\npath = "db/tosdiff.db"\n[fetch]\nhost_delay = 0\nretries = 0\n'
        f'[[alerts]]\nkind = "webhook"\nname = "hook"\nurl = "{httpserver.url_for("/hook")}"\n'
        + "".join(f'[[documents]]\nname = "{n}"\nurl = "{httpserver.url_for("/" + n)}"\n' for n in pages)
    )
    cli = CLI(path)
    assert cli.run("check").returncode == 0
    pages.update(a="A new clause for a. ", b="A new clause for b. ")
    assert cli.run("check").returncode == 0
    db = tmp_path / "db" / "tosdiff.db"
    assert _rows(db, "SELECT COUNT(*) FROM deliveries WHERE document = 'a'") == 1
    events = _rows(db, "SELECT COUNT(*) FROM alert_events")
    proc = cli.run("remove", "a", "--purge", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert "1 alert delivery" in proc.stderr
    assert _rows(db, "SELECT COUNT(*) FROM deliveries WHERE document = 'a'") == 0
    assert _rows(db, "SELECT COUNT(*) FROM deliveries WHERE document = 'b'") == 1
    assert _rows(db, "SELECT COUNT(*) FROM alert_events") == events - 1
    assert _rows(db, "SELECT COUNT(*) FROM alert_document_state WHERE document = 'a'") == 0
