"""The report's timeline pages: per flag category, a static SVG chart of which documents added or dropped
it over time, and the table of those dates.

The chart is plain SVG (no script, no style attribute: the report's Content-Security-Policy allows
neither), one row per document and one marker per event: a triangle pointing up where the category was
introduced or widened, down where it was removed or narrowed, red when worse for users, green when
better, grey otherwise. Each marker's <title> is its tooltip. Every piece of text in it comes from
fetched pages or the database and is escaped (`escape_html` also drops control and bidi characters,
which XML does not allow either).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from tosdiff.sanitize import escape_html, plural
from tosdiff.timeline import INTRODUCED, WIDENED, TimelineEvent, by_category, event_line

esc = escape_html
FOLDER = "_timeline"  # never a document's folder: a document name starts with a letter or digit
WIDTH = 920
LEFT = 230  # the document names' column
RIGHT = 20
TOP = 16
ROW = 26
AXIS = 34
MAX_ROWS = 200  # documents per chart; the rest are listed as left out
MAX_MARKERS = 3000  # markers per chart
MAX_TABLE_ROWS = 2000  # events listed per category page
COLOURS = {"worse for users": "#c0392b", "better for users": "#1e8449", "": "#7f8c8d"}


def category_slug(category: str, taken: set[str]) -> str:
    """A file-safe, unique (case-insensitively) name for a category's page."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", category).strip("-.")[:80] or "category"
    slug, n = base, 1
    while slug.lower() in taken:
        n += 1
        slug = f"{base}_{n}"
    taken.add(slug.lower())
    return slug


def _when(iso: str) -> float:
    """Seconds since the epoch of a recorded_at (naive UTC)."""
    try:
        return datetime.fromisoformat(iso.rstrip("Z")[:26]).replace(tzinfo=UTC).timestamp()
    except ValueError:
        return 0.0


def _new_year(year: int) -> float:
    return datetime(year, 1, 1, tzinfo=UTC).timestamp()


def chart_svg(category: str, events: Sequence[TimelineEvent]) -> str:
    """A standalone SVG document: one row per document, one marker per event of the category."""
    docs = list(dict.fromkeys(e.document for e in events))
    shown = docs[:MAX_ROWS]
    rows = {d: i for i, d in enumerate(shown)}
    marks = [e for e in events if e.document in rows][:MAX_MARKERS]
    times = [_when(e.recorded_at) for e in marks] or [0.0]
    lo, hi = min(times), max(times)
    year_lo, year_hi = datetime.fromtimestamp(lo, UTC).year, datetime.fromtimestamp(hi, UTC).year + 1
    lo, hi = _new_year(year_lo), _new_year(year_hi)
    plot_w = WIDTH - LEFT - RIGHT
    height = TOP + max(1, len(shown)) * ROW + AXIS

    def x(t: float) -> float:
        return LEFT + (t - lo) / (hi - lo) * plot_w

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{esc(category)}: documents that added or dropped it over time</title>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    axis_y = TOP + max(1, len(shown)) * ROW
    step = max(1, (year_hi - year_lo) // 12)  # at most a dozen year ticks
    for year in range(year_lo, year_hi + 1, step):
        tx = x(_new_year(year))
        parts.append(f'<line x1="{tx:.1f}" y1="{TOP}" x2="{tx:.1f}" y2="{axis_y}" stroke="#e5e5e5"/>')
        parts.append(
            f'<text x="{tx:.1f}" y="{axis_y + 18}" font-size="12" text-anchor="middle" '
            f'fill="#555555" font-family="sans-serif">{year}</text>'
        )
    for doc, i in rows.items():
        y = TOP + i * ROW + ROW / 2
        label = doc if len(doc) <= 32 else doc[:31] + "…"
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" '
            f'font-family="sans-serif" fill="#222222">{esc(label)}</text>'
        )
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#f0f0f0"/>')
    for e in marks:
        cx, cy = x(_when(e.recorded_at)), TOP + rows[e.document] * ROW + ROW / 2
        up = e.action in (INTRODUCED, WIDENED)
        tip = f"{cx:.1f},{cy - 7:.1f} {cx - 6:.1f},{cy + 5:.1f} {cx + 6:.1f},{cy + 5:.1f}"
        down = f"{cx:.1f},{cy + 7:.1f} {cx - 6:.1f},{cy - 5:.1f} {cx + 6:.1f},{cy - 5:.1f}"
        colour = COLOURS.get(e.impact, COLOURS[""])
        parts.append(
            f'<polygon points="{tip if up else down}" fill="{colour}" stroke="#ffffff" stroke-width="1">'
            f"<title>{esc(event_line(e))}: {esc(e.excerpt)}</title></polygon>"
        )
    if len(docs) > len(shown):
        parts.append(
            f'<text x="{LEFT}" y="{height - 2}" font-size="11" font-family="sans-serif" fill="#555555">'
            f"{plural(len(docs) - len(shown), 'more document')} not drawn</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _table(events: Sequence[TimelineEvent], doc_links: Mapping[str, str]) -> str:
    rows = []
    for e in events[-MAX_TABLE_ROWS:][::-1]:  # newest first, as the rest of the report
        link = doc_links.get(e.document)
        doc = esc(e.document)
        version = f"v{e.version}"
        if link:
            doc = f'<a href="../{esc(link, quote=True)}/index.html">{doc}</a>'
            version = f'<a href="../{esc(link, quote=True)}/v{e.version}.html">{version}</a>'
        rows.append(
            f"<tr><td>{esc(e.date)}</td><td>{doc}</td><td>{version}</td><td>{esc(e.section)}</td>"
            f'<td><span class="action a-{esc(e.action, quote=True)}">{esc(e.action)}</span>'
            f'<div class="muted small">{esc(e.impact)}</div></td><td>{esc(e.excerpt)}</td></tr>'
        )
    more = (
        f'<p class="muted omitted">{plural(len(events) - MAX_TABLE_ROWS, "older date")} not listed: '
        "run <code>tosdiff timeline</code>.</p>"
        if len(events) > MAX_TABLE_ROWS
        else ""
    )
    return (
        '<table class="docs"><thead><tr><th>Date</th><th>Document</th><th>Version</th><th>Clause</th>'
        "<th>Change</th><th>Excerpt</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>" + more
    )


def timeline_site(
    events: Sequence[TimelineEvent], doc_links: Mapping[str, str]
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The timeline pages: ({path: (title, HTML body)}, {path: SVG}), paths relative to the report.

    `doc_links` maps a document's name to its folder in the report.
    """
    groups = by_category(events)
    pages: dict[str, tuple[str, str]] = {}
    svgs: dict[str, str] = {}
    taken: set[str] = {"index"}
    items = []
    for category, evs in groups.items():
        slug = category_slug(category, taken)
        svg = chart_svg(category, evs)
        svgs[f"{FOLDER}/{slug}.svg"] = svg
        docs = len({e.document for e in evs})
        lead = (
            f'<p class="lead">{plural(len(evs), "date")} at which {plural(docs, "document")} introduced, '
            f"removed, widened or narrowed a clause flagged <strong>{esc(category)}</strong>. Triangles up: "
            "introduced or widened; down: removed or narrowed; red: worse for users, green: better.</p>"
        )
        body = (
            lead
            + f'<figure class="chart">{svg}'
            + f'<figcaption><a href="{esc(slug, quote=True)}.svg">The chart as an SVG file</a></figcaption></figure>'
            + _table(evs, doc_links)
        )
        pages[f"{FOLDER}/{slug}.html"] = (f"Timeline: {category}", body)
        items.append(
            f'<li><a href="{esc(slug, quote=True)}.html">{esc(category)}</a> '
            f'<span class="muted">{plural(len(evs), "date")}, {plural(docs, "document")}, '
            f"latest {esc(evs[-1].date)}</span></li>"
        )
    intro = (
        '<p class="lead">For each flag category, when the watched documents introduced, removed, widened '
        "or narrowed a clause of that kind.</p>"
    )
    listing = (
        f'<ul class="categories">{"".join(items)}</ul>'
        if items
        else '<p class="muted">No flagged change yet.</p>'
    )
    pages[f"{FOLDER}/index.html"] = ("Flag timelines", intro + listing)
    return pages, svgs
