"""Issue 15 item 7: `diff --section` follows one clause through renumbering and rejects unknown ids."""

from __future__ import annotations

import json

import pytest
from pytest_httpserver import HTTPServer

from tosdiff.diff import diff_texts
from tosdiff.history import clause_changes, nearest_ids
from tosdiff.sections import parse_sections

CLAUSES_V1 = [
    ("Your Content", "You keep ownership of the content you upload to the service at all times."),
    ("Termination", "You may stop using the service at any time and close your account."),
    ("Governing Law", "These terms are governed by the laws of the State of California."),
    ("Arbitration", "Disputes are settled by binding arbitration in San Francisco."),
]
PRIVACY = ("Privacy", "We handle your personal data as our privacy notice describes in detail.")


def page(clauses: list[tuple[str, str]]) -> str:
    body = "".join(f"<h2>{i}. {t}</h2><p>{x}</p>" for i, (t, x) in enumerate(clauses, 1))
    return f"<html><body><main><h1>Example Terms</h1><p>These terms govern the service.</p>{body}</main></body></html>"


def v2_clauses() -> list[tuple[str, str]]:
    # A new clause 2 pushes every later clause down by one, and Governing Law (old 3, new 4) changes.
    law = ("Governing Law", CLAUSES_V1[2][1].replace("California", "Delaware"))
    return [CLAUSES_V1[0], PRIVACY, CLAUSES_V1[1], law, CLAUSES_V1[3]]


def texts() -> tuple[str, str]:
    def text(clauses: list[tuple[str, str]]) -> str:
        return (
            "Example Terms\n\n"
            + "\n\n".join(f"{i}. {t}\n\n{x}" for i, (t, x) in enumerate(clauses, 1))
            + "\n"
        )

    return text(CLAUSES_V1), text(v2_clauses())


def _pick(section: str):
    old, new = texts()
    changes = diff_texts(old, new)
    ids = [{s.id for s in parse_sections(t)} for t in (old, new)]
    return clause_changes(changes, ids[0], ids[1], section)


def test_clause_changes_follow_one_clause_only() -> None:
    three = _pick("3")
    assert (three.old_id, three.new_id) == ("2", "3")
    assert [(c.old_id, c.new_id) for c in three.changes] == [("2", "3")]
    four = _pick("section 4")
    assert [(c.old_id, c.new_id, c.content_changed) for c in four.changes] == [("3", "4", True)]
    two = _pick("2")
    assert [(c.kind, c.new_id) for c in two.changes] == [("added", "2")]
    assert _pick("1").changes == () and _pick("9") is None


def test_nearest_ids_names_siblings_and_look_alikes() -> None:
    assert "7.3" in nearest_ids("7.9", ["7", "7.1", "7.3", "12"])
    assert nearest_ids("§ 10.44", ["10.4", "2"])[0] == "10.4"


@pytest.fixture
def cli(httpserver: HTTPServer, make_cli):
    state = {"body": page(CLAUSES_V1)}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda _r: __import__("werkzeug").Response(state["body"], content_type="text/html; charset=utf-8")
    )
    cli = make_cli([{"name": "example", "url": httpserver.url_for("/terms"), "select": ["main"]}])
    assert cli.run("check").returncode == 0
    state["body"] = page(v2_clauses())
    proc = cli.run("check")
    assert proc.returncode == 0, proc.stderr
    return cli


def test_cli_section_after_renumbering_shows_that_clause_only(cli) -> None:
    code, data = cli.json("diff", "example", "--section", "3")
    assert code == 0
    assert [(c["old_id"], c["new_id"]) for c in data["changes"]] == [("2", "3")]
    proc = cli.run("diff", "example", "--section", "4")
    assert proc.returncode == 0, proc.stderr
    assert "Delaware" in proc.stdout and "California" in proc.stdout
    assert "Termination" not in proc.stdout and "Arbitration" not in proc.stdout


def test_cli_unknown_section_exits_2_with_nearest_ids(cli) -> None:
    proc = cli.run("diff", "example", "--section", "5.1")
    assert proc.returncode == 2
    assert "no section '5.1'" in proc.stderr and "nearest: 5" in proc.stderr
    assert "did not change" not in proc.stderr and "Traceback" not in proc.stderr
    json_proc = cli.run("diff", "example", "--section", "42", "--json")
    assert json_proc.returncode == 2 and json_proc.stdout == ""
    with pytest.raises(json.JSONDecodeError):
        json.loads(json_proc.stdout)


def test_cli_unchanged_clause_still_says_so(cli) -> None:
    proc = cli.run("diff", "example", "--section", "1")
    assert proc.returncode == 0
    assert "section 1 did not change between v1 and v2" in proc.stderr
