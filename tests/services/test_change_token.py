"""The change token an open view polls: equal while nothing is committed, different once
another connection (another process) commits; the same for the fallback other databases use."""

from __future__ import annotations

from pathlib import Path

from kanban.services import KanbanService
from tests.conftest import MutableClock


def test_the_token_changes_only_when_someone_commits(
    service: KanbanService, db_path: Path, clock: MutableClock
) -> None:
    board = service.board()
    first = service.change_token(board.id)
    service.snapshot(board.id)  # reading commits nothing
    assert service.change_token(board.id) == first
    other = KanbanService.open(db_path, clock)
    try:
        other.add_card(board.id, "Written elsewhere")
    finally:
        other.close()
    assert service.change_token(board.id) != first


def test_the_fallback_token_sees_cards_and_columns(service: KanbanService) -> None:
    board = service.board()

    def token() -> tuple[int, ...]:
        with service.store.read() as uow:
            return uow.change_token(board.id)

    first = token()
    assert token() == first
    card = service.add_card(board.id, "A card").card
    after_add = token()
    assert after_add != first
    service.add_column(board.id, "Extra")
    after_column = token()
    assert after_column != after_add
    service.remove_column(board.id, "Extra")
    assert token() not in (after_column, after_add)
    service.move_card(card.id, service.columns(board.id)[1].id)
    assert token() != after_add
