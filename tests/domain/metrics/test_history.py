"""Rebuilding each card's timeline from the log: start, finish, path, stays, blocks, deletes."""

from __future__ import annotations

from kanban.domain.metrics.history import Step
from kanban.domain.models import Column, ColumnKind, WorkType
from tests.domain.metrics.log import BACKLOG, DEV, DONE, READY, REVIEW, Log, at


def only(history):
    (card,) = history.cards
    return card


def test_a_card_starts_on_leaving_the_backlog_and_finishes_in_done():
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (REVIEW, 3), (DONE, 4))
    card = only(log.history(at(6)))
    assert (card.created, card.started, card.finished) == (at(0), at(1), at(4))
    assert [s.column_id for s in card.stays] == [BACKLOG, READY, DEV, REVIEW, DONE]
    assert card.stays[0].left == at(1) and card.stays[-1].left is None


def test_a_card_created_in_a_started_column_starts_when_created():
    card = only(Log().create(1, 2, column=DEV).history(at(3)))
    assert card.started == at(2)
    assert card.path == (Step(at(2), 2),)


def test_moving_backwards_keeps_the_start_and_forgets_the_later_entries():
    # Ready d1, In Progress d2, Review d3, back to In Progress d4: the entry into Review is
    # forgotten (path In Progress since d2), the start stays d1.
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (REVIEW, 3), (DEV, 4))
    card = only(log.history(at(5)))
    assert card.started == at(1)
    assert card.path == (Step(at(0), 0), Step(at(1), 1), Step(at(2), 2))
    # ...but the stays are what really happened (for days in column).
    assert [s.column_id for s in card.stays] == [BACKLOG, READY, DEV, REVIEW, DEV]


def test_moving_back_past_a_column_never_visited_enters_it_at_the_move():
    # Backlog -> Review (skipping Ready and In Progress) on d1, back to In Progress on d3:
    # the path reaches In Progress only on d3, it never was there before.
    log = Log().create(1, 0).path(1, (REVIEW, 1), (DEV, 3))
    assert only(log.history(at(4))).path == (Step(at(0), 0), Step(at(3), 2))


def test_moving_back_to_the_backlog_keeps_the_start_but_the_card_is_not_wip():
    log = Log().create(1, 0).path(1, (READY, 1), (BACKLOG, 2))
    history = log.history(at(3))
    card = only(history)
    assert card.started == at(1)
    assert card.path == (Step(at(0), 0),)
    assert not history.is_wip(card)


def test_a_card_created_in_ready_and_moved_back_to_the_backlog_existed_since_its_creation():
    card = only(Log().create(1, 0, column=READY).move(1, BACKLOG, 2).history(at(3)))
    assert card.path == (Step(at(0), 0),)


def test_a_reopened_card_is_wip_again_with_its_original_start_and_no_finish():
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (DONE, 3), (DEV, 5))
    history = log.history(at(6))
    card = only(history)
    assert card.started == at(1) and card.finished is None
    assert history.is_wip(card)
    # finished again on d7: the finish is the new one
    log.move(1, DONE, 7)
    assert only(log.history(at(8))).finished == at(7)


def test_any_done_column_finishes_a_card_and_moving_between_done_columns_keeps_the_finish():
    columns = [
        Column(1, 1, "Backlog", ColumnKind.BACKLOG, 0),
        Column(2, 1, "Doing", ColumnKind.ACTIVE, 1),
        Column(3, 1, "Done", ColumnKind.DONE, 2),
        Column(4, 1, "Released", ColumnKind.DONE, 3),
    ]
    skipped = Log(columns).create(1, 0).path(1, (2, 1), (4, 2))
    assert only(skipped.history(at(3))).finished == at(2)
    back = Log(columns).create(1, 0).path(1, (2, 1), (3, 2), (4, 3), (3, 4))
    assert only(back.history(at(5))).finished == at(2)


def test_an_undone_move_never_happened():
    log = Log().create(1, 0).move(1, READY, 1).move(1, BACKLOG, 1, hour=10, undo=True)
    card = only(log.history(at(2)))
    assert card.started is None
    assert [(s.column_id, s.entered) for s in card.stays] == [(BACKLOG, at(0))]


def test_two_undone_moves_unwind_in_order():
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2))
    log.move(1, READY, 3, undo=True).move(1, BACKLOG, 3, hour=10, undo=True)
    assert only(log.history(at(4))).started is None


def test_an_undo_that_does_not_match_the_last_move_is_a_plain_move():
    log = Log().create(1, 0).move(1, DEV, 1).move(1, READY, 2, undo=True)
    assert [s.column_id for s in only(log.history(at(3))).stays] == [BACKLOG, DEV, READY]


def test_blocks_undo_and_reopen():
    log = Log().create(1, 0, column=DEV)
    log.block(1, "vendor", 1).unblock(1, 2)  # a real block, d1 -> d2
    log.block(1, "oops", 3).unblock(1, 3, hour=10, undo=True)  # undone: never happened
    log.block(1, "CAB", 4).unblock(1, 5).block(1, "CAB", 5, hour=10, undo=True)  # unblock undone
    blocks = only(log.history(at(6))).blocks
    assert [(b.reason, b.start, b.end) for b in blocks] == [
        ("vendor", at(1), at(2)),
        ("CAB", at(4), None),
    ]


def test_deleted_cards_drop_out_and_a_restore_brings_them_back():
    log = Log().create(1, 0).create(2, 0).move(2, DEV, 1).delete(2, 2)
    assert [c.card_id for c in log.history(at(3)).cards] == [1]
    log.restore(2, 4)
    card = log.history(at(5)).cards[1]
    assert card.card_id == 2 and card.started == at(1)
    assert [s.column_id for s in card.stays] == [BACKLOG, DEV]


def test_events_after_now_are_not_history_yet():
    log = Log().create(1, 0).move(1, READY, 5)
    assert only(log.history(at(3))).started is None


def test_a_removed_column_counts_as_the_first_started_column():
    log = Log().create(1, 0).move(1, 99, 1).move(1, DONE, 2)
    history = log.history(at(3))
    card = only(history)
    assert card.started == at(1) and card.finished == at(2)
    assert card.path == (Step(at(0), 0), Step(at(1), 1), Step(at(2), 4))


def test_the_type_is_the_latest_one_unless_a_mapping_says_otherwise():
    log = Log().create(1, 0, type="change").retype(1, "change", "unplanned", 1)
    assert only(log.history(at(2))).type is WorkType.UNPLANNED
    assert only(log.history(at(2), types={1: WorkType.INTERNAL})).type is WorkType.INTERNAL


def test_an_empty_history():
    history = Log().history(at(0))
    assert history.cards == () and history.first_day == history.today
    assert (history.start_rank, history.done_rank) == (1, 4)
