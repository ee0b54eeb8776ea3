"""The catalogue of bad input: every command, ``--db`` target and import file that a user can
get wrong, each answered the same way.

Each case runs ``main()`` in-process on a copy of the seeded Tuesday board (tests/cli/conftest.py)
and asserts: exit status 2, exactly one stderr line starting ``kanban: error:`` (holding the
case's words), no traceback, no SQL, nothing on stdout, and every file in the folder (the
database, the bad target, the import file) byte for byte as it was, with none added.

In arguments, ``{name}`` stands for a file of the folder made for the case (see ``FILES``);
``--db`` given after the command wins over the seeded database's.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kanban.cli.main import main
from kanban.services import KanbanService
from tests.cli.conftest import files_of

BIG = str(2**63)
HUGE = "9" * 5000  # more digits than int() takes
LONG = "x" * 100_000

CASES: dict[str, tuple[list[str], str]] = {
    # cards
    "add: empty title": (["add", "  "], "a card needs a title"),
    "add: 201-character title": (["add", "x" * 201], "a title can have at most 200 characters"),
    "add: 100 KB title": (["add", LONG], "(100,000 given)"),
    "add: NUL in the title": (["add", "a\x00b"], "a title cannot hold control characters"),
    "add: escape in the title": (["add", "\x1b]0;pwned\x07 x"], "cannot hold control"),
    "add: DEL in the title": (["add", "a\x7fb"], "cannot hold control characters"),
    "add: C1 control in the title": (["add", "a\x9bb"], "cannot hold control characters"),
    "add: escape in the assignee": (["add", "x", "--assignee", "\x1b[2J"], "an assignee cannot"),
    "add: long assignee": (["add", "x", "--assignee", LONG], "an assignee can have at most 100"),
    "add: escape in the description": (
        ["add", "x", "--description", "a\x1b[2Jb"],
        "a description cannot hold control",
    ),
    "add: long description": (
        ["add", "x", "--description", "y" * 10_001],
        "a description can have at most 10,000",
    ),
    "add: unknown column": (["add", "x", "--column", "Nope"], "no column named 'Nope'"),
    "add: unknown type": (["add", "x", "--type", "urgent"], "argument --type: invalid choice"),
    "add: Arabic-digit due date": (["add", "x", "--due", "٢٠٢٦-١٢-٠١"], "a due date is"),
    "move: Arabic-Indic digit": (["move", "١", "Ready"], "a card id is a number like 12"),
    "move: fullwidth digit": (["move", "１", "Ready"], "a card id is a number like 12"),
    "move: 2**63": (["move", BIG, "Ready"], "a card id is at most 9223372036854775807"),
    "move: 5,000 digits": (["move", HUGE, "Ready"], "a card id is at most"),
    "move: negative id": (["move", "-1", "Ready"], "argument ID"),
    "move: hash only": (["move", "#", "Ready"], "a card id is a number like 12"),
    "move: unknown card": (["move", "99", "Ready"], "no card #99"),
    "move: unknown column": (["move", "1", "Nowhere"], "no column named 'Nowhere'"),
    "block: empty reason": (["block", "1", " "], "blocking a card needs a reason"),
    "block: escape in the reason": (["block", "1", "\x1b[31mred"], "a blocked reason cannot"),
    "block: long reason": (["block", "2", LONG], "a blocked reason can have at most 200"),
    "block: 2**63": (["block", BIG, "why"], "a card id is at most"),
    "unblock: not blocked": (["unblock", "2"], "#2 is not blocked"),
    "unblock: Thai digit": (["unblock", "๑"], "a card id is a number like 12"),
    "edit: nothing to change": (["edit", "1"], "nothing to change"),
    "edit: NUL in the title": (["edit", "1", "--title", "\x00"], "cannot hold control"),
    "edit: long title": (["edit", "1", "--title", LONG], "a title can have at most 200"),
    "edit: bad due date": (["edit", "1", "--due", "2026-13-01"], "a due date is YYYY-MM-DD"),
    "edit: 2**63": (["edit", BIG, "--title", "x"], "a card id is at most"),
    "delete: unknown card": (["delete", "42"], "no card #42"),
    "delete: 2**64": (["delete", str(2**64)], "a card id is at most"),
    "delete: card of another board": (["delete", "1", "--board", "Nope"], "no board named"),
    # views and flow
    "ls: unknown board": (["ls", "--board", "Nope"], "no board named 'Nope'"),
    "ls: unknown format": (["ls", "--format", "xml"], "argument --format: invalid choice"),
    "summary: unknown board": (["--board", "Nope", "summary", "--standup"], "no board named"),
    "log: unknown card": (["log", "42"], "no card #42"),
    "log: arabic digits": (["log", "١٢"], "a card id"),
    "log: zero limit": (["log", "--limit", "0"], "a whole number of at least 1"),
    "log: unknown format": (["log", "--format", "csv"], "argument --format: invalid choice"),
    "as: control characters": (["--as", "x\x1b[2J", "add", "t"], "cannot hold control"),
    "metrics: zero days": (["metrics", "--days", "0"], "a whole number of at least 1"),
    "metrics: 2**63 days": (["metrics", "--days", BIG], "at most 3,650"),
    "metrics: 3,651 days": (["metrics", "--days", "3651"], "at most 3,650"),
    "metrics: Devanagari days": (["metrics", "--days", "९"], "a whole number of at least 1"),
    "forecast: 10**12 items": (["forecast", "1000000000000"], "argument N: at most 1,000,000"),
    "forecast: 2**63 items": (["forecast", BIG], "argument N: at most 1,000,000"),
    "forecast: zero items": (["forecast", "0"], "a whole number of at least 1"),
    "forecast: by year 9999": (
        ["forecast", "5", "--by", "9999-12-31"],
        "is beyond the forecast's horizon of 3,650 days",
    ),
    "forecast: 5000 by year 9999": (
        ["forecast", "5000", "--by", "9999-12-31"],
        "beyond the forecast's horizon",
    ),
    "forecast: by a day past ten years": (
        ["forecast", "5", "--by", "2036-11-22"],
        "(ten years, to 2036-11-21)",
    ),
    "forecast: by yesterday": (["forecast", "5", "--by", "2026-11-23"], "is in the past"),
    "forecast: 2**63 history": (["forecast", "5", "--history", BIG], "at most 3,650"),
    "forecast: huge seed": (["forecast", "5", "--seed", str(2**64)], "argument --seed: at most"),
    "forecast: negative seed": (["forecast", "5", "--seed", "-1"], "argument --seed"),
    "export: unknown format": (["export", "--format", "xls"], "argument --format"),
    "export: unknown board": (["export", "--format", "csv", "--board", "Nope"], "no board"),
    # columns
    "column add: long name": (["column", "add", LONG], "a column name can have at most 100"),
    "column add: escape in the name": (["column", "add", "QA\x1b[2J"], "a column name cannot"),
    "column add: empty name": (["column", "add", " "], "a column needs a name"),
    "column add: existing name": (["column", "add", "review"], "a column named 'review' exists"),
    "column add: 2**63 limit": (["column", "add", "QA", "--limit", BIG], "at most 1,000"),
    "column add: unknown kind": (["column", "add", "QA", "--kind", "x"], "argument --kind"),
    "column add: after nowhere": (["column", "add", "QA", "--after", "Nope"], "no column named"),
    "column limit: 2**63": (["column", "limit", "Ready", BIG], "a WIP limit can be at most 1,000"),
    "column limit: Arabic digit": (
        ["column", "limit", "Ready", "٣"],
        "a WIP limit must be a whole number or 'none'",
    ),
    "column limit: 5,000 digits": (["column", "limit", "Ready", HUGE], "at most 1,000"),
    "column limit: 2**63 min": (
        ["column", "limit", "Ready", "5", "--min", BIG],
        "a minimum can be at most 1,000",
    ),
    "column limit: unknown column": (["column", "limit", "Nope", "3"], "no column named"),
    "column constraint: unknown": (["column", "constraint", "Nope"], "no column named 'Nope'"),
    "column rename: NUL in the name": (["column", "rename", "Ready", "R\x00"], "cannot hold"),
    "column rename: long name": (["column", "rename", "Ready", LONG], "at most 100 characters"),
    "column rename: unknown": (["column", "rename", "Nope", "New"], "no column named 'Nope'"),
    "column remove: holds cards": (["column", "remove", "In Progress"], "holds 4 cards"),
    "column remove: unknown": (["column", "remove", "Nope"], "no column named 'Nope'"),
    # people
    "person limit: stranger": (
        ["person", "limit", "nobody", "2"],
        "nobody named 'nobody' holds work on this board; people: Brent",
    ),
    "person limit: 2**63": (["person", "limit", "Brent", BIG], "at most 1,000"),
    "person limit: long name": (["person", "limit", LONG, "2"], "a person name can have at most"),
    "person limit: escape in the name": (["person", "limit", "\x1b[2J", "2"], "cannot hold"),
    # boards
    "board create: long name": (["board", "create", LONG], "a board name can have at most 100"),
    "board create: NUL in the name": (["board", "create", "Ops\x00"], "a board name cannot"),
    "board create: existing": (["board", "create", "kanban"], "a board named 'kanban' exists"),
    "board strict: unknown board": (["board", "strict", "Nope", "on"], "no board named 'Nope'"),
    "board strict: maybe": (["board", "strict", "Kanban", "maybe"], "say on or off"),
    "board business-days: 1": (["board", "business-days", "Kanban", "1"], "say on or off"),
    "board sle: 2**63": (["board", "sle", "Kanban", BIG], "an SLE can be at most 3,650"),
    "board sle: Bengali digit": (["board", "sle", "Kanban", "৫"], "an SLE must be a whole"),
    "board expedite-limit: 2**63": (
        ["board", "expedite-limit", "Kanban", BIG],
        "an expedite limit can be at most 1,000",
    ),
    "board aging: 2**63": (["board", "aging", "Kanban", "3", BIG], "at most 3,650"),
    "board aging: unknown board": (["board", "aging", "Nope", "3", "7"], "no board named"),
    "--board unknown, add": (["--board", "Nope", "add", "x"], "no board named 'Nope'"),
    # --db targets
    "--db a text file": (["ls", "--db", "{text}"], "is not a kanban database"),
    "--db a folder": (["add", "x", "--db", "{folder}"], "{folder}"),
    "--db a newer schema": (["ls", "--db", "{newer}"], "was written by a newer kanban"),
    # import files
    "import: missing file": (["import", "{tmp}/nosuch.json"], "No such file or directory"),
    "import: a folder": (["import", "{folder}"], "cannot read"),
    "import: not JSON": (["import", "{not_json}"], "is not JSON (line 1"),
    "import: not UTF-8": (["import", "{latin1}"], "not UTF-8 text"),
    "import: not an export": (["import", "{list}"], "not a kanban export: the file has no"),
    "import: nested too deeply": (["import", "{deep}"], "is not an export (nested too deeply)"),
    "import: a device": (["import", "/dev/zero"], "is larger than 256 MB"),
    "import: a newer schema": (["import", "{export:schema}"], "the export has schema 99"),
    "import: into a database with cards": (
        ["import", "{export:}"],
        "the database is not empty",
    ),
}

# Import files: an export of the seeded board, broken one way each, imported into a new file
# (which must not be left behind).
BAD_EXPORTS: dict[str, tuple[Callable[[dict], Any], str]] = {
    "empty title": (lambda d: d["cards"][0].update(title=""), "cards id 1, title: a card needs"),
    "non-string title": (lambda d: d["cards"][0].update(title=7), "cards id 1, title: a title"),
    "negative id": (lambda d: d["cards"][0].update(id=-4), "cards row 1, id: must be a whole"),
    "2**63 id": (lambda d: d["events"][0].update(id=2**63), "events row 1, id: must be"),
    "non-integer id": (lambda d: d["boards"][0].update(id="1"), "boards row 1, id: must be"),
    "duplicate id": (lambda d: d["cards"][2].update(id=2), "cards id 2: the id appears twice"),
    "NUL in a title": (
        lambda d: d["cards"][0].update(title="\x00"),
        "cards id 1, title: a title cannot hold control characters",
    ),
    "escape in an assignee": (
        lambda d: d["cards"][4].update(assignee="\x1b]52;c;eA==\x07"),
        "cards id 5, assignee: an assignee cannot hold control",
    ),
    "long column name": (
        lambda d: d["columns"][0].update(name=LONG),
        "columns id 1, name: a column name can have at most 100 characters",
    ),
    "unknown column kind": (
        lambda d: d["columns"][0].update(kind="limbo"),
        "columns id 1, kind: unknown value 'limbo'",
    ),
    "unknown event kind": (lambda d: d["events"][0].update(kind="teleport"), "events id 1, kind"),
    "2**63 limit": (
        lambda d: d["columns"][2].update(wip_limit=2**63),
        "columns id 3, wip_limit: a WIP limit can be at most 1,000",
    ),
    "card in another board's column": (
        lambda d: _second_board(d)["cards"][0].update(column_id=6),
        "cards id 1, column_id: 6 belongs to another board",
    ),
    "event at an unknown card": (
        lambda d: d["events"][0].update(card_id=99),
        "events id 1, card_id: no such row (99)",
    ),
    "card at an unknown column": (
        lambda d: d["cards"][0].update(column_id=99),
        "cards id 1, column_id: no such row (99)",
    ),
    "missing key": (lambda d: d["cards"][0].pop("title"), "cards id 1 must have exactly the keys"),
    "infinite id": (lambda d: d["cards"][0].update(id=float("inf")), "cards row 1, id: must be"),
}


def _second_board(data: dict) -> dict:
    """``data`` with a second board (id 2) and its column (id 6)."""
    board = dict(data["boards"][0], id=2, name="Ops")
    data["boards"].append(board)
    data["columns"].append(dict(data["columns"][0], id=6, board_id=2))
    return data


for _how, (_break, _words) in BAD_EXPORTS.items():
    CASES[f"import: {_how}"] = (
        ["import", f"{{export:{_how}}}", "--db", "{tmp}/new.db"],
        f"not a kanban export: {_words}",
    )


def _files(folder: Path, export: dict) -> dict[str, Callable[[str], Path]]:
    """How to make each ``{name}`` of the arguments (``export:HOW``: the export broken so)."""

    def write(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    def newer(_: str) -> Path:
        path = folder / "newer.db"
        KanbanService.open(path).close()
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE kanban_meta SET value = '99' WHERE key = 'schema_version'")
        connection.close()
        return path

    def broken(how: str) -> Path:
        data = copy.deepcopy(export)
        if how == "schema":
            data["schema_version"] = 99
        elif how:
            BAD_EXPORTS[how][0](data)
        return write("export.json", json.dumps(data).encode())

    def folder_(_: str) -> Path:
        path = folder / "a-folder"
        path.mkdir()
        return path

    return {
        "tmp": lambda _: folder,
        "text": lambda _: write("notes.txt", b"shopping list\n" * 50),
        "folder": folder_,
        "newer": newer,
        "not_json": lambda _: write("in.json", b"{not json"),
        "latin1": lambda _: write("in.json", '{"format": "caf\xe9"}'.encode("latin-1")),
        "list": lambda _: write("in.json", b"[1, 2, 3]"),
        "deep": lambda _: write("in.json", b"[" * 100_000 + b"]" * 100_000),
        "export": broken,
    }


def _expand(text: str, makers: dict[str, Callable[[str], Path]], made: dict[str, Path]) -> str:
    def one(match: re.Match[str]) -> str:
        key = match.group(0)
        if key not in made:
            name, _, how = match.group(1).partition(":")
            made[key] = makers[name](how)
        return str(made[key])

    return re.sub(r"\{(\w+(?::[^}]*)?)\}", one, text)


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``, with its contents' hash."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        )
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def _export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The JSON export of the seeded Tuesday board."""
    from tests.cli.conftest import TUESDAY, build_history

    path = tmp_path_factory.mktemp("export") / "kanban.db"
    build_history(path, TUESDAY)
    from kanban.services import KanbanService
    from kanban.services.transfer import export_database

    service = KanbanService.open(path)
    try:
        return json.loads(json.dumps(export_database(service)))
    finally:
        service.close()


SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE FROM|BEGIN|PRAGMA)\b|\[SQL|sqlalchemy|sqlite3")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    case: str,
    tuesday: Path | str,
    _export: dict,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv, words = CASES[case]
    folder = tmp_path
    makers, made = _files(folder, _export), {}
    argv = [_expand(arg, makers, made) for arg in argv]
    words = _expand(words, makers, made)
    before = _fingerprint(folder), files_of(tuesday)
    capsys.readouterr()
    code = main(["--db", str(tuesday), *argv])
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert code == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("kanban: error: ") and words in lines[0], lines[0]
    assert "Traceback" not in err and not SQL.search(err)
    assert out == ""
    assert (_fingerprint(folder), files_of(tuesday)) == before


def test_the_catalogue_covers_every_command() -> None:
    assert len(CASES) >= 60
    commands = {
        "add",
        "move",
        "block",
        "unblock",
        "edit",
        "delete",
        "ls",
        "summary",
        "log",
        "metrics",
        "forecast",
        "export",
        "import",
        "column add",
        "column limit",
        "column constraint",
        "column rename",
        "column remove",
        "person limit",
        "board create",
        "board strict",
        "board business-days",
        "board sle",
        "board expedite-limit",
        "board aging",
    }
    used = {" ".join(argv) for argv, _ in CASES.values()}
    assert all(any(f"{command} " in f"{argv} " for argv in used) for command in commands)
    assert {"--db {text}", "--db {folder}", "--db {newer}"} <= {
        " ".join(argv[-2:]) for argv, _ in CASES.values()
    }
