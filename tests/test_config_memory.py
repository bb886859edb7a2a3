"""A config of many documents: repeated values are made once, the parsed tables are let go (issue 17)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tosdiff.config import load_config, parse_config

CONFIG = """
[storage]
path = "t.db"

[[documents]]
name = "a"
url = "https://a.example/terms"
select = ["main", "#terms"]
tags = ["retail"]
service = "A"

[[documents]]
name = "b"
url = "https://b.example/terms"
select = ["main", "#terms"]
tags = ["retail"]
service = "A"

[[documents]]
name = "c"
url = "https://c.example/terms"
select = ["article"]
enabled = false
"""


def test_documents_share_repeated_selectors_tags_and_service(tmp_path: Path) -> None:
    """Two documents with the same selectors hold one tuple; the values are what the file says."""
    path = tmp_path / "tosdiff.toml"
    path.write_text(CONFIG, encoding="utf-8")
    config = load_config(path)
    a, b = config.documents
    assert a.select == b.select == ("main", "#terms")
    assert a.select is b.select
    assert a.tags is b.tags and a.tags == ("retail",)
    assert a.service is b.service and a.service == "A"
    assert [d.name for d in config.paused] == ["c"]
    assert config.paused[0].select == ("article",)
    # The same config as parse_config makes from a mapping it must leave as it was (onboarding's use).
    data = tomllib.loads(CONFIG)
    again = parse_config(data, path)
    assert again.documents == config.documents and again.paused == config.paused
    assert len(data["documents"]) == 3 and all(isinstance(t, dict) for t in data["documents"])


def test_a_consumed_mapping_gives_the_same_config(tmp_path: Path) -> None:
    """consume=True lets go of each document's table once read, and the config is the same."""
    path = tmp_path / "tosdiff.toml"
    data = tomllib.loads(CONFIG)
    kept = parse_config(tomllib.loads(CONFIG), path)
    spent = parse_config(data, path, consume=True)
    assert spent == kept
    assert data["documents"] == [None, None, None]
