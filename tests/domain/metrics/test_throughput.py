"""Throughput per day and week (zero days count), WIP per day."""

from __future__ import annotations

from kanban.domain.metrics.throughput import throughput_per_day, throughput_per_week, wip_per_day
from tests.domain.metrics.log import BACKLOG, DEV, DONE, READY, Log, at, on


def counts(days):
    return [d.count for d in days]


def test_throughput_per_day_counts_days_with_none_as_zero():
    log = Log()
    for card, day in [(1, 1), (2, 1), (3, 3)]:
        log.create(card, 0).path(card, (DEV, 0), (DONE, day))
    days = throughput_per_day(log.history(at(4)), on(0), on(4))
    assert [d.day for d in days] == [on(i) for i in range(5)]
    assert counts(days) == [0, 2, 0, 1, 0]


def test_a_reopened_cards_earlier_finish_no_longer_counts():
    # done d1, reopened d2, done again d3: counted on d3 only
    log = Log().create(1, 0).path(1, (DEV, 0), (DONE, 1), (DEV, 2), (DONE, 3))
    assert counts(throughput_per_day(log.history(at(4)), on(0), on(4))) == [0, 0, 0, 1, 0]


def test_deleted_cards_do_not_count():
    log = Log().create(1, 0).path(1, (DEV, 0), (DONE, 1)).delete(1, 2)
    assert counts(throughput_per_day(log.history(at(3)), on(0), on(3))) == [0, 0, 0, 0]


def test_throughput_per_week_sums_monday_to_sunday():
    # MONDAY is d0: d0..d6 is one week, d7.. the next. Window d3..d9: the first week has 4
    # days in it (Thu-Sun), the second 3 (Mon-Wed).
    log = Log()
    for card, day in [(1, 3), (2, 6), (3, 7), (4, 2)]:
        log.create(card, 0).path(card, (DEV, 0), (DONE, day))
    weeks = throughput_per_week(log.history(at(10)), on(3), on(9))
    assert [(w.week, w.count, w.days) for w in weeks] == [(on(0), 2, 4), (on(7), 1, 3)]


def test_wip_per_day_counts_started_unfinished_cards_at_the_end_of_each_day():
    log = Log()
    log.create(1, 0).path(1, (READY, 1), (DEV, 2), (DONE, 3))  # WIP at the end of d1, d2
    log.create(2, 0).move(2, DEV, 2)  # WIP from d2 on
    log.create(3, 0).path(3, (READY, 1), (BACKLOG, 2))  # WIP on d1; back in the backlog d2 ->
    # its entry into Ready is forgotten: never WIP
    log.create(4, 0).path(4, (DEV, 1), (DONE, 1))  # same-day: never WIP at a day's end
    assert counts(wip_per_day(log.history(at(4)), on(0), on(4))) == [0, 1, 2, 1, 1]


def test_a_reopened_card_is_wip_again_on_the_days_it_spent_in_done():
    # In Progress d1, Done d2, reopened d4: WIP d1..d4 and on
    log = Log().create(1, 0).path(1, (DEV, 1), (DONE, 2), (DEV, 4))
    assert counts(wip_per_day(log.history(at(5)), on(0), on(5))) == [0, 1, 1, 1, 1, 1]
