"""The argument parser: every command, option and help text of ``kanban``.

``--db``, ``--board`` and ``--as`` are accepted before the command (``kanban --board Ops ls``)
and after it (``kanban ls --board Ops``). Usage errors print one line, like every other error.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import NoReturn

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


def _common(suppress: bool) -> Parser:
    """``--db``, ``--board`` and ``--as``; after a command they default to 'not given' so they
    do not overwrite the same options given before it."""
    default = argparse.SUPPRESS if suppress else None
    common = Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=default,
        help="the database file or URL (default: $KANBAN_DB, else kanban.db in the user "
        "data folder)",
    )
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, description=help, parents=[common])

    demo = command("demo", "open the demo board (Parts Unlimited) in a fresh temporary database")
    demo.add_argument("--no-tui", action="store_true", help="only write the demo board")

    add = command("add", "add a card; prints its id")
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

    move = command("move", "move a card to a column")
    move.add_argument("id", type=card_id, metavar="ID")
    move.add_argument("column", metavar="COLUMN")

    block = command("block", "mark a card blocked, with the reason")
    block.add_argument("id", type=card_id, metavar="ID")
    block.add_argument("reason", nargs="+", metavar="REASON")

    unblock = command("unblock", "clear a card's block")
    unblock.add_argument("id", type=card_id, metavar="ID")

    edit = command("edit", "change a card's fields (an empty --assignee clears it)")
    edit.add_argument("id", type=card_id, metavar="ID")
    edit.add_argument("--title", metavar="TITLE")
    edit.add_argument("--type", choices=WORK_TYPES)
    edit.add_argument("--assignee", metavar="NAME")
    edit.add_argument("--description", metavar="TEXT")
    edit.add_argument("--class", dest="class_of_service", choices=CLASSES)
    edit.add_argument(
        "--due", dest="due_date", metavar="YYYY-MM-DD", help="due date ('none' clears it)"
    )

    delete = command("delete", "delete a card")
    delete.add_argument("id", type=card_id, metavar="ID")

    ls = command("ls", "list the board's columns and cards")
    _fmt(ls, "text", "json")

    log = command("log", "the history of a card (ID) or of the board, newest first: who did what")
    log.add_argument("id", type=card_id, metavar="ID", nargs="?", help="a card (default: all)")
    log.add_argument(
        "--limit", type=between(1, MAX_ID), metavar="N", help="only the N latest changes"
    )
    _fmt(log, "text", "json")

    summary = command("summary", "columns, breaches, aging, blocked cards and the bottleneck")
    summary.add_argument(
        "--standup",
        action="store_true",
        help="add what happened since the previous working day, walking the board right to left",
    )
    _fmt(summary, "text", "markdown", "json")

    metrics = command(
        "metrics",
        "flow metrics from the history: cycle and lead time, throughput, WIP, "
        "aging, flow efficiency, blockers, unplanned work, the CFD, Little's Law, the bottleneck",
    )
    metrics.add_argument(
        "--days",
        type=between(1, MAX_DAYS),
        metavar="N",
        help="the window: the last N days, today included (default: 90)",
    )
    _fmt(metrics, "text", "markdown", "json")

    forecast = command(
        "forecast",
        "Monte Carlo forecast (10,000 trials): when will N more items be done, "
        "and with --by, how many by a date",
    )
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

    export = command(
        "export",
        "write the whole database (json, enough to rebuild it), the board's cards "
        "(csv) or the board (markdown)",
    )
    export.add_argument(
        "--format",
        choices=["json", "csv", "markdown"],
        default="json",
        help="(default: json)",
    )
    export.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")

    load = command("import", "load a JSON export into an empty database (ids kept)")
    load.add_argument("file", metavar="FILE.json")

    column = command("column", "add, limit, rename or remove a column")
    column_commands = column.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )

    def column_command(name: str, help: str) -> argparse.ArgumentParser:
        return column_commands.add_parser(name, help=help, description=help, parents=[common])

    column_add = column_command("add", "add a column (default: before the done column)")
    column_add.add_argument("name", metavar="NAME")
    column_add.add_argument("--limit", metavar="N", help="WIP limit (default: none)")
    column_add.add_argument("--kind", choices=COLUMN_KINDS, default="active")
    column_add.add_argument("--after", metavar="NAME", help="put it after this column")
    column_limit = column_command(
        "limit", "set a column's WIP limit (a number, or none) and optionally its minimum"
    )
    column_limit.add_argument("name", metavar="NAME")
    column_limit.add_argument("limit", metavar="N|none")
    column_limit.add_argument(
        "--min",
        dest="minimum",
        metavar="N|none",
        help="the minimum: fewer cards show the column 'under' (default: keep it)",
    )
    column_constraint = column_command(
        "constraint", "pin a column as the board's constraint (none unpins)"
    )
    column_constraint.add_argument("name", metavar="NAME|none")
    column_rename = column_command("rename", "rename a column")
    column_rename.add_argument("old", metavar="OLD")
    column_rename.add_argument("new", metavar="NEW")
    column_remove = column_command("remove", "remove an empty column")
    column_remove.add_argument("name", metavar="NAME")

    person = command("person", "personal WIP limits: set one, or list everyone's load")
    person_commands = person.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    person_limit = person_commands.add_parser(
        "limit", help="set a person's WIP limit (a number, or none)", parents=[common]
    )
    person_limit.add_argument("name", metavar="NAME")
    person_limit.add_argument("limit", metavar="N|none")
    person_commands.add_parser(
        "list", help="everyone's work in progress against their limit", parents=[common]
    )

    board = command(
        "board", "list, create or set up a board (strict, business days, SLE, limits, aging)"
    )
    board_commands = board.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=Parser
    )
    board_commands.add_parser("list", help="list the boards", parents=[common])
    board_create = board_commands.add_parser("create", help="create a board", parents=[common])
    board_create.add_argument("name", metavar="NAME")
    board_strict = board_commands.add_parser(
        "strict",
        help="refuse (on) or only flag (off) moves into a full column",
        parents=[common],
    )
    board_strict.add_argument("name", metavar="NAME")
    board_strict.add_argument("on", type=switch, metavar="on|off")
    board_business = board_commands.add_parser(
        "business-days",
        help="count days Monday-Friday only (on) or every day (off) in every metric",
        parents=[common],
    )
    board_business.add_argument("name", metavar="NAME")
    board_business.add_argument("on", type=switch, metavar="on|off")
    board_sle = board_commands.add_parser(
        "sle",
        help="set the service level expectation in days (none: the 85th percentile of cycle times)",
        parents=[common],
    )
    board_sle.add_argument("name", metavar="NAME")
    board_sle.add_argument("days", metavar="DAYS|none")
    board_expedite = board_commands.add_parser(
        "expedite-limit",
        help="how many expedite cards may be in progress at once (default: 1)",
        parents=[common],
    )
    board_expedite.add_argument("name", metavar="NAME")
    board_expedite.add_argument("limit", metavar="N")
    board_aging = board_commands.add_parser(
        "aging",
        help="the fixed aging thresholds in days, used until the board has 5 "
        "finished cards in 90 days (default: 3 7)",
        parents=[common],
    )
    board_aging.add_argument("name", metavar="NAME")
    board_aging.add_argument("warning", metavar="WARNING")
    board_aging.add_argument("critical", metavar="CRITICAL")
    return parser
