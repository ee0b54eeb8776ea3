"""Every error: one line on stderr, exit 2 for bad input (1 otherwise), no traceback, and the
database byte for byte as it was."""

from __future__ import annotations

import sqlite3

import pytest

from kanban.services import KanbanService
from tests.cli.conftest import files_of
from tests.conftest import run_sql

BAD_INPUT = {
    "unknown card": (["move", "99", "Done"], "no card #99"),
    "unknown card, block": (["block", "42", "why"], "no card #42"),
    "unknown card, delete": (["delete", "42"], "no card #42"),
    "unknown column": (["move", "1", "Nowhere"], "no column named 'Nowhere' (columns: "),
    "unknown column, add": (["add", "x", "--column", "Nope"], "no column named 'Nope'"),
    "unknown column, limit": (["column", "limit", "Nope", "3"], "no column named 'Nope'"),
    "unknown board": (["--board", "Nope", "ls"], "no board named 'Nope'"),
    "empty title": (["add", "  "], "a card needs a title"),
    "empty title, edit": (["edit", "1", "--title", ""], "a card needs a title"),
    "empty reason": (["block", "1", " "], "blocking a card needs a reason"),
    "negative limit": (["column", "limit", "Ready", "-1"], "a WIP limit cannot be negative: -1"),
    "non-numeric limit": (
        ["column", "limit", "Ready", "five"],
        "a WIP limit must be a whole number or 'none'",
    ),
    "negative limit, new column": (["column", "add", "QA", "--limit", "-2"], "cannot be negative"),
    "non-numeric limit, new column": (["column", "add", "QA", "--limit", "x"], "a WIP limit"),
    "non-numeric id": (["move", "one", "Done"], "argument ID: a card id is a number"),
    "unknown type": (["add", "x", "--type", "urgent"], "argument --type: invalid choice"),
    "missing argument": (["move", "1"], "the following arguments are required: COLUMN"),
    "unknown command": (["frobnicate"], "argument COMMAND: invalid choice"),
    "column with cards": (["column", "remove", "In Progress"], "holds 4 cards"),
    "nothing to edit": (["edit", "1"], "nothing to change"),
    "bad KANBAN_NOW": (["ls"], "KANBAN_NOW is not an ISO 8601 time"),
    "unknown class": (["add", "x", "--class", "urgent"], "argument --class: invalid choice"),
    "bad due date": (["add", "x", "--due", "15/12/2026"], "a due date is YYYY-MM-DD"),
    "bad due date, edit": (["edit", "1", "--due", "2026-13-01"], "a due date is YYYY-MM-DD"),
    "negative person limit": (
        ["person", "limit", "Brent", "-1"],
        "a personal WIP limit cannot be negative: -1",
    ),
    "min above max": (
        ["column", "limit", "Ready", "2", "--min", "3"],
        "the minimum (3) cannot be above the WIP limit (2)",
    ),
    "negative min": (["column", "limit", "Ready", "5", "--min", "-1"], "cannot be negative"),
    "unknown constraint column": (["column", "constraint", "Nope"], "no column named 'Nope'"),
    "zero SLE": (["board", "sle", "Kanban", "0"], "an SLE must be at least 1 day: 0"),
    "negative SLE": (["board", "sle", "Kanban", "-2"], "an SLE must be at least 1 day: -2"),
    "non-numeric SLE": (
        ["board", "sle", "Kanban", "soon"],
        "an SLE must be a whole number of days or 'none': 'soon'",
    ),
    "SLE, unknown board": (["board", "sle", "Nope", "5"], "no board named 'Nope'"),
    "zero expedite limit": (
        ["board", "expedite-limit", "Kanban", "0"],
        "an expedite limit must be at least 1: 0",
    ),
    "non-numeric expedite limit": (
        ["board", "expedite-limit", "Kanban", "many"],
        "an expedite limit must be a whole number: 'many'",
    ),
    "warning above critical": (
        ["board", "aging", "Kanban", "8", "7"],
        "the warning threshold (8 days) cannot be above the critical one (7 days)",
    ),
    "zero warning": (
        ["board", "aging", "Kanban", "0", "7"],
        "the warning threshold must be at least 1 day: 0",
    ),
    "non-numeric critical": (
        ["board", "aging", "Kanban", "3", "week"],
        "the critical threshold must be a whole number of days: 'week'",
    ),
    "aging, missing critical": (
        ["board", "aging", "Kanban", "3"],
        "the following arguments are required: CRITICAL",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_exits_2_with_one_line_and_changes_nothing(case, tuesday, kanban, monkeypatch):
    argv, message = BAD_INPUT[case]
    if case == "bad KANBAN_NOW":
        monkeypatch.setenv("KANBAN_NOW", "next tuesday")
    before = files_of(tuesday)
    result = kanban(*argv)
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert result.err.startswith("kanban: error: ") and message in result.err
    assert "Traceback" not in result.err and result.out == ""
    assert files_of(tuesday) == before


def test_a_text_file_is_not_a_database(tmp_path, kanban):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 50)
    before = files_of(path)
    result = kanban("ls", db_path=path)
    assert (result.code, result.err) == (2, f"kanban: error: {path} is not a kanban database\n")
    assert files_of(path) == before


def test_another_programs_sqlite_file_is_not_a_database(tmp_path, kanban):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO accounts (name) VALUES ('alice')")
    connection.close()
    before = files_of(path)
    result = kanban("add", "Card", db_path=path)
    assert (result.code, result.err) == (2, f"kanban: error: {path} is not a kanban database\n")
    assert files_of(path) == before


def test_a_database_from_a_newer_version_is_refused(tuesday, kanban):
    run_sql(tuesday, "UPDATE kanban_meta SET value = '999' WHERE key = 'schema_version'")
    before = files_of(tuesday)
    result = kanban("add", "Card")
    assert result.code == 2
    assert len(result.err_lines) == 1
    assert "was written by a newer kanban (schema 999" in result.err
    assert files_of(tuesday) == before


def test_an_unexpected_failure_is_one_line_and_exit_1(tuesday, kanban, monkeypatch):
    def broken(self, board_id):
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(KanbanService, "snapshot", broken)
    result = kanban("ls")
    assert (result.code, result.err) == (
        1,
        "kanban: error: unexpected RuntimeError: disk on fire second line\n",
    )


def test_kanban_debug_shows_the_traceback(tuesday, kanban, monkeypatch):
    monkeypatch.setattr(KanbanService, "snapshot", lambda self, board_id: 1 / 0)
    monkeypatch.setenv("KANBAN_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        kanban("ls")


def test_ctrl_c_exits_130_quietly(tuesday, kanban, monkeypatch):
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(KanbanService, "summary", interrupted)
    result = kanban("summary")
    assert (result.code, result.out, result.err) == (130, "", "")


def test_help_and_version_exit_0(kanban):
    help_ = kanban("--help")
    assert help_.code == 0 and "summary" in help_.out and "column" in help_.out
    version = kanban("--version")
    assert (version.code, version.out) == (0, "kanban 0.1.0\n")
