"""End-to-end: the real CLI process against pages served by a real local HTTP server."""

from __future__ import annotations

import hashlib
import sqlite3

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

TERMS_V1 = """<html><head><title>Example Terms</title><script>var nonce="{nonce}";</script></head>
<body><nav><a href="/">Home</a> <a href="/pricing">Pricing</a></nav>
<main>
<h1>Example Terms of Service</h1>
<p>These terms govern your use of the Example service. By using the service you agree to them.</p>
<h2>1. Your Content</h2>
<p>You keep ownership of the content you upload. You grant Example a limited licence to host it
so that we can provide the service to you.</p>
<h2>2. Termination</h2>
<p>You may stop using the service at any time. We may suspend accounts that break these terms.</p>
<h2>3. Governing Law</h2>
<p>These terms are governed by the laws of the State of California.</p>
</main>
<footer>Copyright Example Inc. Build {nonce}</footer></body></html>"""


class Site:
    """A mutable page behind a real HTTP server, with ETag support like a real CDN."""

    def __init__(self, server: HTTPServer, path: str = "/terms") -> None:
        self.body = ""
        self.requests = 0
        self.not_modified = 0
        self.server = server
        server.expect_request(path).respond_with_handler(self.handle)
        self.url = server.url_for(path)

    def handle(self, request: Request) -> Response:
        self.requests += 1
        etag = '"' + hashlib.sha1(self.body.encode()).hexdigest() + '"'
        if request.headers.get("If-None-Match") == etag:
            self.not_modified += 1
            return Response(status=304, headers={"ETag": etag})
        return Response(self.body, content_type="text/html; charset=utf-8", headers={"ETag": etag})


def test_new_unchanged_changed_and_diff(httpserver: HTTPServer, make_cli) -> None:
    site = Site(httpserver)
    site.body = TERMS_V1.format(nonce="a1")
    cli = make_cli([{"name": "example", "url": site.url, "select": ["main"]}])

    code, out = cli.json("check")
    assert code == 0, out
    [doc] = out["documents"]
    assert doc["status"] == "new" and doc["version"] == 1 and doc["error"] is None

    # Same page again: the server answers 304 to our If-None-Match; no new version.
    code, out = cli.json("check")
    assert code == 0 and out["documents"][0]["status"] == "unchanged"
    assert site.not_modified == 1

    # New bytes (nonce) but the same terms: still unchanged, still one version.
    site.body = TERMS_V1.format(nonce="b2")
    code, out = cli.json("check")
    assert out["documents"][0]["status"] == "unchanged"
    code, hist = cli.json("history", "example")
    assert [h["version"] for h in hist] == [1]

    # Real change of the terms.
    site.body = TERMS_V1.format(nonce="c3").replace(
        "so that we can provide the service to you.",
        "so that we can provide the service to you and to train our machine learning models.",
    )
    code, out = cli.json("check", "--exit-code")
    assert code == 3
    doc = out["documents"][0]
    assert doc["status"] == "changed" and doc["version"] == 2 and doc["previous_version"] == 1

    diff = cli.run("diff", "example")
    assert diff.returncode == 0, diff.stderr
    assert "train our machine learning models" in diff.stdout
    assert "+" in diff.stdout  # a unified diff when piped

    code, hist = cli.json("history", "example")
    assert [h["version"] for h in hist] == [1, 2]
    assert all(len(h["hash"]) == 64 for h in hist)

    shown = cli.run("show", "example", "--version", "1")
    assert "limited licence to host it" in shown.stdout
    assert "machine learning" not in shown.stdout


def test_one_unreachable_document_does_not_stop_the_others(httpserver: HTTPServer, make_cli) -> None:
    site = Site(httpserver)
    site.body = TERMS_V1.format(nonce="x")
    cli = make_cli(
        [
            {"name": "down", "url": "http://127.0.0.1:9/terms", "timeout": 2},
            {"name": "up", "url": site.url, "select": ["main"]},
        ]
    )
    code, out = cli.json("check")
    assert code == 1
    by_name = {d["name"]: d for d in out["documents"]}
    assert by_name["down"]["status"] == "error" and "connection" in by_name["down"]["error"]
    assert by_name["up"]["status"] == "new"
    db = sqlite3.connect(cli.config.parent / "db" / "tosdiff.db")
    outcomes = dict(db.execute("SELECT document, outcome FROM checks"))
    assert outcomes == {"down": "error", "up": "new"}
    assert db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 1


def test_hostile_text_is_shown_literally(httpserver: HTTPServer, make_cli) -> None:
    hostile = (
        "<html><body><main><h1>Terms</h1><p>Clause [bold red]x[/] and \x1b[31mred\x1b[0m and "
        "&lt;script&gt;alert(1)&lt;/script&gt; stay text. These terms of service bind you and us "
        "and we may change them at any time with notice to you.</p><h2>1. Use of the service</h2><p>You must "
        "follow these terms and all applicable laws when you use the service, and you are responsible for "
        "your account.</p></main></body></html>"
    )
    site = Site(httpserver)
    site.body = hostile
    cli = make_cli([{"name": "hostile", "url": site.url, "select": ["main"]}])
    assert cli.json("check")[0] == 0
    site.body = hostile.replace("stay text.", "stay text, always.")
    assert cli.json("check")[0] == 0
    for args in (("show", "hostile"), ("diff", "hostile"), ("diff", "hostile", "--format", "rich")):
        proc = cli.run(*args, env={"TERM": "xterm-256color", "FORCE_COLOR": "1"} if "rich" in args else None)
        assert proc.returncode == 0, proc.stderr
        assert "[bold red]x[/]" in proc.stdout  # rich markup printed literally, not interpreted
        assert "\x1b[31mred" not in proc.stdout  # the page's own escape sequence never reaches the terminal
        assert "<script>alert(1)</script>" in proc.stdout or "&lt;script&gt;" in proc.stdout
