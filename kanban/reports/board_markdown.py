"""``kanban export --format markdown``: the whole board as Markdown, every card listed."""

from __future__ import annotations

from kanban.domain.aging import AgingRule
from kanban.domain.board_view import BoardView, CardView
from kanban.domain.models import Aging
from kanban.reports.markdown import escape
from kanban.reports.words import STATUS, count_limit, days, rule_line


def _card(view: CardView, rule: AgingRule) -> str:
    card = view.card
    line = f"- #{card.id} {escape(card.title)} ({card.type.value})"
    if card.assignee:
        line += f" @{escape(card.assignee)}"
    line += f", {days(view.days_in_column)}"
    if view.age is not None:
        line += f", age {days(view.age)}"
    if view.aging is not Aging.OK:
        line += f" ({view.aging.value} {rule.why(view.aging)})"
    if card.blocked:
        line += f", ⛔ blocked: {escape(card.blocked_reason or '')}"
    return line


def board_markdown(view: BoardView) -> str:
    lines = [f"## {escape(view.board.name)}", "", f"_{escape(rule_line(view.aging_rule))}_"]
    for column in view.columns:
        status = STATUS[column.status]
        head = f"### {escape(column.column.name)} ({count_limit(column)}"
        lines += ["", head + (f", {status})" if status else ")")]
        if column.cards:
            lines += ["", *(_card(card, view.aging_rule) for card in column.cards)]
    return "\n".join(lines) + "\n"
