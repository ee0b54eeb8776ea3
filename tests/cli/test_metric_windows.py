"""Where the metrics' series start and end: at the board's creation (not its first card), and,
on a business-day board viewed at the weekend, late enough to hold that weekend's finishes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kanban.services import KanbanService
from tests.cli.conftest import Clock


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def test_the_window_starts_at_the_boards_creation_not_its_first_card(db, kanban, monkeypatch):
    clock = Clock(_at(11, 1))
    service = KanbanService.open(db, clock=clock)  # the board is created on 1 Nov
    board = service.board().id
    clock.current = _at(11, 10)  # its first card comes on 10 Nov
    service.add_card(board, "first", column="In Progress")
    service.close()
    monkeypatch.setenv("KANBAN_NOW", _at(11, 23).isoformat())

    metrics = json.loads(kanban("metrics", "--format", "json").out)
    assert metrics["window"] == {"start": "2026-11-01", "end": "2026-11-23", "days": 23}
    forecast = json.loads(kanban("forecast", "3", "--format", "json").out)
    assert forecast["history_days"] == 22  # 1-22 Nov, today left out (not 13)


# ---------------------------------------------------------------------- weekends

WEEKDAY_FINISHES = [(11, 2), (11, 3), (11, 4), (11, 5), (11, 6), (11, 6)]  # Mon 2 - Fri 6 Nov
WEEKEND_FINISHES = [(11, 7), (11, 7), (11, 8)]  # Sat 7, Sun 8 Nov


def _weekend_board(path: Path) -> None:
    """A business-day board created on Mon 2 Nov: nine cards, each added to In Progress at
    08:00 on the day it is moved to Done at 10:00; three of them on Sat 7 and Sun 8 Nov."""
    clock = Clock(_at(11, 2, 7))
    service = KanbanService.open(path, clock=clock)
    board = service.board()
    service.set_business_days(board.id, True)
    for month, day in WEEKDAY_FINISHES + WEEKEND_FINISHES:
        clock.current = _at(month, day, 8)
        card = service.add_card(board.id, f"card {day}", column="In Progress").card
        clock.current = _at(month, day, 10)
        service.move_card(card.id, "Done")
    service.close()


@pytest.fixture
def weekend_board(db: Path) -> Path:
    _weekend_board(db)
    return db


@pytest.mark.parametrize("now", [_at(11, 7, 18), _at(11, 8, 18)], ids=["saturday", "sunday"])
def test_at_the_weekend_no_finish_is_missing_from_the_throughput(
    weekend_board, kanban, monkeypatch, now
):
    monkeypatch.setenv("KANBAN_NOW", now.isoformat())
    finished = len(WEEKDAY_FINISHES) + sum(
        (m, d) <= (now.month, now.day) for m, d in WEEKEND_FINISHES
    )

    metrics = json.loads(kanban("metrics", "--format", "json").out)
    assert metrics["cycle_time"]["n"] == finished
    per_day = metrics["throughput"]["per_day"]
    assert sum(d["count"] for d in per_day) == finished
    # The weekend's finishes count on the next business day, Monday 9 Nov, ending the series.
    assert per_day[-1] == {"date": "2026-11-09", "count": finished - len(WEEKDAY_FINISHES)}
    assert sum(w["count"] for w in metrics["throughput"]["per_week"]) == finished
    assert metrics["throughput"]["last_7_days"] == finished
    assert (
        sum(
            sum(w[t] for t in ("business", "internal", "change", "unplanned"))
            for w in metrics["work_mix"]
        )
        == finished
    )
    assert metrics["littles_law"]["departures"] == finished
    for series in (metrics["wip"]["per_day"], metrics["cfd"]["days"]):
        assert [d["date"] for d in series] == [d["date"] for d in per_day]

    standup = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert standup["throughput_last_7_days"] == finished

    # The forecast samples complete business days (Mon 2 - Fri 6 Nov): the weekend's finishes
    # belong to Monday's, not over yet, as today's finishes on a calendar board.
    forecast = json.loads(kanban("forecast", "3", "--format", "json").out)
    assert (forecast["history_days"], forecast["finished_in_history"]) == (5, len(WEEKDAY_FINISHES))


def test_the_monday_after_holds_the_weekend_and_its_own_finishes(
    weekend_board, kanban, monkeypatch
):
    monkeypatch.setenv("KANBAN_NOW", _at(11, 9, 18).isoformat())
    metrics = json.loads(kanban("metrics", "--format", "json").out)
    assert metrics["throughput"]["per_day"][-1] == {"date": "2026-11-09", "count": 3}
    assert sum(d["count"] for d in metrics["throughput"]["per_day"]) == 9
    forecast = json.loads(kanban("forecast", "3", "--format", "json").out)
    assert forecast["finished_in_history"] == 6  # Monday is today: not complete yet
    monkeypatch.setenv("KANBAN_NOW", (_at(11, 9, 18) + timedelta(days=1)).isoformat())
    forecast = json.loads(kanban("forecast", "3", "--format", "json").out)
    assert (forecast["history_days"], forecast["finished_in_history"]) == (6, 9)
