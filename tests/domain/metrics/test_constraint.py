"""The constraint's evidence from the history: the fastest-growing queue (CFD band over the last
14 days) and the longest average time in column, beside the current rule's verdict."""

from __future__ import annotations

from kanban.domain.bottleneck import OLDEST_WORK, Bottleneck
from kanban.domain.metrics.cfd import cumulative_flow
from kanban.domain.metrics.constraint import (
    BandGrowth,
    SlowColumn,
    band_growth,
    find_constraint,
)
from kanban.domain.metrics.durations import column_times
from tests.domain.metrics.log import COLUMNS, DEV, DONE, READY, REVIEW, Log, at, on


def _log() -> Log:
    # Today is d20; the band is read at the end of d6 and of d20.
    log = Log()
    log.create(1, 0).path(1, (DEV, 2), (REVIEW, 5))  # DEV d2-d5: 4 days; Review d5-now: 16
    log.create(2, 0).path(2, (DEV, 4))  # DEV d4-now: 17 days
    log.create(3, 1).path(3, (DEV, 3), (REVIEW, 10), (DONE, 12))  # DEV 8 days, Review 3
    log.create(4, 8).path(4, (REVIEW, 15))  # Ready and DEV skipped; Review d15-now: 6
    log.create(5, 9).path(5, (DEV, 9), (REVIEW, 18))  # DEV 10 days, Review 3
    log.create(6, 0).path(6, (READY, 1))  # Ready d1-now: 20 days
    return log


def test_bands_fourteen_days_ago_and_now():
    history = _log().history(at(20, 12))
    # end of d6: Ready {6}, In Progress {2, 3}, Review {1}; now: {6}, {2}, {1, 4, 5}
    assert band_growth(history) == (
        BandGrowth("Ready", 1, 1),
        BandGrowth("In Progress", 2, 1),
        BandGrowth("Review", 1, 3),
    )


def test_a_cfd_covering_the_days_is_read_as_is():
    history = _log().history(at(20, 12))
    expected = band_growth(history)
    assert band_growth(history, cfd=cumulative_flow(history, on(0), on(20))) == expected
    assert band_growth(history, cfd=cumulative_flow(history, on(10), on(20))) == expected  # short
    assert band_growth(history, cfd=cumulative_flow(history, on(0), on(19))) == expected  # old


def test_the_verdict_is_the_current_rule_with_the_history_as_evidence():
    history = _log().history(at(20, 12))
    current = Bottleneck(COLUMNS[1], OLDEST_WORK, "Ready holds the oldest work")
    # mean days per stay: Ready 20/1; In Progress (4+17+8+10)/4 = 9.75; Review (16+3+6+3)/4 = 7
    found = find_constraint(current, history, column_times(history))
    assert (found.column, found.rule) == ("Ready", OLDEST_WORK)
    assert found.growth == BandGrowth("Review", 1, 3)
    assert found.slowest == SlowColumn("Ready", 20.0, 1)
    assert found.evidence == (
        "Ready holds the oldest work",
        "Review grew the most in the last 14 days (1 → 3 cards: its CFD band widened)",
        "Ready has the longest average time in column (20.0 days per stay, 1 stay)",
    )
    # The backlog and done columns are never named, whatever their bands and stays.
    assert found.slowest.column not in ("Backlog", "Done")


def test_no_growth_and_no_work_in_progress_are_said():
    log = Log().create(1, 0).path(1, (DEV, 1), (DONE, 2))
    history = log.history(at(20, 12))
    found = find_constraint(None, history, column_times(history))
    assert found.column is None and found.growth is None
    assert found.evidence == (
        "no work in progress",
        "no column's CFD band widened in the last 14 days",
        "In Progress has the longest average time in column (2.0 days per stay, 1 stay)",
    )
