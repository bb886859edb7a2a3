"""The command line: parse options, call the library, print, choose the exit status. Nothing else.

Exit statuses (a contract for scripts and cron):
  0  every document checked (or the command succeeded)
  1  at least one document failed (the others were still checked and stored), or a runtime failure
  2  usage or config error
  3  with --exit-code: at least one document changed and none failed
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console

from tosdiff import __version__
from tosdiff.config import Config, find_config_path, load_config
from tosdiff.errors import ConfigError, LockTimeout, TosdiffError
from tosdiff.render import check_table, documents_table, history_table, short_time
from tosdiff.sanitize import clean_text as sanitize
from tosdiff.sanitize import safe_text
from tosdiff.serialize import report_dict as report_to_json

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CHANGED = 0, 1, 2, 3


class UsageError(TosdiffError):
    """Bad flags or arguments: exit status 2."""


class ArgParser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line, as the exit-status contract says."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print usage and the problem, then exit 2."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"tosdiff: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _console(stderr: bool = False) -> Console:
    # highlight=False: never colour numbers or URLs inside document text by guesswork.
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _load(args: argparse.Namespace) -> Config:
    return load_config(find_config_path(args.config))


def _open_store(config: Config):  # type: ignore[no-untyped-def]
    from tosdiff.store import Store

    return Store(config.storage_path)


@contextmanager
def _opened(args: argparse.Namespace) -> Iterator[tuple[Config, Any]]:
    """The config and its open store, closed however the command ends."""
    config = _load(args)
    store = _open_store(config)
    try:
        yield config, store
    finally:
        store.close()


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be 1 or more")
    return n


def _nonneg_float(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be 0 or more")
    return n


# --- commands ---------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    """Check all or the named documents."""
    config = _load(args)
    for name in args.names:
        config.document(name)  # unknown names are a usage error before anything is fetched
    from tosdiff.pipeline import check_documents
    from tosdiff.store import RunLock

    out = _console()
    with RunLock(config.storage_path, timeout=args.lock_timeout):
        store = _open_store(config)
        try:
            report = check_documents(config, store, args.names, workers=args.workers)
        finally:
            store.close()
    if args.json:
        print(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        out.print(check_table(report))
    if report.failed:
        return EXIT_FAILED
    if args.exit_code and report.changed:
        return EXIT_CHANGED
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    """List configured documents with their latest version and last check."""
    with _opened(args) as (config, store):
        known = {row["document"]: row for row in store.documents()}
    rows = []
    for doc in config.documents:
        row = dict(known.get(doc.name, {}))
        row.update(name=doc.name, url=doc.url)
        rows.append(row)
    if args.json:
        print(
            json.dumps(
                [
                    {k: r.get(k) for k in ("name", "url", "latest_version", "last_check_at", "last_outcome")}
                    for r in rows
                ],
                indent=2,
            )
        )
    else:
        _console().print(documents_table(rows))
    return EXIT_OK


def _known_document(store, name: str) -> None:  # type: ignore[no-untyped-def]
    if not store.versions(name, limit=1):
        raise UsageError(f"no versions recorded for {name!r} (run `tosdiff check {name}` first)")


def cmd_history(args: argparse.Namespace) -> int:
    """Versions of a document, oldest first."""
    with _opened(args) as (config, store):
        _known_document(store, args.name)
        rows = store.versions(args.name)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "version": r["version"],
                        "recorded_at": r["recorded_at"],
                        "hash": r["text_hash"],
                        "kind": r["kind"],
                        "reverted_to": r["reverted_to"],
                        "technical": bool(r["technical"]),
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
    else:
        _console().print(history_table(args.name, rows))
    return EXIT_OK


def _version_text(store, name: str, number: int | None) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    _known_document(store, name)
    if number is None:
        number = store.latest_version(name)["version"]
    row = store.version(name, number)
    if row is None:
        raise UsageError(f"{name!r} has no version {number} (see `tosdiff history {name}`)")
    return row


def cmd_show(args: argparse.Namespace) -> int:
    """Print the text of one version (latest by default)."""
    with _opened(args) as (config, store):
        row = _version_text(store, args.name, args.version)
    sys.stdout.write(sanitize(row["text"]))
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Section-aware diff of two versions (previous -> latest by default)."""
    from tosdiff import diffview
    from tosdiff.diff import diff_texts
    from tosdiff.history import find_section

    with _opened(args) as (config, store):
        _known_document(store, args.name)
        latest = store.latest_version(args.name)["version"]
        to_v = args.to if args.to is not None else latest
        from_v = args.from_ if args.from_ is not None else to_v - 1
        if from_v < 1:
            raise UsageError(f"{args.name!r} has only one version: nothing to compare (see `tosdiff show`)")
        old = _version_text(store, args.name, from_v)
        new = _version_text(store, args.name, to_v)
    changes = diff_texts(old["text"], new["text"])
    if args.section:
        changes = find_section(changes, args.section)
        if not changes:
            # Not changed between these versions: say so rather than print nothing.
            print(
                f"section {sanitize(args.section)} did not change between v{from_v} and v{to_v}",
                file=sys.stderr,
            )
    out = _console()
    fmt = args.format or ("rich" if out.is_terminal else "unified")
    if args.json:
        fmt = "json"
    label_old = f"{args.name} v{from_v} ({old['recorded_at']})"
    label_new = f"{args.name} v{to_v} ({new['recorded_at']})"
    if fmt == "json":
        print(
            json.dumps(
                {"document": args.name, "from": from_v, "to": to_v, "changes": diffview.to_json(changes)},
                ensure_ascii=False,
                indent=2,
            )
        )
    elif fmt == "unified":
        sys.stdout.write(diffview.to_unified(changes, label_old, label_new))
    elif fmt == "html":
        sys.stdout.write(diffview.to_html(changes))
    elif fmt == "side-by-side":
        out.print(diffview.to_side_by_side(changes, out.width))
    else:
        out.print(safe_text(f"{label_old} → {label_new}", "bold"))
        out.print(diffview.to_rich(changes))
    return EXIT_OK


def cmd_sections(args: argparse.Namespace) -> int:
    """Print the section tree of a version."""
    from rich.tree import Tree

    from tosdiff.sections import parse_sections

    with _opened(args) as (config, store):
        row = _version_text(store, args.name, args.version)
    sections = parse_sections(row["text"])
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "number": s.number,
                        "title": s.title,
                        "level": s.level,
                        "parent": s.parent,
                        "hash": s.hash,
                        "text": s.text,
                    }
                    for s in sections
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    tree = Tree(safe_text(f"{args.name} v{row['version']} ({len(sections)} sections)", "bold"))
    nodes: dict[str, Tree] = {}
    for sec in sections:
        label = safe_text(sec.id, "bold")
        if sec.title and sec.title != sec.id:
            label.append("  ").append(safe_text(sec.title))
        label.append(f"  ({len(sec.text.split())} words)", style="dim")
        parent = nodes.get(sec.parent or "", tree)
        nodes[sec.id] = parent.add(label)
    _console().print(tree)
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    """The history of one clause across all versions, following renumbering."""
    from tosdiff.history import section_history

    with _opened(args) as (config, store):
        _known_document(store, args.name)
        rows = store.versions(args.name)
        texts = [(r["version"], store.text(r["text_hash"])) for r in rows]
    events = section_history(texts, args.section)
    if args.json:
        print(json.dumps(events, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not events:
        raise UsageError(
            f"no section {args.section!r} in any version of {args.name!r} (see `tosdiff sections`)"
        )
    from rich.text import Text

    out = _console()
    recorded = {r["version"]: r["recorded_at"] for r in rows}
    for ev in events:
        if ev["kind"] in ("unchanged", "absent"):
            continue  # the log lists what happened to the clause, not every version it sat still
        line = Text(f"v{ev['version']}  {recorded.get(ev['version'], '')}  ")
        line.append(ev["kind"], style="bold")
        ids = ev.get("old_id"), ev.get("new_id")
        if ids[0] and ids[1] and ids[0] != ids[1]:
            line.append(safe_text(f"  {ids[0]} → {ids[1]}"))
        else:
            line.append(safe_text(f"  {ev.get('id') or ids[1] or ids[0] or ''}"))
        if ev.get("title"):
            line.append(safe_text(f"  {ev['title']}", "dim"))
        out.print(line)
        for h in ev.get("hunks") or []:
            if h["op"] in ("delete", "replace") and h["old"].strip():
                out.print(safe_text("    - " + h["old"].strip()[:300], "red"))
            if h["op"] in ("insert", "replace") and h["new"].strip():
                out.print(safe_text("    + " + h["new"].strip()[:300], "green"))
    return EXIT_OK


def _flag_json(f) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "category": f.category,
        "severity": f.severity,
        "section": f.section,
        "polarity": f.polarity,
        "change": f.change,
        "direction": f.direction,
        "excerpt": f.excerpt,
        "explanation": f.explanation,
        "rule": f.rule,
    }


def cmd_flags(args: argparse.Namespace) -> int:
    """Flagged clauses in a version, or which tracked documents carry which categories now."""
    from rich.table import Table

    from tosdiff.flags import flag_sections
    from tosdiff.sections import parse_sections

    config = _load(args)
    if not args.all and not args.name:
        raise UsageError("name a document, or pass --all for every tracked document")
    store = _open_store(config)
    try:
        if args.all:
            names = [d.name for d in config.documents if store.latest_version(d.name)]
            latest = {n: store.version(n, store.latest_version(n)["version"]) for n in names}
        else:
            latest = {args.name: _version_text(store, args.name, args.version)}
    finally:
        store.close()
    found = {n: flag_sections(parse_sections(row["text"]), config.rules) for n, row in latest.items()}
    if args.all:
        summary = {n: sorted({f.category for f in flags}) for n, flags in found.items()}
        if args.json:
            print(
                json.dumps(
                    {n: {"version": latest[n]["version"], "categories": cats} for n, cats in summary.items()},
                    indent=2,
                )
            )
            return EXIT_OK
        table = Table(title="flag categories in the latest version of each document", title_justify="left")
        table.add_column("document")
        table.add_column("version", justify="right")
        table.add_column("categories")
        for n, cats in summary.items():
            table.add_row(safe_text(n), str(latest[n]["version"]), ", ".join(cats) or "-")
        _console().print(table)
        return EXIT_OK
    flags = found[args.name]
    if args.json:
        print(json.dumps([_flag_json(f) for f in flags], ensure_ascii=False, indent=2))
        return EXIT_OK
    table = Table(
        title=f"flags in {sanitize(args.name)} v{latest[args.name]['version']}", title_justify="left"
    )
    for col in ("section", "category", "severity", "polarity", "excerpt"):
        table.add_column(col, overflow="fold")
    for f in flags:
        table.add_row(safe_text(f.section), f.category, f.severity, f.polarity, safe_text(f.excerpt[:240]))
    _console().print(table)
    return EXIT_OK


def _locked_run(lock_timeout: float, workers: int | None = None):  # type: ignore[no-untyped-def]
    """The daemon's run function: the same locked pipeline as `check`."""
    from tosdiff.pipeline import check_documents
    from tosdiff.store import RunLock, Store

    def run(config: Config, names: list[str], should_stop: Callable[[], bool]):  # type: ignore[no-untyped-def]
        with RunLock(config.storage_path, timeout=lock_timeout):
            store = Store(config.storage_path)
            try:
                return check_documents(config, store, names, workers=workers, should_stop=should_stop)
            finally:
                store.close()

    return run


def cmd_daemon(args: argparse.Namespace) -> int:
    """Run checks on each document's schedule until SIGTERM/SIGINT; SIGHUP reloads the config."""
    from pathlib import Path

    from tosdiff.scheduler import Daemon

    if not args.verbose:
        logging.getLogger("tosdiff").setLevel(logging.INFO)
    daemon = Daemon(
        find_config_path(args.config),
        _locked_run(args.lock_timeout, args.workers),
        status_file=Path(args.status_file) if args.status_file else None,
        health_port=args.health_port,
    )
    return daemon.run_forever(run_now=args.run_now)


def cmd_status(args: argparse.Namespace) -> int:
    """Per document: last check, outcome, consecutive failures, next scheduled run."""
    from rich.table import Table
    from rich.text import Text

    from tosdiff.render import STATUS_STYLE
    from tosdiff.scheduler import next_run_times

    with _opened(args) as (config, store):
        rows = []
        nexts = next_run_times(config)
        for doc in config.documents:
            last = store.checks(doc.name, limit=1)
            row = last[0] if last else {}
            rows.append(
                {
                    "name": doc.name,
                    "last_check": row.get("started_at"),
                    "outcome": row.get("outcome"),
                    "error": row.get("error"),
                    "consecutive_failures": store.consecutive_failures(doc.name),
                    "latest_version": (store.latest_version(doc.name) or {}).get("version"),
                    "next_run": nexts[doc.name].isoformat() if nexts.get(doc.name) else None,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    table = Table(title="status", title_justify="left")
    for col in ("document", "last check", "outcome", "failures in a row", "version", "next run"):
        table.add_column(col, overflow="fold")
    for r in rows:
        outcome = r["outcome"] or "never checked"
        cell = Text(outcome, style=STATUS_STYLE.get(outcome, "dim"))
        if r["error"]:
            cell.append(": ").append(safe_text(r["error"][:120]))
        table.add_row(
            safe_text(r["name"]),
            short_time(r["last_check"]),
            cell,
            str(r["consecutive_failures"]),
            str(r["latest_version"] or "-"),
            short_time(r["next_run"]),
        )
    _console().print(table)
    return EXIT_OK


def cmd_reextract(args: argparse.Namespace) -> int:
    """Re-derive texts from stored snapshots with the current extractor and selectors."""
    from tosdiff.models import RunReport
    from tosdiff.pipeline import reextract_documents
    from tosdiff.store import RunLock

    config = _load(args)
    for name in args.names:
        config.document(name)
    with RunLock(config.storage_path, timeout=args.lock_timeout):
        store = _open_store(config)
        try:
            report = RunReport(tuple(reextract_documents(config, store, args.names)))
        finally:
            store.close()
    if args.json:
        print(json.dumps(report_to_json(report), ensure_ascii=False, indent=2))
    else:
        table = check_table(report)
        table.title = "tosdiff reextract (technical versions are never alerted)"
        _console().print(table)
    return EXIT_FAILED if report.failed else EXIT_OK


# --- extras: demo, init, add, import-ota, report, export (tosdiff/demo.py, onboard.py, ota.py, report.py, export.py)


def cmd_demo(args: argparse.Namespace) -> int:
    """Offline demo: three versions of a fictional service's terms, checked, diffed and flagged."""
    from pathlib import Path

    from tosdiff.demo import run_demo

    run_demo(
        _console(),
        keep=Path(args.keep) if args.keep else None,
        report=Path(args.report) if args.report else None,
    )
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """Write a commented starter config."""
    from pathlib import Path

    from tosdiff.onboard import write_starter_config

    path = Path(args.path) if args.path else find_config_path(args.config)
    write_starter_config(path, force=args.force)
    _console().print(f"wrote {path}; next: tosdiff --config {path} add URL")
    return EXIT_OK


def _preview_view(p, entry: dict[str, Any]):  # type: ignore[no-untyped-def]
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    how = "none (the whole page)"
    if p.select:
        how = p.select + (" (proposed: the block of the page that reads like terms)" if p.proposed else "")
    table = Table(title=f"{len(p.sections)} sections found", title_justify="left")
    for col in ("id", "title", "text"):
        table.add_column(col, overflow="ellipsis", no_wrap=col != "title")
    for s in p.sections[:60]:
        words = " ".join(s.text.split()[:12])
        table.add_row(safe_text(s.id), safe_text(s.title), safe_text(words))
    if len(p.sections) > 60:
        table.add_row("…", f"and {len(p.sections) - 60} more", "")
    head = Text.assemble(
        ("name: ", "bold"),
        sanitize(str(entry["name"])),
        "\n",
        ("url: ", "bold"),
        sanitize(p.url),
        "\n",
        ("selector: ", "bold"),
        sanitize(how),
        "\n",
        ("text: ", "bold"),
        f"{len(p.text):,} characters",
    )
    return Group(head, table)


def cmd_add(args: argparse.Namespace) -> int:
    """Fetch a page, propose a selector, preview its sections, and add it to the config."""
    from tosdiff.onboard import add_entry, write_starter_config

    path = find_config_path(args.config)
    out = _console()
    if not path.exists():
        write_starter_config(path)
        out.print(f"created {path} (starter config)")

    def show(p, entry) -> None:  # type: ignore[no-untyped-def]
        out.print(_preview_view(p, entry))

    def confirm(p, entry) -> bool:  # type: ignore[no-untyped-def]
        if args.yes:
            return True
        if not p.sections:
            out.print("no sections were recognised: check the selector (--select CSS) before adding")
        out.print(f"Add {sanitize(str(entry['name']))} to {path}? [y/N] ", end="")
        answer = sys.stdin.readline().strip().lower()
        return answer in ("y", "yes")

    _, entry, config = add_entry(
        path, args.url, name=args.name, select=args.select, confirm=confirm, show=show
    )
    if config is None:
        out.print("nothing added")
        return EXIT_OK
    out.print(
        f"added {sanitize(str(entry['name']))} to {path}; next: tosdiff check {sanitize(str(entry['name']))}"
    )
    return EXIT_OK


def cmd_import_ota(args: argparse.Namespace) -> int:
    """Open Terms Archive declarations -> [[documents]] TOML (printed, or appended with --append)."""
    from pathlib import Path

    from tosdiff.onboard import append_documents, existing_names, write_starter_config
    from tosdiff.ota import import_declarations

    err = _console(stderr=True)
    path = find_config_path(args.config)
    taken = existing_names(path) if args.append else set()
    result = import_declarations(Path(args.source), taken)
    for note in result.notes:
        err.print(safe_text(f"note: {note}", "yellow"))
    if not result.entries:
        err.print("no documents to import")
        return EXIT_FAILED
    text = result.toml()
    if args.append:
        if not path.exists():
            write_starter_config(path)
        append_documents(path, text)
        err.print(f"appended {len(result.entries)} documents to {path}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write a static HTML site and Atom feeds of every recorded change."""
    from pathlib import Path

    from tosdiff.report import build_report

    with _opened(args) as (config, store):
        summary = build_report(store, Path(args.out), args.names, rules=config.rules)
    _console().print(
        f"wrote {summary.pages} pages for {summary.documents} documents ({summary.versions} versions) "
        f"to {summary.out / 'index.html'}"
    )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export a document's versions as Markdown files, JSON, or a git repository."""
    from pathlib import Path

    from tosdiff.export import export_document

    with _opened(args) as (config, store):
        message = export_document(store, args.name, args.format, Path(args.dir))
    _console().print(message)
    return EXIT_OK


# --- parser -----------------------------------------------------------------------------------


def build_parser() -> ArgParser:
    """The argparse tree of every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        "-c",
        default=argparse.SUPPRESS,
        help="config file (default: $TOSDIFF_CONFIG, else ./tosdiff.toml)",
    )
    parser = ArgParser(
        prog="tosdiff", description="Watch terms of service and diff them clause by clause.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"tosdiff {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true", help="log what happens to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=ArgParser)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    p = add("check", cmd_check, "fetch documents, record new versions, print a summary")
    p.add_argument("names", nargs="*", metavar="NAME", help="documents to check (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--exit-code", action="store_true", help="exit 3 when a document changed and none failed")
    p.add_argument("--workers", type=_positive_int, default=None, help="concurrent fetches (default: config)")
    p.add_argument(
        "--lock-timeout",
        type=_nonneg_float,
        default=300.0,
        help="seconds to wait for another run to finish (default: 300)",
    )

    p = add("list", cmd_list, "list configured documents with their latest version")
    p.add_argument("--json", action="store_true")

    p = add("history", cmd_history, "versions of a document, oldest first")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "print the text of a version")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=_positive_int, default=None, help="version number (default: latest)")

    p = add("diff", cmd_diff, "what changed between two versions, section by section")
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--from", dest="from_", type=_positive_int, default=None, help="old version (default: previous)"
    )
    p.add_argument("--to", type=_positive_int, default=None, help="new version (default: latest)")
    p.add_argument(
        "--section", default=None, help="only this clause (e.g. 10.4), followed across renumbering"
    )
    p.add_argument(
        "--format",
        choices=("rich", "side-by-side", "unified", "json", "html"),
        default=None,
        help="default: rich on a terminal, unified when piped",
    )
    p.add_argument("--json", action="store_true", help="same as --format json")

    p = add("sections", cmd_sections, "the section tree of a version")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=_positive_int, default=None, help="version number (default: latest)")
    p.add_argument("--json", action="store_true")

    p = add("log", cmd_log, "the history of one clause across all versions")
    p.add_argument("name", metavar="NAME")
    p.add_argument("section", metavar="SECTION", help="clause id in the latest version, e.g. 10.4")
    p.add_argument("--json", action="store_true")

    p = add("flags", cmd_flags, "flagged clauses (AI training, content licence, unfair terms) in a version")
    p.add_argument("name", metavar="NAME", nargs="?")
    p.add_argument("--version", type=_positive_int, default=None, help="version number (default: latest)")
    p.add_argument("--all", action="store_true", help="which tracked documents carry which categories now")
    p.add_argument("--json", action="store_true")

    from tosdiff.alerts.commands import register as register_alerts

    register_alerts(sub, common)

    p = add("daemon", cmd_daemon, "run checks on schedule until stopped (SIGHUP reloads the config)")
    p.add_argument("--workers", type=_positive_int, default=None, help="concurrent fetches (default: config)")
    p.add_argument(
        "--lock-timeout",
        type=_nonneg_float,
        default=600.0,
        help="seconds a run waits for another run's lock (default: 600)",
    )
    p.add_argument(
        "--status-file", default=None, help="write the daemon's health as JSON here after each run"
    )
    p.add_argument(
        "--health-port",
        type=int,
        default=None,
        help="serve GET /health on 127.0.0.1:PORT (0 = any free port)",
    )
    p.add_argument("--run-now", action="store_true", help="check every document once at start")

    p = add("status", cmd_status, "last check, outcome, failures in a row and next run of each document")
    p.add_argument("--json", action="store_true")

    p = add(
        "reextract",
        cmd_reextract,
        "re-derive the latest texts from stored snapshots with the current extractor and selectors",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="documents (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--lock-timeout",
        type=_nonneg_float,
        default=300.0,
        help="seconds to wait for another run to finish (default: 300)",
    )

    # --- extras
    p = add("demo", cmd_demo, "offline demo: watch a fictional service's terms change (no config needed)")
    p.add_argument("--keep", metavar="DIR", default=None, help="keep the demo's config and database in DIR")
    p.add_argument("--report", metavar="DIR", default=None, help="also write the demo's HTML report to DIR")

    p = add("init", cmd_init, "write a commented starter config")
    p.add_argument(
        "path", nargs="?", default=None, metavar="PATH", help="default: --config, else ./tosdiff.toml"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = add("add", cmd_add, "fetch a terms page, preview its sections, add it to the config")
    p.add_argument("url", metavar="URL")
    p.add_argument("--name", default=None, help="document name (default: from the URL)")
    p.add_argument(
        "--select", default=None, metavar="CSS", help="CSS selector of the terms (default: proposed)"
    )
    p.add_argument("--yes", "-y", action="store_true", help="add without asking")

    p = add("import-ota", cmd_import_ota, "convert Open Terms Archive declarations to [[documents]]")
    p.add_argument("source", metavar="DIR_OR_FILE", help="a declaration .json, or a folder of them")
    p.add_argument("--append", action="store_true", help="append to the config instead of printing")

    p = add("report", cmd_report, "write a static HTML site and Atom feeds of every change")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the site into")
    p.add_argument("names", nargs="*", metavar="NAME", help="documents to include (default: all)")

    p = add("export", cmd_export, "export a document's versions as markdown, json or a git repository")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--format", choices=("markdown", "json", "git"), required=True)
    p.add_argument("dir", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tosdiff` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "config"):
        args.config = None
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # urllib3 logs every retry as a warning; the check summary already says what failed.
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    err = _console(stderr=True)
    try:
        return args.func(args)
    except ConfigError as e:
        err.print(safe_text(f"config error: {e}", "bold red"), soft_wrap=True)
        return EXIT_USAGE
    except UsageError as e:
        err.print(safe_text(f"error: {e}", "bold red"), soft_wrap=True)
        return EXIT_USAGE
    except LockTimeout as e:
        err.print(safe_text(f"error: {e}", "bold red"), soft_wrap=True)
        return EXIT_FAILED
    except TosdiffError as e:
        err.print(safe_text(f"error: {e}", "bold red"), soft_wrap=True)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tosdiff diff x | head` closes the pipe early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
