"""Issue 17: a check of thousands of documents holds no result per document. `check --json` spools its
entries and prints exactly what the whole report printed; the table keeps only the rows it prints."""

from __future__ import annotations

import io
import json
import random

from rich.console import Console

from tosdiff import render
from tosdiff.cli.run import JsonSpool
from tosdiff.models import CHANGED, ERROR, NEW, UNCHANGED, CheckResult, Flag, Hunk, RunReport, SectionChange
from tosdiff.render import CheckRows, check_table
from tosdiff.serialize import report_dict

HOSTILE = 'x\x1b[31m\u202e<b>é\n"q"'
CHANGE = SectionChange(
    "modified", "10.4", "10.4", "Content " + HOSTILE, "old", "new", (Hunk("replace", "old", "new"),), 0.5, "C"
)
FLAG = Flag(
    "ai-training", "high", "10.4", "train " + HOSTILE, "may", "permissive", "introduced", "worse", "r", ""
)


def results(n: int) -> list[CheckResult]:
    out = []
    for i in range(n):
        if i % 7 == 3:
            out.append(CheckResult(f"doc-{i}", ERROR, 1, 1, error=f"boom {HOSTILE}", error_class="fetch"))
        elif i % 5 == 1:
            out.append(CheckResult(f"doc-{i}", CHANGED, 2, 1, changes=(CHANGE,), flags=(FLAG,)))
        elif i % 11 == 0:
            out.append(CheckResult(f"doc-{i}", NEW, 1))
        else:
            out.append(CheckResult(f"doc-{i}", UNCHANGED, 1, 1))
    return out


def spooled(rs: list[CheckResult], order: list[int]) -> str:
    out = io.StringIO()
    with JsonSpool() as spool:
        for k in order:
            spool.add(rs[k], k)
        spool.write_to(out)
    return out.getvalue()


def test_spooled_json_is_byte_for_byte_the_whole_report() -> None:
    rs = results(40)
    order = list(range(len(rs)))
    random.Random(3).shuffle(order)  # recorded in completion order, printed in config order
    expected = json.dumps(report_dict(RunReport(tuple(rs))), ensure_ascii=False, indent=2) + "\n"
    assert spooled(rs, order) == expected
    assert [d["name"] for d in json.loads(expected)["documents"]] == [r.name for r in rs]


def test_spooled_json_of_one_and_of_no_document() -> None:
    for rs in ([], results(1)):
        expected = json.dumps(report_dict(RunReport(tuple(rs))), ensure_ascii=False, indent=2) + "\n"
        assert spooled(rs, list(range(len(rs)))) == expected


def test_small_run_keeps_every_row_in_config_order() -> None:
    rs = results(render.CHECK_TABLE_ROWS)
    rows = CheckRows(len(rs))
    for k in reversed(range(len(rs))):
        rows.add(rs[k], k)
    report = rows.report()
    assert report.results == tuple(rs)
    assert report.checked == len(rs)
    out = Console(file=io.StringIO(), width=120).print(check_table(report))  # type: ignore[func-returns-value]
    assert out is None


def test_big_run_keeps_errors_then_changes_then_new_at_most_the_limit() -> None:
    n, limit = 2000, 50
    rs = results(n)
    rows = CheckRows(n, limit=limit)
    order = list(range(n))
    random.Random(5).shuffle(order)
    for k in order:
        rows.add(rs[k], k)
    report = rows.report()
    kept = report.results
    assert len(kept) == limit
    errors = [r for r in rs if r.status == ERROR]
    # More errors than the limit: the first `limit` errors in config order, nothing else.
    assert len(errors) > limit and list(kept) == errors[:limit]
    assert report.statuses() == {s: sum(r.status == s for r in rs) for s in {r.status for r in rs}}
    assert report.checked == n and report.failed and report.changed


def test_big_run_never_lists_unchanged_and_says_what_it_left_out() -> None:
    n = render.CHECK_TABLE_ROWS + 700
    rs = [CheckResult(f"doc-{i}", UNCHANGED, 1, 1) for i in range(n)]
    rs[10] = CheckResult("doc-10", CHANGED, 2, 1, changes=(CHANGE,))
    rs[900] = CheckResult("doc-900", ERROR, 1, 1, error="[bold]boom[/]", error_class="fetch")
    rows = CheckRows(n)
    for k, r in enumerate(rs):
        rows.add(r, k)
    report = rows.report()
    assert [r.name for r in report.results] == ["doc-10", "doc-900"]  # config order, unchanged left out
    console = Console(file=io.StringIO(), width=100, highlight=False)
    console.print(check_table(report))
    text = console.file.getvalue()
    assert "doc-900" in text and "[bold]boom[/]" in text  # markup printed literally
    assert f"{n:,} documents checked: 1 error, 1 changed, {n - 2:,} unchanged" in " ".join(text.split())
    assert f"{n - 2:,} not listed" in text
    assert sum(1 for line in text.splitlines() if line.startswith("│")) < 10


def test_report_counts_win_over_kept_results() -> None:
    report = RunReport((), {UNCHANGED: 9_999, ERROR: 1})
    assert report.checked == 10_000 and report.failed and not report.changed
    assert RunReport((CheckResult("a", CHANGED),)).changed


def test_technical_upgrade_reads_only_the_stale_documents(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Nothing stale: nothing re-derived (an empty list of names must not mean every document)."""
    from tests.conftest import write_config
    from tosdiff import pipeline
    from tosdiff.config import load_config
    from tosdiff.store import Store
    from tosdiff.work import fingerprint

    config = load_config(
        write_config(tmp_path, [{"name": f"d{i}", "url": f"https://x.example/{i}"} for i in range(3)])
    )
    store = Store(config.storage_path)
    with store.transaction():
        for i, doc in enumerate(config.documents):
            store.upsert_document(doc.name, doc.url)
            stamp = "old" if i == 1 else fingerprint(doc)
            store.add_version(
                doc.name, "text", snapshot_id=None, extractor_version="3", fingerprint=stamp, kind="new"
            )
    seen: list[str] = []
    monkeypatch.setattr(
        pipeline,
        "_reextract",
        lambda store, doc, latest: seen.append(doc.name) or CheckResult(doc.name, UNCHANGED),
    )
    assert pipeline.technical_upgrade(config, store, list(config.documents)) == {UNCHANGED: 1}
    assert seen == ["d1"]
    seen.clear()
    assert pipeline.technical_upgrade(config, store, [config.documents[0], config.documents[2]]) == {}
    assert seen == []
    store.close()
