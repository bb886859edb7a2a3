"""Issue 15 item 10: `add` takes the title and service from the page (untrusted: cleaned, bounded)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import CLI, shared_data
from tosdiff.onboard import page_labels, propose_selector

BODY = (
    "<ol>"
    + "".join(f"<li>Clause {i}: you agree to these terms and conditions.</li>" for i in range(9))
    + "</ol>"
)


def _page(head: str, h1: str = "<h1>Terms of Service</h1>") -> str:
    return (
        f"<html><head>{head}</head><body><nav>Home</nav><main class='legal'>{h1}{BODY}</main></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "h1", "host", "want"),
    [
        # og:site_name names the service; the one <h1> is the title.
        (
            "<title>Terms | Acme</title><meta property='og:site_name' content='Acme Cloud'>",
            None,
            "acme.io",
            ("Terms of Service", "Acme Cloud"),
        ),
        # The title part that names the host, not the tagline after it.
        (
            "<title>Terms of Service | Cursor - The AI Code Editor</title>",
            "",
            "www.cursor.com",
            ("Terms of Service", "Cursor"),
        ),
        # On a host that says nothing: the brand after the last "|".
        (
            "<title>Terms of Service | Cursor - The AI Code Editor</title>",
            "",
            "127.0.0.1",
            ("Terms of Service", "Cursor"),
        ),
        # "Brand | Terms of Use" never makes "Terms of Use" the service.
        ("<title>Acme | Terms of Use</title>", "", "127.0.0.1", ("Acme", "")),
        # A page that names nothing leaves both out.
        ("", "", "127.0.0.1", ("", "")),
    ],
)
def test_page_labels(head: str, h1: str | None, host: str, want: tuple[str, str]) -> None:
    html = _page(head) if h1 is None else _page(head, h1)
    assert page_labels(html.encode(), "text/html", f"https://{host}/terms", "main.legal") == want


def test_hostile_labels_are_cleaned_and_bounded() -> None:
    long = "Terms " * 100
    head = (
        "<title>\u202eTerms\x1b[31m of\nService</title>"
        "<meta property='og:site_name' content='Evil\u2028Corp\u0007 [bold]x[/bold]'>"
    )
    title, service = page_labels(_page(head, "").encode(), "text/html", "https://e.example/t")
    assert title == "Terms of Service"
    assert service == "Evil Corp [bold]x[/bold]"  # markup is text; the terminal prints it literally
    title, _ = page_labels(_page("", f"<h1>{long}</h1>").encode(), "text/html", "https://e.example/t")
    assert len(title) <= 120 and title.endswith("…")


def test_add_writes_the_page_labels_and_flags_win(httpserver: HTTPServer, tmp_path: Path) -> None:
    head = (
        "<title>Terms of Service | Acme - Cloud for all</title><meta property='og:site_name' content='Acme'>"
    )
    httpserver.expect_request("/terms").respond_with_data(_page(head), content_type="text/html")
    cli = CLI(tmp_path / "tosdiff.toml")
    proc = cli.run("add", httpserver.url_for("/terms"), "--name", "acme", "--yes", env={"COLUMNS": "80"})
    assert proc.returncode == 0, proc.stderr
    assert "title: Terms of Service" in proc.stdout and "service: Acme" in proc.stdout
    doc = tomllib.loads(cli.config.read_text())["documents"][0]
    assert (doc["title"], doc["service"]) == ("Terms of Service", "Acme")
    proc = cli.run(
        "add", httpserver.url_for("/terms"), "--name", "acme2", "--title", "ToS", "--service", "ACME", "--yes"
    )
    assert proc.returncode == 0, proc.stderr
    doc = tomllib.loads(cli.config.read_text())["documents"][1]
    assert (doc["title"], doc["service"]) == ("ToS", "ACME")
    bad = cli.run("add", httpserver.url_for("/terms"), "--name", "x", "--title", "a\nb", "--yes")
    assert bad.returncode == 2 and "title" in bad.stderr


REAL = {  # replay folder -> (host, expected title, expected service)
    "bardeen-terms": ("www.bardeen.ai", "Terms of Service", "Bardeen"),
    "cursor-terms": ("www.cursor.com", "Terms of Service", "Cursor"),
    "midjourney-guidelines": ("docs.midjourney.com", "Community Guidelines", "Midjourney"),
    "scribe-trackers": ("scribehow.com", "Scribe Cookie Policy", "Scribe"),
    "speechify-terms": ("speechify.com", "Terms & Conditions", "Speechify"),
}


@pytest.mark.parametrize("folder", sorted(REAL))
def test_labels_of_real_pages(folder: str) -> None:
    body = (shared_data("replay", folder) / "000.html").read_bytes()
    host, title, service = REAL[folder]
    select = propose_selector(body, "text/html")
    assert page_labels(body, "text/html", f"https://{host}/legal", select) == (title, service)
