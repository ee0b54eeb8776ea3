"""``kanban column ...`` and ``kanban board ...``."""

from __future__ import annotations

import json

from kanban.services import KanbanService


def _columns(kanban, *board: str) -> list[tuple[str, str, int | None]]:
    data = json.loads(kanban(*board, "ls", "--format", "json").out)
    return [(c["name"], c["kind"], c["wip_limit"]) for c in data["columns"]]


def test_column_add_limit_rename_remove(db, kanban):
    added = kanban("column", "add", "Test", "--limit", "4", "--kind", "queue")
    assert added.out == "added column Test (queue, limit 4)\n"
    assert _columns(kanban)[4] == ("Test", "queue", 4)  # before Done by default
    kanban("column", "add", "Triage", "--after", "backlog")
    assert [name for name, _, _ in _columns(kanban)] == [
        "Backlog",
        "Triage",
        "Ready",
        "In Progress",
        "Review",
        "Test",
        "Done",
    ]
    assert kanban("column", "limit", "Triage", "2").out == "Triage: limit 2\n"
    assert _columns(kanban)[1] == ("Triage", "active", 2)
    assert kanban("column", "limit", "Triage", "none").out == "Triage: no limit\n"
    assert _columns(kanban)[1] == ("Triage", "active", None)
    assert kanban("column", "rename", "Test", "QA").out == "renamed column Test to QA\n"
    assert kanban("column", "remove", "Triage").out == "removed column Triage\n"
    assert [name for name, _, _ in _columns(kanban)] == [
        "Backlog",
        "Ready",
        "In Progress",
        "Review",
        "QA",
        "Done",
    ]


def test_column_remove_is_refused_while_it_holds_cards(db, kanban):
    kanban("add", "Card", "--column", "Review")
    result = kanban("column", "remove", "Review")
    assert result.code == 2
    assert result.err == "kanban: error: column 'Review' holds 1 card; move them first\n"
    assert "Review" in [name for name, _, _ in _columns(kanban)]


def test_board_list_create_strict(db, kanban):
    default = " · SLE 85th percentile · expedite limit 1 · aging 3/7 days"
    assert kanban("board", "list").out == f"Kanban{default}\n"
    assert kanban("board", "create", "Ops").out == "created board Ops\n"
    assert kanban("board", "strict", "ops", "on").out == (
        "Ops is strict: moves into a full column are refused\n"
    )
    assert kanban("board", "list").out == f"Kanban{default}\nOps (strict){default}\n"
    kanban("board", "strict", "Ops", "off")
    service = KanbanService.open(db)
    assert [(b.name, b.strict) for b in service.boards()] == [("Kanban", False), ("Ops", False)]
    service.close()
    assert _columns(kanban, "--board", "Ops")[2] == ("In Progress", "active", 3)
    duplicate = kanban("board", "create", "ops")
    assert (duplicate.code, duplicate.err) == (
        2,
        "kanban: error: a board named 'ops' exists already\n",
    )
