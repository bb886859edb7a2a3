"""Building only the invoked command's parser: the same parser, the same parse, or the whole tree."""

from __future__ import annotations

import argparse

import pytest

from tosdiff.cli.parser import COMMAND_GROUPS, build_parser, command_in


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The command name -> parser map of a tosdiff parser."""
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_in_a_group() -> None:
    assert set(subparsers(build_parser())) == set(COMMAND_GROUPS)


@pytest.mark.parametrize("command", sorted(COMMAND_GROUPS))
def test_one_command_parser_is_the_whole_trees(command: str) -> None:
    whole = subparsers(build_parser())[command]
    alone = subparsers(build_parser(command))[command]
    assert alone.format_help() == whole.format_help()
    assert alone.format_usage() == whole.format_usage()


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["check"], "check"),
        (["--config", "x.toml", "check", "--json"], "check"),
        (["-c", "list", "check"], "check"),  # a config file named like a command is still the value
        (["--config=x.toml", "-v", "diff", "a"], "diff"),
        (["--verbose", "alerts", "list"], "alerts"),
        (["--conf", "x", "check"], None),  # an abbreviation: argparse decides
        (["-vc", "x", "check"], None),
        (["--help"], None),
        (["--version"], None),
        (["nosuch"], None),
        ([], None),
        (["-c"], None),
    ],
)
def test_command_in(argv: list[str], command: str | None) -> None:
    assert command_in(argv) == command
    if command is not None:
        # The one-command parser reads the line as the whole tree does.
        assert vars(build_parser(command).parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_usage_error_of_one_command_parser_is_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", "--workers", "0"]
    errors = []
    for parser in (build_parser(), build_parser(command_in(argv))):
        with pytest.raises(SystemExit) as e:
            parser.parse_args(argv)
        assert e.value.code == 2
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1]
    assert "--workers" in errors[0]
