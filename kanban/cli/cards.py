"""Card commands: add, move, block, unblock, edit, delete.

``add`` prints only the new card's id, so a script can capture it; the others print one line
saying what changed. A move or add that breaches a soft WIP limit succeeds and warns on stderr.
"""

from __future__ import annotations

import sys
from argparse import Namespace

from kanban.cli.echo import say
from kanban.domain import parsing
from kanban.domain.models import Card
from kanban.errors import InvalidInput, NotFound
from kanban.services import CardChange, KanbanService


def _card(args: Namespace, service: KanbanService) -> Card:
    """The card ``args.id``, refused when ``--board`` names another board."""
    card = service.card(args.id)
    if args.board is not None and service.board(args.board).id != card.board_id:
        raise NotFound(f"no card #{card.id} on board {args.board!r}")
    return card


def _warn(change: CardChange) -> None:
    if change.breach is not None:
        breach = change.breach
        passed = " (an expedite card may pass it)" if breach.expedite else ""
        say(
            f"kanban: warning: {breach.column.name} is over its WIP limit "
            f"({breach.count}/{breach.limit}){passed}",
            sys.stderr,
        )


def add(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    change = service.add_card(
        board.id,
        " ".join(args.title),
        column=args.column,
        type=parsing.work_type(args.type),
        assignee=args.assignee,
        description=args.description,
        class_of_service=parsing.class_of_service(args.class_of_service),
        due_date=None if args.due_date is None else parsing.due_date(args.due_date),
    )
    print(change.card.id)
    _warn(change)
    return 0


def move(args: Namespace, service: KanbanService) -> int:
    card = _card(args, service)
    change = service.move_card(card.id, args.column)
    where = next(c.name for c in service.columns(card.board_id) if c.id == change.card.column_id)
    say(f"#{card.id} is in {where}")
    _warn(change)
    return 0


def block(args: Namespace, service: KanbanService) -> int:
    card = service.block_card(_card(args, service).id, " ".join(args.reason))
    say(f"#{card.id} is blocked: {card.blocked_reason}")
    return 0


def unblock(args: Namespace, service: KanbanService) -> int:
    card = service.unblock_card(_card(args, service).id)
    say(f"#{card.id} is unblocked")
    return 0


def edit(args: Namespace, service: KanbanService) -> int:
    fields = {
        name: getattr(args, name)
        for name in ("title", "type", "assignee", "description", "class_of_service", "due_date")
        if getattr(args, name) is not None
    }
    if not fields:
        raise InvalidInput(
            "nothing to change: give --title, --type, --assignee, --description, --class or --due"
        )
    card_id = _card(args, service).id
    if "type" in fields:
        fields["type"] = parsing.work_type(fields["type"])
    if "class_of_service" in fields:
        fields["class_of_service"] = parsing.class_of_service(fields["class_of_service"])
    if "due_date" in fields:
        fields["due_date"] = parsing.due_date(fields["due_date"])
    card = service.edit_card(card_id, **fields)
    say(f"#{card.id} {card.title}")
    return 0


def delete(args: Namespace, service: KanbanService) -> int:
    card = service.delete_card(_card(args, service).id)
    say(f"deleted #{card.id} {card.title}")
    return 0
