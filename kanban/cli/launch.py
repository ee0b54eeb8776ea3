"""The two commands that open the TUI: ``kanban`` (your board) and ``kanban demo``.

Textual is imported here, inside the functions, and nowhere else in the CLI.
"""

from __future__ import annotations

import shlex
import tempfile
from argparse import Namespace
from pathlib import Path

from kanban.services import KanbanService


def board(args: Namespace, service: KanbanService) -> int:
    """Open the TUI on ``--board`` (checked first, for a one-line error) or the first board."""
    from kanban.tui.app import run_tui

    name = service.board(args.board).name if args.board is not None else None
    run_tui(service, board=name)
    return 0


def demo(args: Namespace) -> int:
    """Write the demo board into ``--db`` (never ``$KANBAN_DB``: the demo must not touch the
    user's own board) or a fresh temporary database, then open it unless ``--no-tui``."""
    from kanban.clock import now
    from kanban.services.demo import seed_demo

    path = args.db or str(Path(tempfile.mkdtemp(prefix="kanban-demo-")) / "kanban.db")
    service = KanbanService.open(path, ensure_default=False)
    try:
        demo_board = seed_demo(service, now())
        if args.no_tui:
            print(f"wrote the demo board {demo_board.name!r} to {path}")
            return 0
        from kanban.tui.app import run_tui

        run_tui(service, board=demo_board.name)
    finally:
        service.close()
    print(f"the demo board is in {path}; open it again with: kanban --db {shlex.quote(path)}")
    return 0
