"""The screen as it looks: each state of ``scripts/shots.py`` (the states the screenshots show)
against its SVG under ``__snapshots__``. A change in what is drawn fails here even where no
Pilot test reads that part of the screen (a chart, a colour, a border).

After a change meant to alter the look: ``pytest --snapshot-update``, then review the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from scripts.shots import NOW, SHOTS, Shot, reach, write_demo


@pytest.fixture(scope="session")
def _demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo board, written once per process; each test gets a copy."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KANBAN_NOW", NOW)
        env.setenv("TZ", "UTC")
        write_demo(db)
    return db


@pytest.mark.parametrize("shot", SHOTS, ids=[shot.name for shot in SHOTS])
def test_screen(
    shot: Shot, _demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snap_compare
) -> None:
    monkeypatch.setenv("KANBAN_NOW", NOW)
    monkeypatch.setenv("TZ", "UTC")
    db = tmp_path / "demo.db"
    shutil.copyfile(_demo_db, db)
    service = KanbanService.open(db)

    async def run_before(pilot: Pilot) -> None:
        await reach(pilot, shot)

    try:
        assert snap_compare(KanbanApp(service), terminal_size=shot.size, run_before=run_before)
    finally:
        service.close()
