"""WIP limits: a column's status against its limits, whether a move breaches one, and the
expedite lane (its cards may pass a column's limit)."""

from __future__ import annotations

from kanban.domain.models import Card, ClassOfService, Column, ColumnKind, WipStatus

_EXPEDITE = ClassOfService.EXPEDITE


def is_limited(column: Column) -> bool:
    """Backlog and done columns show counts but are never flagged."""
    return column.kind not in (ColumnKind.BACKLOG, ColumnKind.DONE)


def wip_status(column: Column, count: int) -> WipStatus:
    """``under`` (< min), ``ok``, ``at`` (= max) or ``over`` (> max)."""
    if not is_limited(column):
        return WipStatus.OK
    if column.wip_limit is not None:
        if count > column.wip_limit:
            return WipStatus.OVER
        if count == column.wip_limit:
            return WipStatus.AT
    if column.wip_min is not None and count < column.wip_min:
        return WipStatus.UNDER
    return WipStatus.OK


def breaches_on_entry(column: Column, count_before: int) -> bool:
    """Whether one more card pushes ``column`` over its limit."""
    return wip_status(column, count_before + 1) is WipStatus.OVER


def load_ratio(column: Column, count: int) -> float:
    """count / limit; infinite for a limit of 0 holding cards, 0 without a limit."""
    if column.wip_limit is None:
        return 0.0
    if column.wip_limit == 0:
        return float("inf") if count else 0.0
    return count / column.wip_limit


def split_lane(column: Column, cards: list[Card]) -> tuple[list[Card], list[Card]]:
    """``(expedite, others)``, each in column order: the column's part of the expedite lane
    and the rest. Expedite cards in a done column are finished: they stay with the others."""
    if column.kind is ColumnKind.DONE:
        return [], cards
    # Two comprehensions on the field itself: a move redraws two columns of up to thousands.
    lane = [card for card in cards if card.class_of_service is _EXPEDITE]
    if not lane:
        return lane, cards[:]
    return lane, [card for card in cards if card.class_of_service is not _EXPEDITE]


def expedite_count(column: Column, cards: list[Card]) -> int:
    """The column's expedite cards not yet done (its part of the expedite lane)."""
    if column.kind is ColumnKind.DONE:
        return 0
    return len([card for card in cards if card.class_of_service is _EXPEDITE])


def is_breached(column: Column, cards: list[Card]) -> bool:
    """Over the limit, and not only because of expedite cards (they may pass it)."""
    count = len(cards)
    if wip_status(column, count) is not WipStatus.OVER:
        return False
    expedite = expedite_count(column, cards)
    return not passed_by_expedite(column, count, expedite)


def passed_by_expedite(column: Column, count: int, expedite: int) -> bool:
    """Whether the column is over its limit only because of its ``expedite`` cards (of
    ``count``): without them it would not be. An expedite card may pass a limit; the board
    shows that it did."""
    if wip_status(column, count) is not WipStatus.OVER or column.wip_limit is None:
        return False
    return count - expedite <= column.wip_limit
