"""Every change a service writes names the author it was opened for; undo too."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanban.errors import InvalidInput
from kanban.services import KanbanService
from tests.conftest import MutableClock


def test_every_kind_of_change_records_the_author(db_path: Path, clock: MutableClock) -> None:
    service = KanbanService.open(db_path, clock=clock, author="brent")
    board = service.board()
    card = service.add_card(board.id, "Patch the server").card
    service.move_card(card.id, "Ready")
    service.edit_card(card.id, title="Patch every server")
    service.block_card(card.id, "waiting")
    service.unblock_card(card.id)
    service.set_strict(board.id, True)
    service.set_person_limit(board.id, "Brent", 2)
    service.undo()
    service.delete_card(card.id)
    events = service.events(board.id)
    service.close()
    assert len(events) >= 9
    assert {event.author for event in events} == {"brent"}


def test_a_service_without_an_author_records_none(service: KanbanService) -> None:
    board = service.board()
    service.add_card(board.id, "Anonymous")
    assert [event.author for event in service.events(board.id)] == [None]


def test_a_bad_author_is_refused_before_the_database_is_opened(db_path: Path) -> None:
    with pytest.raises(InvalidInput, match="control characters"):
        KanbanService.open(db_path, author="brent\x07")
    assert not db_path.exists()
