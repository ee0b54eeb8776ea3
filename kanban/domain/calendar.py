"""Business days: Monday to Friday local dates, no holiday calendar. Pure and O(1).

A board that opts into business days counts every day with :func:`business_days` instead of
the calendar rule ``date(end) - date(start) + 1``: the Monday-Friday dates from ``date(start)``
to ``date(end)``, both included, never below 1 (a card started and finished on the same
Saturday: 1).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

DAY = timedelta(days=1)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def _upto(ordinal: int) -> int:
    """Monday-Friday dates with ordinals 1..``ordinal`` (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return 5 * weeks + min(rest, 5)


def business_dates(first: date, last: date) -> int:
    """How many Monday-Friday dates lie in ``[first, last]`` (0 when ``last < first``)."""
    if last < first:
        return 0
    return _upto(last.toordinal()) - _upto(first.toordinal() - 1)


def business_days(first: date, last: date) -> int:
    """The counting rule on business days: Monday-Friday dates in ``[first, last]``, at least 1."""
    return max(1, business_dates(first, last))


def next_business_day(day: date) -> date:
    """``day`` itself on Monday-Friday, else the Monday after."""
    weekday = day.weekday()
    return day if weekday < 5 else day + timedelta(days=7 - weekday)


def previous_business_day(day: date) -> date:
    """``day`` itself on Monday-Friday, else the Friday before."""
    weekday = day.weekday()
    return day if weekday < 5 else day - timedelta(days=weekday - 4)


def add_business_days(day: date, n: int) -> date:
    """The business day ``n`` (>= 0) business days after ``day`` (rolled to a business day
    first: from a Saturday, 0 -> Monday, 1 -> Tuesday)."""
    start = next_business_day(day)
    weeks, rest = divmod(n, 5)
    extra = rest + 2 if start.weekday() + rest >= 5 else rest
    return start + timedelta(days=7 * weeks + extra)


def business_days_before(day: date, n: int) -> date:
    """The business day ``n`` (>= 0) business days before ``day`` (rolled back to a business
    day first: from a Sunday, 0 -> Friday, 1 -> Thursday)."""
    end = previous_business_day(day)
    weeks, rest = divmod(n, 5)
    extra = rest + 2 if end.weekday() - rest < 0 else rest
    return end - timedelta(days=7 * weeks + extra)


def business_date_list(first: date, last: date) -> list[date]:
    """The Monday-Friday dates in ``[first, last]``, in order."""
    days = (last - first).days + 1
    return [d for d in (first + timedelta(days=i) for i in range(days)) if d.weekday() < 5]


def _midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def business_time(start: datetime, end: datetime, tz: tzinfo) -> timedelta:
    """The time from ``start`` to ``end`` that falls on local Monday-Friday dates (weekends
    left out); zero when ``end <= start``. Whole days in between count 24 hours each."""
    if end <= start:
        return timedelta(0)
    first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
    if first == last:
        return end - start if is_business_day(first) else timedelta(0)
    total = timedelta(0)
    if is_business_day(first):
        total += _midnight(first + DAY, tz) - start.astimezone(UTC)
    if is_business_day(last):
        total += end.astimezone(UTC) - _midnight(last, tz)
    return total + business_dates(first + DAY, last - DAY) * DAY
