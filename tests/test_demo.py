"""`tosdiff demo`: runs offline, through the real pipeline, and shows the 10.4 change and its flags."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tosdiff.demo import DEMO_NAME, DemoServer, demo_pages, run_checks
from tosdiff.store import Store

ROOT = Path(__file__).resolve().parents[1]


def test_demo_command_shows_section_diff_and_ai_training_flag(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="120")
    env.pop("TOSDIFF_CONFIG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "tosdiff", "demo", "--keep", str(tmp_path / "keep")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # no tosdiff.toml here: the demo needs no config
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "10.4 Licence to Acme — modified" in out
    assert "10.5 Service Generated Data — added" in out
    assert "ai-training" in out and "content-licence" in out
    assert "Notwithstanding the above" in out
    # The kept database holds the three versions the demo recorded.
    store = Store(tmp_path / "keep" / "snapshots" / "tosdiff.db")
    try:
        assert [v["kind"] for v in store.versions(DEMO_NAME)] == ["new", "changed", "changed"]
    finally:
        store.close()


def test_demo_checks_flag_the_licence_then_the_carve_out(tmp_path: Path) -> None:
    run = run_checks(tmp_path)
    assert [r.status for r in run.results] == ["new", "changed", "changed"]
    v2, v3 = run.results[1], run.results[2]
    kinds = {c.id: c.kind for c in v2.changes}
    assert kinds["10.4"] == "modified" and kinds["10.5"] == "added"
    ai = [f for f in v2.flags if f.category == "ai-training" and f.section == "10.4"]
    assert ai and ai[0].severity == "high" and ai[0].change == "introduced"
    assert any(f.category == "content-licence" and "perpetual" in f.excerpt for f in v2.flags)
    # v3 only adds the consent carve-out: a protective ai-training flag, nothing permissive.
    assert {c.id for c in v3.changes} >= {"10.4"}
    assert [f.polarity for f in v3.flags if f.category == "ai-training"] == ["protective"]


def test_demo_server_serves_the_published_version() -> None:
    import requests

    pages = demo_pages()
    assert len(pages) == 3 and len(set(pages)) == 3
    with DemoServer(pages) as server:
        assert requests.get(server.url, timeout=5).content == pages[0]
        server.publish(2)
        assert requests.get(server.url, timeout=5).content == pages[2]
        assert requests.get(server.url.replace("/terms", "/other"), timeout=5).status_code == 404


def test_demo_into_a_pipe_closed_early_exits_zero(tmp_path: Path) -> None:
    """`tosdiff demo | head -2`: the reader leaving early is not a failure (rich's default is exit 1)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("TOSDIFF_CONFIG", None)
    proc = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m tosdiff demo | head -2 >/dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.stdout.strip() == "0", proc.stderr
    assert "Traceback" not in proc.stderr
