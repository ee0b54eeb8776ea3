"""Real processes: ``python -m kanban``, exit codes without tracebacks, and import hygiene (the
scripting commands and the non-TUI layers never import Textual)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import TUESDAY, files_of
from tests.conftest import run_sql

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KANBAN_")}
    env.update(TZ="UTC", NO_COLOR="1", PYTHONPATH=str(ROOT), **extra)
    return env


def kanban(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kanban", *args],
        capture_output=True,
        text=True,
        env=_env(**env),
        cwd=ROOT,
        timeout=60,
    )


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=60,
    )


@pytest.fixture
def board(tuesday: Path) -> Path:
    return tuesday


def test_python_m_kanban_runs_the_commands(board):
    result = kanban(
        "--db", str(board), "summary", "--format", "json", KANBAN_NOW=TUESDAY.isoformat()
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["board"], data["breaches"]) == (
        "Kanban",
        [{"column": "In Progress", "count": 4, "limit": 3}],
    )
    assert kanban("--version").stdout == "kanban 0.1.0\n"


def test_bad_input_exits_2_without_a_traceback(board):
    before = files_of(board)
    result = kanban("--db", str(board), "move", "99", "Done")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "kanban: error: no card #99\n"
    assert "Traceback" not in result.stderr
    assert files_of(board) == before


def test_a_newer_schema_exits_2_without_a_traceback(board):
    path = board
    run_sql(path, "UPDATE kanban_meta SET value = '999' WHERE key = 'schema_version'")
    before = files_of(path)
    result = kanban("--db", str(path), "summary")
    assert result.returncode == 2
    assert result.stderr.startswith("kanban: error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert files_of(path) == before


def test_the_layers_and_the_scripting_commands_do_not_import_textual(board):
    code = f"""
import importlib, os, pkgutil, sys
os.environ["KANBAN_NOW"] = "{TUESDAY.isoformat()}"
for package in ("domain", "storage", "services", "reports", "cli"):
    module = importlib.import_module(f"kanban.{{package}}")
    for info in pkgutil.walk_packages(module.__path__, f"kanban.{{package}}."):
        importlib.import_module(info.name)
        assert "textual" not in sys.modules, info.name
from kanban.cli.main import main
db = {str(board)!r}
for argv in (["ls"], ["ls", "--format", "json"], ["summary", "--standup"],
             ["summary", "--format", "markdown"], ["board", "list"], ["move", "9", "Review"],
             ["move", "9", "In Progress"], ["column", "limit", "Review", "2"],
             ["metrics"], ["metrics", "--format", "json"], ["metrics", "--format", "markdown"],
             ["forecast", "3", "--seed", "1"],
             ["forecast", "3", "--by", "2026-12-24", "--format", "json"],
             ["export", "--format", "csv"], ["export", "--format", "markdown"]):
    assert main(["--db", db, *argv]) == 0, argv
import pathlib, tempfile
folder = pathlib.Path(tempfile.mkdtemp())
assert main(["--db", db, "export", "--output", str(folder / "e.json")]) == 0
assert main(["--db", str(folder / "copy.db"), "import", str(folder / "e.json")]) == 0
assert "textual" not in sys.modules, "textual imported"
assert not any(name.startswith("kanban.tui") for name in sys.modules)
print("clean")
"""
    result = python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("clean\n")


def test_help_and_version_do_not_import_the_database_layers():
    code = """
import sys
from kanban.cli.main import main
assert main(["--version"]) == 0
assert main(["summary", "--help"]) == 0
heavy = {"sqlalchemy", "sqlmodel", "textual", "rich"} & set(sys.modules)
assert not heavy, heavy
"""
    result = python(code)
    assert result.returncode == 0, result.stderr


def test_ls_does_not_import_the_summary_and_the_metrics(board):
    """``kanban ls`` reads the board and its aging rule: the summary's, the standup's and the
    flow metrics' modules are left unimported (start-up time on every ``ls``)."""
    code = f"""
import sys
from kanban.cli.main import main
assert main(["--db", {str(board)!r}, "ls"]) == 0
unused = {{"kanban.domain.summary", "kanban.domain.standup_flow", "kanban.domain.metrics.cfd",
          "kanban.domain.metrics.board_metrics", "kanban.domain.metrics.work_mix"}}
assert not unused & set(sys.modules), unused & set(sys.modules)
"""
    result = python(code)
    assert result.returncode == 0, result.stderr


def test_a_command_runs_with_the_collector_paused_from_its_imports_on(board):
    """What a command makes lives until its process ends, its imports' classes included: the
    cycle collector is paused before the database layers are imported, through the command's
    output, and runs again when ``main`` returns."""
    code = f"""
import gc, sys
collecting = {{}}

class Watch:  # sees each import asked for, before it is loaded
    def find_spec(self, name, path=None, target=None):
        collecting.setdefault(name, gc.isenabled())

sys.meta_path.insert(0, Watch())
from kanban.cli.main import main

code = main(["--db", {str(board)!r}, "ls"])
print(code, collecting["sqlalchemy"], collecting["kanban.reports.board_text"], gc.isenabled())
"""
    result = python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["0", "False", "False", "True"]


@pytest.mark.parametrize(
    ("args", "status", "finalized"),
    [
        (["ls"], 0, False),  # a command: out at once, its output flushed
        (["move", "99", "Done"], 2, False),  # a refused one too, its error said
        ([], 2, True),  # the board's TUI (refused here: no terminal) leaves the usual way
    ],
)
def test_the_program_leaves_at_once_after_a_command(board, args, status, finalized):
    """Python's usual way out takes apart every module the command loaded (a tenth of a
    second), after the command has closed its database and its files: ``kanban`` skips it,
    its output flushed first, except after the board's TUI, whose workers may still read."""
    code = f"""
import atexit, sys
atexit.register(lambda: print("finalized"))
sys.argv = ["kanban", "--db", {str(board)!r}, *{args!r}]
from kanban.cli.main import entry
entry()
"""
    env = {k: v for k, v in _env().items() if k != "PYTHONUNBUFFERED"}  # buffered, as a user's
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert result.returncode == status, result.stderr
    assert ("finalized" in result.stdout) is finalized
    assert "Traceback" not in result.stderr
    if args == ["ls"]:
        assert "Backlog" in result.stdout  # the output, still in its buffer at the end
    if status == 2:
        assert result.stderr.startswith("kanban: error: ")


def test_the_collector_does_not_walk_a_command_on_its_way_out(board):
    """A command's objects live until its process ends: the program leaves with the cycle
    collector still paused, instead of letting it walk them all once more (20-30 ms) first."""
    code = f"""
import gc, os, sys
passes = []
gc.callbacks.append(lambda phase, info: phase == "start" and passes.append(info["generation"]))
leave = os._exit
os._exit = lambda code: print(code, len(passes) - imported, flush=True) or leave(code)
sys.argv = ["kanban", "--db", {str(board)!r}, "ls"]
from kanban.cli.main import entry
imported = len(passes)
entry()
"""
    result = python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["0", "0"]  # exit status, collector passes


def test_a_reader_gone_before_the_output_is_not_a_crash(board):
    """``kanban ls | head`` with the reader gone before the first line: exit 1, nothing on
    stderr (the usual way out printed Python's "Exception ignored" and exited 120)."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kanban", "--db", str(board), "ls"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env={k: v for k, v in _env().items() if k != "PYTHONUNBUFFERED"},
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, "")
