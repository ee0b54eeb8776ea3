"""``kanban`` opens the TUI on the right board of the right database; ``kanban demo`` writes the
demo into a fresh database (never $KANBAN_DB). The TUI itself is replaced by a recorder (on a
terminal, as far as the launcher can tell), except to show that a crash of the real one exits 1.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from kanban.cli import launch
from kanban.services import KanbanService


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(launch, "has_terminal", lambda: True)


@pytest.fixture
def tui(monkeypatch: pytest.MonkeyPatch, on_a_terminal: None) -> list[tuple[list[str], str | None]]:
    """Stand in for ``kanban.tui.app``: records the boards of the service and the board asked,
    and exits as the app does when closed (0) or after a crash (set ``fake.status``)."""
    opened: list[tuple[list[str], str | None]] = []
    fake = types.ModuleType("kanban.tui.app")

    def run_tui(service: KanbanService, board: str | None = None) -> int:
        opened.append(([b.name for b in service.boards()], board))
        return fake.status

    fake.run_tui, fake.status = run_tui, 0
    monkeypatch.setitem(sys.modules, "kanban.tui.app", fake)
    return opened


def test_kanban_without_a_command_opens_the_first_board(db, kanban, tui):
    result = kanban()
    assert (result.code, result.err) == (0, "")
    assert tui == [(["Kanban"], None)]
    assert isinstance(db, str) or db.exists()  # a file made by the first command


def test_kanban_board_opens_the_named_board_and_refuses_an_unknown_one(db, kanban, tui):
    kanban("board", "create", "Ops")
    assert kanban("--board", "ops").code == 0
    assert tui == [(["Kanban", "Ops"], "Ops")]
    unknown = kanban("--board", "Nope")
    assert (unknown.code, unknown.err) == (2, "kanban: error: no board named 'Nope'\n")
    assert len(tui) == 1


def test_the_default_database_lives_in_the_user_data_folder(tmp_path, kanban, tui, monkeypatch):
    import kanban.cli.main as cli_main

    folder = tmp_path / "data" / "kanban"
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(folder))
    assert cli_main.main(["add", "Mine"]) == 0
    assert (folder / "kanban.db").exists()
    monkeypatch.setenv("KANBAN_DB", str(tmp_path / "env.db"))
    assert cli_main.main(["add", "Env"]) == 0
    assert (tmp_path / "env.db").exists()


def test_demo_no_tui_writes_only_the_demo_board(tmp_path, kanban, tui):
    path = tmp_path / "demo.db"
    result = kanban("demo", "--no-tui", db_path=path)
    assert result.code == 0
    assert result.out == f"wrote the demo board 'Parts Unlimited' to {path}\n"
    assert tui == []
    assert kanban("board", "list", db_path=path).out.startswith("Parts Unlimited · SLE ")
    data = json.loads(kanban("summary", "--format", "json", db_path=path).out)
    assert data["board"] == "Parts Unlimited" and data["breaches"] and data["blocked"]


def test_demo_defaults_to_a_fresh_temporary_database(tmp_path, kanban, tui, monkeypatch):
    own = tmp_path / "own.db"
    monkeypatch.setenv("KANBAN_DB", str(own))
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    monkeypatch.setattr("tempfile.mkdtemp", lambda **kwargs: str(fresh))
    import kanban.cli.main as cli_main

    assert cli_main.main(["demo"]) == 0
    demo_db = fresh / "kanban.db"
    assert tui == [(["Parts Unlimited"], "Parts Unlimited")]
    assert not own.exists()  # the user's own database is never touched
    assert demo_db.exists()


def test_demos_help_says_where_it_writes(kanban):
    out = " ".join(kanban("demo", "--help").out.split())
    assert "default: a fresh temporary database; never $KANBAN_DB" in out
    assert "default: $KANBAN_DB" not in out
    assert "default: $KANBAN_DB" in " ".join(kanban("ls", "--help").out.split())


def test_demo_prints_its_path_after_the_tui_exits(tmp_path, kanban, tui, capsys):
    path: Path = tmp_path / "d.db"
    result = kanban("demo", db_path=path)
    assert result.code == 0
    assert result.out == f"the demo board is in {path}; open it again with: kanban --db {path}\n"
    assert tui == [(["Parts Unlimited"], "Parts Unlimited")]


def test_a_crashed_board_exits_1_after_its_traceback(db, kanban, tui, tmp_path):
    sys.modules["kanban.tui.app"].status = 1  # what run_tui returns after a crash
    result = kanban()
    assert (result.code, result.err) == (1, f"kanban: error: {launch.CRASHED}\n")
    path = tmp_path / "d.db"
    result = kanban("demo", db_path=path)
    assert (result.code, result.err) == (1, f"kanban: error: {launch.CRASHED}\n")
    assert result.out.startswith(f"the demo board is in {path}")  # the demo is kept


def test_an_exception_in_the_real_board_makes_run_tui_non_zero(
    db, kanban, on_a_terminal, monkeypatch, capsys
):
    """The real app, headless, its help key made to raise: Textual prints the traceback and
    ``kanban`` exits 1 (it exited 0)."""
    from kanban.tui import app as app_module
    from kanban.tui.app import KanbanApp
    from kanban.tui.screens.board import BoardScreen

    def boom(self: BoardScreen) -> None:
        raise RuntimeError("boom")

    async def press_help(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("question_mark")

    run = KanbanApp.run
    monkeypatch.setattr(BoardScreen, "action_help", boom)
    monkeypatch.setattr(
        KanbanApp, "run", lambda self: run(self, headless=True, auto_pilot=press_help)
    )
    monkeypatch.setattr(app_module.gc, "freeze", lambda: None)
    result = kanban()
    assert result.code == 1
    assert result.err.endswith(f"RuntimeError: boom\nkanban: error: {launch.CRASHED}\n")
