"""Issue 15 item 4: the README's cron recipes, run as written (paths moved to a temp folder), offline."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import ROOT, write_config
from tests.terms_pages import terms_page

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _cron_lines() -> list[str]:
    """The shell part of every cron line of the README that runs `check`."""
    blocks = re.findall(r"```cron\n(.*?)```", README, re.S)
    lines = [line for block in blocks for line in block.splitlines() if " check" in line]
    # Five schedule fields, then the command.
    return [re.split(r"\s+", line.strip(), maxsplit=5)[5] for line in lines]


def test_readme_cron_recipes_rebuild_the_report_when_a_document_fails(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/ok").respond_with_handler(
        lambda _: Response(terms_page(), content_type="text/html")
    )
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    write_config(
        tmp_path,
        [
            {"name": "ok", "url": httpserver.url_for("/ok")},
            {"name": "gone", "url": httpserver.url_for("/gone")},
        ],
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "tosdiff"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m tosdiff "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT))
    env.pop("TOSDIFF_CONFIG", None)
    recipes = _cron_lines()
    assert len(recipes) >= 2, recipes
    for i, recipe in enumerate(recipes):
        www = tmp_path / f"www{i}"
        command = (
            re.sub(r"cd \S+", f"cd {tmp_path}", recipe)
            .replace(".venv/bin/tosdiff", "tosdiff")
            .replace("/var/www/tos", str(www))
        )
        proc = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env, timeout=120)
        # One document fails (404), yet the report is rebuilt with the one that worked.
        assert (www / "index.html").exists(), (recipe, proc.stdout, proc.stderr)
        assert "ok" in (www / "index.html").read_text()
        if "rc=$?" in recipe:
            assert "tosdiff check failed with status 1" in proc.stdout, (recipe, proc.stdout)
