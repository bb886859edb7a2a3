"""The one name rule (documents, notifiers, report files): whole-string match, no control characters,
none of the report's own file names; and the report's folders for names an older database holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, write_config

from tosdiff.errors import ConfigError
from tosdiff.schema import ENV_NAME_RE, NAME_RE, valid_name


@pytest.mark.parametrize("bad", ["evil\n", "evil\r", "ev\til", "a\x1b[31mb", "a\u202eb", "x\x00"])
def test_names_with_control_characters_are_refused(bad: str) -> None:
    with pytest.raises(ConfigError, match="control character"):
        valid_name(bad, "tosdiff.toml: documents[0].name")
    # Callers matching the pattern directly (onboard, ota) are safe too: "$" matched before "\n".
    assert NAME_RE.match(bad) is None


@pytest.mark.parametrize("reserved", ["index.html", "INDEX.HTML", "style.css", "feed.atom"])
def test_names_of_the_reports_own_files_are_refused(reserved: str) -> None:
    with pytest.raises(ConfigError, match="report's own files"):
        valid_name(reserved, "tosdiff.toml: documents[0].name")


def test_ordinary_names_still_load_and_spaces_around_them_are_stripped() -> None:
    assert valid_name(" acme-terms ", "w") == "acme-terms"
    assert valid_name("index.html.v2", "w") == "index.html.v2"
    assert ENV_NAME_RE.match("TOKEN\n") is None and ENV_NAME_RE.match("TOKEN")


@pytest.mark.parametrize("name", ["evil\n", "index.html"])
def test_config_with_a_bad_document_name_is_one_clear_error(tmp_path: Path, name: str) -> None:
    config = write_config(tmp_path, [{"name": name, "url": "https://example.org/terms"}])
    proc = CLI(config).run("list")
    assert proc.returncode == 2, proc.stderr
    assert "name" in proc.stderr and str(config.name) in proc.stderr and "Traceback" not in proc.stderr


def test_report_keeps_its_index_when_the_database_holds_a_document_named_index_html(tmp_path: Path) -> None:
    from tosdiff.report import build_report
    from tosdiff.store import Store

    store = Store(tmp_path / "t.db")
    try:
        with store.transaction():
            for name in ("index.html", "acme"):
                store.upsert_document(name, "https://example.org/terms")
                store.add_version(
                    name,
                    "## 1. Use\n\nBe nice.\n",
                    snapshot_id=None,
                    extractor_version="t",
                    fingerprint="t",
                    kind="new",
                )
        build_report(store, tmp_path / "site")
    finally:
        store.close()
    index = tmp_path / "site" / "index.html"
    assert index.is_file() and "Terms of service watched by tosdiff" in index.read_text(encoding="utf-8")
    assert (tmp_path / "site" / "doc-index.html" / "index.html").is_file()
    assert 'href="doc-index.html/index.html"' in index.read_text(encoding="utf-8")


def test_report_refuses_to_write_through_a_symlink_in_its_folder(tmp_path: Path) -> None:
    from tosdiff.errors import TosdiffError
    from tosdiff.report import build_report
    from tosdiff.store import Store

    store = Store(tmp_path / "t.db")
    victim = tmp_path / "victim.css"
    victim.write_text("precious")
    try:
        with store.transaction():
            store.upsert_document("acme", "https://example.org/terms")
            store.add_version(
                "acme",
                "## 1. Use\n\nBe nice.\n",
                snapshot_id=None,
                extractor_version="t",
                fingerprint="t",
                kind="new",
            )
        build_report(store, tmp_path / "site")
        (tmp_path / "site" / "style.css").unlink()
        (tmp_path / "site" / "style.css").symlink_to(victim)
        with pytest.raises(TosdiffError, match="symbolic link"):
            build_report(store, tmp_path / "site")
    finally:
        store.close()
    assert victim.read_text() == "precious"


@pytest.mark.parametrize("command", [("report", "--out"), ("export", "acme", "--format", "markdown")])
def test_report_and_export_into_a_file_where_a_folder_should_be_are_one_clear_error(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    from tosdiff.store import Store

    config = write_config(tmp_path, [{"name": "acme", "url": "https://example.org/terms"}])
    store = Store(tmp_path / "db" / "tosdiff.db")
    with store.transaction():
        store.upsert_document("acme", "https://example.org/terms")
        store.add_version(
            "acme",
            "## 1. Use\n\nBe nice.\n",
            snapshot_id=None,
            extractor_version="t",
            fingerprint="t",
            kind="new",
        )
    store.close()
    (tmp_path / "afile").write_text("mine")
    proc = CLI(config).run(*command, str(tmp_path / "afile" / "out"))
    assert proc.returncode == 1, proc.stderr
    assert "afile" in proc.stderr and "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    assert (tmp_path / "afile").read_text() == "mine"


def test_a_rule_category_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    from tosdiff.config import parse_config
    from tosdiff.errors import ConfigError

    rule = {"name": "r", "category": "ai-training\n", "patterns": ["train"]}
    with pytest.raises(ConfigError, match=r"rules\[0\]\.category"):
        parse_config({"rules": [rule]}, tmp_path / "tosdiff.toml")
    rule["category"] = "ai-training"
    assert parse_config({"rules": [rule]}, tmp_path / "tosdiff.toml").rules is not None
