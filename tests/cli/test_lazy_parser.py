"""Only the chosen command's parser is built (thirty others are not, on every run), while
``kanban --help`` still lists every command and its help line, in order."""

from __future__ import annotations

import argparse

import pytest

from kanban.cli.main import main
from kanban.cli.parser import Commands, build_parser


def _commands(parser: argparse.ArgumentParser) -> Commands:
    return next(a for a in parser._actions if isinstance(a, Commands))


def _built(commands: Commands) -> list[str]:
    return [name for name, parser in commands.choices.items() if parser is not None]


def test_a_run_builds_only_its_command() -> None:
    parser = build_parser()
    commands = _commands(parser)
    assert _built(commands) == []
    args = parser.parse_args(["ls", "--format", "json"])
    assert (args.command, args.format) == ("ls", "json")
    assert _built(commands) == ["ls"]


def test_a_nested_action_builds_only_itself() -> None:
    parser = build_parser()
    commands = _commands(parser)
    args = parser.parse_args(["column", "limit", "Ready", "3", "--min", "1"])
    assert (args.action, args.name, args.limit, args.minimum) == ("limit", "Ready", "3", "1")
    assert _built(commands) == ["column"]
    assert _built(_commands(commands.choices["column"])) == ["limit"]


def test_help_lists_every_command_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    listed = [
        line.split()[0]
        for line in capsys.readouterr().out.splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    ]
    assert listed == list(_commands(build_parser()).choices)
    assert len(listed) == 17
