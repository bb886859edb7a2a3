"""Multi-page documents: `sources = [{url, select, remove}, ...]` fetched in order, one text, one history."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import CLI
from pytest_httpserver import HTTPServer

from tosdiff.config import parse_config
from tosdiff.errors import ConfigError
from tosdiff.models import FetchResult
from tosdiff.pages import BUNDLE_TYPE, bundle, unbundle

PAGE_ONE = """<html><head><title>Rules</title></head><body>
<nav>Home | Help</nav>
<article><h1>Community Guidelines</h1>
<p>1. Be kind. Treat every member of the community with respect, even when you disagree with them.</p>
<p>2. No spam. Do not post advertising or repeated messages in any of the community spaces.</p>
<p>3. No harassment. Do not threaten, stalk or intimidate anyone, here or elsewhere, for any reason.</p>
</article><footer>© Example</footer></body></html>"""
PAGE_TWO = """<html><head><title>Rules, part 2</title></head><body>
<div class="rules"><h2>Enforcement</h2>
<p>4. Moderators may remove content that breaks these rules and suspend accounts that repeat it.</p>
<p>5. You may appeal a decision within thirty days by writing to the moderation team with the details.</p>
<p>6. Repeated or serious breaches may be reported to the authorities where the law requires it.</p>
<p class="share">Share this page</p>
</div></body></html>"""


def two_page_config(folder: Path, server: HTTPServer, extra: str = "") -> Path:
    """A config with one document made of two pages, the second inheriting the document's selectors."""
    path = folder / "tosdiff.toml"
    path.write_text(
        f"""[storage]
path = "db/tosdiff.db"

[fetch]
host_delay = 0
retries = 0
timeout = 5

[[documents]]
name = "example-community-guidelines"
select = [".rules"]
remove = [".share"]
sources = [
  {{ url = "{server.url_for("/rules/one")}", select = ["article"] }},
  {{ url = "{server.url_for("/rules/two")}" }},
]
{extra}""",
        encoding="utf-8",
    )
    return path


def serve(server: HTTPServer, one: str = PAGE_ONE, two: str = PAGE_TWO, status_two: int = 200) -> None:
    server.clear()
    server.expect_request("/rules/one").respond_with_data(one, content_type="text/html; charset=utf-8")
    server.expect_request("/rules/two").respond_with_data(
        two, status=status_two, content_type="text/html; charset=utf-8"
    )


def stored_versions(folder: Path) -> int:
    conn = sqlite3.connect(folder / "db" / "tosdiff.db")
    try:
        return conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
    finally:
        conn.close()


def test_two_pages_are_one_document_with_one_history(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve(httpserver)
    cli = CLI(two_page_config(tmp_path, httpserver))
    proc = cli.run("check", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["status"] == "new"
    text = cli.run("show", "example-community-guidelines").stdout
    # Page one read with its own selector, page two with the document's; joined in order.
    assert text.index("Be kind") < text.index("No spam") < text.index("Moderators may remove")
    assert "Home | Help" not in text and "Share this page" not in text and "© Example" not in text
    assert "\n\n## Enforcement\n\n" in text
    # The second page changes: a new version of the one document.
    serve(httpserver, two=PAGE_TWO.replace("suspend accounts", "permanently ban accounts"))
    proc = cli.run("check", "--json")
    assert json.loads(proc.stdout)["documents"][0]["status"] == "changed", proc.stdout
    code, data = cli.json("diff", "example-community-guidelines")
    assert code == 0 and len(data["changes"]) == 1 and "ban" in json.dumps(data["changes"])
    # Both pages were asked for, in order (the log starts at the last serve()).
    assert [req.path for req, _ in httpserver.log] == ["/rules/one", "/rules/two"]
    # reextract reads each page back from the stored bundle with its own selectors: same text.
    proc = cli.run("reextract", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["status"] == "unchanged", proc.stdout


def test_one_failing_page_fails_the_check_and_records_nothing(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve(httpserver)
    cli = CLI(two_page_config(tmp_path, httpserver))
    assert cli.run("check").returncode == 0
    serve(httpserver, one=PAGE_ONE.replace("Be kind", "Be nice"), status_two=404)
    proc = cli.run("check", "--json")
    assert proc.returncode == 1
    result = json.loads(proc.stdout)["documents"][0]
    assert (
        result["status"] == "error" and "page 2 of 2" in result["error"] and "/rules/two" in result["error"]
    )
    assert stored_versions(tmp_path) == 1  # page one changed, but nothing half-recorded
    # A page that holds no terms (a stub) fails it the same way.
    serve(httpserver, two="<html><body><div class='rules'>Loading…</div></body></html>")
    proc = cli.run("check", "--json")
    assert json.loads(proc.stdout)["documents"][0]["status"] == "error" and stored_versions(tmp_path) == 1


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('name = "x"\nsources = []', "documents[0].sources: expected a non-empty list"),
        ('name = "x"\nsources = [{ url = "ftp://a/b" }]', "documents[0].sources[0].url: 'ftp://a/b' is not"),
        ('name = "x"\nsources = [{ select = ["main"] }]', "documents[0].sources[0].url: required key"),
        (
            'name = "x"\nsources = [{ url = "https://a/b", selector = "x" }]',
            "documents[0].sources[0].selector",
        ),
        (
            'name = "x"\nsources = [{ url = "https://a/b", select = ["a[["] }]',
            "documents[0].sources[0].select[0]",
        ),
        ('name = "x"\nurl = "https://a/b"\nsources = [{ url = "https://a/c" }]', "either url or sources"),
        ('name = "x"', "documents[0].url: required key is missing (or give sources"),
        ('name = "x"\nsources = "https://a/b"', "documents[0].sources: expected a non-empty list"),
    ],
)
def test_sources_are_validated_with_their_key_path(tmp_path: Path, document: str, message: str) -> None:
    import tomllib

    with pytest.raises(ConfigError) as raised:
        parse_config(tomllib.loads("[[documents]]\n" + document), tmp_path / "t.toml")
    assert message in str(raised.value)


def test_sources_inherit_the_documents_selectors(tmp_path: Path) -> None:
    import tomllib

    config = parse_config(
        tomllib.loads(
            '[[documents]]\nname = "x"\nselect = ["main"]\nremove = [".ad"]\n'
            'sources = [{ url = "https://a.example/1", remove = [] }, { url = "https://a.example/2" }]'
        ),
        tmp_path / "t.toml",
    )
    doc = config.documents[0]
    assert doc.url == "https://a.example/1"
    assert [(s.select, s.remove) for s in doc.sources] == [(("main",), ()), (("main",), (".ad",))]


def test_bundle_round_trip_and_damage() -> None:
    pages = [
        FetchResult("https://a.example/1", 200, b"<p>one\n\x00two</p>", "text/html"),
        FetchResult("https://a.example/2", 200, b"%PDF-1.4 binary\n\n", "application/pdf"),
    ]
    body = bundle(pages)
    back = unbundle(body)
    assert [(h["url"], h["content_type"], b) for h, b in back] == [
        (p.url, p.content_type, p.body) for p in pages
    ]
    assert BUNDLE_TYPE.startswith("application/")
    from tosdiff.errors import ExtractError

    for damaged in (body[:-5], b"<html>not a bundle", re.sub(rb'"size":\d+', b'"size":999', body, count=1)):
        with pytest.raises(ExtractError):
            unbundle(damaged)
