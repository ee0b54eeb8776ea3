"""``kanban board business-days NAME on|off``: one line, an event, shown by ``board list``;
a bad value exits 2 and changes nothing."""

from __future__ import annotations

import json

from kanban.domain.models import EventKind
from tests.cli.conftest import board_and_events


def test_business_days_are_switched_on_and_off(db, kanban):
    result = kanban("board", "business-days", "kanban", "on")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Kanban: days count as business days (Monday-Friday) in every metric\n"
    board, events = board_and_events(db)
    assert board.business_days is True
    assert (events[-1].kind, events[-1].details["changes"]) == (
        EventKind.SETTING,
        {"business_days": [False, True]},
    )
    assert kanban("board", "list").out == (
        "Kanban · business days · SLE 85th percentile · expedite limit 1 · aging 3/7 days\n"
    )
    assert kanban("board", "business-days", "Kanban", "off").out == (
        "Kanban: days count as calendar days in every metric\n"
    )
    assert board_and_events(db)[0].business_days is False
    assert "business days" not in kanban("board", "list").out


def test_a_bad_value_exits_2_and_changes_nothing(db, kanban):
    kanban("board", "list")  # creates the database
    before = board_and_events(db)
    result = kanban("board", "business-days", "Kanban", "weekdays")
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert board_and_events(db) == before


def test_an_unknown_board_exits_2(db, kanban):
    result = kanban("board", "business-days", "Nope", "on")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1


def _cards(data: dict) -> dict[int, dict]:
    return {card["id"]: card for column in data["columns"] for card in column["cards"]}


def test_the_json_says_which_calendar_and_counts_by_it(tuesday, kanban):
    def read(*command: str) -> dict:
        return json.loads(kanban(*command, "--format", "json").out)

    assert read("metrics")["business_days"] is False
    ls = read("ls")
    assert "business_days" not in ls["aging_rule"]  # calendar boards: as before
    # Load test entered Review on Fri 20: Fri..Tue 24 is 5 calendar days; Patch servers
    # entered In Progress on Sun 22: 3 calendar days.
    assert [_cards(ls)[i]["days_in_column"] for i in (7, 5)] == [5, 3]
    kanban("board", "business-days", "Kanban", "on")
    assert read("metrics")["business_days"] is True
    ls = read("ls")
    assert ls["aging_rule"]["business_days"] is True
    # Business days: Fri 20, Mon 23, Tue 24 -> 3; Sun 22 (not counted), Mon, Tue -> 2.
    assert [_cards(ls)[i]["days_in_column"] for i in (7, 5)] == [3, 2]
    assert read("summary")["aging_rule"]["business_days"] is True
    # Rewrite billing blocked on Sat 21: Sat..Tue is 4 calendar days, 2 business days.
    blocked = {b["id"]: b["days_blocked"] for b in read("summary")["blocked"]}
    assert blocked[1] == 2
