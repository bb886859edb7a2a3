"""Config validation: every problem names the file and the key, and the CLI exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CLI, ROOT
from tosdiff.config import load_config
from tosdiff.errors import ConfigError


def test_example_config_loads() -> None:
    config = load_config(ROOT / "config.example.toml")
    assert len(config.documents) >= 12
    names = [d.name for d in config.documents]
    assert len(set(names)) == len(names)
    assert all(d.url.startswith("https://") for d in config.documents)
    assert config.storage_path == ROOT / "snapshots" / "tosdiff.db"


BAD = {
    "unknown key": (
        '[[documents]]\nname = "a"\nurl = "https://e.com/t"\nselec = ["main"]\n',
        "documents[0].selec",
    ),
    "missing url": ('[[documents]]\nname = "a"\n', "documents[0].url"),
    "duplicate name": (
        '[[documents]]\nname = "a"\nurl = "https://e.com/1"\n[[documents]]\nname = "a"\nurl = "https://e.com/2"\n',
        "documents[1].name",
    ),
    "bad toml": ('[[documents]\nname = "a"\n', "invalid TOML"),
    "bad url": ('[[documents]]\nname = "a"\nurl = "ftp://e.com"\n', "documents[0].url"),
    "bad regex": (
        '[[documents]]\nname = "a"\nurl = "https://e.com"\nignore = ["("]\n',
        "documents[0].ignore[0]",
    ),
    "unknown table": ('[storgae]\npath = "x"\n', "storgae"),
    "bad cron": ('[schedule]\ndefault = "0 */6 * *"\n', "schedule.default"),
    "bad cron value": ('[schedule]\ndefault = "99 * * * *"\n', "schedule.default"),
    "bad interval": (
        '[[documents]]\nname = "a"\nurl = "https://e.com"\nevery = "often"\n',
        "documents[0].every",
    ),
    "wrong type": ('[fetch]\nworkers = "four"\n', "fetch.workers"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_config_names_file_and_key(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and expected in str(info.value)
    proc = CLI(path).run("check")
    assert proc.returncode == 2
    assert expected in proc.stderr and "bad.toml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "snapshots").exists()  # nothing written on a bad config


def test_missing_config_file(tmp_path: Path) -> None:
    proc = CLI(tmp_path / "nope.toml").run("list")
    assert proc.returncode == 2 and "not found" in proc.stderr


def test_relative_storage_path_is_relative_to_config(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "c.toml"
    path.parent.mkdir()
    path.write_text('[storage]\npath = "data/x.db"\n')
    assert load_config(path).storage_path == tmp_path / "sub" / "data" / "x.db"


def test_bad_flags_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("")
    proc = CLI(path).run("check", "--workers", "0")
    assert proc.returncode == 2 and "--workers" in proc.stderr
    proc = CLI(path).run("check", "nosuchdoc")
    assert proc.returncode == 2 and "nosuchdoc" in proc.stderr


def test_one_error_format_for_documents_alerts_and_rules(tmp_path: Path) -> None:
    # Every validator reports "<file>: <path.to.key>: <problem>", with the allowed keys for unknown ones.
    path = tmp_path / "c.toml"
    cases = {
        '[[documents]]\nname = "a"\nurl = "https://e.com"\ncolour = 1\n': "documents[0].colour: unknown key (",
        '[[alerts]]\nkind = "webhook"\nname = "a"\nurl = "https://e.com"\ncolour = 1\n': (
            "alerts[0].colour: unknown key ("
        ),
        '[[rules]]\nname = "r"\ncategory = "c"\npatterns = ["x"]\ncolour = 1\n': "rules[0].colour: unknown key (",
        '[[rules]]\nname = "r"\ncategory = "c"\n': "rules[0].patterns: required key is missing",
        '[flags]\ndisable = ["nope"]\n': "flags.disable[0]: unknown built-in rule",
        '[[documents]]\nname = "a"\nurl = "https://e.com"\nrender = "curl"\n': (
            'documents[0].render: expected "http" or "browser", got \'curl\''
        ),
    }
    for text, expected in cases.items():
        path.write_text(text)
        with pytest.raises(ConfigError) as info:
            load_config(path)
        assert str(info.value).startswith(f"{path}: {expected}"), str(info.value)


def test_configs_that_loaded_before_still_load(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(
        f'[schedule]\nevery = "0m"\n[[documents]]\nname = "{"d" * 100}"\nurl = "https://e.com"\nevery = "1.5h"\n'
        '[[alerts]]\nkind = "webhook"\nname = "ops"\nurl_env = "HOOK_URL"\nretry_max = 7200\n'
        '[flags]\ndisable = ["ai-training"]\n'
    )
    config = load_config(path)
    assert config.schedule.every == "0m" and config.documents[0].every == "1.5h"
    assert [(n.kind, n.name, n.url_env, n.retry_max) for n in config.alerts] == [
        ("webhook", "ops", "HOOK_URL", 7200)
    ]
    assert config.rules is not None and not config.rules.enabled("ai-training")
    assert load_config(tmp_path / "c.toml").raw_alerts[0]["name"] == "ops"
