"""Issue 15 item 10 (progress): on a terminal, `check` shows the document being fetched now, done/total, errors."""

from __future__ import annotations

import re
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import CLI, write_config
from tests.terminal import pty_run
from tests.terms_pages import terms_page


def _config(httpserver: HTTPServer, tmp_path: Path, n: int, workers: int) -> Path:
    def page(request: Request) -> Response:
        time.sleep(0.6)  # long enough for the bar (10 frames a second) to draw each one in flight
        i = int(request.path.rsplit("/", 1)[1])
        if i == n - 1:
            return Response("gone", status=404)
        return Response(terms_page(nonce=str(i)), content_type="text/html")

    httpserver.expect_request(re.compile(r"/t/\d+")).respond_with_handler(page)
    docs = [{"name": f"doc{i}", "url": httpserver.url_for(f"/t/{i}")} for i in range(n)]
    path = write_config(tmp_path, docs)
    path.write_text(path.read_text().replace("[fetch]\n", f"[fetch]\nworkers = {workers}\n"))
    return path


def _plain(run: tuple[int, str]) -> tuple[int, str]:
    """The terminal's output without its colour codes."""
    return run[0], re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", run[1])


def test_the_bar_names_the_document_in_flight(httpserver: HTTPServer, tmp_path: Path) -> None:
    config = _config(httpserver, tmp_path, 5, workers=1)
    code, seen = _plain(pty_run(config, "check"))
    assert code == 1  # the last document answers 404
    # One fetch at a time: each document is shown while it is fetched, before it is counted done.
    for i in range(5):
        assert re.search(rf"{i}/5 .*now: doc{i}\b", seen), seen[-1500:]
    assert "1 error" in seen and "(+" not in seen


def test_with_several_fetches_the_bar_counts_the_others(httpserver: HTTPServer, tmp_path: Path) -> None:
    config = _config(httpserver, tmp_path, 6, workers=3)
    code, seen = _plain(pty_run(config, "check"))
    assert code == 1
    # One host: two documents in flight at most (the runner's per-host cap), the oldest named first.
    assert re.search(r"now: doc\d \(\+1 more\)", seen), seen[-1500:]


def test_no_bar_when_piped_or_json(httpserver: HTTPServer, tmp_path: Path) -> None:
    config = _config(httpserver, tmp_path, 5, workers=1)
    piped = CLI(config).run("check")
    assert "now:" not in piped.stderr and "checking" not in piped.stderr
    code, seen = pty_run(config, "check", "--json")
    assert "now:" not in seen and "checking" not in seen
