"""Each card's stored log (``card_flows``) is what the whole event log gives: after any
sequence of changes, the history read from the stored rows equals the history rebuilt from the
events, and a stored row that could be out of date is never used."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rich.console import Console
from sqlalchemy import select, text

from kanban.clock import to_utc
from kanban.domain.metrics.history import History, Stay, card_logs
from kanban.domain.metrics.report import MetricsReport
from kanban.domain.models import ClassOfService, ColumnKind, WorkType
from kanban.errors import StaleCard, UsageError
from kanban.reports.json_report import dumps
from kanban.reports.metrics_json import metrics_json
from kanban.reports.metrics_markdown import metrics_markdown
from kanban.reports.metrics_text import print_metrics
from kanban.services import KanbanService
from kanban.services.metrics import metrics_report, settled_before
from kanban.storage import flows
from kanban.storage.schema import CARD_FLOWS
from tests.conftest import MutableClock
from tests.summaries import said, whole_summary

START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 9)),
    st.tuples(st.just("shift"), st.integers(0, 99), st.sampled_from([-2, -1, 1, 1, 2])),
    st.tuples(st.just("block"), st.integers(0, 99)),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("type"), st.integers(0, 99), st.sampled_from(list(WorkType))),
    st.tuples(st.just("class"), st.integers(0, 99), st.sampled_from(list(ClassOfService))),
    st.tuples(st.just("due"), st.integers(0, 99), st.one_of(st.none(), st.integers(-5, 10))),
    st.tuples(st.just("add column"), st.integers(0, 9), st.sampled_from(list(ColumnKind))),
    st.tuples(st.just("remove column"), st.integers(0, 9)),
    st.tuples(st.just("wait"), st.integers(-30, 60 * 24 * 3)),  # minutes; back in time too
    st.tuples(st.just("move"), st.integers(0, 99), st.integers(0, 9)),
)


def _apply(service: KanbanService, clock: MutableClock, board_id: int, op: tuple) -> None:
    columns = service.columns(board_id)
    cards = [c for cards in service.snapshot(board_id).cards.values() for c in cards]
    name = op[0]
    if name == "wait":
        clock.set(clock.current + timedelta(minutes=op[1]))
    elif name == "add":
        service.add_card(board_id, "t", column=columns[op[1] % len(columns)].id)
    elif name == "undo":
        service.undo()
    elif name == "card":  # a card's way: added, moved right to column op[1], op[2] min apart
        card = service.add_card(board_id, "t", column=columns[0].id).card
        for column in columns[1 : op[1] % len(columns) + 1]:
            clock.set(clock.current + timedelta(minutes=op[2]))
            service.move_card(card.id, column.id)
    elif name == "add column":
        after = columns[op[1] % len(columns)].name
        service.add_column(board_id, f"c{len(columns)}-{op[1]}", op[2], after=after)
    elif name == "remove column":
        if len(columns) > 2:
            service.remove_column(board_id, columns[op[1] % len(columns)].name)
    elif cards:
        card = cards[op[1] % len(cards)]
        if name == "move":
            service.move_card(card.id, columns[op[2] % len(columns)].id)
        elif name == "shift":
            index = next(i for i, c in enumerate(columns) if c.id == card.column_id) + op[2]
            if 0 <= index < len(columns):
                service.move_card(card.id, columns[index].id)
        elif name == "block":
            if card.blocked:
                service.unblock_card(card.id)
            else:
                service.block_card(card.id, "waiting on a vendor")
        elif name == "delete":
            service.delete_card(card.id)
        elif name == "class":
            service.edit_card(card.id, class_of_service=op[2])
        elif name == "due":
            due = None if op[2] is None else START.date() + timedelta(days=op[2])
            service.edit_card(card.id, due_date=due)
        else:
            service.edit_card(card.id, type=op[2])


def _rebuilt(service: KanbanService, board_id: int, now: datetime) -> History:
    """The history from the whole event log, as before the rows existed."""
    return service.history(board_id, now, UTC, service.events(board_id))


def _stored(service: KanbanService, board_id: int, now: datetime) -> flows.Stored | None:
    with service.store.read() as uow:
        return uow.stored_logs(board_id, uow.columns(board_id), now)


def _rows(service: KanbanService, board_id: int) -> list[tuple]:
    with service.store.engine.connect() as connection:
        found = connection.execute(
            select(CARD_FLOWS)
            .where(CARD_FLOWS.c.board_id == board_id)
            .order_by(CARD_FLOWS.c.card_id)
        )
        return [  # times as UTC instants, whichever database stored them
            tuple(to_utc(v) if isinstance(v, datetime) else v for v in row) for row in found
        ]


def _assert_agree(service: KanbanService, board_id: int, now: datetime) -> None:
    stored = _stored(service, board_id, now)
    assert stored is not None  # every change went through the service: the rows are current
    events = service.events(board_id)
    logs = card_logs(events)
    assert stored.logs == {card: log for card, log in logs.items() if not log.deleted}
    assert service.history(board_id, now, UTC) == _rebuilt(service, board_id, now)
    board = next(b for b in service.boards() if b.id == board_id)
    rebuilt = service.aging_rule(board, now, UTC, _rebuilt(service, board_id, now))
    assert service.aging_rule(board, now, UTC) == rebuilt
    # The rows kept write by write are the rows a rebuild from the log makes.
    kept = _rows(service, board_id)
    with service.store.engine.begin() as connection:
        flows.rebuild(connection, board_id)
    assert _rows(service, board_id) == kept


@contextmanager
def _played(folder: Path, ops: list[tuple]) -> Iterator[tuple[KanbanService, int, datetime]]:
    """A new board after ``ops`` (the refused ones write nothing), and an hour later."""
    clock = MutableClock(START)
    service = KanbanService.open(folder / "kanban.db", clock=clock)
    try:
        board_id = service.board().id
        for op in ops:
            try:
                _apply(service, clock, board_id, op)
            except (UsageError, StaleCard):
                # refused: nothing written (a strict limit; an undo of a card changed since,
                # e.g. once the undo of its later change failed, its column removed)
                pass
        yield service, board_id, max(clock.current, START) + timedelta(hours=1)
    finally:
        service.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operation, min_size=1, max_size=40))
def test_the_stored_logs_are_what_the_event_log_gives(tmp_path_factory, ops) -> None:
    with _played(tmp_path_factory.mktemp("flows"), ops) as (service, board_id, now):
        _assert_agree(service, board_id, now)


def _scenario(service: KanbanService, clock: MutableClock) -> int:
    """Backward moves, a reopen, deletes, undo, blocks, a type change, columns added and
    removed (a removed column's id may be given again on SQLite)."""
    board_id = service.board().id

    def later(hours: int) -> None:
        clock.set(clock.current + timedelta(hours=hours))

    a = service.add_card(board_id, "a").card
    b = service.add_card(board_id, "b", column="In Progress").card
    c = service.add_card(board_id, "c", type=WorkType.CHANGE).card
    later(5)
    service.move_card(a.id, "In Progress")
    service.move_card(b.id, "Review")
    service.block_card(a.id, "vendor")
    later(20)
    service.move_card(b.id, "Done")
    service.move_card(b.id, "Review")  # reopened
    service.undo()  # ... and not
    service.unblock_card(a.id)
    service.move_card(c.id, "Ready")
    service.delete_card(c.id)
    service.undo()  # restored
    later(30)
    service.add_column(board_id, "Test", ColumnKind.QUEUE, after="Review")
    service.move_card(a.id, "Test")
    service.move_card(a.id, "Ready")  # back: its entries above Ready forgotten
    service.edit_card(a.id, type=WorkType.UNPLANNED)
    service.remove_column(board_id, "Test")
    service.add_column(board_id, "Verify", ColumnKind.ACTIVE, after="Review")
    service.move_card(c.id, "Verify")
    later(2)
    service.delete_card(b.id)
    return board_id


def test_the_stored_logs_follow_every_kind_of_change(service, clock) -> None:
    board_id = _scenario(service, clock)
    _assert_agree(service, board_id, clock.current)
    assert len(_stored(service, board_id, clock.current).logs) == 2  # b deleted


def test_rows_behind_the_log_are_not_read_and_the_next_write_makes_them_again(
    service, clock
) -> None:
    board_id = _scenario(service, clock)
    card = service.add_card(board_id, "written by hand").card
    with service.store.engine.begin() as connection:  # an event the rows did not see
        connection.execute(
            text(
                "INSERT INTO events (board_id, card_id, at, kind, from_column_id, to_column_id,"
                " details) VALUES (:board, :card, :at, 'move', :from_, :to, '{}')"
            ),
            {
                "board": board_id,
                "card": card.id,
                "at": clock.current,
                "from_": card.column_id,
                "to": service.column(board_id, "Done").id,
            },
        )
    assert _stored(service, board_id, clock.current) is None  # behind: the events are read
    history = service.history(board_id, clock.current, UTC)
    assert history == _rebuilt(service, board_id, clock.current)
    assert next(t for t in history.cards if t.card_id == card.id).finished == clock.current
    service.add_card(board_id, "the next write")
    _assert_agree(service, board_id, clock.current)


def test_a_history_asked_before_the_last_event_is_read_from_the_events(service, clock) -> None:
    board_id = _scenario(service, clock)
    earlier = clock.current - timedelta(hours=40)
    assert _stored(service, board_id, earlier) is None
    assert service.history(board_id, earlier, UTC) == _rebuilt(service, board_id, earlier)


@pytest.mark.sqlite_only("the upgrade of a SQLite file written by the schema-5 kanban")
def test_an_upgrade_to_schema_6_makes_every_boards_rows(db_path: Path, clock) -> None:
    service = KanbanService.open(db_path, clock=clock)
    board_id = _scenario(service, clock)
    service.close()
    with KanbanService.open(db_path, clock=clock).store.engine.begin() as connection:
        connection.execute(text("DROP TABLE card_flows"))
        connection.execute(text("DROP INDEX ix_events_board_card"))
        connection.execute(text("DROP INDEX ix_cards_column_live"))  # schema 7's
        connection.execute(
            text("CREATE INDEX ix_cards_column_position ON cards (column_id, position)")
        )
        connection.execute(text("DELETE FROM kanban_meta WHERE key LIKE 'flows:%'"))
        connection.execute(text("UPDATE kanban_meta SET value = '5' WHERE key = 'schema_version'"))
    service = KanbanService.open(db_path, clock=clock)
    try:
        _assert_agree(service, board_id, clock.current)
    finally:
        service.close()


def test_an_import_makes_the_rows_again(service, clock, tmp_path) -> None:
    from kanban.services.transfer import export_database, import_database

    board_id = _scenario(service, clock)
    data = export_database(service)
    assert "card_flows" not in data
    copy = KanbanService.open(tmp_path / "copy.db", clock=clock, ensure_default=False)
    try:
        import_database(copy, data)
        _assert_agree(copy, board_id, clock.current)
        assert _rows(copy, board_id) == _rows(service, board_id)
    finally:
        copy.close()


def _assert_same_summary(service: KanbanService, board_id: int, now: datetime, standup: bool):
    """The summary says what the summary of the whole board and history says."""
    summary = service.summary(board_id, now, UTC, standup=standup)
    whole = whole_summary(service, board_id, now, standup, _rebuilt(service, board_id, now))
    assert said(summary, UTC) == said(whole, UTC)


long_wait = st.tuples(st.just("wait"), st.integers(0, 60 * 24 * 40))  # up to 40 days
finish = st.tuples(st.just("move"), st.integers(0, 99), st.just(4))  # to Done


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(operation, long_wait, finish), min_size=1, max_size=60))
def test_the_summary_reads_no_settled_card_and_says_the_same(tmp_path_factory, ops) -> None:
    with _played(tmp_path_factory.mktemp("settled"), ops) as (service, board_id, now):
        for standup in (False, True):
            _assert_same_summary(service, board_id, now, standup)


def test_a_card_settled_long_ago_is_not_read_by_the_summary(service, clock) -> None:
    board_id = service.board().id
    old = service.add_card(board_id, "finished long ago").card
    service.move_card(old.id, "Done")
    clock.set(clock.current + timedelta(days=120))
    recent = service.add_card(board_id, "finished today").card
    service.move_card(recent.id, "Done")
    with service.store.read() as uow:
        columns = uow.columns(board_id)
        every = uow.stored_logs(board_id, columns, clock.current)
        window = uow.stored_logs(
            board_id, columns, clock.current, settled=clock.current - timedelta(days=92)
        )
    assert set(every.logs) == {old.id, recent.id}
    assert set(window.logs) == {recent.id}
    now = clock.current
    _assert_same_summary(service, board_id, now, True)


def test_the_summary_reads_no_card_never_started(service, clock) -> None:
    board_id = service.board().id
    waiting = service.add_card(board_id, "still in the backlog").card
    back = service.add_card(board_id, "started, then moved back").card
    service.move_card(back.id, "Ready")
    clock.set(clock.current + timedelta(days=1))
    service.move_card(back.id, "Backlog")
    with service.store.read() as uow:
        columns = uow.columns(board_id)
        every = uow.stored_logs(board_id, columns, clock.current)
        started = uow.stored_logs(board_id, columns, clock.current, started_only=True)
    assert set(every.logs) == {waiting.id, back.id}
    assert set(started.logs) == {back.id}
    now = clock.current
    _assert_same_summary(service, board_id, now, True)


def test_a_card_finished_inside_the_windows_counts_and_one_past_done_is_read(service, clock):
    board_id = service.board().id
    service.add_column(board_id, "Verify", ColumnKind.ACTIVE, after="Done")  # work after done
    start = clock.current
    for n in range(6):  # cycle times for the percentile rule, finished 60 days before now
        card = service.add_card(board_id, f"c{n}", column="In Progress").card
        clock.set(clock.current + timedelta(hours=n + 1))
        service.move_card(card.id, "Done")
    checked = service.add_card(board_id, "checked", column="In Progress").card
    service.move_card(checked.id, "Done")
    service.move_card(checked.id, "Verify")  # finished, then in a column past done
    clock.set(start + timedelta(days=60))
    now = clock.current
    for standup in (False, True):
        _assert_same_summary(service, board_id, now, standup)
    assert service.summary(board_id, now, UTC).view.aging_rule.percentiles
    clock.set(start + timedelta(days=130))  # the window now starts after every finish
    now = clock.current
    _assert_same_summary(service, board_id, now, False)


def test_a_column_added_before_others_moves_starts_and_finishes(service, clock) -> None:
    board_id = service.board().id
    service.add_column(board_id, "Later", ColumnKind.BACKLOG, after="Backlog")
    waiting = service.add_card(board_id, "waiting", column="Later").card
    doing = service.add_card(board_id, "doing", column="Ready").card
    clock.set(clock.current + timedelta(hours=3))
    service.move_card(doing.id, "In Progress")
    # A done column before In Progress: what is past it counts as finished from then on; an
    # active column before Later: what is in Later counts as started.
    service.add_column(board_id, "Shipped", ColumnKind.DONE, after="Ready")
    service.add_column(board_id, "Triage", ColumnKind.ACTIVE, after="Backlog")
    _assert_agree(service, board_id, clock.current)
    cards = {t.card_id: t for t in service.history(board_id, clock.current, UTC).cards}
    assert cards[waiting.id].started is not None
    assert cards[doing.id].finished == clock.current


def _whole_history(service: KanbanService, board_id: int, now: datetime, tz, days: int = 90):
    """What ``metrics_history`` gave before it read a window: every card, from the events."""
    return service.history(board_id, now, tz, service.events(board_id))


def _renderings(report: MetricsReport) -> tuple[str, str, str]:
    """The report as ``kanban metrics`` prints it: text, Markdown and JSON."""
    out = io.StringIO()
    print_metrics(report, Console(file=out, width=120, color_system=None))
    return out.getvalue(), metrics_markdown(report), dumps(metrics_json(report))


def _assert_same_report(service: KanbanService, board_id: int, now: datetime, tz, days: int):
    windowed = metrics_report(service, board_id, now, tz, days)
    with patch("kanban.services.metrics.metrics_history", _whole_history):
        whole = metrics_report(service, board_id, now, tz, days)
    assert windowed.metrics == whole.metrics
    assert windowed.constraint == whole.constraint
    assert (windowed.last_7_days, windowed.wip) == (whole.last_7_days, whole.wip)
    assert windowed.aging_rule == whole.aging_rule
    assert _renderings(windowed) == _renderings(whole)
    return windowed


# A card's way: its moves minutes to days apart, or each behind the one before (a clock behind)
gap = st.one_of(st.integers(0, 60 * 24 * 20), st.integers(-30, -1))
life = st.tuples(st.just("card"), st.sampled_from([4, 3, 2, 1, 0]), gap)
# Cards' ways, each followed by up to two other changes
lives = st.lists(
    st.tuples(life, st.lists(st.one_of(operation, long_wait), max_size=2)), min_size=1, max_size=12
).map(lambda found: [op for way, others in found for op in (way, *others)])
ZONES = [UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("America/Los_Angeles")]  # +14, -8/-7


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lives,
    st.integers(60 * 24 * 80, 60 * 24 * 300),  # a quiet spell of 80 to 300 days: cards settle
    st.one_of(st.just([]), lives),
    st.booleans(),
    st.sampled_from(ZONES),
)
def test_the_metrics_read_no_settled_card_and_say_the_same(
    tmp_path_factory, before, quiet, after, business, tz
) -> None:
    ops = [*before, ("wait", quiet), *after]
    with _played(tmp_path_factory.mktemp("metrics"), ops) as (service, board_id, now):
        if business:
            service.set_business_days(board_id, True)
        for days in (1, 7, 90, 400):
            report = _assert_same_report(service, board_id, now, tz, days)
            if days == 90:  # how often: pytest --hypothesis-show-statistics (about half)
                event("settled cards" if report.history.settled else "no settled card")


def test_a_card_finished_long_ago_counts_in_done_without_its_log_read(service, clock) -> None:
    board_id = service.board().id
    done = service.column(board_id, "Done").id
    old = service.add_card(board_id, "finished long ago", column="In Progress").card
    clock.set(clock.current + timedelta(days=2))
    service.move_card(old.id, "Done")
    entered = clock.current
    clock.set(clock.current + timedelta(days=200))
    recent = service.add_card(board_id, "finished today", column="In Progress").card
    service.move_card(recent.id, "Done")
    now = clock.current
    cut = settled_before(now, UTC, 90)
    with service.store.read() as uow:
        stored = uow.stored_logs(board_id, uow.columns(board_id), now, cut)
        stays = uow.settled_stays(board_id, cut)
    assert set(stored.logs) == {recent.id}  # the old card's log is not decoded ...
    assert stays == (Stay(done, entered),)  # ... only its open stay is read
    report = _assert_same_report(service, board_id, now, UTC, 90)
    assert [t.card_id for t in report.history.cards] == [recent.id]
    assert report.history.settled == stays
    # ... yet it counts in Done's time per stay (201 days and 1), cards and CFD, every day.
    times = {t.column_id: t for t in report.metrics.column_times}
    assert (times[done].stays, times[done].mean_days) == (2, 101.0)
    assert report.metrics.waits[-1].wip == 2
    done_line = report.metrics.cfd.line(len(report.metrics.cfd.columns) - 1)
    assert done_line == (1,) * 89 + (2,)
    # A window reaching back to its finish reads its log.
    assert old.id in {
        t.card_id for t in metrics_report(service, board_id, now, UTC, 400).history.cards
    }


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lives,
    st.integers(60 * 24 * 80, 60 * 24 * 300),  # a quiet spell: cards settle, others go quiet
    st.one_of(st.just([]), lives),
)
def test_the_summary_reads_only_what_its_windows_see_and_says_the_same(
    tmp_path_factory, before, quiet, after
) -> None:
    ops = [*before, ("wait", quiet), *after]
    with _played(tmp_path_factory.mktemp("summary"), ops) as (service, board_id, now):
        for standup in (False, True):
            _assert_same_summary(service, board_id, now, standup)


def test_a_card_left_alone_long_ago_counts_without_its_log_read(service, clock) -> None:
    """A card with no event since before the windows (in progress, moved back and forth
    long ago): only what the windows see of it is read, and it counts as the whole log says."""
    board_id = service.board().id
    review = service.column(board_id, "Review").id
    old = service.add_card(board_id, "left alone in review", type=WorkType.UNPLANNED).card
    service.move_card(old.id, "Review")
    clock.set(clock.current + timedelta(days=1))
    service.move_card(old.id, "In Progress")
    clock.set(clock.current + timedelta(days=1))
    service.move_card(old.id, "Review")
    entered = clock.current
    clock.set(clock.current + timedelta(days=150))
    recent = service.add_card(board_id, "started today", column="In Progress").card
    now = clock.current
    cut = settled_before(now, UTC, 90)
    with service.store.read() as uow:
        stored = uow.stored_logs(board_id, uow.columns(board_id), now, cut)
    assert set(stored.logs) == {recent.id}  # the old card's log is not decoded ...
    assert [(q.card_id, q.column_id, q.entered) for q in stored.quiet] == [
        (old.id, review, entered)
    ]
    report = _assert_same_report(service, board_id, now, UTC, 90)
    ages = {age.card_id: age.days for age in report.metrics.ages}
    assert ages[old.id] == 153  # ... yet its age, its stay in Review and its type count
    times = {t.column_id: t for t in report.metrics.column_times}
    assert (times[review].stays, times[review].mean_days) == (1, 151.0)
    assert report.metrics.unplanned.wip.part == 1
    _assert_same_summary(service, board_id, now, True)
