"""``kanban export --format markdown``: the whole board as Markdown, every card listed."""

from __future__ import annotations

from kanban.domain.board_view import BoardView, CardView
from kanban.domain.models import Aging
from kanban.reports.markdown import escape
from kanban.reports.words import STATUS, count_limit, days


def _card(view: CardView) -> str:
    card = view.card
    line = f"- #{card.id} {escape(card.title)} ({card.type.value})"
    if card.assignee:
        line += f" @{escape(card.assignee)}"
    line += f", {days(view.days_in_column)}"
    if view.aging is not Aging.OK:
        line += f" ({view.aging.value})"
    if card.blocked:
        line += f", ⛔ blocked: {escape(card.blocked_reason or '')}"
    return line


def board_markdown(view: BoardView) -> str:
    lines = [f"## {escape(view.board.name)}"]
    for column in view.columns:
        status = STATUS[column.status]
        head = f"### {escape(column.column.name)} ({count_limit(column)}"
        lines += ["", head + (f", {status})" if status else ")")]
        if column.cards:
            lines += ["", *(_card(card) for card in column.cards)]
    return "\n".join(lines) + "\n"
