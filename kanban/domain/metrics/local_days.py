"""A moment's local date, fast: the metrics ask for the dates of hundreds of thousands of
moments, and converting each to the zone costs more than the metric itself.

A UTC moment's local date is ``(moment + offset).date()`` whenever the zone keeps one offset
over the whole UTC date of the moment; that offset is found once per UTC date and zone. A UTC
date holding a change of offset (daylight saving time), and any moment not in UTC, is
converted as ``aging.local_date`` does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from kanban.domain.aging import local_date

# zone -> UTC date -> the zone's offset all that date long (None: it changes that date); the
# last zone asked for is kept aside, as its lookup hashes the zone (Python code for some)
_OFFSETS: dict[tzinfo, dict[date, timedelta | None]] = {}
_last: list[tuple[tzinfo, dict[date, timedelta | None]]] = []


def _offset(day: date, tz: tzinfo) -> timedelta | None:
    first = datetime.combine(day, time(), UTC).astimezone(tz).utcoffset()
    last = datetime.combine(day, time.max, UTC).astimezone(tz).utcoffset()
    return first if first == last else None


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The local date of ``moment`` in ``tz`` (as ``local_date``: a plain ``date``)."""
    if moment.tzinfo is UTC:
        if _last and _last[0][0] is tz:
            offsets = _last[0][1]
        else:
            offsets = _OFFSETS.setdefault(tz, {})
            _last[:] = [(tz, offsets)]
        utc_day = moment.date()
        try:
            offset = offsets[utc_day]
        except KeyError:
            offset = offsets[utc_day] = _offset(utc_day, tz)
        if offset is not None:
            return (moment + offset).date()
    return local_date(moment, tz)


def before_any(day: date) -> datetime:
    """A moment so early that any moment before it falls on a local date before ``day`` in any
    zone (offsets stay within a day), even once moved to the next business day (a weekend
    and a day before): the series skip reading such a moment's date."""
    return datetime.combine(day, time(), UTC) - timedelta(days=3)


def _starts_at(day: date, tz: tzinfo) -> datetime:
    """The UTC moment local ``day`` begins: its midnight, or when a change of offset at
    midnight lets it begin (found by bisection when the zone's own answer is not it)."""
    guess = datetime.combine(day, time(), tz).astimezone(UTC)
    if local_date(guess, tz) == day and local_date(guess - _TICK, tz) < day:
        return guess
    low = datetime.combine(day, time(), UTC) - timedelta(hours=26)  # on an earlier date
    high = low + timedelta(hours=52)  # on ``day`` or later, in any zone
    while high - low > _TICK:
        middle = low + (high - low) // 2
        if local_date(middle, tz) < day:
            low = middle
        else:
            high = middle
    return high


_TICK = timedelta(microseconds=1)


@lru_cache(maxsize=32)
def day_starts(tz: tzinfo, first: date, last: date) -> tuple[datetime, ...]:
    """When each local date from ``first`` to the day after ``last`` begins, as UTC moments:
    a UTC moment's date is ``first`` + ``bisect_right(starts, moment) - 1`` days (-1: before
    ``first``; ``len(starts) - 1``: after ``last``), a bisection instead of a conversion.
    Remembered: the metrics of one command ask for the same days again."""
    return tuple(_starts_at(first + timedelta(days=i), tz) for i in range((last - first).days + 2))


@lru_cache(maxsize=32)
def window_dates(
    tz: tzinfo, first: date, last: date
) -> tuple[tuple[datetime, ...], tuple[date, ...]]:
    """:func:`day_starts` from ``first`` to ``last`` and the dates themselves: a moment's date
    is ``dates[bisect_right(starts, moment) - 1]`` when that index lies in ``dates``."""
    starts = day_starts(tz, first, last)
    return starts, tuple(first + timedelta(days=i) for i in range(len(starts) - 1))
