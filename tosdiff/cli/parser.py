"""The argparse tree of every command.

Each command names the module and function that run it; `main` imports that module only when the
command runs, so `tosdiff --help` or `tosdiff status` never pays for importing the fetch pipeline,
the scheduler or the report builder.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from tosdiff import __version__
from tosdiff.cli.common import ArgParser, nonneg_float, nonneg_int, positive_int

Add = Callable[[str, str, str], argparse.ArgumentParser]
# The life of an outbox row (tosdiff.alerts.outbox), listed here so parsing imports no alerts code.
DELIVERY_STATUSES = ("pending", "sending", "delivered", "failed", "expired")


def build_parser(command: str | None = None) -> ArgParser:
    """The argparse tree of every command (or of `command` alone); each sets `command_func`."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        "-c",
        default=argparse.SUPPRESS,
        help="config file (default: $TOSDIFF_CONFIG, else ./tosdiff.toml)",
    )
    # In the shared parent so `tosdiff -v list` and `tosdiff list -v` both work; SUPPRESS keeps a
    # subcommand's default from overwriting a -v given before it.
    common.add_argument(
        "--verbose", "-v", action="store_true", default=argparse.SUPPRESS, help="log what happens to stderr"
    )
    parser = ArgParser(
        prog="tosdiff", description="Watch terms of service and diff them clause by clause.", parents=[common]
    )
    parser.add_argument("--version", action="version", version=f"tosdiff {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=ArgParser)

    def add(name: str, func: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(command_func=func)
        return p

    if command in COMMAND_GROUPS:
        # Only the group that holds the command: its parser is built exactly as in the whole tree.
        group = COMMAND_GROUPS[command]
        if group is alerts_command:
            alerts_command(add, common)
        else:
            group(add)
        return parser
    run_commands(add)
    read_commands(add)
    alerts_command(add, common)
    daemon_commands(add)
    setup_commands(add)
    publish_commands(add)
    history_commands(add)
    return parser


# Options that may come before the command, each with whether it takes a value.
_LEADING = {"--config": True, "-c": True, "--verbose": False, "-v": False}


def command_in(argv: Sequence[str]) -> str | None:
    """The command `argv` runs, when it can be told without argparse: else None (build every parser).

    Only the exact spellings of the global options may come before it (no abbreviation such as
    `--conf`, no combined `-vc`, no --help or --version): then argparse reads the same command.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("--config="):
            i += 1
        elif arg in _LEADING:
            i += 2 if _LEADING[arg] else 1
        elif arg in COMMAND_GROUPS:
            return arg
        else:
            return None
    return None


def run_options(p: argparse.ArgumentParser, *, lock_timeout: float, lock_help: str) -> None:
    """The options `check` and `daemon` share: concurrency and the run lock."""
    p.add_argument("--workers", type=positive_int, default=None, help="concurrent fetches (default: config)")
    p.add_argument(
        "--processes",
        type=nonneg_int,
        default=None,
        help="extract in N worker processes (default: config [fetch] processes; 0: in the fetch threads)",
    )
    p.add_argument("--lock-timeout", type=nonneg_float, default=lock_timeout, help=lock_help)


def run_commands(add: Add) -> None:
    """check."""
    p = add("check", "run:cmd_check", "fetch documents, record new versions, print a summary")
    p.add_argument("names", nargs="*", metavar="NAME", help="documents to check (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--exit-code", action="store_true", help="exit 3 when a document changed and none failed")
    p.add_argument(
        "--report",
        metavar="DIR",
        default=None,
        help="then rebuild the HTML report in DIR, whatever the outcome (the exit status stays the check's)",
    )
    run_options(p, lock_timeout=300.0, lock_help="seconds to wait for another run to finish (default: 300)")


def read_commands(add: Add) -> None:
    """list, history, show, diff, sections, log, flags."""
    p = add("list", "read:cmd_list", "list configured documents with their latest version")
    p.add_argument("--json", action="store_true")

    p = add("history", "read:cmd_history", "versions of a document, oldest first")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--json", action="store_true")

    p = add("show", "read:cmd_show", "print the text of a version")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=positive_int, default=None, help="version number (default: latest)")

    p = add("diff", "read:cmd_diff", "what changed between two versions, section by section")
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--from", dest="from_", type=positive_int, default=None, help="old version (default: previous)"
    )
    p.add_argument("--to", type=positive_int, default=None, help="new version (default: latest)")
    p.add_argument(
        "--section", default=None, help="only this clause (e.g. 10.4), followed across renumbering"
    )
    p.add_argument(
        "--format",
        choices=("rich", "side-by-side", "unified", "json", "html", "html-fragment"),
        default=None,
        help="default: rich on a terminal, unified when piped; html: a whole page, html-fragment: a <div>",
    )
    p.add_argument("--json", action="store_true", help="same as --format json")

    p = add("sections", "read:cmd_sections", "the section tree of a version")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--version", type=positive_int, default=None, help="version number (default: latest)")
    p.add_argument("--json", action="store_true")

    p = add("log", "read:cmd_log", "the history of one clause across all versions")
    p.add_argument("name", metavar="NAME")
    p.add_argument("section", metavar="SECTION", help="clause id in the latest version, e.g. 10.4")
    p.add_argument("--json", action="store_true")

    p = add(
        "flags", "read:cmd_flags", "flagged clauses (AI training, content licence, unfair terms) in a version"
    )
    p.add_argument("name", metavar="NAME", nargs="?")
    p.add_argument("--version", type=positive_int, default=None, help="version number (default: latest)")
    p.add_argument("--all", action="store_true", help="which tracked documents carry which categories now")
    p.add_argument("--json", action="store_true")


def delivery_id(value: str) -> int:
    """An argparse type for `alerts retry ID`: a number, with a hint where to find one."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a delivery id (the first column of `tosdiff alerts list`)"
        ) from None


def alerts_command(add: Add, common: argparse.ArgumentParser) -> None:
    """alerts test | list | retry | kinds."""
    p = add("alerts", "alerts:cmd_alerts", "test notifiers, list and retry queued alerts")
    asub = p.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")
    t = asub.add_parser("test", parents=[common], help="send a sample alert to all or the named notifiers")
    t.add_argument("notifiers", nargs="*", metavar="NOTIFIER")
    t.add_argument("--json", action="store_true")
    ls = asub.add_parser("list", parents=[common], help="queued and past deliveries, newest first")
    ls.add_argument("--status", choices=DELIVERY_STATUSES, default=None)
    ls.add_argument("--json", action="store_true")
    r = asub.add_parser(
        "retry", parents=[common], help="make failed/expired deliveries due now and send them"
    )
    r.add_argument(
        "ids",
        nargs="*",
        type=delivery_id,
        metavar="ID",
        help="delivery ids from `tosdiff alerts list` (default: all failed/expired)",
    )
    r.add_argument("--no-send", action="store_true", help="only requeue; the next check delivers")
    r.add_argument("--json", action="store_true")
    k = asub.add_parser("kinds", parents=[common], help="the kinds of notifier and their config keys")
    k.add_argument("--json", action="store_true")


def daemon_commands(add: Add) -> None:
    """daemon, status, reextract."""
    p = add("daemon", "daemon:cmd_daemon", "run checks on schedule until stopped (SIGHUP reloads the config)")
    run_options(p, lock_timeout=600.0, lock_help="seconds a run waits for another run's lock (default: 600)")
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

    p = add(
        "status", "daemon:cmd_status", "last check, outcome, failures in a row and next run of each document"
    )
    p.add_argument("--json", action="store_true")

    p = add(
        "reextract",
        "run:cmd_reextract",
        "re-derive the latest texts from stored snapshots with the current extractor and selectors",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="documents (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument(
        "--lock-timeout",
        type=nonneg_float,
        default=300.0,
        help="seconds to wait for another run to finish (default: 300)",
    )


def setup_commands(add: Add) -> None:
    """demo, init, add, remove, import-ota."""
    p = add(
        "demo", "setup:cmd_demo", "offline demo: watch a fictional service's terms change (no config needed)"
    )
    p.add_argument("--keep", metavar="DIR", default=None, help="keep the demo's config and database in DIR")
    p.add_argument("--report", metavar="DIR", default=None, help="also write the demo's HTML report to DIR")

    p = add("init", "setup:cmd_init", "write a commented starter config")
    p.add_argument(
        "path", nargs="?", default=None, metavar="PATH", help="default: --config, else ./tosdiff.toml"
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = add("add", "setup:cmd_add", "fetch a terms page, preview its sections, add it to the config")
    p.add_argument("url", metavar="URL")
    p.add_argument("--name", default=None, help="document name (default: from the URL)")
    p.add_argument(
        "--select", default=None, metavar="CSS", help="CSS selector of the terms (default: proposed)"
    )
    p.add_argument("--title", default=None, help="document title (default: the page's <h1> or <title>)")
    p.add_argument("--service", default=None, help="service name (default: the page's site name)")
    p.add_argument("--yes", "-y", action="store_true", help="add without asking")

    p = add("remove", "setup:cmd_remove", "take a document out of the config (--purge: and its history)")
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--purge", action="store_true", help="also delete its versions, checks and alerts from the database"
    )
    p.add_argument("--yes", "-y", action="store_true", help="remove without asking")
    p.add_argument(
        "--lock-timeout",
        type=nonneg_float,
        default=300.0,
        help="with --purge: seconds to wait for a running check (default: 300)",
    )

    p = add("import-ota", "setup:cmd_import_ota", "convert Open Terms Archive declarations to [[documents]]")
    p.add_argument("source", metavar="DIR_OR_FILE", help="a declaration .json, or a folder of them")
    p.add_argument("--append", action="store_true", help="append to the config instead of printing")

    p = add(
        "import-ota-history",
        "otaimport:cmd_import_ota_history",
        "import past versions from a local clone of an Open Terms Archive *-versions repository",
    )
    p.add_argument("repo", metavar="REPO", help="the clone (bare or not), e.g. contrib-versions")
    p.add_argument("--service", required=True, metavar="NAME", help="the service's folder in REPO, e.g. Zoom")
    p.add_argument("--type", default=None, metavar="TYPE", help='one terms type, e.g. "Terms of Service"')
    p.add_argument("--since", default=None, metavar="DATE", help="only commits from this date (YYYY-MM-DD)")
    p.add_argument(
        "--lock-timeout", type=nonneg_float, default=300.0, help="seconds to wait for a running check"
    )


def publish_commands(add: Add) -> None:
    """report, export."""
    p = add("report", "publish:cmd_report", "write a static HTML site and Atom feeds of every change")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the site into")
    p.add_argument("names", nargs="*", metavar="NAME", help="documents to include (default: all)")

    p = add(
        "export", "publish:cmd_export", "export a document's versions as markdown, json or a git repository"
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--format", choices=("markdown", "json", "git"), required=True)
    p.add_argument("dir", metavar="DIR")


def history_commands(add: Add) -> None:
    """backfill, timeline."""
    p = add(
        "backfill", "timeline:cmd_backfill", "record past versions of a document from the Wayback Machine"
    )
    p.add_argument("name", metavar="NAME")
    p.add_argument("--wayback", action="store_true", help="read the Internet Archive's captures ([wayback])")
    p.add_argument(
        "--from", dest="from_", type=day, default=None, metavar="DATE", help="first day, e.g. 2022-01-01"
    )
    p.add_argument("--to", type=day, default=None, metavar="DATE", help="last day (default: today)")
    p.add_argument(
        "--every",
        type=interval,
        default=None,
        metavar="DURATION",
        help="at most one capture per interval, e.g. 30d",
    )
    p.add_argument("--json", action="store_true", help="print every capture's outcome as JSON")
    p.add_argument(
        "--lock-timeout",
        type=nonneg_float,
        default=300.0,
        help="seconds to wait for a run to finish, per write",
    )

    p = add(
        "timeline",
        "timeline:cmd_timeline",
        "when flag categories were introduced, removed, widened or narrowed, across whole histories",
    )
    p.add_argument("names", nargs="*", metavar="NAME", help="documents (default: all recorded)")
    p.add_argument("--category", action="append", metavar="C", help="only this category (repeatable)")
    p.add_argument("--since", type=day, default=None, metavar="DATE", help="only changes from this day on")
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true")
    shape.add_argument("--csv", action="store_true")


def day(value: str) -> str:
    """An argparse type for --from/--to/--since: '2023', '2023-04' or '2023-04-01' -> its digits."""
    from tosdiff.wayback import cdx_timestamp

    try:
        return cdx_timestamp(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def interval(value: str) -> float:
    """An argparse type for --every: '30d', '12h', '2w' -> seconds."""
    from tosdiff.errors import ConfigError
    from tosdiff.schema import parse_duration

    try:
        return parse_duration(value, "--every")
    except ConfigError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a duration like '30d', '12h' or '2w'") from None


# Which function adds each command's parser (tests/test_cli_parser.py checks every command is here).
COMMAND_GROUPS: dict[str, Callable[..., None]] = {
    **dict.fromkeys(("check",), run_commands),
    **dict.fromkeys(("list", "history", "show", "diff", "sections", "log", "flags"), read_commands),
    **dict.fromkeys(("alerts",), alerts_command),
    **dict.fromkeys(("daemon", "status", "reextract"), daemon_commands),
    **dict.fromkeys(("demo", "init", "add", "remove", "import-ota", "import-ota-history"), setup_commands),
    **dict.fromkeys(("report", "export"), publish_commands),
    **dict.fromkeys(("backfill", "timeline"), history_commands),
}
