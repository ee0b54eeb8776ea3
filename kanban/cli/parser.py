"""The argument parser: every command, option and help text of ``kanban``.

``--db``, ``--board`` and ``--as`` are accepted before the command (``kanban --board Ops ls``)
and after it (``kanban ls --board Ops``). Usage errors print one line, like every other error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any, NoReturn, cast

from kanban import __version__
from kanban.domain.limits import MAX_DAYS, MAX_ID, MAX_ITEMS, shown

EPILOG = """\
environment:
  KANBAN_DB    the database when --db is not given
  KANBAN_USER  who makes the changes when --as is not given (default: the login name)
  KANBAN_NOW   freeze the clock (ISO 8601), for every command and the TUI
  TZ           the time zone days are counted in (default: the system's)
  NO_COLOR     plain text output

exit status: 0 done, 2 bad input, 1 other failures, 130 interrupted
"""
WORK_TYPES = ["business", "internal", "change", "unplanned"]
COLUMN_KINDS = ["backlog", "queue", "active", "done"]
CLASSES = ["expedite", "fixed-date", "standard", "intangible"]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr (exit 2), like every error."""

    def error(self, message: str) -> NoReturn:
        from kanban.reports.safe_text import visible  # the message may quote user input

        self.exit(2, f"kanban: error: {visible(message)} (see '{self.prog} --help')\n")


def _digits(text: str) -> int | None:
    """The number written in ASCII digits (``١٢`` is not a number here), else None."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        return None
    return int(digits) if len(digits) <= 30 else MAX_ID + 1


def card_id(text: str) -> int:
    """A card id: ``12`` or ``#12``."""
    number = _digits(text.strip().removeprefix("#"))
    if number is None:
        raise argparse.ArgumentTypeError(f"a card id is a number like 12 or #12, not {shown(text)}")
    if number > MAX_ID:
        raise argparse.ArgumentTypeError(f"a card id is at most {MAX_ID}")
    return number


def switch(text: str) -> bool:
    value = text.strip().lower()
    if value not in ("on", "off"):
        raise argparse.ArgumentTypeError(f"say on or off, not {shown(text)}")
    return value == "on"


def between(low: int, high: int) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high`` (items, days, seeds)."""

    def number(text: str) -> int:
        value = _digits(text)
        if value is None or value < low:
            raise argparse.ArgumentTypeError(f"a whole number of at least {low}, not {shown(text)}")
        if value > high:
            raise argparse.ArgumentTypeError(f"at most {high:,}, not {shown(text)}")
        return value

    return number


def iso_date(text: str) -> date:
    try:
        if not text.isascii():
            raise ValueError(text)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date is YYYY-MM-DD, not {shown(text)}") from None


DB_HELP = "the database file or URL (default: $KANBAN_DB, else kanban.db in the user data folder)"
# never $KANBAN_DB: the demo must not touch the user's own board (see launch.demo)
DEMO_DB_HELP = (
    "the database file or URL to write the demo board into (default: a fresh temporary "
    "database; never $KANBAN_DB)"
)


def _common(suppress: bool, db_help: str = DB_HELP) -> Parser:
    """``--db``, ``--board`` and ``--as``; after a command they default to 'not given' so they
    do not overwrite the same options given before it."""
    default = argparse.SUPPRESS if suppress else None
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=default, help=db_help)
    common.add_argument(
        "--board", metavar="NAME", default=default, help="the board (default: the first board)"
    )
    common.add_argument(
        "--as",
        dest="author",
        metavar="NAME",
        default=default,
        help="who makes the changes, recorded in the history (default: $KANBAN_USER, else "
        "the login name)",
    )
    return common


def _fmt(parser: argparse.ArgumentParser, *choices: str) -> None:
    parser.add_argument(
        "--format", choices=choices, default="text", help="output format (default: text)"
    )


class Commands(argparse._SubParsersAction):
    """Subcommands whose parsers are built when chosen: a run builds its own command's parser,
    not the thirty others. Their help lines, names and order are known from the start, so
    ``--help``, usage and errors read as if every parser were built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setups: dict[str, tuple[Setup, dict[str, Any]]] = {}

    def later(self, name: str, help: str, setup: Setup, **kwargs: Any) -> None:
        """``add_parser(name, help=help, **kwargs)`` and then ``setup`` on it, once chosen."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help))
        self._name_parser_map[name] = None  # a choice from now on
        self._setups[name] = setup, kwargs

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        name = values[0]
        if name in self._setups:
            setup, kwargs = self._setups.pop(name)
            built = self._parser_class(prog=f"{self._prog_prefix} {name}", **kwargs)
            setup(built)
            self._name_parser_map[name] = built
        super().__call__(parser, namespace, values, option_string)


Setup = Callable[[argparse.ArgumentParser], None]


def _commands(parser: argparse.ArgumentParser, dest: str, **kwargs: Any) -> Commands:
    commands = parser.add_subparsers(dest=dest, action=Commands, parser_class=Parser, **kwargs)
    return cast(Commands, commands)


def build_parser() -> Parser:
    common = _common(suppress=True)
    parser = Parser(
        prog="kanban",
        parents=[_common(suppress=False)],
        description="A Kanban board for the terminal: WIP limits, aging, the bottleneck and a\n"
        "standup summary. Without a command, opens the board.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kanban {__version__}")
    commands = _commands(parser, "command", metavar="COMMAND")

    def command(name: str, help: str, parent: Parser = common) -> Callable[[Setup], Setup]:
        def later(setup: Setup) -> Setup:
            commands.later(name, help, setup, description=help, parents=[parent])
            return setup

        return later

    def actions(parser: argparse.ArgumentParser) -> Commands:
        return _commands(parser, "action", metavar="ACTION", required=True)

    @command(
        "demo",
        "open the demo board (Parts Unlimited) in a fresh temporary database",
        _common(suppress=True, db_help=DEMO_DB_HELP),
    )
    def _demo(demo: argparse.ArgumentParser) -> None:
        demo.add_argument("--no-tui", action="store_true", help="only write the demo board")

    @command("add", "add a card; prints its id")
    def _add(add: argparse.ArgumentParser) -> None:
        add.add_argument("title", nargs="+", metavar="TITLE")
        add.add_argument("--column", metavar="NAME", help="(default: the first column)")
        add.add_argument("--type", choices=WORK_TYPES, default="business", help="type of work")
        add.add_argument("--assignee", metavar="NAME")
        add.add_argument("--description", metavar="TEXT", default="")
        add.add_argument(
            "--class",
            dest="class_of_service",
            choices=CLASSES,
            default="standard",
            help="class of service (default: standard); expedite may pass WIP limits",
        )
        add.add_argument("--due", dest="due_date", metavar="YYYY-MM-DD", help="due date")

    @command("move", "move a card to a column")
    def _move(move: argparse.ArgumentParser) -> None:
        move.add_argument("id", type=card_id, metavar="ID")
        move.add_argument("column", metavar="COLUMN")

    @command("block", "mark a card blocked, with the reason")
    def _block(block: argparse.ArgumentParser) -> None:
        block.add_argument("id", type=card_id, metavar="ID")
        block.add_argument("reason", nargs="+", metavar="REASON")

    @command("unblock", "clear a card's block")
    def _unblock(unblock: argparse.ArgumentParser) -> None:
        unblock.add_argument("id", type=card_id, metavar="ID")

    @command("edit", "change a card's fields (an empty --assignee clears it)")
    def _edit(edit: argparse.ArgumentParser) -> None:
        edit.add_argument("id", type=card_id, metavar="ID")
        edit.add_argument("--title", metavar="TITLE")
        edit.add_argument("--type", choices=WORK_TYPES)
        edit.add_argument("--assignee", metavar="NAME")
        edit.add_argument("--description", metavar="TEXT")
        edit.add_argument("--class", dest="class_of_service", choices=CLASSES)
        edit.add_argument(
            "--due", dest="due_date", metavar="YYYY-MM-DD", help="due date ('none' clears it)"
        )

    @command("delete", "delete a card")
    def _delete(delete: argparse.ArgumentParser) -> None:
        delete.add_argument("id", type=card_id, metavar="ID")

    @command("ls", "list the board's columns and cards")
    def _ls(ls: argparse.ArgumentParser) -> None:
        _fmt(ls, "text", "json")

    @command("log", "the history of a card (ID) or of the board, newest first: who did what")
    def _log(log: argparse.ArgumentParser) -> None:
        log.add_argument("id", type=card_id, metavar="ID", nargs="?", help="a card (default: all)")
        log.add_argument(
            "--limit", type=between(1, MAX_ID), metavar="N", help="only the N latest changes"
        )
        _fmt(log, "text", "json")

    @command("summary", "columns, breaches, aging, blocked cards and the bottleneck")
    def _summary(summary: argparse.ArgumentParser) -> None:
        summary.add_argument(
            "--standup",
            action="store_true",
            help="add what happened since the previous working day, walking the board right to "
            "left",
        )
        _fmt(summary, "text", "markdown", "json")

    @command(
        "metrics",
        "flow metrics from the history: cycle and lead time, throughput, WIP, "
        "aging, flow efficiency, blockers, unplanned work, the CFD, Little's Law, the bottleneck",
    )
    def _metrics(metrics: argparse.ArgumentParser) -> None:
        metrics.add_argument(
            "--days",
            type=between(1, MAX_DAYS),
            metavar="N",
            help="the window: the last N days, today included (default: 90)",
        )
        _fmt(metrics, "text", "markdown", "json")

    @command(
        "forecast",
        "Monte Carlo forecast (10,000 trials): when will N more items be done, "
        "and with --by, how many by a date",
    )
    def _forecast(forecast: argparse.ArgumentParser) -> None:
        forecast.add_argument(
            "items", type=between(1, MAX_ITEMS), metavar="N", help=f"at most {MAX_ITEMS:,}"
        )
        forecast.add_argument(
            "--by",
            type=iso_date,
            metavar="DATE",
            help="YYYY-MM-DD, from today to ten years (3,650 days) ahead",
        )
        forecast.add_argument(
            "--history",
            type=between(1, MAX_DAYS),
            metavar="DAYS",
            help="sample the throughput of the last DAYS complete days (default: 30)",
        )
        forecast.add_argument(
            "--seed", type=between(0, MAX_ID), metavar="S", help="random seed, for repeatable runs"
        )
        _fmt(forecast, "text", "json")

    @command(
        "export",
        "write the whole database (json, enough to rebuild it), the board's cards "
        "(csv) or the board (markdown)",
    )
    def _export(export: argparse.ArgumentParser) -> None:
        export.add_argument(
            "--format",
            choices=["json", "csv", "markdown"],
            default="json",
            help="(default: json)",
        )
        export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")

    @command("import", "load a JSON export into an empty database (ids kept)")
    def _import(load: argparse.ArgumentParser) -> None:
        load.add_argument("file", metavar="FILE.json")

    @command("column", "add, limit, rename or remove a column")
    def _column(column: argparse.ArgumentParser) -> None:
        column_commands = actions(column)

        def column_command(name: str, help: str) -> Callable[[Setup], Setup]:
            def later(setup: Setup) -> Setup:
                column_commands.later(name, help, setup, description=help, parents=[common])
                return setup

            return later

        @column_command("add", "add a column (default: before the done column)")
        def _add(column_add: argparse.ArgumentParser) -> None:
            column_add.add_argument("name", metavar="NAME")
            column_add.add_argument("--limit", metavar="N", help="WIP limit (default: none)")
            column_add.add_argument("--kind", choices=COLUMN_KINDS, default="active")
            column_add.add_argument("--after", metavar="NAME", help="put it after this column")

        @column_command(
            "limit", "set a column's WIP limit (a number, or none) and optionally its minimum"
        )
        def _limit(column_limit: argparse.ArgumentParser) -> None:
            column_limit.add_argument("name", metavar="NAME")
            column_limit.add_argument("limit", metavar="N|none")
            column_limit.add_argument(
                "--min",
                dest="minimum",
                metavar="N|none",
                help="the minimum: fewer cards show the column 'under' (default: keep it)",
            )

        @column_command("constraint", "pin a column as the board's constraint (none unpins)")
        def _constraint(column_constraint: argparse.ArgumentParser) -> None:
            column_constraint.add_argument("name", metavar="NAME|none")

        @column_command("rename", "rename a column")
        def _rename(column_rename: argparse.ArgumentParser) -> None:
            column_rename.add_argument("old", metavar="OLD")
            column_rename.add_argument("new", metavar="NEW")

        @column_command("remove", "remove an empty column")
        def _remove(column_remove: argparse.ArgumentParser) -> None:
            column_remove.add_argument("name", metavar="NAME")

    @command("person", "personal WIP limits: set one, or list everyone's load")
    def _person(person: argparse.ArgumentParser) -> None:
        person_commands = actions(person)

        def _limit(person_limit: argparse.ArgumentParser) -> None:
            person_limit.add_argument("name", metavar="NAME")
            person_limit.add_argument("limit", metavar="N|none")

        person_commands.later(
            "limit", "set a person's WIP limit (a number, or none)", _limit, parents=[common]
        )
        person_commands.later(
            "list",
            "everyone's work in progress against their limit",
            lambda _list: None,
            parents=[common],
        )

    @command("board", "list, create or set up a board (strict, business days, SLE, limits, aging)")
    def _board(board: argparse.ArgumentParser) -> None:
        board_commands = actions(board)

        def board_command(name: str, help: str) -> Callable[[Setup], Setup]:
            def later(setup: Setup) -> Setup:
                board_commands.later(name, help, setup, parents=[common])
                return setup

            return later

        board_command("list", "list the boards")(lambda _list: None)

        @board_command("create", "create a board")
        def _create(board_create: argparse.ArgumentParser) -> None:
            board_create.add_argument("name", metavar="NAME")

        @board_command("strict", "refuse (on) or only flag (off) moves into a full column")
        def _strict(board_strict: argparse.ArgumentParser) -> None:
            board_strict.add_argument("name", metavar="NAME")
            board_strict.add_argument("on", type=switch, metavar="on|off")

        @board_command(
            "business-days",
            "count days Monday-Friday only (on) or every day (off) in every metric",
        )
        def _business(board_business: argparse.ArgumentParser) -> None:
            board_business.add_argument("name", metavar="NAME")
            board_business.add_argument("on", type=switch, metavar="on|off")

        @board_command(
            "sle",
            "set the service level expectation in days (none: the 85th percentile of cycle times)",
        )
        def _sle(board_sle: argparse.ArgumentParser) -> None:
            board_sle.add_argument("name", metavar="NAME")
            board_sle.add_argument("days", metavar="DAYS|none")

        @board_command(
            "expedite-limit", "how many expedite cards may be in progress at once (default: 1)"
        )
        def _expedite(board_expedite: argparse.ArgumentParser) -> None:
            board_expedite.add_argument("name", metavar="NAME")
            board_expedite.add_argument("limit", metavar="N")

        @board_command(
            "aging",
            "the fixed aging thresholds in days, used until the board has 5 "
            "finished cards in 90 days (default: 3 7)",
        )
        def _aging(board_aging: argparse.ArgumentParser) -> None:
            board_aging.add_argument("name", metavar="NAME")
            board_aging.add_argument("warning", metavar="WARNING")
            board_aging.add_argument("critical", metavar="CRITICAL")

    return parser
