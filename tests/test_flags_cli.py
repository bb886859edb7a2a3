"""Flags through the CLI: user rules from the config, disabled built-ins, and flags on a change."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

BASE = """<html><body><main><h1>Acme Terms of Service</h1>
<h2>1. Using Acme</h2><p>By using Acme you agree to these terms. You must be at least 16 years old to
use the service and you are responsible for your account and everything done with it.</p>
<h2>2. Your Content</h2><p>You keep all rights to the content you upload. You grant Acme a limited
licence to store and display it only to provide the service to you.</p>
<h2>3. Telemetry</h2><p>We collect crash reports to fix bugs in the service.</p>
</main></body></html>"""

WIDER = BASE.replace(
    "You grant Acme a limited\nlicence to store and display it only to provide the service to you.",
    "You grant Acme a perpetual, irrevocable, worldwide, royalty-free, sublicensable and transferable "
    "licence to use, modify and create derivative works of it for any purpose, including to train and "
    "improve our artificial intelligence and machine learning models.",
)


def test_change_flags_rules_and_disable(httpserver: HTTPServer, make_cli) -> None:
    page = {"body": BASE}
    httpserver.expect_request("/t").respond_with_handler(
        lambda r: Response(page["body"], content_type="text/html")  # noqa: ARG005
    )
    rules = (
        '\n[[rules]]\nname = "crash-reports"\ncategory = "telemetry"\nseverity = "high"\n'
        'patterns = ["crash reports?"]\nexplanation = "Acme collects crash data."\n'
    )
    cli = make_cli([{"name": "acme", "url": httpserver.url_for("/t"), "select": ["main"]}], extra=rules)
    assert cli.json("check")[0] == 0
    code, flags = cli.json("flags", "acme")
    assert code == 0
    assert any(
        f["category"] == "telemetry" and f["section"] == "3" and f["severity"] == "high" for f in flags
    )

    page["body"] = WIDER
    code, out = cli.json("check")
    doc = out["documents"][0]
    assert doc["status"] == "changed"
    assert [c["id"] for c in doc["changed_sections"]] == ["2"]
    cats = {f["category"]: f for f in doc["flags"]}
    assert cats["ai-training"]["change"] == "introduced" and cats["ai-training"]["polarity"] == "permissive"
    assert cats["content-licence"]["direction"] == "worse" and cats["content-licence"]["scope"] == "widened"
    code, summary = cli.json("flags", "--all")
    assert "ai-training" in summary["acme"]["categories"]


def test_disabled_builtin_and_bad_rule(make_cli, tmp_path) -> None:
    cli = make_cli(
        [{"name": "x", "url": "https://example.com/t"}],
        extra='\n[flags]\ndisable = ["ai-training"]\n[[rules]]\nname = "r"\ncategory = "c"\n'
        'patterns = ["(unclosed"]\n',
    )
    proc = cli.run("list")
    assert proc.returncode == 2 and "rules[0].patterns[0]" in proc.stderr


def test_user_rule_on_request(make_cli) -> None:
    assert Request is not None  # werkzeug is the server used by pytest-httpserver
    cli = make_cli(
        [{"name": "x", "url": "https://example.com/t"}], extra='\n[flags]\ndisable = ["no-such-rule"]\n'
    )
    proc = cli.run("list")
    assert proc.returncode == 2 and "disable[0]" in proc.stderr
