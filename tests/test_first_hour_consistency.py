"""Issue 15 items 6 and 8: feedback where users expect it, and one behaviour for the same mistake."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import CLI, write_config
from tests.terms_pages import terms_page
from tests.test_alerts_delivery import change_event
from tosdiff.alerts import enqueue
from tosdiff.config import load_config
from tosdiff.store import Store


@pytest.fixture
def checked(httpserver: HTTPServer, make_cli) -> CLI:
    """A config with `one` checked once (served locally) and `never` configured but never checked."""

    def one(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(terms_page(), content_type="text/html", headers={"ETag": '"v1"'})

    httpserver.expect_request("/one").respond_with_handler(one)
    httpserver.expect_request("/old").respond_with_handler(
        lambda _: Response("", status=301, headers={"Location": httpserver.url_for("/one")})
    )
    cli = make_cli(
        [
            {"name": "one", "url": httpserver.url_for("/one")},
            {"name": "never", "url": httpserver.url_for("/never")},
            {"name": "moved", "url": httpserver.url_for("/old")},
        ]
    )
    proc = cli.run("check", "one")
    assert proc.returncode == 0, proc.stderr
    return cli


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--out", "{tmp}/www", "nosuch"),
        ("export", "nosuch", "--format", "json", "{tmp}/x"),
        ("history", "nosuch"),
        ("show", "nosuch"),
        ("sections", "nosuch"),
        ("log", "nosuch", "1"),
        ("flags", "nosuch"),
        ("check", "nosuch"),
    ],
)
def test_an_unknown_document_exits_2_everywhere(checked: CLI, tmp_path: Path, command: tuple) -> None:
    proc = checked.run(*(c.format(tmp=tmp_path) for c in command))
    assert proc.returncode == 2, (command, proc.stderr)
    assert "nosuch" in proc.stderr and "tosdiff list" in proc.stderr, proc.stderr
    assert "check nosuch" not in proc.stderr  # suggesting a command that then fails helps nobody
    assert "Traceback" not in proc.stderr


def test_a_configured_but_never_checked_document_says_so(checked: CLI, tmp_path: Path) -> None:
    for command in (("history", "never"), ("report", "--out", str(tmp_path / "w"), "never")):
        proc = checked.run(*command)
        assert proc.returncode == 2, proc.stderr
        assert "not been checked yet" in proc.stderr and "tosdiff check never" in proc.stderr


def test_verbose_after_the_command(checked: CLI) -> None:
    for args in (("list", "-v"), ("-v", "list"), ("list", "--verbose")):
        proc = checked.run(*args)
        assert proc.returncode == 0, (args, proc.stderr)
        assert "one" in proc.stdout


def test_verbose_logs_each_url_status_304_and_redirect(checked: CLI) -> None:
    proc = checked.run("check", "one", "moved", "-v")
    assert proc.returncode == 0, proc.stderr
    get = [line for line in proc.stderr.splitlines() if " GET " in line]
    assert any("/one: 304 not modified" in line for line in get), proc.stderr
    assert any("/old: 200 after redirect to" in line and "/one" in line for line in get), proc.stderr
    quiet = checked.run("check", "one")
    assert " GET " not in quiet.stderr


def test_alerts_test_without_notifiers_and_empty_list_say_so(checked: CLI) -> None:
    proc = checked.run("alerts", "test")
    assert proc.returncode == 2
    assert "no notifiers" in proc.stderr and "[[alerts]]" in proc.stderr and "alerts kinds" in proc.stderr
    proc = checked.run("alerts", "list")
    assert proc.returncode == 0 and proc.stdout == ""
    assert "no deliveries" in proc.stderr
    proc = checked.run("alerts", "list", "--status", "failed")
    assert "no failed deliveries" in proc.stderr


def test_alerts_retry_takes_delivery_ids_and_counts_right(tmp_path: Path) -> None:
    extra = '\n[[alerts]]\nkind = "webhook"\nname = "hook"\nurl = "http://127.0.0.1:9/hook"\ntimeout = 2\n'
    cfg = write_config(tmp_path, [{"name": "zoom", "url": "https://zoom.example/terms"}], extra)
    config = load_config(cfg)
    store = Store(config.storage_path)
    with store.transaction() as db:
        assert enqueue(db, list(config.alerts), change_event()) == 1
    store.close()
    with sqlite3.connect(config.storage_path) as conn:
        conn.execute("UPDATE deliveries SET status = 'failed'")
        [delivery] = [r[0] for r in conn.execute("SELECT id FROM deliveries")]
    cli = CLI(cfg)
    proc = cli.run("alerts", "retry", "legal-team")
    assert proc.returncode == 2 and "not a delivery id" in proc.stderr
    proc = cli.run("alerts", "retry", "99999")
    assert proc.returncode == 2 and "no delivery with id 99999" in proc.stderr
    proc = cli.run("alerts", "retry", str(delivery), "--no-send")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "requeued 1 delivery\n"


def test_add_refuses_a_non_http_url_before_writing_anything(tmp_path: Path) -> None:
    config = tmp_path / "sub" / "tosdiff.toml"
    proc = CLI(config).run("add", "ftp://example.org/terms", "--yes")
    assert proc.returncode == 2
    assert "not an http(s) URL" in proc.stderr and "No connection adapters" not in proc.stderr
    assert not config.exists()


def test_stderr_is_not_hard_wrapped(checked: CLI) -> None:
    proc = checked.run("history", "never", env={"COLUMNS": "40"})
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) > 40, proc.stderr
