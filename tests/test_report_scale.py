"""`tosdiff report` on hostile pages: work grows linearly with the sections changed, and is bounded.

Linearity is asserted on the work done, never on the clock: every line of tosdiff's own code executed
plus every character scanned by a string method (``out.replace`` over a growing page is the classic
hidden quadratic), measured at n and 2n tiny sections. Timing figures live in bench/bench_report.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tosdiff
from tosdiff.report import MAX_CHANGES_SHOWN, build_report
from tosdiff.store import Store

TOSDIFF_DIR = str(Path(tosdiff.__file__).parent)


def tiny_sections(n: int, word: str) -> str:
    """A document of `n` numbered one-line sections, each ending with `word`."""
    return "\n\n".join(f"## {i}. Part {i}\n\nClause {i} says {word}." for i in range(1, n + 1)) + "\n"


def store_with_versions(path: Path, texts: list[str]) -> Store:
    """A fresh store holding one document "hostile" with `texts` as its versions, oldest first."""
    store = Store(path)
    with store.transaction():
        store.upsert_document("hostile", "https://example.org/terms")
        for i, text in enumerate(texts):
            store.add_version(
                "hostile",
                text,
                snapshot_id=None,
                extractor_version="t",
                fingerprint="t",
                kind="new" if i == 0 else "changed",
            )
    return store


def work(fn: Callable[[], Any]) -> int:
    """Lines of tosdiff code executed plus characters scanned by str methods while `fn` runs."""
    ops = 0

    def lines(frame: Any, event: str, arg: Any) -> Any:
        nonlocal ops
        if event == "line":
            ops += 1
        return lines

    def calls(frame: Any, event: str, arg: Any) -> Any:
        return lines if frame.f_code.co_filename.startswith(TOSDIFF_DIR) else None

    def c_calls(frame: Any, event: str, arg: Any) -> None:
        nonlocal ops
        owner = getattr(arg, "__self__", None)
        if event == "c_call" and isinstance(owner, str):
            ops += len(owner)

    sys.settrace(calls)
    sys.setprofile(c_calls)
    try:
        fn()
    finally:
        sys.setprofile(None)
        sys.settrace(None)
    return ops


def report_work(tmp_path: Path, n: int) -> int:
    """The work of `build_report` on a document of `n` tiny sections, every one of them reworded."""
    folder = tmp_path / str(n)
    store = store_with_versions(folder / "t.db", [tiny_sections(n, "yes"), tiny_sections(n, "no")])
    try:
        return work(lambda: build_report(store, folder / "site"))
    finally:
        store.close()


def test_report_work_grows_linearly_with_the_sections_changed(tmp_path: Path) -> None:
    report_work(tmp_path, 5)  # loads the flag rules and the classifier once, outside the measures
    # Both sizes stay under MAX_CHANGES_SHOWN, so every change is rendered: the cut plays no part.
    small, large = report_work(tmp_path, 200), report_work(tmp_path, 400)
    assert 400 < MAX_CHANGES_SHOWN
    # Linear work doubles (plus a little for longer section numbers); quadratic work quadruples.
    assert 1.6 < large / small < 2.5, (small, large)


def test_a_version_shows_at_most_max_changes_and_says_what_it_left_out(tmp_path: Path) -> None:
    n = MAX_CHANGES_SHOWN + 100
    store = store_with_versions(tmp_path / "t.db", [tiny_sections(n, "yes"), tiny_sections(n, "no")])
    try:
        build_report(store, tmp_path / "site")
    finally:
        store.close()
    page = (tmp_path / "site" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert page.count('<section class="tosdiff-change') == MAX_CHANGES_SHOWN
    assert "100 more changed sections not shown here: run `tosdiff diff hostile --from 1 --to 2`." in page
    # Every shown change still links to its clause history, and those pages exist.
    assert page.count('class="history"') == MAX_CHANGES_SHOWN
    feed = (tmp_path / "site" / "hostile" / "feed.atom").read_text(encoding="utf-8")
    assert "100 more changed sections not shown here" in feed


def test_clause_pages_are_capped_to_the_most_recently_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tosdiff.report as report

    monkeypatch.setattr(report, "MAX_CLAUSE_PAGES", 50)
    n = 120
    v3 = tiny_sections(n, "no").replace("Clause 7 says no.", "Clause 7 says maybe.")
    v3 = v3.replace("Clause 90 says no.", "Clause 90 says perhaps.")
    store = store_with_versions(tmp_path / "t.db", [tiny_sections(n, "yes"), tiny_sections(n, "no"), v3])
    try:
        build_report(store, tmp_path / "site")
        (doc,) = report.gather(store)
        chosen = report.clause_histories(store, doc)
    finally:
        store.close()
    assert len(chosen) == 50 and doc.clauses_left_out == n - 50
    assert len(list((tmp_path / "site" / "hostile" / "clause").iterdir())) == 50
    # The clauses changed in the latest version keep their pages.
    latest = {c.new_id for c in doc.versions[-1].changes}
    assert len(latest) == 2 and latest <= set(chosen)
    page = (tmp_path / "site" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "70 more changed clauses have none here: run <code>tosdiff log hostile SECTION</code>" in page


def test_flags_are_capped_worst_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from tosdiff.models import Flag
    from tosdiff.report import flags_html

    flags = [Flag("ai-training", sev, str(i), "x", "why") for i, sev in enumerate(["low"] * 5 + ["high"])]
    out = flags_html(flags, limit=2, hint=": run `tosdiff diff d --from 1 --to 2`")
    assert out.count('<li class="flag') == 2
    assert out.index("sev-high") < out.index("sev-low")  # the worst flag is never the one cut
    assert "4 more flags not shown here: run `tosdiff diff d --from 1 --to 2`." in out


def test_overall_feed_keeps_only_the_newest_documents_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: a build holds the changes of the documents in the overall feed only, never re-reads them."""
    import xml.etree.ElementTree as ET

    from tosdiff import report

    monkeypatch.setattr(report, "FEED_LIMIT", 3)
    store = Store(tmp_path / "db.sqlite")
    # Document i's second version is recorded at minute (i * 7) % 10: the newest are not the last ones.
    minute = {f"doc-{i}": (i * 7) % 10 for i in range(10)}
    with store.transaction():
        for name, m in minute.items():
            store.upsert_document(name, f"https://example.org/{name}")
            for k, (word, at) in enumerate(
                (("old", "2026-01-01T00:00:00Z"), (f"new{name}", f"2026-02-01T00:{m:02d}:00Z"))
            ):
                store.add_version(
                    name,
                    tiny_sections(2, word),
                    snapshot_id=None,
                    extractor_version="t",
                    fingerprint="t",
                    kind="new" if k == 0 else "changed",
                    recorded_at=at,
                )
    gathered: list[str] = []
    real = report.gather_one

    def counting(store: Store, row: dict, *args: Any) -> Any:
        gathered.append(row["name"])
        return real(store, row, *args)

    monkeypatch.setattr(report, "gather_one", counting)
    build_report(store, tmp_path / "site")
    assert sorted(gathered) == sorted(minute)  # each document read once: none again for the feed
    feed = (tmp_path / "site" / "feed.atom").read_text(encoding="utf-8")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(feed).findall("a:entry", ns)
    newest = sorted(minute, key=lambda n: minute[n], reverse=True)[:3]
    assert [e.find("a:updated", ns).text for e in entries] == [
        f"2026-02-01T00:{minute[n]:02d}:00Z" for n in newest
    ]  # type: ignore[union-attr]
    for name, entry in zip(newest, entries, strict=True):
        assert f"new{name}" in ET.tostring(entry, encoding="unicode")  # the entry shows its change
    store.close()
