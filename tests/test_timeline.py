"""`tosdiff timeline` and the report's timeline pages, on the seed story recorded through the store API
(v1 Dec 2022; v2 adds an AI-training licence to 10.4, Apr 2023; v3 adds the consent carve-out, Aug
2023), and end to end from a backfill of a local fake Wayback Machine."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import CLI
from tests.test_wayback import CAPTURES, FakeArchive
from tests.test_wayback import write_config as wayback_config
from tosdiff.config import load_config
from tosdiff.demo import demo_pages
from tosdiff.extract import extract
from tosdiff.store import Store
from tosdiff.timeline import (
    IMPACT,
    TimelineEvent,
    csv_cell,
    event_line,
    timeline,
)
from tosdiff.timeline_svg import chart_svg, timeline_site

SVG = "{http://www.w3.org/2000/svg}"
URL = "https://acme.example/terms"
V1, V2, V3 = (extract(p, "text/html", url=URL, select=["#terms"]) for p in demo_pages())
DEC, APR, AUG = "2022-12-01T10:00:00.000000Z", "2023-04-01T10:00:00.000000Z", "2023-08-01T10:00:00.000000Z"


def record(
    store: Store, name: str, text: str, when: str, kind: str = "changed", technical: bool = False
) -> int:
    """One version through the store API, as a check, an import or a backfill would write it."""
    with store.transaction():
        store.upsert_document(name, URL)
        return store.add_version(
            name,
            text,
            snapshot_id=None,
            extractor_version="test",
            fingerprint="test",
            kind=kind,
            technical=technical,
            recorded_at=when,
        )


def write_config(folder: Path, names: tuple[str, ...] = ("acme-terms",)) -> Path:
    path = folder / "tosdiff.toml"
    docs = "".join(f'\n[[documents]]\nname = "{n}"\nurl = "{URL}"\nselect = ["#terms"]\n' for n in names)
    path.write_text(f'[storage]\npath = "db/tosdiff.db"\n{docs}', encoding="utf-8")
    return path


@pytest.fixture
def seeded(tmp_path: Path) -> CLI:
    """The seed story recorded through the store API (the out-of-order case is tested on the library)."""
    config_path = write_config(tmp_path)
    store = Store(load_config(config_path).storage_path)
    try:
        record(store, "acme-terms", V1, DEC, kind="new")
        record(store, "acme-terms", V2, APR)
        record(store, "acme-terms", V3, AUG)
    finally:
        store.close()
    return CLI(config_path)


def test_the_seed_story_gives_both_dates_in_time_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    try:
        record(store, "acme-terms", V3, AUG)
        record(store, "acme-terms", V1, DEC, kind="backfilled")
        record(store, "acme-terms", V2, APR, kind="backfilled")
        events, left_out = timeline(store, ["acme-terms"], categories=["ai-training"])
    finally:
        store.close()
    assert left_out == 0
    lines = [event_line(e) for e in events]
    assert "2023-04-01 acme-terms 10.4 ai-training introduced (worse for users)" in lines
    carve_out = [e for e in events if e.date == "2023-08-01"]
    assert carve_out and carve_out[0].section == "10.4" and carve_out[0].impact == "better for users"
    assert "without your consent" in carve_out[0].excerpt
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert {e.date for e in events} == {"2023-04-01", "2023-08-01"}  # v1 is the start: nothing came or went
    apr = next(e for e in events if e.section == "10.4" and e.date == "2023-04-01")
    assert (apr.previous_version, apr.kind) == (2, "backfilled")  # diffed against Dec (v2), not v1 (Aug)


def test_technical_and_links_versions_add_no_dates_and_since_skips_older_ones(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    try:
        record(store, "acme-terms", V1, DEC)
        # A re-derived text that happens to differ (an extractor upgrade): not a change of the terms.
        record(store, "acme-terms", V2, "2023-01-15T00:00:00.000000Z", kind="changed", technical=True)
        record(store, "acme-terms", V3, AUG)
        events, _ = timeline(store, ["acme-terms"], categories=["ai-training"])
        assert {e.date for e in events} == {"2023-08-01"}
        assert all(e.previous_version == 2 for e in events)  # compared with the technical version's text
        assert timeline(store, ["acme-terms"], since="2023-09")[0] == []
        assert {e.date for e in timeline(store, ["acme-terms"], since="2023-08-01")[0]} == {"2023-08-01"}
    finally:
        store.close()


def test_cli_timeline_text_json_and_csv(seeded: CLI) -> None:
    proc = seeded.run("timeline", "--category", "ai-training")
    assert proc.returncode == 0, proc.stderr
    assert "2023-04-01 acme-terms 10.4 ai-training introduced (worse for users)" in proc.stdout
    assert "2023-08-01 acme-terms 10.4 ai-training" in proc.stdout
    assert "content-licence" not in proc.stdout

    code, data = seeded.json("timeline", "acme-terms", "--category", "ai-training")
    assert code == 0 and isinstance(data, list)
    assert {d["date"] for d in data} == {"2023-04-01", "2023-08-01"}
    first = data[0]
    assert {"date", "recorded_at", "document", "version", "section", "category", "action", "impact"} <= set(
        first
    )
    assert first["action"] in ("introduced", "removed", "widened", "narrowed")

    proc = seeded.run("timeline", "--csv", "--since", "2023-05")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and {r["date"] for r in rows} == {"2023-08-01"}
    assert rows[0]["document"] == "acme-terms" and rows[0]["excerpt"]

    # Whole histories of every document by default; other categories come along without --category.
    code, everything = seeded.json("timeline")
    assert code == 0 and {"ai-training", "content-licence"} <= {d["category"] for d in everything}


def test_cli_timeline_usage_errors(seeded: CLI) -> None:
    assert seeded.run("timeline", "nope").returncode == 2
    assert seeded.run("timeline", "--json", "--csv").returncode == 2
    proc = seeded.run("timeline", "--since", "last year")
    assert proc.returncode == 2 and "--since" in proc.stderr
    proc = seeded.run("timeline", "--category", "no-such-category")
    assert proc.returncode == 0 and proc.stdout == "" and "no flag came or went" in proc.stderr


def test_report_has_a_valid_escaped_timeline_page_per_category(seeded: CLI, tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = seeded.run("report", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert 'href="_timeline/index.html"' in (out / "index.html").read_text()
    index = (out / "_timeline" / "index.html").read_text()
    assert 'href="ai-training.html"' in index and "<script" not in index
    page = (out / "_timeline" / "ai-training.html").read_text()
    assert "<svg" in page and "<script" not in page and "2023-04-01" in page and "2023-08-01" in page
    assert 'href="../acme-terms/v3.html"' in page  # each date links the version that made it
    root = ET.parse(out / "_timeline" / "ai-training.svg").getroot()
    assert root.tag == f"{SVG}svg"
    marks = root.findall(f"{SVG}polygon")
    tips = [m.findtext(f"{SVG}title") or "" for m in marks]
    assert any(t.startswith("2023-04-01 acme-terms 10.4 ai-training introduced") for t in tips)
    assert any(t.startswith("2023-08-01 acme-terms 10.4 ai-training") for t in tips)
    # Worse is red, better is green.
    colours = {m.findtext(f"{SVG}title", "")[:10]: m.get("fill") for m in marks}
    assert colours["2023-04-01"] != colours["2023-08-01"]


def hostile_event(**kw: str) -> TimelineEvent:
    fields = dict(
        recorded_at="2024-02-01T00:00:00.000000Z",
        document="evil<doc>&",
        version=2,
        previous_version=1,
        section='10.4"><script>alert(1)</script>',
        category="ai-training",
        action="introduced",
        direction="widened",
        impact=IMPACT["widened"],
        severity="high",
        polarity="permissive",
        excerpt="We train on </title><script>x()</script> \u202eevil\u0007 content ]]> & more",
        rule="",
        kind="changed",
    )
    fields.update(kw)
    return TimelineEvent(**fields)  # type: ignore[arg-type]


def test_untrusted_text_is_escaped_in_the_svg_and_the_pages() -> None:
    events = [hostile_event(), hostile_event(category="<b>cat</b>", recorded_at="2025-06-01T00:00:00Z")]
    svg = chart_svg("ai-training", events[:1])
    root = ET.fromstring(svg)  # valid XML despite the hostile text (no control characters left)
    assert not list(root.iter("script")) and "<script" not in svg
    assert "\u202e" not in svg and "\u0007" not in svg
    title = root.find(f"{SVG}polygon/{SVG}title")
    assert title is not None and "<script>x()</script>" in (title.text or "")  # shown as text, not markup
    pages, svgs = timeline_site(events, {"evil<doc>&": "evil-doc"})
    for body in [b for _, b in pages.values()] + list(svgs.values()):
        assert "<script" not in body and "<b>cat" not in body
    for text in svgs.values():
        ET.fromstring(text)
    assert len(svgs) == 2 and all(p.startswith("_timeline/") for p in pages)


def test_csv_cells_never_start_a_formula() -> None:
    assert csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_cell("+1") == "'+1" and csv_cell("ai-training") == "ai-training" and csv_cell(None) == ""


def test_backfill_then_timeline_and_report_end_to_end(tmp_path: Path) -> None:
    """The story from the archive: backfill the three captures, then ask when AI training came."""
    with FakeArchive(CAPTURES, throttle="none") as archive:
        cli = CLI(wayback_config(tmp_path, archive.endpoint))
        proc = cli.run("backfill", "acme-terms", "--wayback", "--from", "2022-06-01")
        assert proc.returncode == 0, proc.stderr
        assert "2022-12-01 recorded as version 1" in proc.stdout
        assert "2023-02-10 skipped, wall" in proc.stdout and "2023-03-01 skipped, stub" in proc.stdout
        assert "3 recorded" in proc.stderr
        again = cli.run("backfill", "acme-terms", "--wayback", "--json")
        assert again.returncode == 0, again.stderr
        statuses = {o["timestamp"]: o["status"] for o in json.loads(again.stdout)["outcomes"]}
        assert statuses["20230401080000"] == "already"
    code, history = cli.json("history", "acme-terms")
    assert code == 0 and [v["recorded_at"][:10] for v in history] == [
        "2022-12-01",
        "2023-04-01",
        "2023-08-01",
    ]
    proc = cli.run("timeline", "--category", "ai-training")
    assert proc.returncode == 0, proc.stderr
    assert "2023-04-01 acme-terms 10.4 ai-training introduced (worse for users)" in proc.stdout
    assert "2023-08-01 acme-terms 10.4 ai-training" in proc.stdout
    assert cli.run("report", "--out", str(tmp_path / "site")).returncode == 0
    ET.parse(tmp_path / "site" / "_timeline" / "ai-training.svg")
