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
    assert set(times) == {"floor", "where"} and times["floor"] > 0
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
