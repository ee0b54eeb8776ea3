"""benchmarks/board.py: a bulk-built board the service reads like one it wrote itself."""

from __future__ import annotations

import importlib.util
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kanban.domain.board_view import build_view
from kanban.domain.models import Aging, EventKind
from kanban.errors import UsageError
from kanban.services import KanbanService

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
_spec = importlib.util.spec_from_file_location(
    "benchmark_board", Path(__file__).parents[2] / "benchmarks" / "board.py"
)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture
def built(service: KanbanService) -> KanbanService:
    bench.build(service, 400, NOW)
    return service


def test_cards_are_spread_over_every_column_in_contiguous_positions(built) -> None:
    snapshot = built.snapshot(built.board().id)
    titles = sorted(card.title for card in snapshot.all_cards())
    assert titles == sorted(f"Benchmark card {n}" for n in range(1, 401))
    for column in snapshot.columns:
        cards = snapshot.cards_in(column.id)
        assert len(cards) >= 20
        assert [card.position for card in cards] == list(range(len(cards)))
        assert [card.entered_at for card in cards] == sorted(c.entered_at for c in cards)


def test_each_cards_events_lead_to_where_it_is(built) -> None:
    board = built.board()
    events = built.events(board.id)
    assert all(e.at <= NOW for e in events)
    by_card: dict[int, list] = {}
    for event in events:
        by_card.setdefault(event.card_id, []).append(event)
    for card in built.snapshot(board.id).all_cards():
        own = by_card[card.id]
        assert own[0].kind is EventKind.CREATE and own[0].at == card.created_at
        entries = [e for e in own if e.kind in (EventKind.CREATE, EventKind.MOVE)]
        assert entries[-1].to_column_id == card.column_id and entries[-1].at == card.entered_at
        for before, after in zip(entries, entries[1:], strict=False):
            assert after.from_column_id == before.to_column_id
        blocks = [e for e in own if e.kind is EventKind.BLOCK]
        assert [e.at for e in blocks] == ([card.blocked_at] if card.blocked else [])


def test_some_cards_are_blocked_and_some_age(built) -> None:
    view = build_view(built.snapshot(built.board().id), NOW, UTC)
    cards = view.cards()
    assert 1 <= sum(c.card.blocked for c in cards) <= 20
    levels = Counter(c.aging for c in cards)
    assert levels[Aging.WARNING] and levels[Aging.CRITICAL] and levels[Aging.OK]


def test_the_service_keeps_working_on_it(built) -> None:
    board = built.board()
    card = built.snapshot(board.id).all_cards()[0]
    columns = built.columns(board.id)
    right = next(i for i, c in enumerate(columns) if c.id == card.column_id) + 1
    moved = built.move_card(card.id, columns[right].id).card
    cards = built.snapshot(board.id).cards_in(moved.column_id)
    assert cards[-1].id == card.id
    assert [c.position for c in cards] == list(range(len(cards)))


def test_a_database_with_cards_is_refused(built) -> None:
    with pytest.raises(UsageError, match="has cards already"):
        bench.build(built, 10, NOW)
    assert len(built.snapshot(built.board().id).all_cards()) == 400


def test_the_script_reports_what_it_wrote(tmp_path: Path, capsys) -> None:
    db = tmp_path / "bench.db"
    assert bench.main(["--cards", "50", "--db", str(db), "--now", "2026-11-24T09:00Z"]) == 0
    assert capsys.readouterr().out.startswith("50 cards, ")
    assert bench.main(["--cards", "50", "--db", str(db)]) == 2


def test_on_postgresql_the_service_adds_cards_after_the_built_ones(postgres_url: str) -> None:
    service = KanbanService.open(postgres_url, clock=lambda: NOW)
    try:
        bench.build(service, 50, NOW)
        added = service.add_card(service.board().id, "After the benchmark's cards").card
        assert added.id == 51
    finally:
        service.close()


def test_on_postgresql_the_built_tables_are_vacuumed_and_analyzed(postgres_url: str) -> None:
    """As the server's autovacuum would within a minute, but before the first measure."""
    service = KanbanService.open(postgres_url, clock=lambda: NOW)
    try:
        bench.build(service, 50, NOW)
        with service.engine.connect() as conn:
            done = conn.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema()"
                " AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"
            ).scalars()
            assert set(done) == {table.name for table in bench.TABLES}
    finally:
        service.close()


def test_its_stored_logs_are_current_and_what_the_events_give(built) -> None:
    board_id = built.board().id
    with built.store.read() as uow:
        assert uow.stored_logs(board_id, uow.columns(board_id), NOW) is not None
    assert built.history(board_id, NOW, UTC) == built.history(
        board_id, NOW, UTC, built.events(board_id)
    )


def test_weeks_spread_the_cards_and_each_moves_within_four_weeks(service) -> None:
    bench.build(service, 300, NOW, weeks=100)
    history = service.history(service.board().id, NOW, UTC)
    created = [t.created for t in history.cards]
    assert NOW - min(created) > timedelta(weeks=90)
    assert all(t.stays[-1].entered - t.created <= timedelta(weeks=4) for t in history.cards)
