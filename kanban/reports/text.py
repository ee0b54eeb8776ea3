"""Text for the terminal, drawn with rich (not Textual): colours on a terminal, plain text in a
pipe or with ``NO_COLOR``. Card titles are never read as markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta, tzinfo
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from rich.console import Console
from rich.control import strip_control_codes
from rich.table import Table
from rich.text import Text

from kanban.clock import local_tz
from kanban.domain.aging import AgingRule
from kanban.domain.board_view import BoardView, CardView, ColumnView
from kanban.domain.bottleneck import OVER_LIMIT
from kanban.domain.models import Aging, ClassOfService, WipStatus, WorkType
from kanban.reports.safe_text import visible, visible_text
from kanban.reports.words import (
    STATUS,
    aging_phrase,
    by_note,
    count_limit,
    cycle_note,
    days,
    due_phrase,
    flow_lines,
    load,
    local_time,
    rule_line,
    shown,
    walk_phrase,
)

if TYPE_CHECKING:  # only named: ``kanban ls`` needs none of the summary's modules
    from kanban.domain.summary import DueCard, StandupCard, Summary

T = TypeVar("T")

STATUS_STYLE = {WipStatus.AT: "yellow", WipStatus.OVER: "bold red", WipStatus.UNDER: "cyan"}
AGING_STYLE = {Aging.WATCH: "cyan", Aging.WARNING: "yellow", Aging.CRITICAL: "bold red"}
CLASS_STYLE = {
    ClassOfService.EXPEDITE: "bold red",
    ClassOfService.FIXED_DATE: "yellow",
    ClassOfService.STANDARD: "",
    ClassOfService.INTANGIBLE: "dim",
}


def console() -> Console:
    """A console on the current stdout; it drops colour itself when stdout is not a terminal."""
    return Console(highlight=False, emoji=False, soft_wrap=True)


def _column_head(view: ColumnView) -> Text:
    head = Text.assemble((view.column.name, "bold"), " ", count_limit(view))
    if STATUS[view.status]:
        head.append(f"  {STATUS[view.status]}", STATUS_STYLE.get(view.status, ""))
    return head


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
    plain text without rich's ``Text`` (:func:`_emit_pieces`). The pieces many cards share
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


def print_board(view: BoardView, out: Console | None = None) -> None:
    """``kanban ls``: each column's name and count/limit, then its cards, top to bottom."""
    out = out or console()
    bottleneck = view.bottleneck
    top = Text.assemble(
        (view.board.name, "bold"), f"  WIP {view.wip}  breached {len(view.breaches)}"
    )
    if bottleneck is not None:
        top.append(f"  bottleneck: {bottleneck.column.name} ({bottleneck.rule})")
    lines: list[Text | list[Piece]] = [top, Text(rule_line(view.aging_rule), "dim")]
    card_line = _CardLines(view.aging_rule, view.now.astimezone(local_tz()).date())
    for column in view.columns:
        lines += [Text(), _column_head(column)]
        lines += [card_line(card) for card in column.cards]
    _emit_pieces(out, lines)


def _emit_pieces(out: Console, lines: list[Text | list[Piece]]) -> None:
    """:func:`_emit` for lines given as ``Text`` or (text, style) pieces; without colour the
    pieces are joined as plain text (what ``Text`` would hold: rich's control codes stripped),
    never made into ``Text`` (seconds on 20,000 cards), and written at once."""
    if out.color_system is not None:
        _emit(out, [line if isinstance(line, Text) else Text.assemble(*line) for line in lines])
        return
    text = itemgetter(0)
    plain = [line.plain if isinstance(line, Text) else "".join(map(text, line)) for line in lines]
    shown = [line if line.isprintable() else visible(strip_control_codes(line)) for line in plain]
    out.file.write("\n".join(shown) + "\n")


def _emit(out: Console, lines: list[Text]) -> None:
    """Print lines at once; without colour, as plain text (rich takes seconds on 20,000).
    Every line printed goes through here, its user text shown visibly (styles kept)."""
    lines = [visible_text(line) for line in lines]
    if out.color_system is None:
        out.file.write("".join(f"{line.plain}\n" for line in lines))
    else:
        out.print(Text("\n").join(lines))


def _section(out: Console, title: str, items: Sequence[T], line: Callable[[T], Text]) -> None:
    """A titled list with its count; only the items shown are made into lines (a standup on
    20,000 cards finishes thousands)."""
    head = Text(f"{title} ({len(items)})" if items else f"{title}: none", "bold")
    listed, more = shown(items)
    body = [Text("  ").append_text(line(item)) for item in listed]
    if more:
        body.append(Text(f"  {more}", "dim"))
    _emit(out, [Text(), head, *body])


def _card_ref(card: StandupCard | CardView) -> Text:
    if isinstance(card, CardView):
        return Text.assemble((f"#{card.card.id}", "dim"), " ", card.card.title)
    return Text.assemble((f"#{card.id}", "dim"), " ", card.title)


def _finished_style(card: StandupCard) -> str:
    return "yellow" if card.past_sle else "green"


def _due(card: CardView) -> str:
    return f", due {card.card.due_date.isoformat()}" if card.card.due_date else ""


def _columns_table(summary: Summary) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Column")
    table.add_column("Cards", justify="right")
    table.add_column("Status")
    for view in summary.columns:
        style = STATUS_STYLE.get(view.status, "")
        status = Text(STATUS[view.status] or "ok", style)
        table.add_row(Text(visible(view.column.name)), Text(count_limit(view), style), status)
    return table


def _board_sections(out: Console, summary: Summary) -> None:
    """The plain summary's board: columns, breaches, aging (and its rule), blocked."""
    _emit(out, [Text(), Text("Columns", "bold")])
    out.print(_columns_table(summary))
    _section(
        out,
        "Breaches",
        summary.breaches,
        lambda c: Text(f"{c.column.name} {count_limit(c)}", "bold red"),
    )
    _section(
        out,
        "Aging",
        summary.aging,
        lambda c: _card_ref(c).append(
            f"  {aging_phrase(c, summary.aging_rule)}", AGING_STYLE[c.aging]
        ),
    )
    _emit(out, [Text(f"  {rule_line(summary.aging_rule)}", "dim")])
    _section(
        out,
        "Blocked",
        summary.blocked,
        lambda c: _card_ref(c).append(
            f"  ⛔ {c.card.blocked_reason}, {days(c.days_blocked)}", "red"
        ),
    )


def _due_line(due: DueCard) -> Text:
    """A standup's due card: red once overdue, yellow while due within two days."""
    style = "bold red" if due.overdue_days is not None else "yellow"
    line = _card_ref(due.view).append(f"  {due.view.column.name}, {due_phrase(due)}", style)
    return visible_text(line)


def _walk(out: Console, summary: Summary) -> None:
    """The standup's walk, right to left: each column's load, then its cards to talk about."""
    lines = [Text(), Text("Walk the board (right to left)", "bold")]
    for view, cards in summary.walk:
        head = Text.assemble("  ", (view.column.name, "bold"), " ", count_limit(view))
        if STATUS[view.status]:
            head.append(f"  {STATUS[view.status]}", STATUS_STYLE.get(view.status, ""))
        lines.append(head)
        listed, more = shown(cards)
        for card in listed:
            style = AGING_STYLE.get(card.aging, "red")
            phrase = walk_phrase(card, summary.aging_rule)
            lines.append(Text("    ").append_text(_card_ref(card)).append(f"  {phrase}", style))
        if more:
            lines.append(Text(f"    {more}", "dim"))
    lines.append(Text(f"  {rule_line(summary.aging_rule)}", "dim"))
    _emit(out, lines)


def print_summary(summary: Summary, tz: tzinfo, out: Console | None = None) -> None:
    """``kanban summary``: the standup (if asked), columns, breaches, aging, blocked, bottleneck."""
    out = out or console()
    view = summary.view
    kind = "standup" if summary.standup else "summary"
    when = local_time(view.now, tz, year=True)
    _emit(out, [Text.assemble((view.board.name, "bold"), f" {kind}, {when}")])
    standup = summary.standup
    if standup is not None:
        _emit(out, [Text(f"since {local_time(standup.since, tz)}", "dim")])
        _section(
            out,
            "Finished",
            standup.finished,
            lambda c: (
                _card_ref(c)
                .append(f"  in {c.column}{cycle_note(c)}", _finished_style(c))
                .append(by_note(c), "dim")
            ),
        )
        _section(
            out,
            "Moved",
            standup.moved,
            lambda c: (
                _card_ref(c)
                .append(f"  {c.from_column or '?'} → {c.column}")
                .append(by_note(c), "dim")
            ),
        )
        _section(
            out,
            "Newly blocked",
            standup.newly_blocked,
            lambda c: _card_ref(c).append(f"  ⛔ {c.reason}", "red").append(by_note(c), "dim"),
        )
        _section(out, "Due", standup.due, _due_line)
    if standup is not None:
        _walk(out, summary)
    else:
        _board_sections(out, summary)
    _section(
        out,
        "Expedite",
        summary.expedite,
        lambda c: _card_ref(c).append(f"  {c.column.name}{_due(c)}", "bold red"),
    )
    _section(
        out,
        "People over their WIP limit",
        summary.over_limit,
        lambda p: Text(f"{p.name} {p.wip}/{p.limit}", "bold red"),
    )
    bottleneck = summary.bottleneck
    if bottleneck is None:
        _emit(out, [Text(), Text("Bottleneck: none", "bold")])
    else:
        style = "bold red" if bottleneck.rule == OVER_LIMIT else "yellow"
        _emit(out, [Text(), Text.assemble(("Bottleneck: ", "bold"), (bottleneck.reason, style))])
        if summary.evidence:
            _emit(out, [Text(f"  evidence: {line}", "dim") for line in summary.evidence])
    flow = standup.flow if standup else None
    if flow is not None:
        _section(
            out,
            "Load by person",
            summary.people,
            lambda p: Text(load(p), "bold red" if p.over else ""),
        )
        figures = [Text(f"  {line}") for line in flow_lines(flow)]
        _emit(out, [Text(), Text("Flow", "bold"), *figures])
