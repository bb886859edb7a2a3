"""History commands: `backfill` (past versions from the Wayback Machine) and `timeline` (when flag
categories came and went across every document's history)."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from tosdiff.cli.common import ExitStatus, UsageError, known_document, load, opened, say
from tosdiff.cli.common import console as make_console
from tosdiff.redact import redact_url
from tosdiff.sanitize import one_line, plural, safe_text
from tosdiff.store import RunLock, Store


def iso_day(digits: str) -> str:
    """CDX digits ('20230401', '202304', '2023') as the start of an ISO date ('2023-04-01', '2023-04')."""
    return "-".join(p for p in (digits[:4], digits[4:6], digits[6:8]) if p)


def cmd_backfill(args: argparse.Namespace) -> int:
    """Record past versions of a document from the Wayback Machine."""
    from tosdiff.wayback import RECORDED, SKIPPED, Backfill, BackfillSummary, Outcome

    if not args.wayback:
        raise UsageError(
            "say where past versions come from: --wayback (the Internet Archive's Wayback Machine)"
        )
    # '2023-05' to '2023' is fine (to the end of 2023): compare at the coarser of the two precisions.
    n = min(len(args.from_ or ""), len(args.to or ""))
    if n and args.from_[:n] > args.to[:n]:
        raise UsageError(f"--from {iso_day(args.from_)} is after --to {iso_day(args.to)}")
    config = load(args)
    doc = config.document(args.name)
    store = Store(config.storage_path)
    job = Backfill(
        config,
        store,
        doc,
        write_lock=lambda: RunLock(config.storage_path, timeout=args.lock_timeout, on_wait=say),
    )
    out = make_console()
    summary: BackfillSummary | None = None
    try:
        say(f"{doc.name}: asking {config.wayback.endpoint} for captures of {redact_url(doc.url)}")
        for item in job.run(args.from_, args.to, args.every):
            if isinstance(item, BackfillSummary):
                summary = item
            elif not args.json:
                out.print(safe_text(_outcome_line(item, RECORDED, SKIPPED)), soft_wrap=True)
    finally:
        job.close()
        store.close()
    assert summary is not None
    if args.json:
        print(
            json.dumps(
                {
                    "document": doc.name,
                    "listed": summary.listed,
                    "considered": summary.considered,
                    "stopped": summary.stopped,
                    "outcomes": [o.__dict__ for o in summary.outcomes if isinstance(o, Outcome)],
                },
                indent=2,
            )
        )
    counts = ", ".join(
        f"{summary.count(s)} {s}" for s in ("recorded", "already", *SKIPPED) if summary.count(s)
    )
    say(
        f"{doc.name}: {plural(summary.listed, 'distinct capture')} listed, {summary.considered} considered"
        + (f": {counts}" if counts else "")
    )
    if summary.stopped:
        say(f"stopped: {summary.stopped}; run the same command again later to resume")
        return ExitStatus.FAILED
    return ExitStatus.OK


def _outcome_line(o: object, recorded: str, skipped: tuple[str, ...]) -> str:
    """One capture's line: '2023-04-01 recorded as version 2 (10.4 modified)'."""
    from tosdiff.wayback import Outcome

    assert isinstance(o, Outcome)
    day_ = o.recorded_at[:10]
    if o.status == recorded:
        return f"{day_} recorded as version {o.version}" + (
            f" ({one_line(o.detail, 120)})" if o.detail else ""
        )
    if o.status in skipped:
        why = f": {one_line(o.detail, 160)}" if o.detail else ""
        same = f" (same text as version {o.version})" if o.version else ""
        return f"{day_} skipped, {o.status}{same}{why}"
    return f"{day_} already recorded"


def cmd_timeline(args: argparse.Namespace) -> int:
    """When flag categories were introduced, removed, widened or narrowed, across whole histories."""
    from tosdiff.timeline import CSV_COLUMNS, MAX_EVENTS, csv_cell, event_line, timeline

    with opened(args) as (config, store):
        for name in args.names:
            known_document(store, name, config)
        names = list(dict.fromkeys(args.names)) or [d["name"] for d in store.document_summaries()]
        since = iso_day(args.since) if args.since else ""
        categories = tuple(args.category or ())
        events, left_out = timeline(store, names, rules=config.rules, categories=categories, since=since)
    if args.json:
        print(json.dumps([e.to_dict() for e in events], indent=2, ensure_ascii=False))
    elif args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for e in events:
            row = e.to_dict()
            writer.writerow([csv_cell(row[c]) for c in CSV_COLUMNS])
    else:
        out = make_console()
        for e in events:
            out.print(safe_text(event_line(e)), soft_wrap=True)
            out.print(safe_text(f"    “{one_line(e.excerpt, 200)}”", "dim"), soft_wrap=True)
        if not events:
            what = f" in {', '.join(categories)}" if categories else ""
            say(f"no flag came or went{what} in the histories of {plural(len(names), 'document')}")
    if left_out:
        say(
            f"{left_out} later events left out (at most {MAX_EVENTS}): narrow with --category, --since or NAME"
        )
    return ExitStatus.OK
