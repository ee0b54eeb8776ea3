"""The rich text report on a colour terminal: statuses and aging in colour, titles literal."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pendulum
from rich.console import Console

from kanban.domain.board_view import build_view
from kanban.domain.models import Board, BoardSnapshot, Card, Column, ColumnKind, WorkType
from kanban.domain.summary import build_summary
from kanban.reports.text import print_board, print_summary

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
UTC_ZONE = pendulum.timezone("UTC")


def _snapshot() -> BoardSnapshot:
    review = Column(1, 1, "Review", ColumnKind.QUEUE, 0, wip_limit=1)
    old = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    cards = [
        Card(1, 1, 1, 0, "[red]literal[/red]", WorkType.UNPLANNED, old, old),
        Card(2, 1, 1, 1, "Second", WorkType.BUSINESS, NOW, NOW),
    ]
    return BoardSnapshot(Board(1, "Ops"), [review], {1: cards})


def _render(draw) -> str:
    out = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=120)
    draw(out)
    return out.file.getvalue()


def test_board_on_a_colour_terminal():
    view = build_view(_snapshot(), NOW, UTC_ZONE)
    text = _render(lambda out: print_board(view, out))
    assert "\x1b[1;31m" in text  # the breached column's status, bold red
    assert "[red]literal[/red]" in _strip(text)
    assert "15 days (critical ≥ 7d)" in _strip(text)


def test_summary_on_a_colour_terminal_has_the_same_words_as_in_a_pipe():
    summary = build_summary(build_view(_snapshot(), NOW, UTC_ZONE), UTC_ZONE)
    coloured = _strip(_render(lambda out: print_summary(summary, UTC_ZONE, out)))
    piped = io.StringIO()
    print_summary(summary, UTC_ZONE, Console(file=piped, width=120))
    assert [line.rstrip() for line in coloured.splitlines()] == [
        line.rstrip() for line in piped.getvalue().splitlines()
    ]
    assert "Bottleneck: Review is over its WIP limit (2/1)" in coloured


def _strip(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
