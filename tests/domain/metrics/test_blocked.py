"""Blocked time per card and the most common blocker reasons."""

from __future__ import annotations

from datetime import timedelta

from kanban.domain.metrics.blocked import blocked_times, blocker_reasons
from tests.domain.metrics.log import DEV, Log, at, on

HOUR = timedelta(hours=1)


def history():
    log = Log().create(1, 0, column=DEV).create(2, 0, column=DEV).create(3, 0, column=DEV)
    log.block(1, "Waiting on the vendor", 1, hour=9).unblock(1, 1, hour=15)  # 6 h
    log.block(1, "Needs Brent", 2, hour=9).unblock(1, 3, hour=9)  # 24 h
    log.block(2, "waiting on the vendor ", 2, hour=12)  # still blocked at d4 12:00: 48 h
    log.block(3, "oops", 2).unblock(3, 2, hour=10, undo=True)  # undone: never blocked
    return log.history(at(4, 12))


def test_blocked_time_is_summed_per_card_the_longest_first():
    found = blocked_times(history())
    assert [(b.card_id, b.total, b.spans, b.blocked_now) for b in found] == [
        (2, 48 * HOUR, 1, True),
        (1, 30 * HOUR, 2, False),  # 6 h + 24 h
    ]
    assert found[0].days == 2


def test_the_window_takes_the_blocks_that_started_in_it():
    assert [(b.card_id, b.total) for b in blocked_times(history(), on(1), on(1))] == [(1, 6 * HOUR)]


def test_reasons_most_common_first_grouped_ignoring_case_and_spaces():
    found = blocker_reasons(history())
    assert [(r.reason, r.count, r.total) for r in found] == [
        ("Waiting on the vendor", 2, 54 * HOUR),  # 6 h + 48 h
        ("Needs Brent", 1, 24 * HOUR),
    ]
