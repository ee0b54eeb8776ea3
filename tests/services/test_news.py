"""What an open view reads to tell others' changes: the board's events written after the last
one it saw (by id, at most ``limit``), and which of them its own service wrote; on SQLite and
on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kanban.services import KanbanService


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    new_url: Callable[[], str] = request.getfixturevalue("new_postgres_url")
    return new_url()


def test_events_since_the_last_seen_and_whose_they_are(target: str) -> None:
    mine = KanbanService.open(target, author="me")
    brent = KanbanService.open(target, author="brent")
    try:
        board = mine.board()
        other = mine.create_board("Other")
        seen = mine.last_event_id(board.id)
        card = mine.add_card(board.id, "Mine").card
        brent.move_card(card.id, "Ready")
        brent.add_card(other.id, "Elsewhere")  # another board: not this board's news
        brent.block_card(card.id, "waiting")
        news = mine.events_since(board.id, seen, 10)
        assert [(e.kind.value, e.author, mine.wrote(e)) for e in news] == [
            ("create", "me", True),
            ("move", "brent", False),
            ("block", "brent", False),
        ]
        assert [e.kind.value for e in mine.events_since(board.id, news[0].id, 1)] == ["move"]
        assert mine.events_since(board.id, news[-1].id, 10) == []
        assert mine.last_event_id(board.id) == news[-1].id
        assert not brent.wrote(news[0]) and brent.wrote(news[1])
    finally:
        mine.close()
        brent.close()
