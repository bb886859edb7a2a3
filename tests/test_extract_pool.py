"""The extraction process pool: errors keep their class, a crash costs only its page, workers die with us."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from terms_pages import CT, terms_page

from tosdiff.errors import BAD_CONTENT, BLOCKED, ExtractError
from tosdiff.extract import extract
from tosdiff.runner import ExtractPool


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


def test_extraction_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    # The guard matters: spawned workers import the parent's main module again.
    script.write_text(
        "import time\n"
        "from tosdiff.runner import ExtractPool\n"
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
