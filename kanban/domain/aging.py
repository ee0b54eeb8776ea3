"""Days and aging. Days are calendar days in the local time zone, counted inclusively:
a card that entered its column today has been there 1 day (docs/flow.md). A board that opts into
business days counts Monday-Friday dates only (``kanban.domain.calendar``); the rule carries
the flag (``AgingRule.business_days``).

Two aging rules (docs/flow.md, "Aging"):

- **Fixed** (a board without enough history): a card's days in its current column against
  the board's thresholds, ``warning`` from ``warn_days`` (default 3), ``critical`` from
  ``critical_days`` (default 7).
- **Percentiles** (once at least ``MIN_FINISHED`` cards finished in the last ``WINDOW_DAYS``
  days): a card's age (started -> now) against the cycle times of those cards: ``watch`` from
  the 50th percentile, ``warning`` from the 70th, ``critical`` from the 85th (the SLE, or the
  board's own SLE when the team set one). Age is compared, not days in column: cycle times are
  measured from the start too.

Cards in backlog and done columns never age.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum

from kanban.domain.calendar import business_days
from kanban.domain.models import Aging, Board, Card, Column, ColumnKind

MIN_FINISHED = 5  # finished cards needed before the percentiles judge aging (docs/flow.md)
WINDOW_DAYS = 90  # the history window the percentiles read


def local_date(moment: datetime | date, tz: tzinfo) -> date:
    """The local date of ``moment`` (a date is already one)."""
    if not isinstance(moment, datetime):
        return moment
    local = moment.astimezone(tz)
    # A plain date: subtracting pendulum dates is ~5x slower, which shows on 20,000 cards.
    return date(local.year, local.month, local.day)


class DayCount:
    """:func:`elapsed_days` from many instants (a board's 50,000 cards) to one local date,
    ``today``, in ``tz``: converting every instant to its local date cost more than the rest
    of a card's view, so each UTC day's offset is read once.

    A UTC day whose offset is the same at its first and last second (every day but those with
    a clock change) gives an instant's local date by arithmetic: the day before, the same or
    the next, whose counts are made once. The other days, and naive instants, are converted
    one by one."""

    __slots__ = ("today", "tz", "business", "_days")

    def __init__(self, today: date, tz: tzinfo, business: bool = False) -> None:
        self.today = today
        self.tz = tz
        self.business = business
        # UTC date -> (the zone's offset in seconds, the counts from the local date before,
        # on and after it), or None: the offset changes that day
        self._days: dict[date, tuple[int, tuple[int, int, int]] | None] = {}

    def __call__(self, start: datetime) -> int:
        if start.tzinfo is not UTC:
            if start.tzinfo is None:
                return self._one(start)
            start = start.astimezone(UTC)
        day = start.date()
        try:
            found = self._days[day]
        except KeyError:
            found = self._days[day] = self._read(day)
        if found is None:
            return self._one(start)
        offset, counts = found
        return counts[(start.hour * 3600 + start.minute * 60 + start.second + offset) // 86400 + 1]

    def _one(self, start: datetime) -> int:
        return count_days(local_date(start, self.tz), self.today, self.business)

    def _read(self, day: date) -> tuple[int, tuple[int, int, int]] | None:
        if not date.min < day < date.max:
            return None
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
        first = midnight.astimezone(self.tz).utcoffset()
        last = (midnight + timedelta(seconds=86399)).astimezone(self.tz).utcoffset()
        if first is None or first != last or first % timedelta(seconds=1):
            return None
        offset = first // timedelta(seconds=1)
        if not -86400 < offset < 86400:
            return None
        dates = (day - timedelta(days=1), day, day + timedelta(days=1))
        before, on, after = (count_days(d, self.today, self.business) for d in dates)
        return offset, (before, on, after)


def plain_utc(moment: datetime) -> datetime:
    """The same instant as a stdlib UTC datetime (pendulum's are slower to convert)."""
    utc = moment.astimezone(UTC)
    return datetime(*utc.timetuple()[:6], utc.microsecond, tzinfo=UTC)


def elapsed_days(start: datetime, end: datetime | date, tz: tzinfo, business: bool = False) -> int:
    """``date(end) - date(start) + 1`` in local dates; never below 1. ``end`` may be the local
    date already (a board's cards all count to the same today). With ``business``, the
    Monday-Friday dates in ``[date(start), date(end)]``, never below 1."""
    last = end if not isinstance(end, datetime) else local_date(end, tz)
    return count_days(local_date(start, tz), last, business)


def count_days(first: date, last: date, business: bool = False) -> int:
    """``last - first + 1`` in days, never below 1; with ``business``, the Monday-Friday
    dates in ``[first, last]``, never below 1."""
    if business:
        return business_days(first, last)
    return max(1, (last - first).days + 1)


def days_in_column(card: Card, now: datetime | date, tz: tzinfo, business: bool = False) -> int:
    return elapsed_days(card.entered_at, now, tz, business)


def days_blocked(
    card: Card, now: datetime | date, tz: tzinfo, business: bool = False
) -> int | None:
    if card.blocked_at is None:
        return None
    return elapsed_days(card.blocked_at, now, tz, business)


def ages(column: Column) -> bool:
    """Cards in backlog and done columns do not age."""
    return column.kind not in (ColumnKind.BACKLOG, ColumnKind.DONE)


class AgingBasis(StrEnum):
    FIXED = "fixed"  # days in column against the board's thresholds
    PERCENTILES = "percentiles"  # age against the cycle-time percentiles


@dataclass(frozen=True, slots=True)
class AgingRule:
    """The rule a board's aging follows now, with its thresholds in days.

    ``started`` (card id -> when it started) gives each card's age under the percentile rule;
    a card missing from it started when it entered its current column (it has just started).
    """

    basis: AgingBasis
    warning: int
    critical: int
    watch: int | None = None  # percentile rule only
    finished: int = 0  # cycle times in the window (what the percentiles were read from)
    window_days: int = WINDOW_DAYS
    sle_set: bool = False  # critical is the SLE the team set, not the 85th percentile
    business_days: bool = False  # days count Monday-Friday only (the board's setting)
    started: Mapping[int, datetime] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def fixed(cls, board: Board, finished: int = 0) -> AgingRule:
        return cls(
            AgingBasis.FIXED,
            board.warn_days,
            board.critical_days,
            finished=finished,
            business_days=board.business_days,
        )

    @property
    def percentiles(self) -> bool:
        return self.basis is AgingBasis.PERCENTILES

    def level(self, days: int) -> Aging:
        if days >= self.critical:
            return Aging.CRITICAL
        if days >= self.warning:
            return Aging.WARNING
        if self.watch is not None and days >= self.watch:
            return Aging.WATCH
        return Aging.OK

    def days(self, card: Card, now: datetime | date, tz: tzinfo) -> int:
        """What the rule measures: days in column (fixed) or age since the start."""
        if not self.percentiles:
            return days_in_column(card, now, tz, self.business_days)
        return elapsed_days(self.started.get(card.id, card.entered_at), now, tz, self.business_days)

    def judge(self, card: Card, column: Column, now: datetime, tz: tzinfo) -> Aging:
        if not ages(column):
            return Aging.OK
        return self.level(self.days(card, now, tz))

    def threshold(self, level: Aging) -> int | None:
        return {Aging.WATCH: self.watch, Aging.WARNING: self.warning}.get(
            level, self.critical if level is Aging.CRITICAL else None
        )

    def why(self, level: Aging) -> str:
        """The threshold behind a level, short: ``≥ 7d`` (fixed), ``≥ 85th 9d`` or
        ``≥ SLE 9d`` (percentiles); "" for ``ok``."""
        limit = self.threshold(level)
        if limit is None:
            return ""
        if not self.percentiles:
            return f"≥ {limit}d"
        if level is Aging.CRITICAL and self.sle_set:
            return f"≥ SLE {limit}d"
        return f"≥ {PERCENT_OF[level]}th {limit}d"

    def describe(self) -> str:
        """One sentence: which rule applied and why (and the calendar, on business days)."""
        text = self._describe()
        return f"{text}; days are business days (Mon-Fri)" if self.business_days else text

    def _describe(self) -> str:
        if not self.percentiles:
            return (
                f"fixed: days in column, warning ≥ {self.warning}, critical ≥ {self.critical}"
                f" (percentiles need {MIN_FINISHED} cards finished in {self.window_days} days,"
                f" {self.finished} so far)"
            )
        critical = "the SLE set by the team" if self.sle_set else "85th"
        return (
            f"percentiles: age against the cycle times of {self.finished} cards finished in"
            f" {self.window_days} days, watch ≥ {self.watch} (50th), warning ≥ {self.warning}"
            f" (70th), critical ≥ {self.critical} ({critical})"
        )


PERCENT_OF = {Aging.WATCH: 50, Aging.WARNING: 70, Aging.CRITICAL: 85}


def aging_rule(
    board: Board,
    cycle_days: Sequence[int],
    started: Mapping[int, datetime] | None = None,
    window_days: int = WINDOW_DAYS,
) -> AgingRule:
    """The percentile rule from the cycle times (days) of the cards finished in the window,
    or the board's fixed rule with fewer than ``MIN_FINISHED`` of them.

    Percentiles follow docs/flow.md (element ``max(1, floor(n·p))`` of the sorted values). A team's
    SLE replaces the 85th percentile; the lower thresholds never exceed a higher one."""
    if len(cycle_days) < MIN_FINISHED:
        return AgingRule.fixed(board, len(cycle_days))
    ordered = sorted(cycle_days)

    def pick(percent: int) -> int:
        return ordered[max(1, len(ordered) * percent // 100) - 1]

    critical = board.sle_days if board.sle_days is not None else pick(85)
    warning = min(pick(70), critical)
    return AgingRule(
        AgingBasis.PERCENTILES,
        warning=warning,
        critical=critical,
        watch=min(pick(50), warning),
        finished=len(ordered),
        window_days=window_days,
        sle_set=board.sle_days is not None,
        business_days=board.business_days,
        started=started or {},
    )


def card_aging(card: Card, column: Column, rule: AgingRule, now: datetime, tz: tzinfo) -> Aging:
    return rule.judge(card, column, now, tz)
