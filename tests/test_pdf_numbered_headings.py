"""PDF clauses whose numbered headings are set in the body's font size (tosdiff.extract.pdf + sections)."""

from __future__ import annotations

import pytest
from test_pdf_fetch import make_pdf

from tosdiff.extract import extract
from tosdiff.sections import parse_sections

CLAUSES = [
    ("1. Definitions", ["In these terms, Customer Content means any data that you upload to the service."]),
    ("2. Use of the Service", ["You may use the service only in line with these terms and the law."]),
    (
        "3. Customer Content",
        [
            "You keep ownership of Customer Content. You grant Example a licence to host it only",
            "so that Example can provide the service to you, and for no other purpose at all.",
        ],
    ),
    ("4. Termination", ["Either party may end this agreement at any time with thirty days notice."]),
    ("5. Governing Law", ["These terms are governed by the laws of the State of New York."]),
]


def _pdf(title_size: int, same_box: bool, glued: bool = False) -> bytes:
    """Every heading at the body's size 10; `same_box`: no gap between a heading and its paragraph."""
    blocks: list[tuple[int, list[str]]] = [(title_size, ["Example Cloud Terms of Service"])]
    for heading, para in CLAUSES:
        if glued:
            heading = heading.replace(". ", ".", 1)  # "1.Definitions": the space lost in the PDF
        blocks += [(10, [heading, *para])] if same_box else [(10, [heading]), (10, para)]
    return make_pdf([blocks[:4], blocks[4:]])


@pytest.mark.parametrize("title_size", [10, 18])
@pytest.mark.parametrize("same_box", [False, True])
@pytest.mark.parametrize("glued", [False, True])
def test_numbered_headings_in_body_size_own_their_paragraphs(
    title_size: int, same_box: bool, glued: bool
) -> None:
    text = extract(_pdf(title_size, same_box, glued), "application/pdf")
    sections = {s.id: s for s in parse_sections(text)}
    assert sections["preamble"].title == "Example Cloud Terms of Service"
    assert sections["preamble"].text == ""  # no clause text left in the preamble
    for heading, para in CLAUSES:
        number, title = heading.rstrip(".").split(". ", 1)
        assert sections[number].title == title, text
        assert sections[number].text == " ".join(para), text


def test_wrapped_numbered_paragraph_stays_one_paragraph() -> None:
    wrapped = [
        "1. You agree that Example may suspend the service if you breach these terms, and that",
        "Example shall not be liable for any loss caused by such a suspension.",
    ]
    later = [(10, [f"{n}. Example may change these terms with notice to you by email."]) for n in range(2, 6)]
    pdf = make_pdf([[(10, wrapped), *later]])
    text = extract(pdf, "application/pdf")
    assert " ".join(wrapped) + "\n\n2. Example may change" in text


def test_glued_number_is_a_clause_only_on_a_heading_line() -> None:
    text = "Terms\n\n1.Definitions\n\nService means our app.\n\n3.Payment is due on receipt.\n\n2.Use of the Service\n\nBe nice."
    by_id = {s.id: s for s in parse_sections(text)}
    assert by_id["1"].title == "Definitions" and by_id["2"].title == "Use of the Service"
    assert by_id["1"].text == "Service means our app.\n3.Payment is due on receipt."
    assert "3" not in by_id
