"""Commands that read what was recorded: list, history, show, diff, sections, log, flags."""

from __future__ import annotations

import argparse
import json
import sys

from tosdiff import diffview, htmlview
from tosdiff.cli.common import ExitStatus, UsageError, known_document, load, opened, version_row
from tosdiff.cli.common import console as make_console
from tosdiff.config import Config
from tosdiff.diff import diff_texts
from tosdiff.errors import StoreError
from tosdiff.flags import flag_changes, flag_sections
from tosdiff.history import clause_changes, nearest_ids, section_history
from tosdiff.language import document_language, section_languages
from tosdiff.models import Document, Flag
from tosdiff.redact import redact_url
from tosdiff.render import (
    clause_log,
    documents_table,
    flag_categories_table,
    flags_table,
    history_table,
    sections_tree,
)
from tosdiff.sanitize import clean_text
from tosdiff.sections import parse_sections
from tosdiff.serialize import (
    document_row_dict,
    flag_dict,
    section_dict,
    timeline_event_dict,
    version_row_dict,
)
from tosdiff.store import StorageFault, Store


def _override(config: Config, name: str) -> str:
    """The config's `language` for a document ("" when unset or no longer configured: detected)."""
    return next((d.language for d in config.every_document() if d.name == name), "")


def cmd_list(args: argparse.Namespace) -> int:
    """List configured documents with their latest version and last check."""
    with opened(args) as (config, store):
        known = {row["document"]: row for row in store.documents()}
        rows = []
        for doc in config.every_document():
            row = dict(known.get(doc.name, {}))
            row.update(name=doc.name, url=redact_url(doc.url), language=_language(store, doc))
            row["enabled"] = not config.is_paused(doc.name)
            rows.append(row)
    if args.json:
        print(json.dumps([document_row_dict(r) for r in rows], indent=2))
    else:
        make_console().print(documents_table(rows))
    return ExitStatus.OK


def _language(store: Store, doc: Document) -> str | None:
    """The config's language for a document, else the one detected in its latest version (None: none)."""
    if doc.language:
        return doc.language
    latest = store.latest_version(doc.name)
    if latest is None:
        return None
    # The store detects a text's language once, when it is written (m080), or on the first read of a
    # text stored before that (then kept): `list` at 10,000 documents reads a column.
    try:
        return store.text_language(latest["text_hash"])
    except StorageFault:
        raise  # a damaged database is everyone's error, loudly
    except StoreError:
        return None  # a missing text is `show`'s error to report; `list` still lists the document


def cmd_history(args: argparse.Namespace) -> int:
    """Versions of a document, oldest first."""
    with opened(args) as (config, store):
        known_document(store, args.name, config)
        rows = store.versions(args.name)
    if args.json:
        print(json.dumps([version_row_dict(r) for r in rows], indent=2))
    else:
        make_console().print(history_table(args.name, rows))
    return ExitStatus.OK


def cmd_show(args: argparse.Namespace) -> int:
    """Print the text of one version (latest by default)."""
    with opened(args) as (config, store):
        row = version_row(store, args.name, args.version, config)
    sys.stdout.write(clean_text(row["text"]))
    return ExitStatus.OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Section-aware diff of two versions (previous -> latest by default)."""
    with opened(args) as (config, store):
        known_document(store, args.name)
        latest = store.latest_version(args.name)
        assert latest is not None
        to_v = args.to if args.to is not None else latest["version"]
        # The version before in the document's history (by date: an import may have added older ones).
        from_v = args.from_ if args.from_ is not None else store.previous_version(args.name, to_v) or 0
        if from_v < 1:
            raise UsageError(f"{args.name!r} has only one version: nothing to compare (see `tosdiff show`)")
        old = version_row(store, args.name, from_v)
        new = version_row(store, args.name, to_v)
    changes = diff_texts(old["text"], new["text"])
    if args.section:
        old_ids = [s.id for s in parse_sections(old["text"])]
        new_ids = [s.id for s in parse_sections(new["text"])]
        found = clause_changes(changes, set(old_ids), set(new_ids), args.section)
        if found is None:
            near = nearest_ids(args.section, new_ids + old_ids)
            hint = f"; nearest: {clean_text(', '.join(near))}" if near else ""
            raise UsageError(
                f"no section {args.section!r} in v{from_v} or v{to_v} of {args.name!r}{hint} "
                f"(see `tosdiff sections {args.name}`)"
            )
        # Only that clause, followed through renumbering: never another clause that took its old number.
        changes = list(found.changes)
        if not changes:
            # Not changed between these versions: say so rather than print nothing.
            print(
                f"section {clean_text(args.section)} did not change between v{from_v} and v{to_v}",
                file=sys.stderr,
            )
    out = make_console()
    fmt = args.format or ("rich" if out.is_terminal else "unified")
    if args.json:
        fmt = "json"
    if from_v == to_v:
        print(f"v{from_v} and v{to_v} are the same version: nothing to compare", file=sys.stderr)
    elif not changes and not args.section and fmt == "unified":
        # The unified form of no change is empty: say so rather than print nothing.
        print(f"no section changed between v{from_v} and v{to_v}", file=sys.stderr)
    label_old = f"{args.name} v{from_v} ({old['recorded_at']})"
    label_new = f"{args.name} v{to_v} ({new['recorded_at']})"
    # The flags of the changed sections (of the one clause with --section), said under the diff.
    flags = flag_changes(changes, config.rules, _override(config, args.name)) if fmt != "html" else []
    if fmt == "json":
        data = {
            "document": args.name,
            "from": from_v,
            "to": to_v,
            "changes": diffview.to_json(changes),
            "flags": [flag_dict(f) for f in flags],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "unified":
        sys.stdout.write(diffview.to_unified(changes, label_old, label_new))
        sys.stdout.write(diffview.flags_text(flags, out.width))
    elif fmt == "html":
        # A whole page (doctype, charset, the report's stylesheet): `> change.html` opens as it is.
        title = f"{args.name}: v{from_v} → v{to_v}" + (f", section {args.section}" if args.section else "")
        empty = '<p class="muted">No section changed.</p>\n'
        body = diffview.to_html(changes) if changes else empty
        sys.stdout.write(htmlview.html_page(title, body, f"{label_old} → {label_new}"))
    elif fmt == "html-fragment":
        sys.stdout.write(diffview.to_html(changes))  # the bare <div>, to embed in a page of one's own
    elif fmt == "side-by-side":
        out.print(diffview.to_side_by_side(changes, out.width))
        if changes:
            out.print(diffview.flags_view(flags))
    else:
        out.print(diffview.diff_view(changes, flags, f"{label_old} → {label_new}"))
    return ExitStatus.OK


def cmd_sections(args: argparse.Namespace) -> int:
    """Print the section tree of a version."""
    with opened(args) as (config, store):
        row = version_row(store, args.name, args.version, config)
    sections = parse_sections(row["text"])
    doc = next((d for d in config.every_document() if d.name == args.name), None)
    language = document_language(row["text"], doc.language if doc else "")
    languages = section_languages(sections, language)
    if args.json:
        data = [section_dict(s, languages[s.id]) for s in sections]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return ExitStatus.OK
    make_console().print(sections_tree(args.name, row["version"], sections, language, languages))
    return ExitStatus.OK


def cmd_log(args: argparse.Namespace) -> int:
    """The history of one clause across all versions, following renumbering."""
    with opened(args) as (config, store):
        known_document(store, args.name, config)
        rows = store.versions(args.name)
        texts = [(r["version"], store.text(r["text_hash"])) for r in rows]  # one read of the versions
    events = section_history(texts, args.section)
    if args.json:
        print(json.dumps([timeline_event_dict(e) for e in events], ensure_ascii=False, indent=2))
        return ExitStatus.OK
    if not events:
        raise UsageError(
            f"no section {args.section!r} in any version of {args.name!r} (see `tosdiff sections`)"
        )
    out = make_console()
    for line in clause_log(events, {r["version"]: r["recorded_at"] for r in rows}):
        out.print(line)
    return ExitStatus.OK


def category_polarity(flags: list[Flag]) -> dict[str, str]:
    """Which way each category of a version's flags points: permissive, protective, mixed or neutral."""
    seen: dict[str, set[str]] = {}
    for f in flags:
        seen.setdefault(f.category, set()).add(f.polarity)
    out = {}
    for cat in sorted(seen):
        ways = seen[cat] - {"neutral"} or seen[cat]
        out[cat] = next(iter(ways)) if len(ways) == 1 else "mixed"
    return out


def cmd_flags(args: argparse.Namespace) -> int:
    """Flagged clauses in a version, or which tracked documents carry which categories now."""
    config = load(args)
    if not args.all and not args.name:
        raise UsageError("name a document, or pass --all for every tracked document")
    store = Store(config.storage_path)
    try:
        if args.all:
            names = [d.name for d in config.every_document() if store.latest_version(d.name)]
            latest = {n: version_row(store, n, None) for n in names}
        else:
            latest = {args.name: version_row(store, args.name, args.version, config)}
    finally:
        store.close()
    found = {
        n: flag_sections(parse_sections(row["text"]), config.rules, _override(config, n))
        for n, row in latest.items()
    }
    if args.all:
        # Which way each category points in each document: "we do not sell your data" is protective,
        # and must not read like a clause that lets the provider sell it.
        pointing = {n: category_polarity(flags) for n, flags in found.items()}
        if args.json:
            data = {
                n: {"version": latest[n]["version"], "categories": sorted(ways), "polarity": ways}
                for n, ways in pointing.items()
            }
            print(json.dumps(data, indent=2))
            return ExitStatus.OK
        versions = {n: latest[n]["version"] for n in pointing}
        make_console().print(flag_categories_table(pointing, versions))
        return ExitStatus.OK
    flags = found[args.name]
    if args.json:
        print(json.dumps([flag_dict(f) for f in flags], ensure_ascii=False, indent=2))
        return ExitStatus.OK
    make_console().print(flags_table(args.name, latest[args.name]["version"], flags))
    return ExitStatus.OK
