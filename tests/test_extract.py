"""Unit tests of tosdiff.extract on small fixtures written for these tests."""

from __future__ import annotations

import zlib

import pytest

from tests.conftest import FIXTURES, data_file, shared_data
from tosdiff.errors import BAD_CONTENT, BLOCKED, ExtractError
from tosdiff.extract import EXTRACTOR_VERSION, decode, extract, looks_blocked

EXTRACT = FIXTURES / "extract"  # small pages for the decoding and blocked-page checks
HTML = "text/html; charset=utf-8"
# Enough legal text that pages pass the "almost no text" guard; the tests look at the other parts.
FILLER = (
    "<p>These Terms govern your use of the Service. By using the Service you agree to these Terms, "
    "including the limitation of liability and the arbitration clause below, which you shall read. "
    "We may change these Terms; if you keep using the Service after a change, you accept the new Terms.</p>"
)


def page(body: str, head: str = "<title>Terms</title>") -> bytes:
    """A whole HTML document around `body`, with filler legal text after it."""
    return f"<!DOCTYPE html><html><head>{head}</head><body><main>{body}{FILLER}</main></body></html>".encode()


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_contract_shape() -> None:
    out = extract(page("<h2>1.  Intro</h2><p>Hello\n   world  </p><p>Second</p>"), HTML)
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert "\n\n\n" not in out
    assert all(ln == ln.rstrip() for ln in lines(out))
    assert out.startswith("## 1. Intro\n\nHello world\n\nSecond\n\n")
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_hidden_and_non_text_elements_dropped() -> None:
    body = (
        "<p>Visible clause.</p>"
        "<p hidden>Hidden attr</p><p aria-hidden='true'>Aria hidden</p>"
        "<div style='color:red; display: none'>Display none</div><span style='visibility:hidden'>Invisible</span>"
        "<script>var x = 'script text';</script><style>p{}</style><template><p>Template</p></template>"
        "<noscript>Enable JS</noscript><svg><text>SVG text</text></svg><iframe>frame</iframe>"
        "<form><input value='input value'><button>Click</button><select><option>Opt</option></select></form>"
    )
    out = extract(page(body), HTML)
    assert "Visible clause." in out
    for gone in ("Hidden attr", "Aria hidden", "Display none", "Invisible", "script text", "p{}", "Template"):
        assert gone not in out
    for gone in ("Enable JS", "SVG text", "frame", "input value", "Click", "Opt"):
        assert gone not in out


def test_ordered_list_numbering_start_value_reversed_nested() -> None:
    body = (
        "<ol start='4'><li>Four</li><li>Five<ul><li>Sub a</li><li>Sub b<ol><li>Deep</li></ol></li></ul></li>"
        "<li value='10'>Ten</li><li>Eleven</li></ol>"
        "<ol reversed><li>Three</li><li>Two</li><li>One</li></ol>"
        "<ol type='a'><li>Alpha</li><li>Beta</li></ol>"
    )
    out = extract(page(body), HTML)
    assert "4. Four\n5. Five\n  - Sub a\n  - Sub b\n    1. Deep\n10. Ten\n11. Eleven\n\n" in out
    assert "3. Three\n2. Two\n1. One\n\n" in out
    assert "a. Alpha\nb. Beta\n\n" in out


def test_table_rows() -> None:
    body = "<table><thead><tr><th>Plan</th><th>Fee</th></tr></thead><tbody><tr><td>Pro</td><td><b>$20</b> / month</td></tr><tr><td>a|b</td><td></td></tr></tbody></table>"
    out = extract(page(body), HTML)
    assert "| Plan | Fee |\n| Pro | $20 / month |\n| a\\|b | |\n\n" in out


def test_links_absolute_query_and_fragment_dropped_noise_dropped() -> None:
    body = (
        "<p>See our <a href='/privacy?utm_source=x&amp;utm_medium=y&amp;lang=en&amp;gclid=1&amp;fbclid=2'>Privacy Policy</a>, "
        "<a href='javascript:void(0)'>cookie settings</a>, <a href='#top'>top</a>, "
        "<a href='data:text/html,hi'>data</a>, <a href='https://x.test/a;jsessionid=ABC?ref=nav&amp;id=7'>the annex</a> "
        "and <a href='mailto:legal@example.com'>legal@example.com</a>.</p>"
    )
    out = extract(page(body), HTML, url="https://example.com/legal/terms")
    assert (
        "See our [Privacy Policy](https://example.com/privacy), cookie settings, top, data, "
        "[the annex](https://x.test/a) and [legal@example.com](mailto:legal@example.com)." in out
    )


def test_br_inside_paragraph_is_a_space_double_br_a_break() -> None:
    out = extract(page("<p>Line one<br>line two<br/><br/>New paragraph</p>"), HTML)
    assert "Line one line two\n\nNew paragraph\n\n" in out


def test_markup_noise_does_not_change_text() -> None:
    a = page("<div class='a1' id='x'><h2>5. Licence</h2><p>You grant us a <b>licence</b>.</p></div>")
    b = (
        b"<!DOCTYPE html>\n<html lang='en'><head><title>Terms</title><script nonce='abc'>build=123</script></head>"
        b"<body data-build='f00d'>\n <main><div><div id='y' class='zz'>\n<h2 class='t'>5.\n Licence</h2>"
        b"<!-- rendered 12:00 --><p  data-x='1'>You  grant us a <strong>licence</strong>.</p></div></div>"
        + FILLER.encode()
        + b"</main></body></html>"
    )
    assert extract(a, HTML) == extract(b, HTML)
    assert extract(a, HTML, select=["main"]) == extract(b, HTML, select=["main"])


def test_volatile_lines_dropped() -> None:
    out = extract(
        page(
            "<p>Page generated at 2025-06-01 12:00:03</p><p>Last visited: today 10:03</p><p>Last updated: June 13, 2025</p>"
        ),
        HTML,
    )
    assert "generated" not in out and "visited" not in out
    assert "Last updated: June 13, 2025" in out


def test_encoding_cp1252_without_header() -> None:
    body = (EXTRACT / "cp1252-noheader.html").read_bytes()
    for ct in ("text/html", ""):
        out = extract(body, ct)
        assert "These \u201cTerms\u201d govern your use of Caf\u00e9 Cr\u00e8me\u2019s services." in out
        assert "\u20ac10 per month \u2013 payable" in out


def test_encoding_utf8_with_wrong_latin1_header() -> None:
    body = page("<p>Anysphere\u2019s \u201cService\u201d costs \u20ac5 \u2014 caf\u00e9.</p>")
    out = extract(body, "text/html; charset=iso-8859-1")
    assert "Anysphere\u2019s \u201cService\u201d costs \u20ac5 \u2014 caf\u00e9." in out
    assert "\u00e2\u20ac" not in out


def test_encoding_bom_and_meta() -> None:
    text = "<html><body><p>Clause \u00e9\u00e8 \u2019</p></body></html>"
    assert "Clause \u00e9\u00e8 \u2019" in decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "text/html")
    assert "Clause \u00e9\u00e8 \u2019" in decode(b"\xff\xfe" + text.encode("utf-16-le"), "")
    meta = "<html><head><meta charset='windows-1252'></head><body><p>Clause \u00e9\u00e8 \u2019</p></body></html>"
    assert "Clause \u00e9\u00e8 \u2019" in decode(meta.encode("cp1252"), "text/html")


def test_unicode_cleanup_nfc_nbsp_zero_width_controls() -> None:
    body = page(
        "<p>Cafe\u0301\u00a0terms\u200b here\u2060. \x1b[31mred\x1b[0m [bold]x[/] &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    out = extract(body, HTML)
    assert "Caf\u00e9 terms here. [31mred[0m [bold]x[/] <script>alert(1)</script>" in out
    assert "\x1b" not in out and "\u200b" not in out


def test_challenge_page_is_blocked() -> None:
    body = (EXTRACT / "challenge-cloudflare.html").read_bytes()
    for select in ((), (".page",)):
        with pytest.raises(ExtractError) as exc:
            extract(body, HTML, select=select)
        assert exc.value.error_class == BLOCKED
    assert looks_blocked("Just a moment...", "Checking your browser")


def test_login_page_is_blocked() -> None:
    with pytest.raises(ExtractError) as exc:
        extract((EXTRACT / "login.html").read_bytes(), HTML)
    assert exc.value.error_class == BLOCKED
    assert "login" in str(exc.value)


def test_terms_mentioning_cookies_and_javascript_are_not_blocked() -> None:
    clause = "<p>10.{n} Cookies. Please enable JavaScript and cookies to continue using some features; access denied to abusers. You agree that we shall not be liable.</p>"
    body = page("".join(clause.format(n=n) for n in range(30)))
    out = extract(body, HTML)
    assert "10.29 Cookies." in out


def test_empty_page_is_bad_content() -> None:
    for body in (b"", b"<html><body><p>Hi</p></body></html>", b"   "):
        with pytest.raises(ExtractError) as exc:
            extract(body, HTML)
        assert exc.value.error_class == BAD_CONTENT


def test_selector_matching_nothing_and_invalid_selector() -> None:
    with pytest.raises(ExtractError, match=r"selector '\.page' matched nothing") as exc:
        extract(page("<p>x</p>"), HTML, select=[".page"])
    assert exc.value.error_class == BAD_CONTENT
    with pytest.raises(ExtractError, match=r"invalid CSS selector 'div\[\['"):
        extract(page("<p>x</p>"), HTML, select=["div[["])


def test_select_multiple_in_document_order_and_remove() -> None:
    body = page(
        "<div class='b'><p>First block clause that is long enough.</p></div><aside>skip</aside>"
        "<div class='a'><p>Second block clause.</p><p class='ad'>Advert</p></div>"
    )
    # The selected blocks alone are too short to pass as terms, so pad the selection with the filler.
    body2 = body.replace(b"</main>", b"</main><div class='a'>" + FILLER.encode() + b"</div>")
    out = extract(body2, HTML, select=[".a", ".b"], remove=[".ad"])
    assert out.index("First block") < out.index("Second block")
    assert "Advert" not in out and "skip" not in out


def test_ignore_patterns() -> None:
    out = extract(page("<p>Version 123 build</p><p>Keep me</p>"), HTML, ignore=[r"^Version \d+"])
    assert "Version" not in out and "Keep me\n\n" in out
    with pytest.raises(ExtractError, match=r"invalid ignore pattern '\('"):
        extract(page("<p>x</p>"), HTML, ignore=["("])


def test_no_selector_skips_navigation_footer_and_cookie_banner() -> None:
    clauses = "".join(
        f"<h3>{n}. Clause {n}</h3><p>You agree that the provider shall not be liable under clause {n} of these terms.</p>"
        for n in range(1, 12)
    )
    body = (
        "<!doctype html><html><head><title>Terms</title></head><body>"
        "<header><a href='/'>Home</a><a href='/pricing'>Pricing</a><p>Big marketing headline of the day</p></header>"
        "<nav><ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li></ul></nav>"
        "<div id='cookie-banner'><p>We use cookies. Accept all?</p></div>"
        f"<div class='wrap'><div class='content'><h1>Terms of Service</h1>{clauses}</div>"
        "<div class='related'><a href='/x'>Related article one</a> <a href='/y'>Related two</a></div></div>"
        "<footer><p>&copy; 2025 Example. All rights reserved.</p></footer></body></html>"
    ).encode()
    out = extract(body, HTML)
    assert out.startswith("# Terms of Service\n\n### 1. Clause 1\n\n")
    for gone in ("Home", "marketing", "cookies", "Related", "All rights reserved"):
        assert gone not in out


def test_deep_nesting_is_read_or_refused_never_crashes() -> None:
    clause = "<p>" + "You agree to these terms and conditions. " * 10 + "</p>"
    # Deeper than libxml2's default limit of 256: read with the larger limit.
    out = extract(page("<div>" * 400 + clause + "</div>" * 400 + "<p>After the nest.</p>"), HTML)
    assert "You agree to these terms" in out and "After the nest." in out
    # Deeper than any limit: refused as bad content rather than stored truncated.
    with pytest.raises(ExtractError) as exc:
        extract(page("<div>" * 5000 + clause + "</div>" * 5000), HTML)
    assert exc.value.error_class == BAD_CONTENT and "deep" in str(exc.value)


def test_plain_text_and_markdown() -> None:
    txt = (
        "Terms of Use\r\n\r\n\r\n1.  First   clause\twith tabs.  \n\n\n  - item one\n\n"
        + "More text here. " * 20
    )
    out = extract(txt.encode(), "text/plain; charset=utf-8")
    assert out.startswith("Terms of Use\n\n1. First clause with tabs.\n\n- item one\n\nMore text here.")
    md = "Terms\n=====\n\nIntro para.\n## 2. Licence\nYou grant us a licence.\n\n" + "Body text here. " * 20
    out = extract(md.encode(), "text/markdown")
    assert out.startswith("# Terms\n\nIntro para.\n\n## 2. Licence\n\nYou grant us a licence.\n\n")


def _tiny_pdf(page_lines: list[list[tuple[int, int, int, str]]]) -> bytes:
    """A minimal valid PDF: one Helvetica text stream per page, lines given as (x, y, size, text)."""
    objects: list[bytes] = []
    n_pages = len(page_lines)
    page_ids = [3 + 2 * i for i in range(n_pages)]
    font_id = 3 + 2 * n_pages
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, plines in enumerate(page_lines):
        ops = []
        for x, y, size, text in plines:
            esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 {size} Tf {x} {y} Td ({esc}) Tj ET")
        stream = zlib.compress("\n".join(ops).encode("latin-1"))
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_ids[i] + 1} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_sections_headings_and_running_headers() -> None:
    pages = []
    for p in range(1, 4):
        pages.append(
            [
                (72, 760, 9, "ACME Terms of Service - Confidential"),
                (72, 700, 18, f"Part {p} Heading"),
                (72, 660, 10, f"{p}.1 Licence. You grant ACME a licence to host your content"),
                (72, 646, 10, "for the purpose of operating the Service."),
                (72, 620, 10, f"{p}.2 Liability. ACME shall not be liable for indirect damages."),
                (300, 40, 9, f"Page {p} of 3"),
            ]
        )
    out = extract(_tiny_pdf(pages), "application/pdf")
    assert "# Part 1 Heading" in out
    assert (
        "1.1 Licence. You grant ACME a licence to host your content for the purpose of operating the Service."
        in out
    )
    assert "\n\n3.2 Liability. ACME shall not be liable for indirect damages.\n" in out
    assert "Confidential" not in out and "Page 2 of 3" not in out


def test_broken_pdf_is_bad_content() -> None:
    with pytest.raises(ExtractError) as exc:
        extract(b"%PDF-1.4\nnot really a pdf", "application/pdf")
    assert exc.value.error_class == BAD_CONTENT


def _trees_alike(body: bytes, content_type: str) -> None:
    """Parsing the UTF-8 bytes themselves gives the tree that parsing the decoded text gives."""
    import lxml.etree

    from tosdiff.extract import html as html_mod
    from tosdiff.extract.decode import decode_exact

    text, exact = decode_exact(body, content_type)
    assert exact
    from_text = lxml.etree.tostring(html_mod.parse(text), encoding="unicode")
    from_bytes = lxml.etree.tostring(html_mod.parse(text, body), encoding="unicode")
    assert from_bytes == from_text


@pytest.mark.parametrize(
    "body, content_type",
    [
        # The <meta> says Latin-1 but the bytes are valid UTF-8 (decode prefers UTF-8): the meta must
        # not make libxml2 read the bytes as Latin-1.
        (
            '<html><head><meta charset="iso-8859-1"><title>Conditions d’utilisation</title></head>'
            "<body><p>Résiliation — « données » 10.4</p></body></html>".encode(),
            "text/html",
        ),
        (
            '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>Zoë’s terms</p></body></html>'.encode(),
            "",
        ),
        (b"<html><body><p>plain ascii</p></body></html>", "text/html; charset=utf-8"),
    ],
)
def test_utf8_bytes_parse_like_the_decoded_text(body: bytes, content_type: str) -> None:
    _trees_alike(body, content_type)


def test_utf8_bytes_parse_like_the_decoded_text_on_real_pages() -> None:
    pages = sorted(shared_data("replay").glob("*/*.html")) + sorted(shared_data("pages").glob("*/*.html"))
    checked = 0
    for page in pages[::5]:
        _trees_alike(page.read_bytes(), "text/html; charset=utf-8")
        checked += 1
    assert checked > 10


def test_utf8_bytes_parse_like_the_decoded_text_on_trimmed_real_pages() -> None:
    pages = sorted(data_file("trimmed", "pages").glob("*/*.html"))
    assert len(pages) == 6
    for page in pages:
        _trees_alike(page.read_bytes(), "text/html; charset=utf-8")
