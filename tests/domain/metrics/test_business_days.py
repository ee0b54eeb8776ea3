"""Every metric on a business-day board, against a small history worked out by hand.

Day 0 is Monday 2 November 2026; day 5 is a Saturday, 6 a Sunday, 7 the next Monday. Now is
day 8 (Tuesday) 12:00 UTC.

====  ==================================================================================
card  what happens
====  ==================================================================================
1     day 0 Backlog; day 3 (Thu) -> Ready; day 4 (Fri) -> In Progress; day 7 (Mon) -> Done
2     day 5 (Sat) 09:00 Ready; 15:00 -> Done (started and finished the same Saturday)
3     day 1 (Tue) In Progress; blocked day 4 (Fri) 09:00, unblocked day 7 (Mon) 09:00
4     day 2 (Wed) Ready; day 6 (Sun) 10:00 -> In Progress
====  ==================================================================================
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from kanban.domain.metrics.blocked import blocked_times
from kanban.domain.metrics.board_metrics import board_metrics
from kanban.domain.metrics.cfd import cumulative_flow
from kanban.domain.metrics.constraint import band_growth
from kanban.domain.metrics.durations import (
    column_times,
    cycle_times,
    days_in_column,
    lead_times,
    work_item_ages,
)
from kanban.domain.metrics.efficiency import card_efficiency, flow_efficiency
from kanban.domain.metrics.forecast import (
    forecast_how_many,
    forecast_when,
    throughput_samples,
)
from kanban.domain.metrics.littles_law import littles_law
from kanban.domain.metrics.percentiles import service_level
from kanban.domain.metrics.throughput import per_week, throughput_per_day, wip_per_day
from kanban.domain.metrics.work_mix import finished_by_type_per_week
from kanban.domain.models import WorkType
from tests.domain.metrics.log import BACKLOG, DEV, DONE, READY, Log, at, on

HOUR = timedelta(hours=1)
NOW = at(8, 12)


def _log() -> Log:
    log = Log()
    log.create(1, 0).path(1, (READY, 3), (DEV, 4), (DONE, 7))
    log.create(2, 5, column=READY).move(2, DONE, 5, hour=15)
    log.create(3, 1, column=DEV).block(3, "vendor", 4).unblock(3, 7)
    log.create(4, 2, column=READY).move(4, DEV, 6, hour=10)
    return log


@pytest.fixture
def history():
    return _log().history(NOW, business_days=True)


def test_calendar_days_stay_the_default():
    calendar = _log().history(NOW)
    assert not calendar.business_days
    assert [c.days for c in cycle_times(calendar)] == [5, 1]  # Thu 3 -> Mon 7: 5 dates


def test_lead_and_cycle_times_count_business_days(history):
    # Card 1 started Thu 3, finished Mon 7: Thu, Fri, Mon = 3 (calendar: 5).
    # Card 2 started and finished the same Saturday: 1.
    assert [(c.card_id, c.days) for c in cycle_times(history)] == [(1, 3), (2, 1)]
    # Card 1 created Mon 0: Mon-Fri (5) + Mon 7 = 6 (calendar: 8).
    assert [(c.card_id, c.days) for c in lead_times(history)] == [(1, 6), (2, 1)]


def test_work_item_age_and_days_in_column(history):
    # Card 3 started Tue 1: Tue-Fri (4) + Mon, Tue = 6 (calendar 8); card 4 started Wed 2:
    # Wed-Fri (3) + Mon, Tue = 5 (calendar 7).
    assert [(a.card_id, a.days) for a in work_item_ages(history)] == [(3, 6), (4, 5)]
    card4 = history.cards[3]
    # In Progress since Sun 6: Mon, Tue = 2 (calendar 3).
    found = days_in_column(history, card4)
    assert (found.current, found.total) == (2, 2)


def test_column_times(history):
    times = {t.column_id: t for t in column_times(history)}
    # Ready: card 1 Thu-Fri 2, card 2 Sat-Sat 1 (never below 1), card 4 Wed-Sun 3 -> 6/3 = 2.
    assert (times[READY].stays, times[READY].mean_days) == (3, 2)
    # In Progress: card 1 Fri-Mon 2, card 3 Tue 1-Tue 8 6, card 4 Sun-Tue 2 -> 10/3.
    assert times[DEV].mean_days == pytest.approx(10 / 3)
    assert times[BACKLOG].mean_days == 4  # card 1, Mon 0 - Thu 3


def test_throughput_leaves_weekends_out_and_keeps_the_totals(history):
    daily = throughput_per_day(history, on(2), on(8))
    # Card 1 on Mon 7; card 2 finished on Saturday 5: it counts on Monday 7.
    assert [(d.day, d.count) for d in daily] == [
        (on(2), 0),
        (on(3), 0),
        (on(4), 0),
        (on(7), 2),
        (on(8), 0),
    ]
    weeks = per_week(daily)
    # ISO weeks; ``days`` counts business days: Wed-Fri, then Mon-Tue.
    assert [(w.week, w.count, w.days) for w in weeks] == [(on(0), 0, 3), (on(7), 2, 2)]
    mix = finished_by_type_per_week(history, on(2), on(8))
    business = {m.week: dict((c.type, c.count) for c in m.counts)[WorkType.BUSINESS] for m in mix}
    assert business == {on(0): 0, on(7): 2}  # the Saturday finish is in Monday's week


def test_wip_and_the_cfd_at_the_end_of_each_business_day(history):
    # End of Wed 2: cards 3, 4. Thu 3 and Fri 4: + card 1. Mon 7: card 1 done -> 3, 4.
    wip = wip_per_day(history, on(2), on(8))
    assert [(d.day, d.count) for d in wip] == [
        (on(2), 2),
        (on(3), 3),
        (on(4), 3),
        (on(7), 2),
        (on(8), 2),
    ]
    cfd = cumulative_flow(history, on(2), on(8))
    assert [d.day for d in cfd.days] == [on(2), on(3), on(4), on(7), on(8)]
    # Lines Backlog, Ready, In Progress, Review, Done (reached that column or a later one):
    # Wed: card 1 in Backlog, card 4 in Ready, card 3 in Progress -> (3, 2, 1, 0, 0).
    # Thu: card 1 to Ready -> (3, 3, 1, 0, 0). Fri: card 1 to In Progress -> (3, 3, 2, 0, 0).
    # Mon (after Saturday's card 2, done, and Sunday's card 4 move): (4, 4, 4, 2, 2).
    assert [d.counts for d in cfd.days] == [
        (3, 2, 1, 0, 0),
        (3, 3, 1, 0, 0),
        (3, 3, 2, 0, 0),
        (4, 4, 4, 2, 2),
        (4, 4, 4, 2, 2),
    ]


def test_blocked_time_and_flow_efficiency_leave_weekend_time_out(history):
    # Card 3 blocked Fri 09:00 -> Mon 09:00: 15 hours of Friday + 9 of Monday = 1 day
    # (calendar: 3 days).
    [blocked] = blocked_times(history)
    assert (blocked.card_id, blocked.days) == (3, 1.0)
    # Card 1: cycle Thu 09:00 -> Mon 09:00 = 15h + 24h + 9h = 48h; active (In Progress)
    # Fri 09:00 -> Mon 09:00 = 24h: 0.5 (calendar: 72h / 96h = 0.75).
    found = card_efficiency(history, history.cards[0])
    assert (found.active, found.cycle, found.ratio) == (24 * HOUR, 48 * HOUR, 0.5)
    # Card 2's whole cycle fell on Saturday: no business time, no efficiency.
    assert card_efficiency(history, history.cards[1]).ratio is None
    overall = flow_efficiency(history)
    assert (overall.n, overall.ratio) == (1, 0.5)


def test_littles_law_averages_per_business_day(history):
    law = littles_law(history, on(2), on(8))
    # WIP before the window: end of Tue 1 (the business day before) = card 3 -> 1.
    # Per business day Wed, Thu, Fri, Mon, Tue: WIP 2, 3, 3, 2, 2 -> 12/5 = 2.4; finished 2
    # -> 0.4 a day; predicted 2.4 / 0.4 = 6. Arrivals: card 1 (Thu), card 2 (Sat -> Mon),
    # card 4 (Wed) = 3; departures 2; WIP 1 -> 2 (= 3 - 2).
    assert (law.average_wip, law.average_throughput) == (2.4, 0.4)
    assert law.predicted_cycle_time == pytest.approx(6)
    assert (law.arrivals, law.departures, law.wip_start, law.wip_end) == (3, 2, 1, 2)
    assert law.mean_cycle_time == 2  # (3 + 1) / 2, business days
    assert law.stable


def test_percentiles_and_the_sle_read_business_days():
    # Five cards each started on a Friday and finished on the Monday after: 2 business days
    # each (calendar: 4), so the 85th percentile, the SLE, is 2.
    log = Log()
    for card in range(1, 6):
        log.create(card, 4, column=DEV).move(card, DONE, 7)
    history = log.history(at(8), business_days=True)
    assert service_level(history).days == 2
    assert service_level(log.history(at(8))).days == 4
    assert board_metrics(history).cycle_time.p85 == 2


def test_forecast_samples_are_the_last_complete_business_days(history):
    # Today is Tue 8: the last 5 complete business days are Tue 1, Wed 2, Thu 3, Fri 4, Mon 7.
    assert throughput_samples(history, 5) == (0, 0, 0, 0, 2)


def test_the_forecast_steps_over_business_days():
    # 2 a business day, today (Fri 4) counted as day 1: 9 items need 5 business days:
    # Fri 4, Mon 7, Tue 8, Wed 9, Thu 10 -> Thu 10 (calendar: Tue 8).
    found = forecast_when([2] * 30, 9, on(4), seed=1, business_days=True)
    assert (found.p50, found.p70, found.p85, found.p95) == (on(10),) * 4
    assert forecast_when([2] * 30, 9, on(4), seed=1).p85 == on(8)
    # On a Saturday the first forecast day is Monday 7: Mon-Fri -> Fri 11.
    assert forecast_when([2] * 30, 9, on(5), seed=1, business_days=True).p85 == on(11)
    assert forecast_when([2] * 30, 1, on(6), seed=1, business_days=True).p85 == on(7)
    # How many by Thu 10 from Fri 4: Fri, Mon, Tue, Wed, Thu = 5 business days -> 10 items.
    many = forecast_how_many([2] * 30, on(4), on(10), seed=1, business_days=True)
    assert (many.p50, many.p85, many.p95) == (10, 10, 10)
    assert forecast_how_many([2] * 30, on(5), on(6), seed=1, business_days=True).p85 == 0


def test_the_ten_year_horizon_counts_its_business_days():
    # Fri 6 Nov 2026 + 3,650 days is Mon 3 Nov 2036; the business days from one to the other:
    # 2,607. At 2 a day, 5,214 items are done on that Monday exactly, one more is not within
    # ten years.
    last = on(4) + timedelta(days=3650)
    assert last.weekday() == 0
    exact = forecast_when([2] * 30, 5_214, on(4), seed=1, business_days=True)
    assert exact.p50 == exact.p95 == exact.horizon == last
    beyond = forecast_when([2] * 30, 5_215, on(4), seed=1, business_days=True)
    assert (beyond.p50, beyond.horizon) == (None, last)
    assert forecast_how_many([2] * 30, on(4), last, seed=1, business_days=True).p50 == 5_214


def test_the_constraint_reads_the_cfd_on_a_weekend():
    # Now is Sunday 13: the CFD has business dates only; the bands are read at the end of
    # Friday 11 and of the business day 14 days before Sunday (Sun -1 -> Fri -2).
    history = _log().history(at(13), business_days=True)
    bands = {b.column: (b.before, b.now) for b in band_growth(history)}
    assert bands["In Progress"] == (0, 2)  # cards 3 and 4
