"""``kanban column remove``: removing an emptied column leaves every past metric as it was (the
column's kind and place are kept in the log for the history), and it shows nowhere else."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kanban.domain.models import ColumnKind
from kanban.services import KanbanService
from tests.cli.conftest import Clock

NOV_2 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
CARDS = 6


def _day(n: int) -> datetime:
    return NOV_2 + timedelta(days=n)


def _triage_board(path: Path) -> None:
    """A second backlog column, Triage, that six cards passed through: in Triage on day 0,
    Ready on day 10, Done on day 13 (cycle time 4 days); Triage is empty after."""
    clock = Clock(_day(0))
    service = KanbanService.open(path, clock=clock)
    board = service.board().id
    service.add_column(board, "Triage", kind=ColumnKind.BACKLOG, after="Backlog")
    ids = [service.add_card(board, f"card {n}", column="Triage").card.id for n in range(CARDS)]
    clock.current = _day(10)
    for card in ids:
        service.move_card(card, "Ready")
    clock.current = _day(13)
    for card in ids:
        service.move_card(card, "Done")
    service.close()


def _archive_board(path: Path) -> None:
    """A done-kind Archive after Done: six cards finished on days 1-6, archived on day 8, and
    all brought back to Done on day 12 to empty Archive."""
    clock = Clock(_day(0))
    service = KanbanService.open(path, clock=clock)
    board = service.board().id
    service.add_column(board, "Archive", kind=ColumnKind.DONE, after="Done")
    ids = [service.add_card(board, f"card {n}", column="In Progress").card.id for n in range(6)]
    for n, card in enumerate(ids):
        clock.current = _day(n + 1)
        service.move_card(card, "Done")
    clock.current = _day(8)
    for card in ids:
        service.move_card(card, "Archive")
    clock.current = _day(12)
    for card in ids:
        service.move_card(card, "Done")
    service.close()


def _metrics(kanban) -> dict:
    result = kanban("metrics", "--format", "json")
    assert (result.code, result.err) == (0, "")
    return json.loads(result.out)


def _past(report: dict) -> dict:
    """Every figure that only depends on the past (the per-column tables and the CFD lose the
    removed column, so their other columns are compared separately)."""
    return {
        key: report[key]
        for key in (
            "window",
            "cycle_time",
            "lead_time",
            "throughput",
            "wip",
            "sle",
            "flow_efficiency",
            "work_item_age",
            "work_mix",
            "littles_law",
        )
    }


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    moment = _day(15)
    monkeypatch.setenv("KANBAN_NOW", moment.isoformat())
    return moment


def test_removing_an_emptied_backlog_column_keeps_cycle_times_and_past_wip(db, kanban, now):
    _triage_board(db)
    before = _metrics(kanban)
    assert before["cycle_time"]["p50"] == 4
    assert [d["count"] for d in before["wip"]["per_day"][:10]] == [0] * 10

    result = kanban("column", "remove", "Triage")
    assert result.code == 0, result.err

    after = _metrics(kanban)
    assert _past(after) == _past(before)
    assert after["cycle_time"]["p50"] == 4  # not 14
    assert [d["count"] for d in after["wip"]["per_day"][:10]] == [0] * 10  # not 6
    # The removed column shows nowhere: not in the tables, the CFD or the board.
    assert "Triage" not in [c["name"] for c in after["columns"]]
    assert after["cfd"]["columns"] == [n for n in before["cfd"]["columns"] if n != "Triage"]
    kept = [i for i, n in enumerate(before["cfd"]["columns"]) if n != "Triage"]
    assert [d["counts"] for d in after["cfd"]["days"]] == [
        [d["counts"][i] for i in kept] for d in before["cfd"]["days"]
    ]
    assert "Triage" not in kanban("ls").out
    assert "Triage" not in kanban("summary").out


def test_removing_an_emptied_archive_keeps_past_finishes_on_their_days(db, kanban, now):
    _archive_board(db)
    before = _metrics(kanban)
    finished = [d["count"] for d in before["throughput"]["per_day"]]
    assert finished[1:7] == [1] * 6 and sum(finished) == 6

    assert kanban("column", "remove", "Archive").code == 0

    after = _metrics(kanban)
    assert _past(after) == _past(before)
    assert [d["count"] for d in after["throughput"]["per_day"]] == finished  # not 6 on day 12


def test_a_new_column_given_the_removed_ones_id_does_not_inherit_its_history(db, kanban, now):
    _archive_board(db)
    before = _metrics(kanban)
    assert kanban("column", "remove", "Archive").code == 0
    # SQLite gives the highest id again: the new column has Archive's id.
    assert kanban("column", "add", "QA", "--kind", "active", "--after", "Backlog").code == 0
    after = _metrics(kanban)
    assert _past(after) == _past(before)


def test_the_kept_column_survives_export_and_import(db, kanban, now, tmp_path):
    _triage_board(db)
    assert kanban("column", "remove", "Triage").code == 0
    before = _metrics(kanban)
    exported = tmp_path / "export.json"
    assert kanban("export", "--format", "json", "--output", str(exported)).code == 0
    copy = tmp_path / "copy.db"
    assert kanban("import", str(exported), db_path=copy).code == 0
    result = kanban("metrics", "--format", "json", db_path=copy)
    assert _past(json.loads(result.out)) == _past(before)
    assert json.loads(result.out)["cycle_time"]["p50"] == 4
