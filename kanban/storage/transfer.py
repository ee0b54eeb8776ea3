"""Export and import of the whole database as JSON (enough to rebuild it, ids kept). A board's
cards as CSV and a board as Markdown are reports (``kanban.reports``).

The JSON export holds every row of every table (deleted cards and the event log included), by
table, ordered by id::

    {"format": "kanban-export", "version": 1, "schema_version": int,
     "boards": [...], "columns": [...], "cards": [...], "events": [...]}

Each row is an object with one key per database column: times are ISO 8601 in UTC with their
microseconds (``"2026-11-24T09:00:00.250000+00:00"``), an event's ``details`` is a JSON object.
Tables added by later versions appear under their table name. What is derived from the events
(``card_flows``, each card's log kept for the history) is left out, and made again on import.

An export made by an older kanban (a lower ``schema_version``) imports as its database would
upgrade: what later versions added takes its default (:data:`ADDED`); a newer one is refused.
Import reads such a file into an *empty* database (no boards, or only the untouched default
board a first open creates) in one transaction, so export -> import -> export gives the same
JSON, but for a card's event stamped before one of the card's events written before it (by a
kanban that did not yet stamp writes in order, on a board whose writers' clocks were apart): it
is stamped at that one's time (:func:`in_time_order`). Anything else is refused with a one-line
error and nothing is written.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    delete,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError

from kanban.clock import to_utc
from kanban.domain import validation as check
from kanban.domain.default_board import DEFAULT_BOARD, DEFAULT_COLUMNS
from kanban.domain.limits import MAX_DESCRIPTION, MAX_ID, shown
from kanban.domain.models import ClassOfService, ColumnKind, EventKind, WorkType
from kanban.errors import InvalidInput
from kanban.storage import flows, notices
from kanban.storage.database import SCHEMA_VERSION
from kanban.storage.schema import BOARDS, CARD_FLOWS, CARDS, COLUMNS, EVENTS, META, METADATA

FORMAT = "kanban-export"
VERSION = 1
# JSON key -> table; tables not named here are exported under their own name.
NAMES = {
    "boards": BOARDS,
    "columns": COLUMNS,
    "cards": CARDS,
    "events": EVENTS,
}
ENUMS = {
    ("board_columns", "kind"): ColumnKind,
    ("cards", "type"): WorkType,
    ("events", "kind"): EventKind,
    ("cards", "class_of_service"): ClassOfService,
}
JSON_TEXT = {("events", "details")}  # stored as text, exported as a JSON object


def _tables() -> dict[str, Table]:
    """Every table holding the boards' data, in an order that satisfies the foreign keys."""
    key_of = {table.name: key for key, table in NAMES.items()}
    return {
        key_of.get(table.name, table.name): table
        for table in METADATA.sorted_tables
        if table.name not in (META.name, CARD_FLOWS.name)
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


def export_database(engine: Engine) -> dict[str, Any]:
    """Every row of every table, as plain JSON data."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "schema_version": SCHEMA_VERSION}
    with engine.connect() as connection:
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


@dataclass(frozen=True, slots=True)
class Checked:
    """An export that passed every check: the rows to write, by JSON key."""

    rows: dict[str, list[dict[str, Any]]]


def _bad(message: str) -> InvalidInput:
    return InvalidInput(f"not a kanban export: {message}")


# (table, column) -> the check the commands make, turning the exported value into the stored
# one (the same value for anything kanban wrote).
_TEXT: dict[tuple[str, str], Callable[[Any], Any]] = {
    ("boards", "name"): lambda v: check.clean_name(v, "board"),
    ("board_columns", "name"): lambda v: check.clean_name(v, "column"),
    ("people", "name"): lambda v: check.clean_name(v, "person"),
    ("cards", "title"): check.clean_title,
    ("cards", "assignee"): check.clean_assignee,
    ("cards", "description"): check.clean_description,
    ("cards", "blocked_reason"): check.clean_reason,
    ("events", "author"): check.clean_author,
}
_NUMBERS: dict[tuple[str, str], Callable[[int], Any]] = {
    ("boards", "warn_days"): lambda v: check.whole_number(v, "a warning threshold", days=True),
    ("boards", "critical_days"): lambda v: check.whole_number(v, "a critical threshold", days=True),
    ("boards", "sle_days"): check.sle_days,
    ("boards", "expedite_limit"): lambda v: check.whole_number(v, "an expedite limit"),
    ("board_columns", "wip_limit"): check.wip_limit,
    ("board_columns", "wip_min"): lambda v: check.wip_limit(v, "minimum"),
    ("people", "wip_limit"): lambda v: check.wip_limit(v, "personal WIP limit"),
    ("cards", "position"): lambda v: _at_least(-1, v),  # -1: a deleted card
}


def _at_least(low: int, value: object) -> int:
    number = check.integer(value, "a number", MAX_ID)
    if number < low:
        raise InvalidInput(f"cannot be below {low}: {number}")
    return number


MAX_DETAILS = 4 * MAX_DESCRIPTION  # an event's details, as JSON text


def _in(table: Table, column: Any, value: Any, where: str) -> Any:
    name = column.name
    where = f"{where}, {name}"
    if value is None:
        if not column.nullable:
            raise _bad(f"{where}: missing a value")
        return None
    kind = column.type
    if (table.name, name) in JSON_TEXT:
        if not isinstance(value, dict):
            raise _bad(f"{where}: must be an object")
        text = json.dumps(value, default=str)
        if len(text) > MAX_DETAILS:
            raise _bad(f"{where}: longer than {MAX_DETAILS:,} characters")
        if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in _strings(value)):
            raise _bad(f"{where}: holds control characters")
        return text
    if isinstance(kind, DateTime):
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise _bad(f"{where}: not an ISO 8601 time: {shown(value)}") from None
        return to_utc(moment)
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _bad(f"{where}: not a date (YYYY-MM-DD): {shown(value)}") from None
    expected: type | tuple[type, ...] = (
        bool
        if isinstance(kind, Boolean)
        else int
        if isinstance(kind, Integer)
        else str
        if isinstance(kind, String) and (table.name, name) not in _TEXT  # its rule says why
        else object
    )
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise _bad(f"{where}: must be {getattr(expected, '__name__', 'set')}")
    enum = ENUMS.get((table.name, name))
    if enum is not None and value not in {member.value for member in enum}:
        raise _bad(f"{where}: unknown value {shown(value)}")
    rule: Callable[[Any], Any] | None = _TEXT.get((table.name, name)) or _NUMBERS.get(
        (table.name, name)
    )
    try:
        if rule is not None:
            return rule(value)
        if expected is int and not (column.primary_key or column.foreign_keys):
            return _at_least(0, value)
        if isinstance(value, str):
            return check.one_line(value, "a text", MAX_DESCRIPTION)
    except InvalidInput as exc:
        raise _bad(f"{where}: {exc}") from None
    return value


def _strings(value: Any) -> Iterator[str]:
    """Every character of every key and string inside a JSON value."""
    if isinstance(value, str):
        yield from value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _id_of(table: Table, row: Any) -> Any:
    """The row's id when it is a usable one (a whole number from 1 to the largest)."""
    key = row.get("id") if isinstance(row, dict) else None
    if "id" in table.columns and (
        not isinstance(key, int) or isinstance(key, bool) or not 1 <= key <= MAX_ID
    ):
        return None
    return key


def _rows(key: str, table: Table, data: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = data.get(key)
    if not isinstance(rows, list):
        raise _bad(f"{key!r} must be a list")
    columns = {c.name: c for c in table.columns}
    found, seen = [], set()
    for index, row in enumerate(rows):
        key_value = _id_of(table, row)
        where = f"{key} row {index + 1}" if key_value is None else f"{key} id {key_value}"
        if not isinstance(row, dict) or set(row) != set(columns):
            raise _bad(f"{where} must have exactly the keys {', '.join(columns)}")
        if "id" in columns:
            if key_value is None:
                raise _bad(f"{where}, id: must be a whole number from 1 to {MAX_ID}")
            if key_value in seen:
                raise _bad(f"{where}: the id appears twice")
            seen.add(key_value)
        for name, column in columns.items():
            if (
                column.foreign_keys
                and row[name] is not None
                and _id_of(table, {"id": row[name]}) is None
            ):
                raise _bad(f"{where}, {name}: must be a whole number from 1 to {MAX_ID}")
        found.append({n: _in(table, columns[n], row[n], where) for n in columns})
    return found


def _fits(rows: dict[str, list[dict[str, Any]]]) -> None:
    """The rows point at each other within one board: columns, cards, people and events at a
    board that exists, a card at a column of its own board, an event at a card of its board
    (an event's column may be one removed since: the history keeps it), no two boards, or two
    columns or people of one board, with one name (any case); each minimum and warning at most
    its limit and critical threshold."""
    boards = {b["id"]: b for b in rows["boards"]}
    columns = {c["id"]: c for c in rows["columns"]}
    cards = {c["id"]: c for c in rows["cards"]}

    def same_board(
        key: str, row: dict[str, Any], field: str, target: dict[str, Any] | None
    ) -> None:
        if target is None:
            raise _bad(f"{key} id {row['id']}, {field}: no such row ({row[field]})")
        if target.get("board_id", target["id"]) != row["board_id"]:
            raise _bad(f"{key} id {row['id']}, {field}: {row[field]} belongs to another board")

    names: set[tuple[str, Any, str]] = set()
    for key, scope in (("boards", None), ("columns", "board_id"), ("people", "board_id")):
        for row in rows.get(key, []):
            if scope is not None:
                same_board(key, row, "board_id", boards.get(row[scope]))
            name = (key, row[scope] if scope else None, row["name"].casefold())
            if name in names:
                raise _bad(f"{key} id {row['id']}, name: {shown(row['name'])} appears twice")
            names.add(name)
    for row in rows["boards"]:
        if row["warn_days"] > row["critical_days"]:
            raise _bad(f"boards id {row['id']}, warn_days: above critical_days")
    for row in rows["columns"]:
        if None not in (row["wip_min"], row["wip_limit"]) and row["wip_min"] > row["wip_limit"]:
            raise _bad(f"columns id {row['id']}, wip_min: above wip_limit")
    for row in rows["cards"]:
        same_board("cards", row, "board_id", boards.get(row["board_id"]))
        same_board("cards", row, "column_id", columns.get(row["column_id"]))
    for row in rows["events"]:
        same_board("events", row, "board_id", boards.get(row["board_id"]))
        if row["card_id"] is not None:
            same_board("events", row, "card_id", cards.get(row["card_id"]))
        for field in ("from_column_id", "to_column_id"):
            if row[field] in columns:
                same_board("events", row, field, columns[row[field]])


# What each schema version added to the rows, with the value its upgrade gives the rows
# already there (kanban/storage/database.py's MIGRATIONS), so an export made by an older kanban
# imports as its database would have been upgraded: (JSON key, column) -> default. A table a
# version added (None) is empty in older exports.
ADDED: dict[int, dict[tuple[str, str | None], Any]] = {
    2: {
        ("cards", "class_of_service"): ClassOfService.STANDARD.value,
        ("cards", "due_date"): None,
        ("boards", "expedite_limit"): 1,
        ("boards", "sle_days"): None,
        ("columns", "is_constraint"): False,
        ("people", None): None,
    },
    3: {("boards", "business_days"): False},
    4: {("events", "author"): None},
    5: {("cards", "version"): 0},
    6: {},  # card_flows: derived from the events, not exported (made again on import)
    7: {},  # an index: nothing in the rows
}


def _upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """An export of an older schema with what later versions added, at their defaults."""
    data = dict(data)
    for version in range(data["schema_version"] + 1, SCHEMA_VERSION + 1):
        for (key, name), default in ADDED[version].items():
            if name is None:
                data.setdefault(key, [])
            elif isinstance(data.get(key), list):
                data[key] = [
                    {name: default, **row} if isinstance(row, dict) else row for row in data[key]
                ]
    data["schema_version"] = SCHEMA_VERSION
    return data


def _check_header(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(f'the file has no "format": "{FORMAT}"')
    if data.get("version") != VERSION:
        raise _bad(f"export version {shown(data.get('version'))} (this kanban reads {VERSION})")
    schema = data.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool) or not 1 <= schema <= SCHEMA_VERSION:
        raise InvalidInput(
            f"the export has schema {shown(data.get('schema_version'))}; this kanban writes "
            f"schema {SCHEMA_VERSION}: import it with the kanban that exported it"
        )
    unknown = set(data) - {"format", "version", "schema_version", *_tables()}
    if unknown:
        raise _bad(f"unknown keys {shown(', '.join(sorted(map(str, unknown))))}")


def check_export(data: Any) -> Checked:
    """Every check an import makes before it opens a database: the header, each row as the
    commands would check it (types, ids, lengths, control characters, known values) and the
    rows against each other. Refusals are one line naming the table, the row id and the field."""
    if isinstance(data, Checked):
        return data
    _check_header(data)
    data = _upgraded(data)
    rows = {key: _rows(key, table, data) for key, table in _tables().items()}
    _fits(rows)
    return Checked(rows)


def _untouched_default(connection: Any) -> int | None:
    """The id of the only board if it is the default board as first created, else None."""
    boards = connection.execute(select(BOARDS)).all()
    if len(boards) != 1 or boards[0].name != DEFAULT_BOARD or boards[0].strict:
        return None
    columns = connection.execute(select(COLUMNS).order_by(COLUMNS.c.position)).all()
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
    connection.execute(delete(COLUMNS).where(COLUMNS.c.board_id == default))
    connection.execute(delete(BOARDS).where(BOARDS.c.id == default))


def continue_ids(connection: Connection) -> None:
    """Make each table's next id follow the largest one written (rows written with their ids):
    SQLite's ids do by themselves; a PostgreSQL id sequence would start again at 1."""
    if connection.dialect.name != "postgresql":
        return
    for table in _tables().values():
        if "id" in table.columns:
            largest = select(func.max(table.c.id)).scalar_subquery()
            sequence = func.pg_get_serial_sequence(table.name, "id")
            connection.execute(select(func.setval(sequence, func.coalesce(largest, 0) + 1, False)))


def in_time_order(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The events with each card's event stamped no earlier than the card's events and the
    board's events without a card (column changes, settings) written before it (by id), and
    each event without a card no earlier than any event written before it on its board, as
    kanban stamps every write (:meth:`~kanban.storage.unit_of_work.UnitOfWork.moment`). An
    export of a database written before it did, on a board whose writers' clocks were apart,
    may hold a move stamped before the move it followed, which would put the card in the
    history where the board does not show it. Every other event is left as it is: cards
    written out of order with each other (a board filled in by a script, a history typed in
    afterwards) keep their times."""
    board_latest: dict[int, datetime] = {}  # board -> its latest event so far
    board_changes: dict[int, datetime] = {}  # board -> its latest event without a card so far
    card_latest: dict[int, datetime] = {}  # card -> its latest event so far
    found = []
    for row in sorted(events, key=lambda event: event["id"]):
        board, card = row["board_id"], row["card_id"]
        if card is None:
            floors = [board_latest.get(board)]
        else:
            floors = [card_latest.get(card), board_changes.get(board)]
        floor = max((at for at in floors if at is not None), default=None)
        if floor is not None and row["at"] < floor:
            row = {**row, "at": floor}
        at = row["at"]
        board_latest[board] = max(board_latest.get(board, at), at)
        if card is None:
            board_changes[board] = at
        else:
            card_latest[card] = at
        found.append(row)
    return found


def import_database(engine: Engine, data: Any) -> Imported:
    """Write an export (or a :class:`Checked` one) into the empty database, ids
    kept; all or nothing."""
    rows = check_export(data).rows
    rows = {**rows, "events": in_time_order(rows["events"])}
    tables = _tables()
    writer = engine.execution_options(sqlite_begin="IMMEDIATE")
    try:
        with writer.begin() as connection:
            _make_room(connection)
            for key, table in tables.items():
                if rows[key]:
                    connection.execute(table.insert(), rows[key])
            continue_ids(connection)
            flows.rebuild_all(connection)
            if notices.notifies(engine):  # an open view of the database reads it again
                notices.announce(connection, "import")
    except IntegrityError as exc:
        lines = str(exc.orig).strip().splitlines() if exc.orig else []
        reason = lines[0] if lines else "a row breaks the schema"  # never PostgreSQL's DETAIL
        raise _bad(f"the rows do not fit together ({reason})") from None
    return Imported({key: len(found) for key, found in rows.items()})
