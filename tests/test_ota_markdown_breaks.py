"""Open Terms Archive's Markdown of a <br>: turndown writes it as a hard line break, and a <strong>
holding one as bold split over two lines ("**3\\. General Prohibitions.  " / "**You agree ...").
Imported versions must read like the fetched page, where tosdiff's HTML extraction reads a <br> as a
space: otherwise the first live check after an import reports the page's whole structure changed."""

from __future__ import annotations

import pytest
from conftest import shared_data

from tosdiff import extract
from tosdiff.diff import diff_texts
from tosdiff.otahistory import MARKDOWN, ota_markdown
from tosdiff.sections import parse_sections

# Written for this test in turndown's forms: top-level clauses in bold paragraphs, sub-clauses as an
# ordered list whose items hold a bold title and a <br>, and one bold title split by its <br>
# (clause 3 continues both the clauses' count and clause 2's list: the shape that went wrong).
OTA = (
    "**1\\. Welcome.**  \n"
    "These terms apply to you.\n\n"
    "**2\\. Content.**\n\n"
    "1.  **Posting Content.**  \n"
    "    Our Services may allow you to submit content.\n"
    "    \n"
    "2.  **Abuse of the product.  \n"
    "    \u200d**Please be aware that abusive use can lead to penalties.\n"
    "    \n\n"
    "**3\\. General Prohibitions and Enforcement Rights.  \n"
    "**You agree not to do any of the following:\n\n"
    "1.  Import any content that infringes rights;\n"
    "2.  Encourage anyone to do any of the foregoing.\n\n"
    "**4\\. Termination.**  \n"
    "We may suspend your access at any time.\n"
)
HTML = (
    "<html><body><main>"
    "<p><strong>1. Welcome.<br></strong>These terms apply to you.</p>"
    "<p><strong>2. Content.</strong></p><ol>"
    "<li><strong>Posting Content.<br></strong>Our Services may allow you to submit content.</li>"
    "<li><strong>Abuse of the product.<br>\u200d</strong>Please be aware that abusive use can lead to penalties.</li>"
    "</ol><p><strong>3. General Prohibitions and Enforcement Rights.<br></strong>You agree not to do any of the "
    "following:</p><ol><li>Import any content that infringes rights;</li><li>Encourage anyone to do any of the "
    "foregoing.</li></ol><p><strong>4. Termination.<br></strong>We may suspend your access at any time.</p>"
    "</main></body></html>"
)


def imported(markdown: str) -> str:
    """The text an imported version gets."""
    return extract.extract(ota_markdown(markdown).encode("utf-8"), MARKDOWN)


def test_split_bold_and_hard_breaks_read_like_the_page() -> None:
    """The imported text has clause 3 at the top level with its title, as the fetched page has."""
    by_id = {s.id: s for s in parse_sections(imported(OTA))}
    assert by_id["3"].title == "General Prohibitions and Enforcement Rights"
    assert "2.3" not in by_id and {"2.1", "2.2", "3.1", "3.2", "4"} <= set(by_id)
    assert "**" not in imported(OTA)


def test_the_imported_version_and_the_fetched_page_compare_unchanged() -> None:
    """Diffing the imported text against the same terms fetched as HTML finds no section change."""
    live = extract.extract(HTML.encode("utf-8"), "text/html")
    assert [c for c in diff_texts(imported(OTA), live) if c.kind != "links"] == []


def test_a_real_open_terms_archive_version_against_its_page() -> None:
    """Bardeen's recorded Markdown and the page it was recorded from: no section change but links."""
    folder = shared_data("pages", "bardeen-terms")
    md, html = folder / "v1.md", folder / "v1.html"
    if not (md.exists() and html.exists()):
        pytest.skip("Bardeen's page is not in the shared data")
    live = extract.extract(html.read_bytes(), "text/html", select=[".content-container"])
    changes = diff_texts(imported(md.read_text(encoding="utf-8")), live)
    assert [c.kind for c in changes if c.kind not in ("links", "renumbered")] == []


def test_hard_breaks_never_join_blocks() -> None:
    """List items, table rows, headings and fenced code each stay on their own lines."""
    for md in (
        "- We collect your name  \n- We collect your email\n",
        "1. First item  \n2. Second item\n",
        "| Data | Purpose |  \n| --- | --- |  \n| Email | Login |\n",
        "## 5. Liability  \nWe are not liable.\n",
    ):
        assert ota_markdown(md).count("\n") == md.count("\n"), md
    code = "```  \nsome code  \n```\n\n[Link](https://example.com/a?utm=1) after code.\n"
    assert "https://example.com/a)" in ota_markdown(code)  # the fence closed: the link is cleaned


def test_a_blank_line_of_spaces_still_ends_a_paragraph() -> None:
    """A line of spaces between two paragraphs is a paragraph break, never a hard line break."""
    assert (
        ota_markdown("First paragraph.\n   \nSecond paragraph.\n")
        == "First paragraph.\n   \nSecond paragraph.\n"
    )
