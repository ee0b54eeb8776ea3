"""CLI fixtures: run ``main()`` in-process, and a board with a known history.

The history (TZ=UTC; 2026-11-24 is a Tuesday) is applied step by step with a moving clock, so
every card's days in column and every standup event come from real events. Ids follow the
order of creation:

====  ===================  ====================================================================
id    title                what happens
====  ===================  ====================================================================
1     Rewrite billing      Mon 16 09:00 Backlog; 10:00 -> In Progress; Sat 21 10:00 blocked
2     Ship release         Mon 16 11:00 Ready; Tue 17 09:30 -> In Progress; Mon 23 15:00 -> Done
3     Old done             Mon 16 12:00 Ready; Thu 19 23:30 -> Done
4     Print labels         Tue 17 09:00 Review; Fri 20 16:00 -> Done
5     Patch servers        Thu 19 09:00 Ready (unplanned, Brent); Sun 22 10:00 -> In Progress
6     Vendor quote         Thu 19 10:00 Ready; Mon 23 11:00 blocked
7     Load test            Thu 19 11:00 In Progress; Fri 20 00:30 -> Review
8     Fix login            Fri 20 09:00 Ready; Mon 23 09:00 -> In Progress (breach 4/3)
9     Hotfix               Tue 24 08:00 In Progress (breach 4/3)
====  ===================  ====================================================================
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kanban.cli.main import main
from kanban.domain.models import Board, Event, WorkType
from kanban.services import KanbanService
from tests.conftest import copy_database, stored

TUESDAY = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def day(date: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, date, hour, minute, tzinfo=UTC)


Step = tuple[datetime, Callable[[KanbanService, int], object]]


def _add(title: str, column: str, **fields: Any) -> Callable[[KanbanService, int], object]:
    return lambda svc, board: svc.add_card(board, title, column=column, **fields)


HISTORY: list[Step] = [
    (day(16, 9), _add("Rewrite billing", "Backlog")),
    (day(16, 10), lambda svc, _: svc.move_card(1, "In Progress")),
    (day(16, 11), _add("Ship release", "Ready")),
    (day(16, 12), _add("Old done", "Ready")),
    (day(17, 9), _add("Print labels", "Review", type=WorkType.INTERNAL)),
    (day(17, 9, 30), lambda svc, _: svc.move_card(2, "In Progress")),
    (day(19, 9), _add("Patch servers", "Ready", type=WorkType.UNPLANNED, assignee="Brent")),
    (day(19, 10), _add("Vendor quote", "Ready", type=WorkType.CHANGE)),
    (day(19, 11), _add("Load test", "In Progress")),
    (day(19, 23, 30), lambda svc, _: svc.move_card(3, "Done")),
    (day(20, 0, 30), lambda svc, _: svc.move_card(7, "Review")),
    (day(20, 9), _add("Fix login", "Ready")),
    (day(20, 16), lambda svc, _: svc.move_card(4, "Done")),
    (day(21, 10), lambda svc, _: svc.block_card(1, "needs a DBA")),
    (day(22, 10), lambda svc, _: svc.move_card(5, "In Progress")),
    (day(23, 9), lambda svc, _: svc.move_card(8, "In Progress")),
    (day(23, 11), lambda svc, _: svc.block_card(6, "waiting for vendor")),
    (day(23, 15), lambda svc, _: svc.move_card(2, "Done")),
    (day(24, 8), _add("Hotfix", "In Progress")),
]


class Clock:
    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current


def build_history(path: Path, until: datetime) -> None:
    """Write the steps of :data:`HISTORY` up to ``until`` into a new database at ``path``."""
    clock = Clock(day(16, 8))
    service = KanbanService.open(path, clock=clock)
    try:
        board = service.board().id
        for moment, step in HISTORY:
            if moment > until:
                break
            clock.current = moment
            step(service, board)
    finally:
        service.close()


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture(autouse=True)
def _cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TZ", "UTC")
    names = ("KANBAN_NOW", "KANBAN_DB", "KANBAN_DEBUG", "KANBAN_USER", "FORCE_COLOR")
    for name in (*names, "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def db(database: Path | str) -> Path | str:
    """The test's database: a file path, or a PostgreSQL URL (see ``database``)."""
    return database


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """``cli("--db", x, "ls")`` runs ``main([...])`` in-process, any arguments."""

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def kanban(db: Path, cli: Callable[..., Result]) -> Callable[..., Result]:
    """``kanban("ls", "--format", "json")`` runs ``main(["--db", db, ...])`` in-process."""

    def run(*args: str, db_path: Path | str | None = None) -> Result:
        return cli("--db", str(db_path or db), *args)

    return run


@pytest.fixture(scope="session")
def _histories(tmp_path_factory: pytest.TempPathFactory) -> dict[datetime, Path]:
    """Each history built once; tests get copies."""
    folder = tmp_path_factory.mktemp("histories")
    built = {}
    for until in (TUESDAY, MONDAY):
        built[until] = folder / f"{until:%A}.db"
        build_history(built[until], until)
    return built


@pytest.fixture
def tuesday(db: Path, _histories, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The whole history; the clock frozen on Tuesday 24 Nov 2026 09:00 UTC."""
    copy_database(_histories[TUESDAY], db)
    monkeypatch.setenv("KANBAN_NOW", TUESDAY.isoformat())
    return db


@pytest.fixture
def monday(db: Path, _histories, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The history up to Monday 23 Nov 2026 08:00 UTC, the clock frozen then."""
    copy_database(_histories[MONDAY], db)
    monkeypatch.setenv("KANBAN_NOW", MONDAY.isoformat())
    return db


def board_and_events(db: Path) -> tuple[Board, list[Event]]:
    """The database's first board and its events, read by a service opened for the purpose."""
    service = KanbanService.open(db)
    try:
        board = service.board()
        return board, service.events(board.id)
    finally:
        service.close()


def files_of(db: Path | str) -> dict[str, Any]:
    """What the database holds: the file and any side files (WAL, shared memory) byte for byte;
    on a server (a URL), every row of every table (its export)."""
    if isinstance(db, str):
        return stored(db)
    return {
        name: (db.parent / name).read_bytes()
        for name in sorted(os.listdir(db.parent))
        if name.startswith(db.name)
    }
