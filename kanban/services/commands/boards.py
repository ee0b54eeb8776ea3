"""Boards: the default board of a new database, and new boards."""

from __future__ import annotations

from kanban.domain import validation as check
from kanban.domain.default_board import DEFAULT_BOARD, DEFAULT_COLUMNS, ColumnSpec
from kanban.domain.models import Board
from kanban.errors import InvalidInput
from kanban.services.core import ServiceCore


class BoardCommands(ServiceCore):
    """New boards."""

    def ensure_board(self) -> Board:
        """The first board; a new database gets the default one.

        Made under the setup lock after looking again (SQLite: the write lock; PostgreSQL: an
        advisory lock), so that several processes running their first command at once make one
        default board between them."""
        with self.store.read() as uow:
            boards = uow.boards()
        if boards:
            return boards[0]
        with self.store.write() as uow:
            uow.hold_setup_lock()
            boards = uow.boards()
            return boards[0] if boards else uow.insert_board(DEFAULT_BOARD, DEFAULT_COLUMNS)

    def create_board(self, name: str, columns: list[ColumnSpec] | None = None) -> Board:
        name = check.clean_name(name, "board")
        with self.store.write() as uow:
            if any(known.casefold() == name.casefold() for known in uow.board_names()):
                raise InvalidInput(f"a board named {name!r} exists already")
            return uow.insert_board(name, columns or DEFAULT_COLUMNS)
