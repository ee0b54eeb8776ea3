"""What every part of the service shares: the store it reads and writes through, the clock
that stamps changes, who makes them (the author of their events), and the undo stack (changes
made through one service can be undone, several steps back; an undo is itself a change with its
own events)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kanban.clock import now as clock_now
from kanban.clock import to_utc
from kanban.domain.validation import clean_author
from kanban.services.stale import unchanged_since
from kanban.storage.store import Store

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from kanban.storage.unit_of_work import UnitOfWork

UNSET: Any = object()  # an argument not given (None may mean "clear it")


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo reverted: its label (``"move #4"``) and the card it touched, if any."""

    label: str
    card_id: int | None = None


@dataclass(frozen=True, slots=True)
class _UndoStep:
    label: str
    revert: Callable[[UnitOfWork], object]  # writes the reverse change in the undo's transaction
    card_id: int | None = None
    version: int = 0  # the card's version right after the change (someone changed it since?)


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

    def prepare_writes(self) -> None:
        """Load what the first change needs (a read loads none of it): a view calls this once
        it is idle, so that its first change is as quick as the next."""
        self.store.prepare_writes()

    def _now(self) -> datetime:
        return to_utc(self.clock())

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Undone | None:
        """Revert the last change made through this service; returns what it was.

        Refused (:class:`kanban.errors.StaleCard`, nothing written, the step dropped) when
        someone changed its card since: an undo reverts only this service's own change."""
        if not self._undo:
            return None
        step = self._undo.pop()
        with self.store.write() as uow:
            if step.card_id is not None:
                unchanged_since(uow, step.label, step.card_id, step.version)
            step.revert(uow)
            if step.card_id is not None:
                version = uow.deleted_card_row(step.card_id).version
        if step.card_id is not None:
            self._rebase(step.card_id, version)
        return Undone(step.label, step.card_id)

    def _rebase(self, card_id: int, version: int) -> None:
        """The card is back as this service's previous change to it left it, at a new version
        (the undo's own): that change's step expects it."""
        for index in range(len(self._undo) - 1, -1, -1):
            if self._undo[index].card_id == card_id:
                self._undo[index] = replace(self._undo[index], version=version)
                return

    def _remember(
        self,
        label: str,
        revert: Callable[[UnitOfWork], object],
        card_id: int | None = None,
        version: int = 0,
    ) -> None:
        """An undo step: ``revert`` writes the reverse change; a card's step remembers the
        card's ``version`` right after the change."""
        self._undo.append(_UndoStep(label, revert, card_id, version))
