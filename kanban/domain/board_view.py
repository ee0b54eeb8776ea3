"""The board as a reader sees it at one moment: counts, WIP status, days in column, aging.

Built from a :class:`BoardSnapshot` and a time; used by ``kanban ls``, the summary and the TUI.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from functools import partial

from kanban.domain.aging import (
    AgingBasis,
    AgingRule,
    DayCount,
    ages,
    elapsed_days,
    local_date,
    plain_utc,
)
from kanban.domain.bottleneck import Bottleneck, find_bottleneck
from kanban.domain.models import (
    Aging,
    Board,
    BoardSnapshot,
    Card,
    Column,
    ColumnKind,
    WipStatus,
)
from kanban.domain.people import PersonLoad, person_loads
from kanban.domain.wip import is_breached, wip_status


@dataclass(frozen=True, slots=True)
class CardView:
    card: Card
    column: Column
    days_in_column: int
    aging: Aging
    days_blocked: int | None
    age: int | None = None  # days since the card started (percentile rule; None: not measured)


@dataclass(frozen=True, slots=True)
class ColumnView:
    column: Column
    count: int
    status: WipStatus
    cards: list[CardView]
    breached: bool = False  # over the limit, and not only by expedite cards (they may pass)


@dataclass(frozen=True, slots=True)
class BoardView:
    board: Board
    now: datetime
    columns: list[ColumnView]
    bottleneck: Bottleneck | None
    people: list[PersonLoad] = field(default_factory=list)  # personal WIP, by name
    rule: AgingRule | None = None  # the aging rule applied (None: the board's fixed one)

    @property
    def aging_rule(self) -> AgingRule:
        return self.rule or AgingRule.fixed(self.board)

    @property
    def wip(self) -> int:
        return sum(view.count for view in self.columns if view.column.kind.is_wip)

    @property
    def breaches(self) -> list[ColumnView]:
        return [view for view in self.columns if view.breached]

    def cards(self) -> list[CardView]:
        return [card for view in self.columns for card in view.cards]

    @property
    def expedite(self) -> list[CardView]:
        """Expedite cards not yet done (the expedite lane), left to right."""
        return [
            card
            for view in self.columns
            if view.column.kind is not ColumnKind.DONE
            for card in view.cards
            if card.card.expedite
        ]


def view_card(
    card: Card,
    column: Column,
    rule: AgingRule,
    now: datetime | date,
    tz: tzinfo,
    count: Callable[[datetime], int] | None = None,
) -> CardView:
    """One card at ``now`` (or on the local date ``now``: the same for every card). ``count``
    gives the days from an instant to that date by ``rule``'s calendar (default:
    :func:`elapsed_days`; a board's cards share one :class:`DayCount`)."""
    if count is None:
        today, business = local_date(now, tz), rule.business_days
        count = partial(_elapsed, today=today, tz=tz, business=business)
    return _view(card, column, ages(column), rule, count)


def _view(
    card: Card, column: Column, aged: bool, rule: AgingRule, count: Callable[[datetime], int]
) -> CardView:
    """:func:`view_card`, whether the column ages (``aged``) already known."""
    in_column = count(card.entered_at)
    aging, age = Aging.OK, None
    if aged:
        if rule.basis is AgingBasis.PERCENTILES:  # the age: days since the start (rule.days)
            age = count(rule.started.get(card.id, card.entered_at))
        aging = rule.level(in_column if age is None else age)
    blocked = None if card.blocked_at is None else count(card.blocked_at)
    return CardView(card, column, in_column, aging, blocked, age)


def _elapsed(start: datetime, today: date, tz: tzinfo, business: bool) -> int:
    return elapsed_days(start, today, tz, business)


def build_view(
    snapshot: BoardSnapshot, now: datetime, tz: tzinfo, rule: AgingRule | None = None
) -> BoardView:
    """The board at ``now``; aging by ``rule`` (default: the board's fixed thresholds)."""
    rule = rule or AgingRule.fixed(snapshot.board)
    # once: every card counts to the same day
    count = DayCount(local_date(plain_utc(now), tz), tz, rule.business_days)
    columns = []
    for column in snapshot.columns:
        cards, aged = snapshot.cards_in(column.id), ages(column)
        columns.append(
            ColumnView(
                column=column,
                count=snapshot.count(column.id),
                status=wip_status(column, snapshot.count(column.id)),
                breached=is_breached(column, cards),
                cards=[_view(card, column, aged, rule, count) for card in cards],
            )
        )
    return BoardView(
        snapshot.board, now, columns, find_bottleneck(snapshot), person_loads(snapshot), rule
    )
