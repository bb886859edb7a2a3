"""The command line: parse options, call the library, print, choose the exit status. Nothing else.

Exit statuses (`ExitStatus`, a contract for scripts and cron):
  0  every document checked (or the command succeeded)
  1  at least one document failed (the others were still checked and stored), or a runtime failure
  2  usage or config error
  3  with --exit-code: at least one document changed and none failed
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from tosdiff.cli.common import ExitStatus, UsageError, console
from tosdiff.cli.parser import build_parser, command_in
from tosdiff.errors import ConfigError, LockTimeout, TosdiffError
from tosdiff.sanitize import safe_text

__all__ = ["ExitStatus", "UsageError", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tosdiff` console script; returns the exit status."""
    # Called as the process's entry point (argv None: the console script or `python -m tosdiff`), the
    # objects made while starting (modules, classes, the parser) live until the process exits: no
    # cyclic collection during start-up (55 young and 5 older ones on a check, ~14 ms), and none of
    # them traversed again by a later collection or by the interpreter's at exit (exit 50 -> 9 ms).
    entry = argv is None
    if entry:
        gc.disable()
    # Only the invoked command's parser when the command line names it plainly (the whole tree: ~7 ms
    # of argparse, half of it gettext look-ups, that a check never needs).
    parser = build_parser(command_in(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not hasattr(args, "config"):
        args.config = None
    args.verbose = getattr(args, "verbose", False)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # urllib3 logs every retry as a warning; the check summary already says what failed.
        logging.getLogger("urllib3").setLevel(logging.ERROR)
    # The error console is made only on an error: rich costs ~20 ms of start-up a run never needs.
    try:
        module, func = args.command_func.split(":")
        # The command's module is imported only now (see tosdiff.cli.parser).
        command = getattr(importlib.import_module(f"tosdiff.cli.{module}"), func)
        if entry:
            gc.freeze()
            gc.enable()
        return int(command(args))
    except ConfigError as e:
        console(stderr=True).print(safe_text(f"config error: {e}", "bold red"), soft_wrap=True)
        return ExitStatus.USAGE
    except UsageError as e:
        console(stderr=True).print(safe_text(f"error: {e}", "bold red"), soft_wrap=True)
        return ExitStatus.USAGE
    except (LockTimeout, TosdiffError) as e:
        console(stderr=True).print(safe_text(f"error: {e}", "bold red"), soft_wrap=True)
        return ExitStatus.FAILED
    except KeyboardInterrupt:
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # `tosdiff diff x | head` closes the pipe early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitStatus.OK
