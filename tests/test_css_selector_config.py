"""Issue 15 item 9: CSS selectors in `select`/`remove` are validated when the config loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_config
from tosdiff.config import load_config
from tosdiff.errors import ConfigError

GOOD = {"name": "good", "url": "http://127.0.0.1:9/a", "select": ["main > article", "#terms"]}


@pytest.mark.parametrize(
    ("key", "bad"),
    [("select", "div["), ("remove", "..nav"), ("select", "p::before"), ("remove", "a:nosuchpseudo(")],
)
def test_bad_selector_is_a_config_error_with_its_key_path(tmp_path: Path, key: str, bad: str) -> None:
    docs = [
        GOOD,
        GOOD | {"name": "b"},
        GOOD | {"name": "c"},
        {"name": "d", "url": "http://x/", key: ["p", bad]},
    ]
    path = write_config(tmp_path, docs)
    with pytest.raises(ConfigError) as e:
        load_config(path)
    msg = str(e.value)
    assert f"documents[3].{key}[1]" in msg
    assert "CSS selector" in msg and bad in msg


def test_valid_selectors_load(tmp_path: Path) -> None:
    doc = GOOD | {"remove": ["nav", ".cookie-banner", "li:nth-child(2)", "div:has(p)"]}
    config = load_config(write_config(tmp_path, [doc]))
    assert config.documents[0].select == ("main > article", "#terms")
    assert "li:nth-child(2)" in config.documents[0].remove


def test_cli_exits_2_at_load_naming_the_key(make_cli) -> None:
    """`check` never reaches the fetch: the bad selector is reported as a config error, exit 2."""
    cli = make_cli([{"name": "acme", "url": "http://127.0.0.1:9/terms", "select": ["#terms", "div[class"]}])
    proc = cli.run("check")
    assert proc.returncode == 2, proc.stderr
    assert "documents[0].select[1]" in proc.stderr
    assert "bad-content" not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2
