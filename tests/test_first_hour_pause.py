"""Issue 15 item 10: `enabled = false` pauses a document (skipped by check and the daemon, shown as paused)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import CLI, write_config
from tests.terms_pages import terms_page
from tosdiff.config import load_config
from tosdiff.errors import ConfigError
from tosdiff.scheduler import next_run_times


def _serve(httpserver: HTTPServer) -> list[str]:
    """Record each path requested; every page is a terms page."""
    seen: list[str] = []

    def page(request: Request) -> Response:
        seen.append(request.path)
        return Response(terms_page(title=request.path), content_type="text/html")

    httpserver.expect_request(re.compile(r"/\w+")).respond_with_handler(page)
    return seen


def _config(tmp_path: Path, httpserver: HTTPServer) -> CLI:
    docs = [
        {"name": "active", "url": httpserver.url_for("/active")},
        {"name": "resting", "url": httpserver.url_for("/resting"), "enabled": False},
    ]
    return CLI(write_config(tmp_path, docs))


def test_a_paused_document_is_skipped_by_check_and_shown_as_paused(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    seen = _serve(httpserver)
    cli = _config(tmp_path, httpserver)
    proc = cli.run("check", "--json")
    assert proc.returncode == 0, proc.stderr
    assert [d["name"] for d in json.loads(proc.stdout)["documents"]] == ["active"]
    assert seen == ["/active"]  # never fetched

    listed = cli.run("list", env={"COLUMNS": "80"})
    assert listed.returncode == 0
    row = next(line for line in listed.stdout.splitlines() if "resting" in line)
    assert "paused" in row
    assert max(len(line) for line in listed.stdout.splitlines()) <= 80
    code, rows = cli.json("list")
    assert code == 0
    assert {r["name"]: r["enabled"] for r in rows} == {"active": True, "resting": False}

    code, status = cli.json("status")
    assert code == 0
    resting = next(r for r in status if r["name"] == "resting")
    assert resting["enabled"] is False and resting["next_run"] is None  # the daemon plans no run
    narrow = cli.run("status", env={"COLUMNS": "80"}).stdout
    assert "paused" in narrow and max(len(line) for line in narrow.splitlines()) <= 80
    table = cli.run("status", env={"COLUMNS": "120"}).stdout
    assert "paused (last: never checked)" in next(line for line in table.splitlines() if "resting" in line)


def test_check_of_a_paused_document_by_name_checks_it_and_says_so(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    seen = _serve(httpserver)
    cli = _config(tmp_path, httpserver)
    proc = cli.run("check", "resting")
    assert proc.returncode == 0, proc.stderr
    assert seen == ["/resting"]
    assert "resting is paused (enabled = false" in proc.stderr and "because it was named" in proc.stderr
    assert "new" in proc.stdout
    # Its history reads like any other's.
    assert cli.run("history", "resting").returncode == 0


def test_a_config_of_only_paused_documents_says_there_is_nothing_to_check(tmp_path: Path) -> None:
    cli = CLI(write_config(tmp_path, [{"name": "a", "url": "http://127.0.0.1:9/a", "enabled": False}]))
    proc = cli.run("check")
    assert proc.returncode == 0
    assert "nothing to check" in proc.stderr and "1 paused document" in proc.stderr


def test_enabled_must_be_a_boolean_and_the_daemon_schedules_no_paused_document(tmp_path: Path) -> None:
    path = write_config(tmp_path, [{"name": "a", "url": "https://example.org/a", "enabled": "no"}])
    with pytest.raises(ConfigError, match=r"documents\[0\]\.enabled: expected true or false"):
        load_config(path)
    path = write_config(
        tmp_path,
        [
            {"name": "a", "url": "https://example.org/a"},
            {"name": "b", "url": "https://example.org/b", "enabled": False},
        ],
    )
    config = load_config(path)
    assert [d.name for d in config.documents] == ["a"]  # what check and the scheduler iterate
    assert [d.name for d in config.paused] == ["b"] and config.document("b").name == "b"
    assert set(next_run_times(config)) == {"a"}
