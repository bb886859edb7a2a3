"""`tosdiff import-ota-history`: Open Terms Archive *-versions git repositories become stored history.

The repositories are made by the tests with the git command, laid out like OTA's (``<Service>/<Type>.md``,
one commit per recorded version, technical commits with OTA's subjects, a file renamed on the way).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, write_config

from tosdiff import extract
from tosdiff.config import load_config
from tosdiff.otahistory import commits, import_file
from tosdiff.store import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TOS = "Zoom/Terms of Service.md"

INTRO = "# Zoom Terms of Service\n\nThese Terms of Service govern your use of the Zoom services and products."
CLAUSE_10_1 = "10.1 Customer Content. You or your End Users own all Customer Content you upload."
V1 = f"""{INTRO}

## 10. Customer Content

{CLAUSE_10_1}

10.4 Customer License Grant. You grant Zoom a licence to use Customer Content to provide the Services.
"""
V2 = f"""{INTRO}

## 10. Customer Content

{CLAUSE_10_1}

10.4 Customer License Grant. You grant Zoom a perpetual, worldwide, royalty-free licence to use Customer \
Content to provide the Services and for machine learning, artificial intelligence, training and testing.
"""
V3 = f"""{INTRO}

## 10. Customer Content

{CLAUSE_10_1}

10.4 Customer License Grant. You grant Zoom a perpetual, worldwide, royalty-free licence to use Customer \
Content to provide the Services and for machine learning, artificial intelligence, training and testing. \
Notwithstanding the above, Zoom will not use audio, video or chat Customer Content to train artificial \
intelligence models without your consent.
"""


class Repo:
    """A git repository in `path`, committed to with fixed dates and an OTA-like author."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2022-01-01T00:00:00Z") -> str:
        env = dict(os.environ)
        env.update(
            GIT_AUTHOR_NAME="OTA-Bot",
            GIT_AUTHOR_EMAIL="bot@opentermsarchive.org",
            GIT_COMMITTER_NAME="OTA-Bot",
            GIT_COMMITTER_EMAIL="bot@opentermsarchive.org",
            GIT_AUTHOR_DATE=date,
            GIT_COMMITTER_DATE=date,
        )
        return subprocess.run(
            ["git", *args], cwd=self.path, env=env, check=True, capture_output=True, text=True
        ).stdout

    def commit(self, files: dict[str, str], subject: str, date: str) -> str:
        for name, text in files.items():
            (self.path / name).parent.mkdir(parents=True, exist_ok=True)
            (self.path / name).write_text(text, encoding="utf-8")
            self.git("add", "--", name)
        self.git("commit", "-q", "-m", subject, date=date)
        return self.git("rev-parse", "HEAD").strip()

    def rename(self, old: str, new: str, subject: str, date: str) -> None:
        self.git("mv", old, new)
        self.git("commit", "-q", "-m", subject, date=date)


def seed_repo(path: Path) -> Repo:
    """The seed story, as OTA would hold it: first under an old file name, renamed, a technical commit."""
    repo = Repo(path)
    repo.commit({"Zoom/Terms of Use.md": V1}, "Record new Terms of Use", "2022-12-05T10:00:00Z")
    repo.commit(
        {"Zoom/Privacy Policy.md": INTRO + "\n\nWe collect data to run the services.\n"},
        "Record new Privacy Policy",
        "2022-12-06T10:00:00Z",
    )
    repo.rename(
        "Zoom/Terms of Use.md", TOS, "Rename Terms of Use to Terms of Service", "2023-01-10T10:00:00Z"
    )
    repo.commit({TOS: V2}, "Record changes in Terms of Service", "2023-04-01T09:30:00Z")
    # OTA re-renders a document when its declaration or the engine changes: a technical version.
    repo.commit(
        {TOS: V2.replace("Services and for", "Services  and for")},
        "Apply technical or declaration upgrade on Terms of Service",
        "2023-05-02T08:00:00Z",
    )
    repo.commit(
        {TOS: V2 + "\nEffective date: May 2023.\n"}, "Refilter Terms of Service", "2023-05-20T08:00:00Z"
    )
    repo.commit({TOS: V3}, "Record changes in Terms of Service", "2023-08-07T12:00:00Z")
    return repo


def config_for(folder: Path, extra_docs: list[dict] | None = None) -> Path:
    docs = [
        {
            "name": "zoom-terms-of-service",
            "url": "https://www.zoom.com/en/trust/terms/",
            "service": "Zoom",
            "type": "Terms of Service",
        }
    ]
    return write_config(folder, docs + (extra_docs or []))


def versions(db: Path, name: str = "zoom-terms-of-service") -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT version, recorded_at, kind, technical, source_ref FROM versions WHERE document = ? "
            "ORDER BY recorded_at, version",
            [name],
        ).fetchall()
    finally:
        conn.close()


def test_commits_follow_the_rename_and_come_oldest_first(tmp_path: Path) -> None:
    repo = seed_repo(tmp_path / "contrib-versions")
    found = commits(repo.path, TOS)
    assert [c.recorded_at[:10] for c in found] == [
        "2022-12-05",
        "2023-01-10",
        "2023-04-01",
        "2023-05-02",
        "2023-05-20",
        "2023-08-07",
    ]
    assert found[0].path == "Zoom/Terms of Use.md" and found[-1].path == TOS
    assert [c.technical for c in found] == [False, False, False, True, True, False]


def test_import_records_dated_versions_technical_ones_marked_and_is_idempotent(tmp_path: Path) -> None:
    repo = seed_repo(tmp_path / "contrib-versions")
    cli = CLI(config_for(tmp_path))
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--type", "Terms of Service")
    assert proc.returncode == 0, proc.stderr
    rows = versions(tmp_path / "db" / "tosdiff.db")
    # The rename commit has the same text as the version before it: nothing new to store.
    assert [(r[1][:10], r[2], r[3]) for r in rows] == [
        ("2022-12-05", "imported", 0),
        ("2023-04-01", "imported", 0),
        ("2023-05-20", "imported", 1),  # the Refilter commit added a line: a technical version
        ("2023-08-07", "imported", 0),
    ]
    assert all(r[4].startswith("git:") and len(r[4]) == 44 for r in rows)
    assert "4 versions imported" in proc.stderr and "1 technical" in proc.stderr
    assert "2 commits with the same text" in proc.stderr  # the rename and the whitespace-only upgrade
    # Again: nothing new. Then one more OTA commit: only it is added.
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--type", "Terms of Service")
    assert (
        proc.returncode == 0 and "0 versions imported" in proc.stderr and "4 imported before" in proc.stderr
    )
    repo.commit(
        {TOS: V3 + "\n## 11. Termination\n\nEither party may end this agreement.\n"},
        "Record changes in Terms of Service",
        "2024-02-01T00:00:00Z",
    )
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--type", "Terms of Service")
    assert "1 version imported" in proc.stderr
    assert len(versions(tmp_path / "db" / "tosdiff.db")) == 5
    # The stored text is the extractor's reading of the Markdown.
    code, history = cli.json("history", "zoom-terms-of-service")
    assert code == 0 and [h["kind"] for h in history] == ["imported"] * 5
    shown = cli.run("show", "zoom-terms-of-service", "--version", "1").stdout
    assert shown == extract.extract(V1.encode(), "text/markdown")


def test_bare_clone_and_since(tmp_path: Path) -> None:
    repo = seed_repo(tmp_path / "work")
    bare = tmp_path / "contrib-versions.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo.path), str(bare)], check=True)
    cli = CLI(config_for(tmp_path))
    proc = cli.run(
        "import-ota-history",
        str(bare),
        "--service",
        "Zoom",
        "--type",
        "Terms of Service",
        "--since",
        "2023-04-01",
    )
    assert proc.returncode == 0, proc.stderr
    assert [r[1][:10] for r in versions(tmp_path / "db" / "tosdiff.db")] == [
        "2023-04-01",
        "2023-05-20",
        "2023-08-07",
    ]


def test_absent_document_names_the_import_ota_command(tmp_path: Path) -> None:
    repo = seed_repo(tmp_path / "contrib-versions")
    cli = CLI(config_for(tmp_path))
    # Without --type, every type of the service is wanted: the privacy policy is not configured.
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom")
    assert proc.returncode == 2
    err = " ".join(proc.stderr.split())
    assert "zoom-privacy-policy" in err and "tosdiff import-ota" in err and "Zoom.json --append" in err
    assert not (tmp_path / "db" / "tosdiff.db").exists() or versions(tmp_path / "db" / "tosdiff.db") == []
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--type", "Cookie Policy")
    assert proc.returncode == 2 and "no file 'Zoom/Cookie Policy.md'" in proc.stderr
    assert "Privacy Policy, Terms of Service" in " ".join(proc.stderr.split())
    proc = cli.run("import-ota-history", str(tmp_path / "nowhere"), "--service", "Zoom")
    assert proc.returncode == 2 and "no such folder" in proc.stderr
    (tmp_path / "plain").mkdir()
    proc = cli.run("import-ota-history", str(tmp_path / "plain"), "--service", "Zoom")
    assert proc.returncode == 2 and "not a git repository" in proc.stderr
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--since", "last year")
    assert proc.returncode == 2 and "--since" in proc.stderr


def test_seed_story_end_to_end_then_a_live_check_says_unchanged(tmp_path: Path, httpserver) -> None:
    """v1 Dec 2022, v2 adds an AI-training licence to 10.4 (Apr 2023), v3 the consent carve-out (Aug 2023)."""
    repo = seed_repo(tmp_path / "contrib-versions")
    page = "<html><head><title>Zoom Terms</title></head><body><main>" + _html(V3) + "</main></body></html>"
    httpserver.expect_request("/terms").respond_with_data(page, content_type="text/html; charset=utf-8")
    hook = f'\n[[alerts]]\nkind = "webhook"\nname = "ops"\nurl = "{httpserver.url_for("/hook")}"\n'
    path = write_config(
        tmp_path,
        [
            {
                "name": "zoom-terms-of-service",
                "url": httpserver.url_for("/terms"),
                "select": ["main"],
                "service": "Zoom",
                "type": "Terms of Service",
            }
        ],
        hook,
    )
    cli = CLI(path)
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--type", "Terms of Service")
    assert proc.returncode == 0, proc.stderr
    log = cli.run("log", "zoom-terms-of-service", "10.4")
    assert log.returncode == 0, log.stderr
    assert "2022-12-05" in log.stdout and "2023-04-01" in log.stdout and "2023-08-07" in log.stdout
    code, events = cli.json("log", "zoom-terms-of-service", "10.4")
    assert code == 0 and [e["kind"] for e in events if e["kind"] != "unchanged"][:3] == [
        "added",
        "modified",
        "modified",
    ]
    # flags --version on an imported version: v2 (April 2023) carries the AI-training licence.
    code, flags = cli.json("flags", "zoom-terms-of-service", "--version", "2")
    assert code == 0 and any(f["category"] == "ai-training" and f["section"] == "10.4" for f in flags)
    code, data = cli.json("diff", "zoom-terms-of-service", "--from", "1", "--to", "2")
    assert code == 0 and [c["new_id"] for c in data["changes"]] == ["10.4"]
    # The timeline of the imported history names both dates: the licence in April, the carve-out in August.
    tl = cli.run("timeline", "--category", "ai-training")
    assert tl.returncode == 0, tl.stderr
    dated = [line for line in tl.stdout.splitlines() if " zoom-terms-of-service 10.4 ai-training " in line]
    assert any(line.startswith("2023-04-01") and "worse for users" in line for line in dated), tl.stdout
    assert any(line.startswith("2023-08-07") and "better for users" in line for line in dated), tl.stdout
    # The live page holds v3's terms: the check compares with the imported latest version.
    proc = cli.run("check", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"][0]["status"] == "unchanged", proc.stdout
    # Imported versions are never alerted: nothing queued, nothing sent.
    conn = sqlite3.connect(tmp_path / "db" / "tosdiff.db")
    assert conn.execute("SELECT COUNT(*) FROM deliveries").fetchone()[0] == 0
    conn.close()
    assert all(req.path != "/hook" for req, _ in httpserver.log)
    # report and export read the imported history like any other.
    assert cli.run("report", "--out", str(tmp_path / "site")).returncode == 0
    assert "2023-08-07" in (tmp_path / "site" / "zoom-terms-of-service" / "index.html").read_text()
    proc = cli.run("export", "zoom-terms-of-service", "--format", "git", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    dates = subprocess.run(
        ["git", "log", "--format=%cs"], cwd=tmp_path / "out", capture_output=True, text=True
    )
    assert dates.stdout.split() == ["2023-08-07", "2023-05-20", "2023-04-01", "2022-12-05"]


def _html(markdown: str) -> str:
    """The Markdown of the seed story as the HTML page OTA would have read it from."""
    out = []
    for block in markdown.strip().split("\n\n"):
        if block.startswith("## "):
            out.append(f"<h2>{block[3:]}</h2>")
        elif block.startswith("# "):
            out.append(f"<h1>{block[2:]}</h1>")
        else:
            out.append(f"<p>{block}</p>")
    return "\n".join(out)


def test_import_interleaves_with_fetched_versions_by_date(tmp_path: Path) -> None:
    """Versions fetched before an import keep their numbers; every listing follows recorded_at."""
    repo = seed_repo(tmp_path / "contrib-versions")
    config = load_config(config_for(tmp_path))
    doc = config.document("zoom-terms-of-service")
    store = Store(config.storage_path)
    try:
        with store.transaction():
            store.upsert_document(doc.name, doc.url)
            # A version fetched in March 2023 (between the imported v1 and v2), another one in 2026.
            store.add_version(
                doc.name,
                V1 + "\nFetched in March.\n",
                snapshot_id=None,
                extractor_version="3",
                fingerprint="x",
                kind="new",
                recorded_at="2023-03-01T00:00:00.000000Z",
            )
            store.add_version(
                doc.name,
                V3,
                snapshot_id=None,
                extractor_version="3",
                fingerprint="x",
                kind="changed",
                recorded_at="2026-01-01T00:00:00.000000Z",
            )
        result = import_file(store, doc, repo.path, TOS)
        assert result.added == 4
        listed = [(v["version"], v["recorded_at"][:7]) for v in store.versions(doc.name)]
        assert listed == [
            (3, "2022-12"),
            (1, "2023-03"),
            (4, "2023-04"),
            (5, "2023-05"),
            (6, "2023-08"),
            (2, "2026-01"),
        ]
        assert store.latest_version(doc.name)["version"] == 2  # the newest by date, not the last inserted
        assert store.previous_version(doc.name, 4) == 1 and store.previous_version(doc.name, 3) is None
        assert store.previous_version(doc.name, 2) == 6
        assert store.version_by_text(doc.name, store.version(doc.name, 6)["text_hash"]) == 2
        status = {r["document"]: r for r in store.documents()}
        assert status[doc.name]["latest_version"] == 2
        changes = store.db.execute(
            "SELECT version, previous_recorded_at FROM changes WHERE document = ? ORDER BY recorded_at",
            [doc.name],
        ).fetchall()
        # v3 (the oldest) is the start and v5 (Refilter) a technical version: neither is a change.
        assert [c[0] for c in changes] == [1, 4, 6, 2]
        assert changes[1][1].startswith("2023-03")
    finally:
        store.close()


TURNDOWN_MD = r"""Terms
=====

By using the **Services** you agree to the [Privacy Policy](https://ex.com/privacy?x=1 "Privacy") and these _terms_ which apply to every\_one.

*   First item that is long enough to be text.
    *   Nested item one here.
*   Second item of the list here.

1\. Scope
---------

1.  Numbered clause one of the agreement text.
2.  Numbered clause two of the agreement.

### 1.2 Fees

Filler text so that the page is long enough not to be a stub, 5 \* 3 = 15, and more words to pass.

* * *
"""
TURNDOWN_HTML = b"""<main><h1>Terms</h1><p>By using the <strong>Services</strong> you agree to the
<a href="https://ex.com/privacy?x=1">Privacy Policy</a> and these <em>terms</em> which apply to every_one.</p>
<ul><li>First item that is long enough to be text.<ul><li>Nested item one here.</li></ul></li>
<li>Second item of the list here.</li></ul><h2>1. Scope</h2><ol><li>Numbered clause one of the agreement
text.</li><li>Numbered clause two of the agreement.</li></ol><h3>1.2 Fees</h3><p>Filler text so that the page
is long enough not to be a stub, 5 * 3 = 15, and more words to pass.</p><hr></main>"""


def test_ota_markdown_reads_like_the_page_it_was_made_from(tmp_path: Path) -> None:
    """turndown's forms (bullets, emphasis, escapes, link queries) give the text the page itself gives."""
    repo = Repo(tmp_path / "versions")
    repo.commit({"Example/Terms of Service.md": TURNDOWN_MD}, "Record new Terms", "2024-01-01T00:00:00Z")
    config = load_config(
        write_config(tmp_path, [{"name": "example-terms-of-service", "url": "https://ex.com/terms"}])
    )
    store = Store(config.storage_path)
    try:
        import_file(store, config.documents[0], repo.path, "Example/Terms of Service.md")
        imported = store.text(store.latest_version("example-terms-of-service")["text_hash"])
    finally:
        store.close()
    assert imported == extract.extract(TURNDOWN_HTML, "text/html", select=["main"])
    assert "**" not in imported and "\\" not in imported and "?x=1" not in imported


def test_a_check_after_importing_a_newer_version_reads_the_page_again(tmp_path: Path, httpserver) -> None:
    """Same bytes as the last check no longer prove the latest text once a newer one was imported."""
    page = "<html><body><main>" + _html(V1) + "</main></body></html>"
    httpserver.expect_request("/terms").respond_with_data(page, content_type="text/html; charset=utf-8")
    doc = {"name": "zoom-terms-of-service", "url": httpserver.url_for("/terms"), "select": ["main"]}
    cli = CLI(write_config(tmp_path, [doc]))
    assert cli.run("check").returncode == 0
    repo = Repo(tmp_path / "versions")
    repo.commit({TOS: V3}, "Record changes in Terms of Service", "2099-01-01T00:00:00Z")
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom")
    assert proc.returncode == 0 and "1 version imported" in proc.stderr, proc.stderr
    proc = cli.run("check", "--json")
    assert json.loads(proc.stdout)["documents"][0]["status"] != "unchanged", proc.stdout


def test_imported_versions_say_what_changed_like_backfilled_ones(tmp_path: Path) -> None:
    """The `history` column "what changed" of an imported version: its changed sections, from the one before."""
    repo = seed_repo(tmp_path / "contrib-versions")
    cli = CLI(config_for(tmp_path))
    proc = cli.run("import-ota-history", str(repo.path), "--service", "Zoom", "--type", "Terms of Service")
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(tmp_path / "db" / "tosdiff.db")
    try:
        rows = conn.execute("SELECT version, summary FROM versions ORDER BY version").fetchall()
    finally:
        conn.close()
    summary = dict(rows)
    assert summary[1] is None  # the first version changed nothing
    assert summary[2] == "10.4 modified" and summary[4] == "10.4 modified"
    assert summary[3] == "10.4 modified"  # the Refilter commit's "Effective date" line joined 10.4
    table = cli.run("history", "zoom-terms-of-service").stdout
    assert table.count("10.4 modified") == 3
