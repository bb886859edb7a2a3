"""A change of selectors (or extractor) is a technical version, never a change of the terms."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Response

PAGE = """<html><body><main><h1>Example Terms</h1>
<div class="promo">Try Example Pro free for 30 days - upgrade today and save on every plan.</div>
<h2>1. Using Example</h2><p>By using Example you agree to these terms. You must be at least 16 and you are
responsible for your account and for everything done with it.</p>
<h2>2. Your Content</h2><p>You keep your rights. You grant Example a limited licence to host your content
only to provide the service to you.</p></main></body></html>"""


def test_new_selectors_record_a_technical_version_not_a_change(httpserver: HTTPServer, make_cli) -> None:
    httpserver.expect_request("/t").respond_with_handler(lambda r: Response(PAGE, content_type="text/html"))  # noqa: ARG005
    doc = {"name": "ex", "url": httpserver.url_for("/t"), "select": ["main"]}
    cli = make_cli([doc])
    assert cli.json("check")[1]["documents"][0]["status"] == "new"

    # The user drops the promo banner from the selection: the terms did not change.
    cli = make_cli([{**doc, "remove": [".promo"]}])
    code, out = cli.json("check", "--exit-code")
    assert code == 0 and out["documents"][0]["status"] == "unchanged"
    code, hist = cli.json("history", "ex")
    assert [(h["version"], h["kind"], h["technical"]) for h in hist] == [
        (1, "new", False),
        (2, "technical", True),
    ]
    assert "upgrade today" not in cli.run("show", "ex").stdout

    # Next run: nothing is re-derived again, nothing recorded.
    code, out = cli.json("check")
    assert out["documents"][0]["status"] == "unchanged"
    assert len(cli.json("history", "ex")[1]) == 2
