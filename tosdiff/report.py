"""`tosdiff report`: a static HTML site and Atom feeds of everything the database recorded.

The site works from a folder or any static host, with no JavaScript and no external resources:
``index.html`` (every document: latest version, last check, flag categories), per document a
timeline of versions with their section diffs and flags, a page per version text, a page per clause
history, and Atom feeds (``feed.atom`` overall, ``<document>/feed.atom`` each).

Pages are untrusted input too: a page of 100,000 tiny sections must not make a report run for hours
or write a million files. Building is linear in what the database holds, and bounded: at most
`MAX_CHANGES_SHOWN` changes and `MAX_FLAGS_SHOWN` flags per version and `MAX_CLAUSE_PAGES` clause
pages per document are rendered, each cut saying how much was left out and which command shows it.

Every string that came from a fetched page is cleaned and html-escaped (`tosdiff.sanitize.escape_html`)
before it is written; feeds are built with ``xml.etree`` so their content is escaped by construction.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tosdiff.errors import TosdiffError
from tosdiff.export import write_file
from tosdiff.history import change_index, clause_timeline, document_history
from tosdiff.htmlview import hunks_html
from tosdiff.models import Flag, SectionChange, severity_rank
from tosdiff.report_manifest import (
    MANIFEST,
    MANIFEST_SCHEMA,
    doc_key,
    load_manifest,
    report_build_hash,
    stylesheet,
)
from tosdiff.sanitize import clean_text, escape_html, plural
from tosdiff.schema import name_problem
from tosdiff.store import Store, now_iso

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 100  # entries per feed: readers only need the recent ones
MARKER = ".tosdiff-report"  # marks a folder that `tosdiff report` may rewrite
DIFF_CONTEXT = 40  # words of unchanged text kept around a change on the timeline
# Bounds on what one version or document renders. A real rewrite of terms changes a few hundred
# clauses at most; beyond that a page is unreadable anyway and `tosdiff diff` shows everything.
MAX_CHANGES_SHOWN = 500  # changes per version on the timeline and in feeds
MAX_FLAGS_SHOWN = 200  # flags per version, worst first
MAX_CLAUSE_PAGES = 1000  # clause history pages per document, the most recently changed clauses
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
    previous: int | None = None  # the version before this one (what `changes` are relative to)
    technical: bool = False  # a re-derived text (the timeline leaves it out)
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
    language: str = ""  # "fr": the config's override, else detected from the latest text ("" unknown)
    versions: list[VersionEntry] = field(default_factory=list)
    clause_pages: dict[str, str] = field(default_factory=dict)  # section id -> file name
    clauses_left_out: int = 0  # changed clauses beyond MAX_CLAUSE_PAGES, without a history page

    @property
    def slug(self) -> str:
        """The document's folder name: its name, made path-safe should the database hold an odd one."""
        if name_problem(self.name) is None:
            return self.name
        # A name from an older database: never one of the site's own files ("index.html").
        return "doc-" + _slug(self.name)[:96]

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
                if not f.against_users:
                    continue  # a protection added or a harmful clause dropped is no risk to show
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
    reused: int = 0  # documents whose pages were kept from the last build (nothing recorded since)


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


def gather(
    store: Store, names: Sequence[str] = (), rules: Any = None, languages: Mapping[str, str] | None = None
) -> list[DocumentReport]:
    """Read documents, versions and texts; diff consecutive versions and flag the changes."""
    return [gather_one(store, row, rules, languages) for row in _document_rows(store, names)]


def _new_report(row: dict[str, Any]) -> DocumentReport:
    return DocumentReport(
        name=row["name"],
        url=row["url"],
        service=row["service"] or "",
        title=row["title"] or "",
        type=row["type"] or "",
        last_check_at=row["last_check_at"],
        last_outcome=row["last_outcome"],
        last_error=row["last_error"],
    )


def gather_one(
    store: Store, row: dict[str, Any], rules: Any = None, languages: Mapping[str, str] | None = None
) -> DocumentReport:
    """One document of `store.document_summaries()`, its versions diffed and flagged, its language known."""
    from tosdiff.language import UNDETERMINED, document_language

    doc = _new_report(row)
    technical = {r["version"] for r in store.versions(doc.name) if r.get("technical")}
    previous: int | None = None
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
            previous=previous,
            technical=v["version"] in technical,
        )
        previous = entry.number
        doc.versions.append(entry)
    override = (languages or {}).get(doc.name, "")
    text = store.text(doc.versions[-1].text_hash) if doc.versions and not override else ""
    code = document_language(text, override) if (override or text) else ""
    doc.language = "" if code == UNDETERMINED else code
    return doc


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
        if not f.against_users:
            continue
        if severity_rank(f.severity, unknown=-1) > severity_rank(worst.get(f.category, "info"), unknown=-1):
            worst[f.category] = f.severity
    return " ".join(
        f'<span class="chip sev-{esc(worst.get(c, "medium"))}">{esc(c)}</span>' for c in categories
    )


def _left_out(n: int, what: str, hint: str) -> str:
    """The note closing a cut list: how many items were left out and where to see them."""
    return f'<p class="muted omitted">{n} more {what}{"" if n == 1 else "s"} not shown here{esc(hint)}.</p>'


def _diff_hint(name: str, v: VersionEntry) -> str:
    """Where a cut version's whole diff is: the `tosdiff diff` command for it."""
    versions = f" --from {v.previous} --to {v.number}" if v.previous else f" --to {v.number}"
    return f": run `tosdiff diff {name}{versions}`"


def flags_html(
    flags: Sequence[Flag],
    clause_pages: dict[str, str] | None = None,
    limit: int | None = None,
    hint: str = "",
) -> str:
    """A list of flags: severity, category, section, change and the plain-language explanation.

    At most `limit` flags, worst first; a note counts the rest (`hint` says where to see them).
    """
    if not flags:
        return ""
    items = []
    # Worst first; a severity the ranking does not know comes last.
    limit = MAX_FLAGS_SHOWN if limit is None else limit
    ranked = sorted(flags, key=lambda f: (-severity_rank(f.severity, unknown=-1), f.section))
    for f in ranked[:limit]:
        sev = re.sub(r"[^a-z]", "", f.severity)
        change = " ".join(x for x in (f.change, f.scope and f"({f.scope})") if x)
        section = esc(f.section)
        page = (clause_pages or {}).get(f.section)
        if page:
            section = f'<a href="{esc(page, quote=True)}">{section}</a>'
        protective = ' <span class="chip protective">protective</span>' if f.polarity == "protective" else ""
        # The badge says which way a change cuts: a dropped waiver must not read like a new one.
        if f.direction in ("worse", "better"):
            protective += f' <span class="chip {f.direction}">{f.direction} for users</span>'

        excerpt = f"<blockquote>{esc(f.excerpt)}</blockquote>" if f.excerpt else ""
        items.append(
            f'<li class="flag sev-{sev}"><span class="chip sev-{sev}">{esc(f.severity)}</span> '
            f"<strong>{esc(f.category)}</strong> in §{section}"
            f"{' — ' + esc(change) if change else ''}{protective}"
            f"<p>{esc(f.explanation)}</p>{excerpt}</li>"
        )
    more = _left_out(len(ranked) - limit, "flag", hint) if len(ranked) > limit else ""
    return '<ul class="flags">' + "".join(items) + "</ul>" + more


_DIFF_OPEN, _DIFF_CLOSE = '<div class="tosdiff-diff">\n', "</div>\n"  # diffview.to_html's wrapper


def changes_html(
    changes: Sequence[SectionChange],
    clause_pages: dict[str, str] | None = None,
    limit: int | None = None,
    hint: str = "",
) -> str:
    """Section diff of one version with inline <del>/<ins> and links to clause histories.

    At most `limit` changes, in document order; a note counts the rest (`hint` says where to see them).
    """
    from tosdiff import diffview

    if not changes:
        return '<p class="muted">No section changed.</p>'
    limit = MAX_CHANGES_SHOWN if limit is None else limit
    parts = []
    # One change at a time: linking a heading then edits that change's HTML only, where a
    # replace over the whole diff per change made thousands of changes quadratic.
    for c in changes[:limit]:
        piece = diffview.to_html([c], context=DIFF_CONTEXT).removeprefix(_DIFF_OPEN).removesuffix(_DIFF_CLOSE)
        page = (clause_pages or {}).get(c.id)
        if page:
            # Link the heading of this change to the clause's history (ids are escaped the same way).
            marker = f'data-section="{esc(c.id, quote=True)}">'
            link = f'<a class="history" href="{esc(page, quote=True)}">clause history →</a>'
            piece = piece.replace(marker, marker + link, 1)
        parts.append(piece)
    more = _left_out(len(changes) - limit, "changed section", hint) if len(changes) > limit else ""
    return _DIFF_OPEN + "".join(parts) + _DIFF_CLOSE + more


def _language_cell(code: str, long: bool = False) -> str:
    """'fr' (or 'French (fr)' when `long`) as a tagged span, '—' when the language is unknown."""
    from tosdiff.language import LANGUAGE_NAMES

    if not code:
        return '<span class="muted">—</span>'
    name = LANGUAGE_NAMES.get(code)
    shown = f"{name} ({code})" if long and name else code
    return f'<span class="lang" lang="{esc(code, quote=True)}">{esc(shown)}</span>'


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
            f'<td class="lang">{_language_cell(d.language)}</td>'
            f"<td class=num>{latest.number if latest else '—'}</td>"
            f"<td>{_date(latest.recorded_at if latest else None)}</td>"
            f'<td>{_date(d.last_check_at)}<div><span class="outcome o-{outcome}">{outcome}</span></div>{err}</td>'
            f"<td>{_chips(d.categories, [f for v in d.versions for f in v.flags]) or '<span class=muted>none</span>'}</td>"
            "</tr>"
        )
    total = sum(len(d.versions) for d in docs)
    body = (
        f'<p class="lead">{plural(len(docs), "document")}, {plural(total, "version")} recorded. Flags name risky clauses that '
        "changes introduced (AI training, content licences, data sharing, unfair terms): "
        '<a href="_timeline/index.html">when each kind came and went</a>.</p>'
        '<table class="docs"><thead><tr><th>Document</th><th>Language</th><th>Version</th><th>Recorded</th>'
        "<th>Last check</th><th>Flagged changes</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )
    return _page("Terms of service watched by tosdiff", body, "")


def _document_page(d: DocumentReport) -> str:
    parts = [
        '<dl class="meta">',
        f'<dt>URL</dt><dd><a href="{esc(d.url, quote=True)}" rel="nofollow noreferrer">{esc(d.url)}</a></dd>',
        f"<dt>Service</dt><dd>{esc(d.service or '—')}</dd>",
        f"<dt>Language</dt><dd>{_language_cell(d.language, long=True)}</dd>",
        # The last check lives on the index (rebuilt every time): this page is rewritten only when a
        # version is recorded, so it says when the latest version was, never a check it cannot follow.
        f"<dt>Latest version</dt><dd>{_date(d.latest.recorded_at if d.latest else None)}"
        ' (<a href="../index.html">last check on the index</a>)</dd>',
        '<dt>Feed</dt><dd><a href="feed.atom">Atom feed of changes</a></dd>',
        "</dl>",
    ]
    if d.clauses_left_out:
        parts.append(
            f'<p class="muted omitted">Clause histories are linked for the {plural(len(d.clause_pages), "clause")} '
            f"changed most recently; {plural(d.clauses_left_out, 'more changed clause')} have none here: "
            f"run <code>tosdiff log {esc(d.name)} SECTION</code>.</p>"
        )
    parts += [
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
            f"{_chips(sorted({f.category for f in v.flags if f.against_users}), v.flags)}</div>"
        )
        if v.number == 1 or (not v.changes and v.kind == "new"):
            parts.append('<p class="muted">First version recorded.</p>')
        else:
            hint = _diff_hint(d.name, v)
            parts.append(flags_html(v.flags, d.clause_pages, hint=hint))
            parts.append(changes_html(v.changes, d.clause_pages, hint=hint))
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


def clause_histories(store: Store, d: DocumentReport, limit: int | None = None) -> dict[str, list[dict]]:
    """History of every clause that some version changed and that the latest version still has.

    At most `limit` clauses, those changed most recently (in order of first change); the number left
    out is kept in ``d.clauses_left_out``. Each is walked over the changes `gather` already computed,
    indexed once, instead of calling ``section_history``, which re-parses and re-diffs every version
    for every clause: with many versions and many changed clauses that made the report quadratic.
    """
    from tosdiff.sections import parse_sections

    limit = MAX_CLAUSE_PAGES if limit is None else limit
    d.clauses_left_out = 0
    if len(d.versions) < 2:
        return {}
    present = {s.id for s in parse_sections(store.text(d.versions[-1].text_hash))}
    last_changed: dict[str, int] = {}  # in order of first change: section id -> index of its last change
    for k, v in enumerate(d.versions):
        for c in v.changes:
            if c.new_id and c.new_id in present:
                last_changed[c.new_id] = k
    wanted = list(last_changed)
    if len(wanted) > limit:
        order = {sid: i for i, sid in enumerate(wanted)}
        newest = sorted(wanted, key=lambda sid: (-last_changed[sid], order[sid]))[:limit]
        d.clauses_left_out = len(wanted) - limit
        wanted = sorted(newest, key=order.__getitem__)
    numbers = [v.number for v in d.versions]
    steps = [v.changes for v in d.versions[1:]]
    index = change_index(steps)
    return {sid: clause_timeline(numbers, steps, sid, index=index) for sid in wanted}


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
        cats = sorted({f.category for f in v.flags if f.against_users})
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
        hint = _diff_hint(doc.name, v)
        content = flags_html(v.flags, hint=hint) + (
            changes_html(v.changes, hint=hint) if v.changes else "<p>First version recorded.</p>"
        )
        sub(entry, "content", content, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


# --- building --------------------------------------------------------------------------------


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, text)  # never through a symbolic link planted in the report folder


def build_report(
    store: Store,
    out: Path,
    names: Sequence[str] = (),
    rules: Any = None,
    languages: Mapping[str, str] | None = None,
) -> ReportSummary:
    """Write the static site for the named documents (all when none) into `out`; return counts.

    Incremental: a document whose versions, labels and language are those of the last build (the
    manifest in `out`) keeps its pages; the index, feeds and timelines are always rewritten.
    `languages` maps document names to the config's `language` override.
    """
    try:
        return _build(store, out, names, rules, languages or {})
    except OSError as e:
        # A read-only folder, a file where the folder should be, a full disk: one line, no traceback.
        raise TosdiffError(f"{e.filename or out}: cannot write the report: {e.strerror or e}") from None


def _cached_versions(entry: Any) -> list[VersionEntry] | None:
    """The versions (flags, no changes) a manifest entry kept, or None when it is malformed."""
    try:
        out = []
        for v in entry["versions"]:
            flags = [Flag(**f) for f in v.pop("flags")]
            out.append(VersionEntry(**v, flags=flags))
        return out
    except (KeyError, TypeError, AttributeError):
        return None


def _manifest_entry(key: str, d: DocumentReport) -> dict[str, Any]:
    from dataclasses import asdict

    versions = []
    for v in d.versions:
        row = asdict(v)
        row.pop("changes")
        versions.append(row)
    return {"key": key, "language": d.language, "versions": versions}


def _build(
    store: Store, out: Path, names: Sequence[str], rules: Any, languages: Mapping[str, str]
) -> ReportSummary:
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        # The report replaces document folders inside `out`: never do that in a folder it did not make.
        raise TosdiffError(f"{out} is not empty and holds no tosdiff report: choose an empty or new folder")
    rows = _document_rows(store, names)
    build_hash = report_build_hash(rules)
    previous = load_manifest(out, build_hash)
    # A build of every document forgets those no longer in the database; a build of a few keeps the rest.
    manifest: dict[str, Any] = dict(previous) if names else {}
    keys = store.version_keys()
    out.mkdir(parents=True, exist_ok=True)
    _write(out / MARKER, "This folder is a tosdiff report; `tosdiff report` rewrites it.\n")
    _write(out / "style.css", stylesheet().read_bytes())
    pages = reused = 0
    docs: list[DocumentReport] = []  # every document, its versions' flags but not their changes
    # Documents gathered with their changes in this build, kept only while one of their versions is among
    # the newest FEED_LIMIT (the overall feed's): at 10,000 documents, keeping them all held every diff.
    newest = _Newest(FEED_LIMIT)
    full: dict[str, DocumentReport] = {}
    for k, row in enumerate(rows):
        key = doc_key(row, keys.get(row["name"], ""), languages.get(row["name"], ""))
        entry = previous.get(row["name"])
        folder = out / _new_report(row).slug
        if folder.is_symlink():
            raise TosdiffError(f"{folder} is a symbolic link: refusing to write through it")
        cached = _cached_versions(entry) if isinstance(entry, dict) and entry.get("key") == key else None
        if cached is not None and (folder / "index.html").is_file():
            d = _new_report(row)
            d.versions, d.language = cached, str(entry.get("language") or "")
            reused += 1
        else:
            d = gather_one(store, row, rules, languages)
            pages += _document_pages(store, out, d)
            full[d.name] = d
        manifest[d.name] = _manifest_entry(key, d)
        for name in newest.add(k, d):
            full.pop(name, None)  # no longer holds a feed entry: its changes can go
        docs.append(_without_changes(d) if d.name in full else d)
        if d.name in full and d.name not in newest.names:
            del full[d.name]
    # The overall feed shows the newest entries: only documents holding one need their changes.
    everything = sorted(
        ((d, v) for d in docs for v in d.versions), key=lambda it: it[1].recorded_at, reverse=True
    )[:FEED_LIMIT]
    for name in {d.name for d, _ in everything} - set(full):
        row = next(r for r in rows if r["name"] == name)
        full[name] = gather_one(store, row, rules, languages)
    everything = [(full.get(d.name, d), v) for d, v in everything]
    everything = [(d, next(x for x in d.versions if x.number == v.number)) for d, v in everything]
    pages += _timeline_pages(out, docs)
    _write(out / "index.html", _index_page(docs))
    _write(out / "feed.atom", _feed("tosdiff: all changes", _feed_id(""), everything, ""))
    if build_hash is not None:
        _write(
            out / MANIFEST,
            json.dumps({"schema": MANIFEST_SCHEMA, "build": build_hash, "documents": manifest}),
        )
    return ReportSummary(out, len(docs), sum(len(d.versions) for d in docs), pages + 1, reused)


class _Newest:
    """The newest `limit` versions over the documents seen so far, in the overall feed's order (newest
    first, then earlier documents, then earlier versions); which documents hold one."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.heap: list[tuple[str, int, int, str]] = []  # (recorded_at, -document, -version index, name)
        self.held: dict[str, int] = {}  # document name -> its versions in the heap

    @property
    def names(self) -> dict[str, int]:
        """The documents holding one of the newest versions."""
        return self.held

    def add(self, k: int, d: DocumentReport) -> list[str]:
        """Offer the k-th document's versions; the documents that no longer hold any."""
        import heapq

        gone = []
        for i, v in enumerate(d.versions):
            item = (v.recorded_at, -k, -i, d.name)
            if len(self.heap) < self.limit:
                heapq.heappush(self.heap, item)
            elif item > self.heap[0]:
                item = heapq.heapreplace(self.heap, item)
                self.held[item[3]] -= 1
                if not self.held[item[3]]:
                    del self.held[item[3]]
                    gone.append(item[3])
                item = (v.recorded_at, -k, -i, d.name)
            else:
                continue
            self.held[d.name] = self.held.get(d.name, 0) + 1
        return [n for n in gone if n not in self.held]


def _without_changes(d: DocumentReport) -> DocumentReport:
    """The document as the index and the timelines need it: versions and flags, no section changes."""
    from dataclasses import replace

    return replace(d, versions=[replace(v, changes=[]) for v in d.versions], clause_pages={})


def _document_pages(store: Store, out: Path, d: DocumentReport) -> int:
    """Rewrite one document's folder: its timeline, version texts, clause histories and feed; pages written."""
    folder = out / d.slug
    if folder.exists():
        shutil.rmtree(folder)  # pages of clauses that no longer exist must not linger
    histories = clause_histories(store, d)
    used: set[str] = set()
    tries: dict[str, int] = {}
    for sid in histories:
        # Bounded file names, unique even on a case-insensitive file system; a numbered suffix
        # (not one "_" more per clash) keeps thousands of clashing ids linear.
        base = _slug(sid)[:80]
        slug = base
        while slug.lower() in used:
            tries[base] = tries.get(base, 1) + 1
            slug = f"{base}_{tries[base]}"
        used.add(slug.lower())
        d.clause_pages[sid] = f"clause/{slug}.html"
    dates = {v.number: v.recorded_at for v in d.versions}
    pages = 0
    for sid, events in histories.items():
        _write(folder / d.clause_pages[sid], _clause_page(d, sid, events, dates))
        pages += 1
    for v in d.versions:
        _write(folder / f"v{v.number}.html", _version_page(d, v, store.text(v.text_hash)))
        pages += 1
    _write(folder / "index.html", _document_page(d))
    items = [(d, v) for v in d.versions]
    _write(folder / "feed.atom", _feed(f"tosdiff: {d.title or d.name}", _feed_id(d.name), items, "../"))
    return pages + 1


def _timeline_pages(out: Path, docs: Sequence[DocumentReport]) -> int:
    """Write the flag timelines (tosdiff.timeline_svg) from the flags gathered above; pages written."""
    from tosdiff.timeline import Step, events_of_steps
    from tosdiff.timeline_svg import FOLDER, timeline_site

    events = []
    for d in docs:
        steps = [Step(v.number, v.recorded_at, v.kind, v.technical, v.previous, v.flags) for v in d.versions]
        events.extend(events_of_steps(d.name, steps))
    if (out / FOLDER).is_dir() and not (out / FOLDER).is_symlink():
        shutil.rmtree(out / FOLDER)  # categories no longer flagged must not linger
    pages, svgs = timeline_site(events, {d.name: d.slug for d in docs})
    for rel, (title, body) in pages.items():
        _write(out / rel, _page(title, body, "../"))
    for rel, svg in svgs.items():
        _write(out / rel, svg)
    return len(pages)


def _feed_id(name: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"tosdiff:feed:{name}"))
