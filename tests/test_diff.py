"""Section-aware diff: the Zoom and Bardeen stories, moves, early insertions, word hunks, history."""

from __future__ import annotations

import random
import re

import pytest

from tests.conftest import SOURCES, data_file, shared_data
from tosdiff.diff import LINKS_ONLY, MERGED, SPLIT, compare_texts, diff_sections, diff_texts, word_hunks
from tosdiff.history import find_section, section_history
from tosdiff.models import ADDED, LINKS, MODIFIED, MOVED, REMOVED, RENUMBERED
from tosdiff.sections import parse_sections

ZOOM_SENTENCE = (
    "Notwithstanding the above, Zoom will not use audio, video or chat Customer Content to train our "
    "artificial intelligence models without your consent."
)

ZOOM_V1 = (
    """# Terms of Service

These Terms of Service govern your use of the Services.

## 9. Fees

9.1 Payment. You will pay all fees when due.

## 10. Customer Content

10.1 Customer Content. You or your End Users may provide, upload, or originate data, content, files,
documents, or other materials in accessing or using the Services.

10.2 Permitted Uses. Zoom may redistribute, publish, import, access, use, store, transmit, review,
disclose, preserve, extract, modify, reproduce, share, use, display, copy, distribute, translate,
transcribe, create derivative works, and process Customer Content.

10.3 Customer License Grant. You agree to grant and hereby grant Zoom a perpetual, worldwide,
non-exclusive, royalty-free, sublicensable, and transferable license and all other rights required
or necessary to redistribute, publish, import, access, use, store, transmit, review, disclose,
preserve, extract, modify, reproduce, share, use, display, copy, distribute, translate, transcribe,
create derivative works, and process Customer Content.

10.4 Customer Content. You agree that Zoom compiles and may compile Service Generated Data based on
Customer Content and use of the Services and Software. You consent to Zoom's access, use, collection,
creation, modification, distribution, processing, sharing, maintenance, and storage of Service
Generated Data for any purpose, to the extent and in the manner permitted under applicable Law.

10.5 Feedback. You may provide suggestions to Zoom.

## 11. Term

11.1 Term. These terms continue until terminated.
""".replace(",\n", ", ")
    .replace("\n10.", "\n\n10.")
    .replace("on\n", "on ")
    .replace("Service\n", "Service ")
)


def _one_line_paragraphs(text: str) -> str:
    """Join wrapped lines into one line per paragraph, as the normalised text contract requires."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _zoom_versions() -> tuple[str, str]:
    v1 = _one_line_paragraphs(ZOOM_V1)
    marker = "permitted under applicable Law."
    assert marker in v1
    v2 = v1.replace(marker, marker + " " + ZOOM_SENTENCE)
    return v1, v2


def _data(rel: str, source: str = "shared") -> str:
    """A real terms text: the whole file in ../shared/data, or its trimmed copy in tests/fixtures."""
    return data_file(source, *rel.split("/")).read_text(encoding="utf-8")


# ---------------------------------------------------------------- (a) the Zoom story


def test_zoom_10_4_gains_one_sentence() -> None:
    v1, v2 = _zoom_versions()
    changes = diff_texts(v1, v2)
    assert len(changes) == 1
    c = changes[0]
    assert (c.kind, c.old_id, c.new_id) == (MODIFIED, "10.4", "10.4")
    assert c.title == "Customer Content"
    changed = [h for h in c.hunks if h.op != "equal"]
    assert len(changed) == 1
    assert changed[0].op == "insert"
    assert changed[0].new.strip() == ZOOM_SENTENCE
    # The hunks rebuild both texts exactly.
    assert "".join(h.old for h in c.hunks) == c.old_text
    assert "".join(h.new for h in c.hunks) == c.new_text


def test_zoom_story_in_plain_text_form() -> None:
    v1, v2 = _zoom_versions()
    plain1 = v1.replace("## ", "").replace("# ", "")
    plain2 = v2.replace("## ", "").replace("# ", "")
    changes = diff_texts(plain1, plain2)
    assert [(c.kind, c.id) for c in changes] == [(MODIFIED, "10.4")]
    assert [h.new.strip() for h in changes[0].hunks if h.op != "equal"] == [ZOOM_SENTENCE]


def test_find_section_filters_by_old_or_new_id_and_children() -> None:
    v1, v2 = _zoom_versions()
    changes = diff_texts(v1, v2)
    assert find_section(changes, "10.4") == changes
    assert find_section(changes, "Section 10.4") == changes
    assert find_section(changes, "10") == changes  # 10.4 is a sub-clause of 10
    assert find_section(changes, "10", children=False) == []
    assert find_section(changes, "10.41") == []


# ---------------------------------------------------------------- (b) the Bardeen pages


def _assert_bardeen(changes: list) -> None:
    kinds = [(c.kind, c.old_id, c.new_id) for c in changes]
    assert kinds[0] == (REMOVED, "8.7", None)
    assert changes[0].old_text.startswith("Send any unsolicited or unauthorized advertising")
    assert kinds[1:] == [(RENUMBERED, f"8.{n + 1}", f"8.{n}") for n in range(7, 16)]
    assert not any(c.content_changed for c in changes[1:])
    assert all(c.hunks == () for c in changes[1:])


@pytest.mark.parametrize("source", SOURCES)
def test_bardeen_item_7_removed_rest_renumbered(source: str) -> None:
    v1, v2 = _data("pages/bardeen-terms/v1.md", source), _data("pages/bardeen-terms/v2.md", source)
    _assert_bardeen(diff_texts(v1, v2))


def _contract_shape(t: str) -> str:
    """'## N. Title' headings, no escapes, list text indented three spaces (our extractor's contract)."""
    t = re.sub(r"^\*\*(\d+)\\\. (.*?)\*\*\s*$", r"## \1. \2", t, flags=re.M)
    t = re.sub(r"^\*\*(\d+)\\\. ([^*\n]*?)\s*$", r"## \1. \2", t, flags=re.M)
    t = t.replace("\u200d", "")
    t = re.sub(r"[ \t]+$", "", t, flags=re.M)
    t = re.sub(r"^ {4}(\S)", r"   \1", t, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", t)


def _no_bold_shape(t: str) -> str:
    """Bold and escapes lost: clause headings '8. Title.' now look exactly like the list items."""
    return t.replace("**", "").replace("\\.", ".").replace("\u200d", "")


def _flat_shape(t: str) -> str:
    """Also one line per paragraph: '8. Title. Text...' for clauses and items alike."""
    blocks = re.split(r"\n\s*\n", _no_bold_shape(t))
    return (
        "\n\n".join(" ".join(ln.strip() for ln in b.splitlines() if ln.strip()) for b in blocks if b.strip())
        + "\n"
    )


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("shape", [_contract_shape, _no_bold_shape, _flat_shape])
def test_bardeen_robust_to_formatting_differences(shape, source: str) -> None:
    """The same change when the page is extracted differently (the lead's extractor may differ)."""
    v1 = shape(_data("pages/bardeen-terms/v1.md", source))
    v2 = shape(_data("pages/bardeen-terms/v2.md", source))
    _assert_bardeen(diff_texts(v1, v2))
    ids = [s.id for s in parse_sections(v1)]
    assert ids == [s.id for s in parse_sections(_data("pages/bardeen-terms/v1.md", source))]


@pytest.mark.parametrize("source", SOURCES)
def test_cursor_link_target_change_is_one_links_change(source: str) -> None:
    old, new = _data("pages/cursor-terms/v1.md", source), _data("pages/cursor-terms/v2.md", source)
    changes = diff_texts(old, new)
    # docs.cursor.com became cursor.com/docs: the same words, a link pointing elsewhere.
    assert [(c.kind, c.id, c.content_changed) for c in changes] == [(LINKS, "4.5", False)]
    judged = compare_texts(old, new)
    assert judged.kind == LINKS_ONLY and judged.changes == tuple(changes)


# ---------------------------------------------------------------- (c) moves and early insertions

UNNUMBERED = """# Acme Terms

Welcome to Acme.

## Your Stuff

Your stuff is yours and we only use it to run the service for you.

## Sharing

You can share your stuff with other people, so think before you share.

## Software

We give you a limited licence to use our client software while you use the service.

## Termination

You may stop using the service at any time, and we may suspend accounts that break the rules.
"""


def test_section_moved_elsewhere_is_one_moved_change() -> None:
    blocks = UNNUMBERED.split("\n\n")
    assert blocks[4] == "## Sharing"
    sharing = blocks[4:6]
    moved = "\n\n".join(blocks[:4] + [b.strip("\n") for b in blocks[6:]] + sharing).rstrip("\n") + "\n"
    changes = diff_texts(UNNUMBERED, moved)
    assert [(c.kind, c.old_id, c.new_id, c.content_changed) for c in changes] == [
        (MOVED, "sharing", "sharing", False)
    ]


def _numbered(clauses: list[tuple[str, str]]) -> str:
    out = ["# Terms", "", "Intro text.", ""]
    for n, (title, body) in enumerate(clauses, 1):
        out += [f"## {n}. {title}", "", body, ""]
    return "\n".join(out)


CLAUSES = [
    ("Acceptance", "By using the service you accept these terms in full."),
    ("Accounts", "You must keep your password secret and tell us about any misuse of your account."),
    ("Fees", "Paid plans are billed monthly in advance and are not refundable except where law requires."),
    ("Content", "You keep ownership of content you upload and grant us a licence to host it."),
    ("Termination", "We may end this agreement if you breach it, after giving you notice."),
    ("Liability", "Our liability is limited to the fees you paid in the last twelve months."),
    ("Law", "These terms are governed by the laws of the State of Utopia."),
]


def test_clause_inserted_early_shifts_numbers_without_modifying_others() -> None:
    new = (
        CLAUSES[:1]
        + [("Eligibility", "You must be at least sixteen years old to use the service.")]
        + CLAUSES[1:]
    )
    changes = diff_texts(_numbered(CLAUSES), _numbered(new))
    assert (changes[0].kind, changes[0].new_id, changes[0].title) == (ADDED, "2", "Eligibility")
    assert [(c.kind, c.old_id, c.new_id) for c in changes[1:]] == [
        (RENUMBERED, str(n), str(n + 1)) for n in range(2, 8)
    ]
    assert not any(c.kind in (MODIFIED, MOVED) for c in changes)


def test_early_insert_plus_edit_of_a_later_clause() -> None:
    edited = list(CLAUSES)
    edited[3] = (
        "Content",
        "You keep ownership of content you upload and grant us a licence to host it and to train models.",
    )
    new = (
        CLAUSES[:1]
        + [("Eligibility", "You must be at least sixteen years old to use the service.")]
        + edited[1:]
    )
    changes = diff_texts(_numbered(CLAUSES), _numbered(new))
    modified = [c for c in changes if c.kind == MODIFIED]
    assert [(c.old_id, c.new_id) for c in modified] == [("4", "5")]
    assert [h.new for h in modified[0].hunks if h.op != "equal"] == [" and to train models"]
    assert sum(c.kind == ADDED for c in changes) == 1
    assert sum(c.kind == RENUMBERED for c in changes) == 5


def test_numbered_clause_moved_is_moved_not_rewritten() -> None:
    new = CLAUSES[:1] + CLAUSES[2:5] + CLAUSES[1:2] + CLAUSES[5:]  # "Accounts" moves from 2 to 5
    changes = diff_texts(_numbered(CLAUSES), _numbered(new))
    moved = [c for c in changes if c.kind == MOVED]
    assert [(c.old_id, c.new_id, c.title, c.content_changed) for c in moved] == [
        ("2", "5", "Accounts", False)
    ]
    assert {c.kind for c in changes} <= {MOVED, RENUMBERED}


def test_removed_placed_where_it_was_and_added_in_order() -> None:
    new = CLAUSES[:2] + CLAUSES[3:] + [("Contact", "Write to us at the address on our website.")]
    changes = diff_texts(_numbered(CLAUSES), _numbered(new))
    assert changes[0].kind == REMOVED and changes[0].old_id == "3"
    assert changes[-1].kind == ADDED and changes[-1].new_id == "7"


def test_section_rewritten_entirely_keeps_its_id() -> None:
    old = _numbered(CLAUSES)
    new = _numbered(
        CLAUSES[:4]
        + [("Termination", "Either party can terminate on thirty days written notice.")]
        + CLAUSES[5:]
    )
    changes = diff_texts(old, new)
    assert [(c.kind, c.id) for c in changes] == [(MODIFIED, "5")]


def test_split_and_merged_sections() -> None:
    long_a = "You keep ownership of content you upload and grant us a licence to host it worldwide."
    long_b = "We may remove content that breaks the law or these terms, with or without notice to you."
    old = _numbered(CLAUSES[:3] + [("Content", long_a + " " + long_b)] + CLAUSES[4:])
    new = _numbered(CLAUSES[:3] + [("Content", long_a), ("Content Removal", long_b)] + CLAUSES[4:])
    changes = diff_texts(old, new)
    split = [c for c in changes if c.kind == SPLIT]
    assert [(c.old_id, c.new_id) for c in split] == [("4", "5")]
    # Hunks are taken against the matching old text: clause 4 lost no word (its second half is 5 now),
    # so it is listed (its extent changed) but not as a content change, and the split part marks only
    # its new title.
    assert [(c.kind, c.id, c.content_changed, c.hunks) for c in changes if c.kind == MODIFIED] == [
        (MODIFIED, "4", False, ())
    ]
    assert [(h.op, h.new) for h in split[0].hunks if h.op != "equal"] == [("insert", "Content Removal")]
    back = diff_texts(new, old)
    merged = [c for c in back if c.kind == MERGED]
    assert [(c.old_id, c.new_id) for c in merged] == [("5", "4")]
    assert [(h.op, h.old) for h in merged[0].hunks if h.op != "equal"] == [("delete", "Content Removal")]


# ---------------------------------------------------------------- word hunks


@pytest.mark.parametrize("source", SOURCES)
def test_word_hunks_reconstruct_both_texts_on_real_terms(source: str) -> None:
    v1 = _data("pages/cursor-terms/v1.md", source)
    secs = parse_sections(v1)
    a = " ".join(s.text for s in secs[:12])
    b = a.replace("Service", "Services").replace(" may ", " shall ", 3) + " A new closing sentence."
    hunks = word_hunks(a, b)
    assert "".join(h.old for h in hunks) == a
    assert "".join(h.new for h in hunks) == b
    assert any(h.op == "replace" and h.old.strip() == "may" and h.new.strip() == "shall" for h in hunks)


def test_word_hunks_guard_on_long_unrelated_texts() -> None:
    a = " ".join(f"alpha{i} beta{i % 7}." for i in range(6000))
    b = " ".join(f"gamma{i} beta{i % 5}." for i in range(6000))
    hunks = word_hunks(a, b)  # must not go quadratic; finishes quickly
    assert "".join(h.old for h in hunks) == a
    assert "".join(h.new for h in hunks) == b


def test_word_hunks_edge_cases() -> None:
    assert word_hunks("", "") == ()
    assert [h.op for h in word_hunks("", "new text")] == ["insert"]
    assert [h.op for h in word_hunks("old text", "")] == ["delete"]
    assert [h.op for h in word_hunks("same", "same")] == ["equal"]
    hunks = word_hunks("We may share your data.", "We will not share your data.")
    assert [(h.op, h.old, h.new) for h in hunks if h.op != "equal"] == [("replace", "may", "will not")]


def test_identical_versions_have_no_changes() -> None:
    text = _numbered(CLAUSES)
    assert diff_texts(text, text) == []
    assert diff_sections([], []) == []
    assert [c.kind for c in diff_texts("", text)] == [ADDED] * len(parse_sections(text))


# ---------------------------------------------------------------- history


def test_section_history_follows_renumbering() -> None:
    v1 = _numbered(CLAUSES)
    v2 = _numbered(
        CLAUSES[:1]
        + [("Eligibility", "You must be at least sixteen years old to use the service.")]
        + CLAUSES[1:]
    )
    edited = (
        CLAUSES[:1]
        + [("Eligibility", "You must be at least sixteen years old to use the service.")]
        + CLAUSES[1:]
    )
    edited[4] = (
        "Content",
        "You keep ownership of content you upload and grant us a licence to host it and to train models.",
    )
    v3 = _numbered(edited)
    hist = section_history([(1, v1), (2, v2), (3, v3)], "5")
    assert [(e["version"], e["kind"], e["id"]) for e in hist] == [
        (1, ADDED, "4"),
        (2, RENUMBERED, "5"),
        (3, MODIFIED, "5"),
    ]
    assert hist[1]["old_id"] == "4"
    assert any(h["op"] == "insert" and "train models" in h["new"] for h in hist[2]["hunks"])
    # A clause that appears later starts there; an unknown id has no history.
    later = section_history([(1, v1), (2, v2), (3, v3)], "2")
    assert [(e["version"], e["kind"], e["id"]) for e in later] == [(2, ADDED, "2"), (3, "unchanged", "2")]
    assert section_history([(1, v1)], "99") == []


def test_section_history_reports_removal() -> None:
    v1 = _numbered(CLAUSES)
    v2 = _numbered(CLAUSES[:6])
    hist = section_history([(1, v1), (2, v1), (3, v2), (4, v2)], "7")
    assert [(e["version"], e["kind"], e["id"]) for e in hist] == [
        (1, ADDED, "7"),
        (2, "unchanged", "7"),
        (3, REMOVED, None),
    ]
    assert hist[2]["old_id"] == "7"


def test_one_word_edit_in_every_claudette_document_is_one_modified_clause() -> None:
    folder = shared_data("claudette-tos50", "OriginalTaggedDocuments")
    rng = random.Random(7)
    for path in sorted(folder.glob("*.xml")):
        text = re.sub(r"</?[A-Za-z0-9]+>", "", path.read_text(encoding="utf-8"))
        old = parse_sections(text)
        assert diff_sections(old, old) == [], path.name
        lines = text.split("\n")
        i = rng.choice([k for k, line in enumerate(lines) if len(line) > 150])
        words = lines[i].split(" ")
        words[rng.randrange(3, len(words) - 3)] = "EDITED"
        lines[i] = " ".join(words)
        changes = diff_sections(old, parse_sections("\n".join(lines)))
        assert len(changes) == 1, (path.name, [(c.kind, c.old_id, c.new_id) for c in changes])
        c = changes[0]
        assert c.kind == MODIFIED and c.old_id == c.new_id, path.name
        assert [h.new for h in c.hunks if h.op != "equal"] == ["EDITED"], path.name


NUMBERED = re.compile(r"\s*(\(?\w{1,4}[.)]\s|\d+(\.\d+)+)")


def test_one_word_edit_in_every_trimmed_claudette_document_is_one_modified_clause() -> None:
    folder = data_file("trimmed", "claudette-tos50", "OriginalTaggedDocuments")
    paths = sorted(folder.glob("*.xml"))
    assert len(paths) == 8
    rng = random.Random(7)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        old = parse_sections(text)
        assert diff_sections(old, old) == [], path.name
        lines = text.split("\n")
        # A plain paragraph line: an edit in a numbered line's title words would be a retitled clause.
        i = rng.choice(
            [k for k, line in enumerate(lines) if len(line.split(" ")) > 8 and not NUMBERED.match(line)]
        )
        words = lines[i].split(" ")
        words[rng.randrange(3, len(words) - 3)] = "EDITED"
        lines[i] = " ".join(words)
        changes = diff_sections(old, parse_sections("\n".join(lines)))
        assert len(changes) == 1, (path.name, [(c.kind, c.old_id, c.new_id) for c in changes])
        c = changes[0]
        assert c.kind == MODIFIED and c.old_id == c.new_id, path.name
        assert [h.new for h in c.hunks if h.op != "equal"] == ["EDITED"], path.name
