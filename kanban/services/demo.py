"""The demo board: Parts Unlimited's IT operations (*The Phoenix Project*), four weeks of it.

Everything goes through :class:`KanbanService` with a clock that walks forward through the past,
so every card has a real event history: created, started, moved, blocked and finished on working
days before ``now``. Deterministic: the same ``now`` (and time zone) gives the same board.

At ``now`` the board shows: In Progress over its limit (mostly Brent's work), Review at its limit,
cards aging at every level (judged by the cycle-time percentiles of the twelve finished cards),
two blocked cards, and movement on the previous working day (a card finished, cards moved, one
newly blocked) for the standup. Each change is made by the card's holder (Patty, the manager,
sets the board up and files the unassigned work), so the log names them. Brent has a
personal WIP limit of 3 and holds 5 cards (the "Brent" problem); the emergency ERP fix is an
expedite card, alone in the expedite lane (1/1), passing In Progress's limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from kanban.clock import local_tz, to_utc
from kanban.domain.models import Board, ClassOfService, ColumnKind, WorkType
from kanban.domain.summary import previous_working_day
from kanban.services.board_service import KanbanService

DEMO_BOARD = "Parts Unlimited"
DEMO_COLUMNS: list[tuple[str, ColumnKind, int | None]] = [
    ("Backlog", ColumnKind.BACKLOG, None),
    ("Ready", ColumnKind.QUEUE, 5),
    ("In Progress", ColumnKind.ACTIVE, 3),
    ("Review", ColumnKind.QUEUE, 2),
    ("Done", ColumnKind.DONE, None),
]
BRENT_LIMIT = 3  # Brent's personal WIP limit: he holds more (the "Brent" problem)
MANAGER = "Patty"  # sets the board up and files the work nobody holds yet
_COLUMN = {"B": "Backlog", "R": "Ready", "P": "In Progress", "V": "Review", "D": "Done"}

BUSINESS, INTERNAL = WorkType.BUSINESS, WorkType.INTERNAL
CHANGE, UNPLANNED = WorkType.CHANGE, WorkType.UNPLANNED


@dataclass(frozen=True, slots=True)
class _Card:
    """One demo card. ``history`` lists what happened to it, oldest first, each step with the
    number of working days before ``now`` it happened on: ``P9`` entered In Progress (the first
    step creates the card there), ``!4`` blocked (reasons taken from ``blocks`` in turn),
    ``~3`` unblocked, ``@5`` handed over to ``handover``."""

    title: str
    type: WorkType
    assignee: str | None
    history: str
    blocks: tuple[str, ...] = ()
    handover: str | None = None
    description: str = ""
    service: ClassOfService = ClassOfService.STANDARD


_CARDS = [
    # Done: four weeks of finished work, firefighting included.
    _Card(
        "Payroll fix: restore the missing hourly timecards",
        UNPLANNED,
        "Wes",
        "P20 V19 D19",
        description="Sev 1: the payroll run lost the hourly employees' timecard data.",
    ),
    _Card("SAN firmware rollback after the payroll outage", UNPLANNED, "Brent", "P20 D18"),
    _Card("Weekly change advisory board (CAB) meeting", INTERNAL, "Patty", "B20 R19 P18 V16 D15"),
    _Card(
        "Firewall change for the Phoenix web tier",
        CHANGE,
        "Brent",
        "B19 R17 P16 !16 ~14 V13 D12",
        blocks=("Waiting for CAB approval",),
    ),
    _Card("Credit card tokenization for PCI", INTERNAL, "John", "B20 R18 P15 V12 P11 V9 D8"),
    _Card("Phoenix: order entry screens", BUSINESS, "Chris", "B18 R16 P14 V11 D10"),
    _Card("Restore e-mail after the failed Exchange patch", UNPLANNED, "Wes", "P13 D12"),
    _Card("Patch the Oracle database servers", CHANGE, "Brent", "B17 R12 P10 V8 D6"),
    _Card("Monitoring for the Phoenix POS integration", INTERNAL, "Wes", "B16 R7 P6 V5 D4"),
    _Card(
        "Kanban board for IT operations",
        INTERNAL,
        "Patty",
        "B15 R5 P4 V3 D3",
        description="Make all four types of work visible, with WIP limits.",
    ),
    _Card("Phoenix: customer loyalty data feed", BUSINESS, "Chris", "B14 R6 P5 V3 D2"),
    _Card("Password reset for the retail store managers", UNPLANNED, "Patty", "P2 V1 D1"),
    # Review (limit 2): at its limit, one card newly blocked.
    _Card(
        "SOX-404 audit findings: access review evidence",
        INTERNAL,
        "John",
        "B19 R13 P9 V2 !1",
        blocks=("Auditors need the signed access lists from HR",),
    ),
    _Card("Phoenix: deployment scripts for release 1.0", BUSINESS, "Brent", "B17 R11 P6 V1"),
    # In Progress (limit 3): over it, and most of it is Brent's.
    _Card(
        "Phoenix release: build the test environment",
        BUSINESS,
        "Brent",
        "B18 R12 P9 !4",
        blocks=("Waiting for the vendor to ship the SAN controller",),
        description="Release 1.0 cannot be tested until the environment exists.",
    ),
    _Card("SOX-404 audit findings: remediate change control", INTERNAL, "John", "B20 R14 P7"),
    _Card(
        "Kumquat servers: move off end-of-life hardware",
        INTERNAL,
        "Wes",
        "B16 R10 @5 P3",
        handover="Brent",
        description="Only Brent knows how the kumquats are configured.",
    ),
    _Card("Replace the failing backup tapes", CHANGE, "Wes", "B11 R5 P2"),
    _Card(
        "Emergency change: fix the broken ERP batch job",
        UNPLANNED,
        "Brent",
        "B2 P1",
        service=ClassOfService.EXPEDITE,
    ),
    # Ready (limit 5).
    _Card("Firewall change: open ports for Phoenix analytics", CHANGE, "Brent", "B9 R4"),
    _Card("Standardise server builds on one image", INTERNAL, "Wes", "B20 R11"),
    _Card("Rotate the database admin passwords", CHANGE, "Patty", "B6 R1"),
    _Card("Phoenix: mobile app push notifications", BUSINESS, "Maggie", "B10 R3"),
    # Backlog.
    _Card("Retire the legacy order system", BUSINESS, None, "B15"),
    _Card("Upgrade the mail server cluster", CHANGE, "Wes", "B13"),
    _Card("Phoenix: in-store pickup for online orders", BUSINESS, "Maggie", "B12"),
    _Card("Automate the Phoenix deployment pipeline", INTERNAL, "Chris", "B8"),
    _Card("Decommission the kumquat servers in data center 2", INTERNAL, None, "B7"),
    _Card("Project Unicorn: customer recommendations", BUSINESS, "Maggie", "B5"),
    _Card("Firewall rule clean-up after the audit", CHANGE, None, "B4"),
    _Card("Write down Brent's recovery procedures", INTERNAL, "Patty", "B3"),
    _Card("Store POS terminals freeze at checkout", UNPLANNED, None, "B1"),
]


def seed_demo(service: KanbanService, now: datetime) -> Board:
    """Write the "Parts Unlimited" board with its history into ``service``'s database.

    Refuses (InvalidInput) if a board of that name exists.
    """
    tz = local_tz()
    today = to_utc(now).astimezone(tz).date()
    days = _working_days(today, 1 + max(int(t[1:]) for c in _CARDS for t in c.history.split()))
    current = [_at(days[-1], 8, 0, tz)]
    people: dict[str, KanbanService] = {}

    def by(name: str | None) -> KanbanService:
        """The service each change is made through: its author is the person who made it."""
        name = name or MANAGER
        if name not in people:
            people[name] = KanbanService(service.engine, clock=lambda: current[0], author=name)
        return people[name]

    board = by(MANAGER).create_board(DEMO_BOARD, columns=DEMO_COLUMNS)
    by(MANAGER).set_person_limit(board.id, "Brent", BRENT_LIMIT)
    steps = [step for index, card in enumerate(_CARDS) for step in _steps(index, card, days, tz)]
    ids: dict[int, int] = {}
    holders = {index: card.assignee for index, card in enumerate(_CARDS)}
    for at, index, code, reason in sorted(steps, key=lambda step: step[:2]):
        current[0] = at
        _apply(by(holders[index]), board.id, ids, index, code, reason)  # its holder's doing
        if code == "@":
            holders[index] = _CARDS[index].handover
    return board


def _working_days(today: date, count: int) -> list[date]:
    """``days[n]``: the date ``n`` working days before ``today`` (``days[0]`` is today)."""
    days = [today]
    while len(days) < count:
        days.append(previous_working_day(days[-1]))
    return days


def _at(day: date, hour: int, minute: int, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=tz)


def _steps(
    index: int, card: _Card, days: list[date], tz: tzinfo
) -> list[tuple[datetime, int, str, str | None]]:
    """The card's history as (time, card, step, block reason), in working hours, in order."""
    steps: list[tuple[datetime, int, str, str | None]] = []
    reasons = iter(card.blocks)
    for token in card.history.split():
        code, ago = token[0], int(token[1:])
        if ago < 1:
            raise ValueError(f"a demo step must lie before today: {card.title}: {token}")
        at = _at(days[ago], 9 + index % 5, (index * 7) % 60, tz)
        if steps:
            at = max(at, steps[-1][0] + timedelta(minutes=50))
        steps.append((at, index, code, next(reasons) if code == "!" else None))
    return steps


def _apply(
    svc: KanbanService,
    board_id: int,
    ids: dict[int, int],
    index: int,
    code: str,
    reason: str | None,
) -> None:
    card = _CARDS[index]
    if index not in ids:
        ids[index] = svc.add_card(
            board_id,
            card.title,
            column=_COLUMN[code],
            type=card.type,
            assignee=card.assignee,
            description=card.description,
            class_of_service=card.service,
        ).card.id
    elif code in _COLUMN:
        svc.move_card(ids[index], _COLUMN[code])
    elif code == "!":
        svc.block_card(ids[index], reason or "")
    elif code == "~":
        svc.unblock_card(ids[index])
    elif code == "@":
        svc.edit_card(ids[index], assignee=card.handover)
    else:
        raise ValueError(f"unknown demo step {code!r}")
