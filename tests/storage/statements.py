"""The SQL statements a service sends, as the driver receives them: for tests on what a read
or a write asks of the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from kanban.services import KanbanService


@contextmanager
def sent_statements(service: KanbanService) -> Iterator[list[tuple[str, tuple]]]:
    """The SQL statements (with their parameters) ``service`` sends meanwhile."""
    sent: list[tuple[str, tuple]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append((statement, tuple(parameters)))

    engine = service.store.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
