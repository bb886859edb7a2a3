"""`tosdiff report`: a static HTML site and Atom feeds of everything the database recorded.

The site works from a folder or any static host, with no JavaScript and no external resources:
``index.html`` (every document: latest version, last check, flag categories), per document a
timeline of versions with their section diffs and flags, a page per version text, a page per clause
history, and Atom feeds (``feed.atom`` overall, ``<document>/feed.atom`` each).

Every string that came from a fetched page is cleaned and html-escaped (`tosdiff.sanitize.escape_html`)
before it is written; feeds are built with ``xml.etree`` so their content is escaped by construction.
"""

from __future__ import annotations

import re
import shutil
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tosdiff.errors import TosdiffError
from tosdiff.history import clause_timeline, document_history
from tosdiff.htmlview import hunks_html
from tosdiff.models import Flag, SectionChange, severity_rank
from tosdiff.sanitize import clean_text, escape_html
from tosdiff.schema import NAME_RE
from tosdiff.store import Store, now_iso

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 100  # entries per feed: readers only need the recent ones
MARKER = ".tosdiff-report"  # marks a folder that `tosdiff report` may rewrite
DIFF_CONTEXT = 40  # words of unchanged text kept around a change on the timeline
esc = escape_html  # cleans (bidi overrides, controls) then html-escapes: the one HTML escaper


@dataclass
class VersionEntry:
    """One version of a document with what changed since the previous one."""

    number: int
    recorded_at: str
    kind: str
    text_hash: str
    reverted_to: int | None = None
    summary: str | None = None
    changes: list[SectionChange] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


@dataclass
class DocumentReport:
    """Everything the pages of one document show."""

    name: str
    url: str
    service: str = ""
    title: str = ""
    type: str = ""
    last_check_at: str | None = None
    last_outcome: str | None = None
    last_error: str | None = None
    versions: list[VersionEntry] = field(default_factory=list)
    clause_pages: dict[str, str] = field(default_factory=dict)  # section id -> file name

    @property
    def slug(self) -> str:
        """The document's folder name: its name, made path-safe should the database hold an odd one."""
        return self.name if NAME_RE.match(self.name) else _slug(self.name)

    @property
    def latest(self) -> VersionEntry | None:
        """The newest version, or None when never recorded."""
        return self.versions[-1] if self.versions else None

    @property
    def categories(self) -> list[str]:
        """Flag categories raised by any change, worst severity first."""
        worst: dict[str, int] = {}
        for v in self.versions:
            for f in v.flags:
                if f.polarity == "protective":
                    continue
                rank = severity_rank(f.severity, unknown=-1)
                worst[f.category] = max(worst.get(f.category, -1), rank)
        return sorted(worst, key=lambda c: (-worst[c], c))


@dataclass(frozen=True)
class ReportSummary:
    """What `build_report` wrote."""

    out: Path
    documents: int
    versions: int
    pages: int  # HTML pages written (feeds and the stylesheet not counted)


# --- gathering -------------------------------------------------------------------------------


def _document_rows(store: Store, names: Sequence[str]) -> list[dict[str, Any]]:
    rows = store.document_summaries()
    if names:
        known = {r["name"] for r in rows}
        missing = [n for n in names if n not in known]
        if missing:
            raise TosdiffError(f"no document named {', '.join(map(repr, missing))} in {store.path}")
        rows = [r for r in rows if r["name"] in set(names)]
    return rows


def gather(store: Store, names: Sequence[str] = (), rules: Any = None) -> list[DocumentReport]:
    """Read documents, versions and texts; diff consecutive versions and flag the changes."""
    docs = []
    for row in _document_rows(store, names):
        doc = DocumentReport(
            name=row["name"],
            url=row["url"],
            service=row["service"] or "",
            title=row["title"] or "",
            type=row["type"] or "",
            last_check_at=row["last_check_at"],
            last_outcome=row["last_outcome"],
            last_error=row["last_error"],
        )
        for step in document_history(store, doc.name, rules):
            v = step.row
            entry = VersionEntry(
                number=v["version"],
                recorded_at=v["recorded_at"],
                kind=v["kind"],
                text_hash=v["text_hash"],
                reverted_to=v["reverted_to"],
                summary=v["summary"],
                changes=list(step.changes),
                flags=list(step.flags),
            )
            doc.versions.append(entry)
        docs.append(doc)
    return docs


# --- HTML ------------------------------------------------------------------------------------


def _slug(value: str) -> str:
    """A file-name-safe form of a section id ("10.4(b)" -> "10.4-b")."""
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")
    return s or "section"


def _page(title: str, body: str, root: str, subtitle: str = "") -> str:
    """A whole HTML page around `body`; `root` is the relative path to the site root ("" or "../")."""
    sub = f'<p class="sub">{subtitle}</p>' if subtitle else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # No scripts, no remote loads: the report only ever shows text.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; "
        "img-src 'self' data:\">\n"
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{root}style.css">\n'
        f'<link rel="alternate" type="application/atom+xml" title="All changes" href="{root}feed.atom">\n'
        "</head>\n<body>\n"
        f'<header class="top"><a class="brand" href="{root}index.html">tosdiff</a>'
        f'<span class="crumb">{esc(title)}</span></header>\n'
        f"<main>\n<h1>{esc(title)}</h1>\n{sub}\n{body}\n</main>\n"
        f'<footer class="bottom">Generated by tosdiff on {esc(now_iso()[:19])}Z · '
        f'<a href="{root}feed.atom">Atom feed</a></footer>\n'
        "</body>\n</html>\n"
    )


def _date(iso: str | None) -> str:
    """'2024-03-01T12:00:00.123Z' -> '2024-03-01 12:00 UTC' for reading."""
    if not iso:
        return "—"
    return esc(iso[:10] + " " + iso[11:16] + " UTC") if len(iso) >= 16 else esc(iso)


def _chips(categories: Iterable[str], flags: Sequence[Flag] = ()) -> str:
    worst: dict[str, str] = {}
    for f in flags:
        if f.polarity == "protective":
            continue
        if severity_rank(f.severity, unknown=-1) > severity_rank(worst.get(f.category, "info"), unknown=-1):
            worst[f.category] = f.severity
    return " ".join(
        f'<span class="chip sev-{esc(worst.get(c, "medium"))}">{esc(c)}</span>' for c in categories
    )


def flags_html(flags: Sequence[Flag], clause_pages: dict[str, str] | None = None) -> str:
    """A list of flags: severity, category, section, change and the plain-language explanation."""
    if not flags:
        return ""
    items = []
    # Worst first; a severity the ranking does not know comes last.
    for f in sorted(flags, key=lambda f: (-severity_rank(f.severity, unknown=-1), f.section)):
        sev = re.sub(r"[^a-z]", "", f.severity)
        change = " ".join(x for x in (f.change, f.direction and f"({f.direction})") if x)
        section = esc(f.section)
        page = (clause_pages or {}).get(f.section)
        if page:
            section = f'<a href="{esc(page, quote=True)}">{section}</a>'
        protective = ' <span class="chip protective">protective</span>' if f.polarity == "protective" else ""
        excerpt = f"<blockquote>{esc(f.excerpt)}</blockquote>" if f.excerpt else ""
        items.append(
            f'<li class="flag sev-{sev}"><span class="chip sev-{sev}">{esc(f.severity)}</span> '
            f"<strong>{esc(f.category)}</strong> in §{section}"
            f"{' — ' + esc(change) if change else ''}{protective}"
            f"<p>{esc(f.explanation)}</p>{excerpt}</li>"
        )
    return '<ul class="flags">' + "".join(items) + "</ul>"


def changes_html(changes: Sequence[SectionChange], clause_pages: dict[str, str] | None = None) -> str:
    """Section diff of one version with inline <del>/<ins> and links to clause histories."""
    from tosdiff import diffview

    if not changes:
        return '<p class="muted">No section changed.</p>'
    out = diffview.to_html(list(changes), context=DIFF_CONTEXT)
    for c in changes:
        page = (clause_pages or {}).get(c.id)
        if page:
            # Link the heading of this change to the clause's history (ids are escaped the same way).
            marker = f'data-section="{esc(c.id, quote=True)}">'
            out = out.replace(
                marker, marker + f'<a class="history" href="{esc(page, quote=True)}">clause history →</a>', 1
            )
    return out


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _index_page(docs: Sequence[DocumentReport]) -> str:
    rows = []
    for d in docs:
        latest = d.latest
        outcome = esc(d.last_outcome or "never checked")
        err = f'<div class="err">{esc((d.last_error or "")[:200])}</div>' if d.last_error else ""
        label = d.title or d.service or d.name
        rows.append(
            "<tr>"
            f'<td><a href="{esc(d.slug, quote=True)}/index.html"><strong>{esc(label)}</strong></a>'
            f'<div class="muted small">{esc(d.name)} · <a href="{esc(d.url, quote=True)}" rel="nofollow noreferrer">'
            f"{esc(d.url)}</a></div></td>"
            f"<td class=num>{latest.number if latest else '—'}</td>"
            f"<td>{_date(latest.recorded_at if latest else None)}</td>"
            f'<td>{_date(d.last_check_at)}<div><span class="outcome o-{outcome}">{outcome}</span></div>{err}</td>'
            f"<td>{_chips(d.categories, [f for v in d.versions for f in v.flags]) or '<span class=muted>none</span>'}</td>"
            "</tr>"
        )
    total = sum(len(d.versions) for d in docs)
    body = (
        f'<p class="lead">{_count(len(docs), "document")}, {_count(total, "version")} recorded. Flags name risky clauses that '
        "changes introduced (AI training, content licences, data sharing, unfair terms).</p>"
        '<table class="docs"><thead><tr><th>Document</th><th>Version</th><th>Recorded</th>'
        "<th>Last check</th><th>Flagged changes</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return _page("Terms of service watched by tosdiff", body, "")


def _document_page(d: DocumentReport) -> str:
    parts = [
        '<dl class="meta">',
        f'<dt>URL</dt><dd><a href="{esc(d.url, quote=True)}" rel="nofollow noreferrer">{esc(d.url)}</a></dd>',
        f"<dt>Service</dt><dd>{esc(d.service or '—')}</dd>",
        f"<dt>Last check</dt><dd>{_date(d.last_check_at)} ({esc(d.last_outcome or 'never')})</dd>",
        '<dt>Feed</dt><dd><a href="feed.atom">Atom feed of changes</a></dd>',
        "</dl>",
        '<ol class="timeline">',
    ]
    for v in reversed(d.versions):
        kind = re.sub(r"[^a-z]", "", v.kind)
        label = v.kind + (f" to v{v.reverted_to}" if v.reverted_to else "")
        parts.append(
            f'<li id="v{v.number}" class="version k-{kind}"><div class="vhead">'
            f'<span class="vnum">v{v.number}</span> <span class="outcome o-{kind}">{esc(label)}</span> '
            f"<time>{_date(v.recorded_at)}</time> "
            f'<a class="small" href="v{v.number}.html">full text</a> '
            f"{_chips(sorted({f.category for f in v.flags if f.polarity != 'protective'}), v.flags)}</div>"
        )
        if v.number == 1 or (not v.changes and v.kind == "new"):
            parts.append('<p class="muted">First version recorded.</p>')
        else:
            parts.append(flags_html(v.flags, d.clause_pages))
            parts.append(changes_html(v.changes, d.clause_pages))
        parts.append("</li>")
    parts.append("</ol>")
    subtitle = esc(" · ".join(x for x in (d.service, d.type) if x))
    return _page(d.title or d.name, "\n".join(parts), "../", subtitle)


def _version_page(d: DocumentReport, v: VersionEntry, text: str) -> str:
    body = (
        f'<p class="sub">Version {v.number} of <a href="index.html">{esc(d.name)}</a>, recorded '
        f"{_date(v.recorded_at)} · sha256 {esc(v.text_hash[:16])}</p>"
        f'<pre class="fulltext">{esc(text)}</pre>'
    )
    return _page(f"{d.title or d.name} — v{v.number}", body, "../")


def _clause_page(d: DocumentReport, section_id: str, events: list[dict], dates: dict[int, str]) -> str:
    parts = [
        f'<p class="sub">History of one clause of <a href="index.html">{esc(d.name)}</a>, '
        "followed across renumbering.</p>",
        '<ol class="timeline">',
    ]
    for e in reversed(events):
        if e["kind"] == "unchanged":
            continue  # the page lists changes; unchanged versions only add length
        kind = re.sub(r"[^a-z]", "", e["kind"])
        ident = e["id"]
        if e.get("old_id") and e.get("new_id") and e["old_id"] != e["new_id"]:
            ident = f"{e['old_id']} → {e['new_id']}"
        parts.append(
            f'<li class="version k-{kind}"><div class="vhead"><a class="vnum" href="index.html#v{e["version"]}">'
            f'v{e["version"]}</a> <span class="outcome o-{kind}">{esc(e["kind"])}</span> '
            f"<time>{_date(dates.get(e['version']))}</time> §{esc(ident)} {esc(e.get('title') or '')}</div>"
        )
        if e["hunks"]:
            parts.append(f'<p class="tosdiff-text">{hunks_html(e["hunks"])}</p>')
        parts.append("</li>")
    parts.append("</ol>")
    return _page(f"{d.title or d.name} — §{section_id}", "\n".join(parts), "../../")


def clause_histories(store: Store, d: DocumentReport) -> dict[str, list[dict]]:
    """History of every clause that some version changed and that the latest version still has.

    Each is walked over the changes `gather` already computed instead of calling ``section_history``,
    which re-parses and re-diffs every version for every clause: with many versions and many changed
    clauses that made the report quadratic.
    """
    from tosdiff.sections import parse_sections

    if len(d.versions) < 2:
        return {}
    present = {s.id for s in parse_sections(store.text(d.versions[-1].text_hash))}
    wanted: list[str] = []
    for v in d.versions:
        for c in v.changes:
            if c.new_id and c.new_id in present and c.new_id not in wanted:
                wanted.append(c.new_id)
    numbers = [v.number for v in d.versions]
    steps = [v.changes for v in d.versions[1:]]
    return {sid: clause_timeline(numbers, steps, sid) for sid in wanted}


# --- Atom ------------------------------------------------------------------------------------


def _entry_id(doc: str, v: VersionEntry) -> str:
    """A stable, unique entry id: the same version always gets the same id."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"tosdiff:{doc}:{v.number}:{v.text_hash}"))


def _feed(title: str, feed_id: str, items: list[tuple[DocumentReport, VersionEntry]], root: str) -> bytes:
    """An Atom 1.0 feed of version changes, newest first; links are relative to the feed's folder."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = clean_text(text)  # page text: no bidi overrides or controls (these also break XML)
        return el

    items = sorted(items, key=lambda it: it[1].recorded_at, reverse=True)[:FEED_LIMIT]
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "title", title)
    sub(feed, "id", feed_id)
    sub(feed, "updated", items[0][1].recorded_at if items else now_iso())
    author = sub(feed, "author")
    sub(author, "name", "tosdiff")
    sub(feed, "generator", "tosdiff")
    sub(feed, "link", rel="self", href="feed.atom")
    for doc, v in items:
        entry = sub(feed, "entry")
        cats = sorted({f.category for f in v.flags if f.polarity != "protective"})
        what = v.summary or ("first version recorded" if v.kind == "new" else v.kind)
        sub(
            entry,
            "title",
            f"{doc.title or doc.name} v{v.number}: {what}" + (f" ⚑ {', '.join(cats)}" if cats else ""),
        )
        sub(entry, "id", _entry_id(doc.name, v))
        sub(entry, "updated", v.recorded_at)
        sub(entry, "link", rel="alternate", type="text/html", href=f"{root}{doc.slug}/index.html#v{v.number}")
        for c in cats:
            sub(entry, "category", term=c)
        # type="html": the HTML is a string here and ElementTree escapes it, as Atom requires.
        content = flags_html(v.flags) + (
            changes_html(v.changes) if v.changes else "<p>First version recorded.</p>"
        )
        sub(entry, "content", content, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


# --- building --------------------------------------------------------------------------------


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def build_report(store: Store, out: Path, names: Sequence[str] = (), rules: Any = None) -> ReportSummary:
    """Write the static site for the named documents (all when none) into `out`; return counts."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        # The report replaces document folders inside `out`: never do that in a folder it did not make.
        raise TosdiffError(f"{out} is not empty and holds no tosdiff report: choose an empty or new folder")
    docs = gather(store, names, rules)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(
        "This folder is a tosdiff report; `tosdiff report` rewrites it.\n", encoding="utf-8"
    )
    css = resources.files("tosdiff") / "data" / "report" / "style.css"
    _write(out / "style.css", css.read_bytes())
    pages = 0
    everything: list[tuple[DocumentReport, VersionEntry]] = []
    for d in docs:
        folder = out / d.slug
        if folder.exists():
            shutil.rmtree(folder)  # pages of clauses that no longer exist must not linger
        histories = clause_histories(store, d)
        used: set[str] = set()
        for sid in histories:
            slug = _slug(sid)
            while slug in used:
                slug += "_"
            used.add(slug)
            d.clause_pages[sid] = f"clause/{slug}.html"
        dates = {v.number: v.recorded_at for v in d.versions}
        for sid, events in histories.items():
            _write(folder / d.clause_pages[sid], _clause_page(d, sid, events, dates))
            pages += 1
        for v in d.versions:
            _write(folder / f"v{v.number}.html", _version_page(d, v, store.text(v.text_hash)))
            pages += 1
        _write(folder / "index.html", _document_page(d))
        pages += 1
        items = [(d, v) for v in d.versions]
        everything.extend(items)
        _write(folder / "feed.atom", _feed(f"tosdiff: {d.title or d.name}", _feed_id(d.name), items, "../"))
    _write(out / "index.html", _index_page(docs))
    _write(out / "feed.atom", _feed("tosdiff: all changes", _feed_id(""), everything, ""))
    return ReportSummary(out, len(docs), sum(len(d.versions) for d in docs), pages + 1)


def _feed_id(name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"tosdiff:feed:{name}"))
