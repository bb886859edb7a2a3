"""Sweep: the two latest versions of 193 real terms documents, served as pages and checked with the CLI.

Each folder of ../shared/data/sweep/ holds old.md and new.md (Open Terms Archive's Markdown of two
consecutive versions). Each version is rendered (markdown-it, CommonMark + tables) into a page with
navigation, a footer and a per-response nonce; a local server (stdlib, 127.0.0.1) serves every document
at its own path. `tosdiff check --json` runs once with every document at `old`, once at `new`; then
`tosdiff diff NAME --json` for each document reported changed. Reported:

- real pages refused, by error class (a refused stub or error page is right; a real page is not);
- false changes: reported where no visible word changed, by cause (link targets, invisible characters,
  list nesting or other markup: found by which normalisation of the two Markdown files makes them equal);
- missed changes: visible words (runs of letters and digits) changed, nothing reported; empty diffs (changed, no word marked);
- per changed document, the words the diff marks changed (words of inserted/deleted/replaced hunks and
  of added/removed sections) over the words that really changed (a paragraph diff of the visible texts,
  then a word diff inside each changed run of paragraphs): median and 90th percentile, with a plain
  line diff's ratio (every word of each changed line of the visible text) on the same pairs.

Truth comes from the rendered pages' visible text (never from tosdiff), words compared after NFC and
with invisible format characters removed. Services are split into two groups by a hash of the service
name (`dev` and `holdout`), reported apart: judge the extractor on `dev`, check it holds on `holdout`.

`--noise` adds, in every response, page noise that changes no visible word (the classes of issue 18):
session and tracking parameters and a new fragment on every link, Cloudflare's e-mail obfuscation
with a new key, a zero-width watermark in every heading. Truth is the same (it is judged on the
Markdown), so every report it adds is a false one.

    python bench/bench_sweep.py [--select] [--noise] [--limit N] [--json bench/out/sweep.json]
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import html as html_mod
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from localsite import PageServer  # noqa: E402

SWEEP = ROOT.parent / "shared" / "data" / "sweep"

_BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
    "blockquote", "pre", "section", "article", "dd", "dt", "dl", "hr", "br", "main", "body",
}  # fmt: skip
_REPORTED = ("changed", "reverted")


def _visible_char(c: str) -> bool:
    return unicodedata.category(c) != "Cf"


def _clean(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFC", s) if _visible_char(c))
    return " ".join(s.split())


def render_md(md: str) -> str:
    """Markdown to an HTML fragment (CommonMark with tables and raw HTML, as OTA's Markdown uses)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(md)


def visible_paragraphs(fragment: str) -> list[str]:
    """The paragraphs a reader sees in an HTML fragment (one per block element), cleaned."""
    import lxml.html

    if not fragment.strip():
        return []
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for bad in root.xpath("//script|//style|//template|//noscript"):
        bad.drop_tree()
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = _clean("".join(buf))
        buf.clear()
        if text:
            out.append(text)

    def walk(el: object) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
        if tag in _BLOCKS:
            flush()
        buf.append(el.text or "")  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            walk(child)
            buf.append(child.tail or "")
        if tag in _BLOCKS:
            flush()

    walk(root)
    flush()
    return out


def true_changed_words(old: list[str], new: list[str]) -> int:
    """Words that really changed: paragraphs aligned first, then a word diff inside each changed run."""
    n = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        a = " ".join(old[i1:i2]).split()
        b = " ".join(new[j1:j2]).split()
        for wop, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if wop != "equal":
                n += (a2 - a1) + (b2 - b1)
    return n


def line_diff_words(old: list[str], new: list[str]) -> int:
    """Words a plain line diff marks: every word of every removed or added line."""
    n = 0
    for line in difflib.unified_diff(old, new, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        if line[:1] in "+-":
            n += len(line[1:].split())
    return n


def diff_marked_words(changes: list[dict]) -> int:
    """Words tosdiff's diff marks changed: non-equal hunks, and whole added/removed sections."""
    n = 0
    for c in changes:
        hunks = [h for h in c.get("hunks") or [] if h["op"] != "equal"]
        if hunks:
            n += sum(len(h["old"].split()) + len(h["new"].split()) for h in hunks)
        elif c["kind"] == "added":
            n += len((c.get("new_text") or "").split()) + len((c.get("title") or "").split())
        elif c["kind"] == "removed":
            n += len((c.get("old_text") or "").split()) + len(
                (c.get("old_title") or c.get("title") or "").split()
            )
    return n


_LINK_RE = re.compile(r"(!?)\[([^\]]*)\]\(((?:[^()\s]|\([^()]*\))*)(?:\s+\"[^\"]*\")?\)")
_AUTOLINK_RE = re.compile(r"<(https?://[^>]*)>")
_RULE_RE = re.compile(r"^\s*(?:=+|-{3,}|\*{3,}|_{3,})\s*$", re.M)
_MD_MARK_RE = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)*", re.M)


def _stable_target(url: str) -> str:
    """scheme://host/path of a link (what a tool should keep); query, fragment and trailing slash dropped."""
    url = url.strip().strip("<>")
    url = re.split(r"[?#]", url, maxsplit=1)[0]
    return url.rstrip("/").lower() if "://" in url[:12] else url.rstrip("/")


def false_cause(old_md: str, new_md: str) -> str:
    """Why two Markdown versions with the same visible words differ: the first normalisation that equates them.

    "link query/fragment" is page noise a tool must never report; "link target" (a path or host that
    changed, a link added to or taken from the same words) is a real change of where links point, for
    a tool to report as such, not as changed words.
    """

    def invisible(s: str) -> str:
        return "".join(c for c in s if _visible_char(c))

    def stable_links(s: str) -> str:
        s = _LINK_RE.sub(lambda m: f"{m.group(1)}[{m.group(2)}]({_stable_target(m.group(3))})", s)
        return _AUTOLINK_RE.sub(lambda m: f"<{_stable_target(m.group(1))}>", s)

    def no_links(s: str) -> str:
        return _AUTOLINK_RE.sub(r"\1", _LINK_RE.sub(lambda m: m.group(2), s))

    def layout(s: str) -> str:
        s = _RULE_RE.sub("", s)  # Setext underlines and thematic breaks: heading levels, not words
        return " ".join(_MD_MARK_RE.sub("", s).split())

    steps = (
        ("whitespace", lambda s: s),
        ("invisible characters", invisible),
        ("link query/fragment/slash", stable_links),
        ("link target", no_links),
        ("list nesting / headings", layout),
    )
    a, b = old_md, new_md
    for name, f in steps:  # each step adds to the ones before; whitespace never counts
        a, b = f(a), f(b)
        if a.split() == b.split():
            return name
    return "other markup"


NAV = (
    "<header class='site-header'><a href='/'>Home</a> <a href='/pricing?ref=nav'>Pricing</a> "
    "<a href='/blog/'>Blog</a> <a href='/login'>Log in</a></header>"
    "<nav><ul><li><a href='/legal/terms'>Terms</a></li><li><a href='/legal/privacy'>Privacy</a></li>"
    "<li><a href='/legal/cookies'>Cookies</a></li></ul></nav>"
)
FOOTER = (
    "<footer><p>&copy; 2026 The Service, Inc. All rights reserved.</p><ul><li><a href='/about'>About</a></li>"
    "<li><a href='/careers'>Careers</a></li><li><a href='/contact'>Contact</a></li></ul></footer>"
)


def page(title: str, fragment: str, nonce: str) -> bytes:
    """A whole page around the rendered terms: navigation, a footer, a per-response nonce."""
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html_mod.escape(title)}</title>"
        f"<script nonce='{nonce}'>window.__BUILD='{nonce}';</script></head>"
        f"<body data-build='{nonce}'>{NAV}<main><article class='legal'>{fragment}</article></main>{FOOTER}"
        "</body></html>"
    ).encode()


_HREF_RE = re.compile(r'href="(https?://[^"#?]*)(\?[^"#]*)?(#[^"]*)?"')
_MAILTO_RE = re.compile(r'<a href="mailto:([^"?]+)">([^<]*)</a>')
_HEADING_RE = re.compile(r"<h([1-6])>")


def _cf(address: str, key: int) -> str:
    """Cloudflare's e-mail obfuscation of an address with a given key."""
    return f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in address.encode())


def add_noise(fragment: str, nonce: str) -> str:
    """Per-response page noise that changes no visible word (--noise), the classes issue 18 saw.

    Session and tracking parameters and a fresh fragment on every link, Cloudflare's e-mail obfuscation
    with a fresh key, a zero-width watermark in every heading.
    """
    n = int(nonce[:6], 16)
    fragment = _HREF_RE.sub(
        lambda m: (
            f'href="{m.group(1)}?sessionid={nonce}&amp;src=direct%2Fnone&amp;veh={n % 97}#s{nonce[:4]}"'
        ),
        fragment,
    )

    def protect(m: re.Match[str]) -> str:
        address, label = m.group(1), m.group(2)
        key, key2 = n % 256, (n // 256) % 256
        inner = (
            f'<span class="__cf_email__" data-cfemail="{_cf(address, key2)}">[email&#160;protected]</span>'
            if label == address
            else label
        )
        return f'<a href="/cdn-cgi/l/email-protection#{_cf(address, key)}">{inner}</a>'

    fragment = _MAILTO_RE.sub(protect, fragment)
    mark = "\u200b\u2060\u200c"[: 1 + n % 3]
    return _HEADING_RE.sub(lambda m: f"<h{m.group(1)}>{mark}", fragment)


class Server(PageServer):
    """Serves pages[path] with a fresh nonce in every response (and fresh noise with `noise`)."""

    def __init__(self, noise: bool = False) -> None:
        self.pages: dict[str, tuple[str, str]] = {}
        self.count = 0
        self.noise = noise
        super().__init__(self.respond)

    def respond(self, path: str) -> bytes | None:
        """The page at `path` with a new nonce (and new noise), or None (404)."""
        found = self.pages.get(path)
        if found is None:
            return None
        self.count += 1
        nonce = hashlib.sha1(b"%d" % self.count).hexdigest()[:12]
        return page(found[0], add_noise(found[1], nonce) if self.noise else found[1], nonce)


@dataclass
class Doc:
    """One sweep pair and what happened to it."""

    folder: str
    service: str
    group: str
    truly_changed: bool = False
    marks_only: bool = False  # the visible text changed only in punctuation or spacing, no word
    true_words: int = 0
    line_words: int = 0
    old_status: str = ""
    new_status: str = ""
    error_class: str | None = None
    error: str | None = None
    marked_words: int | None = None
    cause: str | None = None
    kinds: list[str] = field(default_factory=list)


def group_of(service: str) -> str:
    """A fixed split by service (about one in three held out), independent of anything measured."""
    return "holdout" if hashlib.sha256(service.encode()).digest()[0] % 3 == 0 else "dev"


def run_cli(cfg: Path, *args: str) -> tuple[int, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "tosdiff", "--config", str(cfg), *args, "--json"],
        cwd=cfg.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        return proc.returncode, json.loads(proc.stdout)
    except ValueError:
        raise SystemExit(f"tosdiff {' '.join(args)}: exit {proc.returncode}: {proc.stderr[-2000:]}") from None


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


_WORD_RE = re.compile(r"\w+")


def sweep(select: bool, limit: int | None, noise: bool = False) -> list[Doc]:
    """Serve every pair old then new, check with the CLI, and score each document."""
    index = {e["folder"]: e for e in json.loads((SWEEP / "index.json").read_text())}
    folders = sorted(f for f in index if (SWEEP / f / "old.md").is_file())[:limit]
    docs: dict[str, Doc] = {}
    pages: dict[str, dict[str, str]] = {}
    for f in folders:
        service = index[f]["document"].split("/")[0]
        d = Doc(f, service, group_of(service))
        old_md = (SWEEP / f / "old.md").read_text(encoding="utf-8", errors="replace")
        new_md = (SWEEP / f / "new.md").read_text(encoding="utf-8", errors="replace")
        frag_old, frag_new = render_md(old_md), render_md(new_md)
        po, pn = visible_paragraphs(frag_old), visible_paragraphs(frag_new)
        # A word is a run of letters and digits: ")(the" vs ") (the", "####1." vs "1." change no word.
        words_old, words_new = _WORD_RE.findall(" ".join(po)), _WORD_RE.findall(" ".join(pn))
        d.truly_changed = words_old != words_new
        d.marks_only = not d.truly_changed and " ".join(po).split() != " ".join(pn).split()
        d.true_words = true_changed_words(po, pn)
        d.line_words = line_diff_words(po, pn)
        if not d.truly_changed and old_md != new_md:
            d.cause = false_cause(old_md, new_md)  # kept for the report if tosdiff calls it a change
        pages[f] = {"old": frag_old, "new": frag_new, "title": index[f]["document"]}
        docs[f] = d
    with Server(noise) as srv, tempfile.TemporaryDirectory() as tmp:
        cfg = Path(tmp) / "tosdiff.toml"
        lines = ['[storage]\npath = "db.sqlite"\n\n[fetch]\nhost_delay = 0\nretries = 0\ntimeout = 30\n']
        for f in folders:
            sel = '["main"]' if select else "[]"
            lines.append(f'[[documents]]\nname = "{f}"\nurl = "{srv.base}/{f}"\nselect = {sel}\n')
        cfg.write_text("\n".join(lines))
        for phase in ("old", "new"):
            for f in folders:
                srv.pages["/" + f] = (pages[f]["title"], pages[f][phase])
            _, out = run_cli(cfg, "check")
            for r in out["documents"]:  # type: ignore[index]
                d = docs[r["name"]]
                if phase == "old":
                    d.old_status = r["status"]
                else:
                    d.new_status = r["status"]
                if r.get("error"):
                    d.error, d.error_class = r["error"], r.get("error_class") or "error"
        for d in docs.values():
            if d.new_status in _REPORTED:
                _, out = run_cli(cfg, "diff", d.folder)
                changes = out.get("changes", []) if isinstance(out, dict) else []
                d.marked_words = diff_marked_words(changes)
                d.kinds = sorted({c["kind"] for c in changes})
    return list(docs.values())


def summary(docs: list[Doc]) -> dict[str, object]:
    """The figures of one group of documents."""
    refused = [d for d in docs if d.error_class]
    reported = [d for d in docs if d.new_status in _REPORTED]
    false = [d for d in reported if not d.truly_changed]
    missed = [d for d in docs if d.truly_changed and not d.error_class and d.new_status not in _REPORTED]
    empty = [d for d in reported if d.marked_words == 0]
    ratios = [
        d.marked_words / d.true_words
        for d in reported
        if d.truly_changed and d.true_words and d.marked_words is not None
    ]
    line = [d.line_words / d.true_words for d in reported if d.truly_changed and d.true_words]
    return {
        "documents": len(docs),
        "truly changed": sum(d.truly_changed for d in docs),
        "punctuation or spacing only (no word changed)": sum(d.marks_only for d in docs),
        "refused": dict(Counter(d.error_class for d in refused)),
        "refused docs": [f"{d.folder} ({d.error_class}: {(d.error or '')[:80]})" for d in refused],
        "reported": len(reported),
        "false": len(false),
        "false by cause": dict(Counter(d.cause or "?" for d in false)),
        "false docs": [f"{d.folder} ({d.cause})" for d in false],
        "missed": len(missed),
        "missed docs": [d.folder for d in missed],
        "empty diffs": len(empty),
        "ratio median": round(statistics.median(ratios), 2) if ratios else None,
        "ratio p90": round(_pct(ratios, 0.9), 2) if ratios else None,
        "line diff ratio median": round(statistics.median(line), 2) if line else None,
        "line diff ratio p90": round(_pct(line, 0.9), 2) if line else None,
        "ratio pairs": len(ratios),
    }


def main() -> int:
    """Run the sweep and print the figures per group and overall."""
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--select", action="store_true", help="check with select = ['main'] (default: no selector)"
    )
    ap.add_argument("--limit", type=int, help="only the first N folders (a quick look)")
    ap.add_argument(
        "--noise", action="store_true", help="add per-response link, Cloudflare and zero-width noise"
    )
    ap.add_argument("--json", type=Path, help="also write every document's outcome here")
    args = ap.parse_args()
    if not (SWEEP / "index.json").is_file():
        print(f"skipped: no data at {SWEEP}")
        return 0
    t0 = time.perf_counter()
    docs = sweep(args.select, args.limit, args.noise)
    mode = ("select main" if args.select else "no selector") + (", per-response noise" if args.noise else "")
    print(f"sweep ({mode}), {time.perf_counter() - t0:.0f} s")
    for name, group in (
        ("dev", [d for d in docs if d.group == "dev"]),
        ("holdout", [d for d in docs if d.group == "holdout"]),
        ("all", docs),
    ):
        print(f"\n== {name}")
        for key, value in summary(group).items():
            if isinstance(value, list):
                if value:
                    print(f"  {key}:")
                    for v in value:
                        print(f"    {v}")
            else:
                print(f"  {key}: {value}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps([asdict(d) for d in docs], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
