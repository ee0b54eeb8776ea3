"""Columns: add, rename and remove them, set their WIP limits, pin the board's constraint."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kanban.domain import validation as check
from kanban.domain.models import Column, ColumnKind, EventKind
from kanban.errors import InvalidInput
from kanban.services.core import UNSET, ServiceCore
from kanban.storage.converters import to_column

if TYPE_CHECKING:
    from kanban.storage.tables import ColumnRow
    from kanban.storage.unit_of_work import UnitOfWork


def _id(column: Column | None) -> int | None:
    return None if column is None else column.id


class ColumnCommands(ServiceCore):
    """Changes to a board's columns; each returns the column as it is after the change."""

    def add_column(
        self,
        board_id: int,
        name: str,
        kind: ColumnKind = ColumnKind.ACTIVE,
        limit: int | None = None,
        after: str | None = None,
    ) -> Column:
        """Add a column after ``after``, or else before the first done column (else last). A
        SETTING event names it (``to``) and keeps its ``added_column``: kind, position, limit."""
        name = check.clean_name(name, "column")
        limit = check.wip_limit(limit)
        with self.store.write() as uow:
            columns = uow.columns(board_id)
            if any(c.name.casefold() == name.casefold() for c in columns):
                raise InvalidInput(f"a column named {name!r} exists already")
            if after is not None:
                position = uow.column_named(board_id, after).position + 1
            else:
                done = [c.position for c in columns if c.kind is ColumnKind.DONE]
                position = done[0] if done else len(columns)
            column = uow.insert_column(board_id, name, kind, position, limit)
            added = {"kind": kind.value, "position": position, "limit": limit}
            uow.event(board_id, None, EventKind.SETTING, to_column=column, added_column=added)
            return column

    def set_column_limit(
        self, column_id: int, limit: int | None, minimum: int | None = UNSET
    ) -> Column:
        """Set the WIP limit (max) and, when given, the minimum (None clears it); the
        minimum may not exceed the limit."""
        limit = check.wip_limit(limit)
        with self.store.write() as uow:
            row = uow.column_row(column_id)
            old = (row.wip_limit, row.wip_min)
            new_min = row.wip_min if minimum is UNSET else check.wip_limit(minimum, "minimum")
            if new_min is not None and limit is not None and new_min > limit:
                raise InvalidInput(
                    f"the minimum ({new_min}) cannot be above the WIP limit ({limit})"
                )
            column = _set_limit(uow, row, limit, new_min)
        self._remember(
            f"limit of {column.name}",
            lambda uow: _set_limit(uow, uow.column_row(column_id), *old, undo=True),
        )
        return column

    def rename_column(self, board_id: int, old: str, new: str) -> Column:
        """Rename a column; a SETTING event keeps both names (``renamed_column``)."""
        new = check.clean_name(new, "column")
        with self.store.write() as uow:
            row = uow.column_row(uow.column_named(board_id, old).id)
            clash = uow.find_column(board_id, new)
            if clash is not None and clash.id != row.id:
                raise InvalidInput(f"a column named {new!r} exists already")
            was, row.name = row.name, new
            if was != new:
                renamed = {"old": was, "new": new}
                uow.event(
                    board_id, None, EventKind.SETTING, column_id=row.id, renamed_column=renamed
                )
            return to_column(row)

    def remove_column(self, board_id: int, name: str) -> Column:
        """Remove an empty column. A SETTING event keeps its kind and place (``removed_column``)
        so that the history, and every past metric, stays what it was."""
        with self.store.write() as uow:
            column = uow.column_named(board_id, name)
            count = uow.count(column.id)
            if count:
                raise InvalidInput(
                    f"column {column.name!r} holds {count} card{'s' * (count != 1)}; "
                    "move them first"
                )
            left = [c.id for c in uow.columns(board_id) if c.position < column.position]
            uow.delete_column(column)
            uow.event(
                board_id,
                None,
                EventKind.SETTING,
                from_column=column,
                removed_column={
                    "kind": column.kind.value,
                    "after": left[-1] if left else None,
                    "position": column.position,
                },
            )
            return column

    def pin_constraint(self, board_id: int, column: str | None) -> Column | None:
        """Pin the named column as the board's constraint (one per board); None unpins.
        A change writes a SETTING event (``changes``: ``{"constraint": [old, new]}``, column
        names or None) and can be undone."""
        with self.store.write() as uow:
            uow.board_row(board_id)
            target = None if column is None else uow.column_named(board_id, column)
            before = uow.pinned(board_id)
            pinned = _pin(uow, board_id, before, target)
        if _id(before) != _id(target):
            self._remember("constraint pin", lambda uow: _revert_pin(uow, board_id, _id(before)))
        return pinned


def _set_limit(
    uow: UnitOfWork, row: ColumnRow, limit: int | None, minimum: int | None, **details: Any
) -> Column:
    old, old_min = row.wip_limit, row.wip_min
    row.wip_limit, row.wip_min = limit, minimum
    if old_min != minimum:
        details.update(old_min=old_min, new_min=minimum)
    uow.event(
        row.board_id,
        None,
        EventKind.LIMIT,
        column=row.name,
        column_id=row.id,
        old=old,
        new=limit,
        **details,
    )
    return to_column(row)


def _revert_pin(uow: UnitOfWork, board_id: int, column_id: int | None) -> None:
    target = None if column_id is None else to_column(uow.column_row(column_id))
    _pin(uow, board_id, uow.pinned(board_id), target, undo=True)


def _pin(
    uow: UnitOfWork, board_id: int, before: Column | None, target: Column | None, **details: Any
) -> Column | None:
    uow.pin(board_id, _id(target))
    if _id(before) != _id(target):
        names = [c.name if c else None for c in (before, target)]
        uow.event(board_id, None, EventKind.SETTING, changes={"constraint": names}, **details)
    if target is not None:
        target.is_constraint = True
    return target
