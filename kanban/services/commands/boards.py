"""Boards: the default board of a new database, and new boards."""

from __future__ import annotations

from kanban.domain.models import Board, ColumnKind
from kanban.errors import InvalidInput
from kanban.services import validation as check
from kanban.services.core import ServiceCore
from kanban.storage.unit_of_work import ColumnSpec

DEFAULT_BOARD = "Kanban"
DEFAULT_COLUMNS: list[ColumnSpec] = [
    ("Backlog", ColumnKind.BACKLOG, None),
    ("Ready", ColumnKind.QUEUE, 5),
    ("In Progress", ColumnKind.ACTIVE, 3),
    ("Review", ColumnKind.QUEUE, 2),
    ("Done", ColumnKind.DONE, None),
]


class BoardCommands(ServiceCore):
    def ensure_board(self) -> Board:
        """The first board; a new database gets the default one.

        Made under the write lock after looking again, so that several processes running their
        first command at once make one default board between them."""
        with self.store.read() as uow:
            boards = uow.boards()
        if boards:
            return boards[0]
        with self.store.write() as uow:
            boards = uow.boards()
            return boards[0] if boards else uow.insert_board(DEFAULT_BOARD, DEFAULT_COLUMNS)

    def create_board(self, name: str, columns: list[ColumnSpec] | None = None) -> Board:
        name = check.clean_name(name, "board")
        with self.store.write() as uow:
            if any(known.casefold() == name.casefold() for known in uow.board_names()):
                raise InvalidInput(f"a board named {name!r} exists already")
            return uow.insert_board(name, columns or DEFAULT_COLUMNS)
