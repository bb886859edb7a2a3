"""End-to-end in French: the real CLI checks a French terms page (tests/fixtures/lang/) twice on a local
server, with a change between; `list` and `sections` show the language; the config can override it."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import FIXTURES

PAGES = FIXTURES / "lang"


def page(name: str, nonce: str) -> str:
    """A fixture page with its per-request noise (a build id) filled in."""
    return (PAGES / name).read_text(encoding="utf-8").replace("{nonce}", nonce)


class Site:
    """One page behind a real HTTP server, whose body the test swaps."""

    def __init__(self, server: HTTPServer, path: str) -> None:
        self.body = ""
        server.expect_request(path).respond_with_handler(self.handle)
        self.url = server.url_for(path)

    def handle(self, request: Request) -> Response:
        return Response(self.body, content_type="text/html; charset=utf-8")


def test_french_terms_checked_twice_with_a_change(httpserver: HTTPServer, make_cli) -> None:
    cgu = Site(httpserver, "/cgu")
    other = Site(httpserver, "/agb")
    cgu.body = page("conditions-v1.html", "a1")
    # The same French page, declared German in the config: the override wins over detection.
    other.body = page("conditions-v1.html", "b1")
    cli = make_cli(
        [
            {"name": "nuage-cgu", "url": cgu.url, "select": ["main"]},
            {"name": "nuage-agb", "url": other.url, "select": ["main"], "language": "de"},
        ]
    )
    code, listed = cli.json("list")
    assert code == 0
    assert [(d["name"], d["language"]) for d in listed] == [("nuage-cgu", None), ("nuage-agb", "de")]

    code, out = cli.json("check")
    assert code == 0, out
    assert [d["status"] for d in out["documents"]] == ["new", "new"]

    code, listed = cli.json("list")
    assert {d["name"]: d["language"] for d in listed} == {"nuage-cgu": "fr", "nuage-agb": "de"}
    table = cli.run("list")
    assert table.returncode == 0 and "lang" in table.stdout
    assert [line for line in table.stdout.splitlines() if "nuage-cgu" in line and " fr " in line]

    code, sections = cli.json("sections", "nuage-cgu")
    assert code == 0
    by_id = {s["id"]: s for s in sections}
    assert list(by_id)[:4] == ["preamble", "chapter-1", "article-1", "article-2"]
    assert (
        by_id["article-4"]["parent"] == "chapter-2"
        and by_id["article-4"]["title"] == "Licence sur les Contenus"
    )
    assert {s["language"] for s in sections} == {"fr"}
    tree = cli.run("sections", "nuage-cgu")
    assert "language fr" in tree.stdout and "article-8" in tree.stdout

    # Second check: a new article 5 (training on the users' photos), the articles after it renumbered,
    # the licence widened; only the build id changed on the other page.
    cgu.body = page("conditions-v2.html", "a2")
    other.body = page("conditions-v1.html", "b2")
    code, out = cli.json("check")
    assert code == 0, out
    first, second = out["documents"]
    assert first["status"] == "changed" and first["version"] == 2
    assert second["status"] == "unchanged"
    kinds = {(c["kind"], c["old_id"], c["new_id"]) for c in first["changed_sections"]}
    assert ("added", None, "article-5") in kinds
    assert ("modified", "article-4", "article-4") in kinds
    assert {("renumbered", f"article-{n}", f"article-{n + 1}") for n in range(5, 9)} <= kinds

    code, diff = cli.json("diff", "nuage-cgu", "--section", "article-9")
    assert code == 0
    [change] = diff["changes"]
    assert change["kind"] == "renumbered" and change["old_id"] == "article-8"


def test_a_bad_language_in_the_config_is_a_usage_error(tmp_path: Path, make_cli) -> None:
    cli = make_cli([{"name": "cgu", "url": "https://example.com/cgu", "language": "fra"}])
    proc = cli.run("list")
    assert proc.returncode == 2
    assert "documents[0].language" in proc.stderr and "'fra'" in proc.stderr
