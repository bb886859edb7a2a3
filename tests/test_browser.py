"""render = "browser": a page that builds its terms with JavaScript reads the same as its static twin.

Skipped cleanly when Playwright or Chromium is absent.
"""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tosdiff.browser import browser_unavailable, fetch_rendered
from tosdiff.extract import extract
from tosdiff.fetch import fetch
from tosdiff.models import Document

pytestmark = pytest.mark.skipif(browser_unavailable() is not None, reason=str(browser_unavailable()))

SECTIONS = [
    ("1. Acceptance", "By using the Widget service you agree to these terms and to our privacy notice."),
    (
        "2. Your Content",
        "You own what you upload. You grant Widget a worldwide licence to host, copy and display it, "
        "and to use it to improve and train our machine learning models.",
    ),
    ("3. Termination", "Either party may end this agreement at any time with thirty days' written notice."),
    ("4. Governing Law", "These terms are governed by the laws of Ireland & the courts of Dublin."),
]


def static_page() -> str:
    parts = "".join(f"<h2>{h}</h2><p>{p.replace('&', '&amp;')}</p>" for h, p in SECTIONS)
    return (
        "<!doctype html><html><head><title>Widget Terms</title></head><body>"
        f"<main><h1>Widget Terms of Service</h1>{parts}</main></body></html>"
    )


# The terms arrive as JSON from the same host and are built into the DOM by a script; a third-party
# script on a host that cannot be reached must not hang the page (the browser blocks it).
JS_PAGE = """<!doctype html><html><head><title>Widget Terms</title>
<script src="http://tracker.invalid/analytics.js"></script></head>
<body><main id="app"><noscript>Please enable JavaScript to view the terms.</noscript></main>
<script>
fetch("/api/terms.json").then(r => r.json()).then(data => {
  const main = document.getElementById("app");
  main.innerHTML = "";
  const h1 = document.createElement("h1"); h1.textContent = data.title; main.appendChild(h1);
  for (const [heading, text] of data.sections) {
    const h2 = document.createElement("h2"); h2.textContent = heading; main.appendChild(h2);
    const p = document.createElement("p"); p.textContent = text; main.appendChild(p);
  }
});
</script></body></html>"""


def serve(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/static").respond_with_data(static_page(), content_type="text/html")
    httpserver.expect_request("/js").respond_with_data(JS_PAGE, content_type="text/html")
    httpserver.expect_request("/api/terms.json").respond_with_data(
        json.dumps({"title": "Widget Terms of Service", "sections": SECTIONS}),
        content_type="application/json",
    )


def test_js_page_renders_to_the_same_text_as_its_static_twin(httpserver: HTTPServer) -> None:
    serve(httpserver)
    static = fetch(Document(name="s", url=httpserver.url_for("/static"), timeout=5, deadline=10))
    rendered = fetch_rendered(Document(name="j", url=httpserver.url_for("/js"), timeout=10, deadline=30))
    assert rendered.content_type == "text/html; charset=utf-8"
    want = extract(static.body, static.content_type, url=static.url, select=("main",))
    got = extract(rendered.body, rendered.content_type, url=rendered.url, select=("main",))
    assert got == want
    assert "train our machine learning models" in got
    # Without the browser the same page holds no terms at all.
    plain = fetch(Document(name="p", url=httpserver.url_for("/js"), timeout=5, deadline=10))
    assert b"machine learning" not in plain.body


def test_browser_fallback_when_the_plain_fetch_is_walled(httpserver: HTTPServer, make_cli) -> None:
    serve(httpserver)
    wall = (
        "<html><head><title>Just a moment...</title></head><body>Checking your browser before "
        "accessing the site.</body></html>"
    )

    def walled(request: Request) -> Response:
        # A bot wall that lets real browsers through and stops tosdiff's honest User-Agent.
        if "tosdiff" in request.headers.get("User-Agent", ""):
            return Response(wall, status=403, content_type="text/html")
        return Response(static_page(), content_type="text/html")

    httpserver.expect_request("/walled").respond_with_handler(walled)
    url = httpserver.url_for("/walled")
    cli = make_cli(
        [
            {"name": "walled", "url": url, "select": ["main"]},
            {"name": "fallback", "url": url, "select": ["main"], "browser_fallback": True, "timeout": 10},
            # render = "browser" itself: the JavaScript-built twin of the same terms.
            {"name": "rendered", "url": httpserver.url_for("/js"), "select": ["main"], "render": "browser"},
        ]
    )
    code, out = cli.json("check")
    got = {d["name"]: d for d in out["documents"]}
    assert got["walled"]["status"] == "error" and got["walled"]["error_class"] == "blocked"
    assert got["fallback"]["status"] == "new", got["fallback"]
    assert got["rendered"]["status"] == "new", got["rendered"]
    assert code == 1
    show = cli.run("show", "rendered")
    assert "train our machine learning models" in show.stdout
    assert cli.run("show", "fallback").stdout == show.stdout
