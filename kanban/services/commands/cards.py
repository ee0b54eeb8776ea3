"""Cards: add, move (to another column or within one), edit, block, unblock and delete them.
Each change writes its event in the same transaction, so the history is complete.

A change made from what a view showed names the card's version it saw (``expected_version``):
refused (:class:`kanban.errors.StaleCard`) when the card changed since, with nothing written."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kanban.clock import to_utc
from kanban.domain import validation as check
from kanban.domain.models import Card, ClassOfService, Column, EventKind, WorkType
from kanban.domain.wip import breaches_on_entry, is_limited
from kanban.errors import InvalidInput, WipLimitRefused
from kanban.services.commands.results import Breach, CardChange
from kanban.services.core import UNSET, ServiceCore
from kanban.services.stale import current_card
from kanban.storage.converters import to_card, to_column

if TYPE_CHECKING:
    from kanban.storage.tables import CardRow
    from kanban.storage.unit_of_work import UnitOfWork


class CardCommands(ServiceCore):
    """Changes to cards; each returns the card as it is after the change."""

    def add_card(
        self,
        board_id: int,
        title: str,
        column: str | int | None = None,
        type: WorkType = WorkType.BUSINESS,
        assignee: str | None = None,
        description: str = "",
        class_of_service: ClassOfService = ClassOfService.STANDARD,
        due_date: date | None = None,
    ) -> CardChange:
        """A new card at the bottom of ``column`` (a name or id; default: the first column).

        An expedite card may pass the column's limit, even on a strict board (the breach says
        so). A due date is allowed on any class; a fixed-date card without one is allowed."""
        title = check.clean_title(title)
        due = check.due_date(due_date)
        with self.store.write() as uow:
            uow.lock_board(board_id)  # counted and filled before another writer counts
            target = uow.target_column(board_id, column)
            expedite = class_of_service is ClassOfService.EXPEDITE
            breach, end = _enter(uow, target, expedite)
            moment = uow.moment(board_id)
            row = uow.insert_card(
                board_id=board_id,
                column_id=target.id,
                position=uow.next_position(target.id) if end is None else end,
                title=title,
                type=type.value,
                assignee=check.clean_assignee(assignee),
                description=check.clean_description(description),
                created_at=moment,
                entered_at=moment,
                class_of_service=class_of_service.value,
                due_date=due,
            )
            uow.event(
                board_id,
                row.id,
                EventKind.CREATE,
                to_column=target,
                title=title,
                type=type.value,
            )
            card = to_card(row)
        self._remember(
            f"add #{card.id}",
            lambda uow: self._delete(uow, uow.card_row(card.id), undo=True),
            card.id,
            card.version,
        )
        return CardChange(card, breach)

    def move_card(
        self,
        card_id: int,
        column: str | int,
        position: int | None = None,
        *,
        expected_version: int | None = None,
    ) -> CardChange:
        """Move a card to another column (a name or id), at the bottom or at ``position``."""
        with self.store.write() as uow:
            row = current_card(uow, card_id, expected_version)
            before = (row.column_id, row.position, to_utc(row.entered_at))
            target = uow.target_column(row.board_id, column)
            if target.id == row.column_id:
                if position is None or position == row.position:
                    return CardChange(to_card(row))
                uow.place(row, target.id, position)
                uow.event(row.board_id, row.id, EventKind.REORDER, position=row.position)
                card, breach = to_card(row), None
            else:
                expedite = row.class_of_service == ClassOfService.EXPEDITE.value
                breach, end = _enter(uow, target, expedite)
                source = uow.column_of(row.board_id, row.column_id)
                uow.place(row, target.id, position, end)
                row.entered_at = uow.moment(row.board_id)
                # A place asked for may move the cards from there on: said, so a view that
                # applies others' changes card by card reads the board instead.
                placed = {} if position is None else {"position": row.position}
                uow.event(
                    row.board_id,
                    row.id,
                    EventKind.MOVE,
                    from_column=source,
                    to_column=target,
                    **placed,
                )
                card = to_card(row)
        self._remember(
            f"move #{card_id}",
            lambda uow: self._revert_move(uow, card_id, *before),
            card_id,
            card.version,
        )
        return CardChange(card, breach)

    def _revert_move(
        self, uow: UnitOfWork, card_id: int, column_id: int, position: int, entered_at: datetime
    ) -> None:
        row = uow.card_row(card_id)
        if row.column_id == column_id:
            uow.place(row, column_id, position)
            uow.event(row.board_id, row.id, EventKind.REORDER, position=position, undo=True)
            return
        # back into a column that may have filled up since: a strict board refuses
        source = uow.column_row(row.column_id)
        target = to_column(uow.column_row(column_id))
        expedite = row.class_of_service == ClassOfService.EXPEDITE.value
        _check_entry(uow, target, uow.count(column_id), expedite)
        uow.place(row, column_id, position)
        row.entered_at = entered_at
        uow.event(
            row.board_id, row.id, EventKind.MOVE, from_column=source, to_column=target, undo=True
        )

    def edit_card(
        self,
        card_id: int,
        title: str | None = None,
        type: WorkType | None = None,
        assignee: str | None = UNSET,
        description: str | None = None,
        class_of_service: ClassOfService | None = None,
        due_date: date | None = UNSET,
        *,
        expected_version: int | None = None,
    ) -> Card:
        """Change the given fields (``assignee=None`` or "" clears the assignee,
        ``due_date=None`` the due date)."""
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = check.clean_title(title)
        if type is not None:
            changes["type"] = type.value
        if assignee is not UNSET:
            changes["assignee"] = check.clean_assignee(assignee)
        if description is not None:
            changes["description"] = check.clean_description(description)
        if class_of_service is not None:
            changes["class_of_service"] = class_of_service.value
        if due_date is not UNSET:
            changes["due_date"] = check.due_date(due_date)
        with self.store.write() as uow:
            row = current_card(uow, card_id, expected_version)
            old = {field: getattr(row, field) for field in changes}
            card = _edit(uow, row, changes)
        if any(old[f] != changes[f] for f in changes):
            self._remember(
                f"edit #{card_id}",
                lambda uow: _edit(uow, uow.card_row(card_id), old, undo=True),
                card_id,
                card.version,
            )
        return card

    def block_card(self, card_id: int, reason: str, *, expected_version: int | None = None) -> Card:
        reason = check.clean_reason(reason)
        with self.store.write() as uow:
            row = current_card(uow, card_id, expected_version)
            if row.blocked_reason is not None:
                raise InvalidInput(f"#{card_id} is blocked already ({row.blocked_reason})")
            card = _set_block(uow, row, reason, uow.moment(row.board_id))
        self._remember(
            f"block #{card_id}",
            lambda uow: _set_block(uow, uow.card_row(card_id), None, None, undo=True),
            card_id,
            card.version,
        )
        return card

    def unblock_card(self, card_id: int, *, expected_version: int | None = None) -> Card:
        with self.store.write() as uow:
            row = current_card(uow, card_id, expected_version)
            if row.blocked_reason is None:
                raise InvalidInput(f"#{card_id} is not blocked")
            old = (row.blocked_reason, to_utc(row.blocked_at) if row.blocked_at else None)
            card = _set_block(uow, row, None, None)
        self._remember(
            f"unblock #{card_id}",
            lambda uow: _set_block(uow, uow.card_row(card_id), *old, undo=True),
            card_id,
            card.version,
        )
        return card

    def delete_card(self, card_id: int, *, expected_version: int | None = None) -> Card:
        with self.store.write() as uow:
            row = current_card(uow, card_id, expected_version)
            place = (row.column_id, row.position)
            card = self._delete(uow, row)
            version = row.version
        self._remember(
            f"delete #{card_id}",
            lambda uow: self._revert_delete(uow, card_id, *place),
            card_id,
            version,
        )
        return card

    def _delete(self, uow: UnitOfWork, row: CardRow, **details: Any) -> Card:
        card = to_card(row)
        row.deleted_at = uow.moment(row.board_id)
        row.position = -1
        uow.event(
            row.board_id,
            row.id,
            EventKind.DELETE,
            from_column=uow.column_row(row.column_id),
            **details,
        )
        return card

    def _revert_delete(self, uow: UnitOfWork, card_id: int, column_id: int, position: int) -> None:
        row = uow.deleted_card_row(card_id)
        column = to_column(uow.column_row(column_id))
        expedite = row.class_of_service == ClassOfService.EXPEDITE.value
        _check_entry(uow, column, uow.count(column_id), expedite)  # it may have filled up since
        row.deleted_at = None
        uow.place(row, column_id, position)
        uow.event(row.board_id, row.id, EventKind.RESTORE, to_column=column, undo=True)


def _enter(uow: UnitOfWork, column: Column, expedite: bool) -> tuple[Breach | None, int | None]:
    """:func:`_check_entry` for one more card in ``column``, and the position after its last
    card when it was read: a column with a limit is counted, and its end read by the same scan
    of its index entries; a column without one (backlog, done) is not counted."""
    if not is_limited(column):
        return None, None
    count, end = uow.fill(column.id)
    return _check_entry(uow, column, count, expedite), end


def _check_entry(
    uow: UnitOfWork, column: Column, count: int, expedite: bool = False
) -> Breach | None:
    """Refuse (strict board) or report (soft) one more card in a full column; an expedite
    card passes on any board, reported as an expedite breach."""
    if not is_limited(column) or column.wip_limit is None:
        return None
    if count < column.wip_limit:
        return None
    if expedite:
        return Breach(column, count + 1, column.wip_limit, expedite=True)
    if uow.board_row(column.board_id).strict:
        raise WipLimitRefused(
            f"{column.name} is full ({count}/{column.wip_limit}) and the board is strict"
        )
    if breaches_on_entry(column, count):
        return Breach(column, count + 1, column.wip_limit)
    return None


def _edit(uow: UnitOfWork, row: CardRow, changes: dict[str, Any], **details: Any) -> Card:
    diff = {f: [getattr(row, f), v] for f, v in changes.items() if getattr(row, f) != v}
    for field, (_old, new) in diff.items():
        setattr(row, field, new)
    if diff:
        uow.event(row.board_id, row.id, EventKind.EDIT, changes=diff, **details)
    return to_card(row)


def _set_block(
    uow: UnitOfWork, row: CardRow, reason: str | None, since: datetime | None, **details: Any
) -> Card:
    if reason is None:
        uow.event(row.board_id, row.id, EventKind.UNBLOCK, reason=row.blocked_reason, **details)
    else:
        uow.event(row.board_id, row.id, EventKind.BLOCK, reason=reason, **details)
    row.blocked_reason, row.blocked_at = reason, since
    return to_card(row)
