"""The board's policies, as part of :class:`KanbanService`: strict or soft limits, the SLE,
the expedite lane's limit, the fixed aging thresholds, business days, the pinned constraint
and personal WIP limits.

Each change runs in one transaction with its event (SETTING or LIMIT, without a card) and can
be undone; a change to the same value writes nothing. A mixin: the transaction, event and undo
helpers are the service's own (``_tx``, ``_event``, ``_remember``, the row lookups).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from kanban.domain.models import Board, Column, EventKind, Person
from kanban.errors import InvalidInput, NotFound
from kanban.services import validation as check
from kanban.storage.converters import to_board, to_column
from kanban.storage.tables import BoardRow, CardRow, ColumnRow, PersonRow


def _id(column: Column | None) -> int | None:
    return None if column is None else column.id


class Policies:
    """Board settings, the pinned constraint and personal limits (mixed into the service)."""

    # ------------------------------------------------------------------ board settings
    # Each change writes a SETTING event (no card) whose ``changes`` map each setting to
    # [old, new], and can be undone; a change to the same value writes nothing.

    def set_strict(self, board_name: str, strict: bool) -> Board:
        return self._set_board(self.board(board_name).id, "strict", strict=bool(strict))

    def set_sle(self, board_id: int, days: int | str | None) -> Board:
        """The board's service level expectation in whole days; None (or "none") clears it,
        and the 85th percentile of recent cycle times serves instead."""
        return self._set_board(board_id, "SLE", sle_days=check.sle_days(days))

    def set_expedite_limit(self, board_id: int, limit: int | str) -> Board:
        """How many expedite cards may be in progress at once (at least 1)."""
        limit = check.whole_number(limit, "an expedite limit")
        return self._set_board(board_id, "expedite limit", expedite_limit=limit)

    def set_business_days(self, board_id: int, on: bool) -> Board:
        """Count days Monday-Friday only (on) or every calendar day (off), in every metric."""
        return self._set_board(board_id, "business days", business_days=bool(on))

    def set_aging_thresholds(self, board_id: int, warning: int | str, critical: int | str) -> Board:
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
        with self._tx() as s:
            row = self._board_row(s, board_id)
            old = {name: getattr(row, name) for name in values}
            board = self._write_board(s, row, values)
        if old != values:
            self._remember(
                f"{label} of {board.name}", lambda: self._revert_board(board_id, old)
            )
        return board

    def _write_board(
        self, s: Session, row: BoardRow, values: dict[str, Any], **details: Any
    ) -> Board:
        changes = {n: [getattr(row, n), v] for n, v in values.items() if getattr(row, n) != v}
        for name, (_old, new) in changes.items():
            setattr(row, name, new)
        if changes:
            self._event(
                s, row.id, None, EventKind.SETTING, board=row.name, changes=changes, **details
            )
        return to_board(row)

    def _revert_board(self, board_id: int, old: dict[str, Any]) -> None:
        with self._tx() as s:
            self._write_board(s, self._board_row(s, board_id), old, undo=True)

    # ------------------------------------------------------------------ the constraint

    def pin_constraint(self, board_id: int, column: str | None) -> Column | None:
        """Pin the named column as the board's constraint (one per board); None unpins.
        A change writes a SETTING event (``changes``: ``{"constraint": [old, new]}``, column
        names or None) and can be undone."""
        with self._tx() as s:
            self._board_row(s, board_id)
            target = None if column is None else self._column_named(s, board_id, column)
            before = self._pinned(s, board_id)
            pinned = self._pin(s, board_id, before, target)
        if _id(before) != _id(target):
            self._remember("constraint pin", lambda: self._revert_pin(board_id, _id(before)))
        return pinned

    def _pinned(self, s: Session, board_id: int) -> Column | None:
        return next((c for c in self._columns(s, board_id) if c.is_constraint), None)

    def _pin(
        self, s: Session, board_id: int, before: Column | None, target: Column | None,
        **details: Any,
    ) -> Column | None:
        s.execute(
            update(ColumnRow)
            .where(ColumnRow.board_id == board_id)
            .values(is_constraint=ColumnRow.id == (_id(target) or -1))
            .execution_options(synchronize_session=False)
        )
        if _id(before) != _id(target):
            names = [c.name if c else None for c in (before, target)]
            self._event(
                s, board_id, None, EventKind.SETTING, changes={"constraint": names}, **details
            )
        if target is not None:
            target.is_constraint = True
        return target

    def _revert_pin(self, board_id: int, column_id: int | None) -> None:
        with self._tx() as s:
            target = None if column_id is None else to_column(self._column_row(s, column_id))
            self._pin(s, board_id, self._pinned(s, board_id), target, undo=True)

    # ------------------------------------------------------------------ people

    def people(self, board_id: int) -> list[Person]:
        """The people with a personal WIP limit on the board, by name."""
        with self._read() as s:
            return self._people(s, board_id)

    def set_person_limit(
        self, board_id: int, name: str, limit: int | str | None, require_known: bool = False
    ) -> Person:
        """Set (or, with None, remove) a person's WIP limit; the name matches in any case.
        A change writes a LIMIT event (``person``, ``old``, ``new``) and can be undone.

        ``require_known`` (the CLI) refuses a name that is nobody's on the board yet (no live
        card assigned, no limit), so a typo does not make up a person; the hint lists who is. A
        new limit takes the name as the cards spell it."""
        name = check.clean_name(name, "person")
        limit = check.wip_limit(limit, "personal WIP limit")
        with self._tx() as s:
            self._board_row(s, board_id)
            row = self._person_row(s, board_id, name)
            if row is None and require_known:
                name = self._known_name(s, board_id, name)
            old = (row.name, row.wip_limit) if row else (name, None)
            person = self._write_person_limit(s, board_id, name, limit)
        if old[1] != limit:
            self._remember(
                f"limit of {person.name}", lambda: self._revert_person_limit(board_id, *old)
            )
        return person

    def _known_name(self, s: Session, board_id: int, name: str) -> str:
        """``name`` as spelt on the board's live cards or people (any case), else NotFound."""
        assigned = s.execute(
            select(CardRow.assignee).where(
                CardRow.board_id == board_id, CardRow.deleted_at.is_(None),
                CardRow.assignee.is_not(None),
            ).order_by(CardRow.id)
        ).scalars()
        known = {p.name.casefold(): p.name for p in self._people(s, board_id)}
        for spelt in assigned:  # the oldest card's spelling
            known.setdefault(spelt.casefold(), spelt)
        if name.casefold() in known:
            return known[name.casefold()]
        names = ", ".join(sorted(known.values(), key=str.casefold))
        hint = f"people: {names}" if names else "assign a card to them first"
        raise NotFound(f"nobody named {name!r} holds work on this board; {hint}")

    def _person_row(self, s: Session, board_id: int, name: str) -> PersonRow | None:
        rows = s.exec(select(PersonRow).where(PersonRow.board_id == board_id)).scalars()
        return next((r for r in rows if r.name.casefold() == name.casefold()), None)

    def _write_person_limit(
        self, s: Session, board_id: int, name: str, limit: int | None, **details: Any
    ) -> Person:
        row = self._person_row(s, board_id, name)
        old = row.wip_limit if row else None
        if limit is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            row = PersonRow(board_id=board_id, name=name, wip_limit=limit)
            s.add(row)
        else:
            row.wip_limit = limit
        person = Person(board_id, row.name if row else name, limit)
        if old != limit:
            self._event(
                s, board_id, None, EventKind.LIMIT, person=person.name, old=old, new=limit,
                **details,
            )
        return person

    def _revert_person_limit(self, board_id: int, name: str, limit: int | None) -> None:
        with self._tx() as s:
            self._write_person_limit(s, board_id, name, limit, undo=True)

    def _people(self, s: Session, board_id: int) -> list[Person]:
        rows = s.exec(select(PersonRow).where(PersonRow.board_id == board_id)).scalars()
        people = [Person(board_id, r.name, r.wip_limit) for r in rows]
        return sorted(people, key=lambda p: p.name.casefold())

