"""Phrases shared by the text and Markdown reports, so both say the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, TypeVar

from kanban.domain.aging import AgingRule
from kanban.domain.board_view import CardView, ColumnView
from kanban.domain.models import WipStatus
from kanban.domain.people import PersonLoad

if TYPE_CHECKING:  # only named: ``kanban ls`` needs none of the standup's modules
    from kanban.domain.standup_flow import StandupFlow
    from kanban.domain.summary import DueCard, StandupCard

T = TypeVar("T")

# Text and Markdown list at most this many cards per section (JSON lists all): a standup on a
# board of thousands of cards names the oldest and says how many more there are.
MAX_LISTED = 20

STATUS = {
    WipStatus.OK: "",
    WipStatus.AT: "at limit",
    WipStatus.OVER: "⚠ over limit",
    WipStatus.UNDER: "under minimum",
}


def count_limit(view: ColumnView) -> str:
    """``3/2`` against a limit, ``3`` without one."""
    limit = view.column.wip_limit
    return f"{view.count}/{limit}" if limit is not None else str(view.count)


def days(count: int | None) -> str:
    count = count or 0
    return f"{count} day" if count == 1 else f"{count} days"


def aging_phrase(card: CardView, rule: AgingRule) -> str:
    """``Ready, age 12 days (critical ≥ 85th 9d)`` or, by the fixed rule,
    ``Ready, 8 days in column (critical ≥ 7d)``: where, what was measured, which threshold."""
    return f"{card.column.name}, {_judged(card, rule)}"


def _judged(card: CardView, rule: AgingRule) -> str:
    """What the rule measured and the threshold passed: ``age 12 days (critical ≥ 85th 9d)``."""
    measured = (
        f"{days(card.days_in_column)} in column" if card.age is None else f"age {days(card.age)}"
    )
    return f"{measured} ({card.aging.value} {rule.why(card.aging)})"


def walk_phrase(card: CardView, rule: AgingRule) -> str:
    """Why a card is talked about: ``⛔ reason, 4 days · age 20 days (critical ≥ 85th 9d)``."""
    parts = []
    if card.card.blocked:
        parts.append(f"⛔ {card.card.blocked_reason}, {days(card.days_blocked)}")
    if card.aging.value in ("warning", "critical"):
        parts.append(_judged(card, rule))
    return " · ".join(parts)


def rule_line(rule: AgingRule) -> str:
    return f"Aging rule: {rule.describe()}"


def local_time(moment: datetime, tz: tzinfo, year: bool = False) -> str:
    """``Mon 23 Nov 00:00`` in the local zone (with the year and zone name if asked)."""
    local = moment.astimezone(tz)
    text = local.strftime("%a %d %b %Y %H:%M %Z" if year else "%a %d %b %H:%M")
    return text.strip()


def shown(items: Sequence[T], limit: int = MAX_LISTED) -> tuple[Sequence[T], str | None]:
    """The first ``limit`` items, and a line saying how many more there are (if any)."""
    if len(items) <= limit:
        return items, None
    return items[:limit], f"… and {len(items) - limit} more (--format json lists all)"


def due_phrase(due: DueCard) -> str:
    """``3 days overdue (due 2026-11-21)``, ``due today (2026-11-24)``, ``due tomorrow (...)``,
    ``due in 2 days (...)``."""
    when = due.due_date.isoformat()
    if due.overdue_days is not None:
        return f"{days(due.overdue_days)} overdue (due {when})"
    if due.days_left == 0:
        return f"due today ({when})"
    if due.days_left == 1:
        return f"due tomorrow ({when})"
    return f"due in {days(due.days_left)} ({when})"


def cycle_note(card: StandupCard) -> str:
    """``, cycle time 3 days, within the SLE`` for a finished card (empty without history)."""
    if card.cycle_time is None:
        return ""
    note = f", cycle time {days(card.cycle_time)}"
    if card.past_sle is not None:
        note += ", past the SLE" if card.past_sle else ", within the SLE"
    return note


def by_note(card: StandupCard) -> str:
    """`` (by brent)``: who moved, finished or blocked the card (empty when unknown)."""
    return f" (by {card.by})" if card.by else ""


def load(person: PersonLoad) -> str:
    """``Ana 2``, or against a personal limit ``Brent 3/2 (over)``."""
    if person.limit is None:
        return f"{person.name} {person.wip}"
    return f"{person.name} {person.wip}/{person.limit}" + (" (over)" if person.over else "")


def flow_lines(flow: StandupFlow) -> list[str]:
    """The standup's flow figures, one phrase each."""
    from kanban.domain.metrics.percentiles import MIN_HISTORY, NOT_ENOUGH

    sle = flow.sle
    if sle.days is None:
        times = "cycle time" if sle.n == 1 else "cycle times"
        sle_line = f"SLE: {NOT_ENOUGH} ({sle.n} {times}, need {MIN_HISTORY})"
    else:
        source = "set by the team" if sle.set_by_team else f"n={sle.n}"
        sle_line = f"SLE: {sle.percent}% of cards finish within {sle.days:g} days ({source})"
    share = flow.unplanned
    unplanned = (
        "Unplanned share of WIP: none in progress"
        if share.ratio is None
        else f"Unplanned share of WIP: {share.ratio:.0%} ({share.part} of {share.whole})"
    )
    age = "none in progress" if flow.average_age is None else f"{flow.average_age:.1f} days"
    return [
        sle_line,
        unplanned,
        f"Throughput, last 7 days: {flow.throughput_last_7_days}",
        f"WIP: {flow.wip}",
        f"Average age: {age}",
    ]
