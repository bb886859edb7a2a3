"""`tosdiff export`: markdown, JSON and git forms of a history recorded through the real CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from conftest import CLI, write_config

from tosdiff.demo import DemoServer, demo_pages
from tosdiff.store import Store


@pytest.fixture(scope="module")
def _recorded_once(tmp_path_factory) -> Path:
    """A config and database holding the three demo versions, checked by `tosdiff check` processes."""
    folder = tmp_path_factory.mktemp("recorded")
    with DemoServer(demo_pages()) as server:
        cli = CLI(
            write_config(
                folder, [{"name": "acme", "url": server.url, "title": "Acme Terms", "select": ["#terms"]}]
            )
        )
        for i in range(3):
            server.publish(i)
            proc = cli.run("check")
            assert proc.returncode == 0, proc.stderr
    return folder


@pytest.fixture
def recorded(_recorded_once: Path, tmp_path: Path) -> CLI:
    """A private copy of the recorded config and database (tests may add versions)."""
    folder = tmp_path / "recorded"
    shutil.copytree(_recorded_once, folder)
    return CLI(folder / "tosdiff.toml")


def _store(cli) -> Store:
    return Store(cli.config.parent / "db" / "tosdiff.db")


def test_markdown_one_file_per_version(recorded, tmp_path: Path) -> None:
    out = tmp_path / "md"
    proc = recorded.run("export", "acme", "--format", "markdown", str(out))
    assert proc.returncode == 0, proc.stderr
    files = sorted(out.glob("*.md"))
    assert [f.name for f in files] == ["acme-v0001.md", "acme-v0002.md", "acme-v0003.md"]
    store = _store(recorded)
    try:
        for f, v in zip(files, store.versions("acme"), strict=True):
            body = f.read_text(encoding="utf-8")
            assert body.endswith(store.text(v["text_hash"]))
            assert f'"recorded_at": "{v["recorded_at"]}"' in body
    finally:
        store.close()
    assert "perpetual, worldwide" in files[1].read_text(encoding="utf-8")
    assert "perpetual, worldwide" not in files[0].read_text(encoding="utf-8")


def test_json_has_versions_with_metadata_and_text(recorded, tmp_path: Path) -> None:
    proc = recorded.run("export", "acme", "--format", "json", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "acme.json").read_text(encoding="utf-8"))
    assert data["document"]["name"] == "acme" and data["document"]["title"] == "Acme Terms"
    assert [v["version"] for v in data["versions"]] == [1, 2, 3]
    assert [v["kind"] for v in data["versions"]] == ["new", "changed", "changed"]
    assert "10.4 modified" in data["versions"][1]["summary"]
    assert "without your consent" in data["versions"][2]["text"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_one_commit_per_version_dated_when_recorded(recorded, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    proc = recorded.run("export", "acme", "--format", "git", str(repo))
    assert proc.returncode == 0, proc.stderr
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--reverse", "--format=%at|%ct|%an <%ae>|%s"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    store = _store(recorded)
    try:
        versions = store.versions("acme")
        latest_text = store.text(versions[-1]["text_hash"])
    finally:
        store.close()
    assert len(log) == 3
    for line, v in zip(log, versions, strict=True):
        author_ts, committer_ts, author, subject = line.split("|")
        expected = int(datetime.fromisoformat(v["recorded_at"].replace("Z", "+00:00")).timestamp())
        assert int(author_ts) == expected == int(committer_ts)
        assert author == "tosdiff <tosdiff@localhost>"
        assert subject.endswith("Acme Terms")
    assert (repo / "acme.md").read_text(encoding="utf-8") == latest_text
    # The diff of the second commit is the AI-training licence.
    show = subprocess.run(
        ["git", "-C", str(repo), "show", "HEAD~1", "--format="], capture_output=True, text=True, check=True
    ).stdout
    assert "+10.4 Licence to Acme. You agree to grant and hereby grant Acme a perpetual" in show

    # Exporting again adds nothing; a later version adds exactly one commit.
    proc = recorded.run("export", "acme", "--format", "git", str(repo))
    assert "committed 0 new versions" in proc.stdout
    with DemoServer([demo_pages()[0]]) as server:
        text = recorded.config.read_text().replace(
            recorded.config.read_text().split('url = "')[1].split('"')[0], server.url
        )
        recorded.config.write_text(text)
        assert recorded.run("check").returncode == 0  # back to v1: recorded as a revert
    proc = recorded.run("export", "acme", "--format", "git", str(repo))
    assert "committed 1 new version to" in proc.stdout  # one version, in the singular
    count = subprocess.run(
        ["git", "-C", str(repo), "rev-list", "--count", "HEAD"], capture_output=True, text=True, check=True
    )
    assert count.stdout.strip() == "4"


def test_git_refuses_a_non_empty_folder_and_unknown_names(recorded, tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    proc = recorded.run("export", "acme", "--format", "git", str(tmp_path / "busy"))
    assert proc.returncode == 1 and "not empty" in proc.stderr
    proc = recorded.run("export", "nope", "--format", "json", str(tmp_path))
    assert proc.returncode == 2 and "no document named 'nope'" in proc.stderr  # exit 2 everywhere (issue 15)


def _git_out(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def test_git_export_into_a_users_repository_commits_only_its_own_file(recorded, tmp_path: Path) -> None:
    repo = tmp_path / "mine"
    repo.mkdir()
    _git_out(repo, "init", "-q", "-b", "main")
    ident = ["-c", "user.name=me", "-c", "user.email=me@example.org"]
    (repo / "notes.txt").write_text("first\n")
    _git_out(repo, "add", "notes.txt")
    _git_out(repo, *ident, "commit", "-q", "-m", "mine")
    # The user's work in progress: a staged new file and a staged edit.
    (repo / "secret.txt").write_text("not for tosdiff\n")
    (repo / "notes.txt").write_text("second\n")
    _git_out(repo, "add", "secret.txt", "notes.txt")

    proc = recorded.run("export", "acme", "--format", "git", str(repo))
    assert proc.returncode == 0, proc.stderr
    ours = _git_out(repo, "log", "--format=%H", "--author=tosdiff").split()
    assert len(ours) == 3
    for commit in ours:
        assert _git_out(repo, "show", "--name-only", "--format=", commit).split() == ["acme.md"]
    # Still staged, never committed: HEAD has the user's old notes and no secret.
    assert sorted(_git_out(repo, "diff", "--cached", "--name-only").split()) == ["notes.txt", "secret.txt"]
    assert _git_out(repo, "show", "HEAD:notes.txt") == "first\n"
    assert "secret.txt" not in _git_out(repo, "ls-tree", "--name-only", "HEAD").split()


@pytest.mark.parametrize(
    "fmt, file", [("git", "acme.md"), ("markdown", "acme-v0001.md"), ("json", "acme.json")]
)
def test_export_refuses_to_write_through_a_symlink(recorded, tmp_path: Path, fmt: str, file: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if fmt == "git":
        _git_out(out, "init", "-q", "-b", "main")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / file).symlink_to(victim)
    proc = recorded.run("export", "acme", "--format", fmt, str(out))
    assert proc.returncode == 1
    assert "symbolic link" in proc.stderr and "Traceback" not in proc.stderr
    assert victim.read_text() == "precious\n"


@pytest.mark.parametrize("name", ["evil\n", "index.html", "a\x1bb"])
def test_export_refuses_a_stored_name_that_is_no_file_name(tmp_path: Path, name: str) -> None:
    from tosdiff.export import ExportError, export_document

    store = Store(tmp_path / "t.db")
    try:
        with store.transaction():
            # A database written before the name rule was tightened.
            store.upsert_document(name, "https://example.org/terms")
            store.add_version(
                name, "Terms.\n", snapshot_id=None, extractor_version="t", fingerprint="t", kind="new"
            )
        with pytest.raises(ExportError, match="cannot export"):
            export_document(store, name, "markdown", tmp_path / "out")
    finally:
        store.close()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_title_with_a_newline_cannot_forge_the_version_trailer(tmp_path: Path) -> None:
    from tosdiff.export import export_git

    store = Store(tmp_path / "t.db")
    try:
        with store.transaction():
            # Titles can come from imported declarations: untrusted.
            store.upsert_document(
                "acme", "https://example.org/terms", title="Acme\n\nTosdiff-Version: acme v99"
            )
            for i, text in enumerate(("One.\n", "Two.\n")):
                store.add_version(
                    "acme",
                    text,
                    snapshot_id=None,
                    extractor_version="t",
                    fingerprint="t",
                    kind="new" if i == 0 else "changed",
                )
        assert export_git(store, "acme", tmp_path / "repo") == 2
        with store.transaction():
            store.add_version(
                "acme", "Three.\n", snapshot_id=None, extractor_version="t", fingerprint="t", kind="changed"
            )
        assert export_git(store, "acme", tmp_path / "repo") == 1  # v3 is new: no forged "v99" hides it
    finally:
        store.close()
    log = _git_out(tmp_path / "repo", "log", "--format=%B")
    assert "Tosdiff-Version: acme v99" not in log.splitlines()
