"""Issue 15 items 4 and 6: `check --report`, the lock-wait message, Ctrl-C and the progress bar."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import ROOT, write_config
from tests.terms_pages import terms_page


def _serve(httpserver: HTTPServer, n: int, broken: int = 0, delay: float = 0.0) -> list[dict]:
    """n documents served locally; the last `broken` of them answer 404."""

    def page(request: Request) -> Response:
        time.sleep(delay)
        i = int(request.path.rsplit("/", 1)[1])
        if i >= n - broken:
            return Response("gone", status=404)
        return Response(terms_page(nonce=str(i), title=f"Terms {i}"), content_type="text/html")

    httpserver.expect_request(__import__("re").compile(r"/t/\d+")).respond_with_handler(page)
    return [{"name": f"doc{i}", "url": httpserver.url_for(f"/t/{i}")} for i in range(n)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("TOSDIFF_CONFIG", None)
    env["COLUMNS"] = "100"
    return env


def _run(config: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tosdiff", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=timeout,
    )


def test_check_report_rebuilds_the_report_when_a_document_fails(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    config = write_config(tmp_path, _serve(httpserver, 3, broken=1))
    out = tmp_path / "www"
    proc = _run(config, "check", "--report", str(out))
    assert proc.returncode == 1, proc.stderr  # the check's status: one document failed
    index = (out / "index.html").read_text()
    assert "doc0" in index and "doc1" in index
    assert "wrote " in proc.stdout and str(out / "index.html") in proc.stdout
    # --exit-code keeps its meaning with --report: nothing changed on a second run, exit stays the check's.
    ok = write_config(tmp_path, _serve(httpserver, 3, broken=0)[:2])
    proc = _run(ok, "check", "--exit-code", "--report", str(out))
    assert proc.returncode == 0, proc.stderr


def test_check_report_into_a_foreign_folder_says_so_and_exits_1(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    config = write_config(tmp_path, _serve(httpserver, 1))
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine")
    proc = _run(config, "check", "--report", str(foreign))
    assert proc.returncode == 1
    assert "report not rebuilt" in proc.stderr and (foreign / "keep.txt").read_text() == "mine"
    assert "Traceback" not in proc.stderr


def test_second_check_says_it_waits_for_the_lock(httpserver: HTTPServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, _serve(httpserver, 1))
    db = tmp_path / "db" / "tosdiff.db"
    db.parent.mkdir()
    lock = Path(str(db) + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"4242 2026-01-01T00:00:00+00:00\n")
        proc = _run(config, "check", "--lock-timeout", "1")
    finally:
        os.close(fd)
    assert proc.returncode == 1
    waiting = [line for line in proc.stderr.splitlines() if line.startswith("waiting for the lock")]
    assert len(waiting) == 1, proc.stderr
    assert "pid 4242 (started 2026-01-01T00:00:00+00:00)" in waiting[0]


def test_ctrl_c_says_what_was_recorded(httpserver: HTTPServer, tmp_path: Path) -> None:
    docs = _serve(httpserver, 12, delay=0.5)
    config = write_config(tmp_path, docs, extra="")
    text = config.read_text().replace("[fetch]\n", "[fetch]\nworkers = 1\n")
    config.write_text(text)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), "check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    [line] = [x for x in err.splitlines() if x.startswith("interrupted:")]
    done = int(line.split()[1])
    assert 0 < done < 12 and f"{12 - done} left unchecked" in line, line
    assert out.count("new") == done  # the summary shows exactly what was recorded


def _pty_run(config: Path, *args: str) -> tuple[int, str]:
    """Run the CLI with stdout and stderr on a pseudo-terminal; return its status and all it wrote."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tosdiff", "--config", str(config), *args],
        stdout=slave,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        env=_env() | {"TERM": "xterm"},
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode(errors="replace")


def test_progress_bar_on_a_terminal_never_when_piped(httpserver: HTTPServer, tmp_path: Path) -> None:
    config = write_config(tmp_path, _serve(httpserver, 6, broken=1, delay=0.2))
    code, seen = _pty_run(config, "check")
    assert code == 1
    assert "checking" in seen and "/6" in seen and "1 error" in seen, seen[-2000:]
    piped = _run(config, "check")
    assert "checking" not in piped.stderr and "/6" not in piped.stderr
    code, seen = _pty_run(config, "check", "--json")
    assert "checking" not in seen
