"""No change from a stale view: two services on one database (two people, two processes). A
change that names the version of the card it was made from is refused when the other changed
the card since, and nothing is written; an undo reverts only the service's own change and is
refused when the other changed the card after it. On SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest
from sqlalchemy import select

from kanban.domain.models import Card
from kanban.errors import InvalidInput, NotFound, StaleCard
from kanban.services import KanbanService, Undone
from kanban.storage.schema import CARDS
from tests.conftest import MutableClock

Change = Callable[[KanbanService, Card, int | None], Any]


@pytest.fixture
def mine(db_target: str, clock: MutableClock) -> Iterator[KanbanService]:
    service = KanbanService.open(db_target, clock=clock, author="patty")
    yield service
    service.close()


@pytest.fixture
def theirs(db_target: str, clock: MutableClock, mine: KanbanService) -> Iterator[KanbanService]:
    service = KanbanService.open(db_target, clock=clock, author="brent")
    yield service
    service.close()


def _state(service: KanbanService) -> tuple[list[tuple[Any, ...]], int]:
    """The live cards with their versions, and how many events there are."""
    board = service.board()
    cards = [
        (c.id, c.column_id, c.position, c.title, c.blocked_reason, c.version)
        for c in service.snapshot(board.id).all_cards()
    ]
    return cards, len(service.events(board.id))


def _card(service: KanbanService, title: str = "Fix the build", blocked: bool = False) -> Card:
    board = service.board()
    service.add_card(board.id, "Above", column="Ready")
    card = service.add_card(board.id, title, column="Ready").card
    if blocked:
        card = service.block_card(card.id, "waiting on the vendor")
    return card


CHANGES: dict[str, tuple[Change, bool]] = {  # what my view then does; needs a blocked card
    "move": (lambda s, c, v: s.move_card(c.id, "In Progress", expected_version=v), False),
    "reorder": (lambda s, c, v: s.move_card(c.id, "Ready", 0, expected_version=v), False),
    "edit": (lambda s, c, v: s.edit_card(c.id, title="Mine", expected_version=v), False),
    "block": (lambda s, c, v: s.block_card(c.id, "mine", expected_version=v), False),
    "unblock": (lambda s, c, v: s.unblock_card(c.id, expected_version=v), True),
    "delete": (lambda s, c, v: s.delete_card(c.id, expected_version=v), False),
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_from_a_stale_view_is_refused_and_writes_nothing(
    mine: KanbanService, theirs: KanbanService, name: str
) -> None:
    change, blocked = CHANGES[name]
    seen = _card(mine, blocked=blocked)  # what my view shows
    theirs.move_card(seen.id, "Review")
    before = _state(mine)
    with pytest.raises(StaleCard) as refused:
        change(mine, seen, seen.version)
    assert str(refused.value) == (
        f"#{seen.id} was changed by brent since you read it (moved to Review): nothing was saved"
    )
    assert refused.value.exit_code == 1
    assert (refused.value.card_id, refused.value.author) == (seen.id, "brent")
    assert _state(mine) == before
    assert mine.card(seen.id).column_id == theirs.column(mine.board().id, "Review").id


@pytest.mark.parametrize("name", CHANGES)
def test_a_change_from_the_current_view_is_made(
    mine: KanbanService, theirs: KanbanService, name: str
) -> None:
    change, blocked = CHANGES[name]
    seen = _card(mine, blocked=blocked)
    theirs.edit_card(seen.id, assignee="Brent")
    fresh = mine.card(seen.id)  # the view read again
    change(mine, fresh, fresh.version)
    assert mine.can_undo
    board = mine.board()
    assert [e.author for e in mine.events(board.id)[-2:]] == ["brent", "patty"]


def test_the_message_names_what_changed_and_someone_when_nobody_is_known(
    mine: KanbanService, db_target: str, clock: MutableClock
) -> None:
    seen = _card(mine)
    anonymous = KanbanService.open(db_target, clock=clock)
    try:
        anonymous.edit_card(seen.id, title="Theirs", assignee="Wes")
    finally:
        anonymous.close()
    with pytest.raises(StaleCard, match=r"changed by someone since you read it "):
        mine.block_card(seen.id, "mine", expected_version=seen.version)
    with pytest.raises(StaleCard) as refused:
        mine.delete_card(seen.id, expected_version=seen.version)
    assert "(edited title, assignee)" in str(refused.value)
    assert refused.value.author is None


def test_a_stale_view_is_refused_before_what_it_would_break(
    mine: KanbanService, theirs: KanbanService
) -> None:
    """The card was blocked elsewhere: the stale view's block says the card changed, not that it
    is blocked already; without a version the old refusal stands."""
    seen = _card(mine)
    theirs.block_card(seen.id, "vendor")
    with pytest.raises(StaleCard, match=r"\(blocked: vendor\)"):
        mine.block_card(seen.id, "mine", expected_version=seen.version)
    with pytest.raises(InvalidInput, match="blocked already"):
        mine.block_card(seen.id, "mine")


def test_a_card_deleted_elsewhere_is_still_not_found(
    mine: KanbanService, theirs: KanbanService
) -> None:
    seen = _card(mine)
    theirs.delete_card(seen.id)
    with pytest.raises(NotFound, match=f"no card #{seen.id}"):
        mine.move_card(seen.id, "Review", expected_version=seen.version)


def test_each_change_raises_the_version_by_one(mine: KanbanService) -> None:
    board = mine.board()
    card = mine.add_card(board.id, "Counted", column="Ready").card
    other = mine.add_card(board.id, "Other", column="In Progress").card
    versions = [card.version]
    versions.append(mine.move_card(card.id, "In Progress", 0).card.version)
    mine.move_card(other.id, "Ready")  # renumbers this card: its version stays
    versions.append(mine.move_card(card.id, "In Progress", 1).card.version)  # reorder
    versions.append(mine.edit_card(card.id, title="Counted!").version)
    versions.append(mine.block_card(card.id, "why").version)
    versions.append(mine.unblock_card(card.id).version)
    mine.delete_card(card.id)
    versions.append(_version(mine, card.id))
    for _ in range(5):  # restore, block, unblock, edit, reorder back
        mine.undo()
        versions.append(_version(mine, card.id))
    assert mine.undo() == Undone(f"move #{other.id}", other.id)
    assert _version(mine, card.id) == versions[-1]
    assert mine.undo() == Undone(f"move #{card.id}", card.id)
    versions.append(_version(mine, card.id))
    assert versions == list(range(1, 14))
    assert mine.card(other.id).version == 3  # added, moved, moved back


def test_an_unchanged_edit_or_a_move_to_where_it_is_changes_no_version(
    mine: KanbanService,
) -> None:
    card = _card(mine)
    assert mine.edit_card(card.id, title=card.title).version == card.version
    assert mine.move_card(card.id, "Ready").card.version == card.version


def _version(service: KanbanService, card_id: int) -> int:
    with service.store.read() as uow:  # the stored row's, deleted or not
        return int(
            uow.connection.execute(
                select(CARDS.c.version).where(CARDS.c.id == card_id)
            ).scalar_one()
        )


# ---------------------------------------------------------------------- undo


UNDOABLE: dict[str, tuple[Callable[[KanbanService, Card], Any], bool]] = {
    "move": (lambda s, c: s.move_card(c.id, "In Progress"), False),
    "edit": (lambda s, c: s.edit_card(c.id, title="Mine"), False),
    "block": (lambda s, c: s.block_card(c.id, "mine"), False),
    "unblock": (lambda s, c: s.unblock_card(c.id), True),
}


@pytest.mark.parametrize("name", UNDOABLE)
def test_undo_is_refused_when_someone_changed_the_card_since(
    mine: KanbanService, theirs: KanbanService, name: str
) -> None:
    change, blocked = UNDOABLE[name]
    card = _card(mine, blocked=blocked)
    mine._undo.clear()
    change(mine, card)
    theirs.move_card(card.id, "Done")
    before = _state(mine)
    with pytest.raises(StaleCard) as refused:
        mine.undo()
    assert str(refused.value) == (
        f"cannot undo {name} #{card.id}: brent changed #{card.id} since (moved to Done)"
    )
    assert _state(mine) == before
    assert not mine.can_undo  # the refused step is dropped
    assert mine.undo() is None


def test_undo_of_an_add_is_refused_once_someone_deleted_the_card_and_a_delete_still_undoes(
    mine: KanbanService, theirs: KanbanService
) -> None:
    card = _card(mine)
    mine.delete_card(card.id)
    added = mine.add_card(mine.board().id, "Added by me").card
    theirs.delete_card(added.id)
    with pytest.raises(StaleCard, match=rf"^cannot undo add #{added.id}: brent changed .*deleted"):
        mine.undo()
    assert mine.undo() == Undone(f"delete #{card.id}", card.id)  # nobody touched that one
    assert mine.card(card.id).title == card.title


def test_undo_works_when_nobody_touched_the_card(
    mine: KanbanService, theirs: KanbanService
) -> None:
    card = _card(mine)
    other = theirs.add_card(mine.board().id, "Theirs", column="Ready").card
    mine._undo.clear()
    mine.move_card(card.id, "In Progress")
    mine.edit_card(card.id, title="Mine")
    mine.block_card(card.id, "mine")
    theirs.move_card(other.id, "Review")  # another card
    theirs.edit_card(other.id, title="Theirs!")
    assert mine.undo() == Undone(f"block #{card.id}", card.id)
    assert mine.undo() == Undone(f"edit #{card.id}", card.id)  # after my own undo: still mine
    assert mine.undo() == Undone(f"move #{card.id}", card.id)
    restored = mine.card(card.id)
    assert (restored.title, restored.blocked, restored.column_id) == (
        card.title,
        False,
        card.column_id,
    )
    assert mine.card(other.id).title == "Theirs!"


def test_an_undo_after_someone_elses_undo_of_their_own_change_is_refused(
    mine: KanbanService, theirs: KanbanService
) -> None:
    """Their change and its undo leave the card as I left it, but changed twice since."""
    card = _card(mine)
    mine.edit_card(card.id, title="Mine")
    theirs.edit_card(card.id, assignee="Brent")
    theirs.undo()
    with pytest.raises(StaleCard, match=r"brent changed #\d+ since \(edited assignee\)"):
        mine.undo()


def _edit(target: str, card_id: int, version: int, start: Barrier) -> None:
    service = KanbanService.open(target, author=f"process {os.getpid()}")
    start.wait()
    try:
        service.edit_card(card_id, title=f"by {os.getpid()}", expected_version=version)
    except StaleCard:
        sys.exit(3)
    finally:
        service.close()


def test_processes_changing_the_card_they_saw_at_once_one_wins(db_target: str) -> None:
    """Check and write are one step: with the card read at version v by five processes, one
    edit is made from v, the four others are refused, however they interleave."""
    service = KanbanService.open(db_target)
    try:
        card = _card(service)
    finally:
        service.close()
    fork = multiprocessing.get_context("fork")
    for round_ in range(3):
        start = fork.Barrier(5)
        version = card.version + round_
        workers = [
            fork.Process(target=_edit, args=(db_target, card.id, version, start)) for _ in range(5)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert sorted(worker.exitcode for worker in workers) == [0, 3, 3, 3, 3]
    service = KanbanService.open(db_target)
    try:
        assert service.card(card.id).version == card.version + 3
        edits = [e for e in service.events(service.board().id) if e.kind.value == "edit"]
        assert len(edits) == 3
    finally:
        service.close()
