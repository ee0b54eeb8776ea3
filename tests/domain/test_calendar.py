"""Business days: the Monday-Friday count, worked by hand, and its properties."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kanban.domain.aging import elapsed_days
from kanban.domain.calendar import (
    add_business_days,
    business_date_list,
    business_dates,
    business_days,
    business_days_before,
    business_time,
    next_business_day,
    previous_business_day,
)

MON, TUE, FRI, SAT, SUN = (date(2026, 11, d) for d in (23, 24, 27, 28, 29))
NEXT_MON = date(2026, 11, 30)
HOUR = timedelta(hours=1)


def test_the_count_by_hand():
    assert business_days(FRI, NEXT_MON) == 2  # Fri, Mon
    assert business_days(SAT, SUN) == 1  # no business date, never below 1
    assert business_days(SAT, SAT) == 1  # started and finished the same Saturday
    assert business_days(MON, SUN) == 5  # a full week
    assert business_days(MON, MON) == 1
    assert business_days(TUE, NEXT_MON) == 5  # Tue-Fri, Mon
    # Across two weekends: Fri 20 (1), Mon 23-Fri 27 (5), Mon 30 (1) = 7
    assert business_days(date(2026, 11, 20), NEXT_MON) == 7
    assert business_dates(SAT, SUN) == 0 and business_dates(TUE, MON) == 0


def test_elapsed_days_take_the_flag():
    start = datetime(2026, 11, 27, 16, tzinfo=UTC)  # Friday
    end = datetime(2026, 11, 30, 9, tzinfo=UTC)  # Monday
    assert elapsed_days(start, end, UTC) == 4  # calendar: Fri, Sat, Sun, Mon
    assert elapsed_days(start, end, UTC, business=True) == 2


def test_stepping_over_business_days():
    assert next_business_day(SAT) == NEXT_MON and next_business_day(FRI) == FRI
    assert previous_business_day(SUN) == FRI and previous_business_day(MON) == MON
    assert add_business_days(FRI, 1) == NEXT_MON
    assert add_business_days(SAT, 0) == NEXT_MON  # a weekend starts on the Monday after
    assert add_business_days(MON, 4) == FRI and add_business_days(MON, 5) == NEXT_MON
    assert business_days_before(NEXT_MON, 1) == FRI
    assert business_days_before(SUN, 0) == FRI
    assert business_date_list(FRI, NEXT_MON) == [FRI, NEXT_MON]


def test_business_time_leaves_the_weekend_out():
    fri_noon = datetime(2026, 11, 27, 12, tzinfo=UTC)
    mon_noon = datetime(2026, 11, 30, 12, tzinfo=UTC)
    assert business_time(fri_noon, mon_noon, UTC) == 24 * HOUR  # 12h Fri + 12h Mon
    sat = datetime(2026, 11, 28, 9, tzinfo=UTC)
    assert business_time(sat, sat + 5 * HOUR, UTC) == timedelta(0)
    tue = datetime(2026, 11, 24, 9, tzinfo=UTC)
    assert business_time(tue, tue + 5 * HOUR, UTC) == 5 * HOUR
    assert business_time(mon_noon, fri_noon, UTC) == timedelta(0)  # end before start


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(dates, st.integers(0, 800), st.integers(0, 30))
def test_business_count_properties(start, span, more):
    end = start + timedelta(days=span)
    later = end + timedelta(days=more)
    calendar = (end - start).days + 1
    count = business_days(start, end)
    assert 1 <= count <= calendar
    assert count <= business_days(start, later)  # monotone in the end date
    assert business_dates(start, end) == len(business_date_list(start, end))


@given(dates, st.integers(0, 60))
def test_adding_business_days_inverts_the_count(start, n):
    found = add_business_days(start, n)
    assert found.weekday() < 5
    assert business_dates(next_business_day(start), found) == n + 1
    assert business_days_before(found, n) == next_business_day(start)
