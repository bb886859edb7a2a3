"""Commands that get a user started (demo, init, add, import-ota) and that stop watching a page (remove)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from tosdiff.cli.common import ExitStatus, UsageError, run_locked, say
from tosdiff.cli.common import console as make_console
from tosdiff.config import find_config_path, load_config
from tosdiff.demo import run_demo
from tosdiff.errors import TosdiffError
from tosdiff.onboard import (
    Preview,
    add_entry,
    append_documents,
    existing_names,
    remove_document,
    validate_entry,
    write_starter_config,
)
from tosdiff.ota import import_declarations
from tosdiff.render import preview_view
from tosdiff.sanitize import clean_text, plural, safe_text
from tosdiff.store import Store
from tosdiff.store.purge import history_size, purge_document


def cmd_demo(args: argparse.Namespace) -> int:
    """Offline demo: three versions of a fictional service's terms, checked, diffed and flagged."""
    run_demo(
        make_console(),
        keep=Path(args.keep) if args.keep else None,
        report=Path(args.report) if args.report else None,
    )
    return ExitStatus.OK


def cmd_init(args: argparse.Namespace) -> int:
    """Write a commented starter config."""
    path = Path(args.path) if args.path else find_config_path(args.config)
    write_starter_config(path, force=args.force)
    make_console().print(safe_text(f"wrote {path}; next: tosdiff --config {path} add URL"), soft_wrap=True)
    return ExitStatus.OK


def cmd_add(args: argparse.Namespace) -> int:
    """Fetch a page, propose a selector, preview its sections, and add it to the config."""
    path = find_config_path(args.config)
    out = make_console()
    if not path.exists():
        # A bad URL is refused before anything is written (no starter config left behind by a typo).
        validate_entry({"name": args.name or "new", "url": args.url}, f"{path}: new document")
        write_starter_config(path)
        out.print(safe_text(f"created {path} (starter config)"), soft_wrap=True)

    def show(p: Preview, entry: dict) -> None:
        out.print(preview_view(p, entry))

    def confirm(p: Preview, entry: dict) -> bool:
        if args.yes:
            return True
        if not p.sections:
            out.print("no sections were recognised: check the selector (--select CSS) before adding")
        # markup=False: rich read "[y/N]" (and any [..] in a name or path) as markup and dropped it.
        out.print(f"Add {clean_text(str(entry['name']))} to {path}? [y/N] ", end="", markup=False)
        answer = sys.stdin.readline().strip().lower()
        return answer in ("y", "yes")

    _, entry, config = add_entry(
        path,
        args.url,
        name=args.name,
        select=args.select,
        title=args.title,
        service=args.service,
        confirm=confirm,
        show=show,
    )
    if config is None:
        out.print("nothing added", soft_wrap=True)
        return ExitStatus.OK
    name = clean_text(str(entry["name"]))
    out.print(safe_text(f"added {name} to {path}; next: tosdiff check {name}"), soft_wrap=True)
    return ExitStatus.OK


def cmd_remove(args: argparse.Namespace) -> int:
    """Take a document out of the config; with --purge, delete its history from the database too."""
    path = find_config_path(args.config)
    config = load_config(path)
    in_config = any(d.name == args.name for d in config.every_document())
    size = {"versions": 0, "checks": 0}
    if config.storage_path.exists():  # never create a database just to say it holds nothing
        store = Store(config.storage_path)
        try:
            size = history_size(store, args.name)
        finally:
            store.close()
    in_db = bool(size["versions"] or size["checks"])
    if not in_config and not (args.purge and in_db):
        known = sorted({d.name for d in config.every_document()})
        near = difflib.get_close_matches(args.name, known, n=3, cutoff=0.5)
        hint = f"; nearest: {', '.join(near)}" if near else " (see `tosdiff list`)"
        if in_db:
            hint = f"; its history is still in the database: `tosdiff remove {args.name} --purge` deletes it"
        raise UsageError(f"no document named {args.name!r} in {path}{hint}")
    history = f"{plural(size['versions'], 'version')} and {plural(size['checks'], 'check')}"
    if not in_config:
        what = f"delete the history of {args.name} ({history}; it is no longer in {path})"
    else:
        what = f"remove {args.name} from {path}" + (
            f" and delete its history ({history})" if args.purge else ""
        )
    if not _confirmed(args, what):
        say("nothing removed")
        return ExitStatus.OK
    if in_config:
        remove_document(path, args.name)
        say(f"removed {args.name} from {path}")
    if not args.purge:
        if in_db:
            say(
                f"its history ({history}) stays in {config.storage_path}: `tosdiff history {args.name}` still "
                f"shows it; `tosdiff remove {args.name} --purge` deletes it"
            )
        return ExitStatus.OK
    try:
        deleted = run_locked(config, args.lock_timeout, lambda store: purge_document(store, args.name))
    except TosdiffError as e:
        # The config is already edited: say how to finish, the history is whole (one transaction).
        raise TosdiffError(
            f"history not deleted ({e}); run `tosdiff remove {args.name} --purge` again"
        ) from None
    say(
        f"deleted the history of {args.name}: {plural(deleted.get('versions', 0), 'version')}, "
        f"{plural(deleted.get('checks', 0), 'check')}, {plural(deleted.get('snapshots', 0), 'snapshot')}, "
        f"{plural(deleted.get('deliveries', 0), 'alert delivery', 'alert deliveries')}"
    )
    return ExitStatus.OK


def _confirmed(args: argparse.Namespace, what: str) -> bool:
    """--yes, or a 'y' answered on stdin (typed at the terminal, or piped as `add` takes it).

    With no answer at all (stdin closed, as under cron) nothing is removed and the error says to pass
    --yes (exit 2): a script must not believe a document was removed.
    """
    if args.yes:
        return True
    # markup=False: "[y/N]" (and any [..] in a path) must print as typed.
    make_console().print(f"{clean_text(what[:1].upper() + what[1:])}? [y/N] ", end="", markup=False)
    line = sys.stdin.readline()
    if not line and not sys.stdin.isatty():
        raise UsageError(f"{what}: no answer on stdin (not a terminal); confirm with --yes")
    return line.strip().lower() in ("y", "yes")


def cmd_import_ota(args: argparse.Namespace) -> int:
    """Open Terms Archive declarations -> [[documents]] TOML (printed, or appended with --append)."""
    err = make_console(stderr=True)
    path = find_config_path(args.config)
    taken = existing_names(path) if args.append else set()
    result = import_declarations(Path(args.source), taken)
    for note in result.notes:
        err.print(safe_text(f"note: {note}", "yellow"), soft_wrap=True)
    if not result.entries:
        err.print("no documents to import", soft_wrap=True)
        return ExitStatus.FAILED
    if args.append:
        if not path.exists():
            write_starter_config(path)
        append_documents(path, result.entries)
        err.print(safe_text(f"appended {plural(len(result.entries), 'document')} to {path}"), soft_wrap=True)
    else:
        sys.stdout.write(result.toml())
    return ExitStatus.OK
