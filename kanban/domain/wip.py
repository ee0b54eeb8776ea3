"""WIP limits: a column's status against its limits, and whether a move breaches one."""

from __future__ import annotations

from kanban.domain.models import Column, ColumnKind, WipStatus


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
