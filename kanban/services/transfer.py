"""Export and import: the whole database as JSON (enough to rebuild it, ids kept), a board's
cards as CSV, a board as Markdown.

The JSON export holds every row of every table (deleted cards and the event log included), by
table, ordered by id::

    {"format": "kanban-export", "version": 1, "schema_version": int,
     "boards": [...], "columns": [...], "cards": [...], "events": [...]}

Each row is an object with one key per database column: times are ISO 8601 in UTC with their
microseconds (``"2026-11-24T09:00:00.250000+00:00"``), an event's ``details`` is a JSON object.
Tables added by later versions appear under their table name.

Import reads such a file into an *empty* database (no boards, or only the untouched default
board a first open creates) in one transaction, so export -> import -> export gives the same
JSON. Anything else is refused with a one-line error and nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from kanban.clock import to_utc
from kanban.domain.models import ClassOfService, ColumnKind, EventKind, WorkType
from kanban.errors import InvalidInput
from kanban.services.board_service import DEFAULT_BOARD, DEFAULT_COLUMNS, KanbanService
from kanban.storage.database import SCHEMA_VERSION
from kanban.storage.tables import BoardRow, CardRow, ColumnRow, EventRow, MetaRow

FORMAT = "kanban-export"
VERSION = 1
# JSON key -> table; tables not named here are exported under their own name.
NAMES = {"boards": BoardRow.__table__, "columns": ColumnRow.__table__,
         "cards": CardRow.__table__, "events": EventRow.__table__}
ENUMS = {("board_columns", "kind"): ColumnKind, ("cards", "type"): WorkType,
         ("events", "kind"): EventKind, ("cards", "class_of_service"): ClassOfService}
JSON_TEXT = {("events", "details")}  # stored as text, exported as a JSON object


def _tables() -> dict[str, Table]:
    """Every table holding the boards' data, in an order that satisfies the foreign keys."""
    key_of = {table.name: key for key, table in NAMES.items()}
    return {
        key_of.get(table.name, table.name): table
        for table in SQLModel.metadata.sorted_tables
        if table.name != MetaRow.__tablename__
    }


# ---------------------------------------------------------------------- export


def _out(table: Table, name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if (table.name, name) in JSON_TEXT:
        return json.loads(value or "{}")
    return value


def export_database(service: KanbanService) -> dict[str, Any]:
    """Every row of every table, as plain JSON data."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "schema_version": SCHEMA_VERSION}
    with service.engine.connect() as connection:
        for key, table in _tables().items():
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            names = [c.name for c in table.columns]
            data[key] = [
                {name: _out(table, name, value) for name, value in zip(names, row, strict=True)}
                for row in rows
            ]
    return data


def dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------- import


@dataclass(frozen=True, slots=True)
class Imported:
    counts: dict[str, int]  # JSON key -> rows written

    def __str__(self) -> str:
        return ", ".join(f"{key}: {n}" for key, n in self.counts.items() if key in NAMES)


def _bad(message: str) -> InvalidInput:
    return InvalidInput(f"not a kanban export: {message}")


def _in(table: Table, column: Any, value: Any, where: str) -> Any:
    name = column.name
    if value is None:
        if not column.nullable:
            raise _bad(f"{where}: {name} is missing a value")
        return None
    kind = column.type
    if (table.name, name) in JSON_TEXT:
        if not isinstance(value, dict):
            raise _bad(f"{where}: {name} must be an object")
        return json.dumps(value, default=str)
    if isinstance(kind, DateTime):
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise _bad(f"{where}: {name} is not an ISO 8601 time: {value!r}") from None
        return to_utc(moment)
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _bad(f"{where}: {name} is not a date (YYYY-MM-DD): {value!r}") from None
    expected: type | tuple[type, ...] = (
        bool if isinstance(kind, Boolean) else int if isinstance(kind, Integer)
        else str if isinstance(kind, String) else object
    )
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise _bad(f"{where}: {name} must be {getattr(expected, '__name__', 'set')}")
    enum = ENUMS.get((table.name, name))
    if enum is not None and value not in {member.value for member in enum}:
        raise _bad(f"{where}: unknown {name} {value!r}")
    return value


def _rows(key: str, table: Table, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = data.get(key)
    if not isinstance(rows, list):
        raise _bad(f"{key!r} must be a list")
    columns = {c.name: c for c in table.columns}
    found = []
    for index, row in enumerate(rows):
        where = f"{key}[{index}]"
        if not isinstance(row, dict) or set(row) != set(columns):
            raise _bad(f"{where} must have exactly the keys {', '.join(columns)}")
        found.append({n: _in(table, columns[n], row[n], where) for n in columns})
    return found


def _check_header(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(f"the file has no \"format\": \"{FORMAT}\"")
    if data.get("version") != VERSION:
        raise _bad(f"export version {data.get('version')!r} (this kanban reads {VERSION})")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise InvalidInput(
            f"the export has schema {data.get('schema_version')!r}; this kanban writes schema "
            f"{SCHEMA_VERSION}: import it with the kanban that exported it"
        )
    unknown = set(data) - {"format", "version", "schema_version", *_tables()}
    if unknown:
        raise _bad(f"unknown keys {', '.join(sorted(unknown))}")


def _untouched_default(connection: Any) -> int | None:
    """The id of the only board if it is the default board as first created, else None."""
    boards = connection.execute(select(BoardRow.__table__)).all()
    if len(boards) != 1 or boards[0].name != DEFAULT_BOARD or boards[0].strict:
        return None
    columns = connection.execute(
        select(ColumnRow.__table__).order_by(ColumnRow.position)
    ).all()
    shape = [(c.name, c.kind, c.wip_limit, c.wip_min) for c in columns]
    default = [(name, kind.value, limit, None) for name, kind, limit in DEFAULT_COLUMNS]
    return boards[0].id if shape == default else None


def _make_room(connection: Any) -> None:
    """Refuse a database holding anything but the untouched default board; remove that."""
    counts = {
        key: connection.execute(select(func.count()).select_from(table)).scalar_one()
        for key, table in _tables().items()
    }
    if not any(counts.values()):
        return
    held = {key: n for key, n in counts.items() if n and key not in ("boards", "columns")}
    default = None if held else _untouched_default(connection)
    if default is None:
        what = ", ".join(f"{key}: {n}" for key, n in counts.items() if n)
        raise InvalidInput(f"the database is not empty ({what}): import needs an empty one")
    connection.execute(delete(ColumnRow.__table__).where(ColumnRow.board_id == default))
    connection.execute(delete(BoardRow.__table__).where(BoardRow.id == default))


def import_database(service: KanbanService, data: Any) -> Imported:
    """Write an export into the service's empty database, ids kept; all or nothing."""
    _check_header(data)
    tables = _tables()
    rows = {key: _rows(key, table, data) for key, table in tables.items()}
    writer = service.engine.execution_options(sqlite_begin="IMMEDIATE")
    try:
        with writer.begin() as connection:
            _make_room(connection)
            for key, table in tables.items():
                if rows[key]:
                    connection.execute(table.insert(), rows[key])
    except IntegrityError as exc:
        reason = str(exc.orig) if exc.orig else "a row breaks the schema"
        raise _bad(f"the rows do not fit together ({reason})") from None
    return Imported({key: len(found) for key, found in rows.items()})


# ---------------------------------------------------------------------- CSV

CSV_FIELDS = [
    "id", "column", "position", "title", "type", "assignee", "blocked_reason", "blocked_at",
    "created_at", "entered_at", "description", "class_of_service", "due_date",
]


def _seconds(moment: datetime | None) -> str:
    return "" if moment is None else to_utc(moment).isoformat(timespec="seconds")


def cards_csv(service: KanbanService, board_id: int) -> str:
    """The board's live cards, columns left to right, each top to bottom; times in UTC.
    Every cell quoted, and text a spreadsheet would run as a formula neutralised."""
    from kanban.reports.csv_cells import csv_cell

    snapshot = service.snapshot(board_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_FIELDS)
    for column in snapshot.columns:
        for card in snapshot.cards_in(column.id):
            writer.writerow([csv_cell(value) for value in (
                card.id, column.name, card.position, card.title, card.type.value,
                card.assignee or "", card.blocked_reason or "",
                _seconds(card.blocked_at), _seconds(card.created_at), _seconds(card.entered_at),
                card.description, card.class_of_service.value,
                card.due_date.isoformat() if card.due_date else "",
            )])
    return out.getvalue()
