"""Every change records who made it: ``--as NAME``, else ``$KANBAN_USER``, else the login name."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from tests.cli.conftest import board_and_events, files_of


def _authors(db: Path) -> list[str | None]:
    return [event.author for event in board_and_events(db)[1]]


def test_as_names_the_author_before_or_after_the_command(kanban, db, monkeypatch) -> None:
    monkeypatch.setenv("KANBAN_USER", "someone else")
    assert kanban("--as", "brent", "add", "Patch the server").code == 0
    assert kanban("move", "1", "Ready", "--as", "maxine").code == 0
    assert _authors(db) == ["brent", "maxine"]


def test_kanban_user_then_the_login_name(kanban, db, monkeypatch) -> None:
    monkeypatch.setenv("KANBAN_USER", "wes")
    kanban("add", "One")
    monkeypatch.setenv("KANBAN_USER", "")
    monkeypatch.setattr(getpass, "getuser", lambda: "login")
    kanban("add", "Two")
    assert _authors(db) == ["wes", "login"]


def test_no_login_name_records_no_author(kanban, db, monkeypatch) -> None:
    def fails() -> str:
        raise OSError("no user")

    monkeypatch.setattr(getpass, "getuser", fails)
    assert kanban("add", "Anonymous").code == 0
    assert _authors(db) == [None]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "--as is empty"),
        ("brent\x1b[2J", "an author cannot hold control characters"),
        ("x" * 500, "an author can have at most"),
    ],
)
def test_a_bad_author_is_one_line_and_changes_nothing(kanban, db, name, message) -> None:
    kanban("add", "Before")
    before = files_of(db)
    result = kanban("--as", name, "add", "Refused")
    assert result.code == 2
    assert len(result.err_lines) == 1 and message in result.err
    assert files_of(db) == before
