"""The board a new database starts with (and the columns a new board gets)."""

from __future__ import annotations

from kanban.domain.models import ColumnKind

ColumnSpec = tuple[str, ColumnKind, int | None]  # name, kind, WIP limit

DEFAULT_BOARD = "Kanban"
DEFAULT_COLUMNS: list[ColumnSpec] = [
    ("Backlog", ColumnKind.BACKLOG, None),
    ("Ready", ColumnKind.QUEUE, 5),
    ("In Progress", ColumnKind.ACTIVE, 3),
    ("Review", ColumnKind.QUEUE, 2),
    ("Done", ColumnKind.DONE, None),
]
