"""Commands that get a user started: demo, init, add, import-ota."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tosdiff.cli.common import ExitStatus
from tosdiff.cli.common import console as make_console
from tosdiff.config import find_config_path
from tosdiff.demo import run_demo
from tosdiff.onboard import (
    Preview,
    add_entry,
    append_documents,
    existing_names,
    validate_entry,
    write_starter_config,
)
from tosdiff.ota import import_declarations
from tosdiff.render import preview_view
from tosdiff.sanitize import clean_text, plural, safe_text


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
        path, args.url, name=args.name, select=args.select, confirm=confirm, show=show
    )
    if config is None:
        out.print("nothing added", soft_wrap=True)
        return ExitStatus.OK
    name = clean_text(str(entry["name"]))
    out.print(safe_text(f"added {name} to {path}; next: tosdiff check {name}"), soft_wrap=True)
    return ExitStatus.OK


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
