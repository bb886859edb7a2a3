"""Plain data shared by every pipeline stage: frozen dataclasses, no behaviour, no I/O.

Data flows one way (config -> fetch -> extract -> sections -> store -> diff -> flags -> render/alerts);
each stage takes and returns these types, so a stage can be tested alone.

The normalised text contract (what ``extract`` produces and ``sections`` parses)
-------------------------------------------------------------------------------
* UTF-8 text, NFC-normalised, ``\\n`` line ends, no trailing spaces, ends with one ``\\n``.
* Blocks are separated by exactly one blank line.
* Headings: ``#`` repeated *level* times, a space, the heading text (``## 10. Customer Content``).
* Paragraphs: one line each, whitespace collapsed.
* Ordered list items: ``N. text`` with the item's real number (``start``/``value`` honoured);
  unordered: ``- text``; nested lists indented two spaces per level.
* Table rows: ``| cell | cell |``.
* Links: ``[text](scheme://host/path)``: query strings, fragments and a trailing slash dropped (they
  change per request or deploy), Cloudflare-protected addresses decoded.
* Plain-text and PDF sources follow the same contract as far as their structure can be told.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Outcome names of one check (urlwatch's vocabulary plus `reverted`).
NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
REVERTED = "reverted"
ERROR = "error"
# A new version whose visible words are those of the previous one: only where links point changed.
# Its own outcome (and version kind), never alerted unless the document sets alert_on_links.
LINKS = "links"

# Kinds of section change.
ADDED = "added"
REMOVED = "removed"
MODIFIED = "modified"
RENUMBERED = "renumbered"
MOVED = "moved"

# Kinds of section change beyond the five above, which the differ reports for split or merged clauses,
# and for a section whose words are the same but whose links point elsewhere (`LINKS`, above).
SPLIT = "split"
MERGED = "merged"
CHANGE_KINDS = (ADDED, REMOVED, MODIFIED, RENUMBERED, MOVED, SPLIT, MERGED, LINKS)

# Which way a flag change cuts for the people bound by the terms (Flag.direction).
WORSE = "worse"
BETTER = "better"

# Flag severities, least severe first: a severity's rank is its index here.
SEVERITIES = ("info", "low", "medium", "high")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}


def severity_rank(severity: str | None, unknown: int = 0) -> int:
    """Rank of a severity, higher is worse (info 0 .. high 3); `unknown` for anything else.

    Listings worst first sort by ``-severity_rank(s, unknown=-1)`` so unknown values come last.
    """
    return SEVERITY_RANK.get(severity, unknown) if severity is not None else unknown


@dataclass(frozen=True)
class Source:
    """One page of a multi-page document: where it is and which part of it holds the terms."""

    url: str
    select: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One tracked terms document, as the config declares it."""

    name: str
    url: str
    select: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()  # regexes; matching lines are dropped before comparison
    service: str = ""
    type: str = ""
    title: str = ""
    tags: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    timeout: float = 30.0  # seconds, per request (connect and read)
    deadline: float = 120.0  # seconds, whole check of this document including retries
    max_bytes: int = 10 * 1024 * 1024
    render: str = "http"  # "http" | "browser"
    browser_fallback: bool = False
    max_shrink: float = 0.5  # a text that shrinks by more than this share is an error, not a version
    schedule: str = ""  # cron expression ("0 */6 * * *") or "" for the default
    every: str = ""  # interval ("6h", "30m") or ""
    alert_on_revert: bool = False
    alert_on_links: bool = False  # alert a version that changes only where links point
    language: str = ""  # "fr", "de", ...: the config's override; "" = detected from the text
    # Pages fetched in order and joined as one text (multi-page terms); empty: the one page at `url`.
    # With sources, `url` is the first source's (what lists and alerts show).
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class FetchResult:
    """What one fetch returned: bytes and the headers that matter, or a 304."""

    url: str  # final URL after redirects
    status: int
    body: bytes
    content_type: str  # full header value, charset included
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    duration_ms: int = 0
    attempts: int = 1


@dataclass(frozen=True)
class Section:
    """One clause or heading-delimited part of a version, with a stable id ("10.4", "article-5")."""

    id: str
    number: str  # as written ("10.4", "Article 5", "(b)"); "" when unnumbered
    title: str
    level: int
    text: str  # the section's own text, without its sub-sections
    hash: str  # content hash of `text` (numbering excluded, so renumbering keeps the hash)
    parent: str | None = None
    position: int = 0  # order in the document


@dataclass(frozen=True)
class Hunk:
    """One run of a word-level diff: op is "equal", "insert", "delete" or "replace"."""

    op: str
    old: str
    new: str


@dataclass(frozen=True)
class SectionChange:
    """One paired (or unpaired) section across two versions."""

    kind: str  # added | removed | modified | renumbered | moved | split | merged | links
    old_id: str | None
    new_id: str | None
    title: str
    old_text: str = ""
    new_text: str = ""
    hunks: tuple[Hunk, ...] = ()
    similarity: float = 0.0
    old_title: str = ""
    # For moved/renumbered sections whose text also changed.
    content_changed: bool = False

    @property
    def id(self) -> str:
        """The id a reader knows the clause by: the new one, else the old one."""
        return self.new_id or self.old_id or ""


@dataclass(frozen=True)
class Flag:
    """A risky clause: category, how bad, where, and what it means for a non-lawyer."""

    category: str  # ai-training | content-licence | data-sharing | liability | termination | ...
    severity: str  # one of SEVERITIES
    section: str  # section id
    excerpt: str
    explanation: str
    polarity: str = "permissive"  # permissive (grants the provider power) | protective | neutral
    change: str | None = None  # introduced | removed | modified | None (flag on a version, not a change)
    direction: str | None = None  # worse | better (for users) | None: which way a change cuts
    rule: str = ""
    scope: str | None = None  # widened | narrowed | None: the power granted to the provider grew or shrank

    @property
    def against_users(self) -> bool:
        """True for a change for the worse or one that cannot be told, or a clause of a version that
        grants the provider power.

        A change says which way it cuts (`direction`). A change whose direction cannot be told (a
        protective clause reworded) is listed with the risks, never as better for users: only a known
        `better` direction says that. A flag of a version reads by polarity: only a protective clause is
        for users.
        """
        if self.direction in (WORSE, BETTER):
            return self.direction == WORSE
        if self.change:
            return True
        return self.polarity != "protective"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one document."""

    name: str
    status: str  # new | changed | unchanged | reverted | links | error
    version: int | None = None
    previous_version: int | None = None
    error: str | None = None
    error_class: str | None = None
    changes: tuple[SectionChange, ...] = ()
    flags: tuple[Flag, ...] = ()
    check_id: int | None = None


@dataclass(frozen=True)
class RunReport:
    """All results of one run of `check`."""

    results: tuple[CheckResult, ...] = field(default_factory=tuple)
    # Documents per status over the whole run, also those whose result was not kept (a big run streams
    # its results and keeps none, so that memory does not grow with the documents). Empty: count `results`.
    counts: dict[str, int] = field(default_factory=dict)

    def statuses(self) -> dict[str, int]:
        """How many documents of the run ended with each status."""
        if self.counts:
            return dict(self.counts)
        out: dict[str, int] = {}
        for r in self.results:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    @property
    def checked(self) -> int:
        """Documents the run checked (and recorded)."""
        return sum(self.statuses().values())

    @property
    def failed(self) -> bool:
        """True when at least one document ended in error."""
        return self.statuses().get(ERROR, 0) > 0

    @property
    def changed(self) -> bool:
        """True when at least one document has a new or changed version."""
        counts = self.statuses()
        return counts.get(CHANGED, 0) + counts.get(REVERTED, 0) > 0
