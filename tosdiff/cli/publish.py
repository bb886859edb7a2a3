"""Commands that publish what was recorded: report (HTML site and feeds) and export."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from tosdiff.cli.common import ExitStatus, known_document, opened
from tosdiff.cli.common import console as make_console
from tosdiff.config import Config
from tosdiff.export import export_document
from tosdiff.report import build_report
from tosdiff.sanitize import plural, safe_text
from tosdiff.store import Store


def cmd_report(args: argparse.Namespace) -> int:
    """Write a static HTML site and Atom feeds of every recorded change."""
    with opened(args) as (config, store):
        for name in args.names:
            known_document(store, name, config)  # an unknown name is a usage error (exit 2), as everywhere
        write_report(config, store, Path(args.out), args.names)
    return ExitStatus.OK


def write_report(config: Config, store: Store, out: Path, names: Sequence[str] = ()) -> None:
    """Build the report into `out` and say what was written (`report`, and `check --report`)."""
    languages = {d.name: d.language for d in config.every_document() if d.language}
    summary = build_report(store, out, names, rules=config.rules, languages=languages)
    make_console().print(
        safe_text(
            f"wrote {plural(summary.pages, 'page')} for {plural(summary.documents, 'document')} "
            f"({plural(summary.versions, 'version')}) to {summary.out / 'index.html'}"
            + (
                f"; {plural(summary.reused, 'document')} unchanged since the last build kept"
                if summary.reused
                else ""
            )
        ),
        soft_wrap=True,
    )


def cmd_export(args: argparse.Namespace) -> int:
    """Export a document's versions as Markdown files, JSON, or a git repository."""
    with opened(args) as (config, store):
        known_document(store, args.name, config)
        message = export_document(store, args.name, args.format, Path(args.dir))
    make_console().print(safe_text(message), soft_wrap=True)
    return ExitStatus.OK
