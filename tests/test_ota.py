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
        "example-community-community-guidelines",
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
    # combine: one document of two pages; each page inherits the document's select/remove unless it
    # sets its own.
    guidelines = docs["example-community-community-guidelines"]
    part1, part2 = guidelines.sources
    assert (part1.url, part2.url) == (
        "https://example.org/rules/part-one",
        "https://example.org/rules/part-two",
    )
    assert guidelines.url == part1.url
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
    assert "-part1" not in proc.stdout and "# From Open Terms Archive" in proc.stdout


def test_append_adds_to_the_config_and_skips_names_already_there(declarations: Path, tmp_path: Path) -> None:
    path = write_starter_config(tmp_path / "tosdiff.toml")
    cli = CLI(path)
    proc = cli.run("import-ota", str(declarations / "declarations" / "Zoom.json"), "--append")
    assert proc.returncode == 0, proc.stderr
    assert [d.name for d in load_config(path).documents] == ["zoom-terms-of-service", "zoom-privacy-policy"]
    proc = cli.run("import-ota", str(declarations), "--append")
    assert proc.returncode == 0, proc.stderr
    assert "zoom-terms-of-service: a document with this name already exists" in proc.stderr
    assert len(load_config(path).documents) == 4
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


# TOML that closes a string or a comment and opens a notifier table: what a crafted declaration tries.
INJECT = '"\n[[alerts]]\nkind = "webhook"\nurl = "http://127.0.0.1:9/steal"\n# \'\'\' """ \\'


def _crafted(folder: Path) -> list[str]:
    """Declarations with the injection in every string field, key and selector; returns the safe names."""
    decls = {
        # The service name feeds every document's service, title and name: nothing of it is imported.
        "Evil Service": {
            "name": "Evil" + INJECT,
            "documents": {"Terms": {"fetch": "https://evil.example/t"}},
        },
        "Crafted": {
            "name": "Crafted",
            "documents": {
                "Terms of Service" + INJECT: {"fetch": "https://crafted.example/tos"},
                "Privacy": {"fetch": "https://crafted.example/privacy" + INJECT},
                "Cookies": {"fetch": "https://crafted.example/cookies", "select": ["main" + INJECT]},
                "Imprint": {"fetch": "https://crafted.example/imprint", "remove": [".ad", ".x" + INJECT]},
                "Rules": {
                    "combine": [
                        {"fetch": "https://crafted.example/r1", "select": "article" + INJECT},
                        {"fetch": "https://crafted.example/r2" + INJECT},
                    ]
                },
                # Only reported, never written: these documents are imported, their notes stay on one line.
                "Guidelines": {
                    "fetch": "https://crafted.example/guidelines",
                    "select": [{"startBefore": "#a" + INJECT, "endBefore": "#b"}],
                    "filter": ["strip" + INJECT, {"name": "x" + INJECT}],
                },
                "Safe": {"fetch": "https://crafted.example/safe", "select": "main#terms", "remove": ".ad"},
            },
        },
    }
    for stem, data in decls.items():
        (folder / f"{stem}.json").write_text(json.dumps(data), encoding="utf-8")
    # The file name goes into the comment that says where a document came from.
    (folder / ("Named" + INJECT.replace("/", "_") + ".json")).write_text(
        json.dumps({"name": "Named", "documents": {"Terms": {"fetch": "https://named.example/terms"}}}),
        encoding="utf-8",
    )
    return ["crafted-guidelines", "crafted-safe", "named-terms"]


def _no_injection(text: str, data: dict, headers: set[str] = frozenset()) -> None:
    """No table but [[documents]] (and the user's own `headers`), no key a document does not have."""
    assert "alerts" not in data
    keys = {"name", "url", "service", "type", "title", "select", "remove", "render"}
    for line in text.splitlines():
        if line.startswith("["):
            assert line == "[[documents]]" or line in headers, line
        elif line and not line.startswith("#"):
            assert line.split(" = ")[0] in keys or line in headers, line
    # What a comment quotes stays on its line: no line the import wrote starts the injected TOML.
    assert not any(line.startswith(("kind =", 'url = "http://127.0.0.1')) for line in text.splitlines())


def test_crafted_declarations_cannot_write_anything_but_documents(tmp_path: Path) -> None:
    folder = tmp_path / "declarations"
    folder.mkdir()
    expected = _crafted(folder)
    # Wide enough that the terminal does not wrap a note: each must be one line of its own.
    proc = CLI(tmp_path / "unused.toml").run("import-ota", str(folder), env={"COLUMNS": "2000"})
    assert proc.returncode == 0, proc.stderr
    data = tomllib.loads(proc.stdout)
    _no_injection(proc.stdout, data)
    assert list(data) == ["documents"]
    config = parse_config(data, tmp_path / "x.toml")
    assert sorted(d.name for d in config.documents) == expected
    safe = config.document("crafted-safe")
    assert (safe.url, safe.select, safe.remove) == ("https://crafted.example/safe", ("main#terms",), (".ad",))
    for doc in config.documents:
        for value in (doc.name, doc.url, doc.service, doc.type, doc.title, *doc.select, *doc.remove):
            assert "\n" not in value and "alerts" not in value
    # What was refused is said, naming the declaration and the key, each note on one line.
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == len(proc.stderr.strip().splitlines()), proc.stderr
    joined = "\n".join(notes)
    assert "Evil Service.json" in joined and "Crafted / Privacy" in joined and ".url" in joined
    assert "Crafted / Cookies" in joined and ".select[0]" in joined and "Crafted / Imprint" in joined


def test_crafted_declarations_appended_leave_the_rest_of_the_config_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "declarations"
    folder.mkdir()
    expected = _crafted(folder)
    path = write_starter_config(tmp_path / "tosdiff.toml")
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[documents]]\nname = "mine"   # my own\nurl = "https://example.org/mine"\n',
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    proc = CLI(path).run("import-ota", str(folder), "--append")
    assert proc.returncode == 0, proc.stderr
    text = path.read_text(encoding="utf-8")
    assert text.startswith(before)  # the user's text, comments and layout, byte for byte
    data = tomllib.loads(text)
    _no_injection(text, data, set(before.splitlines()))
    old = tomllib.loads(before)
    assert {k: v for k, v in data.items() if k != "documents"} == {
        k: v for k, v in old.items() if k != "documents"
    }
    assert [d.name for d in load_config(path).documents] == ["mine", *sorted(expected)]
