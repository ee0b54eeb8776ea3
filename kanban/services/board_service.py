"""KanbanService: the one object the CLI and the TUI hold. It composes the reads
(:mod:`kanban.services.reads`) and the commands (:mod:`kanban.services.commands`), which share
the store and the undo stack of :class:`kanban.services.core.ServiceCore`; all SQL is in
:mod:`kanban.storage.unit_of_work`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kanban.clock import now as clock_now
from kanban.domain.models import Board
from kanban.domain.validation import clean_author
from kanban.errors import NotFound
from kanban.services.commands.boards import BoardCommands
from kanban.services.commands.cards import CardCommands
from kanban.services.commands.columns import ColumnCommands
from kanban.services.commands.policies import PolicyCommands
from kanban.services.commands.results import Breach, CardChange
from kanban.services.core import Undone
from kanban.services.reads import Reads
from kanban.storage.database import describe, open_database

__all__ = ["Breach", "CardChange", "KanbanService", "Undone"]


class KanbanService(Reads, BoardCommands, ColumnCommands, CardCommands, PolicyCommands):
    @classmethod
    def open(
        cls,
        target: str | Path,
        clock: Callable[[], datetime] = clock_now,
        ensure_default: bool = True,
        author: str | None = None,
    ) -> KanbanService:
        """Open (creating or upgrading) the database at a path or URL.

        A database without boards gets the default board unless ``ensure_default`` is False.
        Every change made through the service records ``author`` (refused if not a valid name).
        """
        author = clean_author(author)  # refused before the database is opened
        service = cls(open_database(target), clock, author)
        if ensure_default:
            service.ensure_board()
        return service

    @property
    def where(self) -> str:
        """The database as messages show it: a file's path, or its URL with the password masked."""
        return describe(self.engine)

    def board(self, name: str | None = None) -> Board:
        """The board named ``name`` (any case), or the first board (made if there is none)."""
        if name is None:
            return self.ensure_board()
        wanted = name.strip().casefold()
        for board in self.boards():
            if board.name.casefold() == wanted:
                return board
        raise NotFound(f"no board named {name!r}")
