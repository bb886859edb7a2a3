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
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console

from tosdiff import __version__
from tosdiff.config import Config, find_config_path, load_config
from tosdiff.errors import ConfigError, LockTimeout, TosdiffError
from tosdiff.render import check_table, documents_table, history_table, report_to_json, safe_text, sanitize

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
    config = _load(args)
    store = _open_store(config)
    try:
        known = {row["document"]: row for row in store.documents()}
    finally:
        store.close()
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
    config = _load(args)
    store = _open_store(config)
    try:
        _known_document(store, args.name)
        rows = store.versions(args.name)
    finally:
        store.close()
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
    config = _load(args)
    store = _open_store(config)
    try:
        row = _version_text(store, args.name, args.version)
    finally:
        store.close()
    sys.stdout.write(sanitize(row["text"]))
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Section-aware diff of two versions (previous -> latest by default)."""
    from tosdiff import diffview
    from tosdiff.diff import diff_texts, find_section

    config = _load(args)
    store = _open_store(config)
    try:
        _known_document(store, args.name)
        latest = store.latest_version(args.name)["version"]
        to_v = args.to if args.to is not None else latest
        from_v = args.from_ if args.from_ is not None else to_v - 1
        if from_v < 1:
            raise UsageError(f"{args.name!r} has only one version: nothing to compare (see `tosdiff show`)")
        old = _version_text(store, args.name, from_v)
        new = _version_text(store, args.name, to_v)
    finally:
        store.close()
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

    config = _load(args)
    store = _open_store(config)
    try:
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
    finally:
        store.close()
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
            r["last_check"] or "-",
            cell,
            str(r["consecutive_failures"]),
            str(r["latest_version"] or "-"),
            r["next_run"] or "-",
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
    err = _console(stderr=True)
    try:
        return args.func(args)
    except ConfigError as e:
        err.print(safe_text(f"config error: {e}", "bold red"))
        return EXIT_USAGE
    except UsageError as e:
        err.print(safe_text(f"error: {e}", "bold red"))
        return EXIT_USAGE
    except LockTimeout as e:
        err.print(safe_text(f"error: {e}", "bold red"))
        return EXIT_FAILED
    except TosdiffError as e:
        err.print(safe_text(f"error: {e}", "bold red"))
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tosdiff diff x | head` closes the pipe early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
