"""``kanban log [ID]``: who did what, newest first, as text or JSON."""

from __future__ import annotations

import json

from tests.conftest import run_sql


def _board(kanban, monkeypatch) -> None:
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    kanban("--as", "brent", "add", "Patch the server")
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T10:00:00+00:00")
    kanban("--as", "maxine", "move", "1", "Ready")
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T11:00:00+00:00")
    kanban("--as", "wes", "add", "Order parts")
    kanban("--as", "wes", "block", "1", "waiting on the vendor")


def test_the_board_log_is_newest_first_with_who_and_where(kanban, monkeypatch) -> None:
    _board(kanban, monkeypatch)
    result = kanban("log")
    assert result.code == 0
    assert result.out.splitlines() == [
        "2026-11-24 11:00  wes  block  #1  reason: waiting on the vendor",
        "2026-11-24 11:00  wes  create  #2  — → Backlog  title: Order parts, type: business",
        "2026-11-24 10:00  maxine  move  #1  Backlog → Ready",
        "2026-11-24 09:00  brent  create  #1  — → Backlog  title: Patch the server, type: business",
    ]


def test_a_cards_log_in_json_with_a_limit(kanban, monkeypatch) -> None:
    _board(kanban, monkeypatch)
    result = kanban("log", "#1", "--limit", "2", "--format", "json")
    assert json.loads(result.out) == [
        {
            "at": "2026-11-24T11:00:00+00:00",
            "by": "wes",
            "kind": "block",
            "card": 1,
            "from": None,
            "to": None,
            "details": {"reason": "waiting on the vendor"},
        },
        {
            "at": "2026-11-24T10:00:00+00:00",
            "by": "maxine",
            "kind": "move",
            "card": 1,
            "from": "Backlog",
            "to": "Ready",
            "details": {},
        },
    ]


def test_no_author_and_a_removed_column(kanban, db, monkeypatch) -> None:
    _board(kanban, monkeypatch)
    kanban("move", "1", "In Progress")
    assert kanban("column", "remove", "Ready").code == 0
    # as if made before authors were recorded
    run_sql(db, "update events set author = null where kind = 'move'")
    run_sql(db, "update events set details = '{}' where kind = 'move' and to_column_id = 2")
    lines = kanban("log", "1").out.splitlines()
    assert lines[0].endswith("—  move  #1  Ready → In Progress")  # the name it was logged with
    assert lines[-2].endswith("—  move  #1  Backlog → #2")  # no name logged: its id


def test_hostile_text_is_shown_not_obeyed(kanban, monkeypatch) -> None:
    kanban("--as", "brent", "add", "ok")
    kanban("--as", "brent", "block", "1", "\u202eevil")
    assert "\u202e" not in kanban("log").out


def test_column_changes_are_logged_with_their_author(kanban, monkeypatch) -> None:
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    kanban("--as", "ann", "column", "add", "QA", "--after", "Review", "--limit", "2")
    kanban("--as", "brent", "column", "rename", "QA", "Test")
    kanban("--as", "wes", "column", "remove", "Test")
    assert kanban("log").out.splitlines() == [
        "2026-11-24 09:00  wes  setting  board  Test → —  "
        'removed_column: {"kind": "active", "after": 4, "position": 4}',
        "2026-11-24 09:00  brent  setting  board  column_id: 6, "
        'renamed_column: {"old": "QA", "new": "Test"}',
        "2026-11-24 09:00  ann  setting  board  — → QA  "  # removed: the name it was added as
        'added_column: {"kind": "active", "position": 4, "limit": 2}',
    ]
    logged = json.loads(kanban("log", "--format", "json").out)
    assert [(e["by"], e["from"], e["to"]) for e in logged] == [
        ("wes", "Test", None),
        ("brent", None, None),
        ("ann", None, "QA"),
    ]


def test_the_demos_log_names_its_people(tmp_path, kanban, monkeypatch) -> None:
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    monkeypatch.setenv("KANBAN_USER", "somebody")
    path = tmp_path / "demo.db"
    assert kanban("demo", "--no-tui", db_path=path).code == 0
    logged = json.loads(kanban("log", "--format", "json", db_path=path).out)
    authors = {event["by"] for event in logged}
    assert {"Brent", "Patty", "Wes"} <= authors
    assert "somebody" not in authors and None not in authors
