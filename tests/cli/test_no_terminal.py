"""Without a terminal on stdin and stdout the board is not started: one line on stderr, exit 2,
at once, nothing written (before this, ``kanban < /dev/null > out`` never returned and wrote
escape codes into the file). Real processes, with a pseudo-terminal for the side that has one."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import files_of

ROOT = Path(__file__).resolve().parents[2]
REFUSAL = "kanban: error: the board needs a terminal; try 'kanban ls' or 'kanban summary'\n"


@pytest.fixture
def terminal() -> Iterator[int]:
    """One end of a pseudo-terminal: a file descriptor for which isatty() is true."""
    main, side = pty.openpty()
    yield side
    os.close(side)
    os.close(main)


def run(args: list[str], tmp_path: Path, stdin: int, stdout: int) -> tuple[int, str, float]:
    """``python -m kanban ARGS``: (exit status, stderr, seconds); temporary files go into an
    empty folder of their own, so a demo database written there would be seen."""
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KANBAN_")}
    env.update(PYTHONPATH=str(ROOT), TMPDIR=str(tmp), KANBAN_DB=str(tmp_path / "default.db"))
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "kanban", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=10,
    )
    return result.returncode, result.stderr, time.perf_counter() - start


@pytest.mark.parametrize(
    "args",
    [[], ["--db", "{db}"], ["--board", "Nope"], ["demo"], ["demo", "--db", "{db}"]],
    ids=["kanban", "--db", "--board", "demo", "demo --db"],
)
def test_no_terminal_at_all_is_refused_at_once_writing_nothing(
    args: list[str], tmp_path: Path
) -> None:
    db = tmp_path / "new.db"
    argv = [arg.format(db=db) for arg in args]
    out = tmp_path / "out"
    with out.open("w") as stdout:
        code, err, seconds = run(argv, tmp_path, subprocess.DEVNULL, stdout.fileno())
    assert (code, err) == (2, REFUSAL)
    assert out.read_bytes() == b""
    assert sorted(os.listdir(tmp_path)) == ["out", "tmp"]  # no database, default or named
    assert os.listdir(tmp_path / "tmp") == []  # no demo folder either
    assert seconds < 10  # it never returned; measured ~0.2 s (speed is the benchmark's)


def test_a_pipe_on_either_side_is_refused_and_the_database_is_unchanged(
    tuesday: Path, tmp_path: Path, terminal: int
) -> None:
    before = files_of(tuesday)
    piped_out = run(["--db", str(tuesday)], tmp_path, terminal, subprocess.PIPE)  # kanban | cat
    piped_in = run(["--db", str(tuesday)], tmp_path, subprocess.DEVNULL, terminal)  # < /dev/null
    assert piped_out[:2] == piped_in[:2] == (2, REFUSAL)
    assert files_of(tuesday) == before


def test_demo_no_tui_needs_no_terminal(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, err, _ = run(
        ["demo", "--no-tui", "--db", str(db)], tmp_path, subprocess.DEVNULL, subprocess.PIPE
    )
    assert (code, err) == (0, "")
    assert db.exists()
