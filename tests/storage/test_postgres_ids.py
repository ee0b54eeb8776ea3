"""PostgreSQL (``$KANBAN_TEST_POSTGRES``, else skipped): rows written with their ids (an
import) move the id sequences past them, so the next card, column or event gets a free id."""

from __future__ import annotations

from collections.abc import Callable

from kanban.domain.models import ColumnKind
from kanban.services import KanbanService
from kanban.services.transfer import export_database, import_database


def test_after_an_import_new_rows_get_new_ids(new_postgres_url: Callable[[], str]) -> None:
    source = KanbanService.open(new_postgres_url())
    try:
        board = source.board().id
        for title in ("One", "Two", "Three"):
            source.add_card(board, title)
        dump = export_database(source)
    finally:
        source.close()
    target = KanbanService.open(new_postgres_url(), ensure_default=False)
    try:
        import_database(target, dump)
        board = target.board().id
        added = target.add_card(board, "Four").card
        assert added.id == 4
        target.add_column(board, "Extra", ColumnKind.ACTIVE)
        target.move_card(added.id, "Extra")
        assert [c.title for c in target.snapshot(board).all_cards()][-1] == "Four"
    finally:
        target.close()
