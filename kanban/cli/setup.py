"""Shaping the workflow: ``kanban column add|limit|constraint|rename|remove``,
``kanban person limit|list`` and
``kanban board list|create|strict|business-days|sle|expedite-limit|aging``."""

from __future__ import annotations

from argparse import Namespace

from kanban.cli.echo import say
from kanban.domain import parsing
from kanban.domain.aging import MIN_FINISHED, WINDOW_DAYS
from kanban.domain.models import Board, Column
from kanban.domain.people import person_loads
from kanban.services import KanbanService


def _limit(column: Column) -> str:
    text = "no limit" if column.wip_limit is None else f"limit {column.wip_limit}"
    return text if column.wip_min is None else f"{text}, min {column.wip_min}"


def column_add(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    limit = None if args.limit is None else parsing.limit(args.limit)
    kind = parsing.column_kind(args.kind)
    column = service.add_column(board.id, args.name, kind=kind, limit=limit, after=args.after)
    say(f"added column {column.name} ({column.kind.value}, {_limit(column)})")
    return 0


def column_limit(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    column_id = service.column(board.id, args.name).id
    limit = parsing.limit(args.limit)
    fields = {} if args.minimum is None else {"minimum": parsing.limit(args.minimum, "minimum")}
    column = service.set_column_limit(column_id, limit, **fields)
    say(f"{column.name}: {_limit(column)}")
    return 0


def column_constraint(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    unpin = args.name.strip().lower() in ("none", "-", "off", "")
    column = service.pin_constraint(board.id, None if unpin else args.name)
    say(f"{column.name} is pinned as the constraint" if column else "no pinned constraint")
    return 0


def person_limit(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    limit = parsing.limit(args.limit, "personal WIP limit")
    person = service.set_person_limit(board.id, args.name, limit, require_known=True)
    shown = "no limit" if person.wip_limit is None else f"limit {person.wip_limit}"
    say(f"{person.name}: {shown}")
    return 0


def person_list(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    loads = person_loads(service.snapshot(board.id))
    for load in loads:
        limit = "" if load.limit is None else f"/{load.limit}"
        say(f"{load.name}  {load.wip}{limit}" + ("  over" if load.over else ""))
    if not loads:
        say("nobody holds work in progress or has a limit")
    return 0


def column_rename(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    column = service.rename_column(board.id, args.old, args.new)
    say(f"renamed column {args.old} to {column.name}")
    return 0


def column_remove(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    column = service.remove_column(board.id, args.name)
    say(f"removed column {column.name}")
    return 0


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _sle(board: Board) -> str:
    return "SLE 85th percentile" if board.sle_days is None else f"SLE {_days(board.sle_days)}"


def _aging(board: Board) -> str:
    return f"aging {board.warn_days}/{_days(board.critical_days)}"


def board_list(args: Namespace, service: KanbanService) -> int:
    for board in service.boards():
        name = f"{board.name} (strict)" if board.strict else board.name
        days = " · business days" if board.business_days else ""
        say(
            f"{name}{days} · {_sle(board)} · expedite limit {board.expedite_limit}"
            f" · {_aging(board)}"
        )
    return 0


def board_create(args: Namespace, service: KanbanService) -> int:
    board = service.create_board(args.name)
    say(f"created board {board.name}")
    return 0


def board_strict(args: Namespace, service: KanbanService) -> int:
    board = service.set_strict(service.board(args.name).id, args.on)
    state = (
        "strict: moves into a full column are refused"
        if board.strict
        else ("not strict: moves into a full column are flagged")
    )
    say(f"{board.name} is {state}")
    return 0


def board_business_days(args: Namespace, service: KanbanService) -> int:
    board = service.set_business_days(service.board(args.name).id, args.on)
    state = "business days (Monday-Friday)" if board.business_days else "calendar days"
    say(f"{board.name}: days count as {state} in every metric")
    return 0


def board_sle(args: Namespace, service: KanbanService) -> int:
    board = service.set_sle(service.board(args.name).id, parsing.sle(args.days))
    if board.sle_days is None:
        say(f"{board.name}: no SLE set; the 85th percentile of cycle times serves")
    else:
        days = _days(board.sle_days)
        say(f"{board.name}: SLE {days} (85% of cards should finish within {days})")
    return 0


def board_expedite_limit(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.name)
    board = service.set_expedite_limit(board.id, parsing.count(args.limit, "an expedite limit"))
    say(f"{board.name}: expedite limit {board.expedite_limit}")
    return 0


def board_aging(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.name)
    warning = parsing.days(args.warning, "the warning threshold")
    critical = parsing.days(args.critical, "the critical threshold")
    board = service.set_aging_thresholds(board.id, warning, critical)
    say(
        f"{board.name}: aging warning at {_days(board.warn_days)}, critical at "
        f"{_days(board.critical_days)} (until {MIN_FINISHED} cards finish in "
        f"{WINDOW_DAYS} days; then the percentiles)"
    )
    return 0
