"""Export and import: the whole database as JSON round-trips exactly (ids, deleted cards, the
event log, microseconds), only into an empty database, all or nothing."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kanban.domain.models import ClassOfService, ColumnKind, WorkType
from kanban.errors import InvalidInput
from kanban.reports.cards_csv import cards_csv
from kanban.services import KanbanService
from kanban.services.transfer import dumps, export_database, import_database
from kanban.storage import database
from kanban.storage.database import SCHEMA_VERSION
from kanban.storage.transfer import ADDED
from tests.conftest import MutableClock, copy_database, stored


def _dump(path: Path | str) -> object:
    """Every table's rows as SQL, byte for byte what is stored (PostgreSQL: every row)."""
    if isinstance(path, str):
        return stored(path)
    with sqlite3.connect(path) as con:
        lines = list(con.iterdump())
    con.close()
    return lines


def _rich_history(service: KanbanService, clock: MutableClock) -> None:
    """Two boards, a strict one; undo, delete, block, edits, a limit change, odd text."""
    board = service.board()
    clock.set(clock.current + timedelta(microseconds=250_000))
    first = service.add_card(
        board.id,
        "Fix | the *printer*",
        type=WorkType.UNPLANNED,
        description="line one\nline two — ünïcode",
    ).card
    second = service.add_card(board.id, "Ship it", column="Ready", assignee="Brent").card
    gone = service.add_card(board.id, "Mistake").card
    clock.set(clock.current + timedelta(days=1, microseconds=1))
    service.move_card(first.id, "In Progress")
    service.move_card(second.id, "Review")
    service.undo()  # second back in Ready, with an undo event
    service.block_card(first.id, "waiting for vendor")
    service.delete_card(gone.id)
    service.edit_card(second.id, assignee=None, title="Ship it now")
    service.set_column_limit(service.column(board.id, "Review").id, 4)
    ops = service.create_board("Ops")
    service.set_strict(ops.id, True)
    service.add_column(ops.id, "Triage", kind=ColumnKind.QUEUE, limit=2, after="Backlog")
    service.add_card(
        ops.id,
        "Page Brent",
        column="Triage",
        class_of_service=ClassOfService.FIXED_DATE,
        due_date=date(2026, 12, 1),
    )
    service.set_person_limit(ops.id, "Brent", 2)
    service.pin_constraint(ops.id, "Triage")
    service.set_sle(ops.id, 9)
    service.set_expedite_limit(ops.id, 2)
    service.set_aging_thresholds(ops.id, 2, 5)


@pytest.fixture(scope="module")
def _history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The rich history written once per module (45 tests each wrote it before): its database
    file and its export."""
    path = tmp_path_factory.mktemp("transfer") / "history.db"
    clock = MutableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))  # as the clock fixture
    service = KanbanService.open(path, clock=clock)
    try:
        _rich_history(service, clock)
        return path, export_database(service)
    finally:
        service.close()


@pytest.fixture
def exported(_history: tuple[Path, dict]) -> dict:
    """The rich history's export."""
    return copy.deepcopy(_history[1])


def test_export_import_export_is_identical(_history, exported, tmp_path):
    original = _history[0]
    target = tmp_path / "copy.db"
    fresh = KanbanService.open(target, ensure_default=False)
    done = import_database(fresh, json.loads(dumps(exported)))
    again = export_database(fresh)
    fresh.close()
    assert dumps(again) == dumps(exported)
    assert str(done) == "boards: 2, columns: 11, cards: 4, events: 18"  # Triage added: one
    # The rows stored are the same, byte for byte (times, details, positions, ids).
    assert _dump(target) == _dump(original)


def test_the_export_holds_everything(exported):
    assert (exported["format"], exported["version"], exported["schema_version"]) == (
        "kanban-export",
        1,
        7,  # schema 6: card_flows (derived, not exported); 7: an index
    )
    page = next(c for c in exported["cards"] if c["title"] == "Page Brent")
    assert (page["class_of_service"], page["due_date"]) == ("fixed-date", "2026-12-01")
    assert [(p["name"], p["wip_limit"]) for p in exported["people"]] == [("Brent", 2)]
    assert [c["name"] for c in exported["columns"] if c["is_constraint"]] == ["Triage"]
    assert [b["name"] for b in exported["boards"]] == ["Kanban", "Ops"]
    assert "card_flows" not in exported  # derived from the events: made again on import
    assert exported["boards"][1]["strict"] is True
    ops = exported["boards"][1]
    assert (ops["sle_days"], ops["expedite_limit"], ops["warn_days"], ops["critical_days"]) == (
        9,
        2,
        2,
        5,
    )
    settings = [e["details"].get("changes") for e in exported["events"] if e["kind"] == "setting"]
    assert settings == [
        {"strict": [False, True]},
        None,  # the Triage column added
        {"constraint": [None, "Triage"]},
        {"sle_days": [None, 9]},
        {"expedite_limit": [1, 2]},
        {"warn_days": [3, 2], "critical_days": [7, 5]},
    ]
    cards = {c["title"]: c for c in exported["cards"]}
    assert cards["Mistake"]["deleted_at"] is not None and cards["Mistake"]["position"] == -1
    assert cards["Fix | the *printer*"]["blocked_reason"] == "waiting for vendor"
    assert cards["Fix | the *printer*"]["created_at"] == "2026-11-24T09:00:00.250000+00:00"
    assert [e["kind"] for e in exported["events"]] == [
        "create",
        "create",
        "create",
        "move",
        "move",
        "move",
        "block",
        "delete",
        "edit",
        "limit",
        "setting",
        "setting",
        "create",
        "limit",
        "setting",
        "setting",
        "setting",
        "setting",
    ]
    undo = [e for e in exported["events"] if e["details"].get("undo")]
    assert len(undo) == 1 and undo[0]["details"]["to"] == "Ready"
    limit = next(e for e in exported["events"] if e["kind"] == "limit")
    assert limit["card_id"] is None and limit["details"]["new"] == 4
    assert [e["id"] for e in exported["events"]] == sorted(e["id"] for e in exported["events"])


def test_ids_are_kept_and_new_ones_follow(exported, database, clock):
    fresh = KanbanService.open(database, clock=clock, ensure_default=False)
    import_database(fresh, exported)
    highest = max(c["id"] for c in exported["cards"])
    card = fresh.add_card(fresh.board("Ops").id, "after the import").card
    assert card.id == highest + 1
    assert fresh.card(2).title == "Ship it now"
    fresh.close()


def test_an_untouched_default_board_is_replaced(exported, database):
    fresh = KanbanService.open(database)  # the default board, as a first run makes
    import_database(fresh, exported)
    assert dumps(export_database(fresh)) == dumps(exported)
    fresh.close()


@pytest.mark.parametrize("change", ["card", "limit", "board"])
def test_a_database_with_anything_in_it_is_refused_and_unchanged(exported, database, change):
    path = database
    busy = KanbanService.open(path)
    if change == "card":
        busy.add_card(busy.board().id, "mine")
    elif change == "limit":
        busy.set_column_limit(busy.column(busy.board().id, "Ready").id, 9)
    else:
        busy.create_board("Mine")
    before = _dump(path)
    with pytest.raises(InvalidInput, match="the database is not empty .*: import needs an empty"):
        import_database(busy, exported)
    busy.close()
    assert _dump(path) == before


def _broken(exported: dict, how: str) -> object:
    data = copy.deepcopy(exported)
    if how == "not an export":
        return [1, 2, 3]
    if how == "other format":
        data["format"] = "trello"
    elif how == "newer schema":
        data["schema_version"] = 99
    elif how == "missing table":
        del data["events"]
    elif how == "unknown key":
        data["cards"][0]["colour"] = "red"
    elif how == "unknown kind":
        data["columns"][0]["kind"] = "limbo"
    elif how == "unknown type":
        data["cards"][0]["type"] = "urgent"
    elif how == "bad time":
        data["events"][0]["at"] = "yesterday"
    elif how == "wrong type":
        data["cards"][0]["position"] = "3"
    elif how == "bool for int":
        data["boards"][0]["warn_days"] = True
    elif how == "missing value":
        data["cards"][0]["title"] = None
    elif how == "dangling card":  # the last card in a column that does not exist
        data["cards"][-1]["column_id"] = 999
    return data


BROKEN = [
    "not an export",
    "other format",
    "newer schema",
    "missing table",
    "unknown key",
    "unknown kind",
    "unknown type",
    "bad time",
    "wrong type",
    "bool for int",
    "missing value",
    "dangling card",
]


@pytest.mark.parametrize("how", BROKEN)
def test_a_broken_file_is_refused_and_nothing_is_written(exported, database, how):
    path = database
    fresh = KanbanService.open(path, ensure_default=False)
    before = _dump(path)
    with pytest.raises(InvalidInput) as error:
        import_database(fresh, _broken(exported, how))
    fresh.close()
    assert "\n" not in str(error.value)
    assert _dump(path) == before


@pytest.fixture
def history(_history: tuple[Path, dict], database: Path | str) -> Path | str:
    """The rich history copied into the test's database (ask before ``service``)."""
    return copy_database(_history[0], database)


def test_csv_lists_the_boards_live_cards(history, service):
    text = cards_csv(service.snapshot(service.board().id))
    lines = text.splitlines()
    assert lines[0] == (
        '"id","column","position","title","type","assignee","blocked_reason",'
        '"blocked_at","created_at","entered_at","description",'
        '"class_of_service","due_date"'
    )
    assert len(lines) == 1 + 2 + 1  # two cards, and a description spread over two lines
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:9] == [
        "2",
        "Ready",
        "0",
        "Ship it now",
        "business",
        "",
        "",
        "",
        "2026-11-24T09:00:00+00:00",
    ]
    assert rows[2][:7] == [
        "1",
        "In Progress",
        "0",
        "Fix | the *printer*",
        "unplanned",
        "",
        "waiting for vendor",
    ]
    assert rows[2][10].endswith("\nline two — ünïcode") and rows[2][11:] == ["standard", ""]


def test_the_business_days_setting_round_trips(service, tmp_path):
    board = service.board()
    service.set_business_days(board.id, True)
    data = export_database(service)
    assert data["boards"][0]["business_days"] is True
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    import_database(fresh, json.loads(dumps(data)))
    assert fresh.board().business_days is True
    assert dumps(export_database(fresh)) == dumps(data)
    fresh.close()


def test_authors_round_trip(tmp_path):
    service = KanbanService.open(tmp_path / "a.db", author="brent")
    service.add_card(service.board().id, "Patch the server")
    data = export_database(service)
    service.close()
    assert [e["author"] for e in data["events"]] == ["brent"]
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    import_database(fresh, json.loads(dumps(data)))
    assert [e.author for e in fresh.events(fresh.board().id)] == ["brent"]
    assert dumps(export_database(fresh)) == dumps(data)
    fresh.close()


def _other_board_column(data: dict) -> dict:
    card = data["cards"][0]
    card["column_id"] = next(c["id"] for c in data["columns"] if c["board_id"] != card["board_id"])
    return card


def _event_of(data: dict, kind: str) -> dict:
    return next(e for e in data["events"] if e["kind"] == kind)


# Each bad row: how to break the export, and what the one-line refusal names (table, id, field).
BAD_ROWS = {
    "empty title": (
        lambda d: d["cards"][0].update(title="  "),
        "cards id 1, title: a card needs a title",
    ),
    "title not text": (
        lambda d: d["cards"][0].update(title=42),
        "cards id 1, title: a title must be text",
    ),
    "title a list": (
        lambda d: d["cards"][0].update(title=["x"]),
        "cards id 1, title: a title must be text",
    ),
    "type a list": (  # once an unhashable value crashed the enum check
        lambda d: d["cards"][0].update(type=["x"]),
        "cards id 1, type: must be str",
    ),
    "event kind a number": (
        lambda d: _event_of(d, "create").update(kind=1),
        "events id 1, kind: must be str",
    ),
    "NUL in a title": (
        lambda d: d["cards"][0].update(title="a\x00b"),
        "cards id 1, title: a title cannot hold control characters ('\\x00')",
    ),
    "escape in a column name": (
        lambda d: d["columns"][0].update(name="\x1b[2J"),
        "columns id 1, name: a column name cannot hold control",
    ),
    "escape in a reason": (
        lambda d: d["cards"][0].update(blocked_reason="\x1b]0;x\x07"),
        "cards id 1, blocked_reason: a blocked reason cannot hold control",
    ),
    "long board name": (
        lambda d: d["boards"][0].update(name="x" * 100_000),
        "boards id 1, name: a board name can have at most 100 characters (100,000 given)",
    ),
    "long description": (
        lambda d: d["cards"][0].update(description="x" * 10_001),
        "cards id 1, description: a description can have at most 10,000",
    ),
    "negative id": (
        lambda d: d["cards"][0].update(id=-1),
        "cards row 1, id: must be a whole number from 1 to 9223372036854775807",
    ),
    "huge id": (
        lambda d: d["cards"][0].update(id=2**63),
        "cards row 1, id: must be a whole number from 1 to",
    ),
    "huge board id of a card": (
        lambda d: d["cards"][0].update(board_id=2**64),
        "cards id 1, board_id: must be a whole number from 1 to",
    ),
    "duplicate id": (
        lambda d: d["cards"][1].update(id=d["cards"][0]["id"]),
        "cards id 1: the id appears twice",
    ),
    "negative position": (
        lambda d: d["cards"][0].update(position=-3),
        "cards id 1, position: cannot be below -1: -3",
    ),
    "huge limit": (
        lambda d: d["columns"][0].update(wip_limit=2**70),
        "columns id 1, wip_limit: a WIP limit can be at most 1,000",
    ),
    "zero warning days": (
        lambda d: d["boards"][0].update(warn_days=0),
        "boards id 1, warn_days: a warning threshold must be at least 1 day",
    ),
    "negative event column": (
        lambda d: _event_of(d, "move").update(from_column_id=-2),
        "events id 4, from_column_id: cannot be below 0: -2",
    ),
    "min above limit": (
        lambda d: d["columns"][3].update(wip_limit=1, wip_min=2),
        "columns id 4, wip_min: above wip_limit",
    ),
    "unknown class": (
        lambda d: d["cards"][0].update(class_of_service="vip"),
        "cards id 1, class_of_service: unknown value 'vip'",
    ),
    "card in another board's column": (
        _other_board_column,
        "cards id 1, column_id: 6 belongs to another board",
    ),
    "card on an unknown board": (
        lambda d: d["cards"][0].update(board_id=99),
        "cards id 1, board_id: no such row (99)",
    ),
    "event at an unknown card": (
        lambda d: _event_of(d, "create").update(card_id=99),
        "events id 1, card_id: no such row (99)",
    ),
    "event at another board's column": (
        lambda d: _event_of(d, "move").update(to_column_id=7),
        "events id 4, to_column_id: 7 belongs to another board",
    ),
    "escape in event details": (
        lambda d: _event_of(d, "create")["details"].update(title="\x1b"),
        "events id 1, details: holds control characters",
    ),
    "author with an escape": (
        lambda d: _event_of(d, "create").update(author="brent\x1b[2J"),
        "events id 1, author: an author cannot hold control characters",
    ),
    "author not text": (
        lambda d: _event_of(d, "create").update(author=7),
        "events id 1, author: an author must be text",
    ),
    "two columns, one name": (
        lambda d: d["columns"][1].update(name="backlog"),
        "columns id 2, name: 'backlog' appears twice",
    ),
    "person of an unknown board": (
        lambda d: d["people"][0].update(board_id=5),
        "people id 1, board_id: no such row (5)",
    ),
}


@pytest.mark.parametrize("how", BAD_ROWS)
def test_a_bad_row_is_refused_naming_table_id_and_field(exported, database, how):
    data = copy.deepcopy(exported)
    breaks, message = BAD_ROWS[how]
    breaks(data)
    path = database
    fresh = KanbanService.open(path, ensure_default=False)
    before = _dump(path)
    with pytest.raises(InvalidInput) as error:
        import_database(fresh, data)
    fresh.close()
    assert str(error.value).startswith("not a kanban export: " + message)
    assert "\n" not in str(error.value) and len(str(error.value)) < 300
    assert _dump(path) == before


def test_column_changes_round_trip_with_their_author(tmp_path):
    service = KanbanService.open(tmp_path / "a.db", author="ann")
    board = service.board()
    service.add_column(board.id, "QA", kind=ColumnKind.QUEUE, after="Review")
    service.rename_column(board.id, "QA", "Test")
    service.remove_column(board.id, "Test")
    data = export_database(service)
    service.close()
    found = [(e["author"], sorted(e["details"])) for e in data["events"]]
    assert found == [
        ("ann", ["added_column", "to"]),
        ("ann", ["column_id", "renamed_column"]),
        ("ann", ["from", "removed_column"]),
    ]
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    import_database(fresh, json.loads(dumps(data)))
    assert dumps(export_database(fresh)) == dumps(data)
    fresh.close()


# ---------------------------------------------------------------------- older exports

FIXTURES = Path(__file__).parent / "fixtures"


def _as_of(exported: dict, schema: int) -> tuple[dict, dict]:
    """The export as the kanban of ``schema`` wrote it (what later steps added left out), and
    what importing it gives back (those fields at the defaults their upgrade gives)."""
    older, expected = copy.deepcopy(exported), copy.deepcopy(exported)
    older["schema_version"] = schema
    for version in range(schema + 1, SCHEMA_VERSION + 1):
        for (key, name), default in ADDED[version].items():
            if name is None:  # a table that version added
                del older[key]
                expected[key] = []
                continue
            for row, row_back in zip(older[key], expected[key], strict=True):
                del row[name]
                row_back[name] = default
    return older, expected


def test_an_export_of_schema_4_imports_with_every_card_at_version_0(exported, tmp_path):
    older = copy.deepcopy(exported)
    older["schema_version"] = 4
    for card in older["cards"]:
        del card["version"]
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    import_database(fresh, json.loads(dumps(older)))
    again = export_database(fresh)
    fresh.close()
    assert again["schema_version"] == SCHEMA_VERSION
    assert [c["version"] for c in again["cards"]] == [0] * len(exported["cards"])
    for card in again["cards"] + exported["cards"]:
        del card["version"]
    assert dumps(again) == dumps(exported)  # nothing else changed


@pytest.mark.parametrize("schema", range(1, SCHEMA_VERSION))
def test_an_older_export_imports_with_the_defaults_of_the_later_schema_steps(
    exported, tmp_path, schema
):
    older, expected = _as_of(exported, schema)
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    import_database(fresh, json.loads(dumps(older)))
    assert dumps(export_database(fresh)) == dumps(expected)
    fresh.close()


def test_every_schema_step_says_what_it_added_to_the_rows():
    # A schema step that adds a column or a table must name it, with its default, in ADDED.
    for version in range(2, SCHEMA_VERSION + 1):
        statements = " ".join(getattr(database, f"_V{version}"))
        added = set(re.findall(r"ALTER TABLE (\w+) ADD COLUMN (\w+)", statements))
        added |= {(table, None) for table in re.findall(r"CREATE TABLE (\w+)", statements)}
        tables = {"columns": "board_columns"}
        assert {(tables.get(key, key), name) for key, name in ADDED[version]} == added


def test_an_export_of_schema_1_made_by_that_kanban_imports(tmp_path):
    # Made by the schema-1 kanban: two cards, one blocked and finished, one deleted.
    data = json.loads((FIXTURES / "export_schema_1.json").read_text())
    assert data["schema_version"] == 1 and "people" not in data
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    assert str(import_database(fresh, data)) == "boards: 1, columns: 5, cards: 2, events: 7"
    board = fresh.board()
    assert (board.expedite_limit, board.sle_days, board.business_days) == (1, None, False)
    card = fresh.card(1)
    assert (card.title, card.assignee, card.class_of_service, card.due_date) == (
        "Patch the Oracle servers",
        "Brent",
        ClassOfService.STANDARD,
        None,
    )
    assert [e.author for e in fresh.events(board.id)] == [None] * 7
    again = export_database(fresh)
    fresh.close()
    assert (again["schema_version"], again["people"]) == (SCHEMA_VERSION, [])
    assert [c["version"] for c in again["cards"]] == [0, 0]
    assert not any(c["is_constraint"] for c in again["columns"])


@pytest.mark.parametrize("schema", [SCHEMA_VERSION + 1, 0, "5", True, None])
def test_an_export_of_a_newer_or_unknown_schema_is_refused(exported, tmp_path, schema):
    data = copy.deepcopy(exported)
    data["schema_version"] = schema
    fresh = KanbanService.open(tmp_path / "copy.db", ensure_default=False)
    with pytest.raises(InvalidInput) as error:
        import_database(fresh, data)
    fresh.close()
    shown_schema = f"'{schema}'" if isinstance(schema, str) else str(schema)
    assert str(error.value) == (
        f"the export has schema {shown_schema}; this kanban writes schema {SCHEMA_VERSION}: "
        "import it with the kanban that exported it"
    )
