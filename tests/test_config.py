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
