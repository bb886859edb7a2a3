"""`tosdiff import-ota-history`: an Open Terms Archive versions repository -> the documents' past versions."""

from __future__ import annotations

import argparse
from pathlib import Path

from tosdiff.cli.common import ExitStatus, UsageError, load, run_locked, say
from tosdiff.otahistory import GitError, ImportResult, import_file, parse_since, plan
from tosdiff.sanitize import plural
from tosdiff.store import Store


def cmd_import_ota_history(args: argparse.Namespace) -> int:
    """Import each `<Service>/<Type>.md` history of a local OTA *-versions clone into its document."""
    config = load(args)
    repo = Path(args.repo).expanduser()
    since = parse_since(args.since)
    try:
        pairs = plan(repo, args.service, args.type, {d.name for d in config.every_document()})
    except GitError as e:
        raise UsageError(str(e)) from None

    def work(store: Store) -> list[ImportResult]:
        return [import_file(store, config.document(name), repo, path, since) for name, path in pairs]

    try:
        results = run_locked(config, args.lock_timeout, work)
    except GitError as e:
        raise UsageError(str(e)) from None
    for r in results:
        extra = [f"{r.technical} technical"] if r.technical else []
        if r.already:
            extra.append(f"{r.already} imported before")
        if r.same_text:
            extra.append(f"{plural(r.same_text, 'commit')} with the same text as the version before")
        if r.skipped:
            extra.append(f"{len(r.skipped)} skipped")
        tail = f" ({'; '.join(extra)})" if extra else ""
        say(f"{r.document}: {plural(r.added, 'version')} imported from {r.path}{tail}")
        for why in r.skipped[:10]:
            say(f"  skipped {why}")
    return ExitStatus.OK
