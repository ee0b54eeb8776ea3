"""The board's policies: strict or soft limits, the SLE, the expedite lane's limit, the fixed
aging thresholds, business days, and personal WIP limits.

Each change runs in one transaction with its event (SETTING or LIMIT, without a card) and can
be undone; a change to the same value writes nothing. (The pinned constraint is a column's:
:mod:`kanban.services.commands.columns`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kanban.domain import validation as check
from kanban.domain.models import Board, EventKind, Person
from kanban.errors import InvalidInput, NotFound
from kanban.services.core import ServiceCore
from kanban.storage.converters import to_board

if TYPE_CHECKING:
    from kanban.storage.tables import BoardRow
    from kanban.storage.unit_of_work import UnitOfWork


class PolicyCommands(ServiceCore):
    """Changes to a board's settings and to personal limits."""

    # Each board setting writes a SETTING event (no card) whose ``changes`` map each setting to
    # [old, new], and can be undone; a change to the same value writes nothing.

    def set_strict(self, board_id: int, strict: bool) -> Board:
        """Refuse (strict) or allow with a warning (soft) a move into a full column."""
        return self._set_board(board_id, "strict", strict=bool(strict))

    def set_sle(self, board_id: int, days: int | None) -> Board:
        """The board's service level expectation in whole days; None clears it,
        and the 85th percentile of recent cycle times serves instead."""
        return self._set_board(board_id, "SLE", sle_days=check.sle_days(days))

    def set_expedite_limit(self, board_id: int, limit: int) -> Board:
        """How many expedite cards may be in progress at once (at least 1)."""
        limit = check.whole_number(limit, "an expedite limit")
        return self._set_board(board_id, "expedite limit", expedite_limit=limit)

    def set_business_days(self, board_id: int, on: bool) -> Board:
        """Count days Monday-Friday only (on) or every calendar day (off), in every metric."""
        return self._set_board(board_id, "business days", business_days=bool(on))

    def set_aging_thresholds(self, board_id: int, warning: int, critical: int) -> Board:
        """The fixed aging thresholds in days (used until the board has enough history):
        1 <= warning <= critical."""
        warn = check.whole_number(warning, "the warning threshold", days=True)
        crit = check.whole_number(critical, "the critical threshold", days=True)
        if warn > crit:
            raise InvalidInput(
                f"the warning threshold ({warn} days) cannot be above the critical one "
                f"({crit} days)"
            )
        return self._set_board(board_id, "aging", warn_days=warn, critical_days=crit)

    def _set_board(self, board_id: int, label: str, **values: Any) -> Board:
        with self.store.write() as uow:
            row = uow.board_row(board_id)
            old = {name: getattr(row, name) for name in values}
            board = _write_board(uow, row, values)
        if old != values:
            self._remember(
                f"{label} of {board.name}",
                lambda uow: _write_board(uow, uow.board_row(board_id), old, undo=True),
            )
        return board

    # ------------------------------------------------------------------ people

    def set_person_limit(
        self, board_id: int, name: str, limit: int | None, require_known: bool = False
    ) -> Person:
        """Set (or, with None, remove) a person's WIP limit; the name matches in any case.
        A change writes a LIMIT event (``person``, ``old``, ``new``) and can be undone.

        ``require_known`` (the CLI) refuses a name that is nobody's on the board yet (no live
        card assigned, no limit), so a typo does not make up a person; the hint lists who is. A
        new limit takes the name as the cards spell it."""
        name = check.clean_name(name, "person")
        limit = check.wip_limit(limit, "personal WIP limit")
        with self.store.write() as uow:
            uow.board_row(board_id)
            row = uow.person_row(board_id, name)
            if row is None and require_known:
                name = _known_name(uow, board_id, name)
            old = (row.name, row.wip_limit) if row else (name, None)
            person = _write_person_limit(uow, board_id, name, limit)
        if old[1] != limit:
            self._remember(
                f"limit of {person.name}",
                lambda uow: _write_person_limit(uow, board_id, *old, undo=True),
            )
        return person


def _write_board(uow: UnitOfWork, row: BoardRow, values: dict[str, Any], **details: Any) -> Board:
    changes = {n: [getattr(row, n), v] for n, v in values.items() if getattr(row, n) != v}
    for name, (_old, new) in changes.items():
        setattr(row, name, new)
    board = to_board(row)
    if changes:
        uow.event(board.id, None, EventKind.SETTING, board=row.name, changes=changes, **details)
    return board


def _known_name(uow: UnitOfWork, board_id: int, name: str) -> str:
    """``name`` as spelt on the board's live cards or people (any case), else NotFound."""
    known = {p.name.casefold(): p.name for p in uow.people(board_id)}
    for spelt in uow.assignees(board_id):  # the oldest card's spelling
        known.setdefault(spelt.casefold(), spelt)
    if name.casefold() in known:
        return known[name.casefold()]
    names = ", ".join(sorted(known.values(), key=str.casefold))
    hint = f"people: {names}" if names else "assign a card to them first"
    raise NotFound(f"nobody named {name!r} holds work on this board; {hint}")


def _write_person_limit(
    uow: UnitOfWork, board_id: int, name: str, limit: int | None, **details: Any
) -> Person:
    old, person = uow.put_person_limit(board_id, name, limit)
    if old != limit:
        uow.event(
            board_id, None, EventKind.LIMIT, person=person.name, old=old, new=limit, **details
        )
    return person
