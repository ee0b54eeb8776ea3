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
