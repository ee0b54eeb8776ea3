"""The last slot of a full column on a strict board, taken by several people at the same moment:
exactly one gets it, the others are refused ("is full"), and the column holds exactly its
limit. Real processes (forked, released together by a barrier, each running the CLI), on
SQLite and on PostgreSQL; and the undo that moves a card back into a column that filled up
since is refused on a strict board too."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from multiprocessing.synchronize import Barrier

import pytest

from kanban.cli.main import main
from kanban.errors import WipLimitRefused
from kanban.services import KanbanService

LIMIT = 3
RACERS = 5
ROUNDS = 3


def _board(target: str, racers: int = RACERS) -> list[int]:
    """A strict board whose In Progress (limit 3) has one slot left, and the ids of the
    Ready cards that race for it."""
    service = KanbanService.open(target)
    try:
        board = service.board()
        service.set_strict(board.id, True)
        service.set_column_limit(service.column(board.id, "In Progress").id, LIMIT)
        for index in range(LIMIT - 1):
            service.add_card(board.id, f"started {index}", column="In Progress")
        return [
            service.add_card(board.id, f"racer {index}", column="Ready").card.id
            for index in range(racers)
        ]
    finally:
        service.close()


def _in_progress(target: str) -> list[int]:
    service = KanbanService.open(target)
    try:
        board = service.board()
        snapshot = service.snapshot(board.id)
        column = service.column(board.id, "In Progress")
        return [card.id for card in snapshot.cards_in(column.id)]
    finally:
        service.close()


def _run(args: list[str], start: Barrier) -> None:
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115  (the refusals are expected)
    start.wait()
    sys.exit(main(args))


def _race(target: str, commands: list[list[str]]) -> list[int | None]:
    """Run the CLI commands in forked processes released at once; their exit statuses."""
    fork = multiprocessing.get_context("fork")
    start = fork.Barrier(len(commands))
    workers = [fork.Process(target=_run, args=(["--db", target, *c], start)) for c in commands]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    return [worker.exitcode for worker in workers]


def test_processes_moving_cards_into_the_last_slot_one_wins(db_target: str) -> None:
    racers = _board(db_target)
    for _ in range(ROUNDS):
        codes = _race(db_target, [["move", str(card), "In Progress"] for card in racers])
        assert sorted(codes) == [0] + [2] * (RACERS - 1)  # 2: refused as "full"
        held = _in_progress(db_target)
        assert len(held) == LIMIT
        winner = racers[codes.index(0)]
        assert winner in held
        assert main(["--db", db_target, "move", str(winner), "Ready"]) == 0  # the slot again


def test_processes_adding_cards_into_the_last_slot_one_wins(db_target: str) -> None:
    _board(db_target)
    for round_ in range(ROUNDS):
        titles = [f"new {round_}.{index}" for index in range(RACERS)]
        codes = _race(db_target, [["add", title, "--column", "In Progress"] for title in titles])
        assert sorted(codes) == [0] + [2] * (RACERS - 1)
        held = _in_progress(db_target)
        assert len(held) == LIMIT
        assert main(["--db", db_target, "delete", str(held[-1])]) == 0


def test_cli_processes_started_together_one_wins(db_target: str) -> None:
    """The same race through ``python -m kanban``, as two terminals would run it."""
    racers = _board(db_target, 3)
    command = [sys.executable, "-m", "kanban", "--db", db_target, "move"]
    running = [
        subprocess.Popen([*command, str(card), "In Progress"], stderr=subprocess.PIPE, text=True)
        for card in racers
    ]
    results = [(process.wait(60), process.stderr) for process in running]
    errors = [stream.read() if stream else "" for _, stream in results]
    for process in running:
        if process.stderr:
            process.stderr.close()
    assert sorted(code for code, _ in results) == [0, 2, 2]
    refusals = [error for error in errors if error]
    assert all(
        e == f"kanban: error: In Progress is full ({LIMIT}/{LIMIT}) and the board is strict\n"
        for e in refusals
    )
    assert len(_in_progress(db_target)) == LIMIT


def test_undo_moving_a_card_back_into_a_column_filled_since_is_refused(db_target: str) -> None:
    racers = _board(db_target)
    mine = KanbanService.open(db_target, author="patty")
    theirs = KanbanService.open(db_target, author="brent")
    try:
        board = mine.board()
        started = mine.snapshot(board.id).cards_in(mine.column(board.id, "In Progress").id)[0]
        theirs.move_card(racers[0], "In Progress")  # full
        mine.move_card(started.id, "Review")  # frees a slot...
        theirs.move_card(racers[1], "In Progress")  # ...that someone else takes
        with pytest.raises(WipLimitRefused, match="In Progress is full"):
            mine.undo()
        assert mine.card(started.id).column_id == mine.column(board.id, "Review").id
        assert len(_in_progress(db_target)) == LIMIT
    finally:
        mine.close()
        theirs.close()


def test_undo_of_a_delete_into_a_column_filled_since_is_refused(db_target: str) -> None:
    racers = _board(db_target)
    mine = KanbanService.open(db_target, author="patty")
    theirs = KanbanService.open(db_target, author="brent")
    try:
        board = mine.board()
        theirs.move_card(racers[0], "In Progress")  # full
        deleted = mine.delete_card(racers[0])  # frees a slot...
        theirs.move_card(racers[1], "In Progress")  # ...that someone else takes
        with pytest.raises(WipLimitRefused, match="In Progress is full"):
            mine.undo()
        assert mine.snapshot(board.id).find_card(deleted.id) is None
        assert len(_in_progress(db_target)) == LIMIT
    finally:
        mine.close()
        theirs.close()
