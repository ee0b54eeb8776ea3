"""The summary of a board, and the standup: what happened since the previous working day.

Pure data; the reports package turns it into text, Markdown or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from operator import attrgetter

from kanban.domain.aging import AgingRule, local_date
from kanban.domain.board_view import BoardView, CardView, ColumnView
from kanban.domain.bottleneck import Bottleneck
from kanban.domain.metrics.constraint import Constraint, find_constraint
from kanban.domain.metrics.durations import column_times
from kanban.domain.metrics.history import DEFAULT_DAYS, History
from kanban.domain.models import Aging, ColumnKind, Event, EventKind
from kanban.domain.people import PersonLoad
from kanban.domain.standup_flow import StandupFlow, standup_flow


@dataclass(frozen=True, slots=True)
class StandupCard:
    id: int
    title: str
    column: str  # where the card is now
    at: datetime  # when it happened (the last such event since the start)
    from_column: str | None = None  # moved: where it was at the start of the window
    reason: str | None = None  # newly blocked: why
    cycle_time: int | None = None  # finished: started -> finished, days (with the history)
    past_sle: bool | None = None  # finished: cycle time above the SLE (None: no SLE yet)
    by: str | None = None  # who made that last event (None: unknown)


DUE_SOON_DAYS = 2  # due within two days: named by the standup (amber on the board)


@dataclass(frozen=True, slots=True)
class DueCard:
    """A card not done whose due date is past or within ``DUE_SOON_DAYS`` days."""

    view: CardView
    due_date: date
    days_left: int  # due date - today, local dates: 0 due today, negative overdue

    @property
    def overdue_days(self) -> int | None:
        """Days past the due date (due yesterday: 1); None while not overdue."""
        return -self.days_left if self.days_left < 0 else None


def due_cards(columns: list[ColumnView], today: date) -> list[DueCard]:
    """The cards of ``columns`` (done columns left out) due on or before ``today`` +
    ``DUE_SOON_DAYS``, the earliest due date first (ties: in the order of ``columns``)."""
    found = [
        DueCard(c, c.card.due_date, (c.card.due_date - today).days)
        for view in columns
        if view.column.kind is not ColumnKind.DONE
        for c in view.cards
        if c.card.due_date is not None and (c.card.due_date - today).days <= DUE_SOON_DAYS
    ]
    return sorted(found, key=lambda d: d.due_date)  # sorted is stable: column order kept


@dataclass(frozen=True, slots=True)
class Standup:
    since: datetime
    finished: list[StandupCard] = field(default_factory=list)
    moved: list[StandupCard] = field(default_factory=list)
    newly_blocked: list[StandupCard] = field(default_factory=list)
    flow: StandupFlow | None = None  # the flow figures, when the history was read
    due: list[DueCard] = field(default_factory=list)  # overdue or due within two days


@dataclass(frozen=True, slots=True)
class Summary:
    view: BoardView
    standup: Standup | None = None
    constraint: Constraint | None = None  # the bottleneck with the history's evidence

    @property
    def columns(self) -> list[ColumnView]:
        """Left to right; right to left for a standup, as the team walks the board."""
        if self.standup is not None:
            return list(reversed(self.view.columns))
        return list(self.view.columns)

    @property
    def breaches(self) -> list[ColumnView]:
        return [view for view in self.columns if view.breached]

    @property
    def aging(self) -> list[CardView]:
        """Warning and critical cards (``watch`` is left to the board), the oldest first by
        what the aging rule measures (age, or days in column)."""
        cards = [
            c
            for view in self.columns
            for c in view.cards
            if c.aging in (Aging.WARNING, Aging.CRITICAL)
        ]
        return sorted(cards, key=lambda c: -(c.age or c.days_in_column))

    @property
    def aging_rule(self) -> AgingRule:
        return self.view.aging_rule

    @property
    def walk(self) -> list[tuple[ColumnView, list[CardView]]]:
        """The standup's walk (docs/flow.md): column by column as listed (right to left for a
        standup), each with its cards that need talking about - blocked, or aging at warning
        or critical - in column order. Backlog and done columns list none."""
        return [
            (
                view,
                [
                    c
                    for c in view.cards
                    if c.card.blocked or c.aging in (Aging.WARNING, Aging.CRITICAL)
                ],
            )
            for view in self.columns
        ]

    @property
    def blocked(self) -> list[CardView]:
        cards = [c for view in self.columns for c in view.cards if c.card.blocked]
        return sorted(cards, key=lambda c: -(c.days_blocked or 0))

    @property
    def bottleneck(self) -> Bottleneck | None:
        return self.view.bottleneck

    @property
    def evidence(self) -> tuple[str, ...]:
        """What the history adds to the bottleneck's reason (empty without the history)."""
        return self.constraint.evidence[1:] if self.constraint else ()

    @property
    def people(self) -> list[PersonLoad]:
        """Everyone holding work in progress or having a personal limit, by name."""
        return self.view.people

    @property
    def over_limit(self) -> list[PersonLoad]:
        return [p for p in self.view.people if p.over]

    @property
    def expedite(self) -> list[CardView]:
        """Expedite cards not yet done, in the order of the columns listed."""
        return [
            c
            for view in self.columns
            if view.column.kind is not ColumnKind.DONE
            for c in view.cards
            if c.card.expedite
        ]


def previous_working_day(today: date) -> date:
    """Yesterday, skipping the weekend: on Monday (and Saturday, Sunday) it is Friday."""
    day = today - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def standup_since(now: datetime, tz: tzinfo) -> datetime:
    """Local midnight at the start of the previous working day."""
    day = previous_working_day(now.astimezone(tz).date())
    return _local_midnight(day, tz)


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    naive = datetime.combine(day, time())
    localize = getattr(tz, "convert", None)  # pendulum zones resolve DST gaps properly
    return localize(naive) if localize else naive.replace(tzinfo=tz)


STANDUP_KINDS = (EventKind.MOVE, EventKind.BLOCK)  # the only events build_standup reads


def build_standup(
    view: BoardView, events: list[Event], since: datetime, flow: StandupFlow | None = None
) -> Standup:
    """Cards finished, moved and newly blocked since ``since``, from the event history; with
    the ``flow``, the finished cards' cycle times against the SLE.

    Each card keeps only the events that decide what is printed (its last finish, its first
    origin and last move, its last block), in the order the cards first did each; the cards
    are made once, at the end."""
    cards = {cv.card.id: cv for cv in view.cards()}
    columns = {cv.column.id: cv.column for cv in view.columns}
    finished: dict[int, Event] = {}
    moved: dict[int, tuple[str | None, Event]] = {}  # the first origin, the last move
    blocked: dict[int, Event] = {}
    done = ColumnKind.DONE
    for event in sorted(events, key=attrgetter("at", "id")):
        card_id = event.card_id
        if event.at < since or card_id not in cards:
            continue
        if event.kind is EventKind.MOVE:
            target = columns.get(event.to_column_id or -1)
            if target is not None and target.kind is done:
                finished[card_id] = event
            first = moved.get(card_id)
            if first is None:
                origin = columns.get(event.from_column_id or -1)
                moved[card_id] = (origin.name if origin else None, event)
            else:
                moved[card_id] = (first[0], event)
        elif event.kind is EventKind.BLOCK and cards[card_id].card.blocked:
            blocked[card_id] = event

    def made(
        card_id: int,
        event: Event,
        from_column: str | None = None,
        reason: str | None = None,
        cycle_time: int | None = None,
    ) -> StandupCard:
        current = cards[card_id]
        return StandupCard(
            card_id,
            current.card.title,
            current.column.name,
            event.at,
            from_column=from_column,
            reason=reason,
            cycle_time=cycle_time,
            past_sle=flow.past_sle(cycle_time) if flow else None,
            by=event.author,
        )

    finished = {k: v for k, v in finished.items() if cards[k].column.kind is done}
    cycles = flow.cycle_times if flow else {}
    return Standup(
        since=since,
        finished=[made(k, event, cycle_time=cycles.get(k)) for k, event in finished.items()],
        moved=[
            made(k, event, from_column=origin)
            for k, (origin, event) in moved.items()
            if k not in finished and origin != cards[k].column.name
        ],
        newly_blocked=[
            made(k, event, reason=cards[k].card.blocked_reason) for k, event in blocked.items()
        ],
        flow=flow,
    )


def build_summary(
    view: BoardView,
    tz: tzinfo,
    events: list[Event] | None = None,
    standup: bool = False,
    history: History | None = None,
) -> Summary:
    """The summary; with the ``history``, the bottleneck's evidence; with ``standup``, what
    happened since the previous working day, and with the ``history`` too, the flow figures
    and the finished cards' cycle times."""
    constraint = None
    if history is not None:
        start, end = history.window(DEFAULT_DAYS)
        times = column_times(history, max(start, history.first_day), end)
        constraint = find_constraint(view.bottleneck, history, times)
    if not standup:
        return Summary(view, constraint=constraint)
    since = standup_since(view.now, tz)
    flow = None
    if history is not None:
        flow = standup_flow(history, history.day(since), view.board.sle_days)
    found = build_standup(view, events or [], since, flow)
    walked = list(reversed(view.columns))  # right to left, as the standup walks
    found = replace(found, due=due_cards(walked, local_date(view.now, tz)))
    return Summary(view, found, constraint)
