"""Commands that run checks now: check and reextract."""

from __future__ import annotations

import argparse
import json

from tosdiff.cli.common import (
    ExitStatus,
    load,
    run_locked,
)
from tosdiff.cli.common import console as make_console
from tosdiff.models import RunReport
from tosdiff.pipeline import check_documents, reextract_documents
from tosdiff.render import check_table
from tosdiff.serialize import report_dict


def cmd_check(args: argparse.Namespace) -> int:
    """Check all or the named documents."""
    config = load(args)
    for name in args.names:
        config.document(name)  # unknown names are a usage error before anything is fetched
    report = run_locked(
        config,
        args.lock_timeout,
        lambda store: check_documents(
            config, store, args.names, workers=args.workers, processes=args.processes
        ),
    )
    if args.json:
        print(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
    else:
        make_console().print(check_table(report))
    if report.failed:
        return ExitStatus.FAILED
    if args.exit_code and report.changed:
        return ExitStatus.CHANGED
    return ExitStatus.OK


def cmd_reextract(args: argparse.Namespace) -> int:
    """Re-derive texts from stored snapshots with the current extractor and selectors."""
    config = load(args)
    for name in args.names:
        config.document(name)
    report = run_locked(
        config,
        args.lock_timeout,
        lambda store: RunReport(tuple(reextract_documents(config, store, args.names))),
    )
    if args.json:
        print(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
    else:
        table = check_table(report)
        table.title = "tosdiff reextract (technical versions are never alerted)"
        make_console().print(table)
    return ExitStatus.FAILED if report.failed else ExitStatus.OK
