"""`tosdiff import-ota`: Open Terms Archive declarations become validated [[documents]] tables."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from conftest import CLI

from tosdiff.config import load_config, parse_config
from tosdiff.errors import ConfigError
from tosdiff.onboard import write_starter_config
from tosdiff.ota import convert_declaration, import_declarations

# Modelled on real declarations (OpenTermsArchive/*-declarations, declarations/<Service>.json).
ZOOM = {
    "name": "Zoom",
    "documents": {
        "Terms of Service": {
            "fetch": "https://www.zoom.com/en/trust/terms/",
            "select": ["main#main"],
            "remove": [".cookie-banner", {"startBefore": "#related", "endAfter": "#footer"}],
            "executeClientScripts": True,
        },
        "Privacy Policy": {
            "fetch": "https://www.zoom.com/en/trust/privacy/privacy-statement/",
            "select": [{"startBefore": "#privacy-start", "endBefore": "#privacy-end"}],
            "filter": ["removeSharingLinks", "cleanDates"],
        },
    },
}
COMMUNITY = {
    "name": "Example Community",
    "documents": {
        "Community Guidelines": {
            "combine": [
                {"fetch": "https://example.org/rules/part-one", "select": "article"},
                {"fetch": "https://example.org/rules/part-two"},
            ],
            "select": ".rules",
            "remove": ".share",
        }
    },
}
OLD = {
    "name": "Old Service",
    "terms": {"Terms of Service": {"fetch": "https://old.example/tos", "select": ".content"}},
}


@pytest.fixture
def declarations(tmp_path: Path) -> Path:
    folder = tmp_path / "ota" / "declarations"
    folder.mkdir(parents=True)
    for name, data in (("Zoom", ZOOM), ("Example Community", COMMUNITY), ("Old Service", OLD)):
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    # History files describe past declarations, not what to track now.
    (folder / "Zoom.history.json").write_text(json.dumps({"Terms of Service": []}), encoding="utf-8")
    return tmp_path / "ota"


def test_declarations_become_documents_and_losses_are_reported(declarations: Path, tmp_path: Path) -> None:
    proc = CLI(tmp_path / "unused.toml").run("import-ota", str(declarations))
    assert proc.returncode == 0, proc.stderr
    config = parse_config(tomllib.loads(proc.stdout), tmp_path / "x.toml")
    docs = {d.name: d for d in config.documents}
    assert sorted(docs) == [
        "example-community-community-guidelines-part1",
        "example-community-community-guidelines-part2",
        "old-service-terms-of-service",
        "zoom-privacy-policy",
        "zoom-terms-of-service",
    ]
    tos = docs["zoom-terms-of-service"]
    assert tos.url == "https://www.zoom.com/en/trust/terms/" and tos.select == ("main#main",)
    assert tos.remove == (".cookie-banner",) and tos.render == "browser"
    assert (tos.service, tos.type) == ("Zoom", "Terms of Service")
    privacy = docs["zoom-privacy-policy"]
    assert privacy.select == () and privacy.render == "http"  # range only: tosdiff finds the text itself
    # combine sources inherit the document's select/remove unless they set their own.
    part1, part2 = (
        docs["example-community-community-guidelines-part1"],
        docs["example-community-community-guidelines-part2"],
    )
    assert part1.select == ("article",) and part2.select == (".rules",)
    assert part1.remove == part2.remove == (".share",)
    assert docs["old-service-terms-of-service"].select == (".content",)

    notes = " ".join(proc.stderr.split())
    assert (
        "Zoom / Privacy Policy: select range selector {startBefore: '#privacy-start', endBefore: '#privacy-end'}"
        in notes
    )
    assert "Zoom / Terms of Service: remove range selector" in notes
    assert "JavaScript filters not carried over: removeSharingLinks, cleanDates" in notes
    assert "combine, 2 pages" in notes and "-part1..example-community-community-guidelines-part2" in notes


def test_append_adds_to_the_config_and_skips_names_already_there(declarations: Path, tmp_path: Path) -> None:
    path = write_starter_config(tmp_path / "tosdiff.toml")
    cli = CLI(path)
    proc = cli.run("import-ota", str(declarations / "declarations" / "Zoom.json"), "--append")
    assert proc.returncode == 0, proc.stderr
    assert [d.name for d in load_config(path).documents] == ["zoom-terms-of-service", "zoom-privacy-policy"]
    proc = cli.run("import-ota", str(declarations), "--append")
    assert proc.returncode == 0, proc.stderr
    assert "zoom-terms-of-service: a document with this name already exists" in proc.stderr
    assert len(load_config(path).documents) == 5
    assert proc.stdout == ""  # appended, not printed


def test_bad_declarations_are_reported_not_imported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match='no "documents"'):
        convert_declaration({"name": "X"})
    bad = convert_declaration({"name": "X", "documents": {"ToS": {"fetch": "ftp://x/tos"}}})
    assert bad.entries == [] and "no http(s) fetch URL" in bad.notes[0]
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "Broken.json").write_text("{not json", encoding="utf-8")
    (folder / "Good.json").write_text(json.dumps(OLD), encoding="utf-8")
    result = import_declarations(folder)
    assert [e["name"] for e, _ in result.entries] == ["old-service-terms-of-service"]
    assert any(n.startswith("Broken.json: unreadable") for n in result.notes)
    proc = CLI(tmp_path / "c.toml").run("import-ota", str(tmp_path / "empty-nothing"))
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr
