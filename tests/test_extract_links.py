"""Link targets in the normalised text: where a link points, never how this request reached it (issue 18)."""

from __future__ import annotations

import itertools
import random

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tosdiff.extract import extract, extract_if_changed
from tosdiff.extract.links import cf_decode, clean_url

HTML = "text/html; charset=utf-8"
URL = "https://example.com/legal/terms"
CLAUSES = (
    "<h2>1. Your Content</h2><p>You keep ownership of the content you upload. You grant us a limited licence "
    "to host it so that we can provide the Service to you. These Terms govern your use of the Service.</p>"
    "<h2>2. Liability</h2><p>To the extent permitted by law we shall not be liable for indirect losses, and "
    "you agree to the arbitration clause below, which you shall read before using the Service.</p>"
)
SELECTS = pytest.mark.parametrize("select", [(), ("main",)], ids=["no-select", "select"])


def page(body: str, head: str = "") -> bytes:
    """A page with navigation and a footer around the terms (so both selector modes have work to do)."""
    return (
        f"<!DOCTYPE html><html><head><title>Terms</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/pricing'>Pricing</a></nav>"
        f"<main><h1>Terms of Service</h1>{body}{CLAUSES}</main>"
        "<footer>Copyright Example Inc.</footer></body></html>"
    ).encode()


def cf_encode(text: str, key: int) -> str:
    """Cloudflare's obfuscation: the key byte, then every UTF-8 byte of the text XORed with it."""
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in text.encode())


def cf_page(key: int, key2: int) -> bytes:
    """Both forms Cloudflare writes: a protected link with a __cf_email__ span inside, and a bare span."""
    link = cf_encode("legal@example.com", key)
    span = cf_encode("legal@example.com", key2)
    bare = cf_encode("privacy@example.com", key2)
    return page(
        f"<p>Write to <a href='/cdn-cgi/l/email-protection#{link}'><span class='__cf_email__' "
        f"data-cfemail='{span}'>[email&#160;protected]</span></a> with questions, or to "
        f"<span class='__cf_email__' data-cfemail='{bare}'>[email&#160;protected]</span> about your data.</p>"
    )


def test_cf_decode_reads_the_public_scheme() -> None:
    for key in (0x00, 0x42, 0xFF):
        assert cf_decode(cf_encode("hello+x@example.com", key)) == "hello+x@example.com"
    assert cf_decode("zz") is None and cf_decode("") is None and cf_decode("ab") is None
    assert cf_decode(cf_encode("no spaces allowed", 7)) is None  # not an address: left alone


@SELECTS
def test_cloudflare_protected_addresses_decoded_whatever_the_key(select: tuple[str, ...]) -> None:
    rng = random.Random(18)
    texts = {
        extract(cf_page(rng.randrange(256), rng.randrange(256)), HTML, url=URL, select=select)
        for _ in range(8)
    }
    assert len(texts) == 1, "a new XOR key per response must not change the text"
    [text] = texts
    assert "Write to [legal@example.com](mailto:legal@example.com) with questions" in text
    assert "or to privacy@example.com about your data." in text
    assert "cdn-cgi" not in text and "protected]" not in text


def test_cloudflare_new_key_keeps_the_fast_path() -> None:
    """The selection hash is taken after decoding, so a re-keyed page is recognised without rendering."""
    text, digest = extract_if_changed(cf_page(1, 2), HTML, url=URL, select=("main",))
    assert text is not None and digest is not None
    again, same = extract_if_changed(cf_page(200, 99), HTML, url=URL, select=("main",), previous=digest)
    assert again is None and same == digest


def test_cloudflare_link_form_without_hash_and_undecodable_hex() -> None:
    email = cf_encode("dpo@example.com", 0x5A)
    out = extract(
        page(
            f"<p>Contact <a href='/cdn-cgi/l/email-protection' class='__cf_email__' data-cfemail='{email}'>"
            "[email&#160;protected]</a> or <a href='/cdn-cgi/l/email-protection#zz12'>our team</a>.</p>"
        ),
        HTML,
        url=URL,
    )
    assert "Contact [dpo@example.com](mailto:dpo@example.com) or our team." in out


@SELECTS
def test_query_fragment_and_trailing_slash_never_reach_the_text(select: tuple[str, ...]) -> None:
    variants = [
        ("?src=direct%2Fnone&veh=abc123", "#for-legal-disclosure", "", "?hl=en&sessionid=S957281949:1787"),
        ("?src=funnel_browser", "#sharing-of-personal-data", "/", "?hl=fr&sessionid=S1:2"),
        ("", "", "/", "?utm_source=mail"),
    ]
    texts = []
    for query, fragment, slash, other in variants:
        body = (
            f"<p>Read the <a href='/privacy{query}{fragment}'>Privacy Policy</a>, the "
            f"<a href='https://help.example.com/articles/42{slash}'>help article</a> and the "
            f"<a href='https://Other.EXAMPLE.org:443/policies{other}'>partner policies</a>.</p>"
        )
        texts.append(extract(page(body), HTML, url=URL, select=select))
    assert texts[0] == texts[1] == texts[2]
    assert (
        "Read the [Privacy Policy](https://example.com/privacy), the [help article]"
        "(https://help.example.com/articles/42) and the [partner policies](https://other.example.org/policies)."
    ) in texts[0]


def test_relative_links_resolve_against_the_page_url_and_base() -> None:
    body = "<p>See <a href='annex'>the annex</a> and <a href='../cookies/'>cookies</a>.</p>"
    # The address the page was served from, with a session parameter from a redirect: no difference.
    a = extract(page(body), HTML, url="https://example.com/legal/terms?sessionid=1")
    b = extract(page(body), HTML, url="https://example.com/legal/terms?sessionid=2#top")
    assert a == b
    assert "See [the annex](https://example.com/legal/annex) and [cookies](https://example.com/cookies)." in a
    # A <base href> is what the page's links are relative to, as in a browser.
    c = extract(
        page(body, head="<base href='https://docs.example.net/v2/'>"), HTML, url="http://127.0.0.1:8080/t"
    )
    assert "[the annex](https://docs.example.net/v2/annex)" in c
    assert "[cookies](https://docs.example.net/cookies)" in c


def test_clean_url_details() -> None:
    assert clean_url("mailto:Legal@Example.COM?subject=Hi%20there&body=x") == "mailto:Legal@example.com"
    assert clean_url("tel:+1 (555) 010-0199") == "tel:+15550100199"
    assert clean_url("#section-3", URL) is None
    assert clean_url("/legal/terms/#section-3", URL) is None  # this very page
    assert clean_url("/legal/terms?lang=fr", URL) is None
    assert clean_url("javascript:void(0)", URL) is None
    assert clean_url("/a%7eb/%7Ec/", URL) == "https://example.com/a~b/~c"
    assert clean_url("https://x.test/a;jsessionid=ABC?id=7") == "https://x.test/a"
    assert clean_url("http://[::1]:8080/x/") == "http://[::1]:8080/x"
    assert clean_url("/privacy/?utm_source=x#top") == "/privacy"  # no page URL: the path alone


@pytest.fixture
def cf_site(httpserver: HTTPServer):
    """A Cloudflare-fronted terms page: a fresh XOR key and a fresh nonce in every response."""
    keys = itertools.count(17, 37)

    def handle(request: Request) -> Response:
        key = next(keys) % 256
        body = cf_page(key, (key * 7 + 3) % 256).replace(b"</head>", b"<script>n='%d'</script></head>" % key)
        return Response(body, content_type=HTML)

    httpserver.expect_request("/terms").respond_with_handler(handle)
    return httpserver.url_for("/terms")


@pytest.mark.parametrize("select", [[], ["main"]], ids=["no-select", "select"])
def test_cli_checks_of_a_rekeyed_cloudflare_page_stay_unchanged(
    cf_site: str, make_cli, select: list[str]
) -> None:
    cli = make_cli([{"name": "cf", "url": cf_site, "select": select}])
    code, out = cli.json("check")
    assert code == 0 and out["documents"][0]["status"] == "new", out
    for _ in range(3):
        code, out = cli.json("check", "--exit-code")
        assert code == 0 and out["documents"][0]["status"] == "unchanged", out
    code, hist = cli.json("history", "cf")
    assert [h["version"] for h in hist] == [1]
    shown = cli.run("show", "cf")
    assert shown.returncode == 0, shown.stderr
    assert "legal@example.com" in shown.stdout and "cdn-cgi" not in shown.stdout
