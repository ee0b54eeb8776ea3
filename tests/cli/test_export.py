"""``kanban export`` and ``kanban import`` on the known history of conftest.py (Tuesday)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from kanban.storage.database import SCHEMA_VERSION
from tests.cli.conftest import files_of


def test_export_then_import_round_trips_exactly(tuesday, kanban, tmp_path):
    exported = kanban("export")
    assert (exported.code, exported.err) == (0, "")
    data = json.loads(exported.out)
    assert [c["id"] for c in data["cards"]] == list(range(1, 10))
    assert len(data["events"]) == 19 and data["events"][-1]["details"]["title"] == "Hotfix"
    source = tmp_path / "export.json"
    source.write_text(exported.out)
    copy = tmp_path / "copy.db"
    loaded = kanban("import", str(source), db_path=copy)
    assert (loaded.code, loaded.err) == (0, "")
    assert loaded.out == f"imported {source} (boards: 1, columns: 5, cards: 9, events: 19)\n"
    assert kanban("export", db_path=copy).out == exported.out
    # The copy is the same board: the same summary, the same ids.
    assert (
        kanban("summary", "--format", "json", db_path=copy).out
        == kanban("summary", "--format", "json").out
    )


def test_export_to_a_file(tuesday, kanban, tmp_path):
    target = tmp_path / "out" / "board.md"
    target.parent.mkdir()
    result = kanban("export", "--format", "markdown", "--output", str(target))
    assert (result.code, result.out) == (0, f"exported to {target}\n")
    assert target.read_text() == kanban("export", "--format", "markdown").out
    assert sorted(p.name for p in target.parent.iterdir()) == ["board.md"]  # no partial file


# Three cards finished: too few for the percentiles, so the fixed rule applies.
RULE = (
    "Aging rule: fixed: days in column, warning ≥ 3, critical ≥ 7"
    " (percentiles need 5 cards finished in 90 days, 3 so far)"
)


def test_markdown_is_the_board(tuesday, kanban):
    lines = kanban("export", "--format", "markdown").out.splitlines()
    assert lines[:5] == ["## Kanban", "", f"_{RULE}_", "", "### Backlog (0)"]
    assert "### In Progress (4/3, ⚠ over limit)" in lines
    assert (
        "- #1 Rewrite billing (business), 9 days (critical ≥ 7d), ⛔ blocked: needs a DBA" in lines
    )
    assert "- #5 Patch servers (unplanned) @Brent, 3 days (warning ≥ 3d)" in lines


def test_csv_is_the_cards(tuesday, kanban):
    rows = list(csv.reader(io.StringIO(kanban("export", "--format", "csv").out)))
    assert rows[0][:6] == ["id", "column", "position", "title", "type", "assignee"]
    assert rows[0][-2:] == ["class_of_service", "due_date"]
    assert [row[0] for row in rows[1:]] == [
        "6",
        "1",
        "5",
        "8",
        "9",
        "7",
        "3",
        "4",
        "2",
    ]  # left to right, top to bottom
    assert rows[2][:9] == [
        "1",
        "In Progress",
        "0",
        "Rewrite billing",
        "business",
        "",
        "needs a DBA",
        "2026-11-21T10:00:00+00:00",
        "2026-11-16T09:00:00+00:00",
    ]
    assert rows[2][-2:] == ["standard", ""]


def test_import_refuses_a_database_with_cards(tuesday, kanban, tmp_path):
    source = tmp_path / "export.json"
    source.write_text(kanban("export").out)
    before = files_of(tuesday)
    result = kanban("import", str(source))
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "kanban: error: the database is not empty (boards: 1, columns: 5, cards: 9, "
        "events: 19): import needs an empty one\n"
    )
    assert files_of(tuesday) == before


def test_import_into_a_new_file_makes_no_default_board(tuesday, kanban, tmp_path):
    source = tmp_path / "export.json"
    source.write_text(kanban("export").out)
    copy = tmp_path / "new.db"
    assert kanban("import", str(source), db_path=copy).code == 0
    assert kanban("board", "list", db_path=copy).out.startswith("Kanban · ")


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cannot read {path}: No such file or directory"),
        ("{not json", "{path} is not JSON (line 1: "),
        ('{"format": "trello"}', 'not a kanban export: the file has no "format"'),
    ],
)
def test_import_of_a_bad_file_exits_2(kanban, tmp_path, content, message):
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content)
    db = tmp_path / "target.db"
    result = kanban("import", str(path), db_path=db)
    assert (result.code, result.out) == (2, "")
    assert len(result.err_lines) == 1
    assert result.err.startswith("kanban: error: " + message.format(path=path))


def test_export_to_an_unwritable_place_exits_2(tuesday, kanban, tmp_path):
    result = kanban("export", "--output", str(tmp_path / "missing" / "x.json"))
    assert result.code == 2 and result.err.startswith("kanban: error: cannot write ")
    assert not (tmp_path / "missing").exists()


def test_bad_format_exits_2(tuesday, kanban):
    result = kanban("export", "--format", "xml")
    assert result.code == 2 and "argument --format: invalid choice" in result.err
    missing = kanban("import")
    assert missing.code == 2 and "the following arguments are required: FILE.json" in missing.err


def test_the_default_export_is_the_whole_database(tuesday, kanban, tmp_path: Path):
    kanban("board", "create", "Ops")
    kanban("add", "elsewhere", "--board", "Ops")
    data = json.loads(kanban("export", "--board", "Ops").out)
    assert [b["name"] for b in data["boards"]] == ["Kanban", "Ops"]
    assert len(data["cards"]) == 10


def test_export_to_a_file_is_private_and_follows_no_planted_symlink(tuesday, kanban, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (folder / ".board.csv.partial").symlink_to(victim)  # where the export used to write
    target = folder / "board.csv"
    result = kanban("export", "--format", "csv", "--output", str(target))
    assert (result.code, result.err) == (0, "")
    assert victim.read_text() == "keep me"
    assert target.read_text() == kanban("export", "--format", "csv").out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [".board.csv.partial", "board.csv"]


def test_export_over_a_file_replaces_it_privately(tuesday, kanban, tmp_path):
    target = tmp_path / "board.json"
    target.write_text("old")
    target.chmod(0o644)
    assert kanban("export", "--output", str(target)).code == 0
    assert json.loads(target.read_text())["format"] == "kanban-export"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("how", ["missing folder", "read-only folder"])
def test_a_failed_export_says_one_line_and_leaves_no_file(tuesday, kanban, tmp_path, how):
    folder = tmp_path / "out"
    if how == "read-only folder":
        folder.mkdir()
        folder.chmod(0o500)
        if os.access(folder, os.W_OK):  # root writes anywhere
            pytest.skip("running as root: a read-only folder is still writable")
    result = kanban("export", "--output", str(folder / "board.json"))
    assert result.code == 2 and result.out == ""
    assert result.err_lines == [
        f"kanban: error: cannot write {folder / 'board.json'}: "
        + ("No such file or directory" if how == "missing folder" else "Permission denied")
    ]
    assert not folder.exists() or list(folder.iterdir()) == []


def test_an_export_that_fails_after_writing_removes_its_temporary_file(tuesday, kanban, tmp_path):
    target = tmp_path / "out" / "board.json"
    target.mkdir(parents=True)  # the rename onto a folder fails once the text is written
    result = kanban("export", "--output", str(target))
    assert result.code == 2
    assert result.err_lines == [f"kanban: error: cannot write {target}: Is a directory"]
    assert [p.name for p in target.parent.iterdir()] == ["board.json"]


@pytest.mark.parametrize("content", ['{"format": "trello"}', "{not json"])
def test_a_failed_import_into_a_new_file_leaves_no_file(kanban, tmp_path, content):
    path = tmp_path / "in.json"
    path.write_text(content)
    db = tmp_path / "new.db"
    result = kanban("import", str(path), db_path=db)
    assert result.code == 2 and len(result.err_lines) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


def test_an_import_refused_after_the_file_was_made_removes_it(
    tuesday, kanban, tmp_path, monkeypatch
):
    from kanban.errors import InvalidInput
    from kanban.services import transfer

    def refuse(service, data):
        raise InvalidInput("refused late")

    source = tmp_path / "export.json"
    source.write_text(kanban("export").out)
    monkeypatch.setattr(transfer, "import_database", refuse)
    db = tmp_path / "new.db"
    result = kanban("import", str(source), db_path=db)
    assert (result.code, result.err_lines) == (2, ["kanban: error: refused late"])
    assert not any(p.name.startswith("new.db") for p in tmp_path.iterdir())
    # A database that was there before stays, as it was.
    before = files_of(tuesday)
    assert kanban("import", str(source)).code == 2
    assert files_of(tuesday) == before


def test_a_card_in_another_boards_column_is_refused(tuesday, kanban, tmp_path):
    # It used to import, then `ls`, `summary --standup`, `metrics` and the CSV failed with
    # KeyError: 99.
    kanban("board", "create", "Ops")
    data = json.loads(kanban("export").out)
    ops_column = next(c["id"] for c in data["columns"] if c["board_id"] == 2)
    data["cards"][0]["column_id"] = ops_column
    source = tmp_path / "export.json"
    source.write_text(json.dumps(data))
    db = tmp_path / "new.db"
    result = kanban("import", str(source), db_path=db)
    assert result.err_lines == [
        f"kanban: error: not a kanban export: cards id 1, column_id: {ops_column} belongs to "
        "another board"
    ]
    assert not db.exists()


def test_an_export_made_by_an_older_kanban_imports(kanban, tmp_path):
    # A backup made by the schema-1 kanban, restored after an upgrade.
    source = Path(__file__).parents[1] / "services" / "fixtures" / "export_schema_1.json"
    db = tmp_path / "restored.db"
    loaded = kanban("import", str(source), db_path=db)
    assert (loaded.code, loaded.err) == (0, "")
    assert loaded.out == f"imported {source} (boards: 1, columns: 5, cards: 2, events: 7)\n"
    listed = kanban("ls", "--format", "json", db_path=db)
    assert listed.code == 0 and "Patch the Oracle servers" in listed.out
    assert json.loads(kanban("export", db_path=db).out)["schema_version"] == SCHEMA_VERSION


def test_an_export_made_by_a_newer_kanban_is_refused(tuesday, kanban, tmp_path):
    data = json.loads(kanban("export").out)
    data["schema_version"] = SCHEMA_VERSION + 1
    source = tmp_path / "newer.json"
    source.write_text(json.dumps(data))
    db = tmp_path / "target.db"
    result = kanban("import", str(source), db_path=db)
    assert (result.code, result.out) == (2, "")
    assert result.err_lines == [
        f"kanban: error: the export has schema {SCHEMA_VERSION + 1}; this kanban writes schema "
        f"{SCHEMA_VERSION}: "
        "import it with the kanban that exported it"
    ]
    assert not db.exists()
