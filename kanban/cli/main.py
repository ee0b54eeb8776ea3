"""``kanban``: parse the command line, open the database, run the command, map errors to exits.

Exit status: 0 done; 2 bad input (every :class:`kanban.errors.UsageError`, argparse errors);
1 any other failure; 130 interrupted (Ctrl-C). Errors are one line on stderr,
``kanban: error: <message>``, never a traceback (set ``KANBAN_DEBUG=1`` to get one).
"""

from __future__ import annotations

import gc
import os
import sys
from argparse import Namespace
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from kanban.cli.database import open_service
from kanban.cli.parser import build_parser
from kanban.collector import collector_paused
from kanban.errors import DatabaseError, KanbanError

if TYPE_CHECKING:
    from kanban.services import KanbanService


_tui_ran = False  # the board's TUI ran (or may have): leave the usual way (see entry)


def run(args: Namespace) -> int:
    global _tui_ran
    _tui_ran = args.command in (None, "demo")
    if args.db is not None and not args.db.strip():  # never fall back to your own board
        raise DatabaseError("--db is empty: name a database file or URL")
    if args.command == "demo":
        from kanban.cli.launch import demo

        return demo(args)
    if args.command == "import":
        from kanban.cli.transfer import import_file

        return import_file(args)
    if args.command is None:
        from kanban.cli.launch import need_terminal

        need_terminal()  # before the database is opened, or created
    service = open_service(args)
    try:
        if args.command is None:
            from kanban.cli.launch import board

            return board(args, service)
        return _command(args, service)
    finally:
        service.close()


def _command(args: Namespace, service: KanbanService) -> int:
    """Run a command other than the board's TUI."""
    if args.command in ("ls", "summary", "log"):
        from kanban.cli import views

        return getattr(views, args.command)(args, service)
    if args.command in ("metrics", "forecast"):
        from kanban.cli import flow

        return getattr(flow, args.command)(args, service)
    if args.command == "export":
        from kanban.cli.transfer import export_file

        return export_file(args, service)
    if args.command in ("column", "board", "person"):
        from kanban.cli import setup

        return getattr(setup, f"{args.command}_{args.action.replace('-', '_')}")(args, service)
    from kanban.cli import cards

    return getattr(cards, args.command)(args, service)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kanban`` with ``argv`` (default: the process's arguments); returns the exit status."""
    try:
        # One command: what it makes (its imports' classes and tables, the board, the lines)
        # lives until the process ends, so the cycle collector would only walk it again and
        # again: paused throughout. The board's TUI runs on and collects again once it has
        # painted (KanbanApp.on_board_screen_painted).
        with collector_paused():
            args = build_parser().parse_args(argv)
            return run(args)
    except SystemExit as done:  # argparse: --help, --version, usage errors
        return done.code if isinstance(done.code, int) else 0 if done.code is None else 1
    except KanbanError as exc:
        return fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `kanban ls | head`: the reader left; nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:
        if os.environ.get("KANBAN_DEBUG"):
            raise
        return fail(f"unexpected {type(exc).__name__}: {_one_line(_driver_message(exc))}", 1)


def entry() -> NoReturn:
    """The ``kanban`` program (and ``python -m kanban``): :func:`main`, its output flushed,
    then out at once. Python's usual way out takes apart every module it loaded (0.08-0.12 s
    with SQLAlchemy's), after the command has closed its database and its files: skipped,
    except after the board's TUI, whose workers may still be reading. The cycle collector is
    paused for good: had ``main`` let it run again, its first pass would walk every object the
    command made (20-30 ms) just before the process ends. The board's TUI runs it again itself
    once it has painted (KanbanApp.on_board_screen_painted)."""
    gc.disable()
    code = main()
    if _tui_ran:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # the reader left before the last lines (a pipe), or
            code = code or 1  # the stream was closed: nothing more to say
    os._exit(code)


def fail(message: str, code: int) -> int:
    """One line on stderr; the message may quote user input, so its controls are shown."""
    from kanban.cli.echo import say

    say(f"kanban: error: {_one_line(message)}", sys.stderr)
    return code


def _driver_message(exc: Exception) -> object:
    """What a database driver said, first line only: SQLAlchemy's own text of an error quotes
    the statement and its parameters (``[SQL: ...]``), which are the user's data, not news."""
    from sqlalchemy.exc import SQLAlchemyError, StatementError

    if isinstance(exc, StatementError) and exc.orig is not None:
        return str(exc.orig).strip().split("\n", 1)[0]
    if isinstance(exc, SQLAlchemyError):
        return str(exc).strip().split("\n", 1)[0].split(" [SQL:", 1)[0]
    return exc


def _one_line(text: object) -> str:
    return " ".join(str(text).split()) or "no details"
