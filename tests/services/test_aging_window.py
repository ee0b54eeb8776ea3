"""The aging rule reads only the events that can change it (the cards active in its window and
the live cards not done): over random histories it is the rule the whole history gives."""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kanban.domain.models import ColumnKind
from kanban.errors import KanbanError
from kanban.services import KanbanService
from tests.conftest import MutableClock

operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 4)),
    st.tuples(st.just("add"), st.just(-1)),  # straight into the last column (often Done)
    st.tuples(st.just("shift"), st.integers(0, 9), st.sampled_from([-1, 1, 1, 1])),
    st.tuples(st.just("block"), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
    st.tuples(st.just("undo"), st.just(0)),
    st.tuples(st.just("remove column"), st.integers(0, 4)),
    st.tuples(st.just("add column"), st.integers(0, 3)),
)
# hours between two changes: mostly hours, now and then weeks (the window is 90 days)
step = st.one_of(st.integers(1, 30), st.integers(1, 30), st.integers(1, 30), st.integers(1, 1500))


def _apply(service: KanbanService, board_id: int, op: tuple) -> None:
    kind, n, *rest = op
    columns = service.columns(board_id)
    cards = service.snapshot(board_id).all_cards()
    if not columns and kind in ("add", "remove column"):
        return  # every column removed: nothing to add to or remove
    if kind == "add":
        service.add_card(board_id, "t", column=columns[n % len(columns)].id)
    elif kind == "undo":
        service.undo()
    elif kind == "remove column":
        service.remove_column(board_id, columns[n % len(columns)].name)
    elif kind == "add column":
        kinds = [ColumnKind.QUEUE, ColumnKind.ACTIVE, ColumnKind.DONE, ColumnKind.BACKLOG]
        service.add_column(board_id, f"C{len(columns)}", kinds[n])
    elif cards:
        card = cards[n % len(cards)]
        if kind == "shift":
            index = next(i for i, c in enumerate(columns) if c.id == card.column_id) + rest[0]
            if 0 <= index < len(columns):
                service.move_card(card.id, columns[index].id)
        elif kind == "block":
            if card.blocked:
                service.unblock_card(card.id)
            else:
                service.block_card(card.id, "x")
        else:
            service.delete_card(card.id)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(operation, step), min_size=1, max_size=80))
def test_the_aging_rule_from_its_window_is_the_whole_historys(tmp_path_factory, ops):
    clock = MutableClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    service = KanbanService.open(tmp_path_factory.mktemp("aging") / "kanban.db", clock=clock)
    board = service.board()
    for op, hours in ops:
        clock.set(clock.current + timedelta(hours=hours))
        try:
            _apply(service, board.id, op)
        except KanbanError:
            pass  # refused (a column holding cards, nothing to undo): nothing changed
    snapshot = service.snapshot(board.id)
    for later in range(0, 181, 5):  # the window's edge passes each finish in turn
        now = clock.current + timedelta(days=later, hours=later % 24)
        whole = service.aging_rule(board, now, UTC, service.history(board.id, now, UTC))
        lean = service.aging_rule(board, now, UTC)
        assert lean == whole
        for column in snapshot.columns:
            if column.kind is not ColumnKind.DONE:
                for card in snapshot.cards_in(column.id):
                    assert lean.started.get(card.id) == whole.started.get(card.id)
    service.close()


def test_a_card_waiting_since_before_the_window_keeps_its_start(tmp_path):
    """A card left in Ready for months did nothing in the window: its start is read anyway,
    so its age is what the whole history gives (and cards done before the window count not)."""
    clock = MutableClock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    service = KanbanService.open(tmp_path / "kanban.db", clock=clock)
    board = service.board()
    ready, done = service.column(board.id, "Ready"), service.column(board.id, "Done")
    waiting = service.add_card(board.id, "waiting", column=ready.id).card
    for _ in range(5):
        service.add_card(board.id, "done long ago", column=done.id)
    clock.set(clock.current + timedelta(days=120))
    for _ in range(5):
        service.add_card(board.id, "done lately", column=done.id)
    rule = service.aging_rule(board, clock.current, UTC)
    whole = service.aging_rule(
        board, clock.current, UTC, service.history(board.id, clock.current, UTC)
    )
    assert rule == whole and rule.percentiles and rule.finished == 5
    assert (
        rule.started[waiting.id]
        == whole.started[waiting.id]
        == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    )
    service.close()
