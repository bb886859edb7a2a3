"""The document's language in alerts and the report, and incremental report builds.

End to end: the real CLI checks a French terms page (tests/fixtures/lang/) twice on a local server;
the change is posted to a real webhook receiver on 127.0.0.1 and `tosdiff report` builds the site.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import FIXTURES
from tosdiff.demo import demo_pages

PAGES = FIXTURES / "lang"


def page(name: str, nonce: str) -> str:
    """A fixture page with its per-request noise filled in."""
    return (PAGES / name).read_text(encoding="utf-8").replace("{nonce}", nonce)


class Site:
    """One page behind a real HTTP server, whose body the test swaps."""

    def __init__(self, server: HTTPServer, path: str, body: str) -> None:
        self.body = body
        server.expect_request(path).respond_with_handler(self.handle)
        self.url = server.url_for(path)

    def handle(self, request: Request) -> Response:
        return Response(self.body, content_type="text/html; charset=utf-8")


class Hook:
    """A webhook receiver on 127.0.0.1 keeping the JSON bodies it was sent."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                size = int(self.headers.get("Content-Length") or 0)
                hook.bodies.append(json.loads(self.rfile.read(size)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hook():
    h = Hook()
    yield h
    h.close()


def test_french_change_alert_and_report_show_fr(
    httpserver: HTTPServer, make_cli, hook: Hook, tmp_path: Path
) -> None:
    cgu = Site(httpserver, "/cgu", page("conditions-v1.html", "a1"))
    eng = Site(httpserver, "/terms", demo_pages()[0].decode("utf-8"))
    extra = f'\n[[alerts]]\nkind = "webhook"\nname = "ops"\nurl = "{hook.url}"\ntimeout = 5\n'
    cli = make_cli(
        [
            {"name": "nuage-cgu", "url": cgu.url, "select": ["main"]},
            {"name": "plain-en", "url": eng.url, "select": ["main"]},
        ],
        extra,
    )
    first = cli.run("check")
    assert first.returncode == 0, first.stdout + first.stderr
    cgu.body = page("conditions-v2.html", "a2")
    proc = cli.run("check")
    assert proc.returncode == 0, proc.stderr

    (event,) = [b for b in hook.bodies if b.get("kind") == "change"]
    assert event["document"]["name"] == "nuage-cgu"
    assert event["language"] == "fr"

    out = tmp_path / "site"
    proc = cli.run("report", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    doc_page = (out / "nuage-cgu" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Language</dt><dd>" in doc_page and "French (fr)" in doc_page
    index = (out / "index.html").read_text(encoding="utf-8")
    row = next(r for r in index.split("<tr>") if "nuage-cgu/index.html" in r)
    assert '<td class="lang"><span class="lang" lang="fr">fr</span></td>' in row
    english_row = next(r for r in index.split("<tr>") if "plain-en/index.html" in r)
    assert 'lang="fr"' not in english_row

    # A second build with nothing new keeps both documents' pages; a third check with a change
    # rebuilds only the changed document's pages (its timeline page gains the new version).
    stamp = (out / "plain-en" / "index.html").stat().st_mtime_ns
    again = cli.run("report", "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert (out / "plain-en" / "index.html").stat().st_mtime_ns == stamp
    cgu.body = page("conditions-v1.html", "a3")
    assert cli.run("check").returncode == 0
    assert cli.run("report", "--out", str(out)).returncode == 0
    assert (out / "plain-en" / "index.html").stat().st_mtime_ns == stamp
    assert 'id="v3"' in (out / "nuage-cgu" / "index.html").read_text(encoding="utf-8")
    assert (out / "nuage-cgu" / "v3.html").is_file()


def test_message_formats_carry_the_language() -> None:
    from tosdiff.alerts.message import render_html, render_text, sample_event, subject
    from tosdiff.alerts.webhook import slack_payload

    ev = dict(sample_event(), language="fr")
    assert subject([ev]).startswith("[tosdiff] Example Terms [fr]: 10.4 modified")
    assert "Language: French (fr)" in render_text([ev])
    assert "<p>Language: French (fr)</p>" in render_html([ev])
    assert "[fr]" in json.dumps(slack_payload([ev]))
    english = sample_event()
    assert english["language"] == "en" and "[en]" not in subject([english])
    assert "Language: English (en)" in render_text([english])
    hostile = dict(sample_event(), language="<b>\x1b[31m")
    assert "<b>" not in render_html([hostile]) and "\x1b" not in render_text([hostile])


@pytest.fixture
def store_with_docs(tmp_path: Path):
    from tosdiff.store import Store

    store = Store(tmp_path / "db" / "tosdiff.db")
    with store.transaction():
        for name, text in (
            ("alpha", "## 1. Use\n\nYou may use it.\n"),
            ("beta", "## 1. Usage\n\nVous pouvez l'utiliser dans le cadre des présentes conditions.\n"),
        ):
            store.upsert_document(name, f"https://example.com/{name}")
            store.add_version(
                name, text, snapshot_id=None, extractor_version="t", fingerprint="f", kind="new"
            )
    yield store
    store.close()


def test_manifest_missing_corrupt_or_from_another_build_means_a_full_build(
    store_with_docs, tmp_path: Path
) -> None:
    from tosdiff.report import MANIFEST, build_report

    out = tmp_path / "site"
    first = build_report(store_with_docs, out)
    assert first.reused == 0 and (out / MANIFEST).is_file()
    assert build_report(store_with_docs, out).reused == 2
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    assert build_report(store_with_docs, out).reused == 0
    data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    data["build"] = "an older tosdiff"
    (out / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    assert build_report(store_with_docs, out).reused == 0
    (out / MANIFEST).unlink()
    assert build_report(store_with_docs, out).reused == 0
    # A document folder deleted by hand is rebuilt even though the manifest lists it.
    import shutil

    shutil.rmtree(out / "beta")
    again = build_report(store_with_docs, out)
    assert again.reused == 1 and (out / "beta" / "index.html").is_file()
    # Other flag rules rebuild everything; the same rules, given again, keep every page.
    from tosdiff.flags.rules import RuleSet

    fewer = RuleSet(disabled=frozenset({"ai-training", "data-sharing"}))
    assert build_report(store_with_docs, out, rules=fewer).reused == 0
    assert (
        build_report(
            store_with_docs, out, rules=RuleSet(disabled=frozenset({"data-sharing", "ai-training"}))
        ).reused
        == 2
    )
    # The config's language override is part of a document's key.
    changed = build_report(store_with_docs, out, rules=fewer, languages={"alpha": "de"})
    assert changed.reused == 1 and "German (de)" in (out / "alpha" / "index.html").read_text(encoding="utf-8")


def test_manifest_symlink_is_never_written_through(store_with_docs, tmp_path: Path) -> None:
    from tosdiff.errors import TosdiffError
    from tosdiff.report import MANIFEST, build_report

    out = tmp_path / "site"
    build_report(store_with_docs, out)
    target = tmp_path / "precious.txt"
    target.write_text("keep", encoding="utf-8")
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(target)
    with pytest.raises(TosdiffError):
        build_report(store_with_docs, out)
    assert target.read_text(encoding="utf-8") == "keep"
