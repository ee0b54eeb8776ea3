"""Hostile text through the real CLI: nothing a card, column, board or person says reaches the
terminal as a control sequence, and markup-looking text is printed as typed.

Each vector is put in every field a user writes (title, assignee, blocked reason, description,
column name, board name, person name) by replacing a placeholder in the database itself, the
way a teammate's older client or an import could have written it (so the test does not depend
on what today's input checks accept). Then every command for people runs on it, and what comes
out, piped or on a forced-colour terminal, is checked."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from kanban.domain.models import ClassOfService, ColumnKind
from kanban.reports.safe_text import visible
from kanban.services import KanbanService
from kanban.storage.database import make_engine
from tests.cli.conftest import TUESDAY, Clock
from tests.conftest import copy_database

VECTORS = {
    "osc-title": "\x1b]0;pwned\x07 x",
    "clear-screen": "\x1b[2J\x1b[H",
    "osc52-clipboard": "\x1b]52;c;aGk=\x07",
    "c1-csi": "\x9b31mred",
    "bidi-override": "\u202eevil",
    "markup-close": "[/]",
    "markup-action": "[@click=app.quit]x[/]",
    "markup-open": "[bold]x",
}
TOKEN = "TOK"
SGR = re.compile(r"\x1b\[[0-9;]*m")

# Every command for people; the database's board, column and person names are hostile.
READING = {
    "ls": ["ls"],
    "summary": ["summary"],
    "summary-markdown": ["summary", "--format", "markdown"],
    "standup": ["summary", "--standup"],
    "standup-markdown": ["summary", "--standup", "--format", "markdown"],
    "metrics": ["metrics"],
    "metrics-markdown": ["metrics", "--format", "markdown"],
    "forecast": ["forecast", "3"],
    "person-list": ["person", "list"],
    "board-list": ["board", "list"],
    "export-markdown": ["export", "--format", "markdown"],
    "export-csv": ["export", "--format", "csv"],
}
MARKDOWN = {"summary-markdown", "standup-markdown", "metrics-markdown", "export-markdown"}


def assert_safe(output: str) -> None:
    """No ESC, BEL, C1 control or bidi override: nothing a terminal would act on."""
    assert "\x1b" not in output and "\x07" not in output
    assert not [c for c in output if 0x80 <= ord(c) < 0xA0]
    assert "\u202e" not in output


def shows(vector: str, output: str) -> bool:
    """The vector is there, visibly (rich drops a BEL itself, so either form counts)."""
    seen = visible(vector)
    return seen in output or seen.replace("␇", "") in output


@contextmanager
def _sql(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection committed and closed (so its write-ahead log is folded into the file)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def build(path: Path) -> None:
    """A board with every field holding ``TOKEN``: a blocked card in a custom column with an
    assignee and a description, a card finished yesterday, people with limits."""
    now = TUESDAY
    clock = Clock(now - timedelta(days=10))
    service = KanbanService.open(path, clock=clock)
    try:
        board = service.board().id
        service.add_column(
            board, f"Col {TOKEN}", kind=ColumnKind.ACTIVE, limit=1, after="In Progress"
        )
        for index in range(6):  # enough finished cards for the percentiles
            clock.current = now - timedelta(days=9 - index)
            card = service.add_card(board, f"Old {TOKEN} {index}", column="Ready").card
            service.move_card(card.id, f"Col {TOKEN}")
            clock.current += timedelta(hours=30)
            service.move_card(card.id, "Done")
        clock.current = now - timedelta(days=5)
        card = service.add_card(
            board,
            f"Card {TOKEN}",
            column="Ready",
            assignee=f"Ana {TOKEN}",
            description=f"first {TOKEN}\nsecond",
            class_of_service=ClassOfService.FIXED_DATE,
            due_date=(now + timedelta(days=1)).date(),
        ).card
        service.move_card(card.id, f"Col {TOKEN}")
        clock.current = now - timedelta(hours=20)
        service.block_card(card.id, f"waiting {TOKEN}")
        late = service.add_card(board, f"Late {TOKEN}", column="Review", assignee=f"Bo {TOKEN}")
        service.move_card(late.card.id, "Done")
        service.add_card(
            board, f"Rush {TOKEN}", column="Ready", class_of_service=ClassOfService.EXPEDITE
        )
        service.set_person_limit(board, f"Ana {TOKEN}", 1)
        service.set_person_limit(board, f"Cy {TOKEN}", 2)
    finally:
        service.close()
    with _sql(path) as connection:
        connection.execute("UPDATE boards SET name = ? WHERE name = 'Kanban'", (f"Board {TOKEN}",))


def plant(path: Path, vector: str) -> None:
    """Replace ``TOKEN`` with ``vector`` in every user-written text of the database."""
    in_json = json.dumps(vector)[1:-1]
    with _sql(path) as connection:
        for table, column in (
            ("boards", "name"),
            ("board_columns", "name"),
            ("people", "name"),
            ("cards", "title"),
            ("cards", "assignee"),
            ("cards", "description"),
            ("cards", "blocked_reason"),
        ):
            connection.execute(
                f"UPDATE {table} SET {column} = replace({column}, ?, ?)", (TOKEN, vector)
            )
        connection.execute("UPDATE events SET details = replace(details, ?, ?)", (TOKEN, in_json))


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    template = folder / "template.db"
    build(template)
    built = {}
    for name, vector in [*VECTORS.items(), ("all", "".join(VECTORS.values()))]:
        built[name] = folder / f"{name}.db"
        shutil.copyfile(template, built[name])
        plant(built[name], vector)
    return built


@pytest.fixture
def hostile(request: pytest.FixtureRequest, _built, db: Path, monkeypatch) -> Path:
    """A copy of the database holding the vector named by the test's parameter."""
    copy_database(_built[request.param], db)
    monkeypatch.setenv("KANBAN_NOW", TUESDAY.isoformat())
    return db


@pytest.mark.parametrize("command", READING)
@pytest.mark.parametrize("hostile", VECTORS, indirect=True)
def test_reports_and_exports_show_hostile_text_visibly(hostile, kanban, command, request):
    vector = VECTORS[request.node.callspec.params["hostile"]]
    result = kanban(*READING[command])
    assert (result.code, result.err) == (0, "")
    assert_safe(result.out)
    if command in MARKDOWN:
        assert "](" not in result.out.replace("\\](", "")  # no link or image from user text
        assert not re.search(r"(?<!\\)\[", result.out)  # every bracket escaped
    elif command == "export-csv":
        rows = list(csv.reader(io.StringIO(result.out)))
        assert len({len(row) for row in rows}) == 1  # no row broken by the text
    elif command not in ("forecast",):
        assert shows(vector, result.out), result.out  # printed as typed, controls made visible


@pytest.mark.parametrize("hostile", ["all"], indirect=True)
def test_a_forced_colour_terminal_gets_only_colour_codes(hostile, kanban, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    coloured = 0
    for command in READING.values():
        result = kanban(*command)
        assert result.code == 0, result.err
        coloured += bool(SGR.search(result.out))
        assert_safe(SGR.sub("", result.out))
    assert coloured >= 4  # ls, summary, the standup and metrics: the check saw real colour


@pytest.mark.parametrize("hostile", ["all"], indirect=True)
def test_piped_bytes_of_a_real_process_hold_no_control(hostile):
    # What only a real process can show is how its own pipes are written: one command drawn by
    # rich, one written plainly, and an error on stderr (every command's text is checked above).
    env = {**os.environ, "KANBAN_NOW": TUESDAY.isoformat(), "TZ": "UTC"}
    for command in (["ls"], ["export", "--format", "csv"], ["move", "1", "nowhere\x1b[2J"]):
        done = subprocess.run(
            [sys.executable, "-m", "kanban", "--db", str(hostile), *command],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
        for stream in (done.stdout, done.stderr):
            assert b"\x1b" not in stream and b"\x07" not in stream
            assert_safe(stream.decode("utf-8"))
        assert done.stdout or done.stderr


def _names(db: Path | str) -> dict[str, str]:
    service = KanbanService.open(db)
    try:
        board = service.board()
        column = next(c.name for c in service.columns(board.id) if c.name.startswith("Col "))
        person = next(p.name for p in service.people(board.id) if p.name.startswith("Cy "))
    finally:
        service.close()
    return {"column": column, "board": board.name, "person": person}


# Commands that print a confirmation, a warning or an error quoting the hostile text.
CHANGES = {
    "move": lambda n, v: ["move", "9", n["column"]],  # and the over-limit warning
    "block": lambda n, v: ["block", "7", f"reason {v}"],
    "edit": lambda n, v: ["edit", "7", "--title", f"new {v}"],
    "delete": lambda n, v: ["delete", "7"],
    "add-warning": lambda n, v: ["add", "x", "--column", n["column"]],
    "column-add": lambda n, v: ["column", "add", f"New {v}"],
    "column-limit": lambda n, v: ["column", "limit", n["column"], "4"],
    "column-constraint": lambda n, v: ["column", "constraint", n["column"]],
    "column-rename": lambda n, v: ["column", "rename", n["column"], "Plain"],
    "person-limit": lambda n, v: ["person", "limit", n["person"], "3"],
    "board-create": lambda n, v: ["board", "create", f"Other {v}"],
    "board-strict": lambda n, v: ["board", "strict", n["board"], "on"],
    "board-sle": lambda n, v: ["board", "sle", n["board"], "5"],
    "error-column": lambda n, v: ["move", "7", f"nowhere {v}"],
    "error-board": lambda n, v: ["ls", "--board", f"nothing {v}"],
    "error-argparse": lambda n, v: ["ls", "--format", f"x{v}"],
}


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("hostile", VECTORS, indirect=True)
def test_confirmations_warnings_and_errors_show_hostile_text_visibly(
    hostile, kanban, change, request
):
    vector = VECTORS[request.node.callspec.params["hostile"]]
    result = kanban(*CHANGES[change](_names(hostile), vector))
    assert_safe(result.out)
    assert_safe(result.err)
    if change.startswith("error"):
        assert result.code == 2 and len(result.err_lines) == 1
    elif change in ("delete", "move", "column-rename", "board-strict", "column-limit"):
        assert result.code == 0, result.err  # names already in the database work as ever
    if result.code == 0:  # (an error may quote the input as repr() does: '\x1b')
        assert shows(vector, result.out + result.err), (result.out, result.err)


@pytest.mark.parametrize("hostile", ["all"], indirect=True)
def test_csv_neutralises_formulas_and_reads_back(hostile, kanban):
    engine = make_engine(hostile)  # on either backend, past the commands' checks
    with engine.begin() as connection:
        for id_, title in (
            (1, '=HYPERLINK("http://x","y")'),
            (2, "+1+1"),
            (3, "-2"),
            (4, "@SUM(A1)"),
            (5, "\tx"),
            (6, "\rx"),
        ):
            connection.execute(
                text("UPDATE cards SET title = :title WHERE id = :id"), {"title": title, "id": id_}
            )
        connection.execute(text("UPDATE cards SET assignee = '=cmd' WHERE id = 7"))
    engine.dispose()
    out = kanban("export", "--format", "csv").out
    assert re.fullmatch(r'("([^"]|"")*"[,\n])+', out)  # every cell quoted
    rows = {row[0]: row for row in csv.reader(io.StringIO(out))}
    header = rows.pop("id")
    title, assignee = header.index("title"), header.index("assignee")
    assert [rows[str(i)][title] for i in range(1, 7)] == [
        '\'=HYPERLINK("http://x","y")',
        "'+1+1",
        "'-2",
        "'@SUM(A1)",
        "'␉x",
        "'␍x",
    ]
    assert rows["7"][assignee] == "'=cmd"
    assert rows["7"][header.index("class_of_service")] == "fixed-date"
    assert rows["7"][header.index("due_date")] == "2026-11-25"
    assert "\n" in rows["7"][header.index("description")]  # newlines kept in a quoted cell
