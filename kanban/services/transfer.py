"""``kanban export`` (JSON) and ``kanban import`` through the service: the whole database,
read and written by :mod:`kanban.storage.transfer` (the format is described there)."""

from __future__ import annotations

from typing import Any

from kanban.services.board_service import KanbanService
from kanban.storage import transfer as tables
from kanban.storage.database import new_sqlite_file, remove_sqlite_file
from kanban.storage.transfer import Checked, Imported, check_export, dumps

__all__ = [
    "Checked",
    "Imported",
    "check_export",
    "dumps",
    "export_database",
    "import_database",
    "import_into",
]


def export_database(service: KanbanService) -> dict[str, Any]:
    """Every row of every table of the service's database."""
    return tables.export_database(service.engine)


def import_database(service: KanbanService, data: Any) -> Imported:
    """Write an export (or a :class:`Checked` one) into the service's empty database."""
    return tables.import_database(service.engine, data)


def import_into(target: str, checked: Checked) -> Imported:
    """Import ``checked`` into the database ``target`` (opened without creating the default
    board); a database file the import created is removed again if the import fails."""
    created = new_sqlite_file(target)
    try:
        service = KanbanService.open(target, ensure_default=False)
        try:
            return import_database(service, checked)
        finally:
            service.close()
    except BaseException:
        if created is not None:
            remove_sqlite_file(created)
        raise
