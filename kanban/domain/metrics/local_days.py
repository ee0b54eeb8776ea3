"""A moment's local date, fast: the metrics ask for the dates of hundreds of thousands of
moments, and converting each to the zone costs more than the metric itself.

A UTC moment's local date is ``(moment + offset).date()`` whenever the zone keeps one offset
over the whole UTC date of the moment; that offset is found once per UTC date and zone. A UTC
date holding a change of offset (daylight saving time), and any moment not in UTC, is
converted as ``aging.local_date`` does.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

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
