"""Markdown for pasting into chat: the same sections as the text report, as lists and a table.
Titles and reasons are escaped, so a ``*`` or ``|`` in a title cannot break the layout."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import TypeVar

from kanban.domain.board_view import CardView
from kanban.domain.summary import DueCard, StandupCard, Summary
from kanban.reports.safe_text import visible
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

T = TypeVar("T")

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!])")
# What would make a line a heading or a list item: "# x", "- x", "+ x", "1. x", "1) x".
_BLOCK_START = re.compile(r"^(\d{0,9})([#+\-.)])(?=[#\s]|$)")


def escape(text: str) -> str:
    """User text for one Markdown line or table cell: controls shown visibly (a newline too, so
    a line or a table row cannot be broken), and every character that Markdown would read as
    emphasis, code, a link, an image, HTML, a table cell or a heading escaped with a backslash."""
    escaped = _SPECIAL.sub(r"\\\1", visible(text))
    return _BLOCK_START.sub(r"\1\\\2", escaped, count=1)


def _ref(card: StandupCard | CardView) -> str:
    if isinstance(card, CardView):
        return f"#{card.card.id} {escape(card.card.title)}"
    return f"#{card.id} {escape(card.title)}"


def _section(
    lines: list[str], title: str, items: Sequence[T], item: Callable[[T], str], level: str = "###"
) -> None:
    """A titled list with its count; only the items shown are written (a standup on 20,000
    cards finishes thousands)."""
    lines.append("")
    lines.append(f"{level} {title} ({len(items)})" if items else f"{level} {title}: none")
    if items:
        listed, more = shown(items)
        lines.append("")
        lines.extend(f"- {item(each)}" for each in listed)
        if more:
            lines.append(f"- {more}")


def _board_sections(summary: Summary) -> list[str]:
    """The plain summary's board: columns, breaches, aging (and its rule), blocked."""
    lines: list[str] = []
    lines += [
        "",
        "### Columns",
        "",
        "| Column | Cards | Status |",
        "|---|---:|---|",
    ]
    lines += [
        f"| {escape(c.column.name)} | {count_limit(c)} | {STATUS[c.status] or 'ok'} |"
        for c in summary.columns
    ]
    _section(
        lines,
        "Breaches",
        summary.breaches,
        lambda c: f"**{escape(c.column.name)}** {count_limit(c)}",
    )
    _section(
        lines,
        "Aging",
        summary.aging,
        lambda c: (
            f"{_ref(c)}: "
            + (
                f"**{escape(aging_phrase(c, summary.aging_rule))}**"
                if c.aging.value == "critical"
                else escape(aging_phrase(c, summary.aging_rule))
            )
        ),
    )
    lines += ["", f"_{escape(rule_line(summary.aging_rule))}_"]
    _section(
        lines,
        "Blocked",
        summary.blocked,
        lambda c: f"{_ref(c)}: ⛔ {escape(c.card.blocked_reason or '')}, {days(c.days_blocked)}",
    )
    return lines


def _due_item(due: DueCard) -> str:
    """A standup's due card; overdue in bold."""
    phrase = due_phrase(due)
    shown = f"**{phrase}**" if due.overdue_days is not None else phrase
    return visible(f"{_ref(due.view)}: {escape(due.view.column.name)}, {shown}")


def _walk(summary: Summary) -> list[str]:
    """The standup's walk, right to left: each column's load, then its cards to talk about."""
    lines = ["", "### Walk the board (right to left)", ""]
    for view, cards in summary.walk:
        status = STATUS[view.status]
        lines.append(
            f"- **{escape(view.column.name)}** {count_limit(view)}"
            + (f" ({status})" if status else "")
        )
        listed, more = shown(cards)
        lines += [f"  - {_ref(c)}: {escape(walk_phrase(c, summary.aging_rule))}" for c in listed]
        if more:
            lines.append(f"  - {more}")
    lines += ["", f"_{escape(rule_line(summary.aging_rule))}_"]
    return lines


def summary_markdown(summary: Summary, tz: tzinfo) -> str:
    view = summary.view
    standup = summary.standup
    kind = "standup" if standup else "summary"
    lines = [f"## {escape(view.board.name)} {kind}, {local_time(view.now, tz, year=True)}"]
    if standup is not None:
        lines += ["", f"Since {local_time(standup.since, tz)}."]
        _section(
            lines,
            "Finished",
            standup.finished,
            lambda c: f"{_ref(c)} (in {escape(c.column)}{cycle_note(c)}){escape(by_note(c))}",
        )
        _section(
            lines,
            "Moved",
            standup.moved,
            lambda c: (
                f"{_ref(c)}: {escape(c.from_column or '?')} → {escape(c.column)}"
                f"{escape(by_note(c))}"
            ),
        )
        _section(
            lines,
            "Newly blocked",
            standup.newly_blocked,
            lambda c: f"{_ref(c)}: ⛔ {escape(c.reason or '')}{escape(by_note(c))}",
        )
        _section(lines, "Due", standup.due, _due_item)
    if standup is not None:
        lines += _walk(summary)
    else:
        lines += _board_sections(summary)
    _section(
        lines,
        "Expedite",
        summary.expedite,
        lambda c: (
            f"{_ref(c)}: {escape(c.column.name)}"
            + (f", due {c.card.due_date.isoformat()}" if c.card.due_date else "")
        ),
    )
    _section(
        lines,
        "People over their WIP limit",
        summary.over_limit,
        lambda p: f"**{escape(p.name)}** {p.wip}/{p.limit}",
    )
    bottleneck = summary.bottleneck
    lines.append("")
    if bottleneck is None:
        lines.append("### Bottleneck: none")
    else:
        lines.append(f"### Bottleneck: {escape(bottleneck.reason)}")
        if summary.evidence:
            lines += ["", *(f"- evidence: {escape(line)}" for line in summary.evidence)]
    flow = standup.flow if standup else None
    if flow is not None:
        _section(
            lines,
            "Load by person",
            summary.people,
            lambda p: f"**{escape(load(p))}**" if p.over else escape(load(p)),
        )
        lines += ["", "### Flow", "", *(f"- {line}" for line in flow_lines(flow))]
    return "\n".join(lines) + "\n"
