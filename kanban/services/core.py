"""What every part of the service shares: the store it reads and writes through, the clock
that stamps changes, who makes them (the author of their events), and the undo stack (changes
made through one service can be undone, several steps back; an undo is itself a change with its
own events)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kanban.clock import now as clock_now
from kanban.clock import to_utc
from kanban.domain.validation import clean_author
from kanban.storage.unit_of_work import Store

if TYPE_CHECKING:
    from sqlalchemy import Engine

UNSET: Any = object()  # an argument not given (None may mean "clear it")


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo reverted: its label (``"move #4"``) and the card it touched, if any."""

    label: str
    card_id: int | None = None


@dataclass(frozen=True, slots=True)
class _UndoStep:
    label: str
    revert: Callable[[], None]
    card_id: int | None = None


class ServiceCore:
    """The base of the reads and the commands (:class:`kanban.services.KanbanService`)."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime] = clock_now,
        author: str | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.author = clean_author(author)  # recorded on every event this service writes
        self.store = Store(engine, self._now, self.author)
        self._undo: list[_UndoStep] = []

    def close(self) -> None:
        self.store.close()

    def _now(self) -> datetime:
        return to_utc(self.clock())

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Undone | None:
        """Revert the last change made through this service; returns what it was."""
        if not self._undo:
            return None
        step = self._undo.pop()
        step.revert()
        return Undone(step.label, step.card_id)

    def _remember(self, label: str, revert: Callable[[], None], card_id: int | None = None) -> None:
        self._undo.append(_UndoStep(label, revert, card_id))
