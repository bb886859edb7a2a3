"""Issue 15 item 10: `diff --format html` writes a whole page; `html-fragment` keeps the bare <div>."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import CLI, write_config
from tests.terms_pages import terms_page
from tosdiff.htmlview import report_css


def _two_versions(httpserver: HTTPServer, tmp_path: Path) -> CLI:
    # The page's text holds a tag as text (escaped in its HTML): it must stay text in ours.
    clause = ["", "New clause &lt;script&gt;alert(1)&lt;/script&gt; &amp; [bold]10.4[/bold]. "]
    httpserver.expect_request("/t").respond_with_handler(
        lambda _r: Response(terms_page(clause=clause[0]), content_type="text/html")
    )
    cli = CLI(write_config(tmp_path, [{"name": "acme", "url": httpserver.url_for("/t")}]))
    assert cli.run("check").returncode == 0
    clause[0] = clause[1]
    assert cli.run("check").returncode == 0
    return cli


def test_diff_format_html_is_a_whole_page(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _two_versions(httpserver, tmp_path)
    proc = cli.run("diff", "acme", "--format", "html")
    assert proc.returncode == 0, proc.stderr
    page = proc.stdout
    assert page.startswith("<!doctype html>\n<html") and page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>acme: v1 → v2</title>" in page
    css = report_css()
    assert f"<style>{css}</style>" in page  # the report's own stylesheet, inline
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in page and "default-src 'none'" in page
    # The page's text is escaped: no tag from the page survives, the words are there.
    assert "<script" not in page
    assert "<br>\nNew clause &lt;script&gt;alert(1)&lt;/script&gt; &amp; [bold]10.4[/bold].</ins>" in page
    assert re.search(r'<div class="tosdiff-diff">\n<section class="tosdiff-change tosdiff-\w+"', page)


def test_html_fragment_is_the_bare_div(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _two_versions(httpserver, tmp_path)
    proc = cli.run("diff", "acme", "--format", "html-fragment")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('<div class="tosdiff-diff">') and proc.stdout.rstrip().endswith("</div>")
    assert "<html" not in proc.stdout and "<style" not in proc.stdout


def test_html_page_of_an_unchanged_section_says_so(httpserver: HTTPServer, tmp_path: Path) -> None:
    cli = _two_versions(httpserver, tmp_path)
    proc = cli.run("diff", "acme", "--format", "html", "--section", "1")
    assert proc.returncode == 0, proc.stderr
    assert "No section changed." in proc.stdout and "<title>acme: v1 → v2, section 1</title>" in proc.stdout
