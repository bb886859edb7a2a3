"""Section-aware diff on the trimmed real pages and CLAUDETTE documents in tests/fixtures (fresh clone too).

test_diff.py runs the same stories on the whole files in ../shared/data; these checks need no shared data.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from tests.conftest import data_file
from tosdiff.diff import diff_sections, diff_texts, word_hunks
from tosdiff.models import MODIFIED, REMOVED, RENUMBERED, SectionChange
from tosdiff.sections import parse_sections

NUMBERED = re.compile(r"\s*(\(?\w{1,4}[.)]\s|\d+(\.\d+)+)")


def trimmed(*parts: str) -> str:
    """The text of a trimmed fixture."""
    return data_file("trimmed", *parts).read_text(encoding="utf-8")


def assert_bardeen(changes: list[SectionChange]) -> None:
    """Item 7 of clause 8 removed; items 8-16 moved up one number with their text unchanged."""
    kinds = [(c.kind, c.old_id, c.new_id) for c in changes]
    assert kinds[0] == (REMOVED, "8.7", None)
    assert changes[0].old_text.startswith("Send any unsolicited or unauthorized advertising")
    assert kinds[1:] == [(RENUMBERED, f"8.{n + 1}", f"8.{n}") for n in range(7, 16)]
    assert not any(c.content_changed for c in changes[1:])
    assert all(c.hunks == () for c in changes[1:])


def contract_shape(t: str) -> str:
    """'## N. Title' headings, no escapes, list text indented three spaces (our extractor's contract)."""
    t = re.sub(r"^\*\*(\d+)\\\. (.*?)\*\*\s*$", r"## \1. \2", t, flags=re.M)
    t = re.sub(r"^\*\*(\d+)\\\. ([^*\n]*?)\s*$", r"## \1. \2", t, flags=re.M)
    t = t.replace("\u200d", "")
    t = re.sub(r"[ \t]+$", "", t, flags=re.M)
    t = re.sub(r"^ {4}(\S)", r"   \1", t, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", t)


def no_bold_shape(t: str) -> str:
    """Bold and escapes lost: clause headings '8. Title.' now look exactly like the list items."""
    return t.replace("**", "").replace("\\.", ".").replace("\u200d", "")


def flat_shape(t: str) -> str:
    """Also one line per paragraph: '8. Title. Text...' for clauses and items alike."""
    blocks = re.split(r"\n\s*\n", no_bold_shape(t))
    return (
        "\n\n".join(" ".join(ln.strip() for ln in b.splitlines() if ln.strip()) for b in blocks if b.strip())
        + "\n"
    )


def test_bardeen_item_7_removed_rest_renumbered() -> None:
    assert_bardeen(diff_texts(trimmed("pages/bardeen-terms/v1.md"), trimmed("pages/bardeen-terms/v2.md")))


@pytest.mark.parametrize("shape", [contract_shape, no_bold_shape, flat_shape])
def test_bardeen_robust_to_formatting_differences(shape: Callable[[str], str]) -> None:
    v1 = shape(trimmed("pages/bardeen-terms/v1.md"))
    v2 = shape(trimmed("pages/bardeen-terms/v2.md"))
    assert_bardeen(diff_texts(v1, v2))
    ids = [s.id for s in parse_sections(v1)]
    assert ids == [s.id for s in parse_sections(trimmed("pages/bardeen-terms/v1.md"))]


def test_cursor_link_target_change_is_one_modified_clause() -> None:
    changes = diff_texts(trimmed("pages/cursor-terms/v1.md"), trimmed("pages/cursor-terms/v2.md"))
    assert [(c.kind, c.id) for c in changes] == [(MODIFIED, "4.5")]


def test_word_hunks_reconstruct_both_texts_on_real_terms() -> None:
    secs = parse_sections(trimmed("pages/cursor-terms/v1.md"))
    a = " ".join(s.text for s in secs[:12])
    b = a.replace("Service", "Services").replace(" may ", " shall ", 3) + " A new closing sentence."
    hunks = word_hunks(a, b)
    assert "".join(h.old for h in hunks) == a
    assert "".join(h.new for h in hunks) == b
    assert any(h.op == "replace" and h.old.strip() == "may" and h.new.strip() == "shall" for h in hunks)


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
