"""A count of renumbered clauses never reads as a clause id: "9 sections renumbered", not "9 renumbered".

Bardeen's real change (item 7 of clause 8 removed, nine items after it renumbered) in every place a
version is summed up in one line: the version row (history, git export), the check table, the alert subject.
"""

from __future__ import annotations

from rich.console import Console

from tests.conftest import data_file
from tosdiff.alerts import build_change_event
from tosdiff.alerts.message import subject
from tosdiff.diff import diff_texts
from tosdiff.models import CHANGED, CheckResult, Document, RunReport
from tosdiff.record import change_summary
from tosdiff.render import check_table


def _bardeen() -> CheckResult:
    old = data_file("trimmed", "pages", "bardeen-terms", "v1.md").read_text(encoding="utf-8")
    new = data_file("trimmed", "pages", "bardeen-terms", "v2.md").read_text(encoding="utf-8")
    return CheckResult("bardeen", CHANGED, version=2, previous_version=1, changes=tuple(diff_texts(old, new)))


def test_version_summary_and_check_table_count_sections() -> None:
    result = _bardeen()
    assert change_summary(result.changes) == "8.7 removed; 9 sections renumbered"
    console = Console(width=200, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(check_table(RunReport((result,))))
    assert "8.7 removed; 9 sections renumbered" in console.export_text()


def test_alert_subject_names_the_edit_and_counts_the_renumbered() -> None:
    event = build_change_event(
        Document("bardeen", "https://bardeen.example/terms", title="Bardeen Terms"),
        _bardeen(),
        recorded_at="2025-01-02T00:00:00Z",
        previous_recorded_at=None,
    )
    assert subject([event]) == "[tosdiff] Bardeen Terms: 8.7 removed, 9 sections renumbered"


def test_one_renumbered_section_is_singular() -> None:
    old = "# T\n\n## 1. Fees\n\nFees are due monthly.\n\n## 2. Law\n\nCalifornia law applies.\n"
    new = "# T\n\n## 1. Law\n\nCalifornia law applies.\n"
    assert change_summary(diff_texts(old, new)) == "1 removed; 1 section renumbered"
