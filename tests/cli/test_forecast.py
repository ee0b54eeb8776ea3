"""``kanban forecast`` against a history whose answer is known: two cards finished every day of
the 30 complete days before Tuesday 24 Nov 2026 (tests/cli/histories.py: ``steady_history``),
written through the service.

Today counts as the first day: 9 items need 5 days (2+2+2+2+2 >= 9), so they are done on or
before Sat 28 Nov in every trial, at every probability; by Mon 30 Nov (7 days, today included)
exactly 14 are done.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from kanban.services import KanbanService
from tests.cli.conftest import files_of
from tests.cli.histories import NOW, at, built_once, copy_built, steady_history
from tests.conftest import MutableClock

_built = built_once(steady_history, "steady")


@pytest.fixture
def board(db: Path, _built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_built(_built, db, monkeypatch)


def test_constant_throughput_gives_an_exact_date(board, kanban):
    result = kanban("forecast", "9", "--seed", "1", "--format", "json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == {
        "board": "Kanban",
        "today": "2026-11-24",
        "items": 9,
        "trials": 10_000,
        "history_days": 30,
        "finished_in_history": 60,
        "seed": 1,
        "when": {"50": "2026-11-28", "70": "2026-11-28", "85": "2026-11-28", "95": "2026-11-28"},
        "horizon": "2036-11-21",
    }


def test_how_many_by_a_date(board, kanban):
    data = json.loads(
        kanban("forecast", "9", "--by", "2026-11-30", "--seed", "3", "--format", "json").out
    )
    assert data["how_many"] == {"50": 14, "70": 14, "85": 14, "95": 14}
    assert data["by"] == "2026-11-30"
    assert data["when"]["85"] == "2026-11-28"
    today = json.loads(kanban("forecast", "1", "--by", "2026-11-24", "--format", "json").out)
    assert today["how_many"]["95"] == 2 and today["when"]["50"] == "2026-11-24"


def test_text(board, kanban):
    result = kanban("forecast", "10", "--by", "2026-11-30", "--seed", "1")
    assert result.code == 0
    assert result.out == (
        "Kanban forecast, today Tue 24 Nov 2026\n"
        "From the daily throughput of the last 30 complete days (Sun 25 Oct – Mon 23 Nov: 60 "
        "finished)\n"
        "10 items done on or before (10,000 trials):\n"
        "  50%: Sat 28 Nov 2026\n"
        "  70%: Sat 28 Nov 2026\n"
        "  85%: Sat 28 Nov 2026\n"
        "  95%: Sat 28 Nov 2026\n"
        "By Mon 30 Nov 2026 (today included), at least:\n"
        "  50%: 14 items\n"
        "  70%: 14 items\n"
        "  85%: 14 items\n"
        "  95%: 14 items\n"
    )


def test_a_shorter_history_samples_fewer_days(board, kanban):
    data = json.loads(kanban("forecast", "4", "--history", "3", "--format", "json").out)
    assert (data["history_days"], data["finished_in_history"]) == (3, 6)
    assert data["when"]["95"] == "2026-11-25"  # 2 a day: today and tomorrow


def test_too_little_history_says_so_and_exits_0(db, kanban, monkeypatch):
    # A new board: one card finished yesterday, one today (today is not sampled).
    clock = MutableClock(at(11, 23))
    service = KanbanService.open(db, clock=clock)
    for title in ("yesterday", "today"):
        card = service.add_card(service.board().id, title, column="In Progress").card
        service.move_card(card.id, "Done")
        clock.set(NOW)
    service.close()
    monkeypatch.setenv("KANBAN_NOW", NOW.isoformat())
    result = kanban("forecast", "5")
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith(
        "Not enough history: 1 finished in the last 1 complete days (need 5): no forecast\n"
    )
    data = json.loads(kanban("forecast", "5", "--by", "2026-12-01", "--format", "json").out)
    assert data["when"] == {"50": None, "70": None, "85": None, "95": None}
    assert data["how_many"] == {"50": None, "70": None, "85": None, "95": None}
    assert data["reason"] == "not enough history: 1 finished in the last 1 complete days (need 5)"
    assert (data["history_days"], data["finished_in_history"]) == (1, 1)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["forecast", "0"], "argument N: a whole number of at least 1, not '0'"),
        (["forecast", "-3"], "argument N: a whole number of at least 1, not '-3'"),
        (["forecast", "ten"], "argument N: a whole number of at least 1, not 'ten'"),
        (["forecast", "2.5"], "argument N: a whole number of at least 1, not '2.5'"),
        (["forecast"], "the following arguments are required: N"),
        (["forecast", "5", "--by", "30/11/2026"], "argument --by: a date is YYYY-MM-DD"),
        (["forecast", "5", "--by", "2026-02-30"], "argument --by: a date is YYYY-MM-DD"),
        (
            ["forecast", "5", "--by", "2026-11-23"],
            "--by 2026-11-23 is in the past (today is 2026-11-24)",
        ),
        (["forecast", "5", "--history", "0"], "argument --history: a whole number of at least 1"),
        (
            ["forecast", "5", "--seed", "x"],
            "argument --seed: a whole number of at least 0, not 'x'",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(board, kanban, argv, message):
    before = files_of(board)
    result = kanban(*argv)
    assert (result.code, result.out) == (2, "")
    assert len(result.err_lines) == 1 and message in result.err
    assert "Traceback" not in result.err
    assert files_of(board) == before


def test_a_date_past_the_ten_year_horizon_is_refused(board, kanban):
    before = files_of(board)
    for by in ("2036-11-22", "9999-12-31"):
        result = kanban("forecast", "5", "--by", by)
        assert (result.code, result.out) == (2, "")
        assert result.err_lines == [
            f"kanban: error: --by {by} is beyond the forecast's horizon of 3,650 days "
            "(ten years, to 2036-11-21)"
        ]
    assert files_of(board) == before


def test_more_items_than_ten_years_can_finish_answer_not_within_ten_years(board, kanban):
    started = time.perf_counter()
    result = kanban("forecast", "1000000")
    assert time.perf_counter() - started < 60  # it ran for ever; speed is the benchmark's
    assert result.code == 0
    assert "  85%: not within ten years (later than Fri 21 Nov 2036)" in result.out.splitlines()


@pytest.mark.parametrize(
    "argv",
    [
        ["forecast", "5000", "--by", "2036-11-21"],
        ["forecast", "7000", "--by", "2036-11-21"],
    ],
)
def test_the_longest_accepted_forecasts_take_seconds_not_forever(board, kanban, argv):
    started = time.perf_counter()
    result = kanban(*argv, "--seed", "1")
    assert result.code == 0 and "By Fri 21 Nov 2036" in result.out
    assert time.perf_counter() - started < 60  # it ran for ever; speed is the benchmark's
