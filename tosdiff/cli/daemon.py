"""The long-running side: the daemon, and the status of each document's schedule."""

from __future__ import annotations

import argparse
import errno
import json
import logging
from collections.abc import Callable
from pathlib import Path

from tosdiff.cli.common import ExitStatus, UsageError, opened, run_locked
from tosdiff.cli.common import console as make_console
from tosdiff.config import Config, find_config_path
from tosdiff.models import RunReport
from tosdiff.pipeline import check_documents
from tosdiff.render import status_table
from tosdiff.scheduler import Daemon, daemon_state, next_run_times


def daemon_run(
    lock_timeout: float, workers: int | None = None, processes: int | None = None
) -> Callable[[Config, list[str], Callable[[], bool]], RunReport]:
    """The daemon's run function: the same locked pipeline as `check`."""

    def run(config: Config, names: list[str], should_stop: Callable[[], bool]) -> RunReport:
        return run_locked(
            config,
            lock_timeout,
            # The daemon needs only the counts per status (its log line and status file): no result is
            # kept per document, so a job over 10,000 documents holds no more than one over 100.
            lambda store: check_documents(
                config,
                store,
                names,
                workers=workers,
                processes=processes,
                should_stop=should_stop,
                keep_results=False,
            ),
        )

    return run


def cmd_daemon(args: argparse.Namespace) -> int:
    """Run checks on each document's schedule until SIGTERM/SIGINT; SIGHUP reloads the config."""
    if not args.verbose:
        logging.getLogger("tosdiff").setLevel(logging.INFO)
    daemon = Daemon(
        find_config_path(args.config),
        daemon_run(args.lock_timeout, args.workers, args.processes),
        status_file=Path(args.status_file) if args.status_file else None,
        health_port=args.health_port,
    )
    try:
        daemon.prepare()
    except OSError as e:
        raise UsageError(_endpoint_problem(args, e)) from None
    return daemon.run_forever(run_now=args.run_now)


def _endpoint_problem(args: argparse.Namespace, e: OSError) -> str:
    """One line naming the flag and what the system refused (no traceback)."""
    reason = e.strerror or str(e)
    if e.filename is not None or args.health_port is None:
        where = e.filename or args.status_file
        return f"--status-file {args.status_file}: cannot write {where}: {reason}"
    if e.errno == errno.EADDRINUSE:
        return f"--health-port {args.health_port}: port already in use on 127.0.0.1 (choose another, or 0)"
    return f"--health-port {args.health_port}: cannot listen on 127.0.0.1: {reason}"


def cmd_status(args: argparse.Namespace) -> int:
    """Per document: last check, outcome, consecutive failures, next scheduled run (when a daemon runs)."""
    with opened(args) as (config, store):
        rows = []
        daemon = daemon_state(config)
        # Only a running daemon plans runs: a stopped one (or none) must not show a schedule.
        nexts = next_run_times(config) if daemon.running else {}
        for doc in config.every_document():
            last = store.checks(doc.name, limit=1)
            row = last[0] if last else {}
            rows.append(
                {
                    "name": doc.name,
                    "enabled": not config.is_paused(doc.name),
                    "last_check": row.get("started_at"),
                    "outcome": row.get("outcome"),
                    "error": row.get("error"),
                    "consecutive_failures": store.consecutive_failures(doc.name),
                    "latest_version": (store.latest_version(doc.name) or {}).get("version"),
                    "next_run": nexts[doc.name].isoformat() if nexts.get(doc.name) else None,
                    "daemon_running": daemon.running,
                }
            )
    if args.json:
        print(json.dumps(rows, indent=2))
        return ExitStatus.OK
    from rich.text import Text  # only the table needs rich

    console = make_console()
    said = daemon.detail if daemon.running else f"not running ({daemon.detail}): no run is planned"
    console.print(Text(f"daemon: {said}", style="" if daemon.running else "yellow"))
    console.print(status_table(rows))
    return ExitStatus.OK
