"""``kanban export --format csv``: a board's live cards as CSV, one row a card."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from kanban.clock import to_utc
from kanban.domain.models import BoardSnapshot
from kanban.reports.csv_cells import csv_cell

CSV_FIELDS = [
    "id",
    "column",
    "position",
    "title",
    "type",
    "assignee",
    "blocked_reason",
    "blocked_at",
    "created_at",
    "entered_at",
    "description",
    "class_of_service",
    "due_date",
]


def _seconds(moment: datetime | None) -> str:
    return "" if moment is None else to_utc(moment).isoformat(timespec="seconds")


def cards_csv(snapshot: BoardSnapshot) -> str:
    """The snapshot's live cards, columns left to right, each top to bottom; times in UTC.
    Every cell quoted, and text a spreadsheet would run as a formula neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_FIELDS)
    for column in snapshot.columns:
        for card in snapshot.cards_in(column.id):
            writer.writerow(
                [
                    csv_cell(value)
                    for value in (
                        card.id,
                        column.name,
                        card.position,
                        card.title,
                        card.type.value,
                        card.assignee or "",
                        card.blocked_reason or "",
                        _seconds(card.blocked_at),
                        _seconds(card.created_at),
                        _seconds(card.entered_at),
                        card.description,
                        card.class_of_service.value,
                        card.due_date.isoformat() if card.due_date else "",
                    )
                ]
            )
    return out.getvalue()
