"""JSON for scripts: a stable contract. Keys are added only in a new major version.

Conventions: ids are integers; times are ISO 8601 in UTC with an explicit offset and whole
seconds (``"2026-11-24T09:00:00+00:00"``); a missing value is ``null``; enumerations are
lower-case strings. Lists keep the order of the text report.

``kanban ls --format json``::

    {"board": str,
     "aging_rule": rule,     # the aging rule applied (below)
     "columns": [{"name": str, "kind": "backlog"|"queue"|"active"|"done",
                  "wip_limit": int|null, "wip_min": int|null, "count": int,
                  "status": "ok"|"at"|"over"|"under",
                  "cards": [{"id": int, "title": str,
                             "type": "business"|"internal"|"change"|"unplanned",
                             "assignee": str|null, "blocked": bool, "blocked_reason": str|null,
                             "days_in_column": int,
                             "age_days": int|null,  # since it started (percentile rule)
                             "aging": "ok"|"watch"|"warning"|"critical",
                             "class_of_service": "expedite"|"fixed-date"|"standard"|
                                                 "intangible",
                             "due_date": "YYYY-MM-DD"|null}]}]}

Columns left to right, cards top to bottom. ``rule`` says how aging was judged (docs/flow.md)::

    {"basis": "fixed"|"percentiles",
     "measure": "days_in_column"|"age",  # fixed: days in column; percentiles: days since start
     "watch": int|null, "warning": int, "critical": int,   # thresholds in days (watch: null
                                                           # under the fixed rule)
     "finished": int,      # cards finished in the window (percentiles need 5)
     "window_days": 90, "sle_set": bool,   # critical is the team's SLE, not the 85th
     "business_days": true}   # only on a business-day board: days count Monday-Friday

``watch`` (from the 50th percentile) exists only under the percentile rule.

``kanban summary --format json``::

    {"board": str, "generated_at": time,
     "columns": [{"name", "kind", "wip_limit", "count", "status"}],   # as in ls, no cards
     "breaches": [{"column": str, "count": int, "limit": int}],
     "aging": [{"id", "title", "column": str, "days_in_column": int,
                "age_days": int|null, "aging": "warning"|"critical",
                "threshold": int}],            # oldest first, by what the rule measures
     "aging_rule": rule,                                               # as in ls
     "blocked": [{"id", "title", "reason": str, "days_blocked": int}], # longest first
     "bottleneck": {"column": str, "reason": str,
                    "rule": "pinned"|"over limit"|"oldest work",
                    "evidence": [str]} | null,   # the reason, then what the history shows
                                                 # (as in ``kanban metrics``)
     "people": [{"name": str, "wip": int, "limit": int|null, "over": bool}],  # by name
     "expedite": [{"id", "title", "column", "days_in_column",
                   "due_date": "YYYY-MM-DD"|null}]}                  # not done, by column

``people`` lists everyone holding work in progress (queue and active columns) or having a
personal limit; ``over`` is wip > limit. ``expedite`` lists the expedite cards not yet done.

With ``--standup`` the columns are listed right to left (as a standup walks the board) and
these keys are added (absent without it)::

     "since": time,        # local midnight starting the previous working day, in UTC
     "finished": [{"id", "title", "column", "at": time, "by": str|null,
                   "cycle_time": int|null,       # days, started -> finished
                   "past_sle": bool|null}],      # cycle_time > sle.days; null: no SLE
     "moved": [{"id", "title", "from": str|null, "to": str, "at": time, "by": str|null}],
     "newly_blocked": [{"id", "title", "column", "reason": str, "at": time, "by": str|null}],
     "due": [{"id", "title", "column", "due_date": "YYYY-MM-DD",
              "overdue_days": int} | {..., "days_left": int}],   # not done: overdue (by
                                   # overdue_days >= 1) or due within 2 days (days_left 0-2,
                                   # 0: today); earliest due date first
     "walk": [{"column": str, "count": int, "limit": int|null, "status": str,
               "cards": [{"id", "title", "blocked_reason": str|null,
                          "days_blocked": int|null, "aging": str, "age_days": int|null,
                          "days_in_column": int}]}]   # right to left; the cards to talk
                                                      # about: blocked, or aging at warning
                                                      # or critical

``column``/``to`` are where the card is now; ``from`` where it was when the window opened;
``at`` is the last such event in the window, ``by`` who made it (null: unknown). The flow
figures of the standup follow (days counted inclusively, as ``kanban metrics`` counts them)::

     "sle": {"days": int|float, "percentile": 85, "n": int, "set_by_team": bool} | null,
                                   # 85th percentile of the last 90 days' cycle times, or set
                                   # by the team (n 0); null: under 5 cycle times
     "unplanned_share": {"wip": float|null,          # 0-1, 4 decimals; null: no WIP
                         "wip_cards": {"unplanned": int, "all": int}},
     "throughput_last_7_days": int,  # finished in the 7 days ending today, today included
     "wip": int,                     # cards started and not finished, now
     "average_age": float|null       # mean days since start of the cards in progress, 2 decimals
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kanban.domain.aging import AgingRule
from kanban.domain.board_view import BoardView, CardView, ColumnView
from kanban.domain.standup_flow import StandupFlow
from kanban.domain.summary import DueCard, StandupCard, Summary
from kanban.reports import json_text


def iso(moment: datetime) -> str:
    """``2026-11-24T09:00:00+00:00``: UTC, whole seconds, explicit offset."""
    return datetime.isoformat(moment.astimezone(UTC).replace(microsecond=0), timespec="seconds")


def dumps(data: Any) -> str:
    """The JSON text: ``json.dumps(data, indent=2, ensure_ascii=False)``, made faster."""
    return json_text.dumps(data)


def column_json(view: ColumnView) -> dict[str, Any]:
    column = view.column
    return {
        "name": column.name,
        "kind": column.kind.value,
        "wip_limit": column.wip_limit,
        "wip_min": column.wip_min,
        "count": view.count,
        "status": view.status.value,
    }


def card_json(view: CardView) -> dict[str, Any]:
    card = view.card
    return {
        "id": card.id,
        "title": card.title,
        "type": card.type.value,
        "assignee": card.assignee,
        "blocked": card.blocked,
        "blocked_reason": card.blocked_reason,
        "days_in_column": view.days_in_column,
        "age_days": view.age,
        "aging": view.aging.value,
        "class_of_service": card.class_of_service.value,
        "due_date": card.due_date.isoformat() if card.due_date else None,
    }


def rule_json(rule: AgingRule) -> dict[str, Any]:
    return {
        "basis": rule.basis.value,
        "measure": "age" if rule.percentiles else "days_in_column",
        "watch": rule.watch,
        "warning": rule.warning,
        "critical": rule.critical,
        "finished": rule.finished,
        "window_days": rule.window_days,
        "sle_set": rule.sle_set,
        **({"business_days": True} if rule.business_days else {}),
    }


def board_json(view: BoardView) -> dict[str, Any]:
    return {
        "board": view.board.name,
        "aging_rule": rule_json(view.aging_rule),
        "columns": [
            {**column_json(c), "cards": [card_json(card) for card in c.cards]} for c in view.columns
        ],
    }


def summary_json(summary: Summary) -> dict[str, Any]:
    view = summary.view
    bottleneck = summary.bottleneck
    data: dict[str, Any] = {
        "board": view.board.name,
        "generated_at": iso(view.now),
        "columns": [column_json(c) for c in summary.columns],
        "breaches": [
            {"column": c.column.name, "count": c.count, "limit": c.column.wip_limit}
            for c in summary.breaches
        ],
        "aging": [
            {
                "id": c.card.id,
                "title": c.card.title,
                "column": c.column.name,
                "days_in_column": c.days_in_column,
                "age_days": c.age,
                "aging": c.aging.value,
                "threshold": summary.aging_rule.threshold(c.aging),
            }
            for c in summary.aging
        ],
        "aging_rule": rule_json(summary.aging_rule),
        "blocked": [
            {
                "id": c.card.id,
                "title": c.card.title,
                "reason": c.card.blocked_reason,
                "days_blocked": c.days_blocked,
            }
            for c in summary.blocked
        ],
        "bottleneck": (
            {
                "column": bottleneck.column.name,
                "reason": bottleneck.reason,
                "rule": bottleneck.rule,
                "evidence": [bottleneck.reason, *summary.evidence],
            }
            if bottleneck
            else None
        ),
        "people": [
            {"name": p.name, "wip": p.wip, "limit": p.limit, "over": p.over} for p in summary.people
        ],
        "expedite": [
            {
                "id": c.card.id,
                "title": c.card.title,
                "column": c.column.name,
                "days_in_column": c.days_in_column,
                "due_date": c.card.due_date.isoformat() if c.card.due_date else None,
            }
            for c in summary.expedite
        ],
    }
    standup = summary.standup
    if standup is not None:
        data["since"] = iso(standup.since)
        data["finished"] = [
            _standup_card(c, cycle_time=c.cycle_time, past_sle=c.past_sle) for c in standup.finished
        ]
        data["moved"] = [
            {
                "id": c.id,
                "title": c.title,
                "from": c.from_column,
                "to": c.column,
                "at": iso(c.at),
                "by": c.by,
            }
            for c in standup.moved
        ]
        data["newly_blocked"] = [_standup_card(c, reason=c.reason) for c in standup.newly_blocked]
        data["due"] = [due_json(c) for c in standup.due]
        data["walk"] = [
            {
                "column": view.column.name,
                "count": view.count,
                "limit": view.column.wip_limit,
                "status": view.status.value,
                "cards": [
                    {
                        "id": c.card.id,
                        "title": c.card.title,
                        "blocked_reason": c.card.blocked_reason,
                        "days_blocked": c.days_blocked,
                        "aging": c.aging.value,
                        "age_days": c.age,
                        "days_in_column": c.days_in_column,
                    }
                    for c in cards
                ],
            }
            for view, cards in summary.walk
        ]
        if standup.flow is not None:
            data.update(flow_json(standup.flow))
    return data


def due_json(due: DueCard) -> dict[str, Any]:
    """A standup's due card: ``overdue_days`` once past its due date, else ``days_left``."""
    when = (
        {"overdue_days": due.overdue_days}
        if due.overdue_days is not None
        else {"days_left": due.days_left}
    )
    return {
        "id": due.view.card.id,
        "title": due.view.card.title,
        "column": due.view.column.name,
        "due_date": due.due_date.isoformat(),
        **when,
    }


def flow_json(flow: StandupFlow) -> dict[str, Any]:
    """The standup's flow figures (rounded as ``kanban metrics`` rounds them)."""
    sle, unplanned = flow.sle, flow.unplanned
    ratio, age = unplanned.ratio, flow.average_age
    return {
        "sle": None
        if sle.days is None
        else {
            "days": sle.days,
            "percentile": sle.percent,
            "n": sle.n,
            "set_by_team": sle.set_by_team,
        },
        "unplanned_share": {
            "wip": None if ratio is None else round(ratio, 4),
            "wip_cards": {"unplanned": unplanned.part, "all": unplanned.whole},
        },
        "throughput_last_7_days": flow.throughput_last_7_days,
        "wip": flow.wip,
        "average_age": None if age is None else round(age, 2),
    }


def _standup_card(card: StandupCard, **extra: Any) -> dict[str, Any]:
    return {
        "id": card.id,
        "title": card.title,
        "column": card.column,
        **extra,
        "at": iso(card.at),
        "by": card.by,
    }
