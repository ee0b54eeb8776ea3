"""The reads are Core selects over the tables' columns: a write transaction still reads what it
changed before committing (it flushes first, as the ORM's autoflush did), and a process that
only reads never configures the ORM's mappers (the compile time it saves)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kanban.services import KanbanService


class _RolledBack(Exception):
    """Ends the write transaction without committing it."""


def test_a_write_reads_its_own_changes_before_they_are_flushed(service: KanbanService) -> None:
    board = service.board(None)
    first, second = service.columns(board.id)[:2]
    card = service.add_card(board.id, "Ship it").card
    with pytest.raises(_RolledBack), service.store.write() as uow:
        uow.column_row(first.id).name = "Inbox"
        uow.card_row(card.id).column_id = second.id
        uow.put_person_limit(board.id, "Ann", 2)
        assert uow.columns(board.id)[0].name == "Inbox"
        assert uow.count(second.id) == 1
        assert [p.name for p in uow.people(board.id)] == ["Ann"]
        raise _RolledBack
    assert service.columns(board.id)[0].name == first.name


def test_reading_commands_import_no_orm(service: KanbanService, database: Path | str) -> None:
    """A command that only reads selects from the schema's tables: it imports neither the ORM
    nor SQLModel and pydantic (a quarter of a second of start-up)."""
    board = service.board(None)
    card = service.add_card(board.id, "Ship it", assignee="Ann").card
    service.move_card(card.id, service.columns(board.id)[2].id)
    commands = [["ls"], ["summary", "--standup"], ["metrics", "--format", "json"], ["log"]]
    script = (
        "import contextlib, io, sys\n"
        "from kanban.cli.main import main\n"
        f"for command in {commands!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        assert main(['--db', {str(database)!r}, *command]) == 0, command\n"
        "print(sorted({'sqlalchemy.orm', 'sqlmodel', 'pydantic'} & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=os.environ.copy()
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
