"""Link targets with a per-request session token in their path (";jsessionid=", ASP.NET's "/(S(...))/"): a page that mints a fresh one at every request is no change and records no
`links` version, while a link that really points elsewhere is still a `links` change."""

from __future__ import annotations

import uuid

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tosdiff.diff import LINKS_ONLY, NO_CHANGE, compare_texts
from tosdiff.visible import link_key

TEXT = (
    "# Terms\n\nRead our [privacy policy]({privacy}) and the [cookie notice]({cookies}).\n\n"
    "## 1. Use\n\nYou may use the service for personal purposes only, as these terms allow.\n"
)


def test_session_shapes_are_blanked_and_ids_are_kept() -> None:
    """Known per-request session shapes are blanked; ids and hashes that name a different file, slugs,
    dates, versions and hosts are compared."""
    assert link_key("https://x.com/terms;jsessionid=ABC123DEF456") == "https://x.com/terms"
    assert link_key("https://x.com/(S(k3j2h1g4f5d6s7a8))/privacy") == link_key(
        "https://x.com/(S(z9y8x7w6v5u4))/privacy"
    )
    assert link_key("https://x.com/(A(x1)S(k3j2h1g4))/legal.aspx") == link_key(
        "https://x.com/(A(y2)S(z9y8x7w6))/legal.aspx"
    )
    for kept in (
        "https://x.com/privacy-2024-05-01",
        "https://x.com/docs/v2/terms",
        "https://x.com/file;v=2/terms.pdf",
        "https://x.com/dl/9f8e7d6c5b4a3f2e1d0c/dpa.pdf",
        f"https://x.com/d/{uuid.UUID(int=7)}",
        "https://docs.google.com/document/d/1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ/edit",
        "https://d1a2b3c4d5e6f7.cloudfront.net/terms.pdf",
    ):
        assert link_key(kept) == kept


def test_a_fresh_token_is_no_change_and_a_new_place_is_a_links_change() -> None:
    """Only the token differs: no change. The link goes to another page: a `links` change."""
    a = TEXT.format(
        privacy="https://x.com/(S(k3j2h1g4f5d6s7a8))/privacy", cookies="https://x.com/c;jsessionid=A1"
    )
    b = TEXT.format(
        privacy="https://x.com/(S(z9y8x7w6v5u4t3s2))/privacy", cookies="https://x.com/c;jsessionid=B2"
    )
    assert compare_texts(a, b).kind == NO_CHANGE
    c = TEXT.format(
        privacy="https://x.com/(S(z9y8x7w6v5u4t3s2))/privacy-2025", cookies="https://x.com/c;jsessionid=C3"
    )
    assert compare_texts(a, c).kind == LINKS_ONLY


def test_checks_of_a_page_minting_tokens_record_one_version(httpserver: HTTPServer, make_cli) -> None:
    """Six checks of a page whose links carry a fresh session token each time: one version, all
    later checks unchanged, and the CLI says so."""

    def handle(request: Request) -> Response:
        token = uuid.uuid4().hex[:24]
        body = (
            "<html><body><main><h1>Terms</h1>"
            f"<p>Read our <a href='/privacy;jsessionid={token.upper()}'>privacy policy</a> and the "
            f"<a href='/(S({token}))/cookies'>cookie notice</a>.</p>"
            "<h2>1. Use</h2><p>You may use the service for personal purposes only, as these terms allow.</p>"
            f"<h2>2. Content</h2><p>You keep ownership of what you upload to the service.</p>"
            "</main></body></html>"
        )
        return Response(body, content_type="text/html; charset=utf-8")

    httpserver.expect_request("/terms").respond_with_handler(handle)
    cli = make_cli([{"name": "tokens", "url": httpserver.url_for("/terms"), "select": ["main"]}])
    statuses = []
    for _ in range(6):
        code, out = cli.json("check")
        assert code == 0, out
        statuses.append(out["documents"][0]["status"])
    assert statuses == ["new"] + ["unchanged"] * 5
    code, out = cli.json("history", "tokens")
    assert code == 0 and len(out) == 1, out  # one version
