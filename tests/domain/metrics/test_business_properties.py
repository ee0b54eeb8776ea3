"""The properties of tests/domain/metrics/test_properties.py on business days: the same random
histories, read by a board that counts Monday-Friday only."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from kanban.domain.calendar import next_business_day
from kanban.domain.metrics.cfd import cumulative_flow
from kanban.domain.metrics.durations import cycle_times, lead_times, work_item_ages
from kanban.domain.metrics.throughput import throughput_per_day, wip_per_day
from tests.domain.metrics.test_properties import histories


@settings(deadline=None)
@given(histories())
def test_series_hold_business_dates_lines_rise_and_every_finish_counts_once(calendar):
    history = replace(calendar, business_days=True)
    start, end = history.first_day, next_business_day(history.today)
    cfd = cumulative_flow(history, start, end)
    assert all(d.day.weekday() < 5 for d in cfd.days)
    for before, after in zip(cfd.days, cfd.days[1:], strict=False):
        assert all(a >= b for a, b in zip(after.counts, before.counts, strict=True))
    started, done = cfd.line(history.start_rank), cfd.line(history.done_rank)
    wip = wip_per_day(history, start, end)
    assert [d.count for d in wip] == [s - f for s, f in zip(started, done, strict=True)]
    daily = throughput_per_day(history, start, end)
    assert [d.day for d in daily] == [d.day for d in cfd.days]
    assert [d.count for d in daily] == [b - a for a, b in zip((0, *done), done, strict=False)]
    # A weekend finish moves to the next business day, never out of the series: totals kept.
    assert sum(d.count for d in daily) == sum(c.finished is not None for c in history.cards)


@settings(deadline=None)
@given(histories())
def test_business_days_never_exceed_calendar_days(calendar):
    history = replace(calendar, business_days=True)
    for read in (cycle_times, lead_times):
        pairs = zip(read(history), read(calendar), strict=True)
        assert all(1 <= b.days <= c.days for b, c in pairs)
    ages = {a.card_id: a.days for a in work_item_ages(calendar)}
    assert all(1 <= a.days <= ages[a.card_id] for a in work_item_ages(history))
