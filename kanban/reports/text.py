"""Text for the terminal, drawn with rich (not Textual): colours on a terminal, plain text in a
pipe or with ``NO_COLOR``. Card titles are never read as markup."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text

from kanban.domain.board_view import CardView
from kanban.domain.bottleneck import OVER_LIMIT
from kanban.reports.board_text import AGING_STYLE, STATUS_STYLE
from kanban.reports.plain import Pipe, pipe, plain_table
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

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    # only named: ``kanban ls`` needs none of the summary's modules
    from kanban.domain.summary import DueCard, StandupCard, Summary

T = TypeVar("T")


def console() -> Console:
    """A console on the current stdout; it drops colour itself when stdout is not a terminal."""
    from rich.console import Console

    return Console(highlight=False, emoji=False, soft_wrap=True)


def emit(out: Console | Pipe, lines: list[Text]) -> None:
    """Print lines at once; without colour, as plain text (rich takes seconds on 20,000).
    Every line printed goes through here, its user text shown visibly (styles kept)."""
    lines = [visible_text(line) for line in lines]
    if out.color_system is None:
        out.file.write("".join(f"{line.plain}\n" for line in lines))
    else:
        out.print(Text("\n").join(lines))


def _section(
    out: Console | Pipe, title: str, items: Sequence[T], line: Callable[[T], Text]
) -> None:
    """A titled list with its count; only the items shown are made into lines (a standup on
    20,000 cards finishes thousands)."""
    head = Text(f"{title} ({len(items)})" if items else f"{title}: none", "bold")
    listed, more = shown(items)
    body = [Text("  ").append_text(line(item)) for item in listed]
    if more:
        body.append(Text(f"  {more}", "dim"))
    emit(out, [Text(), head, *body])


def _card_ref(card: StandupCard | CardView) -> Text:
    if isinstance(card, CardView):
        return Text.assemble((f"#{card.card.id}", "dim"), " ", card.card.title)
    return Text.assemble((f"#{card.id}", "dim"), " ", card.title)


def _finished_style(card: StandupCard) -> str:
    return "yellow" if card.past_sle else "green"


def _due(card: CardView) -> str:
    return f", due {card.card.due_date.isoformat()}" if card.card.due_date else ""


def _columns_rows(summary: Summary) -> list[tuple[str, str, str]]:
    """The columns table's cells, the headers first (its text, as :func:`_columns_table`)."""
    rows = [("Column", "Cards", "Status")]
    for view in summary.columns:
        rows.append((visible(view.column.name), count_limit(view), STATUS[view.status] or "ok"))
    return rows


def _columns_table(summary: Summary) -> Table:
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Column")
    table.add_column("Cards", justify="right")
    table.add_column("Status")
    for view in summary.columns:
        style = STATUS_STYLE.get(view.status, "")
        status = Text(STATUS[view.status] or "ok", style)
        table.add_row(Text(visible(view.column.name)), Text(count_limit(view), style), status)
    return table


def _board_sections(out: Console | Pipe, summary: Summary) -> None:
    """The plain summary's board: columns, breaches, aging (and its rule), blocked."""
    emit(out, [Text(), Text("Columns", "bold")])
    plain = plain_table(_columns_rows(summary), {1}, out.width) if isinstance(out, Pipe) else None
    if plain is not None:
        out.file.write("".join(f"{line}\n" for line in plain))
    else:
        (console() if isinstance(out, Pipe) else out).print(_columns_table(summary))
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
    emit(out, [Text(f"  {rule_line(summary.aging_rule)}", "dim")])
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


def _walk(out: Console | Pipe, summary: Summary) -> None:
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
    emit(out, lines)


def print_summary(summary: Summary, tz: tzinfo, out: Console | None = None) -> None:
    """``kanban summary``: the standup (if asked), columns, breaches, aging, blocked, bottleneck.
    In a pipe, written without rich's console (:func:`kanban.reports.plain.pipe`)."""
    _print_summary(summary, tz, out or pipe() or console())


def _print_summary(summary: Summary, tz: tzinfo, out: Console | Pipe) -> None:
    view = summary.view
    kind = "standup" if summary.standup else "summary"
    when = local_time(view.now, tz, year=True)
    emit(out, [Text.assemble((view.board.name, "bold"), f" {kind}, {when}")])
    standup = summary.standup
    if standup is not None:
        emit(out, [Text(f"since {local_time(standup.since, tz)}", "dim")])
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
        emit(out, [Text(), Text("Bottleneck: none", "bold")])
    else:
        style = "bold red" if bottleneck.rule == OVER_LIMIT else "yellow"
        emit(out, [Text(), Text.assemble(("Bottleneck: ", "bold"), (bottleneck.reason, style))])
        if summary.evidence:
            emit(out, [Text(f"  evidence: {line}", "dim") for line in summary.evidence])
    flow = standup.flow if standup else None
    if flow is not None:
        _section(
            out,
            "Load by person",
            summary.people,
            lambda p: Text(load(p), "bold red" if p.over else ""),
        )
        figures = [Text(f"  {line}") for line in flow_lines(flow)]
        emit(out, [Text(), Text("Flow", "bold"), *figures])
