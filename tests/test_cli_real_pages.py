"""The real terms pages, end to end through the CLI: v1 new, v2 changed, v3 (noise only) unchanged.

Runs on the whole pages in ../shared/data/pages ("shared") and on their trimmed copies in tests/fixtures.
"""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import SOURCES, data_file

PAGES = {"cursor-terms": ".page", "bardeen-terms": ".content-container"}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("with_selector", [True, False], ids=["select", "no-select"])
def test_real_pages_new_changed_unchanged(
    httpserver: HTTPServer, make_cli, with_selector: bool, source: str
) -> None:
    folder = data_file(source, "pages")
    current: dict[str, bytes] = {}

    def handler(request: Request) -> Response:
        name = request.path.strip("/")
        return Response(current[name], content_type="text/html; charset=utf-8")

    docs = []
    for name, select in PAGES.items():
        httpserver.expect_request(f"/{name}").respond_with_handler(handler)
        doc = {"name": name, "url": httpserver.url_for(f"/{name}")}
        if with_selector:
            doc["select"] = [select]
        docs.append(doc)
    cli = make_cli(docs)

    expected = {"v1.html": "new", "v2-changed.html": "changed", "v3-noise-only.html": "unchanged"}
    # Cursor's v2 changes where one link points (docs.cursor.com became cursor.com/docs), no word.
    links_only = {("v2-changed.html", "cursor-terms"): "links"}
    for step, status in expected.items():
        for name in PAGES:
            current[name] = (folder / name / step).read_bytes()
        code, out = cli.json("check")
        assert code == 0, out
        got = {d["name"]: d["status"] for d in out["documents"]}
        assert got == {n: links_only.get((step, n), status) for n in PAGES}, f"{step}: {got}"
    for name in PAGES:
        code, hist = cli.json("history", name)
        assert [h["version"] for h in hist] == [1, 2]
