"""The rich text report on a colour terminal: statuses and aging in colour, titles literal."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from kanban.domain.board_view import build_view
from kanban.domain.models import Board, BoardSnapshot, Card, Column, ColumnKind, WorkType
from kanban.domain.summary import build_summary
from kanban.reports.board_text import print_board
from kanban.reports.safe_text import visible
from kanban.reports.text import print_summary

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


@settings(max_examples=60, deadline=None)
@given(
    title=st.text(min_size=1, max_size=12),
    assignee=st.one_of(st.none(), st.text(min_size=1, max_size=6)),
    reason=st.one_of(st.none(), st.text(max_size=6)),
)
def test_board_in_a_pipe_has_the_words_of_the_colour_terminal(title, assignee, reason):
    """``kanban ls`` in a pipe joins its pieces as plain text without rich's ``Text``: the same
    characters as on a colour terminal, user text shown visibly (controls never emitted)."""
    old = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    card = Card(1, 1, 1, 0, title, WorkType.UNPLANNED, old, old, assignee=assignee)
    if reason is not None:
        card = replace(card, blocked_reason=reason, blocked_at=old)
    snapshot = BoardSnapshot(
        Board(1, "Ops"), [Column(1, 1, "Doing", ColumnKind.QUEUE, 0)], {1: [card]}
    )
    view = build_view(snapshot, NOW, UTC_ZONE)
    coloured = Console(
        file=io.StringIO(), force_terminal=True, color_system="standard", soft_wrap=True
    )
    print_board(view, coloured)
    piped = io.StringIO()
    print_board(view, Console(file=piped, soft_wrap=True))
    assert piped.getvalue() == _strip(coloured.file.getvalue())
    assert not any(visible(c) != c for c in piped.getvalue().replace("\n", ""))
