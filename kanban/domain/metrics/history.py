"""Each card's timeline, rebuilt from the board's event log (docs/flow.md: metrics come from
events, never stored as truth).

Rules, where the definitions leave a choice (docs/flow.md, "The history"):

- **Ranks.** Columns are ranked left to right. Work *starts* on reaching the rank of the first
  non-backlog column and *finishes* on reaching the rank of the first done column (so any done
  column finishes it).
- **Removed columns** keep their kind and place: the service logs a removal as a SETTING event
  (no card) whose ``details["removed_column"]`` holds the column's ``kind``, ``after`` (the id
  of the column on its left, null for the first) and ``position`` (its index left to right),
  ``from_column_id`` its id. The history puts each removed column back at its place (the
  latest removal first; after its left neighbour, else at its position), so every past start,
  finish, CFD line and WIP count stays what it was. They take part in the ranks and kinds only:
  ``columns`` (and every per-column table) holds the live columns. A column id the database
  gave again to a later column (SQLite reuses the highest id) is told apart by time: a card
  event before the removal names the removed column. An event naming a column neither live
  nor logged as removed (removed before removals were logged) counts as the first started
  column.
- **The first day** is the board's: its creation (``created``) or its first event of any kind,
  whichever came first.
- **Undo.** The service marks reverts with ``details["undo"]``; an undo erases the mistake, as
  the service does (it restores ``entered_at`` and ``blocked_at``): an undone move cancels the
  card's last move (the card never left), an undone block disappears, an undone unblock
  reopens the block it ended, a restore cancels the delete.
- **Deleted** cards drop out of every metric, on every day; a restore brings them back whole.
- **Started** is the first time the card reached a started column (its creation, if created
  there). It stays for good: moving backwards, even back to the backlog, keeps the start date.
- **Path** (what the CFD, WIP per day and the finish date read): the card's way through the
  ranks with backward moves applied retroactively, as docs/flow.md says: "the card's entry into the
  later columns is forgotten". A card moving back from rank j to rank i loses its entries into
  the ranks above i, so the path never goes down and the lines of the CFD never go down. A
  reopened card (done -> active) has no finish any more: it is WIP again, also on the days it
  spent in done; the earlier finish no longer counts.
- **Stays** are the raw visits to columns (after undo), for days in column.
- Events after ``now`` are ignored: the history is the board as of ``now``.
- **Business days** (a board's opt-in, ``business_days``): every count of days reads
  :meth:`History.elapsed` / :meth:`History.count` (Monday-Friday dates only), the per-day
  series read :meth:`History.dates` (business dates only) and :meth:`History.series_day` (a
  weekend moment counts on the next business day), and durations read
  :meth:`History.duration` (weekend time left out). A series asked to end on a weekend day
  runs to the next business day (:meth:`History.series_end`): that Monday holds the weekend's
  finishes, which would otherwise fall outside the series until Monday comes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from kanban.domain.aging import local_date
from kanban.domain.calendar import (
    business_date_list,
    business_days,
    business_time,
    next_business_day,
)
from kanban.domain.metrics.local_days import local_day, window_dates
from kanban.domain.models import Column, ColumnKind, Event, EventKind, WorkType

_made = tuple.__new__  # a record made without its class's __new__: a third of the time
_new = object.__new__

DEFAULT_DAYS = 90  # the metrics' window: the last 90 local days, today included
FINISH_DAYS = 400  # History.finishes bisects the days of this many days back (converts earlier)


class Stay(NamedTuple):
    """One visit of a card to a column. (The records of a history are named tuples: a board's
    history makes hundreds of thousands, and a tuple is made three times faster than a frozen
    dataclass.)"""

    column_id: int
    entered: datetime
    left: datetime | None = None  # None: the card is still there


class Step(NamedTuple):
    """The card reached ``rank`` at ``at`` (and, by the path's rule, never left it)."""

    at: datetime
    rank: int


class BlockSpan(NamedTuple):
    reason: str
    start: datetime
    end: datetime | None = None  # None: still blocked


class Timeline(NamedTuple):
    card_id: int
    created: datetime
    started: datetime | None
    finished: datetime | None
    stays: tuple[Stay, ...]  # in time order, the last one is the current column
    path: tuple[Step, ...]  # ranks strictly rising; the last one is the current column's
    blocks: tuple[BlockSpan, ...]
    type: WorkType | None = None

    @property
    def column_id(self) -> int:
        return self.stays[-1].column_id

    @property
    def rank(self) -> int:
        return self.path[-1].rank

    def reached(self, rank: int) -> datetime | None:
        """When the path first reached ``rank`` or beyond (None: it has not)."""
        return next((step.at for step in self.path if step.rank >= rank), None)


class Finish(NamedTuple):
    """A finished card with the local dates of its creation, its start and its finish."""

    card: Timeline
    created: date
    started: date | None
    finished: date


class Quiet(NamedTuple):
    """A card left alone since before a report's windows (no event since; not settled): what
    those windows can see of it. Its stays before the current one ended before them, its path
    reached its current rank before them, and no block of it started in them."""

    card_id: int
    type: WorkType | None
    created: datetime
    started: datetime | None
    finished: datetime | None
    entered: datetime  # its last move: when it entered its current column
    column_id: int  # its current column (a removed column's key)


@dataclass(frozen=True, slots=True)
class History:
    """The live cards' timelines, with what is needed to read them: columns, ``now``, ``tz``.

    A history read for windows that all start after some moment may hold the cards settled
    before it as their open stays only (``settled``), and the cards left alone since before
    it as what those windows see of them (their current stay and rank, :class:`Quiet`): it then
    answers for those windows only, as the whole history would."""

    columns: tuple[Column, ...]
    cards: tuple[Timeline, ...]  # deleted (and settled) cards left out, ordered by card id
    now: datetime
    tz: tzinfo
    first_day: date  # local date of the board's creation or first event (or today)
    start_rank: int  # rank of the first non-backlog column
    done_rank: int  # rank of the first done column
    ranks: Mapping[int, int] = field(default_factory=dict)  # column id -> rank, removed too
    kinds: Mapping[int, ColumnKind] = field(default_factory=dict)  # column id -> kind, removed too
    business_days: bool = False  # days count Monday-Friday only
    # The open stays (column, entered) of the cards left out as *settled* before a report's
    # windows (finished, left alone since, now in a done column): such a card still counts in
    # its column's cards now, in the CFD (every rank up to its column's, on every day) and in
    # its column's time per stay (up to now); nothing else of it falls in a window after it.
    settled: tuple[Stay, ...] = ()
    _days: dict[datetime, date] = field(default_factory=dict, repr=False, compare=False)
    _memo: dict[str, list[Finish]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def today(self) -> date:
        return local_date(self.now, self.tz)

    def day(self, moment: datetime) -> date:
        """The local date of ``moment`` (remembered: the metrics ask for the same ones often)."""
        found = self._days.get(moment)
        if found is None:
            found = self._days[moment] = local_day(moment, self.tz)
        return found

    def finishes(self) -> Sequence[Finish]:
        """The finished cards (by card id) with the local dates of their creation, start and
        finish: found once, for the many metrics that read them (cycle and lead times,
        throughput, the work mix, flow efficiency), by bisecting the days' first moments of
        the last year or so (an earlier moment is converted)."""
        found = self._memo.get("finishes")
        if found is None:
            found = self._memo["finishes"] = self._finish_dates()
        return found

    def _finish_dates(self) -> list[Finish]:
        today = self.today
        first = min(today, max(self.first_day, today - timedelta(days=FINISH_DAYS)))
        starts, dates = window_dates(self.tz, first, today)
        size, day, found = len(dates), self.day, []
        for card in self.cards:
            finished = card.finished
            if finished is None:
                continue
            index = bisect_right(starts, finished) - 1
            last = dates[index] if 0 <= index < size else day(finished)
            created, started = card.created, card.started
            index = bisect_right(starts, created) - 1
            begin = dates[index] if 0 <= index < size else day(created)
            start: date | None = begin  # created in a started column: started then
            if started is None:
                start = None
            elif started != created:
                index = bisect_right(starts, started) - 1
                start = dates[index] if 0 <= index < size else day(started)
            found.append(_made(Finish, (card, begin, start, last)))
        return found

    def elapsed(self, start: datetime, end: datetime) -> int:
        """Days by the counting rule: ``date(end) - date(start) + 1``, never below 1 (on
        business days: the Monday-Friday dates in between, both ends included, at least 1)."""
        return self.count(self.day(start), self.day(end))

    def count(self, first: date, last: date) -> int:
        """The counting rule on local dates (``elapsed`` once the dates are known)."""
        if self.business_days:
            return business_days(first, last)
        return max(1, (last - first).days + 1)

    def series_end(self, end: date) -> date:
        """The last day of a per-day series asked to end on ``end``: ``end``, or on business
        days the business day that holds it (a weekend's Monday: its finishes count there)."""
        return next_business_day(end) if self.business_days else end

    def dates(self, start: date, end: date) -> list[date]:
        """The days of a per-day series from ``start`` to ``end``: every date, or only the
        Monday-Friday ones on business days, through :meth:`series_end`."""
        if self.business_days:
            return business_date_list(start, self.series_end(end))
        return [start + timedelta(days=i) for i in range((end - start).days + 1)]

    def series_day(self, moment: datetime) -> date:
        """The date a moment counts on in a per-day series: its local date, or on business days
        the next business day when it falls on a weekend."""
        day = self.day(moment)
        return next_business_day(day) if self.business_days else day

    def duration(self, start: datetime, end: datetime) -> timedelta:
        """``end - start``; on business days without the weekend time."""
        if self.business_days:
            return business_time(start, end, self.tz)
        return end - start

    def rank(self, column_id: int) -> int:
        return self.ranks.get(column_id, self.start_rank)

    def is_wip(self, card: Timeline) -> bool:
        return self.start_rank <= card.rank < self.done_rank

    def window(self, days: int) -> tuple[date, date]:
        """The last ``days`` local dates, today included."""
        return self.today - timedelta(days=days - 1), self.today


class CardLog:
    """A card's history as its events tell it, before the workflow's ranks are applied: when
    it was created, its moves (time, column; a removed column by its key), its blocks, its
    type, whether it is deleted and when its last event was. Built while the log is read
    (:func:`card_logs`); the storage keeps one per card, kept up to date with each event
    (``kanban.storage.flows``)."""

    __slots__ = ("created", "moves", "blocks", "deleted", "type", "last")

    def __init__(self, at: datetime, column_id: int) -> None:
        self.created = self.last = at
        self.moves: list[tuple[datetime, int]] = [(at, column_id)]
        self.blocks: list[BlockSpan] = []
        self.deleted = False
        self.type: WorkType | None = None

    @classmethod
    def of(
        cls,
        moves: list[tuple[datetime, int]],
        blocks: list[BlockSpan],
        type_: WorkType | None,
        deleted: bool = False,
    ) -> CardLog:
        """A log from its parts (``moves`` not empty: the first is its creation), as the
        storage keeps it: made without ``__init__``'s first move, which is replaced anyway."""
        log = _new(cls)
        log.created = log.last = moves[0][0]
        log.moves, log.blocks, log.deleted, log.type = moves, blocks, deleted, type_
        return log

    def __eq__(self, other: object) -> bool:  # ``last`` aside: the history does not read it
        return isinstance(other, CardLog) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__[:5]
        )

    def __repr__(self) -> str:
        return f"CardLog({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"

    def move(self, event: Event) -> None:
        to = event.to_column_id
        if to is None or to == self.moves[-1][1]:
            return
        moves = self.moves
        if (
            len(moves) > 1
            and moves[-1][1] == event.from_column_id
            and moves[-2][1] == to
            and event.details.get("undo")
        ):
            moves.pop()
        else:
            moves.append((event.at, to))

    def block(self, event: Event) -> None:
        blocks = self.blocks
        if blocks and blocks[-1].end is None:
            return
        if blocks and event.details.get("undo"):
            blocks[-1] = blocks[-1]._replace(end=None)
        else:
            blocks.append(BlockSpan(str(event.details.get("reason") or ""), event.at))

    def unblock(self, event: Event) -> None:
        blocks = self.blocks
        if not blocks or blocks[-1].end is not None:
            return
        if event.details.get("undo"):
            blocks.pop()
        else:
            blocks[-1] = blocks[-1]._replace(end=event.at)

    def set_type(self, value: object) -> None:
        if not isinstance(value, str):
            return
        try:
            self.type = WorkType(value)
        except ValueError:
            pass


def _first_card_column(event: Event) -> int | None:
    if event.kind in (EventKind.CREATE, EventKind.RESTORE):
        return event.to_column_id
    return event.from_column_id or event.to_column_id


def _moment(event: Event) -> datetime:
    return event.at


def _read_log(
    events: Iterable[Event], now: datetime | None = None
) -> tuple[dict[int, CardLog], datetime | None]:
    cards: dict[int, CardLog] = {}
    first: datetime | None = None
    for event in sorted(events, key=_moment):
        if now is not None and event.at > now:
            continue
        first = first or event.at
        if event.card_id is None:
            continue
        card = cards.get(event.card_id)
        if card is None:
            column = _first_card_column(event)
            if column is None:
                continue
            card = cards[event.card_id] = CardLog(event.at, column)
        card.last = event.at
        kind = event.kind
        if kind is EventKind.CREATE:
            card.set_type(event.details.get("type"))
        elif kind is EventKind.MOVE:
            card.move(event)
        elif kind is EventKind.BLOCK:
            card.block(event)
        elif kind is EventKind.UNBLOCK:
            card.unblock(event)
        elif kind is EventKind.DELETE:
            card.deleted = True
        elif kind is EventKind.RESTORE:
            card.deleted = False
            card.move(event)
        elif kind is EventKind.EDIT:
            change = (event.details.get("changes") or {}).get("type")
            if isinstance(change, list | tuple) and change:
                card.set_type(change[-1])
    return cards, first


@dataclass(frozen=True, slots=True)
class Removal:
    """A column removal read from the log; ``key`` stands for the column in the history."""

    key: int
    column_id: int
    at: datetime
    kind: ColumnKind
    position: int
    after: int | None  # the id of the column on its left (None: it was the first)
    event_id: int = 0  # its event's: an event stamped at the same time before it names it


def removals(events: Iterable[Event]) -> list[Removal]:
    """The logged column removals, in time order; keys -1, -2, ... (never a real id)."""
    found: list[Removal] = []
    for event in sorted((e for e in events if e.card_id is None), key=_moment):
        removed = event.details.get("removed_column")
        if not isinstance(removed, Mapping) or event.from_column_id is None:
            continue
        try:
            kind, position = ColumnKind(str(removed.get("kind"))), int(removed.get("position", 0))
            after = None if removed.get("after") is None else int(removed["after"])
        except (TypeError, ValueError):
            continue
        key = -len(found) - 1
        found.append(Removal(key, event.from_column_id, event.at, kind, position, after, event.id))
    return found


def _name_removed(events: list[Event], removals: list[Removal]) -> list[Event]:
    """``events`` with each column id of a card event before a removal of that column
    replaced by the removed column's key (the first removal of that id after it: later, or at
    the same time and written before it)."""
    by_id: dict[int, list[Removal]] = {}
    for removal in removals:
        by_id.setdefault(removal.column_id, []).append(removal)

    def key(column_id: int | None, at: datetime, event_id: int) -> int | None:
        for removal in by_id.get(column_id, ()) if column_id is not None else ():
            if at < removal.at or (at == removal.at and event_id < removal.event_id):
                return removal.key
        return column_id

    named = []
    for event in events:
        if event.card_id is not None and (
            event.from_column_id in by_id or event.to_column_id in by_id
        ):
            event = replace(
                event,
                from_column_id=key(event.from_column_id, event.at, event.id),
                to_column_id=key(event.to_column_id, event.at, event.id),
            )
        named.append(event)
    return named


def _workflow(columns: tuple[Column, ...], removals: list[Removal]) -> list[tuple[int, ColumnKind]]:
    """The live columns with the removed ones put back at their places, left to right: right
    after the column that was on their left (the latest removal first), else at their
    position."""
    order = [(column.id, column.kind) for column in columns]
    alias: dict[int, int] = {}  # column id -> key of the removed column it named then
    for removal in reversed(removals):
        keys = [key for key, _kind in order]
        left = alias.get(removal.after, removal.after) if removal.after is not None else None
        if removal.after is None:
            index = 0
        elif left in keys:
            index = keys.index(left) + 1
        else:
            index = max(0, min(removal.position, len(order)))
        order.insert(index, (removal.key, removal.kind))
        alias[removal.column_id] = removal.key
    return order


def _timeline(
    card_id: int, card: CardLog, rank: Mapping[int, int], start: int, done: int
) -> Timeline:
    """The card's timeline by the workflow's ranks (one per card of the board: made with
    :data:`_made`; a card that never moved has a shorter way)."""
    moves, created, blocks = card.moves, card.created, tuple(card.blocks)
    if len(moves) == 1:
        column_id = moves[0][1]
        r = rank.get(column_id, start)
        return _made(
            Timeline,
            (
                card_id,
                created,
                created if r >= start else None,
                created if r >= done else None,
                (_made(Stay, (column_id, created, None)),),
                (_made(Step, (created, r)),),
                blocks,
                card.type,
            ),
        )
    stays: list[Stay] = []
    left = None
    for at, column_id in reversed(moves):
        stays.append(_made(Stay, (column_id, at, left)))
        left = at
    stays.reverse()
    path: list[Step] = []  # later entries forgotten on each backward move
    top = -1  # the path's last rank
    started = None
    for at, column_id in moves:
        r = rank.get(column_id, start)
        if started is None and r >= start:
            started = at
        if r < top:
            while path and path[-1].rank > r:
                path.pop()
            top = path[-1].rank if path else -1
        if not path:
            path.append(_made(Step, (created, r)))  # it existed since its creation
            top = r
        elif top < r:
            path.append(_made(Step, (at, r)))
            top = r
    finished = None if top < done else next(step.at for step in path if step.rank >= done)
    return _made(
        Timeline,
        (card_id, created, started, finished, tuple(stays), tuple(path), blocks, card.type),
    )


@dataclass(frozen=True, slots=True)
class Workflow:
    """The board's columns left to right with the removed ones put back (``_workflow``): each
    column id's (or removed column key's) rank and kind, the start and done ranks."""

    order: tuple[tuple[int, ColumnKind], ...]
    ranks: Mapping[int, int]
    start: int  # rank of the first non-backlog column
    done: int  # rank of the first done column

    @classmethod
    def of(cls, columns: Iterable[Column], removed: Sequence[Removal] = ()) -> Workflow:
        order = tuple(_workflow(tuple(columns), list(removed)))
        kinds = [kind for _key, kind in order]
        start = next((i for i, k in enumerate(kinds) if k is not ColumnKind.BACKLOG), len(kinds))
        done = next((i for i, k in enumerate(kinds) if k is ColumnKind.DONE), len(kinds))
        return cls(order, {key: index for index, (key, _kind) in enumerate(order)}, start, done)

    @property
    def signature(self) -> str:
        """The ranks and kinds in a few characters: equal signatures, equal timelines."""
        return ",".join(f"{key}:{kind.value}" for key, kind in self.order)

    def timeline(self, card_id: int, card: CardLog) -> Timeline:
        return _timeline(card_id, card, self.ranks, self.start, self.done)

    def quiet_timeline(self, card: Quiet) -> Timeline:
        """A quiet card's timeline as windows after its last event see it: its current stay,
        its path's last step (its current rank, reached before them), no block."""
        rank = self.ranks.get(card.column_id, self.start)
        return _made(
            Timeline,
            (
                card.card_id,
                card.created,
                card.started,
                card.finished,
                (_made(Stay, (card.column_id, card.entered, None)),),
                (_made(Step, (card.entered, rank)),),
                (),
                card.type,
            ),
        )


def card_logs(
    events: Iterable[Event], removed: Sequence[Removal] | None = None
) -> dict[int, CardLog]:
    """Each card's log from ``events`` (every one counts, whatever its time), a removed column's
    id in the card events before its removal read as that column's key. ``removed``: the
    board's column removals (default: those among ``events``); a card's own events then give
    the card's log exactly as the board's whole log does."""
    events = list(events)
    removed = removals(events) if removed is None else removed
    if removed:
        events = _name_removed(events, list(removed))
    return _read_log(events)[0]


def history_from_logs(
    columns: Iterable[Column],
    logs: Mapping[int, CardLog],
    removed: Sequence[Removal],
    now: datetime,
    tz: tzinfo,
    first: datetime | None,
    business_days: bool = False,
    created: datetime | None = None,
    types: Mapping[int, WorkType] | None = None,
    settled: Sequence[Stay] = (),
    quiet: Iterable[Quiet] = (),
) -> History:
    """The history from each card's log (deleted ones left out) and the board's removals;
    ``first`` is the board's first event. What :func:`build_history` does after reading the
    events, so a history built from stored logs is the one the event log gives. ``settled``:
    the open stays of the cards settled before the windows to read (left out of ``logs``);
    ``quiet``: the cards left alone since before those windows (left out of ``logs`` too),
    whose timelines hold only what the windows see (:meth:`Workflow.quiet_timeline`)."""
    columns = tuple(columns)
    workflow = Workflow.of(columns, removed)
    if created is not None and created <= now and (first is None or created < first):
        first = created
    found = {card.card_id: workflow.quiet_timeline(card) for card in quiet}
    ranks, start, done = workflow.ranks, workflow.start, workflow.done
    for card_id, card in logs.items():
        if card.deleted:
            continue
        if types is not None and card_id in types:
            card.type = types[card_id]
        found[card_id] = _timeline(card_id, card, ranks, start, done)
    return History(
        columns,
        tuple(map(found.__getitem__, sorted(found))),
        now,
        tz,
        local_date(first or now, tz),
        workflow.start,
        workflow.done,
        workflow.ranks,
        dict(workflow.order),
        business_days,
        tuple(settled),
    )


def build_history(
    columns: Iterable[Column],
    events: Iterable[Event],
    now: datetime,
    tz: tzinfo,
    types: Mapping[int, WorkType] | None = None,
    business_days: bool = False,
    created: datetime | None = None,
) -> History:
    """Every live card's timeline from ``events``, ``columns`` (the live ones) left to right.

    ``events`` may come in any order; events at the same instant keep the order given (the
    service's is by time, then id).

    ``types`` (card id -> type) overrides the types read from the CREATE and EDIT events.
    ``business_days``: count Monday-Friday dates only (the board's setting).
    ``created``: the board's creation, the first day if no event came before it.
    """
    events = list(events)
    removed = removals(events)
    if removed:
        events = _name_removed(events, removed)
    cards, first = _read_log(events, now)
    return history_from_logs(columns, cards, removed, now, tz, first, business_days, created, types)


def starts_history(
    columns: Iterable[Column],
    starts: Iterable[tuple[int, datetime, datetime | None]],
    now: datetime,
    tz: tzinfo,
    business_days: bool = False,
) -> History:
    """A history that knows only when cards started and finished (``starts``: card, started,
    finished): enough for the cycle times and the ages the aging rule reads, without their
    moves (its timelines have no stays and no path). Its first day is the first start's:
    :meth:`History.finishes` then finds its dates by bisection instead of converting each one
    (half the aging rule's time at 20,000 cards)."""
    columns = tuple(columns)
    workflow = Workflow.of(columns)
    cards = tuple(
        _made(Timeline, (card_id, started, started, finished, (), (), (), None))
        for card_id, started, finished in sorted(starts, key=lambda found: found[0])
    )
    first = min((card.started for card in cards if card.started is not None), default=now)
    return History(
        columns,
        cards,
        now,
        tz,
        local_date(min(first, now), tz),
        workflow.start,
        workflow.done,
        workflow.ranks,
        dict(workflow.order),
        business_days,
    )
