"""The board's objects as plain dataclasses (what the storage layer returns)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from operator import attrgetter
from typing import Any


class ColumnKind(StrEnum):
    BACKLOG = "backlog"  # requested, not committed
    QUEUE = "queue"  # started, waiting
    ACTIVE = "active"  # someone works on it
    DONE = "done"  # finished

    @property
    def is_wip(self) -> bool:
        """Cards in queue and active columns are work in progress."""
        return self in (ColumnKind.QUEUE, ColumnKind.ACTIVE)


class WorkType(StrEnum):
    """The four types of work of *The Phoenix Project*."""

    BUSINESS = "business"
    INTERNAL = "internal"
    CHANGE = "change"
    UNPLANNED = "unplanned"


class ClassOfService(StrEnum):
    """How urgent a card is: expedite may pass WIP limits; fixed-date has a due date."""

    EXPEDITE = "expedite"
    FIXED_DATE = "fixed-date"
    STANDARD = "standard"
    INTANGIBLE = "intangible"


class WipStatus(StrEnum):
    UNDER = "under"
    OK = "ok"
    AT = "at"
    OVER = "over"


class Aging(StrEnum):
    """How old a card is against the board's aging rule, in rising order (``watch`` only
    exists under the percentile rule)."""

    OK = "ok"
    WATCH = "watch"
    WARNING = "warning"
    CRITICAL = "critical"


class EventKind(StrEnum):
    CREATE = "create"
    MOVE = "move"
    REORDER = "reorder"
    EDIT = "edit"
    BLOCK = "block"
    UNBLOCK = "unblock"
    DELETE = "delete"
    RESTORE = "restore"
    LIMIT = "limit"  # a column's or a person's WIP limit (no card)
    SETTING = "setting"  # a board setting, the pinned constraint, a column added, renamed or
    # removed (no card)


@dataclass(slots=True)
class Board:
    id: int
    name: str
    strict: bool = False
    warn_days: int = 3
    critical_days: int = 7
    expedite_limit: int = 1  # expedite cards in progress at once (the expedite lane)
    sle_days: int | None = None  # the board's service level expectation, if set by hand
    business_days: bool = False  # days count Monday-Friday only (every metric)


@dataclass(slots=True)
class Column:
    id: int
    board_id: int
    name: str
    kind: ColumnKind
    position: int
    wip_limit: int | None = None
    wip_min: int | None = None
    is_constraint: bool = False  # pinned by the team as the constraint


@dataclass(slots=True)
class Card:
    id: int
    board_id: int
    column_id: int
    position: int  # orders the column's cards; may leave gaps (-1: deleted)
    title: str
    type: WorkType
    created_at: datetime
    entered_at: datetime  # when the card entered its current column (UTC)
    assignee: str | None = None
    description: str = ""
    blocked_reason: str | None = None
    blocked_at: datetime | None = None
    class_of_service: ClassOfService = ClassOfService.STANDARD
    due_date: date | None = None
    # Raised by every change to the card: a write that names the version it was made from is
    # refused when the card changed since. Not part of the card's state (equality ignores it).
    version: int = field(default=0, compare=False)

    @property
    def blocked(self) -> bool:
        return self.blocked_reason is not None

    @property
    def expedite(self) -> bool:
        return self.class_of_service is ClassOfService.EXPEDITE


@dataclass(slots=True)
class Person:
    """Someone cards are assigned to, with a personal WIP limit (None: no limit)."""

    board_id: int
    name: str
    wip_limit: int | None = None


@dataclass(slots=True)
class Event:
    id: int
    board_id: int
    card_id: int | None
    at: datetime
    kind: EventKind
    from_column_id: int | None = None
    to_column_id: int | None = None
    details: Mapping[str, Any] = field(default_factory=dict)  # read-only: parsed when read
    author: str | None = None  # who made the change (None: unknown, before authors were kept)


@dataclass(slots=True)
class BoardSnapshot:
    """A board at one moment: its columns left to right, each column's cards top to bottom."""

    board: Board
    columns: list[Column]
    cards: dict[int, list[Card]]  # column id -> cards ordered by position
    people: list[Person] = field(default_factory=list)  # personal WIP limits
    # Column id -> its live cards, for a column whose list holds only some of them (a report
    # that names only a few of a backlog's or done column's cards reads only those).
    counts: dict[int, int] = field(default_factory=dict)

    def column(self, column_id: int) -> Column:
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    def column_named(self, name: str) -> Column | None:
        wanted = name.casefold()
        return next((c for c in self.columns if c.name.casefold() == wanted), None)

    def cards_in(self, column_id: int) -> list[Card]:
        return self.cards.setdefault(column_id, [])

    def count(self, column_id: int) -> int:
        """The column's live cards, all of them, whether its list holds them all or not."""
        return self.counts.get(column_id, len(self.cards_in(column_id)))

    def all_cards(self) -> list[Card]:
        return [card for column in self.columns for card in self.cards_in(column.id)]

    @property
    def wip(self) -> int:
        """Cards started and not finished (blocked ones count)."""
        return sum(len(self.cards_in(c.id)) for c in self.columns if c.kind.is_wip)

    def find_card(self, card_id: int) -> Card | None:
        for cards in self.cards.values():
            for card in cards:
                if card.id == card_id:
                    return card
        return None

    def place(self, card: Card, was: Card | None = None) -> None:
        """Put ``card`` (its column and position already set) where it says, removing the old copy
        (``was``, if known: see :meth:`remove`).

        Mirrors in memory what the storage layer did (``UnitOfWork.place``), so a client need
        not reload the board: within its column (``was`` there) the cards between its old
        position and its new one step by one toward the old; in another column, a card at its
        position and those after it step down by one."""
        removed = self.remove(card.id, was)
        cards = self.cards_in(card.column_id)
        position = card.position
        if removed is not None and removed.column_id == card.column_id and removed.position >= 0:
            old = removed.position
            low, high, step = (old + 1, position, -1) if position > old else (position, old - 1, 1)
            for other in cards[_at(cards, low) : _after(cards, high)]:
                other.position += step
        else:
            index = _at(cards, position)
            if index < len(cards) and cards[index].position == position:
                for other in cards[index:]:
                    other.position += 1
        cards.insert(_at(cards, position), card)

    def remove(self, card_id: int, was: Card | None = None) -> Card | None:
        """Take the card out (its position is left unused). ``was``, its copy as last placed
        here, says where it is (its column and position); without it, or if it is not there,
        every column is searched (thousands of cards)."""
        if was is not None:
            cards = self.cards_in(was.column_id)
            index = _at(cards, was.position)
            if index < len(cards) and cards[index] is was:
                return cards.pop(index)
        for cards in self.cards.values():
            for index, card in enumerate(cards):
                if card.id == card_id:
                    return cards.pop(index)
        return None


def _at(cards: list[Card], position: int) -> int:
    """The index of the first of ``cards`` (in order) at ``position`` or after it."""
    return bisect_left(cards, position, key=attrgetter("position"))


def _after(cards: list[Card], position: int) -> int:
    """The index of the first of ``cards`` (in order) after ``position``."""
    return bisect_right(cards, position, key=attrgetter("position"))
