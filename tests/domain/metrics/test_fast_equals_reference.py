"""The metrics, made fast (one pass per metric, dates memoised, the CFD and the WIP from
running counts, moments before a window left unconverted), equal their definitions
(``reference``) on random histories: any window, business days or not, a column removed or
not, zones with and without daylight saving time."""

from __future__ import annotations

from copy import deepcopy
from datetime import UTC, date, datetime, timedelta
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from kanban.domain.aging import local_date
from kanban.domain.calendar import previous_business_day
from kanban.domain.metrics import blocked, durations, efficiency, littles_law, queueing, work_mix
from kanban.domain.metrics import cfd as cfd_module
from kanban.domain.metrics import history as history_module
from kanban.domain.metrics import throughput as throughput_module
from kanban.domain.metrics.board_metrics import board_metrics
from kanban.domain.metrics.constraint import BAND_DAYS, band_growth, lines_at_ends
from kanban.domain.metrics.local_days import local_day
from kanban.domain.metrics.percentiles import service_level, summarize
from kanban.domain.standup_flow import standup_flow
from tests.domain.metrics import reference
from tests.domain.metrics.test_properties import logs

WINDOWED = {
    "cycle_times": durations.cycle_times,
    "lead_times": durations.lead_times,
    "column_times": durations.column_times,
    "throughput_per_day": throughput_module.throughput_per_day,
    "wip_per_day": throughput_module.wip_per_day,
    "cumulative_flow": cfd_module.cumulative_flow,
    "flow_efficiency": efficiency.flow_efficiency,
    "blocked_times": blocked.blocked_times,
    "blocker_reasons": blocked.blocker_reasons,
    "unplanned_share": work_mix.unplanned_share,
    "finished_by_type_per_week": work_mix.finished_by_type_per_week,
    "littles_law": littles_law.littles_law,
}


@st.composite
def boards(draw):
    """A random history (a column removed or not, business days or not) and a window."""
    log, now, tz = draw(logs())
    if draw(st.booleans()):
        occupied = set(log.where.values())
        empty = [c.id for c in log.columns if c.id not in occupied]
        if empty:
            log = deepcopy(log).remove_column(draw(st.sampled_from(empty)), now)
    history = log.history(now, tz, business_days=draw(st.booleans()))
    start = history.first_day + timedelta(days=draw(st.integers(-10, 40)))
    end = start + timedelta(days=draw(st.integers(0, 40)))
    return history, start, end


@settings(deadline=None, max_examples=300)
@given(boards())
def test_each_metric_equals_its_definition(board):
    history, start, end = board
    for name, fast in WINDOWED.items():
        assert fast(history, start, end) == getattr(reference, name)(history, start, end), name
    assert durations.cycle_times(history) == reference.cycle_times(history)
    assert durations.lead_times(history) == reference.lead_times(history)
    assert durations.column_times(history) == reference.column_times(history)
    assert durations.work_item_ages(history) == reference.work_item_ages(history)
    assert queueing.column_waits(history) == reference.column_waits(history)
    for card in history.cards:
        assert efficiency.card_efficiency(history, card) == reference.card_efficiency(history, card)


@settings(deadline=None, max_examples=300)
@given(boards(), st.one_of(st.none(), st.integers(1, 20)))
def test_board_metrics_equal_the_metrics_read_one_by_one(board, sle):
    history, start, end = board
    found = board_metrics(history, start, end, sle)
    cycles = reference.cycle_times(history, start, end)
    assert found.cycle_times == cycles
    assert found.cycle_time == summarize([c.days for c in cycles])
    assert found.sle == service_level(history, start, end, sle)
    assert found.wip == reference.wip_per_day(history, start, end)
    assert found.cfd == reference.cumulative_flow(history, start, end)
    assert found.littles_law == reference.littles_law(history, start, end)
    assert found.column_times == reference.column_times(history, start, end)
    assert found.work_mix == reference.finished_by_type_per_week(history, start, end)


@settings(deadline=None, max_examples=200)
@given(boards(), st.integers(0, 30))
def test_the_finish_dates_are_each_finished_cards_local_dates(board, back):
    """``History.finishes`` (each finished card's dates, found once for every metric) by
    bisection over the last ``FINISH_DAYS`` days, converting earlier moments: the plain
    conversions, whatever that span."""
    history = board[0]
    with patch.object(history_module, "FINISH_DAYS", back):
        found = history.finishes()
    tz = history.tz
    assert found == [
        (
            card,
            local_date(card.created, tz),
            None if card.started is None else local_date(card.started, tz),
            local_date(card.finished, tz),
        )
        for card in history.cards
        if card.finished is not None
    ]
    assert all(type(day) is date for finish in found for day in finish[1:] if day is not None)


@settings(deadline=None, max_examples=200)
@given(boards(), st.integers(0, 20))
def test_the_lines_at_two_days_ends_are_the_cfds(board, back):
    """``lines_at_ends`` (the band growth without the days between) reads the CFD's counts
    on its first and last day; so the band growth equals the one read from the CFD."""
    history, _start, end = board
    first = end - timedelta(days=back)
    rows = cfd_module.reach_per_day(history, first, end, cfd_module.column_ranks(history))
    assert [list(line) for line in lines_at_ends(history, first, end)] == [rows[0], rows[-1]]
    start, today = history.today - timedelta(days=BAND_DAYS), history.today
    if history.business_days:
        start, today = previous_business_day(start), previous_business_day(today)
    cfd = cfd_module.cumulative_flow(history, start, today)
    assert band_growth(history) == band_growth(history, cfd=cfd)


@settings(deadline=None)
@given(boards(), st.integers(-5, 40), st.one_of(st.none(), st.integers(1, 20)))
def test_the_standups_flow_equals_its_definition(board, days, sle):
    history = board[0]
    since = history.first_day + timedelta(days=days)
    assert standup_flow(history, since, sle) == reference.standup_flow(history, since, sle)


MIDNIGHT_SWITCHES = ["America/Havana", "America/Santiago", "Asia/Beirut", "America/Asuncion"]
ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    *MIDNIGHT_SWITCHES,
]


@given(
    st.datetimes(datetime(2019, 1, 1), datetime(2031, 1, 1)),  # noqa: DTZ001 (naive: UTC below)
    st.sampled_from(ZONES),
    st.booleans(),
)
def test_a_moments_local_day_is_its_local_date_in_any_zone(moment, name, pendulum_zone):
    """Across daylight saving changes too, also those at local midnight, with the zones the
    CLI gives (pendulum's) and the standard library's."""
    tz = pendulum.timezone(name) if pendulum_zone else ZoneInfo(name)
    utc = moment.replace(tzinfo=UTC)
    assert local_day(utc, tz) == local_date(utc, tz)
    assert type(local_day(utc, tz)) is type(local_date(utc, tz))


def test_every_quarter_hour_of_a_year_has_its_local_date_in_every_zone():
    """Each change of offset of 2026 passed by, in steps a quarter of an hour apart."""
    moments = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=15 * i) for i in range(35040)]
    for name in ZONES:
        tz = pendulum.timezone(name)
        assert [local_day(m, tz) for m in moments] == [local_date(m, tz) for m in moments], name
