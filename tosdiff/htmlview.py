"""The one hunk-to-HTML renderer: word-diff runs as escaped HTML with <del>/<ins>.

Used by ``tosdiff diff --format html`` (through `tosdiff.diffview.to_html`), the static report and the
alert e-mail. Every piece of text goes through `tosdiff.sanitize.escape_html` (control characters, escape
sequences and bidi overrides removed, then ``html.escape`` with quotes), the strictest escaping any of them used; only the tags and their attributes, which callers pass as constants, are
not escaped. Newlines in the text become ``<br>``.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources

from tosdiff.models import ADDED, REMOVED, Hunk, SectionChange
from tosdiff.sanitize import escape_html

__all__ = ["hunk_runs", "runs_html", "hunks_html", "change_hunks", "trim_equal", "report_css", "html_page"]

Run = tuple[str, str]  # (op, text) with op "delete", "insert", or anything else for unchanged text


def trim_equal(text: str, context: int | None, first: bool, last: bool) -> str:
    """Shorten an unchanged run to `context` words next to the changes around it (None: keep all)."""
    if context is None:
        return text
    words = text.split(" ")
    if len(words) <= 2 * context + 1:
        return text
    if first:
        return "… " + " ".join(words[-context:])
    if last:
        return " ".join(words[:context]) + " …"
    return " ".join(words[:context]) + " … " + " ".join(words[-context:])


def change_hunks(c: SectionChange) -> tuple[Hunk, ...]:
    """A change's hunks; an added or removed section without hunks is one insert or delete."""
    if c.hunks:
        return c.hunks
    if c.kind == ADDED and c.new_text:
        return (Hunk("insert", "", c.new_text),)
    if c.kind == REMOVED and c.old_text:
        return (Hunk("delete", c.old_text, ""),)
    return ()


def hunk_runs(hunks: Sequence[Hunk | dict[str, str]], context: int | None = None) -> list[Run]:
    """(op, text) runs of hunks (models or {op, old, new} dicts); a replace is a delete then an insert."""
    runs: list[Run] = []
    last = len(hunks) - 1
    for k, h in enumerate(hunks):
        op, old, new = (h["op"], h["old"], h["new"]) if isinstance(h, dict) else (h.op, h.old, h.new)
        if op == "equal":
            runs.append(("equal", trim_equal(old, context, k == 0, k == last)))
        if op in ("delete", "replace"):
            runs.append(("delete", old))
        if op in ("insert", "replace"):
            runs.append(("insert", new))
    return runs


def runs_html(runs: Iterable[Run], del_attrs: str = "", ins_attrs: str = "") -> str:
    """Escaped HTML of runs: deleted text in <del>, inserted in <ins> (with `*_attrs`, e.g. ' style="..."')."""
    out: list[str] = []
    for op, text in runs:
        body = escape_html(text)
        if op == "delete":
            out.append(f"<del{del_attrs}>{body}</del>")
        elif op == "insert":
            out.append(f"<ins{ins_attrs}>{body}</ins>")
        else:
            out.append(body)
    return "".join(out).replace("\n", "<br>\n")


def hunks_html(hunks: Sequence[Hunk | dict[str, str]], context: int | None = None) -> str:
    """Escaped HTML of a word diff, unchanged text cut to `context` words around changes (None: all)."""
    return runs_html(hunk_runs(hunks, context))


def report_css() -> str:
    """The report's stylesheet (tosdiff/data/report/style.css): one look for the report and `diff --format html`."""
    return (resources.files("tosdiff") / "data" / "report" / "style.css").read_text(encoding="utf-8")


def html_page(title: str, body: str, subtitle: str = "") -> str:
    """A whole, self-contained HTML page around `body` (already escaped HTML), with the report's stylesheet.

    The stylesheet is inline, so the file opens anywhere on its own; the Content-Security-Policy allows
    that one stylesheet (by its hash) and nothing else: no script, no remote load. `title` and
    `subtitle` are untrusted text and are escaped here.
    """
    css = report_css()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    sub = f'<p class="sub">{escape_html(subtitle)}</p>\n' if subtitle else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{digest}'\">\n"
        f"<title>{escape_html(title)}</title>\n"
        f"<style>{css}</style>\n"
        "</head>\n<body>\n"
        f"<main>\n<h1>{escape_html(title)}</h1>\n{sub}{body}</main>\n"
        "</body>\n</html>\n"
    )
