"""PDF terms end to end: served as application/pdf, fetched, extracted, split into sections, diffed."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Response

from tosdiff.extract import extract
from tosdiff.fetch import fetch
from tosdiff.models import Document
from tosdiff.sections import parse_sections

# Per page, blocks of (font size, lines): a heading is larger; a paragraph may wrap over lines.
PAGES = [
    [
        (18, ["Example Cloud Terms of Service"]),
        (13, ["1. Definitions"]),
        (10, ["In these terms, Customer Content means any data that you upload to the service."]),
        (10, ["Service means the hosted software that Example provides to you."]),
        (13, ["2. Use of the Service"]),
        (10, ["You may use the service only in line with these terms and the law."]),
    ],
    [
        (13, ["3. Customer Content"]),
        (
            10,
            [
                "You keep ownership of Customer Content. You grant Example a licence to host it",
                "only so that Example can provide the service to you.",
            ],
        ),
        (13, ["4. Termination"]),
        (10, ["Either party may end this agreement at any time with thirty days notice."]),
    ],
    [
        (13, ["5. Governing Law"]),
        (10, ["These terms are governed by the laws of the State of New York."]),
    ],
]


def make_pdf(pages: list[list[tuple[int, list[str]]]]) -> bytes:
    """A minimal valid PDF in Helvetica: one page per list, blocks of (font size, wrapped lines)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # the Pages object comes after every page
    kids = []
    for lines in pages:
        ops = [b"BT"]
        y = 760
        for size, wrapped in lines:
            for text in wrapped:
                safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
                ops.append(b"/F1 %d Tf 1 0 0 1 56 %d Tm (%s) Tj" % (size, y, safe))
                y -= round(size * 1.25)  # the usual leading between wrapped lines
            y -= 14  # space between blocks
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    assert (
        add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
        == pages_id
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def test_pdf_is_fetched_and_split_into_sections(httpserver: HTTPServer) -> None:
    pdf = make_pdf(PAGES)
    httpserver.expect_request("/terms.pdf").respond_with_data(pdf, content_type="application/pdf")
    result = fetch(Document(name="p", url=httpserver.url_for("/terms.pdf"), timeout=5, deadline=10))
    assert result.body == pdf and result.content_type == "application/pdf"
    text = extract(result.body, result.content_type, url=result.url)
    ids = [s.id for s in parse_sections(text)]
    for number in ("1", "2", "3", "4", "5"):
        assert number in ids, (number, ids, text)
    by_id = {s.id: s for s in parse_sections(text)}
    # A clause that runs over two PDF lines is one paragraph of section 3.
    assert "licence to host it only so that Example" in by_id["3"].text
    assert "New York" in by_id["5"].text


def test_pdf_change_end_to_end_names_the_changed_clause(httpserver: HTTPServer, make_cli) -> None:
    state = {"pdf": make_pdf(PAGES)}
    httpserver.expect_request("/terms.pdf").respond_with_handler(
        lambda request: Response(state["pdf"], content_type="application/pdf")
    )
    cli = make_cli([{"name": "cloud", "url": httpserver.url_for("/terms.pdf")}])
    code, out = cli.json("check")
    assert code == 0 and out["documents"][0]["status"] == "new", out

    changed = [list(p) for p in PAGES]
    changed[1][1] = (
        10,
        [
            "You keep ownership of Customer Content. You grant Example a licence to host it",
            "so that Example can provide the service and train its AI models.",
        ],
    )
    state["pdf"] = make_pdf(changed)
    code, out = cli.json("check")
    doc = out["documents"][0]
    assert doc["status"] == "changed", doc
    assert [c["id"] for c in doc["changed_sections"]] == ["3"]
    code, out = cli.json("check")
    assert out["documents"][0]["status"] == "unchanged"
