"""What every command shares: exit statuses, the usage error, consoles, config and store handling.

The one locked sequence (lock -> store -> pipeline) lives here as `run_locked`, used by `check`,
`reextract` and the daemon alike, so cron and the daemon take exactly the same path.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import IntEnum
from types import MethodType
from typing import TYPE_CHECKING, TypeVar

from tosdiff.config import Config, find_config_path, load_config
from tosdiff.errors import TosdiffError
from tosdiff.sanitize import safe_text
from tosdiff.store import RunLock, Store

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")


class ExitStatus(IntEnum):
    """Exit statuses: a contract for scripts and cron (see the README)."""

    OK = 0  # every document checked (or the command succeeded)
    FAILED = 1  # at least one document failed (the others were still checked), or a runtime failure
    USAGE = 2  # usage or config error
    CHANGED = 3  # with --exit-code: at least one document changed and none failed
    INTERRUPTED = 130  # Ctrl-C


class UsageError(TosdiffError):
    """Bad flags or arguments: exit status 2."""


class ArgParser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line, as the exit-status contract says."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print usage and the problem, then exit 2."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"tosdiff: error: {message}\n")
        raise SystemExit(ExitStatus.USAGE)


def _on_broken_pipe(self: Console) -> None:
    # rich's default exits with status 1, so `tosdiff demo | head` looked like a failure; main() turns
    # BrokenPipeError into status 0 after the command's own clean-up has run.
    self.quiet = True
    raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    """A rich console for command output (stderr for messages about the run)."""
    # Imported here: `check --json` and other machine output never need rich (~20 ms of start-up).
    from rich.console import Console

    # highlight=False: never colour numbers or URLs inside document text by guesswork.
    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    out.on_broken_pipe = MethodType(_on_broken_pipe, out)  # type: ignore[method-assign]
    return out


def load(args: argparse.Namespace) -> Config:
    """The config named by --config, $TOSDIFF_CONFIG or ./tosdiff.toml, validated."""
    return load_config(find_config_path(args.config))


@contextmanager
def opened(args: argparse.Namespace) -> Iterator[tuple[Config, Store]]:
    """The config and its open store, closed however the command ends."""
    config = load(args)
    store = Store(config.storage_path)
    try:
        yield config, store
    finally:
        store.close()


def say(message: str) -> None:
    """One message about the run on stderr (never markup, never hard-wrapped)."""
    console(stderr=True).print(safe_text(message), soft_wrap=True)


def run_locked(config: Config, lock_timeout: float, work: Callable[[Store], T]) -> T:
    """Run `work` on the config's store while holding the run lock, so two runs never write at once."""
    with RunLock(config.storage_path, timeout=lock_timeout, on_wait=say):
        store = Store(config.storage_path)
        try:
            return work(store)
        finally:
            store.close()


def _number_type(convert: Callable[[str], T], minimum: int, what: str) -> Callable[[str], T]:
    """An argparse type: `convert` the flag's value and require at least `minimum`."""

    def parse(value: str) -> T:
        try:
            n = convert(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a {what}") from None
        if n < minimum:  # type: ignore[operator]
            raise argparse.ArgumentTypeError(f"{value!r} must be {minimum} or more")
        return n

    return parse


positive_int = _number_type(int, 1, "whole number")  # --workers, --version N
nonneg_int = _number_type(int, 0, "whole number")  # --processes (0: in the fetch threads)
nonneg_float = _number_type(float, 0, "number")  # --lock-timeout seconds


def known_document(store: Store, name: str, config: Config | None = None) -> None:
    """Raise a UsageError (exit 2) unless the store holds a version of the document.

    With the config, the error tells a configured but never-checked document (run `check`) from a
    name that is not a document at all (see `list`): suggesting `check` for the latter only fails again.
    """
    if store.versions(name, limit=1):
        return
    if config is not None and any(d.name == name for d in config.every_document()):
        raise UsageError(
            f"{name!r} has not been checked yet: no versions recorded (run `tosdiff check {name}`)"
        )
    if config is not None:
        raise UsageError(f"no document named {name!r} (see `tosdiff list`)")
    raise UsageError(
        f"no versions recorded for {name!r}: not checked yet, or no such document (see `tosdiff list`)"
    )


def version_row(store: Store, name: str, number: int | None, config: Config | None = None) -> dict:
    """One version of a document with its text (the latest when `number` is None)."""
    known_document(store, name, config)
    if number is None:
        latest = store.latest_version(name)
        assert latest is not None
        number = latest["version"]
    row = store.version(name, number)
    if row is None:
        raise UsageError(f"{name!r} has no version {number} (see `tosdiff history {name}`)")
    return row
