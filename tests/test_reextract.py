"""`tosdiff reextract`: re-derive texts from stored snapshots after the selectors (or extractor) change."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer

PAGE = """<!doctype html><html><head><title>Acme Terms</title></head><body>
<main>
<h1>Acme Terms of Service</h1>
<div class="promo">Try Acme Pro free for 30 days! Upgrade now and save 20% on annual plans.</div>
<h2>1. Acceptance</h2>
<p>By using the Acme service you agree to these terms. If you do not agree, do not use the service.</p>
<h2>2. Your Content</h2>
<p>You keep all rights in the content you upload. You grant Acme a limited licence to host and display
it only to provide the service to you.</p>
<h2>3. Termination</h2>
<p>You may close your account at any time. We may suspend accounts that break these terms after notice.</p>
</main>
<footer class="newsletter"><p>Subscribe to the Acme newsletter for product news, tips and invitations to
our webinars. We send one email a month and you can unsubscribe whenever you like. Follow us on social
media to hear about new features first, and join the community forum to meet other Acme customers.</p>
</footer></body></html>"""


def _set_doc(cli, **changes) -> None:
    """Rewrite the single [[documents]] table of the test config with new keys."""
    lines = cli.config.read_text().splitlines()
    out = []
    for line in lines:
        key = line.split(" = ", 1)[0]
        if key in changes:
            continue
        out.append(line)
    index = out.index("[[documents]]")
    out[index + 1 : index + 1] = [f"{k} = {json.dumps(v)}" for k, v in changes.items()]
    cli.config.write_text("\n".join(out) + "\n")


def test_reextract_records_a_technical_version_then_check_is_unchanged(
    httpserver: HTTPServer, make_cli
) -> None:
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    cli = make_cli(
        [
            {"name": "acme", "url": httpserver.url_for("/terms"), "select": ["main"]},
            {"name": "never", "url": httpserver.url_for("/never-checked"), "select": ["main"]},
        ]
    )
    code, out = cli.json("check", "acme")
    assert code == 0 and out["documents"][0]["status"] == "new"
    assert "Upgrade now" in cli.run("show", "acme").stdout

    # Nothing changed in the config: reextract finds the same text and records nothing.
    code, out = cli.json("reextract")
    assert code == 0, out
    assert {d["name"]: d["status"] for d in out["documents"]} == {"acme": "unchanged", "never": "unchanged"}

    # The user learns to drop the promo banner.
    _set_doc(cli, remove=[".promo"])
    code, out = cli.json("reextract", "acme")
    assert code == 0, out
    [doc] = out["documents"]
    assert doc["status"] == "technical" and doc["version"] == 2 and doc["previous_version"] == 1
    assert doc["changed_sections"], doc  # what changed is printed
    assert doc["flags"] == []
    text = cli.run("show", "acme").stdout
    assert "Upgrade now" not in text and "limited licence to host" in text

    code, hist = cli.json("history", "acme")
    assert [(h["version"], h["kind"], h["technical"]) for h in hist] == [
        (1, "new", False),
        (2, "technical", True),
    ]
    table = cli.run("reextract")
    assert table.returncode == 0 and "acme" in table.stdout

    # The next check reads the same page with the new selectors: unchanged, not a new version.
    code, out = cli.json("check", "acme")
    assert code == 0 and out["documents"][0]["status"] == "unchanged", out
    assert out["documents"][0]["version"] == 2
    code, hist = cli.json("history", "acme")
    assert len(hist) == 2


def test_reextract_with_a_broken_selector_records_nothing(httpserver: HTTPServer, make_cli) -> None:
    httpserver.expect_request("/terms").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    cli = make_cli([{"name": "acme", "url": httpserver.url_for("/terms"), "select": ["main"]}])
    assert cli.json("check")[1]["documents"][0]["status"] == "new"
    _set_doc(cli, select=["#terms-that-are-not-there"])
    code, out = cli.json("reextract")
    assert code == 1
    [doc] = out["documents"]
    assert doc["status"] == "error" and doc["error_class"] == "bad-content", doc
    code, hist = cli.json("history", "acme")
    assert [h["version"] for h in hist] == [1]

    # A selector that picks the wrong part of the page (the newsletter footer: a shorter text sharing
    # nothing with the terms) is refused as a likely selector mistake.
    _set_doc(cli, select=[".newsletter"], max_shrink=0.05)
    code, out = cli.json("reextract")
    [doc] = out["documents"]
    assert code == 1 and doc["status"] == "error" and "max_shrink" in doc["error"], doc
    assert "keeps almost none" in doc["error"]
    assert len(cli.json("history", "acme")[1]) == 1

    # Dropping the promo banner shrinks the text past max_shrink = 0.05 too, but what remains is the
    # terms, sentence for sentence: a technical version, not a refusal. Shrink is judged by content.
    _set_doc(cli, select=["main"], remove=[".promo"], max_shrink=0.05)
    code, out = cli.json("reextract")
    [doc] = out["documents"]
    assert code == 0 and doc["status"] == "technical" and doc["version"] == 2, doc
