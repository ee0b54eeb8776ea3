"""No change from a stale view: a command that names the version of the card it was made from
(what the view showed) is refused when the card changed since, and so is an undo when someone
changed the card after the change it would revert. Both check in the transaction that would
write, after the card's board was locked, and write nothing when they refuse."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kanban.domain.changes import author, change_phrase
from kanban.domain.models import Event
from kanban.errors import StaleCard

if TYPE_CHECKING:
    from kanban.storage.tables import CardRow
    from kanban.storage.unit_of_work import UnitOfWork


def current_card(uow: UnitOfWork, card_id: int, expected_version: int | None) -> CardRow:
    """The live card's row, refused (:class:`StaleCard`) when ``expected_version`` is given and
    the card is no longer at it."""
    row = uow.card_row(card_id)
    if expected_version is not None and row.version != expected_version:
        last = _last_change(uow, row)
        raise StaleCard(
            f"#{card_id} was changed by {author(last)} since you read it{_what(last)}: "
            "nothing was saved",
            card_id,
            last.author if last else None,
        )
    return row


def unchanged_since(uow: UnitOfWork, label: str, card_id: int, version: int) -> None:
    """Refuse to undo ``label`` when the card (deleted or not) is no longer at the ``version``
    the change left it at: someone changed it since."""
    row = uow.deleted_card_row(card_id)
    if row.version != version:
        last = _last_change(uow, row)
        raise StaleCard(
            f"cannot undo {label}: {author(last)} changed #{card_id} since{_what(last)}",
            card_id,
            last.author if last else None,
        )


def _last_change(uow: UnitOfWork, row: CardRow) -> Event | None:
    newest = uow.latest_events(row.board_id, row.id, limit=1)
    return newest[0] if newest else None


def _what(event: Event | None) -> str:
    return f" ({change_phrase(event)})" if event is not None else ""
