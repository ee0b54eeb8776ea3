"""The two commands that open the TUI: ``kanban`` (your board) and ``kanban demo``.

Textual is imported here, inside the functions, and nowhere else in the CLI. The board needs a
terminal on both sides (keys in, screen out): without one it is not started at all
(:func:`need_terminal`, checked before any file is written). A crash of the board (a bug:
Textual shows its traceback) exits 1, not 0.
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from kanban.cli.echo import say
from kanban.errors import KanbanError, UsageError

if TYPE_CHECKING:
    from kanban.services import KanbanService

NO_TERMINAL = "the board needs a terminal; try 'kanban ls' or 'kanban summary'"
CRASHED = "the board stopped on an unexpected error (a bug; its traceback is above)"


def has_terminal() -> bool:
    """Whether both stdin and stdout are a terminal (not a pipe, a file or /dev/null)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()
    except ValueError:  # a closed stream
        return False


def need_terminal() -> None:
    """Refuse (exit 2) before anything is opened or written when there is no terminal: the
    board would wait for keys that never come and write escape codes into a pipe."""
    if not has_terminal():
        raise UsageError(NO_TERMINAL)


def board(args: Namespace, service: KanbanService) -> int:
    """Open the TUI on ``--board`` (checked first, for a one-line error) or the first board.
    The caller has checked :func:`need_terminal` before opening the database."""
    from kanban.tui.app import run_tui

    name = service.board(args.board).name if args.board is not None else None
    return _status(run_tui(service, board=name))


def demo(args: Namespace) -> int:
    """Write the demo board into ``--db`` (never ``$KANBAN_DB``: the demo must not touch the
    user's own board) or a fresh temporary database, then open it unless ``--no-tui``."""
    if not args.no_tui:
        need_terminal()
    from kanban.cli.database import author
    from kanban.clock import now
    from kanban.services import KanbanService
    from kanban.services.demo import seed_demo

    path = args.db or str(Path(tempfile.mkdtemp(prefix="kanban-demo-")) / "kanban.db")
    service = KanbanService.open(path, ensure_default=False, author=author(args))
    path = service.where  # a URL's password is never printed
    try:
        demo_board = seed_demo(service, now())
        if args.no_tui:
            say(f"wrote the demo board {demo_board.name!r} to {path}")
            return 0
        from kanban.tui.app import run_tui

        status = run_tui(service, board=demo_board.name)
    finally:
        service.close()
    say(f"the demo board is in {path}; open it again with: kanban --db {shlex.quote(path)}")
    return _status(status)


def _status(tui_status: int) -> int:
    """0 when the board was closed; a crash becomes one error line (exit 1) after Textual's
    traceback."""
    if tui_status:
        raise KanbanError(CRASHED)
    return 0
