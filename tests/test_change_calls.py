"""Trustworthy change calls (issue 18): what counts as a change of the terms, and what is alerted.

Each test serves small pages of its own from a real local server and checks them through the real
runner and recorder (or the real CLI), against a real SQLite file.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tosdiff.config import parse_config
from tosdiff.diff import CONTENT, LINKS_ONLY, NO_CHANGE, compare_texts, shows_content, visible_tokens
from tosdiff.models import CHANGED, ERROR, LINKS, NEW, REVERTED, SPLIT, UNCHANGED
from tosdiff.runner import Checker
from tosdiff.store import Store

CT = "text/html; charset=utf-8"

CLAUSES = [
    ("Accounts", "You must keep your password secret and tell us at once about any misuse of your account."),
    ("Your Content", "You keep ownership of what you upload and grant us a licence to host and show it."),
    ("Fees", "Paid plans are billed monthly in advance and are not refundable except where the law says so."),
    ("Termination", "We may end this agreement if you break it, after giving you thirty days notice."),
]


def page(
    clauses: list[tuple[str, str]] = CLAUSES,
    *,
    link: str = "/privacy",
    nested: bool = False,
    zero_width: bool = False,
    spaces: str = " ",
) -> str:
    """A small terms page; the keyword arguments make edits a reader cannot see, or only in links."""
    zw = "\u200b\u200d" if zero_width else ""
    parts = []
    for n, (title, body) in enumerate(clauses, 1):
        parts.append(f"<h2>{n}. {zw}{title}</h2><p>{body.replace(' ', spaces)}</p>")
    items = "<li>Email us at any time.</li><li>Write to our office.</li>"
    contact = (
        f"<ul><li>Contact us:<ul>{items}</ul></li></ul>" if nested else f"<p>Contact us:</p><ul>{items}</ul>"
    )
    return (
        "<html><head><title>Terms</title></head><body><nav>Home</nav><main><h1>Acme Terms</h1>"
        f"<p>Read our <a href='{link}'>privacy policy</a> too.</p>{''.join(parts)}{contact}</main>"
        "<footer>(c) Acme</footer></body></html>"
    )


class Site:
    """A page whose body the test swaps between checks, checked by a real runner into a real store."""

    def __init__(self, server: HTTPServer, tmp_path: Path, path: str = "/terms", **doc: object) -> None:
        self.body = page()
        self.status = 200
        server.expect_request(path).respond_with_handler(self._respond)
        data = {
            "storage": {"path": str(tmp_path / "t.db")},
            "fetch": {"host_delay": 0, "retries": 0},
            "documents": [{"name": "d", "url": server.url_for(path), **doc}],
            # Queued only (deliver=False): the outbox rows say what would be sent.
            "alerts": [{"kind": "webhook", "name": "hook", "url": server.url_for("/hook")}],
        }
        self.config = parse_config(data, tmp_path / "tosdiff.toml")
        self.store = Store(tmp_path / "t.db")
        self.checker = Checker(self.config, self.store, processes=0)
        self.db = sqlite3.connect(tmp_path / "t.db")

    def _respond(self, request: Request) -> Response:
        if self.status == 304:
            return Response(status=304)
        return Response(self.body, content_type=CT)

    def check(self, body: str | None = None):  # noqa: ANN201 - a CheckResult
        """Serve `body` (or the current one) and check it once."""
        if body is not None:
            self.body = body
        (result,) = self.checker.check(self.config.documents, deliver=False).results
        return result

    def versions(self) -> list[tuple[int, str]]:
        """(version, kind) of every recorded version."""
        return list(self.db.execute("SELECT version, kind FROM versions ORDER BY version"))

    def change_alerts(self) -> list[dict]:
        """Payloads of the change alerts queued so far, oldest first."""
        rows = self.db.execute(
            "SELECT e.payload FROM deliveries d JOIN alert_events e ON e.event_key = d.event_key "
            "WHERE d.event_kind = 'change' ORDER BY d.id"
        )
        return [json.loads(r[0]) for r in rows]

    def close(self) -> None:
        """Release the runner, the store and the test's own connection."""
        self.checker.close()
        self.store.close()
        self.db.close()


@pytest.fixture
def site(httpserver: HTTPServer, tmp_path: Path):
    """A Site with selectors (main) unless a test makes its own."""
    s = Site(httpserver, tmp_path, select=["main"])
    yield s
    s.close()


# ---------------------------------------------------------------- (c) never a `changed` with an empty diff


@pytest.mark.parametrize(
    "edit",
    [
        {"nested": True},  # list nesting
        {"zero_width": True},  # zero-width characters in headings (a watermark)
        {"spaces": "  \t "},  # whitespace
    ],
    ids=["list-nesting", "zero-width", "whitespace"],
)
@pytest.mark.parametrize("select", [["main"], []], ids=["selectors", "no-selectors"])
def test_an_edit_no_reader_sees_is_no_new_version(
    httpserver: HTTPServer, tmp_path: Path, edit: dict, select: list[str]
) -> None:
    s = Site(httpserver, tmp_path, select=select)
    try:
        assert s.check().status == NEW
        result = s.check(page(**edit))
        assert (result.status, result.version, result.changes) == (UNCHANGED, 1, ())
        assert s.versions() == [(1, "new")]
        # The same invisible edit again is recognised without a diff, and a real edit still counts.
        assert s.check().status == UNCHANGED
        edited = [(t, b.replace("thirty", "seven")) for t, b in CLAUSES]
        result = s.check(page(edited, **edit))
        assert result.status == CHANGED and result.version == 2
        shown = [h for c in result.changes for h in c.hunks if h.op != "equal"]
        assert [(h.old, h.new) for h in shown] == [("thirty", "seven")]
        assert s.change_alerts()[-1]["status"] == CHANGED
    finally:
        s.close()


def _mutate(text: str, rng: random.Random) -> str:
    """One random edit of a normalised text: visible or not, in words, links, markup or whitespace."""
    lines = text.split("\n")
    k = rng.randrange(len(lines))
    line = lines[k]
    choice = rng.randrange(8)
    words = line.split(" ")
    if choice == 0 and len(words) > 2:
        words.insert(rng.randrange(1, len(words)), rng.choice(["never", "always", "may", "shall"]))
    elif choice == 1 and len(words) > 3:
        del words[rng.randrange(1, len(words))]
    elif choice == 2:
        words = ["  " + line] if line.startswith("- ") else words  # nest a list item
    elif choice == 3 and len(words) > 1:
        j = rng.randrange(1, len(words))  # inside the line, as a watermark in a heading's words
        words[j] = "\u200b" + words[j]
    elif choice == 4:
        line = line.replace("(https://acme.example/privacy)", "(https://acme.example/legal/privacy)")
        words = line.split(" ")
    elif choice == 5 and line.startswith("## "):
        words = ["###", *words[1:]]  # a heading level
    elif choice == 6:
        lines.insert(k, "")  # whitespace
    elif choice == 7 and k + 2 < len(lines) and lines[k + 2] and lines[k]:
        lines[k], lines[k + 2] = lines[k + 2], lines[k]  # two paragraphs swap
        return "\n".join(lines)
    lines[k] = " ".join(words)
    return "\n".join(lines)


def test_the_invariant_holds_for_random_edits() -> None:
    """CONTENT exactly when visible words differ, always with a change showing them; else no changes."""
    base = ["# Acme Terms", "", "Read our [privacy policy](https://acme.example/privacy) too.", ""]
    for n, (title, body) in enumerate(CLAUSES, 1):
        base += [f"## {n}. {title}", "", body, "", "- Email us at any time.", "- Write to our office.", ""]
    text = "\n".join(base)
    rng = random.Random(18)
    kinds = set()
    for _ in range(300):
        new = text
        for _ in range(rng.randrange(1, 4)):
            new = _mutate(new, rng)
        judged = compare_texts(text, new)
        kinds.add(judged.kind)
        visible_differs = visible_tokens(text) != visible_tokens(new)
        assert (judged.kind == CONTENT) == visible_differs, new
        if judged.kind == CONTENT:
            assert any(shows_content(c) for c in judged.changes), new
        elif judged.kind == LINKS_ONLY:
            assert judged.changes and all(c.kind == LINKS for c in judged.changes), new
        else:
            assert judged.changes == ()
    assert kinds == {CONTENT, LINKS_ONLY, NO_CHANGE}  # the edits exercised every outcome


# ---------------------------------------------------------------- (a) a change confined to links


def test_a_change_only_in_where_a_link_points_is_a_links_version_alerted_only_on_request(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    (tmp_path / "q").mkdir()
    (tmp_path / "l").mkdir()
    quiet = Site(httpserver, tmp_path / "q", "/quiet", select=["main"])
    loud = Site(httpserver, tmp_path / "l", "/loud", select=["main"], alert_on_links=True)
    try:
        for s in (quiet, loud):
            assert s.check(page()).status == NEW
            result = s.check(page(link="/legal/privacy"))
            assert (result.status, result.version) == (LINKS, 2)
            assert [c.kind for c in result.changes] == [LINKS]
            assert not result.changes[0].content_changed and not result.flags
            assert s.versions() == [(1, "new"), (2, "links")]
        assert quiet.change_alerts() == []
        [alert] = loud.change_alerts()
        assert alert["status"] == LINKS and alert["changes"][0]["kind"] == LINKS
    finally:
        quiet.close()
        loud.close()


def test_links_change_end_to_end_check_json_and_diff(httpserver: HTTPServer, make_cli) -> None:
    body = {"page": page()}
    httpserver.expect_request("/terms").respond_with_handler(
        lambda r: Response(body["page"], content_type=CT)
    )
    cli = make_cli([{"name": "acme", "url": httpserver.url_for("/terms"), "select": ["main"]}])
    assert cli.json("check")[1]["documents"][0]["status"] == NEW
    body["page"] = page(link="/legal/privacy")
    code, out = cli.json("check", "--exit-code")
    [doc] = out["documents"]
    # Not a change of the terms: exit 0 even with --exit-code, status `links`.
    assert code == 0 and doc["status"] == "links" and doc["version"] == 2, out
    table = cli.run("check").stdout
    assert "unchanged" in table  # the next check: nothing new
    code, hist = cli.json("history", "acme")
    assert [(h["version"], h["kind"]) for h in hist] == [(1, "new"), (2, "links")]
    unified = cli.run("diff", "acme", "--format", "unified").stdout
    assert "links" in unified and "/legal/privacy" in unified and "-Read our [privacy policy]" in unified
    code, data = cli.json("diff", "acme")
    assert [c["kind"] for c in data["changes"]] == ["links"]


# ---------------------------------------------------------------- (b) section boundaries that move


RUN_IN = """# Acme Terms

## 6. Intellectual Property

6.1 Ownership of Content. Acme owns the content of the service and everything in it.

{second}Ownership of Trademarks. The Acme name and logos are trademarks of Acme and you may not use them without our written permission.

## 7. Law

These terms are governed by the laws of Utopia.
"""


@pytest.mark.parametrize("number", ["6.2 ", ""], ids=["numbered", "unnumbered"])
def test_a_run_in_title_becoming_a_heading_is_no_content_change(number: str) -> None:
    old = RUN_IN.format(second=number)
    new = old.replace(f"\n{number}Ownership of Trademarks. ", f"\n### {number}Ownership of Trademarks\n\n")
    new = new.replace("6.1 Ownership of Content. ", "### 6.1 Ownership of Content\n\n")
    assert new != old
    judged = compare_texts(old, new)
    assert judged.kind == NO_CHANGE and judged.changes == ()
    # With one word changed as well, only that word is marked, against the matching old text.
    judged = compare_texts(old, new.replace("written permission", "prior written permission"))
    assert judged.kind == CONTENT
    marked = [(h.op, h.old, h.new) for c in judged.changes for h in c.hunks if h.op != "equal"]
    assert marked == [("insert", "", " prior")]


SPLIT_OLD = """# Acme Terms

## 1. Accounts

You must keep your password secret. You must tell us at once about any misuse of your account, and you are responsible for everything done with it.

## 2. Fees

Paid plans are billed monthly in advance.
"""

SPLIT_NEW = SPLIT_OLD.replace(
    " You must tell us at once",
    "\n\n## 2. Misuse\n\nYou must tell us at once",
).replace("## 2. Fees", "## 3. Fees")


def test_a_clause_split_in_two_and_merged_back_marks_only_changed_words() -> None:
    judged = compare_texts(SPLIT_OLD, SPLIT_NEW)
    # The new heading "Misuse" is the one new word; nothing else is marked, and Fees is renumbered.
    assert judged.kind == CONTENT
    kinds = [(c.kind, c.old_id, c.new_id, c.content_changed) for c in judged.changes]
    assert kinds == [("modified", "1", "1", False), (SPLIT, "1", "2", True), ("renumbered", "2", "3", False)]
    marked = [visible_tokens(h.new) for c in judged.changes for h in c.hunks if h.op != "equal"]
    assert marked == [["Misuse"]]
    back = compare_texts(SPLIT_NEW, SPLIT_OLD)
    assert [(c.kind, c.old_id, c.new_id) for c in back.changes] == [
        ("modified", "1", "1"),
        ("merged", "2", "1"),
        ("renumbered", "3", "2"),
    ]
    marked = [visible_tokens(h.old) for c in back.changes for h in c.hunks if h.op != "equal"]
    assert marked == [["Misuse"]]
    # Split without a new title: the same words, so no change of the terms at all.
    same_words = SPLIT_OLD.replace(" You must tell us at once", "\n\nYou must tell us at once")
    assert compare_texts(SPLIT_OLD, same_words).kind == NO_CHANGE


# ---------------------------------------------------------------- (e) a 304 before any version


def test_a_304_on_the_first_request_is_an_error_until_a_version_exists(site: Site) -> None:
    site.status = 304  # a server (or a caching proxy) answering 304 to everything
    for _ in range(2):
        result = site.check()
        assert result.status == ERROR and result.error_class == "bad-content"
        assert "304" in (result.error or "") and result.version is None
    assert site.versions() == []
    site.status = 200
    assert site.check().status == NEW
    # Once a version exists, a 304 is the ordinary "not modified".
    site.status = 304
    assert site.check().status == UNCHANGED


def test_a_304_to_everything_end_to_end(httpserver: HTTPServer, make_cli) -> None:
    httpserver.expect_request("/terms").respond_with_handler(lambda r: Response(status=304))
    cli = make_cli([{"name": "acme", "url": httpserver.url_for("/terms")}])
    code, out = cli.json("check")
    assert code == 1 and out["documents"][0]["status"] == "error", out
    assert "304" in out["documents"][0]["error"]


# ---------------------------------------------------------------- (f) a page that flaps


def test_a_flapping_page_is_alerted_once_until_a_third_text_appears(site: Site) -> None:
    a = page()
    b = page([*CLAUSES, ("Law", "These terms are governed by the laws of the State of Utopia.")])
    c = page(CLAUSES[:3])
    statuses = [site.check(body).status for body in (a, b, a, b, a, b, a)]
    assert statuses == [NEW, CHANGED, REVERTED, REVERTED, REVERTED, REVERTED, REVERTED]
    alerts = site.change_alerts()
    # The change itself, then once: the page alternates between two texts. Nothing for later flips.
    assert [(e["status"], bool(e.get("flapping"))) for e in alerts] == [(CHANGED, False), (REVERTED, True)]
    assert alerts[1]["versions"]["new"] == 4 and alerts[1]["flapping"]["versions"] == [3, 4]
    from tosdiff.alerts.message import event_summary

    assert "alternates between two texts" in event_summary(alerts[1])
    # A third text is a change again, and a new flapping pair is again said once.
    assert [site.check(body).status for body in (c, a, c, a, c)] == [
        CHANGED,
        REVERTED,
        REVERTED,
        REVERTED,
        REVERTED,
    ]
    later = site.change_alerts()[2:]
    kinds = [(e["status"], bool(e.get("flapping"))) for e in later]
    # Back from c to a brings the termination clause back: a flagged clause returning is news
    # (tosdiff.record), alerted although the text is a revert; then the new pair is said once.
    assert kinds == [(CHANGED, False), (REVERTED, False), (REVERTED, True)]
    assert later[1]["reintroduced"] and {f["category"] for f in later[1]["flags"]} >= {"termination"}


def test_flap_alert_replaces_per_flip_revert_alerts(httpserver: HTTPServer, tmp_path: Path) -> None:
    s = Site(httpserver, tmp_path, select=["main"], alert_on_revert=True)
    a, b = page(), page(CLAUSES[:3] + [("Termination", "We may end this agreement at any time.")])
    try:
        for body in (a, b, a, b, a, b):
            s.check(body)
        kinds = [(e["status"], bool(e.get("flapping"))) for e in s.change_alerts()]
        # The revert is alerted (alert_on_revert), then the alternation once, then silence.
        assert kinds == [(CHANGED, False), (REVERTED, False), (REVERTED, True)]
    finally:
        s.close()


INSERTED_HEADING_OLD = """# Acme Law Enforcement Guidelines

## Contact information

Our address is 1 Main Street, Springfield.

### Acme Europe Limited

One Cumberland Place, Dublin 2, Ireland.

Receipt of correspondence by any of these means is for convenience only and does not waive any objection, including the lack of jurisdiction or proper service.
"""

INSERTED_HEADING_NEW = INSERTED_HEADING_OLD.replace(
    "\nReceipt of correspondence",
    "\n### State Hotline\n\n555-0100 is exclusively for state law enforcement personnel.\n\nReceipt of correspondence",
)


def test_a_heading_inserted_inside_a_clause_marks_only_its_new_words() -> None:
    """The paragraph after a new heading now belongs to it: not removed from one clause and re-added."""
    judged = compare_texts(INSERTED_HEADING_OLD, INSERTED_HEADING_NEW)
    assert judged.kind == CONTENT
    marked = [
        w for c in judged.changes for h in c.hunks if h.op != "equal" for w in visible_tokens(h.old + h.new)
    ]
    assert marked == "State Hotline 555 0100 is exclusively for state law enforcement personnel".split()
    added = [c for c in judged.changes if c.kind == "added"]
    assert [c.new_id for c in added] == ["contact-information/state-hotline"]
    assert "Receipt of correspondence" in added[0].new_text
    # And back: the heading removed gives the paragraph back; only the heading's own words are marked.
    back = compare_texts(INSERTED_HEADING_NEW, INSERTED_HEADING_OLD)
    marked = [
        w for c in back.changes for h in c.hunks if h.op != "equal" for w in visible_tokens(h.old + h.new)
    ]
    assert marked == "State Hotline 555 0100 is exclusively for state law enforcement personnel".split()


def test_words_that_change_only_by_becoming_a_link_target_still_show_a_diff() -> None:
    """`[x](foo bar)` is text (a target has no spaces); `[x](<foo bar>)` is a link: words went away."""
    old = "# Terms\n\n## 1. Notices\n\nWrite to [legal](see our office) for notices.\n"
    new = old.replace("(see our office)", "(<see our office>)")
    judged = compare_texts(old, new)
    assert judged.kind == CONTENT
    [change] = judged.changes
    assert change.content_changed and [h.op for h in change.hunks] == ["replace"]
    assert shows_content(change)


@pytest.mark.parametrize(
    "target",
    [
        "https://www.example.com/(S({token}))/privacy",  # ASP.NET cookieless session
        "https://www.example.com/(A(x)S({token}))/legal/privacy.aspx",
        "https://en.example.org/wiki/Terms_(law_(EU_{token}))",  # three levels of parentheses
    ],
)
def test_a_fresh_token_inside_nested_parentheses_of_a_link_is_at_most_a_links_change(target: str) -> None:
    """A token inside nested parentheses never makes a content change; ASP.NET's cookieless session
    segment, minted per request, is no change at all (tosdiff.visible.link_key)."""

    def text(token: str) -> str:
        link = target.format(token=token)
        return f"# Terms\n\n## 4. Privacy\n\nRead our [Privacy Policy]({link}) before you sign up.\n"

    old, new = text("3f53b94e1c0a"), text("9a0c71d2e845")
    assert visible_tokens(old) == visible_tokens(new)
    assert "S(" not in " ".join(visible_tokens(old)) and "EU" not in visible_tokens(old)
    judged = compare_texts(old, new)
    if "S({token}))" in target:
        assert judged.kind == NO_CHANGE and judged.changes == ()
    else:
        assert judged.kind == LINKS_ONLY
        assert [c.kind for c in judged.changes] == [LINKS]
