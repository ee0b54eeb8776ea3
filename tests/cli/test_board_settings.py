"""``kanban board sle|expedite-limit|aging``: one line saying the new setting, shown by
``kanban board list``, logged as an event."""

from __future__ import annotations

import json

from kanban.domain.models import EventKind
from kanban.services import KanbanService
from tests.cli.conftest import board_and_events


def test_the_sle_is_set_and_cleared(db, kanban):
    result = kanban("board", "sle", "kanban", "9")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Kanban: SLE 9 days (85% of cards should finish within 9 days)\n"
    board, events = board_and_events(db)
    assert board.sle_days == 9
    assert (events[-1].kind, events[-1].details) == (
        EventKind.SETTING,
        {"board": "Kanban", "changes": {"sle_days": [None, 9]}},
    )
    assert kanban("board", "sle", "Kanban", "1").out == (
        "Kanban: SLE 1 day (85% of cards should finish within 1 day)\n"
    )
    assert kanban("board", "sle", "Kanban", "none").out == (
        "Kanban: no SLE set; the 85th percentile of cycle times serves\n"
    )
    assert board_and_events(db)[0].sle_days is None


def test_the_expedite_limit_is_set(db, kanban):
    assert kanban("board", "expedite-limit", "Kanban", "2").out == "Kanban: expedite limit 2\n"
    board, events = board_and_events(db)
    assert board.expedite_limit == 2
    assert events[-1].details["changes"] == {"expedite_limit": [1, 2]}


def test_the_aging_thresholds_are_set(db, kanban):
    assert kanban("board", "aging", "Kanban", "2", "5").out == (
        "Kanban: aging warning at 2 days, critical at 5 days "
        "(until 5 cards finish in 90 days; then the percentiles)\n"
    )
    board, events = board_and_events(db)
    assert (board.warn_days, board.critical_days) == (2, 5)
    assert events[-1].details["changes"] == {"warn_days": [3, 2], "critical_days": [7, 5]}


def test_board_list_shows_the_settings_name_first(db, kanban):
    kanban("board", "create", "Ops")
    kanban("board", "strict", "Ops", "on")
    kanban("board", "sle", "Ops", "9")
    kanban("board", "expedite-limit", "Ops", "3")
    kanban("board", "aging", "Ops", "1", "1")
    assert kanban("board", "list").out == (
        "Kanban · SLE 85th percentile · expedite limit 1 · aging 3/7 days\n"
        "Ops (strict) · SLE 9 days · expedite limit 3 · aging 1/1 day\n"
    )


def test_the_setting_applies_to_the_named_board_only(db, kanban):
    kanban("board", "create", "Ops")
    assert kanban("--board", "Kanban", "board", "sle", "ops", "4").code == 0
    service = KanbanService.open(db)
    assert {b.name: b.sle_days for b in service.boards()} == {"Kanban": None, "Ops": 4}
    service.close()


def test_the_help_lists_the_settings(kanban):
    out = kanban("board", "--help").out
    assert all(action in out for action in ("sle", "expedite-limit", "aging"))


def test_metrics_and_the_standup_use_the_teams_sle(tuesday, kanban):
    def sle(*command: str) -> dict:
        return json.loads(kanban(*command, "--format", "json").out)["sle"]

    assert sle("metrics")["set_by_team"] is False
    kanban("board", "sle", "Kanban", "4")
    assert sle("metrics") == {"days": 4, "percentile": 85, "n": 0, "set_by_team": True}
    assert sle("summary", "--standup")["days"] == 4
