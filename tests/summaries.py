"""What a summary says, for tests that hold two summaries to each other: the summary reads
only some of a backlog's or done column's cards (it shows their count), so two summaries
that say the same may hold different lists of such cards."""

from __future__ import annotations

import io
from datetime import UTC, datetime, tzinfo
from typing import Any

from rich.console import Console

from kanban.domain.board_view import build_view
from kanban.domain.metrics.history import History
from kanban.domain.summary import Summary, build_summary, standup_since
from kanban.reports.json_report import dumps, summary_json
from kanban.reports.markdown import summary_markdown
from kanban.reports.text import print_summary
from kanban.services import KanbanService


def said(summary: Summary, tz: tzinfo) -> tuple[Any, ...]:
    """Everything the summary tells: its standup, figures and lists, and its text, Markdown
    and JSON."""
    out = io.StringIO()
    print_summary(summary, tz, Console(file=out, width=120, color_system=None))
    return (
        summary.standup,
        summary.constraint,
        summary.view.rule,
        summary.view.bottleneck,
        summary.people,
        summary.view.wip,
        [(v.column, v.count, v.status, v.breached) for v in summary.columns],
        [v.column for v in summary.breaches],
        summary.aging,
        [(v.column, cards) for v, cards in summary.walk],
        summary.blocked,
        summary.expedite,
        out.getvalue(),
        summary_markdown(summary, tz),
        dumps(summary_json(summary)),
    )


def whole_summary(
    service: KanbanService, board_id: int, now: datetime, standup: bool, history: History
) -> Summary:
    """The summary of the whole board (every live card read) with ``history``, in UTC."""
    snapshot = service.snapshot(board_id)
    view = build_view(snapshot, now, UTC, service.aging_rule(snapshot.board, now, UTC, history))
    if not standup:
        return build_summary(view, UTC, history=history)
    recent = service.events(board_id, standup_since(now, UTC))
    return build_summary(view, UTC, recent, standup=True, history=history)
