"""Flags on a restructured page: the changes of one version are read together, so a flagged clause
that moves to another section is neither introduced nor removed, and a clause of one category
removed from one section and rewritten in another is one modified clause, reported where it now
stands (the Cursor terms moved their class-action waiver from 15.2 to 16.2 and rewrote their
no-training promise from 7 into 1.3; each was alerted as a [HIGH] introduction or removal)."""

from __future__ import annotations

from tosdiff.diff import diff_texts
from tosdiff.flags import flag_changes
from tosdiff.models import SectionChange

WAIVER = (
    "You and Acme agree that each may bring claims against the other only in an individual capacity and "
    "you waive any right to participate in a class action or a jury trial."
)
NO_TRAINING = "Acme will not use your code to train artificial intelligence models when Privacy Mode is on."
NO_TRAINING_REWRITTEN = (
    "We never train our machine learning models on your content unless you opt in, whatever your settings."
)
SHARING = "We may share your personal information with advertisers and data brokers."


def sec(kind: str, old_id: str | None, new_id: str | None, old: str = "", new: str = "") -> SectionChange:
    """One section change of a version."""
    return SectionChange(kind=kind, old_id=old_id, new_id=new_id, title="", old_text=old, new_text=new)


def test_a_clause_moved_to_another_section_is_neither_introduced_nor_removed() -> None:
    """The waiver leaves removed section 15 and appears in added section 16.2: no waiver flag at all."""
    changes = [
        sec("removed", "15", None, old="Disputes. " + WAIVER),
        sec("added", None, "16.2", new=WAIVER + " This section survives termination."),
    ]
    assert [f for f in flag_changes(changes) if f.category == "class-action-waiver"] == []


def test_a_protection_rewritten_in_another_section_is_one_modified_clause() -> None:
    """A no-training promise removed from 7 and a rewritten one added in 1.3: one modified flag in 1.3,
    never "removed, worse for users" in 7."""
    changes = [
        sec("removed", "7", None, old=NO_TRAINING),
        sec("added", None, "1.3", new=NO_TRAINING_REWRITTEN),
    ]
    ai = [f for f in flag_changes(changes) if f.category == "ai-training"]
    assert [(f.section, f.change) for f in ai] == [("1.3", "modified")]
    assert ai[0].direction != "worse" and "Moved from 7" in ai[0].explanation


def test_a_protection_replaced_by_a_harm_elsewhere_stays_worse() -> None:
    """A "we do not sell" promise removed from 4 and a sharing clause added in 9: reported in 9 as the
    promise turned into its opposite (worse for users, where it is read from), never as good news."""
    changes = [
        sec(
            "modified",
            "4",
            "4",
            old="We do not sell your personal information. Contact us.",
            new="Contact us.",
        ),
        sec("added", None, "9", new=SHARING),
    ]
    flags = [f for f in flag_changes(changes) if f.category == "data-sharing"]
    assert flags and all(f.direction == "worse" for f in flags)
    assert "9" in {f.section for f in flags}


def test_moving_a_whole_clause_between_numbered_sections_of_a_page() -> None:
    """End to end through the section diff: clause 1 keeps its text but loses the waiver, which a new
    clause 2 now holds among other words. The differ pairs neither with the other, so only reading the
    version's changes together sees the waiver moved."""
    informal = "Before filing a claim, you agree to try to resolve the dispute informally for sixty days. "
    changes_text = (
        "Acme may change these terms by posting a notice; changes apply thirty days after posting. "
    )
    old = "1. Disputes\n\n" + informal * 3 + WAIVER + "\n\n2. General\n\nThis is all.\n"
    new = (
        "1. Informal Resolution\n\n" + informal * 3 + "\n\n2. Changes and Waiver\n\n"
        + changes_text * 3 + WAIVER + "\n\n3. General\n\nThis is all.\n"
    )  # fmt: skip
    changes = diff_texts(old, new)
    assert {(c.kind, c.old_id, c.new_id) for c in changes} >= {("modified", "1", "1"), ("added", None, "2")}
    assert [f for f in flag_changes(changes) if f.category == "class-action-waiver"] == []


def test_a_promise_dropped_in_one_kept_section_is_not_hidden_by_another_section() -> None:
    """Two sections that both stay pair only a near-copy: a "no sale" promise dropped in 4 and an
    unrelated consent clause added in 9 are a removal (worse) and an introduction, not one edit."""
    changes = [
        sec(
            "modified",
            "4",
            "4",
            old="We do not sell your personal information to anyone. Contact us.",
            new="Contact us.",
        ),
        sec(
            "modified",
            "9",
            "9",
            old="Cookies are used.",
            new="Cookies are used. We do not share your personal data with advertisers unless you consent.",
        ),
    ]
    flags = {
        (f.section, f.change, f.direction) for f in flag_changes(changes) if f.category == "data-sharing"
    }
    assert ("4", "removed", "worse") in flags and ("9", "introduced", "better") in flags


def test_a_restructure_of_hundreds_of_sections_is_read_together_in_linear_work() -> None:
    """Every section of a 300-clause page removed and re-added with reworded clauses: each removed
    clause pairs with its rewording, none is left as a removal, and the same clause counts once."""
    olds = [
        f"We may share your personal information with advertising partner number {k}." for k in range(300)
    ]
    news = [
        f"We may disclose your personal information to advertising partner number {k}." for k in range(300)
    ]
    changes = [sec("removed", str(k), None, old=t) for k, t in enumerate(olds)]
    changes += [sec("added", None, f"{k}.1", new=t) for k, t in enumerate(news)]
    flags = [f for f in flag_changes(changes) if f.category == "data-sharing"]
    assert flags and all(f.change == "modified" for f in flags)


def test_pairs_are_chosen_for_the_whole_version_best_first() -> None:
    """An edited copy of a removed clause in one new section pairs with it, even when another new
    section listed before it holds a less alike clause of the same category."""
    old = (
        "Any dispute arising out of these terms shall be resolved by binding arbitration administered by "
        "the American Arbitration Association under its consumer rules."
    )
    changes = [
        sec("removed", "7", None, old=old),
        sec("added", None, "2", new="All claims shall be decided by binding arbitration."),
        sec("added", None, "16", new=old.replace("consumer rules", "commercial rules")),
    ]
    arb = {(f.section, f.change) for f in flag_changes(changes) if f.category == "arbitration"}
    assert ("16", "modified") in arb and ("2", "introduced") in arb


def test_a_new_power_is_never_paired_loosely() -> None:
    """On a restructure, a harmful clause in a new section that shares few words with one in a removed
    section is still introduced (worse), not a move."""
    changes = [
        sec("removed", "11", None, old="We may suspend your account if you breach these terms."),
        sec(
            "added",
            None,
            "4.2",
            new="Anysphere may terminate Beta Services at any time without notice or liability.",
        ),
    ]
    term = [(f.section, f.change, f.direction) for f in flag_changes(changes) if f.category == "termination"]
    assert ("4.2", "introduced", "worse") in term
