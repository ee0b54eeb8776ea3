"""Reports written without rich in a pipe read exactly as rich writes them there: the width
rich would take, one-cell characters, and ``kanban metrics``' tables laid out as rich lays
them out (else rich draws them)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from kanban.reports import plain
from kanban.reports.metrics_tables import Table
from kanban.reports.metrics_text import _plain_table, _table

CELL = st.text(
    st.sampled_from(list("abc XYZ 019#@-.()") + list("≥–…•éß⚠") + ["修", "\u0301", "🙂", "⛔"]),
    max_size=30,
)


NARROW_CELL = st.text(st.sampled_from(list("abc XYZ 019#@-.()≥–…•éß ")), max_size=40)


@st.composite
def tables(draw: st.DrawFn, cell: st.SearchStrategy[str] = CELL) -> Table:
    columns = draw(st.integers(1, 5))
    row = st.tuples(*[cell] * columns)
    numeric = draw(st.sets(st.integers(0, columns - 1)))
    return Table(draw(row), tuple(draw(st.lists(row, max_size=6))), frozenset(numeric))


def _rich(table: Table, width: int) -> list[str]:
    out = Console(file=io.StringIO(), width=width, color_system=None, soft_wrap=True)
    out.print(_table(table, width))
    return out.file.getvalue().splitlines()


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(10, 130))
def test_a_table_laid_out_without_rich_is_what_rich_draws(table: Table, width: int) -> None:
    lines = _plain_table(table, width)
    if lines is not None:
        assert lines == _rich(table, width)


@settings(max_examples=400, deadline=None)
@given(tables(NARROW_CELL), st.integers(10, 130))
def test_a_table_of_narrow_characters_laid_out_without_rich_is_what_rich_draws(
    table: Table, width: int
) -> None:
    lines = _plain_table(table, width)
    if lines is not None:  # else rich shrinks columns its own way, and draws the table
        assert lines == _rich(table, width)


def test_a_table_of_titles_cut_short_is_laid_out_without_rich() -> None:
    table = Table(
        ("id", "card", "age", "flag"),
        (
            ("#1", "Phoenix: mobile app push notifications for orders", "12", "warning (≥ 7d)"),
            ("#22", "Rotate passwords", "3", ""),
        ),
        frozenset({0, 2}),
    )
    lines = _plain_table(table, 60)
    assert lines is not None and lines == _rich(table, 60)
    assert "Phoenix: mobile app push notifica…   12" in lines[1]


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(10, 130))
def test_a_wrapping_table_laid_out_without_rich_is_what_rich_draws(
    table: Table, width: int
) -> None:
    """As the summary's columns table: columns rich may wrap, when they need not."""
    rows = [table.headers, *table.rows]
    lines = plain.plain_table(rows, table.numeric, width)
    if lines is None:
        return
    drawn = RichTable(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for index, header in enumerate(table.headers):
        drawn.add_column(Text(header), justify="right" if index in table.numeric else "left")
    for row in table.rows:
        drawn.add_row(*(Text(cell) for cell in row))
    out = Console(file=io.StringIO(), width=width, color_system=None, soft_wrap=True)
    out.print(drawn)
    assert lines == out.file.getvalue().splitlines()


def test_every_narrow_character_is_one_cell_wide_for_rich() -> None:
    assert all(cell_len(char) == 1 for char in plain._NARROW)


@pytest.mark.parametrize("columns", [None, "100", "", "wide", "7"])
def test_the_pipe_width_is_rich_s(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert plain.pipe_width() == Console(file=io.StringIO()).width


@pytest.fixture
def demo_in_a_pipe(tmp_path: Path) -> tuple[dict[str, str], str]:
    """The demo board's database, and an environment whose stdout is a pipe 80 wide that rich
    would not colour."""
    env = {**os.environ, "KANBAN_NOW": "2026-11-23T09:30:00+00:00", "COLUMNS": "80"}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        env.pop(name, None)
    db = str(tmp_path / "demo.db")
    run = [sys.executable, "-m", "kanban", "--db", db]
    subprocess.run([*run, "demo", "--no-tui"], env=env, check=True, capture_output=True)
    return env, db


def _twice(
    demo: tuple[dict[str, str], str], command: list[str], modules: str, forced: str
) -> tuple[str, str, str]:
    """``command`` on the demo board in a pipe, then again with ``forced`` (a module's name
    for its pipe, set to None) so that rich writes it: both outputs, and what ``modules`` (a
    Python expression of module names) found imported after the first run."""
    env, db = demo
    module, _, name = forced.rpartition(".")
    script = (
        "import sys\n"
        "from kanban.cli.main import main\n"
        f"import {module} as text\n"
        f"main(['--db', {db!r}, *{command!r}])\n"
        f"sys.stderr.write(repr([m for m in {modules} if m in sys.modules]))\n"
        f"text.{name} = lambda: None\n"
        "print('=' * 8)\n"
        f"main(['--db', {db!r}, *{command!r}])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    ours, _, rich = done.stdout.partition("=" * 8 + "\n")
    return ours, rich, done.stderr


def test_metrics_in_a_pipe_is_written_without_rich_as_rich_writes_it(
    demo_in_a_pipe: tuple[dict[str, str], str],
) -> None:
    """The demo board: titles cut short, ≥ and – in its tables, on a pipe 80 wide."""
    rich_modules = "[m for m in sys.modules if m.startswith('rich')]"
    ours, rich, loaded = _twice(
        demo_in_a_pipe, ["metrics"], rich_modules, "kanban.reports.metrics_text.pipe_width"
    )
    assert loaded == "[]"
    assert ours == rich and "…" in ours and "≥" in ours


@pytest.mark.parametrize("command", [["summary"], ["summary", "--standup"]])
def test_the_summary_in_a_pipe_is_written_without_rich_s_console(
    demo_in_a_pipe: tuple[dict[str, str], str], command: list[str]
) -> None:
    console = "('rich.console', 'rich.table')"
    ours, rich, loaded = _twice(demo_in_a_pipe, command, console, "kanban.reports.text.pipe")
    assert loaded == "[]"
    assert ours == rich and "⚠ over limit" in ours
