"""Reading commands: ``kanban ls``, ``kanban summary`` and ``kanban log``, in text, Markdown or
JSON.

One clock reading (``kanban.clock.now()``) serves the whole command.
"""

from __future__ import annotations

import sys
from argparse import Namespace

from kanban.clock import local_tz, now
from kanban.services import KanbanService


def ls(args: Namespace, service: KanbanService) -> int:
    view = service.view(service.board(args.board).id, now(), local_tz())
    if args.format == "json":
        from kanban.reports.json_report import board_json, dumps

        print(dumps(board_json(view)))
    else:
        from kanban.reports.board_text import print_board

        print_board(view)
    return 0


def summary(args: Namespace, service: KanbanService) -> int:
    tz = local_tz()
    board = service.board(args.board)
    report = service.summary(board.id, now(), tz, standup=args.standup)
    if args.format == "json":
        from kanban.reports.json_report import dumps, summary_json

        print(dumps(summary_json(report)))
    elif args.format == "markdown":
        from kanban.reports.markdown import summary_markdown

        print(summary_markdown(report, tz), end="")
    else:
        from kanban.reports.text import print_summary

        print_summary(report, tz)
    return 0


def log(args: Namespace, service: KanbanService) -> int:
    """The history of card ``args.id`` (its own board's) or of the board, newest first."""
    from kanban.reports.log import log_json, log_text

    if args.id is not None:
        board_id = service.card(args.id).board_id
    else:
        board_id = service.board(args.board).id
    events = service.log(board_id, args.id, args.limit)
    names = {column.id: column.name for column in service.columns(board_id)}
    if args.format == "json":
        from kanban.reports.json_report import dumps

        print(dumps(log_json(events, names)))
    else:
        sys.stdout.write(log_text(events, names, local_tz()))
    return 0
