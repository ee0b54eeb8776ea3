from datetime import UTC, date, datetime, timedelta

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kanban.domain.aging import (
    AgingBasis,
    AgingRule,
    DayCount,
    aging_rule,
    card_aging,
    days_in_column,
    elapsed_days,
    local_date,
)
from kanban.domain.models import Aging, Board, ColumnKind
from tests.domain.factories import card, column

UTC_ZONE = pendulum.timezone("UTC")
FIXED = AgingRule.fixed(Board(1, "b"))


def test_entered_today_is_one_day() -> None:
    start = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
    assert elapsed_days(start, datetime(2026, 11, 24, 23, 59, tzinfo=UTC), UTC_ZONE) == 1


def test_days_are_counted_in_local_dates() -> None:
    # 23:30 UTC on the 23rd is already the 24th in Berlin; 09:00 UTC on the 24th is the 24th:
    # the same local day, so 1 day, although the UTC dates differ.
    berlin = pendulum.timezone("Europe/Berlin")
    start = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    end = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert elapsed_days(start, end, berlin) == 1
    assert elapsed_days(start, end, UTC_ZONE) == 2


@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, Aging.OK), (2, Aging.OK), (3, Aging.WARNING), (6, Aging.WARNING), (7, Aging.CRITICAL)],
)
def test_default_thresholds(days: int, expected: Aging) -> None:
    assert AgingRule.fixed(Board(1, "b")).level(days) is expected


def test_board_thresholds_apply() -> None:
    assert AgingRule.fixed(Board(1, "b", warn_days=2, critical_days=4)).level(2) is Aging.WARNING
    assert AgingRule.fixed(Board(1, "b", warn_days=2, critical_days=4)).level(4) is Aging.CRITICAL


@pytest.mark.parametrize("kind", [ColumnKind.BACKLOG, ColumnKind.DONE])
def test_backlog_and_done_cards_do_not_age(kind: ColumnKind) -> None:
    old = card(1, 1, entered=datetime(2026, 1, 1, tzinfo=UTC))
    now = datetime(2026, 11, 24, tzinfo=UTC)
    assert days_in_column(old, now, UTC_ZONE) == 328
    assert card_aging(old, column(1, kind), FIXED, now, UTC_ZONE) is Aging.OK
    assert card_aging(old, column(1, ColumnKind.QUEUE), FIXED, now, UTC_ZONE) is (Aging.CRITICAL)


# ---------------------------------------------------------------- the percentile rule

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_fewer_than_five_finished_cards_keep_the_fixed_rule() -> None:
    rule = aging_rule(Board(1, "b"), [2, 3, 4, 5])
    assert rule.basis is AgingBasis.FIXED
    assert (rule.warning, rule.critical, rule.watch, rule.finished) == (3, 7, None, 4)
    assert "4 so far" in rule.describe()


def test_percentile_thresholds_worked_by_hand() -> None:
    # Ten cycle times, sorted: 1 2 2 3 4 5 6 8 9 12. docs/flow.md's element max(1, floor(n*p)):
    # 50th: floor(10*0.5)=5 -> 4;  70th: floor(7.0)=7 -> 6;  85th: floor(8.5)=8 -> 8.
    rule = aging_rule(Board(1, "b"), [12, 1, 9, 2, 8, 2, 6, 3, 5, 4])
    assert rule.basis is AgingBasis.PERCENTILES
    assert (rule.watch, rule.warning, rule.critical, rule.finished) == (4, 6, 8, 10)
    assert [rule.level(d) for d in (3, 4, 5, 6, 7, 8, 30)] == [
        Aging.OK,
        Aging.WATCH,
        Aging.WATCH,
        Aging.WARNING,
        Aging.WARNING,
        Aging.CRITICAL,
        Aging.CRITICAL,
    ]
    assert rule.why(Aging.CRITICAL) == "≥ 85th 8d"
    assert rule.why(Aging.WATCH) == "≥ 50th 4d"
    assert rule.why(Aging.OK) == ""
    assert FIXED.why(Aging.WARNING) == "≥ 3d"
    assert "10 cards finished in 90 days" in rule.describe()


def test_five_cards_are_enough_and_use_the_smallest_elements() -> None:
    # n=5: 50th floor(2.5)=2 -> 2nd; 70th floor(3.5)=3 -> 3rd; 85th floor(4.25)=4 -> 4th.
    rule = aging_rule(Board(1, "b"), [10, 20, 30, 40, 50])
    assert (rule.watch, rule.warning, rule.critical) == (20, 30, 40)


def test_a_team_sle_replaces_the_85th_and_caps_the_lower_thresholds() -> None:
    # Percentiles 4 / 6 / 8 as above; the team's SLE of 5 days: critical 5, warning min(6,5)=5.
    board = Board(1, "b", sle_days=5)
    rule = aging_rule(board, [12, 1, 9, 2, 8, 2, 6, 3, 5, 4])
    assert (rule.watch, rule.warning, rule.critical, rule.sle_set) == (4, 5, 5, True)
    assert rule.why(Aging.CRITICAL) == "≥ SLE 5d"


def test_percentile_rule_measures_age_since_the_start_not_days_in_column() -> None:
    # Started on the 10th, in its current column since the 23rd: age 24-10+1 = 15 days,
    # 2 days in column. Percentiles 4/6/8: critical by age (fixed rule: OK by days in column).
    moved = card(7, 1, entered=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    started = {7: datetime(2026, 11, 10, 9, 0, tzinfo=UTC)}
    rule = aging_rule(Board(1, "b"), [12, 1, 9, 2, 8, 2, 6, 3, 5, 4], started)
    active = column(1, ColumnKind.ACTIVE)
    assert rule.days(moved, NOW, UTC_ZONE) == 15
    assert card_aging(moved, active, rule, NOW, UTC_ZONE) is Aging.CRITICAL
    assert card_aging(moved, active, FIXED, NOW, UTC_ZONE) is Aging.OK
    # Unknown start (it has just started): its time in the column, 2 days -> OK.
    other = card(8, 1, entered=datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert rule.days(other, NOW, UTC_ZONE) == 2
    assert card_aging(other, active, rule, NOW, UTC_ZONE) is Aging.OK
    assert card_aging(moved, column(2, ColumnKind.DONE), rule, NOW, UTC_ZONE) is Aging.OK


@given(st.lists(st.integers(min_value=1, max_value=60), min_size=5, max_size=40))
def test_thresholds_are_ordered_and_levels_rise_with_age(times: list[int]) -> None:
    rule = aging_rule(Board(1, "b"), times)
    assert rule.watch is not None and rule.watch <= rule.warning <= rule.critical
    order = list(Aging)
    levels = [order.index(rule.level(d)) for d in range(1, 70)]
    assert levels == sorted(levels)


# Zones with clock changes at odd hours, at midnight, by half hours, by a whole day, and
# offsets past 12 hours: DayCount's arithmetic must give what converting each instant gives.
ZONES = [
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/Sao_Paulo",  # changed its clocks at midnight
    "America/St_Johns",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",  # a half-hour clock change
    "Pacific/Apia",  # skipped 2011-12-30
    "Pacific/Kiritimati",
    "Pacific/Chatham",
    "Africa/Casablanca",
    "Europe/Dublin",  # a negative summer offset
    "Antarctica/Troll",  # a two-hour clock change
]


# naive bounds (hypothesis draws naive datetimes; each test says which zone they are in)
NAIVE_FIRST = datetime(1900, 1, 2, tzinfo=UTC).replace(tzinfo=None)
NAIVE_LAST = datetime(2100, 1, 1, tzinfo=UTC).replace(tzinfo=None)


@given(
    st.sampled_from(ZONES),
    st.datetimes(min_value=NAIVE_FIRST, max_value=NAIVE_LAST),
    st.datetimes(min_value=NAIVE_FIRST, max_value=NAIVE_LAST),
    st.booleans(),
    st.sampled_from([UTC, pendulum.timezone("Asia/Tokyo"), None]),
)
def test_day_count_is_elapsed_days_for_any_instant_and_zone(
    zone: str, start: datetime, now: datetime, business: bool, given_in
) -> None:
    tz = pendulum.timezone(zone)
    moment = start.replace(tzinfo=UTC)
    if given_in is not None:  # the same instant, told in another zone
        moment = moment.astimezone(given_in)
    else:  # naive: as elapsed_days reads it
        moment = start
    today = local_date(now.replace(tzinfo=UTC), tz)
    count = DayCount(today, tz, business)
    expected = elapsed_days(moment, today, tz, business)
    assert count(moment) == expected
    assert count(moment) == expected  # remembered


@settings(max_examples=1000)
@given(st.sampled_from(ZONES), st.integers(min_value=0, max_value=2 * 366 * 24 * 4))
def test_day_count_around_clock_changes(zone: str, quarter_hours: int) -> None:
    # quarter hours (and the instants either side) over two years with clock changes
    tz = pendulum.timezone(zone)
    base = datetime(2011, 1, 1, tzinfo=UTC) + timedelta(minutes=15 * quarter_hours)
    today = date(2013, 1, 1)
    count = DayCount(today, tz)
    for moment in (base - timedelta(seconds=1), base, base + timedelta(microseconds=999999)):
        assert count(moment) == elapsed_days(moment, today, tz)
