"""``kanban ls`` as text: each column's name and count/limit, then its cards, top to bottom.

Every line is a list of (text, style) pieces. In a pipe, where rich would draw no colour, the
pieces are joined as plain text and written without importing rich at all (its import costs a
command a tenth of what reading 5,000 cards does); on a terminal rich draws them in colour."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from operator import itemgetter
from typing import TYPE_CHECKING

from kanban.clock import local_tz
from kanban.domain.aging import AgingRule
from kanban.domain.board_view import BoardView, CardView, ColumnView
from kanban.domain.models import Aging, ClassOfService, WipStatus, WorkType
from kanban.reports.plain import may_colour
from kanban.reports.safe_text import visible_line
from kanban.reports.words import STATUS, count_limit, days, rule_line

if TYPE_CHECKING:
    from rich.console import Console

STATUS_STYLE = {WipStatus.AT: "yellow", WipStatus.OVER: "bold red", WipStatus.UNDER: "cyan"}
AGING_STYLE = {Aging.WATCH: "cyan", Aging.WARNING: "yellow", Aging.CRITICAL: "bold red"}
CLASS_STYLE = {
    ClassOfService.EXPEDITE: "bold red",
    ClassOfService.FIXED_DATE: "yellow",
    ClassOfService.STANDARD: "",
    ClassOfService.INTANGIBLE: "dim",
}


Piece = tuple[str, str]  # (text, style)

_TYPE_PIECES = {
    kind: (f"[{kind.value}]", "bold magenta" if kind is WorkType.UNPLANNED else "dim")
    for kind in WorkType
}
_CLASS_PIECES = {
    kind: (f"  {kind.value}", CLASS_STYLE[kind])
    for kind in ClassOfService
    if kind is not ClassOfService.STANDARD
}


class _CardLines:
    """Each card's line in ``kanban ls`` as (text, style) pieces: 50,000 of them are printed as
    plain text without rich's ``Text`` (:func:`_plain`). The pieces many cards share
    (days, an aging level and its threshold) are made once."""

    def __init__(self, rule: AgingRule, today: date) -> None:
        self.rule = rule
        self.today = today
        self._days: dict[tuple[int, str], Piece] = {}  # (days, style) -> "  N days"
        self._ages: dict[tuple[int, str], Piece] = {}  # (days, style) -> ", age N days"
        self._judged: dict[Aging, Piece] = {}  # level -> " (warning ≥ 7d)"

    def __call__(self, view: CardView) -> list[Piece]:
        card = view.card
        line = [
            ("  ", ""),
            (f"#{card.id}", "dim"),
            (" ", ""),
            _TYPE_PIECES[card.type],
            (" ", ""),
            (card.title, ""),
        ]
        if card.class_of_service is not ClassOfService.STANDARD:
            line.append(_CLASS_PIECES[card.class_of_service])
        if card.assignee:
            line.append((f"  @{card.assignee}", "cyan"))
        aging, age = view.aging, view.age
        style = AGING_STYLE.get(aging, "dim")
        key = (view.days_in_column, "dim" if age is not None else style)
        line.append(
            self._days.get(key) or self._days.setdefault(key, (f"  {days(key[0])}", key[1]))
        )
        if age is not None:
            key = (age, style)
            line.append(
                self._ages.get(key) or self._ages.setdefault(key, (f", age {days(age)}", style))
            )
        if aging is not Aging.OK:
            line.append(self._judged.get(aging) or self._judge(aging, style))
        if card.due_date is not None:
            line.append(
                (f"  due {card.due_date.isoformat()}", _due_style(card.due_date, self.today))
            )
        if card.blocked_reason is not None:
            line.append((f"  ⛔ {card.blocked_reason}", "red"))
        return line

    def _judge(self, aging: Aging, style: str) -> Piece:
        piece = self._judged[aging] = (f" ({aging.value} {self.rule.why(aging)})", style)
        return piece


def _due_style(due: date, today: date) -> str:
    """Red once past, yellow within two days (as on the board's card)."""
    return "bold red" if due < today else "yellow" if due <= today + timedelta(days=2) else "dim"


def _column_head(view: ColumnView) -> list[Piece]:
    head = [(view.column.name, "bold"), (" ", ""), (count_limit(view), "")]
    if STATUS[view.status]:
        head.append((f"  {STATUS[view.status]}", STATUS_STYLE.get(view.status, "")))
    return head


def print_board(view: BoardView, out: Console | None = None) -> None:
    """``kanban ls``: each column's name and count/limit, then its cards, top to bottom."""
    bottleneck = view.bottleneck
    top = [(view.board.name, "bold"), (f"  WIP {view.wip}  breached {len(view.breaches)}", "")]
    if bottleneck is not None:
        top.append((f"  bottleneck: {bottleneck.column.name} ({bottleneck.rule})", ""))
    lines: list[list[Piece]] = [top, [(rule_line(view.aging_rule), "dim")]]
    card_line = _CardLines(view.aging_rule, view.now.astimezone(local_tz()).date())
    for column in view.columns:
        lines += [[], _column_head(column)]
        lines += [card_line(card) for card in column.cards]
    if out is None and not may_colour():
        sys.stdout.write(_plain(lines))
        return
    from rich.text import Text

    from kanban.reports.text import console, emit

    out = out or console()
    if out.color_system is None:
        out.file.write(_plain(lines))
    else:
        emit(out, [Text.assemble(*line) for line in lines])


def _plain(lines: list[list[Piece]]) -> str:
    """The lines as rich writes them without colour, never made into rich ``Text`` (seconds
    on 20,000 cards), user text shown visibly (:func:`visible_line`)."""
    text = itemgetter(0)
    return "\n".join(visible_line("".join(map(text, line))) for line in lines) + "\n"
