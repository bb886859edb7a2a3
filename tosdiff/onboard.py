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

from tosdiff.config import DOCUMENT_KEYS, Config, load_config, parse_config
from tosdiff.errors import ConfigError, TosdiffError
from tosdiff.sanitize import UNSAFE_RE, one_line
from tosdiff.schema import NAME_RE, check_table, invalid

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
# workers = 16                    # documents fetched at once (default: two per site in the run, at most 128)

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

# Classes that build tools generate (css-1x2y3z, sc-bdVaJa, jsx-123456, Foo_bar__a1B2c) change on
# every deploy: a selector built on them would break within weeks.
_UNSTABLE_CLASS = re.compile(
    r"^(?:css|sc|jsx|emotion|styled|svelte|tw)-|__[A-Za-z0-9]{4,}$|\d{3,}|[A-Za-z]+\d+[A-Za-z]+\d", re.I
)
# Utility classes (Tailwind, Bootstrap helpers) describe looks, not content: any redesign changes them.
_UTILITY_CLASS = re.compile(
    r"^(?:flex(?:-.+)?|grid(?:-.+)?|block|inline(?:-.+)?|hidden|container|row|col|clearfix|relative|absolute|sticky|fixed|"
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


def _checked_strings(value: object) -> list[str]:
    """The strings in a config value (itself, or the items of a list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def validate_entry(entry: dict[str, object], where: str) -> dict[str, object]:
    """A [[documents]] entry checked before it is written; ConfigError naming `where` and the key.

    The config's own converters check each key (so nothing is written that `load_config` would refuse);
    on top of them every string must be one line without control, bidi or private-use characters, and
    the URL must hold no whitespace: the entry comes from a page or a declaration, not from the user.
    """
    present = {k: v for k, v in entry.items() if v not in (None, "", [], ())}
    check_table(present, where, DOCUMENT_KEYS, required=("name", "url"))
    for key, value in present.items():
        strings = _checked_strings(value)
        for i, s in enumerate(strings):
            at = f"{where}.{key}" + (f"[{i}]" if not isinstance(value, str) else "")
            if unsafe_text(s):
                raise invalid(at, "contains a line break or a control character")
            if key == "url" and re.search(r"\s", s):
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


@dataclass(frozen=True)
class Preview:
    """What `add` found on a page: the selector used, the text and its sections."""

    url: str
    final_url: str
    select: str | None
    proposed: bool
    text: str
    sections: tuple  # of tosdiff.models.Section


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
    return Preview(url, result.url, select, proposed, text, tuple(parse_sections(text)))


def add_entry(
    config_path: Path,
    url: str,
    *,
    name: str | None = None,
    select: str | None = None,
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
    validate_entry({"name": name or "new", "url": url, "select": [select] if select else []}, where)
    p = preview(url, select)
    entry: dict[str, object] = {"name": name or suggest_name(url, taken), "url": url}
    if p.select:
        entry["select"] = [p.select]
    validate_entry(entry, where)
    show(p, entry)
    if not confirm(p, entry):
        return p, entry, None
    comment = "Added by `tosdiff add`" + (" (selector proposed by tosdiff)" if p.proposed else "")
    config = append_documents(config_path, [(entry, [comment])])
    return p, entry, config
