"""``kanban ls``: the board as text and as the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _card(id, title, days, aging="ok", type="business", assignee=None, reason=None):
    return {
        "id": id,
        "title": title,
        "type": type,
        "assignee": assignee,
        "blocked": reason is not None,
        "blocked_reason": reason,
        "days_in_column": days,
        "age_days": None,
        "aging": aging,
        "class_of_service": "standard",
        "due_date": None,
    }


def test_ls_json_is_the_documented_contract(tuesday, kanban):
    result = kanban("ls", "--format", "json")
    assert result.code == 0 and result.err == ""
    assert json.loads(result.out) == {
        "board": "Kanban",
        "aging_rule": {  # three cards finished: too few for the percentiles
            "basis": "fixed",
            "measure": "days_in_column",
            "watch": None,
            "warning": 3,
            "critical": 7,
            "finished": 3,
            "window_days": 90,
            "sle_set": False,
        },
        "columns": [
            {
                "name": "Backlog",
                "kind": "backlog",
                "wip_limit": None,
                "wip_min": None,
                "count": 0,
                "status": "ok",
                "cards": [],
            },
            {
                "name": "Ready",
                "kind": "queue",
                "wip_limit": 5,
                "wip_min": None,
                "count": 1,
                "status": "ok",
                "cards": [
                    _card(6, "Vendor quote", 6, "warning", "change", reason="waiting for vendor"),
                ],
            },
            {
                "name": "In Progress",
                "kind": "active",
                "wip_limit": 3,
                "wip_min": None,
                "count": 4,
                "status": "over",
                "cards": [
                    _card(1, "Rewrite billing", 9, "critical", reason="needs a DBA"),
                    _card(5, "Patch servers", 3, "warning", "unplanned", assignee="Brent"),
                    _card(8, "Fix login", 2),
                    _card(9, "Hotfix", 1),
                ],
            },
            {
                "name": "Review",
                "kind": "queue",
                "wip_limit": 2,
                "wip_min": None,
                "count": 1,
                "status": "ok",
                "cards": [_card(7, "Load test", 5, "warning")],
            },
            {
                "name": "Done",
                "kind": "done",
                "wip_limit": None,
                "wip_min": None,
                "count": 3,
                "status": "ok",
                "cards": [  # done cards do not age
                    _card(3, "Old done", 6),
                    _card(4, "Print labels", 5, type="internal"),
                    _card(2, "Ship release", 2),
                ],
            },
        ],
    }


def test_ls_json_status_at_the_limit(monday, kanban):
    columns = json.loads(kanban("ls", "--format", "json").out)["columns"]
    assert [(c["name"], c["count"], c["status"]) for c in columns] == [
        ("Backlog", 0, "ok"),
        ("Ready", 2, "ok"),
        ("In Progress", 3, "at"),
        ("Review", 1, "ok"),
        ("Done", 2, "ok"),
    ]


def test_ls_text(tuesday, kanban):
    result = kanban("ls")
    assert result.code == 0
    assert result.out.splitlines()[0] == (
        "Kanban  WIP 6  breached 1  bottleneck: In Progress (over limit)"
    )
    assert (
        "In Progress 4/3  ⚠ over limit\n"
        "  #1 [business] Rewrite billing  9 days (critical ≥ 7d)  ⛔ needs a DBA\n"
        "  #5 [unplanned] Patch servers  @Brent  3 days (warning ≥ 3d)\n"
        "  #8 [business] Fix login  2 days\n"
        "  #9 [business] Hotfix  1 day\n"
    ) in result.out
    assert "\nReview 1/2\n  #7 [business] Load test  5 days (warning ≥ 3d)\n" in result.out
    assert "\nBacklog 0\n" in result.out and "\nDone 3\n" in result.out


def test_ls_text_keeps_markup_in_titles_literal(db, kanban):
    kanban("add", "[bold]not bold[/bold] :smile:")
    assert "#1 [business] [bold]not bold[/bold] :smile:  1 day" in kanban("ls").out


def test_ls_of_an_empty_new_database_shows_the_default_columns(db, kanban):
    data = json.loads(kanban("ls", "--format", "json").out)
    assert data["board"] == "Kanban"
    assert [(c["name"], c["kind"], c["wip_limit"]) for c in data["columns"]] == [
        ("Backlog", "backlog", None),
        ("Ready", "queue", 5),
        ("In Progress", "active", 3),
        ("Review", "queue", 2),
        ("Done", "done", None),
    ]
    assert isinstance(db, str) or db.exists()  # a file made by the first command


def test_ls_text_shows_the_class_of_service_and_the_due_date(db, kanban, monkeypatch):
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    kanban("add", "Renew certificate", "--class", "fixed-date", "--due", "2026-12-04")
    kanban("add", "Outage", "--class", "expedite")
    kanban("add", "Tidy", "--class", "standard")
    out = kanban("ls").out
    assert "#1 [business] Renew certificate  fixed-date  1 day  due 2026-12-04\n" in out
    assert "#2 [business] Outage  expedite  1 day\n" in out
    assert "#3 [business] Tidy  1 day\n" in out  # standard is not named


def test_ls_builds_and_prints_with_the_collector_paused_and_restores_it(db, kanban, monkeypatch):
    import gc

    from kanban.reports import board_text, json_report

    seen = []
    real_print, real_json = board_text.print_board, json_report.board_json
    monkeypatch.setattr(
        board_text, "print_board", lambda v: seen.append(gc.isenabled()) or real_print(v)
    )
    monkeypatch.setattr(
        json_report, "board_json", lambda v: seen.append(gc.isenabled()) or real_json(v)
    )
    enabled = gc.isenabled()
    gc.enable()
    try:
        assert kanban("ls").code == 0 and kanban("ls", "--format", "json").code == 0
        assert seen == [False, False] and gc.isenabled()
    finally:
        (gc.enable if enabled else gc.disable)()


@pytest.mark.parametrize(
    ("command", "module", "name"),
    [
        (["summary"], "kanban.reports.text", "print_summary"),
        (
            ["summary", "--standup", "--format", "json"],
            "kanban.reports.json_report",
            "summary_json",
        ),
        (["metrics"], "kanban.reports.metrics_text", "print_metrics"),
        (
            ["metrics", "--format", "markdown"],
            "kanban.reports.metrics_markdown",
            "metrics_markdown",
        ),
    ],
)
def test_the_reports_are_made_with_the_collector_paused(
    db, kanban, monkeypatch, command, module, name
):
    import gc
    import importlib

    found = importlib.import_module(module)
    real, seen = getattr(found, name), []
    monkeypatch.setattr(found, name, lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    enabled = gc.isenabled()
    gc.enable()
    try:
        assert kanban(*command).code == 0
        assert seen == [False] and gc.isenabled()
    finally:
        (gc.enable if enabled else gc.disable)()


def test_ls_in_a_pipe_never_imports_rich(db, kanban, monkeypatch):
    """Rich only draws on a terminal: in a pipe the lines are plain text, written without it."""
    assert kanban("add", "[red]修正[/red] ログイン", "--assignee", "Ann").code == 0
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    script = (
        "import sys\n"
        "from kanban.cli.main import main\n"
        f"code = main(['--db', {str(db)!r}, 'ls'])\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('rich'))))\n"
        "raise SystemExit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "[]")
    assert done.stdout == kanban("ls").out
    assert "#1 [business] [red]修正[/red] ログイン  @Ann  1 day\n" in done.stdout
