"""Sections and heading diffs on real shapes: suffixed clause numbers, top-level list items, capitals
titles, removed headings (each a regression found by review of the first version of these rules)."""

from __future__ import annotations

from tosdiff.diff import diff_texts
from tosdiff.diffview import to_unified
from tosdiff.models import Section
from tosdiff.sections import parse_sections


def _by(text: str) -> dict[str, Section]:
    return {s.id: s for s in parse_sections(text)}


def _owner(text: str, needle: str) -> list[str]:
    return [s.id for s in parse_sections(text) if needle in s.title or needle in s.text]


# 1. A suffixed heading after a clause whose number is not a count (bold-in-heading, as Tinder/Her):
TINDER = """# Terms

### **15. DISPUTE RESOLUTION**

Intro of 15.

### **15c. ARBITRATION OR SMALL CLAIMS**

*   **Disputes in certain jurisdictions.** If you live in X, this does not apply.

### 15d. INDIVIDUAL ARBITRATION AND MASS ARBITRATION PROTOCOLS

You and we agree to arbitrate every dispute individually.

### **16. GOVERNING LAW**

Texas law.
"""


def test_markdown_heading_15d_stays_a_section() -> None:
    owners = _owner(TINDER, "You and we agree to arbitrate")
    assert owners and "15d" in owners[0], owners


# 2. 10A right after 9 (no clause 10), a setext heading (Meta Platform Terms)
META = """Meta Platform Terms
===================

8\\. Notice
----------

Notices by email.

9\\. Indemnification
-------------------

You indemnify us.

10A. International Transfers — EEA Data Transfers
-------------------------------------------------

This section shall apply to the extent that your Processing includes EEA data.

11\\. General
------------

Misc.
"""


def test_10A_after_9_is_a_clause() -> None:
    owners = _owner(META, "This section shall apply")
    assert owners and owners[0] != "9", owners


# 3. A definitions/purposes list at top level keeps swallowing everything to the next heading
LLAMA = """# Data Commitments

We use customer data only:

1. To provide the services.
2. To comply with legal obligations.

Customer Content is never used to train our models. We delete it after 30 days.

## Privacy Policy

Effective December 16, 2025
"""


def test_untitled_top_level_item_does_not_take_the_preamble() -> None:
    by = _by(LLAMA)
    assert "never used to train" not in by["2"].text


# 4. Same clause, formatting change only (bold line -> bold heading): was "renumbered", now removed+added
OLD = "# T\n\n1.  INTRO\n\nHello.\n\n2.  CONTENT\n\nText.\n\n    **2b. MEMBER CONTENT**\n\n    Members own it.\n\n    **2c. OUR CONTENT**\n\n    We own the rest.\n"
NEW = "# T\n\n**1\\. INTRO**\n\nHello.\n\n**2\\. CONTENT**\n\nText.\n\n### **2b. MEMBER CONTENT**\n\nMembers own it.\n\n### **2c. OUR CONTENT**\n\nWe own the rest.\n"


def test_formatting_only_change_is_not_a_content_change() -> None:
    ch = diff_texts(OLD, NEW)
    assert not any(c.content_changed for c in ch)


# 5. Capitals split at an abbreviation's full stop
def test_capitals_sentence_not_split_at_abbreviation() -> None:
    txt = "# T\n\n5. General\n\n5.3 ACME INC. IS NOT LIABLE FOR ANY INDIRECT DAMAGES.\n\n5.6 ST. LOUIS COURTS HAVE JURISDICTION OVER ALL CLAIMS.\n"
    by = _by(txt)
    assert by["5.3"].title != "ACME INC" and by["5.6"].title != "ST"


FEES = "# Terms\n\nIntro.\n\n## 5. Fees\n\nYou pay us every month by card.\n\n## 6. Privacy\n\nWe keep your data safe.\n"


def test_a_removed_heading_shows_in_the_unified_diff_and_the_change() -> None:
    (change,) = diff_texts(FEES, FEES.replace("## 5. Fees", "## 5."))
    assert (change.title, change.old_title) == ("", "Fees")
    out = to_unified([change])
    assert "-Fees" in out


def test_a_retitled_clause_whose_text_changed_marks_both() -> None:
    new = FEES.replace("## 5. Fees", "## 5. Charges").replace("every month", "every year")
    (change,) = diff_texts(FEES, new)
    assert (change.title, change.old_title) == ("Charges", "Fees")
    marked = [(h.old, h.new) for h in change.hunks if h.op != "equal"]
    assert any("Fees" in o and "Charges" in n for o, n in marked)
    assert any("month" in o and "year" in n for o, n in marked)
