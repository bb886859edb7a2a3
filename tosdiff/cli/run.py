"""Commands that run checks now: check and reextract."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import textwrap
import threading
from array import array
from pathlib import Path
from typing import TextIO

from tosdiff.cli.common import ExitStatus, load, run_locked, say
from tosdiff.cli.common import console as make_console
from tosdiff.config import Config
from tosdiff.errors import TosdiffError
from tosdiff.models import ERROR, CheckResult, Document, RunReport
from tosdiff.pipeline import check_documents, reextract_documents
from tosdiff.sanitize import one_line, plural
from tosdiff.serialize import report_dict, result_dict
from tosdiff.store import Store

# A progress bar is worth its lines only for a run that takes a while.
PROGRESS_MIN_DOCS = 4


def cmd_check(args: argparse.Namespace) -> int:
    """Check all or the named documents; with --report, rebuild the HTML report afterwards."""
    config = load(args)
    for name in args.names:
        config.document(name)  # unknown names are a usage error before anything is fetched
        if config.is_paused(name):
            # Named on the command line: the user asked for it, so it is checked (pausing only
            # keeps it out of full runs and the daemon's schedule).
            say(
                f"note: {name} is paused (enabled = false in {config.path}); checking it because it was named"
            )
    total = len(args.names) or len(config.documents)
    if not total:
        say(
            f"nothing to check: {config.path} declares no enabled document"
            + (f" ({plural(len(config.paused), 'paused document')})" if config.paused else "")
            + "; add one with `tosdiff add URL`"
        )
    stop = threading.Event()
    recorded = 0
    bar = _progress(args, total)
    # Each result goes where it is shown as it is recorded (the run keeps none): every document's JSON
    # entry to a spool file, or, for the table, only the rows it will print (render.CheckRows).
    position = {name: i for i, name in enumerate(args.names or (d.name for d in config.documents))}
    spool = JsonSpool() if args.json else None
    rows = None
    if not args.json:
        from tosdiff.render import CheckRows  # here: `check --json` never needs rich

        rows = CheckRows(total)

    def on_result(result: CheckResult) -> None:
        nonlocal recorded
        recorded += 1
        where = position.get(result.name, len(position))
        if spool is not None:
            spool.add(result, where)
        if rows is not None:
            rows.add(result, where)
        if bar is not None:
            bar.advance(result)

    def on_start(doc: Document) -> None:
        if bar is not None:
            bar.start(doc.name)

    def interrupt(*_: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C: stop now
        stop.set()  # the first: finish recording the document at hand, then stop

    def work(store: Store) -> RunReport:
        # SIGTERM (cron's or a supervisor's timeout) stops like a first Ctrl-C: what is recorded stays
        # recorded, no new alert is sent, the rest waits for the next run.
        previous = signal.signal(signal.SIGINT, interrupt)
        previous_term = signal.signal(signal.SIGTERM, interrupt)
        try:
            if bar is None:
                return check(store)
            with bar:
                return check(store)
        finally:
            signal.signal(signal.SIGINT, previous)
            signal.signal(signal.SIGTERM, previous_term)

    def check(store: Store) -> RunReport:
        return check_documents(
            config,
            store,
            args.names,
            workers=args.workers,
            processes=args.processes,
            on_result=on_result,
            should_stop=stop.is_set,
            on_start=on_start,
            keep_results=False,
        )

    report_ok = True
    try:
        report = run_locked(config, args.lock_timeout, work)
    except TosdiffError:
        if spool is not None:
            spool.close()
        if args.report:
            report_ok = _rebuild_report(config, args.report)
        raise
    if args.report:
        report_ok = _rebuild_report(config, args.report)
    if spool is not None:
        with spool:
            spool.write_to(sys.stdout)
    elif rows is not None:
        from tosdiff.render import check_table

        make_console().print(check_table(rows.report()))
    if stop.is_set():
        left = total - recorded
        say(
            f"interrupted: {plural(recorded, 'document')} checked and recorded, {left} left unchecked "
            "(run `tosdiff check` again to check them)"
        )
        return ExitStatus.INTERRUPTED
    if report.failed or not report_ok:
        return ExitStatus.FAILED
    if args.exit_code and report.changed:
        return ExitStatus.CHANGED
    return ExitStatus.OK


class JsonSpool:
    """`check --json`'s document entries, spooled to a temporary file as each result is recorded.

    Printed at the end in config order, byte for byte what `json.dumps(report_dict(report), indent=2)`
    printed, but the run holds three numbers per document instead of every result and its dict.
    """

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close() / the with block
        # Per entry: its position in the run, its offset and length in the file.
        self.index: list[array[int]] = [array("q"), array("q"), array("q")]

    def add(self, result: CheckResult, position: int) -> None:
        """Spool one document's entry, as it sits inside the `documents` list."""
        entry = json.dumps(result_dict(result), ensure_ascii=False, indent=2)
        # JSON escapes newlines inside strings: every line break here is the layout's own.
        data = textwrap.indent(entry, "    ", lambda _: True).encode("utf-8")
        self.index[0].append(position)
        self.index[1].append(self.file.tell())
        self.index[2].append(len(data))
        self.file.write(data)

    def write_to(self, out: TextIO) -> None:
        """Write the whole JSON document (and a newline), entries in config order."""
        positions, offsets, lengths = self.index
        if not positions:
            out.write('{\n  "documents": []\n}\n')
            return
        self.file.flush()
        out.write('{\n  "documents": [\n')
        for n, k in enumerate(sorted(range(len(positions)), key=positions.__getitem__)):
            self.file.seek(offsets[k])
            out.write((",\n" if n else "") + self.file.read(lengths[k]).decode("utf-8"))
        out.write("\n  ]\n}\n")

    def close(self) -> None:
        """Delete the spool file."""
        self.file.close()

    def __enter__(self) -> JsonSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rebuild_report(config: Config, out: str) -> bool:
    """`check --report DIR`: rebuild the report whatever the check's outcome; False when it failed."""
    # Imported here: a check without --report never pays for the report builder.
    from tosdiff.cli.publish import write_report

    store = Store(config.storage_path)
    try:
        write_report(config, store, Path(out))
        return True
    except TosdiffError as e:
        say(f"error: report not rebuilt: {e}")
        return False
    finally:
        store.close()


class _Bar:
    """The check's progress on stderr: done/total, errors so far, the document being checked now."""

    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.errors = 0
        # Documents in flight, oldest first: with several fetch threads the one shown is the one that
        # has been running longest (the likeliest to be what the run is waiting for).
        self.running: dict[str, None] = {}
        self.progress = Progress(
            TextColumn("checking"),
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            TextColumn("{task.fields[errors]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[now]}", markup=False),  # names come from the config: never markup
            console=make_console(stderr=True),
            transient=True,  # the summary table follows; the bar leaves no lines behind
        )
        self.task = self.progress.add_task("check", total=total, errors="0 errors", now="")

    def _now(self) -> str:
        """'now: zoom-terms (+3 more)', cut to fit one line."""
        if not self.running:
            return ""
        first = next(iter(self.running))
        more = f" (+{len(self.running) - 1} more)" if len(self.running) > 1 else ""
        return one_line(f"now: {first}", 40) + more

    def start(self, name: str) -> None:
        """A document's fetch started."""
        self.running[name] = None
        self.progress.update(self.task, now=self._now())

    def advance(self, result: CheckResult) -> None:
        """One more document recorded."""
        self.running.pop(result.name, None)
        self.errors += result.status == ERROR
        self.progress.update(self.task, advance=1, errors=plural(self.errors, "error"), now=self._now())

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _progress(args: argparse.Namespace, total: int) -> _Bar | None:
    """A progress bar only for a person watching: a terminal on both streams, no --json, a long run."""
    if args.json or total < PROGRESS_MIN_DOCS:
        return None
    if not (sys.stderr.isatty() and sys.stdout.isatty()):
        return None
    return _Bar(total)


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
        from tosdiff.render import check_table

        table = check_table(report)
        # The note on its own line: as the title it was wrapped to the width of a narrow table.
        table.title = "tosdiff reextract"
        out = make_console()
        out.print(table)
        out.print("technical versions are never alerted", style="dim")
    return ExitStatus.FAILED if report.failed else ExitStatus.OK
