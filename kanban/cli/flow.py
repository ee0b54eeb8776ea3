"""Flow commands: ``kanban metrics`` (every metric of the history, as tables, Markdown or JSON)
and ``kanban forecast`` (Monte Carlo). One clock reading serves the whole command."""

from __future__ import annotations

from argparse import Namespace

from kanban.clock import local_tz, now
from kanban.domain.metrics.forecast import HISTORY_DAYS
from kanban.domain.metrics.history import DEFAULT_DAYS
from kanban.services import KanbanService
from kanban.services.metrics import forecast as run_forecast
from kanban.services.metrics import metrics_report


def metrics(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    report = metrics_report(service, board.id, now(), local_tz(), args.days or DEFAULT_DAYS)
    if args.format == "json":
        from kanban.reports.json_report import dumps
        from kanban.reports.metrics_json import metrics_json

        print(dumps(metrics_json(report)))
    elif args.format == "markdown":
        from kanban.reports.metrics_markdown import metrics_markdown

        print(metrics_markdown(report), end="")
    else:
        from kanban.reports.metrics_text import print_metrics

        print_metrics(report)
    return 0


def forecast(args: Namespace, service: KanbanService) -> int:
    board = service.board(args.board)
    found = run_forecast(
        service,
        board,
        args.items,
        now(),
        local_tz(),
        by=args.by,
        history_days=args.history or HISTORY_DAYS,
        seed=args.seed,
    )
    if args.format == "json":
        from kanban.reports.json_report import dumps
        from kanban.reports.metrics_json import forecast_json

        print(dumps(forecast_json(found)))
    else:
        from kanban.reports.metrics_text import print_forecast

        print_forecast(found)
    return 0
