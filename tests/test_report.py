"""`tosdiff report`: static site and Atom feeds from a database recorded through the real CLI."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CLI, write_config

from tosdiff.demo import DemoServer, demo_pages

ATOM = "{http://www.w3.org/2005/Atom}"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# A hostile page: its text holds markup and feed-breaking strings that must come out escaped.
HOSTILE = [
    (
        b"<html><body><main><h1>Evil Terms</h1>"
        b"<p>1. Use. &lt;script&gt;alert(1)&lt;/script&gt; and ]]&gt; &amp; &lt;b&gt;bold&lt;/b&gt; "
        b"apply to every user of this service under these terms.</p>"
        b"<p>2. Law. These terms are governed by the laws of Ruritania and you agree to them.</p>"
        b"<p>3. Liability. To the extent permitted by law we are not liable for indirect damages of any kind.</p>"
        b"<p>4. Termination. We may suspend or terminate your account if you breach these terms of service.</p>"
        b"<p>5. Changes. We may change these terms; we will tell you thirty days before the change applies.</p>"
        b"</main></body></html>"
    ),
    (
        b"<html><body><main><h1>Evil Terms</h1>"
        b"<p>1. Use. &lt;script&gt;alert(2)&lt;/script&gt; and ]]&gt; &amp; &lt;img src=x onerror=alert(3)&gt; "
        b"apply to every user of this service under these terms.</p>"
        b"<p>2. Law. These terms are governed by the laws of Ruritania and you agree to them.</p>"
        b"<p>3. Liability. To the extent permitted by law we are not liable for indirect damages of any kind.</p>"
        b"<p>4. Termination. We may suspend or terminate your account if you breach these terms of service.</p>"
        b"<p>5. Changes. We may change these terms; we will tell you thirty days before the change applies.</p>"
        b"</main></body></html>"
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Check three demo versions and two hostile versions through the CLI, then build the report."""
    folder = tmp_path_factory.mktemp("report")
    with DemoServer(demo_pages()) as acme, DemoServer(HOSTILE) as evil:
        cli = CLI(
            write_config(
                folder,
                [
                    {"name": "acme", "url": acme.url, "title": "Acme Cloud Terms", "service": "Acme Cloud"},
                    {"name": "evil", "url": evil.url, "title": "Evil <i>Terms</i>"},
                ],
            )
        )
        for i in range(3):
            acme.publish(i)
            evil.publish(min(i, 1))
            proc = cli.run("check")
            assert proc.returncode == 0, proc.stderr
    out = folder / "site"
    proc = cli.run("report", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def test_site_pages_and_escaping(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="acme/index.html"' in index and 'href="evil/index.html"' in index
    assert "ai-training" in index and "content-licence" in index
    assert "Evil &lt;i&gt;Terms&lt;/i&gt;" in index and "<i>Terms</i>" not in index
    acme = (site / "acme" / "index.html").read_text(encoding="utf-8")
    assert 'id="v3"' in acme and 'id="v2"' in acme and 'id="v1"' in acme
    assert "10.4 Licence to Acme — modified" in acme
    assert "<ins>" in acme and "<del>" in acme
    assert 'href="clause/10.4.html"' in acme
    clause = (site / "acme" / "clause" / "10.4.html").read_text(encoding="utf-8")
    assert "without your consent" in clause and "perpetual" in clause
    # Every page of the site: no script, no external resource, document text escaped.
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), page
        assert "http://" not in html.split("<main>")[0] and "https://" not in html.split("<main>")[0], page
    evil = (site / "evil" / "index.html").read_text(encoding="utf-8")
    # The word diff splits the markup-looking text, but every piece of it stays escaped.
    assert "&lt;script&gt;alert(<del>1</del><ins>2</ins>)&lt;/script&gt;" in evil
    assert "&lt;<del>b&gt;bold&lt;/b</del><ins>img src=x onerror=alert(3)</ins>&gt;" in evil


def test_atom_feeds_are_valid(site: Path) -> None:
    for feed_path in (site / "feed.atom", site / "acme" / "feed.atom", site / "evil" / "feed.atom"):
        root = ET.parse(feed_path).getroot()
        assert root.tag == f"{ATOM}feed"
        for tag in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{tag}").text
        assert root.find(f"{ATOM}author/{ATOM}name").text == "tosdiff"
        entries = root.findall(f"{ATOM}entry")
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)
        for e in entries:
            assert e.find(f"{ATOM}updated").text.endswith("Z")
            assert e.find(f"{ATOM}link").get("href")
            assert e.find(f"{ATOM}content").get("type") == "html"
    overall = ET.parse(site / "feed.atom").getroot().findall(f"{ATOM}entry")
    assert len(overall) == 3 + 2  # every version of both documents
    updated = [e.find(f"{ATOM}updated").text for e in overall]
    assert updated == sorted(updated, reverse=True)
    acme = ET.parse(site / "acme" / "feed.atom").getroot().findall(f"{ATOM}entry")
    v2 = next(e for e in acme if " v2:" in e.find(f"{ATOM}title").text)
    assert {c.get("term") for c in v2.findall(f"{ATOM}category")} >= {"ai-training", "content-licence"}
    assert "<ins>" in v2.find(f"{ATOM}content").text  # escaped in the XML, HTML once parsed
    evil = ET.parse(site / "evil" / "feed.atom").getroot()
    content = "".join(e.find(f"{ATOM}content").text for e in evil.findall(f"{ATOM}entry"))
    assert "&lt;script&gt;alert(" in content and "<script" not in content and "<img" not in content


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_report_renders_in_headless_chromium(site: Path, tmp_path: Path) -> None:
    from tosdiff.browser import CHROMIUM_ARGS

    flags = [*CHROMIUM_ARGS, f"--user-data-dir={tmp_path / 'profile'}"]
    page = (site / "acme" / "index.html").as_uri()
    dom = subprocess.run(
        [CHROMIUM, *flags, "--dump-dom", page], capture_output=True, text=True, timeout=120
    ).stdout
    assert "10.4 Licence to Acme" in dom and "<del>" in dom and "<ins>" in dom
    assert "ai-training" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1280,900", page],
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 900)


def test_clause_history_agrees_with_section_history(tmp_path: Path) -> None:
    from tosdiff.history import section_history
    from tosdiff.report import clause_histories, gather
    from tosdiff.store import Store

    texts = [
        "# Terms\n\n## 1. Use\n\n1.1 You may use the service for lawful purposes only and in line with these terms.\n\n"
        "1.2 We may suspend accounts that break these terms after giving notice by email.\n\n"
        "## 2. Content\n\n2.1 You own your content and grant us a licence to host it for the service.\n",
        "# Terms\n\n## 1. Use\n\n1.1 You must be at least sixteen years old to create an account here.\n\n"
        "1.2 You may use the service for lawful purposes only and in line with these terms.\n\n"
        "1.3 We may suspend accounts that break these terms at any time without notice.\n\n"
        "## 2. Content\n\n2.1 You own your content and grant us a licence to host it for the service.\n",
        "# Terms\n\n## 1. Use\n\n1.1 You must be at least sixteen years old to create an account here.\n\n"
        "1.2 You may use the service for lawful purposes only and in line with these terms.\n\n"
        "1.3 We may suspend accounts that break these terms at any time without notice.\n\n"
        "## 2. Content\n\n2.1 You own your content and grant us a perpetual licence to use it for AI training.\n",
    ]
    store = Store(tmp_path / "t.db")
    try:
        with store.transaction():
            store.upsert_document("t", "https://example.org/terms")
            for i, text in enumerate(texts):
                store.add_version(
                    "t",
                    text,
                    snapshot_id=None,
                    extractor_version="t",
                    fingerprint="t",
                    kind="new" if i == 0 else "changed",
                )
        (doc,) = gather(store)
        ours = clause_histories(store, doc)
    finally:
        store.close()
    assert {"1.3", "2.1"} <= set(ours)
    versions = list(enumerate(texts, 1))
    for sid, events in ours.items():
        theirs = section_history(versions, sid)
        key = [(e["version"], e["kind"], e["id"], e["old_id"], e["new_id"]) for e in events]
        assert key == [(e["version"], e["kind"], e["id"], e["old_id"], e["new_id"]) for e in theirs], sid
    # 1.3 is the old 1.2, renumbered when a clause was inserted before it, and reworded.
    steps = {e["version"]: e for e in ours["1.3"]}
    assert steps[1]["kind"] == "added" and steps[1]["id"] == "1.2"
    assert steps[2]["old_id"] == "1.2" and steps[2]["new_id"] == "1.3" and steps[2]["hunks"]
    assert steps[3]["kind"] == "unchanged"


def test_report_refuses_a_foreign_non_empty_folder_and_rewrites_its_own(site: Path, tmp_path: Path) -> None:
    from tosdiff.errors import TosdiffError
    from tosdiff.report import build_report
    from tosdiff.store import Store

    foreign = tmp_path / "home"
    (foreign / "acme").mkdir(parents=True)
    (foreign / "acme" / "thesis.txt").write_text("precious")
    store = Store(site.parent / "db" / "tosdiff.db")
    try:
        with pytest.raises(TosdiffError, match="not empty"):
            build_report(store, foreign)
        assert (foreign / "acme" / "thesis.txt").read_text() == "precious"
        again = tmp_path / "again"
        first = build_report(store, again, ["acme"])
        second = build_report(store, again, ["acme"])
    finally:
        store.close()
    # site index + document page + 3 version pages + clause pages + flag timelines; a rebuild with
    # nothing recorded since keeps the document's pages and rewrites the index and timelines only.
    clauses = len(list((again / "acme" / "clause").glob("*.html")))
    timelines = len(list((again / "_timeline").glob("*.html")))
    assert timelines >= 2  # the timelines' index and a page per flagged category
    assert first.pages == 2 + 3 + clauses + timelines and first.reused == 0
    assert second.pages == 1 + timelines and second.reused == 1


def test_report_build_hash_follows_code_and_flag_models(tmp_path: Path) -> None:
    """Kept pages are rebuilt when tosdiff's code or a flag model changes, even without a version bump."""
    from tosdiff.report import report_build_hash

    package = tmp_path / "pkg"
    (package / "flags").mkdir(parents=True)
    (package / "diff.py").write_text("X = 1\n")
    (package / "flags" / "model-de.json").write_text('{"w": [1]}')
    first = report_build_hash(None, package)
    assert first == report_build_hash(None, package)  # stable across builds
    (package / "flags" / "model-de.json").write_text('{"w": [2]}')
    second = report_build_hash(None, package)
    (package / "diff.py").write_text("X = 2\n")
    third = report_build_hash(None, package)
    assert len({first, second, third}) == 3
