"""benchmarks/floor.py: the harness works on tiny boards (the timings are not checked)."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kanban.services import KanbanService
from tests.benchmarks.test_board import bench

_spec = importlib.util.spec_from_file_location(
    "benchmark_floor", Path(__file__).parents[2] / "benchmarks" / "floor.py"
)
floor = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(floor)


def _board(folder: Path, cards: int = 60) -> Path:
    db = folder / "bench.db"
    service = KanbanService.open(db)
    try:
        bench.build(service, cards, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    finally:
        service.close()
    return db


async def test_the_board_is_timed_to_its_first_paint_to_idle_and_to_a_move(
    tmp_path: Path,
) -> None:
    measured = await floor.measure_board(str(_board(tmp_path)), time.time())
    assert 0 < measured["paint"] <= measured["idle"]
    assert 0 < measured["move"] and measured["peak_mb"] > 10
    assert measured["moves"] == 9  # three cards, each moved from Backlog to Review


async def test_a_bare_textual_app_is_timed_the_same_way() -> None:
    measured = await floor.measure_bare(time.time())
    assert 0 < measured["paint"] and 0 < measured["key"] and 0 < measured["columns"]


def test_each_command_runs_after_the_floor_outside_the_repository_with_pyc_files(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = floor.environment()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPATH"].split(os.pathsep)[0] == str(floor.ROOT)
    seen = tmp_path / "seen"
    where = f"import os; open({str(seen)!r}, 'a').write(os.getcwd() + chr(10))"
    times = floor.paired({"where": [sys.executable, "-c", where]}, tmp_path, env, repeat=2)
    assert set(times) == {"floor", "floor:where", "where"} and times["floor"] > 0
    assert seen.read_text().splitlines() == [str(tmp_path)] * 2


def test_the_forecast_runs_on_the_demo_board(tmp_path: Path) -> None:
    demo = floor.demo_board(tmp_path)
    [row] = floor.measure_forecasts(demo, tmp_path, [10], repeat=1)
    assert row["n"] == 10 and row["forecast"] > 0 and row["floor"] > 0


def test_the_tables_give_each_figure_beside_its_floor() -> None:
    row = dict.fromkeys(["ls", "summary", "standup", "metrics"], 2.0)
    row.update(size=5000, db="sqlite", build=1.5, floor=0.5, paint=1.2, bare_paint=0.4, idle=1.5)
    row.update(peak_mb=99, move=0.06, bare_key=0.05, bare_columns=0.02, weeks=200)
    assert floor.table([row]).splitlines()[2] == (
        "| 5,000 | 200 | sqlite | 1.5 | 0.50 | 2.00 (4.0×) | 2.00 (4.0×) | 2.00 (4.0×) "
        "| 2.00 (4.0×) | 1.20 (0.40, 3.0×) | 1.50 | 99 | 0.060 (0.050, 1.2×; 0.020, 3.0×) |"
    )
    forecast = floor.forecast_table([{"n": 10000, "floor": 0.5, "forecast": 5.0}])
    assert forecast.splitlines()[2] == "| 10,000 | 0.50 | 5.00 (10.0×) |"


def test_postgresql_alone_needs_its_url(capsys) -> None:
    with pytest.raises(SystemExit) as refused:
        floor.main(["--no-sqlite"])
    assert refused.value.code == 2 and "--no-sqlite needs --db-url" in capsys.readouterr().err


def test_each_figure_is_taken_on_the_databases_in_turn(tmp_path: Path, monkeypatch) -> None:
    """A command on SQLite, then the same on PostgreSQL, each after its floor run; the board
    on one, then on the other: a change in the machine's speed falls on both alike."""
    ran: list[str] = []

    def timed(command: list[str], cwd: Path, env: dict) -> float:
        if command == floor.FLOOR:
            ran.append("floor")
        elif "--db" in command:
            db = command[command.index("--db") + 1]
            ran.append(f"{'pg' if db.startswith('postgresql') else 'sqlite'} {command[-1]}")
        return 1.0 if command == floor.FLOOR else 2.0

    def child(cwd: Path, env: dict, *args: str) -> dict:
        if args[0] == "--bare-child":
            ran.append("bare")
            return {"paint": 0.2, "key": 0.002, "columns": 0.01}
        ran.append("pg board" if args[1].startswith("postgresql") else "sqlite board")
        return {"paint": 0.5, "idle": 0.5, "peak_mb": 90.0, "move": 0.04}

    monkeypatch.setattr(floor, "timed", timed)
    monkeypatch.setattr(floor, "_child", child)
    targets = {"sqlite": str(tmp_path / "b.db"), "postgresql": "postgresql://u@h/d"}
    rows = floor.measure_size(100, targets, tmp_path, repeat=2)
    builds, first_runs = ran[:2], ran[2:11]  # the boards built; each command run unmeasured
    assert builds == ["sqlite 4", "pg 4"] and first_runs[0] == "floor"
    turn = [
        f"{db} {command}"
        for command in ("ls", "summary", "--standup", "metrics")
        for db in ("sqlite", "pg")
    ]
    measured = [step for pair in zip(["floor"] * 8, turn, strict=True) for step in pair]
    tui = ["sqlite board", "bare", "pg board", "bare"]
    assert ran[11:] == measured * 2 + tui * 2
    assert [r["db"] for r in rows] == ["sqlite", "postgresql"]
    assert rows[0]["floor"] == 1.0 and rows[1]["ls"] == 2.0 and rows[1]["bare_columns"] == 0.01
    assert floor.database_table(rows).splitlines()[2] == (
        "| 100 | 1.00× | 1.00× | 1.00× | 1.00× | 1.00× | 1.00× | 1.00× | 1.00× |"
    )
