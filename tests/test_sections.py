"""Section parsing: id scheme, robustness rules, and golden trees of real terms documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SOURCES, data_file
from tosdiff.sections import parse_sections


def _data(rel: str, source: str = "shared") -> str:
    path = data_file(source, rel)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".xml":
        text = re.sub(r"</?[A-Za-z0-9]+>", "", text)  # CLAUDETTE's inline labels
    return text


def _by_id(text: str) -> dict:
    return {s.id: s for s in parse_sections(text)}


# ---------------------------------------------------------------- synthetic: the id scheme

MARKDOWN = """# Terms of Service

Last updated: 1 May 2024

Welcome to Example. These terms govern your use.

## 1. Accounts

You need an account.

## 10. Customer Content

10.1 Ownership. You own your Customer Content.

10.4 Customer Content. You agree that we may compile service data.

(a) first lettered sub-clause of 10.4;

(b) second lettered sub-clause, with items:

(i) roman one;

(ii) roman two.

10.5 Retention. We keep data for 30 days.

30 days after termination we delete your data.

## Article V Miscellaneous

§ 3 Notices go by email.

Section 7.2 Waiver. No waiver is implied.
"""


def test_markdown_ids_and_nesting() -> None:
    secs = parse_sections(MARKDOWN)
    ids = [s.id for s in secs]
    assert ids[0] == "preamble"
    assert secs[0].title == "Terms of Service"
    for expected in ("1", "10", "10.1", "10.4", "10.4(a)", "10.4(b)", "10.4(b)(i)", "10.4(b)(ii)", "10.5"):
        assert expected in ids
    by = {s.id: s for s in secs}
    assert by["10"].title == "Customer Content"
    assert by["10.4"].parent == "10"
    assert by["10.4"].title == "Customer Content"
    assert by["10.4"].text.startswith("You agree")
    assert by["10.4(b)"].parent == "10.4"
    assert by["10.4(b)(ii)"].parent == "10.4(b)"
    assert by["10.4(b)(ii)"].level == by["10.4(b)"].level + 1
    # "30 days after ..." is a sentence of 10.5, not clause 30.
    assert "30" not in ids
    assert "30 days after termination" in by["10.5"].text
    assert "article-5" in ids
    assert by["article-5"].number.lower().startswith("article")
    assert "3" in ids and "7.2" in ids
    assert by["7.2"].title == "Waiver"
    # Positions are the document order.
    assert [s.position for s in secs] == list(range(len(secs)))


def test_plain_text_inline_numbering_and_sentences_starting_with_numbers() -> None:
    text = (
        "ACME TERMS\n\n1. Introduction\nThese terms apply.\n\n2. Fees\n"
        "30 days after you sign up we bill you.\n2.1 Refunds. We refund within 14 days.\n"
        "2.5 million users agree.\n\n3. Law\nThe law of Utopia applies.\n"
    )
    by = _by_id(text)
    assert list(by) == ["preamble", "1", "2", "2.1", "3"]
    assert by["2"].text == "30 days after you sign up we bill you."
    assert "2.5 million users agree." in by["2.1"].text
    assert by["preamble"].title == "ACME TERMS"


def test_renumbering_keeps_hash_and_list_items_nest_under_their_clause() -> None:
    v1 = (
        "## 8. Prohibitions\n\nYou agree not to:\n\n1. Spam anyone;\n\n2. Scrape the site;\n\n3. Resell it.\n"
    )
    v2 = "## 8. Prohibitions\n\nYou agree not to:\n\n1. Scrape the site;\n\n2. Resell it.\n"
    a, b = _by_id(v1), _by_id(v2)
    assert list(a) == ["8", "8.1", "8.2", "8.3"]
    assert a["8.2"].parent == "8"
    assert a["8.2"].hash == b["8.1"].hash
    assert a["8.3"].hash == b["8.2"].hash
    assert a["8"].hash == b["8"].hash


def test_unnumbered_headings_get_slugs_and_duplicates_are_suffixed() -> None:
    text = "# Terms\n\nIntro.\n\n## Your Stuff & Your Permissions\n\nYours.\n\n## Software\n\nA.\n\n## Software\n\nB.\n"
    ids = [s.id for s in parse_sections(text)]
    assert ids == ["preamble", "your-stuff-your-permissions", "software", "software~2"]


def test_numbered_list_after_paragraph_returns_to_owner() -> None:
    text = "## 8. Rules\n\nDo not:\n\n1. Spam;\n\n2. Scrape.\n\nWe may enforce these rules.\n\n## 9. Links\n\nText.\n"
    by = _by_id(text)
    assert "We may enforce these rules." in by["8"].text
    assert "enforce" not in by["8.2"].text
    assert by["9"].parent is None


def test_empty_and_no_structure() -> None:
    assert parse_sections("") == []
    secs = parse_sections("Just one paragraph of terms.\n")
    assert [s.id for s in secs] == ["preamble"]
    assert secs[0].text == "Just one paragraph of terms."


# ---------------------------------------------------------------- golden trees of real documents


@pytest.mark.parametrize("source", SOURCES)
def test_bardeen_markdown_tree(source: str) -> None:
    by = _by_id(_data("pages/bardeen-terms/v1.md", source))
    top = [i for i, s in by.items() if s.level == 1 and i != "preamble"]
    assert top == [str(n) for n in range(1, 18)]
    assert by["1"].title == "Agreement to Terms"
    assert by["4"].title == "Who May Use the Services?"
    assert by["7.5"].title == "Generative Artificial Intelligence Features"
    assert by["7.7"].title == "Abuse of the product"
    assert by["8.7"].text.startswith("Send any unsolicited")
    assert [i for i in by if i.startswith("8.")] == [f"8.{n}" for n in range(1, 17)]
    assert by["8.16"].parent == "8"
    # The paragraph after the list belongs to clause 8, not to item 16.
    assert "Bardeen is not obligated to monitor" in by["8"].text
    assert by["15.1"].title == "Mandatory Arbitration of Disputes"


@pytest.mark.parametrize("source", SOURCES)
def test_cursor_markdown_tree(source: str) -> None:
    by = _by_id(_data("pages/cursor-terms/v1.md", source))
    assert by["1"].title == "Access and Use"
    assert by["1.3"].title == "Model Training"
    assert by["1.3"].text.startswith("ANYSPHERE WILL NOT USE CONTENT TO TRAIN")
    assert by["1.3"].parent == "1"
    # "**4.5. Title**. Text": the stray period after the bold title is not part of the text.
    assert by["4.5"].title == "Add-On and Usage-Based Features"
    assert by["4.5"].text.startswith("You may purchase")
    assert [i for i in by if i.startswith("16.")] == [f"16.{n}" for n in range(1, 9)]


@pytest.mark.parametrize("source", SOURCES)
def test_claudette_headspace_decimal_and_lettered(source: str) -> None:
    by = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/Headspace.xml", source))
    assert by["1"].title == "GENERAL INFORMATION"
    assert by["2.1"].title == "BECOMING A MEMBER"
    assert by["2.1(c)"].parent == "2.1"
    assert by["2.1(c)(i)"].parent == "2.1(c)"
    assert by["2.5(a)(ii)"].title == "Paid Subscription"


@pytest.mark.parametrize("source", SOURCES)
def test_claudette_tables_of_contents_are_not_sections(source: str) -> None:
    # Linden Lab, Vimeo and Airbnb open with a table of contents repeating the clause titles.
    lab = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/LindenLab.xml", source))
    assert lab["1"].title == "ONLINE SERVICE"
    assert lab["1.1"].parent == "1"
    assert not any("~" in i for i in lab)
    vimeo = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/Vimeo.xml", source))
    assert vimeo["1"].title == "Who May Use the Vimeo Service"
    assert vimeo["9.1"].parent == "9"
    airbnb = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/Airbnb.xml", source))
    assert airbnb["1"].title == "Scope of Airbnb Services"
    assert airbnb["1.1"].text.startswith("The Airbnb Platform is an online marketplace")


@pytest.mark.parametrize("source", SOURCES)
def test_claudette_bare_numbers_and_unnumbered_headings(source: str) -> None:
    spotify = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/Spotify.xml", source))
    assert spotify["4"].title == "Rights we grant you"
    assert spotify["11.2"].title == "Listening"
    dropbox = parse_sections(_data("claudette-tos50/OriginalTaggedDocuments/Dropbox.xml", source))
    assert dropbox[0].title == "Dropbox Terms of Service"
    assert [s.id for s in dropbox[1:4]] == [
        "your-stuff-your-permissions",
        "sharing-your-stuff",
        "your-responsibilities",
    ]
    zynga = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/Zynga.xml", source))
    assert zynga["6/games-and-service"].parent == "6"


@pytest.mark.parametrize("source", SOURCES)
def test_claudette_microsoft_lettered_and_roman(source: str) -> None:
    by = _by_id(_data("claudette-tos50/OriginalTaggedDocuments/Microsoft.xml", source))
    assert by["3(a)(i)"].text.startswith("Don’t do anything illegal")
    assert by["3(a)(x)"].parent == "3(a)"
    assert by["3(b)"].title == "Enforcement"


@pytest.mark.parametrize("source", SOURCES)
def test_every_claudette_document_parses_with_unique_ids(source: str) -> None:
    folder = data_file(source, "claudette-tos50", "OriginalTaggedDocuments")
    for path in sorted(folder.glob("*.xml")):
        secs = parse_sections(re.sub(r"</?[A-Za-z0-9]+>", "", path.read_text(encoding="utf-8")))
        ids = [s.id for s in secs]
        assert len(ids) == len(set(ids)), path.name
        known = set(ids)
        assert all(s.parent is None or s.parent in known for s in secs), path.name
        assert len(secs) >= 2, path.name


def test_sub_list_formatted_like_its_clauses() -> None:
    """Items "1."-"10." under clause 8 look like the clauses; the later "9." is clause 9, not item 8.9's twin."""
    items = "\n\n".join(f"{n}. Item number {n} forbids something;" for n in range(1, 11))
    clauses = "\n\n".join(f"{n}. Clause {n}.\n\nText of clause {n}." for n in range(1, 8))
    text = f"# T\n\nIntro.\n\n{clauses}\n\n8. Rules.\n\nDo not:\n\n{items}\n\nWe enforce this.\n\n9. Links.\n\nText of nine.\n"
    by = _by_id(text)
    assert [i for i in by if i.startswith("8.")] == [f"8.{n}" for n in range(1, 11)]
    assert by["9"].title == "Links" and by["9"].parent is None
    assert "We enforce this." in by["8"].text
    assert by["7"].text == "Text of clause 7."


# ---------------------------------------------------------------- text between clauses is never the preamble's


def _fixture(name: str) -> str:
    return (Path(__file__).parent / "fixtures" / "realpages" / name).read_text(encoding="utf-8")


def test_text_after_a_top_level_list_clause_stays_in_that_clause() -> None:
    """A bullet list under "3. Copyright complaints." and the warning under "6. DISPUTE RESOLUTION" are
    those clauses' text: a paragraph that closes a Markdown list item never falls back to the preamble."""
    by = _by_id(_fixture("list-clauses.md"))
    assert by["preamble"].text.startswith("Last Updated")
    assert "Quillpad" in by["preamble"].text and "signature" not in by["preamble"].text
    assert "PLEASE READ" not in by["preamble"].text
    assert "Your address, telephone number, and e-mail address." in by["3"].text
    assert by["6"].text == "PLEASE READ THIS SECTION CAREFULLY AS IT AFFECTS YOUR RIGHTS."
    assert [by[i].parent for i in ("6.1", "6.2")] == ["6", "6"]
    assert by["4"].title == "Privacy" and by["4"].parent is None


def test_short_capitals_clause_splits_title_from_sentence() -> None:
    by = _by_id(_fixture("list-clauses.md"))
    assert by["5.1"].title == "NO INDIRECT DAMAGES"
    assert by["5.1"].text == "IN NO EVENT WILL QUILLPAD BE LIABLE FOR ANY INDIRECT DAMAGES."
    assert by["5.2"].title == "CAP"


def test_numbers_with_a_letter_suffix_are_clauses() -> None:
    """A clause inserted without renumbering ("1.3A.", "2a.", "3bis.") is a clause; "1st" and "3D" are not."""
    text = (
        "# Terms\n\nIntro.\n\n1. Access and Use\n\n1.1 Access. You may use it.\n\n1.2 Content. You own it.\n\n"
        "1.3A. Model Training. We will not train on your content.\n\n1.4 Limits. We may limit use.\n\n"
        "2. Fees. Fees are due monthly.\n\n2a. Late Fees. Late fees apply.\n\n3. Law. California law applies.\n\n"
        "3bis. Support. We give no support.\n\n3D Printing Services are not covered.\n\n1st Floor, 5 Main St.\n"
    )
    by = _by_id(text)
    assert [i for i in by if i != "preamble"] == ["1", "1.1", "1.2", "1.3A", "1.4", "2", "2a", "3", "3bis"]
    assert by["1.3A"].parent == "1" and by["1.3A"].title == "Model Training"
    assert by["2a"].parent is None and by["2a"].title == "Late Fees"
    assert "3D Printing" in by["3bis"].text and "1st Floor" in by["3bis"].text


def test_renumbering_to_a_suffixed_number_is_a_renumbering() -> None:
    from tosdiff.diff import compare_texts, diff_texts

    old = "# T\n\n1. Use\n\n1.1 Access. You may use it.\n\n1.2 Content. You own it.\n\n1.3 Training. We never train.\n"
    new = old.replace("1.3 Training.", "1.3A. Training.")
    assert [(c.kind, c.old_id, c.new_id) for c in diff_texts(old, new)] == [("renumbered", "1.3", "1.3A")]
    assert compare_texts(old, new).changes == ()  # numbers are structure: no change of the terms
