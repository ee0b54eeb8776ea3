"""benchmarks/run.py: the live-view measure works on a small board, and the tables set the
databases side by side."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kanban.services import KanbanService
from kanban.tui.screens.board import BoardScreen
from tests.benchmarks.test_board import bench

_spec = importlib.util.spec_from_file_location(
    "benchmark_run", Path(__file__).parents[2] / "benchmarks" / "run.py"
)
run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run)


async def test_a_move_by_another_process_is_timed_until_the_board_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "bench.db"
    service = KanbanService.open(db)
    try:
        bench.build(service, 60, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    finally:
        service.close()
    monkeypatch.setattr(run, "LIVE_CHANGES", 2)
    poll = BoardScreen.poll
    measured = await run._measure_live(str(db))
    assert BoardScreen.poll is poll  # put back
    # At most a poll's period to notice it, then the read and the paint.
    assert 0 < measured["live_reload"] <= measured["live"] < BoardScreen.POLL_SECONDS + 2
    assert 0 < measured["live_card_read"] <= measured["live_card"] < BoardScreen.POLL_SECONDS + 2


def _row(db: str, scale: float) -> dict:
    figures = dict.fromkeys(
        ["build", "paint_app", "paint_process", "move", "move_db", "summary", "metrics"], scale
    )
    figures.update(metrics_inproc=scale, metrics_history=scale, aging_rule=scale)
    return {
        **figures,
        "size": 5000,
        "db": db,
        "cards": 5000,
        "peak_mb": 100,
        "poll_us": 10,
        "query_us": 1000,
        "live": 0.8,
        "live_reload": 0.3,
        "live_card": 0.6,
        "live_card_read": 0.1,
    }


def test_the_tables_set_the_databases_side_by_side() -> None:
    rows = [_row("sqlite", 0.5), _row("postgresql", 0.6)]
    main = run.table(rows).splitlines()
    assert main[2].startswith("| 5,000 | sqlite | 5,000 |")
    assert main[3].startswith("| 5,000 | postgresql | 5,000 |")
    assert (
        run.live_table(rows).splitlines()[3]
        == "| 5,000 | postgresql | 10 | 1000 | 0.800 (0.300) | 0.600 (0.100) |"
    )
    verdict = run.verdict(rows).splitlines()
    assert verdict[0].startswith("Targets at 5,000 cards (sqlite): paint_app 0.5 < 1.0")
    assert verdict[2] == (
        "postgresql / sqlite at 5,000 cards: paint_app 1.20x; paint_process 1.20x; move 1.20x; "
        "summary 1.20x; metrics 1.20x; metrics_inproc 1.20x"
    )


def test_a_url_in_a_failed_command_is_shown_without_its_password() -> None:
    with pytest.raises(SystemExit) as failed:
        run._run(["false", "postgresql://me:s3cret@db.example/kanban"])
    assert "s3cret" not in str(failed.value) and "me:***@db.example" in str(failed.value)
