"""Issue 15 item 10: the README's own examples of remove, add's labels and `diff --format html`, run offline."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import ROOT, write_config
from tests.terms_pages import terms_page

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _examples(command: str) -> list[str]:
    """Every README command line (in ```sh blocks) that runs `tosdiff COMMAND`, without its comment."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    lines = [line.strip().removeprefix("$ ") for block in blocks for line in block.splitlines()]
    return [line.split("  #", 1)[0].strip() for line in lines if line.startswith(f"tosdiff {command} ")]


def _shell(tmp_path: Path, line: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run a README line in bash from the config's folder, `tosdiff` being this tree's CLI."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "tosdiff"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m tosdiff "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT))
    env.pop("TOSDIFF_CONFIG", None)
    return subprocess.run(
        ["bash", "-c", line], capture_output=True, text=True, env=env, cwd=tmp_path, input=stdin, timeout=120
    )


def _zoom(httpserver: HTTPServer, tmp_path: Path) -> None:
    clause = [""]
    httpserver.expect_request("/zoom").respond_with_handler(
        lambda _r: Response(terms_page(clause=clause[0]), content_type="text/html")
    )
    write_config(tmp_path, [{"name": "zoom-terms", "url": httpserver.url_for("/zoom")}])
    assert _shell(tmp_path, "tosdiff check").returncode == 0
    clause[0] = "10.4 We may train models on your content. "
    assert _shell(tmp_path, "tosdiff check").returncode == 0


def test_readme_remove_examples(httpserver: HTTPServer, tmp_path: Path) -> None:
    _zoom(httpserver, tmp_path)
    asks, purge = _examples("remove")
    assert asks == "tosdiff remove zoom-terms" and purge == "tosdiff remove zoom-terms --purge --yes"
    answered_no = _shell(tmp_path, asks, stdin="n\n")
    assert answered_no.returncode == 0 and "Remove zoom-terms from tosdiff.toml? [y/N]" in answered_no.stdout
    assert "zoom-terms" in (tmp_path / "tosdiff.toml").read_text()
    proc = _shell(tmp_path, purge)
    assert proc.returncode == 0, proc.stderr
    assert "deleted the history of zoom-terms: 2 versions, 2 checks" in proc.stderr
    assert "documents" not in tomllib.loads((tmp_path / "tosdiff.toml").read_text())
    assert _shell(tmp_path, "tosdiff history zoom-terms").returncode == 2


def test_readme_diff_html_example(httpserver: HTTPServer, tmp_path: Path) -> None:
    _zoom(httpserver, tmp_path)
    [line] = [x for x in _examples("diff") if "--format html" in x]
    assert line == "tosdiff diff zoom-terms --format html > change.html"
    assert _shell(tmp_path, line).returncode == 0
    page = (tmp_path / "change.html").read_text()
    assert page.startswith("<!doctype html>") and '<meta charset="utf-8">' in page and "<style>" in page
    assert "<ins>We may train models on your content." in page and "10.4" in page


def test_readme_add_example_with_labels(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/legal/terms").respond_with_data(terms_page(), content_type="text/html")
    [line] = [x for x in _examples("add") if "--title" in x]
    local = line.replace("https://example.com", httpserver.url_for("").rstrip("/")) + " --yes"
    proc = _shell(tmp_path, local)
    assert proc.returncode == 0, proc.stderr
    [doc] = tomllib.loads((tmp_path / "tosdiff.toml").read_text())["documents"]
    assert (doc["title"], doc["service"]) == ("Terms of Service", "Example")
