"""Lead time, cycle time, work item age and days in column by the counting rule
date(end) - date(start) + 1, in local dates."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from kanban.domain.metrics.durations import (
    column_times,
    cycle_times,
    days_in_column,
    lead_times,
    work_item_ages,
)
from tests.domain.metrics.log import BACKLOG, DEV, DONE, READY, REVIEW, Log, at, on


def test_lead_and_cycle_time_count_both_ends():
    # created d0, started d2, finished d5:
    # lead time  = 5 - 0 + 1 = 6 days, cycle time = 5 - 2 + 1 = 4 days
    log = Log().create(1, 0).path(1, (READY, 2), (DEV, 3), (DONE, 5))
    history = log.history(at(6))
    (lead,) = lead_times(history)
    (cycle,) = cycle_times(history)
    assert (lead.start, lead.end, lead.days) == (on(0), on(5), 6)
    assert (cycle.start, cycle.end, cycle.days) == (on(2), on(5), 4)


def test_a_card_started_and_finished_the_same_day_has_cycle_time_1():
    # 09:00 to 17:00 on d3: 3 - 3 + 1 = 1
    log = Log().create(1, 0).move(1, DEV, 3, hour=9).move(1, DONE, 3, hour=17)
    assert [c.days for c in cycle_times(log.history(at(4)))] == [1]


def test_a_card_moved_straight_from_backlog_to_done_has_cycle_time_1():
    # skipped columns: zero time in them; start = finish = d2 -> 1 day
    log = Log().create(1, 0).move(1, DONE, 2)
    (cycle,) = cycle_times(log.history(at(3)))
    assert cycle.days == 1


def test_a_backward_move_keeps_the_start_date():
    # started d1, back from Review to In Progress d4, done d6: cycle 6 - 1 + 1 = 6
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (REVIEW, 3), (DEV, 4), (DONE, 6))
    assert [c.days for c in cycle_times(log.history(at(7)))] == [6]


def test_a_reopened_card_keeps_its_start_and_only_its_last_finish_counts():
    # started d1, done d2, reopened d3, done again d5: one cycle time, 5 - 1 + 1 = 5,
    # finished on d5 (a window ending d4 has no finished card).
    log = Log().create(1, 0).path(1, (DEV, 1), (DONE, 2), (DEV, 3), (DONE, 5))
    history = log.history(at(6))
    assert [(c.end, c.days) for c in cycle_times(history)] == [(on(5), 5)]
    assert cycle_times(history, on(0), on(4)) == ()


def test_the_window_is_by_finish_date_inclusive():
    log = Log().create(1, 0).path(1, (DEV, 1), (DONE, 2)).create(2, 0).path(2, (DEV, 1), (DONE, 4))
    history = log.history(at(5))
    assert [c.card_id for c in cycle_times(history, on(2), on(3))] == [1]
    assert [c.card_id for c in cycle_times(history, on(3), on(4))] == [2]


def test_days_are_local_dates():
    # 22:30 UTC on d0 is 23:30 in Berlin (d0); 23:30 UTC on d1 is 00:30 on d2 in Berlin.
    # UTC: 1 - 0 + 1 = 2 days; Berlin: 2 - 0 + 1 = 3 days.
    log = Log().create(1, 0).move(1, DEV, 0, hour=22.5).move(1, DONE, 1, hour=23.5)
    assert [c.days for c in cycle_times(log.history(at(3)))] == [2]
    berlin = log.history(at(3), tz=ZoneInfo("Europe/Berlin"))
    assert [(c.end, c.days) for c in cycle_times(berlin)] == [(on(2), 3)]


def test_work_item_age_is_for_started_unfinished_cards_the_oldest_first():
    log = Log().create(1, 0).move(1, READY, 1)  # started d1: on d4, 4 - 1 + 1 = 4
    log.create(2, 0).move(2, DEV, 4)  # started today: 1
    log.create(3, 0)  # not started: no age
    log.create(4, 0).path(4, (DEV, 1), (DONE, 2))  # finished: no age
    log.create(5, 0).path(5, (DEV, 1), (BACKLOG, 2))  # moved back to the backlog: not WIP
    ages = work_item_ages(log.history(at(4, 12)))
    assert [(a.card_id, a.column_id, a.days) for a in ages] == [(1, READY, 4), (2, DEV, 1)]


def test_days_in_column_current_stay_and_total_over_all_stays():
    # In Progress d1..d3 (3 dates), Review d3..d5, back in In Progress from d5 to now (d6):
    # current stay d5..d6 = 2 days; total dates in In Progress: d1, d2, d3, d5, d6 = 5.
    log = Log().create(1, 0).path(1, (DEV, 1), (REVIEW, 3), (DEV, 5))
    history = log.history(at(6))
    days = days_in_column(history, history.cards[0])
    assert (days.column_id, days.current, days.total) == (DEV, 2, 5)


def test_two_stays_on_one_day_count_that_day_once():
    log = Log().create(1, 0).move(1, DEV, 1, hour=9).move(1, REVIEW, 1, hour=10)
    log.move(1, DEV, 1, hour=11)
    history = log.history(at(1, 12))
    days = days_in_column(history, history.cards[0])
    assert (days.current, days.total) == (1, 1)


def test_column_times_average_the_stays_and_skipped_columns_have_none():
    # card 1: Ready d1..d2 (2 days), In Progress d2..d4 (3 days), Done
    # card 2: In Progress d2..d2 (1 day), Done (Ready skipped)
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (DONE, 4))
    log.create(2, 0).path(2, (DEV, 2), (DONE, 2))
    times = {t.column_id: t for t in column_times(log.history(at(4, 12)), on(1), on(4))}
    assert (times[READY].stays, times[READY].mean_days) == (1, 2)
    assert (times[DEV].stays, times[DEV].mean_days) == (2, 2)  # (3 + 1) / 2
    assert (times[REVIEW].stays, times[REVIEW].mean_days) == (0, None)
