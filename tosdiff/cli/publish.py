"""Commands that publish what was recorded: report (HTML site and feeds) and export."""

from __future__ import annotations

import argparse
from pathlib import Path

from tosdiff.cli.common import ExitStatus, opened
from tosdiff.cli.common import console as make_console
from tosdiff.export import export_document
from tosdiff.report import build_report


def cmd_report(args: argparse.Namespace) -> int:
    """Write a static HTML site and Atom feeds of every recorded change."""
    with opened(args) as (config, store):
        summary = build_report(store, Path(args.out), args.names, rules=config.rules)
    make_console().print(
        f"wrote {summary.pages} pages for {summary.documents} documents ({summary.versions} versions) "
        f"to {summary.out / 'index.html'}"
    )
    return ExitStatus.OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export a document's versions as Markdown files, JSON, or a git repository."""
    with opened(args) as (_, store):
        message = export_document(store, args.name, args.format, Path(args.dir))
    make_console().print(message)
    return ExitStatus.OK
