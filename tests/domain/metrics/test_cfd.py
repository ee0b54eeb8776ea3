"""The CFD: per day, per column, cards that reached the column or a later one by the day's end."""

from __future__ import annotations

from kanban.domain.metrics.cfd import cumulative_flow
from tests.domain.metrics.log import DEV, DONE, READY, REVIEW, Log, at, on


def lines(cfd):
    return [list(day.counts) for day in cfd.days]


def test_a_simple_flow():
    log = Log()
    log.create(1, 0).path(1, (READY, 1), (DEV, 2), (REVIEW, 2), (DONE, 3))
    log.create(2, 1).move(2, DEV, 2)
    cfd = cumulative_flow(log.history(at(4)), on(0), on(3))
    assert cfd.columns == ("Backlog", "Ready", "In Progress", "Review", "Done")
    #                 Backlog Ready Dev Review Done
    assert lines(cfd) == [
        [1, 0, 0, 0, 0],  # d0: card 1 created
        [2, 1, 0, 0, 0],  # d1: card 2 created, card 1 in Ready
        [2, 2, 2, 1, 0],  # d2: card 1 passed In Progress into Review, card 2 in Progress
        [2, 2, 2, 1, 1],  # d3: card 1 done
    ]
    assert cfd.band(2) == (0, 0, 1, 1)  # cards in In Progress at each day's end
    assert cfd.line(4) == (0, 0, 0, 1)


def test_skipped_columns_are_passed_the_same_day():
    # Backlog -> Done on d1: the card reached every line on d1 (zero time in between)
    log = Log().create(1, 0).move(1, DONE, 1)
    assert lines(cumulative_flow(log.history(at(2)), on(0), on(1))) == [
        [1, 0, 0, 0, 0],
        [1, 1, 1, 1, 1],
    ]


def test_a_backward_move_forgets_the_later_entry_on_every_day():
    # Review d2, back to In Progress d3: the card never reached Review, also not on d2.
    log = Log().create(1, 0).path(1, (DEV, 1), (REVIEW, 2), (DEV, 3))
    cfd = cumulative_flow(log.history(at(4)), on(0), on(3))
    assert cfd.line(3) == (0, 0, 0, 0)
    assert cfd.line(2) == (0, 1, 1, 1)
    # when it reaches Review again (d5), it counts from then
    log.move(1, REVIEW, 5)
    assert cumulative_flow(log.history(at(6)), on(0), on(6)).line(3) == (0,) * 5 + (1, 1)


def test_earlier_arrivals_count_on_the_first_day_and_deleted_cards_never():
    log = Log().create(1, 0).move(1, DEV, 1).create(2, 0).delete(2, 5)
    assert lines(cumulative_flow(log.history(at(6)), on(3), on(4))) == [
        [1, 1, 1, 0, 0],
        [1, 1, 1, 0, 0],
    ]
