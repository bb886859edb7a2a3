"""`tosdiff init` and `tosdiff add`: a starter config, then one terms page at a time.

``add`` fetches the page through the real fetcher and extractor, proposes a CSS selector for the block
that holds the terms (the extractor's own content detection, turned into an ``#id`` or a stable class
path that is verified to select the same element), previews the sections found, and appends a
``[[documents]]`` entry. The config is re-validated after appending; if that fails, the original file
is put back byte for byte.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import tomlkit
import tomlkit.exceptions
from tomlkit.items import AoT, Comment, Table

from tosdiff.config import Config, document_values, load_config, parse_config
from tosdiff.errors import ConfigError, TosdiffError
from tosdiff.sanitize import UNSAFE_RE, one_line
from tosdiff.schema import NAME_RE, invalid

STARTER_CONFIG = """\
# tosdiff config: which terms pages to watch, where to store them, how to fetch them.
# Relative paths are relative to the folder of this file. Every key is described in the README's
# "Configuration" and "Alerts" sections; `tosdiff alerts kinds` lists the notifiers and their keys.
# Each commented example below loads as is once you remove its leading "# ".
#
# Add documents with `tosdiff add URL` (it proposes a selector and previews the sections),
# then run `tosdiff check` (once, or from cron) or `tosdiff daemon` (on the schedule below).

[storage]
path = "snapshots/tosdiff.db"     # SQLite database (Datasette can open it: see the README)

[fetch]
# user_agent = "my-tos-watcher/1.0 (you@example.org)"   # default: tosdiff's versioned User-Agent
timeout = 30                      # seconds for connect/read of one request
deadline = 120                    # seconds for a whole document, retries included
retries = 3                       # retries of transient failures (connection errors, 429, 5xx)
host_delay = 1.0                  # minimum seconds between two requests to the same host
# workers = 16                    # documents fetched at once (default: one per site in the run, at most 128)

[schedule]                        # used by `tosdiff daemon`
default = "0 */6 * * *"           # every six hours

# Alerts: uncomment one to be told about changes, then try it with `tosdiff alerts test`.

# [[alerts]]
# kind = "email"
# name = "me"                     # unique; `tosdiff alerts test me` sends a sample
# smtp_host = "smtp.example.org"
# smtp_port = 587                 # 587 starttls (default), 465 tls, 25 none
# username = "you@example.org"    # optional; the password is read from the variable below
# password_env = "TOSDIFF_SMTP_PASSWORD"
# from = "tosdiff@example.org"
# to = ["you@example.org"]

# [[alerts]]
# kind = "webhook"
# name = "hook"
# url = "https://hooks.example.org/tosdiff"
# format = "json"                 # or "slack", "discord", "teams" (then prefer url_env: the URL is a secret)

# One [[documents]] table per terms page. Example:

# [[documents]]
# name = "zoom-terms"             # unique id used on the command line (letters, digits, . _ -)
# url = "https://www.zoom.com/en/trust/terms/"
# service = "Zoom"
# type = "Terms of Service"
# select = ["main#main"]          # CSS selectors of the terms text; omit to let tosdiff find it
# remove = []                     # CSS selectors dropped before extraction
# ignore = ["^Last visited"]      # regexes: matching lines are ignored when comparing
"""

# Classes that build tools generate change on every deploy: a selector built on them would break within
# weeks. Prefixes of CSS-in-JS libraries (emotion css-1x2y3z, styled-components sc-bdVaJa and its
# bare hash class bdVaJa, styled-jsx jsx-123456, JSS makeStyles-root-12); CSS-modules names, whose hash
# follows the local name (Gatsby/webpack TermsPage-module--body--3kT9x, Next.js Terms_body__a1B2c, Vite
# _body_1x2y3_12, a bare _3kT9x); a letters-and-digits tail with two digits or more (mantine-1abc2de,
# astro-J7PV25F6; "legal-section1", "tab-pane1" are hand-written). A hash
# has digits or capitals: a hand-written BEM name (terms__content, notice--active) is lower case and stays.
_UNSTABLE_CLASS = re.compile(
    r"(?i:^(?:css|sc|jsx|emotion|styled|svelte|tw|makestyles|withstyles|jss)-)"
    r"|(?i:(?:^|[-_])module(?:--|__|_))"
    r"|(?:__|--)(?=[A-Za-z0-9_-]*[0-9A-Z])[A-Za-z0-9_-]{4,}$"
    r"|^_(?=[A-Za-z0-9_-]*[0-9A-Z])[A-Za-z0-9_-]{4,}$|^_[A-Za-z0-9]+_[A-Za-z0-9]{5}_\d+$"
    r"|-(?=[a-z0-9]*\d[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{5,8}$"
    r"|^(?=[A-Za-z]*[a-z][A-Z][A-Za-z]*[a-z][A-Z])[A-Za-z]{5,8}$"
    r"|\d{3,}|[A-Za-z]+\d+[A-Za-z]+\d"
)
# Utility classes (Tailwind, Bootstrap helpers) describe looks, not content: any redesign changes them.
_UTILITY_CLASS = re.compile(
    r"^(?:flex(?:-.+)?|grid(?:-.+)?|block|inline(?:-.+)?|hidden|container(?:-.+)?|row|col|clearfix|relative|absolute|sticky|fixed|"
    r"(?:sm|md|lg|xl|2xl)[:-].*|-?[mp][xytrbl]?-.+|[wh]-.+|(?:min|max)-[wh]-.+|text-.+|bg-.+|border.*|"
    r"rounded.*|gap-.+|space-.+|justify-.+|items-.+|self-.+|content-(?:start|end|center|between)|"
    r"col-.+|row-.+|font-.+|leading-.+|tracking-.+|shadow.*|overflow-.+|z-.+|(?:top|left|right|bottom|inset)-.+|"
    r"d-.+|order-.+|grow.*|shrink.*|basis-.+|prose.*|mx-auto|w-full|h-full)$"
)
_UNSTABLE_ID = re.compile(r"\d{3,}|^[a-f0-9]{8,}$|^(?:ember|react|radix|headlessui|mui)[-_:]", re.I)
_MARK = "data-tosdiff-element"
_CSS_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*\Z")
# What no string written into a config from outside may hold: line breaks (every one Python's
# splitlines knows) and what the sanitiser removes (controls, bidi marks, private use).
_UNSAFE_IN_CONFIG = re.compile(UNSAFE_RE.pattern + "|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def write_starter_config(path: Path, force: bool = False) -> Path:
    """Write the commented starter config to `path`; refuse to overwrite an existing file unless forced."""
    if path.exists() and not force:
        raise ConfigError(f"{path}: already exists (use --force to overwrite it)")
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, STARTER_CONFIG)
    return path


def _atomic_write(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename, so a crash never leaves half a config."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def unsafe_text(s: str) -> bool:
    """True when `s` holds a line break, a control, bidi or private-use character."""
    return _UNSAFE_IN_CONFIG.search(s) is not None


def _checked_strings(value: object, where: str) -> list[tuple[str, str]]:
    """(key path, string) of every string in a config value: itself, a list's items, a table's values."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, list | tuple):
        return [pair for i, v in enumerate(value) for pair in _checked_strings(v, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _checked_strings(v, f"{where}.{k}")]
    return []


def validate_entry(entry: dict[str, object], where: str) -> dict[str, object]:
    """A [[documents]] entry checked before it is written; ConfigError naming `where` and the key.

    The config's own converters check each key (so nothing is written that `load_config` would refuse);
    on top of them every string must be one line without control, bidi or private-use characters, and
    the URL must hold no whitespace: the entry comes from a page or a declaration, not from the user.
    """
    present = {k: v for k, v in entry.items() if v not in (None, "", [], ())}
    document_values(present, where)
    for key, value in present.items():
        for at, s in _checked_strings(value, f"{where}.{key}"):
            if unsafe_text(s):
                raise invalid(at, "contains a line break or a control character")
            if at.endswith(".url") and re.search(r"\s", s):
                raise invalid(at, "a URL must not contain whitespace")
    return present


def _comment(text: str) -> Comment:
    # A comment is one line of cleaned text: whatever it quotes cannot start a new line of TOML.
    return tomlkit.comment(one_line(text, 300))


def _table(entry: dict[str, object], comments: Sequence[str]) -> Table:
    """One [[documents]] table for tomlkit: comments first, then the keys with a value."""
    table = tomlkit.table()
    for c in comments:
        table.add(_comment(c))
    for key, value in entry.items():
        if value in (None, "", [], ()):
            continue
        table.add(key, list(value) if isinstance(value, tuple) else value)
    return table


def _plain(entry: dict[str, object]) -> dict[str, object]:
    """An entry as tomllib reads it back: lists for tuples, empty values left out."""
    return {
        k: list(v) if isinstance(v, tuple) else v for k, v in entry.items() if v not in (None, "", [], ())
    }


Entries = Sequence[tuple[dict[str, object], Sequence[str]]]


def documents_toml(entries: Entries) -> str:
    """Fresh TOML holding only [[documents]] tables, each preceded by its `# comment` lines."""
    for i, (entry, _) in enumerate(entries):
        validate_entry(entry, f"documents[{i}]")
    doc = tomlkit.document()
    aot = tomlkit.aot()
    for entry, comments in entries:
        aot.append(_table(entry, comments))
    doc.append("documents", aot)
    text = tomlkit.dumps(doc)
    _check_written(text, {"documents": [_plain(e) for e, _ in entries]}, "generated TOML")
    return text


def _check_written(text: str, expected: dict[str, object], what: str) -> dict[str, object]:
    """Read back what the writer produced; it must hold exactly `expected`, or nothing is written."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TosdiffError(f"{what}: the TOML writer produced invalid TOML ({e}); nothing written") from None
    if data != expected:
        raise TosdiffError(f"{what}: the TOML writer produced other content than asked; nothing written")
    return data


def append_documents(config_path: Path, entries: Entries) -> Config:
    """Append [[documents]] tables to the config through tomlkit, validated before anything is written.

    The user's lines, comments and layout are kept as they were (new lines are only inserted, after
    the last [[documents]] table or at the end); the new text is read back and must differ from the
    old only by the new documents, and must load as a config, before it replaces the file in one
    rename. On any failure the file is left as it was.
    """
    for i, (entry, _) in enumerate(entries):
        validate_entry(entry, f"{config_path}: new documents[{i}]")
    try:
        # Bytes, not read_text: universal newlines would turn the user's CRLF line ends into LF.
        base = config_path.read_bytes().decode("utf-8") if config_path.exists() else ""
        if base and not base.endswith("\n"):
            base += "\n"  # else tomlkit would write the first new header on the user's last line
        before = tomllib.loads(base)
        doc = tomlkit.parse(base)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{config_path}: cannot read config: {e}") from None
    except (tomllib.TOMLDecodeError, tomlkit.exceptions.ParseError) as e:
        raise ConfigError(f"{config_path}: invalid TOML: {e}") from None
    existing = doc.get("documents")
    tables = [_table(e, c) for e, c in entries]
    if existing is None:
        aot = tomlkit.aot()
        for t in tables:
            aot.append(t)
        doc.append("documents", aot)
    elif isinstance(existing, AoT):
        last = existing.body[-1] if existing.body else None
        if last is not None and not last.as_string().endswith("\n\n"):
            last.add(tomlkit.nl())  # a blank line between the user's last document and ours
        for t in tables:
            if doc.body and doc.body[-1][1] is not existing:
                t.add(tomlkit.nl())  # more tables follow the documents: keep them apart
            existing.append(t)
    else:
        raise ConfigError(
            f"{config_path}: documents: expected [[documents]] tables to append to; add these by hand"
        )
    text = doc.as_string()
    expected = dict(before)
    expected["documents"] = [*before.get("documents", []), *(_plain(e) for e, _ in entries)]
    data = _check_written(text, expected, str(config_path))
    config = parse_config(data, config_path)  # validated as a whole before the file is touched
    _atomic_write(config_path, text)
    return config


def existing_names(config_path: Path) -> set[str]:
    """Names of the documents a config already declares (empty when it does not exist yet)."""
    if not config_path.exists():
        return set()
    return {d.name for d in load_config(config_path).documents}


def suggest_name(url: str, taken: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """A document name from the URL ("https://www.zoom.com/en/trust/terms/" -> "zoom-terms"), unique."""
    parts = urlsplit(url)
    host = (parts.hostname or "site").lower()
    try:
        ipaddress.ip_address(host)
        site = "local" if host in ("127.0.0.1", "::1") else host.replace(".", "-").replace(":", "-")
    except ValueError:
        labels = re.sub(r"^(?:www\d?|m)\.", "", host).split(".")
        site = labels[-2] if len(labels) >= 2 else labels[0]
    path = re.sub(r"\.(?:html?|php|aspx?|pdf)$", "", parts.path.lower().rstrip("/"))
    # Two-letter segments are language codes ("/en/"), not names.
    words = [w for w in re.split(r"[^a-z0-9]+", path) if w and not re.fullmatch(r"[a-z]{2}", w)]
    tail = words[-1] if words else "terms"
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{site}-{tail}").strip("-.")[:90] or "terms"
    if not NAME_RE.match(base):
        base = "doc-" + base
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def _stable_classes(el) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        c
        for c in (el.get("class") or "").split()
        if _CSS_IDENT.match(c) and not _UNSTABLE_CLASS.search(c) and not _UTILITY_CLASS.match(c)
    ]


def _step(el) -> str:  # type: ignore[no-untyped-def]
    """One compound selector for an element: tag#id when the id is stable, else tag.class.class."""
    ident = (el.get("id") or "").strip()
    if ident and _CSS_IDENT.match(ident) and not _UNSTABLE_ID.search(ident):
        return f"{el.tag}#{ident}"
    return el.tag + "".join(f".{c}" for c in _stable_classes(el)[:3])


def selector_for(root, target) -> str | None:  # type: ignore[no-untyped-def]
    """A CSS selector that matches `target` alone in `root`: its id, or a short path of stable classes."""
    from tosdiff.extract.html import select_matching

    steps: list[str] = []
    for el in [target, *target.iterancestors()]:
        if el.tag in ("body", "html"):
            break
        steps.insert(0, _step(el))
        # Shortest first: "main#terms", then "main.legal > div.content", ... up to the body.
        candidate = " > ".join(steps)
        if not re.search(r"[.#]", candidate):
            continue  # bare tags ("section", "div > div") break as soon as the page gains another one
        try:
            found = select_matching(root, [candidate])
        except TosdiffError:
            found = []
        if len(found) == 1 and found[0] is target:
            return candidate
        if "#" in steps[0]:
            # An id anchors the path; going further up only makes it more brittle.
            return None
    return None


def propose_selector(body: bytes, content_type: str) -> str | None:
    """The CSS selector of the block that holds the terms, or None when the whole page is the terms."""
    from tosdiff.extract import content, decode
    from tosdiff.extract import html as html_mod

    root = html_mod.parse(decode(body, content_type))
    html_mod.drop_invisible(root)
    # find_content drops furniture from the tree it is given, and a selector must hold on the full
    # page: number the elements, search a copy, and map the choice back by its number.
    elements = list(root.iter())
    for i, el in enumerate(elements):
        el.set(_MARK, str(i))
    work = copy.deepcopy(root)
    for el in elements:
        el.attrib.pop(_MARK, None)
    chosen = content.find_content(work)
    mark = chosen.get(_MARK) if chosen is not None else None
    if mark is None or chosen.tag in ("body", "html"):
        return None
    return selector_for(root, elements[int(mark)])


# Between a page's name and its site's in a <title>: "Terms of Service | Bardeen", "Guidelines – Midjourney".
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022:»/-]{1,2}\s+")
_LEGAL_WORDS = re.compile(
    r"\b(?:terms|conditions|policy|privacy|agreement|guidelines|legal|notice|cookies?|conduct|use)\b", re.I
)
LABEL_MAX = 120  # a title or service longer than this is page copy, not a label


def _label(value: object, limit: int = LABEL_MAX) -> str:
    """Untrusted page text as a one-line label: cleaned, bounded, "" when nothing is left."""
    s = _UNSAFE_IN_CONFIG.sub(" ", one_line(value, 10 * limit))
    s = re.sub(r"\s+", " ", s).strip(" -|:\u2013\u2014\u00b7")
    if len(s) > limit:
        s = s[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"
    return s


def _squash(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def page_labels(body: bytes, content_type: str, url: str, select: str | None = None) -> tuple[str, str]:
    """(title, service) a page gives itself: its <h1>, <title> and og:site_name, cleaned ("" if none).

    The service is the page's og:site_name (or application-name), else the part of its <title> that
    names the site's host ("Terms of Service | Cursor - The AI Code Editor" on cursor.com: "Cursor"),
    else the title's last part. The title is the one <h1> of the terms block (or of the page), else
    what the <title> says besides the service. All of it is untrusted: cleaned to one line, bounded.
    """
    from tosdiff.extract import decode
    from tosdiff.extract import html as html_mod

    try:
        root = html_mod.parse(decode(body, content_type))
    except TosdiffError:
        return "", ""
    meta: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or "").strip().lower()
        if key in ("og:site_name", "application-name", "og:title") and key not in meta:
            meta[key] = _label(m.get("content") or "")
    heads = root.xpath("//head/title") or root.xpath("//title[not(ancestor::svg)]")
    page_title = _label(" ".join(heads[0].itertext())) if heads else ""
    page_title = page_title or meta.get("og:title", "")
    parts = [p for p in (_label(x) for x in _TITLE_SEPARATORS.split(page_title)) if p]
    host = (urlsplit(url).hostname or "").lower()
    site = _squash(re.sub(r"^(?:www\d?|m)\.", "", host).split(".")[0]) if host else ""
    service = meta.get("og:site_name") or meta.get("application-name") or ""
    if not service and len(parts) > 1:
        named = [p for p in parts[1:] if site and (_squash(p) == site or _squash(p).startswith(site))]
        # Else the brand after the last "|" ("Terms | Cursor - The AI Code Editor": "Cursor"), else
        # the last part; never a part that names a legal document ("Zoom | Terms of Service").
        tail = page_title.rsplit(" | ", 1)[1] if " | " in page_title else parts[-1]
        brand = _label(_TITLE_SEPARATORS.split(tail)[0])
        service = named[0] if named else ("" if _LEGAL_WORDS.search(brand) else brand)
    service = _label(service, 60)
    title = ""
    scope = root
    if select:
        try:
            found = html_mod.select_matching(root, [select])
        except TosdiffError:
            found = []
        scope = found[0] if found else root
    h1s = [_label(" ".join(h.itertext())) for h in scope.iter("h1")]
    if scope is root and len(h1s) > 1:
        h1s = []  # several <h1> on the page: none of them is clearly the document's
    title = next((h for h in h1s if h), "")
    if not title:
        rest = [p for p in parts if p != service] or parts
        title = rest[0] if rest else ""
    if not service and site:
        # "Bardeen Inc. Terms of Service" on bardeen.ai, "Scribe Cookie Policy" on scribehow.com: a
        # first word that is the start of the host's name is the service's name.
        for label in (page_title, title):
            first = label.split(" ", 1)[0] if label else ""
            if len(_squash(first)) >= 4 and site.startswith(_squash(first)):
                service = _label(first, 60)
                break
    return title, service


@dataclass(frozen=True)
class Preview:
    """What `add` found on a page: the selector used, the text and its sections."""

    url: str
    final_url: str
    select: str | None
    proposed: bool
    text: str
    sections: tuple  # of tosdiff.models.Section
    title: str = ""  # what the page calls itself (page_labels), "" when it says nothing usable
    service: str = ""


def preview(url: str, select: str | None = None, timeout: float = 30.0) -> Preview:
    """Fetch a page, propose a selector when none is given, extract the text and parse its sections."""
    from tosdiff import extract
    from tosdiff.fetch import fetch
    from tosdiff.models import Document
    from tosdiff.sections import parse_sections

    result = fetch(Document(name="preview", url=url, timeout=timeout, deadline=max(timeout * 2, 60.0)))
    proposed = False
    ctype = result.content_type.lower()
    is_html = "html" in ctype or (not ctype and result.body.lstrip()[:1] == b"<")
    if select is None and is_html:
        select = propose_selector(result.body, result.content_type)
        proposed = select is not None
    text = extract.extract(
        result.body, result.content_type, url=result.url, select=(select,) if select else ()
    )
    sections = tuple(parse_sections(text))
    title, service = (
        page_labels(result.body, result.content_type, result.url, select) if is_html else ("", "")
    )
    if not is_html and sections and sections[0].id == "preamble":
        # A PDF, Markdown or text page has no <h1>: the heading it opens with ("# Terms of Service") is
        # the preamble's title.
        title = _label(sections[0].title)
    return Preview(url, result.url, select, proposed, text, sections, title, service)


def add_entry(
    config_path: Path,
    url: str,
    *,
    name: str | None = None,
    select: str | None = None,
    title: str | None = None,
    service: str | None = None,
    confirm: Callable[[Preview, dict[str, object]], bool] = lambda p, e: True,
    show: Callable[[Preview, dict[str, object]], None] = lambda p, e: None,
) -> tuple[Preview, dict[str, object], Config | None]:
    """Preview `url`, build its [[documents]] entry, and append it when `confirm` says yes."""
    taken = existing_names(config_path)
    if name is not None:
        if not NAME_RE.match(name):
            raise ConfigError(f"{name!r} is not a valid name (letters, digits, '.', '_', '-'; no spaces)")
        if name in taken:
            raise ConfigError(f"{config_path}: a document named {name!r} already exists")
    # The URL and a given selector are checked before anything is fetched; a proposed one after.
    where = f"{config_path}: new document"
    given = {"service": service, "title": title}
    validate_entry({"name": name or "new", "url": url, "select": [select] if select else [], **given}, where)
    p = preview(url, select)
    entry: dict[str, object] = {"name": name or suggest_name(url, taken), "url": url}
    # Given labels win; else what the page calls itself ("" when it says nothing usable: left out).
    entry["service"] = service if service is not None else p.service
    entry["title"] = title if title is not None else p.title
    if p.select:
        entry["select"] = [p.select]
    entry = {k: v for k, v in entry.items() if v not in (None, "")}
    validate_entry(entry, where)
    show(p, entry)
    if not confirm(p, entry):
        return p, entry, None
    comment = "Added by `tosdiff add`" + (" (selector proposed by tosdiff)" if p.proposed else "")
    config = append_documents(config_path, [(entry, [comment])])
    return p, entry, config


# --- `tosdiff remove NAME`: one [[documents]] table out of the config, the rest of the file as it was ---

# A table header line (`[storage]`, `[[documents]]`, `[ "quoted" . key ]`), with an optional comment.
_HEADER = re.compile(r"""^[ \t]*\[\[?[ \t]*[A-Za-z0-9_\-."' \t]+\]\]?[ \t]*(?:#.*)?$""")
_DOCUMENTS_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*documents[ \t]*\]\][ \t]*(?:#.*)?$")
_DOCUMENTS_SUBTABLE = re.compile(r"^[ \t]*\[\[?[ \t]*documents[ \t]*\.")
_MULTILINE_QUOTES = re.compile(r'"""|\'\'\'')


def _header_lines(lines: Sequence[str]) -> list[int]:
    """Indexes of the table header lines, skipping lines inside multi-line strings."""
    found: list[int] = []
    inside = False
    for i, line in enumerate(lines):
        text = line.rstrip("\r\n")
        if not inside and _HEADER.match(text):
            found.append(i)
        if len(_MULTILINE_QUOTES.findall(text)) % 2:
            inside = not inside
    return found


def _attached_comments(lines: Sequence[str], header: int, floor: int) -> int:
    """The first line of the comment block written right above `header` (no blank line between)."""
    start = header
    while start - 1 >= floor and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return start


def _cut_table(text: str, index: int) -> str | None:
    """`text` without its `index`-th [[documents]] table and the comments right above it (None: not found).

    The comments right above the next table stay with it; comments separated by a blank line are
    left alone (they are about the file, not that table).
    """
    lines = text.splitlines(keepends=True)
    headers = _header_lines(lines)
    documents = [h for h in headers if _DOCUMENTS_HEADER.match(lines[h].rstrip("\r\n"))]
    if index >= len(documents):
        return None
    header = documents[index]
    before = [h for h in headers if h < header]
    # `[documents.headers]` after the header is part of that document: the table ends at the next other.
    after = [h for h in headers if h > header and not _DOCUMENTS_SUBTABLE.match(lines[h])]
    start = _attached_comments(lines, header, before[-1] + 1 if before else 0)
    end = _attached_comments(lines, after[0], header + 1) if after else len(lines)
    return "".join(lines[:start] + lines[end:])


def remove_document(config_path: Path, name: str) -> Config:
    """Take the [[documents]] table called `name` out of the config; the rest of the file is kept as is.

    The table goes with its own comments (those inside it, and those written right above its header).
    The new text is read back: it must hold everything the old one held but that document, and load
    as a config, before it replaces the file in one rename; otherwise nothing is written.
    """
    try:
        base = config_path.read_bytes().decode("utf-8")
        before = tomllib.loads(base)
    except FileNotFoundError:
        raise ConfigError(f"{config_path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{config_path}: cannot read config: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{config_path}: invalid TOML: {e}") from None
    docs = before.get("documents")
    names = [d.get("name") for d in docs] if isinstance(docs, list) else []
    if name not in names:
        raise ConfigError(f"{config_path}: no document named {name!r}")
    index = names.index(name)
    expected = dict(before)
    rest = [d for i, d in enumerate(docs) if i != index]  # type: ignore[union-attr]
    if rest:
        expected["documents"] = rest
    else:
        expected.pop("documents")
    text = _cut_table(base, index)
    if text is None or _reads_as(text) != expected:
        # Not written as [[documents]] headers (an inline array, say): tomlkit takes it out; comments
        # around it may then stay where they were.
        doc = tomlkit.parse(base)
        del doc["documents"][index]  # type: ignore[union-attr]
        if not rest:
            del doc["documents"]
        text = doc.as_string()
    data = _check_written(text, expected, str(config_path))
    config = parse_config(data, config_path)
    _atomic_write(config_path, text)
    return config


def _reads_as(text: str) -> dict[str, object] | None:
    """What tomllib reads from `text`, or None when it is not valid TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
