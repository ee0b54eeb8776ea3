"""A small builder of event histories for the metric tests: the default board's five columns
(ids 1-5: Backlog, Ready, In Progress, Review, Done) and events written as the service does."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from kanban.domain.metrics.history import History, build_history
from kanban.domain.models import Column, ColumnKind, Event, EventKind

BACKLOG, READY, DEV, REVIEW, DONE = 1, 2, 3, 4, 5
COLUMNS = [
    Column(1, 1, "Backlog", ColumnKind.BACKLOG, 0),
    Column(2, 1, "Ready", ColumnKind.QUEUE, 1, wip_limit=5),
    Column(3, 1, "In Progress", ColumnKind.ACTIVE, 2, wip_limit=3),
    Column(4, 1, "Review", ColumnKind.QUEUE, 3, wip_limit=2),
    Column(5, 1, "Done", ColumnKind.DONE, 4),
]
MONDAY = date(2026, 11, 2)  # day 0 of every test history; a Monday


def at(day: int, hour: float = 9) -> datetime:
    """``day`` days after MONDAY at ``hour`` UTC."""
    start = datetime(MONDAY.year, MONDAY.month, MONDAY.day, tzinfo=UTC)
    return start + timedelta(days=day, hours=hour)


def on(day: int) -> date:
    return MONDAY + timedelta(days=day)


class Log:
    def __init__(self, columns: list[Column] | None = None) -> None:
        self.columns = columns or COLUMNS
        self.events: list[Event] = []
        self.where: dict[int, int] = {}

    def _add(self, card: int, when: datetime, kind: EventKind, **kw: Any) -> Log:
        self.events.append(Event(len(self.events) + 1, 1, card, when, kind, **kw))
        return self

    def create(
        self, card: int, day: int, hour: float = 9, column: int = BACKLOG, type: str = "business"
    ) -> Log:
        self.where[card] = column
        return self._add(
            card, at(day, hour), EventKind.CREATE, to_column_id=column, details={"type": type}
        )

    def move(self, card: int, to: int, day: int, hour: float = 9, undo: bool = False) -> Log:
        source, self.where[card] = self.where[card], to
        details = {"undo": True} if undo else {}
        return self._add(
            card,
            at(day, hour),
            EventKind.MOVE,
            from_column_id=source,
            to_column_id=to,
            details=details,
        )

    def path(self, card: int, *steps: tuple[int, int]) -> Log:
        """Moves given as (column, day) pairs."""
        for column, day in steps:
            self.move(card, column, day)
        return self

    def block(self, card: int, reason: str, day: int, hour: float = 9, undo: bool = False) -> Log:
        details: dict[str, Any] = {"reason": reason}
        if undo:
            details["undo"] = True
        return self._add(card, at(day, hour), EventKind.BLOCK, details=details)

    def unblock(self, card: int, day: int, hour: float = 9, undo: bool = False) -> Log:
        return self._add(
            card, at(day, hour), EventKind.UNBLOCK, details={"undo": True} if undo else {}
        )

    def delete(self, card: int, day: int, hour: float = 9) -> Log:
        return self._add(card, at(day, hour), EventKind.DELETE, from_column_id=self.where[card])

    def restore(self, card: int, day: int, hour: float = 9) -> Log:
        return self._add(
            card,
            at(day, hour),
            EventKind.RESTORE,
            to_column_id=self.where[card],
            details={"undo": True},
        )

    def retype(self, card: int, old: str, new: str, day: int, hour: float = 9) -> Log:
        return self._add(
            card, at(day, hour), EventKind.EDIT, details={"changes": {"type": [old, new]}}
        )

    def remove_column(self, column: int, when: datetime) -> Log:
        """The column removed (empty) at ``when``, logged as the service does."""
        index = next(i for i, c in enumerate(self.columns) if c.id == column)
        removed = self.columns[index]
        self.columns = [c for c in self.columns if c.id != column]
        details = {
            "from": removed.name,
            "removed_column": {
                "kind": removed.kind.value,
                "after": self.columns[index - 1].id if index else None,
                "position": index,
            },
        }
        self.events.append(
            Event(
                len(self.events) + 1,
                1,
                None,
                when,
                EventKind.SETTING,
                from_column_id=column,
                details=details,
            )
        )
        return self

    def history(self, now: datetime, tz: tzinfo = UTC, **kw: Any) -> History:
        return build_history(self.columns, self.events, now, tz, **kw)
