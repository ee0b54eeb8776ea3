from datetime import UTC, date, datetime, timedelta

import pendulum
import pytest

from kanban.domain.board_view import build_view
from kanban.domain.metrics.history import build_history
from kanban.domain.models import Board, ColumnKind, Event, EventKind
from kanban.domain.summary import build_summary, previous_working_day, standup_since
from tests.domain.factories import T0, card, column, snapshot


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), date(2026, 11, 20)),  # Monday -> Friday
        (date(2026, 11, 24), date(2026, 11, 23)),  # Tuesday -> Monday
        (date(2026, 11, 28), date(2026, 11, 27)),  # Saturday -> Friday
        (date(2026, 11, 29), date(2026, 11, 27)),  # Sunday -> Friday
    ],
)
def test_previous_working_day(today: date, expected: date) -> None:
    assert previous_working_day(today) == expected


def test_standup_starts_at_local_midnight() -> None:
    # Monday 2026-11-23 08:00 in New York is 13:00 UTC; the window opens on Friday 00:00 New
    # York time, which is 05:00 UTC.
    ny = pendulum.timezone("America/New_York")
    since = standup_since(datetime(2026, 11, 23, 13, 0, tzinfo=UTC), ny)
    assert since.astimezone(UTC) == datetime(2026, 11, 20, 5, 0, tzinfo=UTC)


def _event(id: int, card_id: int, at: datetime, kind: EventKind, src=None, dst=None) -> Event:
    return Event(id, 1, card_id, at, kind, src, dst)


def test_standup_lists_finished_moved_and_newly_blocked_since_the_window() -> None:
    backlog = column(1, ColumnKind.BACKLOG, name="Backlog")
    dev = column(2, ColumnKind.ACTIVE, limit=3, name="Dev")
    done = column(3, ColumnKind.DONE, name="Done")
    blocked = card(2, 2)
    blocked.blocked_reason, blocked.blocked_at = "vendor", T0
    cards = [card(1, 3), blocked, card(3, 2), card(4, 3)]
    snap = snapshot([backlog, dev, done], cards)
    monday = T0 - timedelta(days=1)  # T0 is Tuesday 09:00 UTC
    events = [
        _event(1, 1, monday, EventKind.MOVE, 2, 3),  # finished Monday
        _event(2, 3, monday, EventKind.MOVE, 1, 2),  # moved Backlog -> Dev
        _event(3, 2, T0, EventKind.BLOCK),  # newly blocked
        _event(4, 4, T0 - timedelta(days=3), EventKind.MOVE, 2, 3),  # finished Saturday: before
    ]
    zone = pendulum.timezone("UTC")
    summary = build_summary(build_view(snap, T0, zone), zone, events, standup=True)
    assert summary.standup is not None
    assert summary.standup.since == datetime(2026, 11, 23, tzinfo=UTC)
    assert [c.id for c in summary.standup.finished] == [1]
    moved = [(c.id, c.from_column, c.column) for c in summary.standup.moved]
    assert moved == [(3, "Backlog", "Dev")]
    assert [(c.id, c.reason) for c in summary.standup.newly_blocked] == [(2, "vendor")]
    assert [v.column.name for v in summary.columns] == ["Done", "Dev", "Backlog"]


def test_plain_summary_keeps_left_to_right_order_and_lists_aging_and_blocked() -> None:
    dev = column(1, ColumnKind.ACTIVE, limit=1, name="Dev")
    old = card(1, 1, entered=T0 - timedelta(days=6))  # 7 days: critical
    mid = card(2, 1, entered=T0 - timedelta(days=2))  # 3 days: warning
    mid.blocked_reason, mid.blocked_at = "waiting", T0 - timedelta(days=1)
    zone = pendulum.timezone("UTC")
    summary = build_summary(build_view(snapshot([dev], [old, mid]), T0, zone), zone)
    assert summary.standup is None
    assert [(c.card.id, c.aging.value, c.days_in_column) for c in summary.aging] == [
        (1, "critical", 7),
        (2, "warning", 3),
    ]
    assert [(c.card.id, c.days_blocked) for c in summary.blocked] == [(2, 2)]
    assert [v.column.name for v in summary.breaches] == ["Dev"]


def test_standup_with_history_rates_finished_cards_against_the_team_sle() -> None:
    # The team set the SLE to 2 days (no history needed). Card 1 started Sat 21 and finished
    # Mon 23: 23 - 21 + 1 = 3 days > 2, past it; card 2 was created in Dev and finished on
    # Mon 23: 1 day, within. Card 3 is in progress since Sun 22: age 24 - 22 + 1 = 3 days.
    dev = column(1, ColumnKind.ACTIVE, name="Dev")
    done = column(2, ColumnKind.DONE, name="Done")
    board = Board(1, "Test", sle_days=2)
    snap = snapshot([dev, done], [card(1, 2), card(2, 2), card(3, 1)], board)
    saturday, monday = T0 - timedelta(days=3), T0 - timedelta(days=1)
    events = [
        _event(1, 1, saturday, EventKind.CREATE, None, 1),
        _event(2, 3, saturday + timedelta(days=1), EventKind.CREATE, None, 1),
        _event(3, 2, monday, EventKind.CREATE, None, 1),
        _event(4, 1, monday, EventKind.MOVE, 1, 2),
        _event(5, 2, monday, EventKind.MOVE, 1, 2),
    ]
    zone = pendulum.timezone("UTC")
    history = build_history([dev, done], events, T0, zone)
    view = build_view(snap, T0, zone)
    summary = build_summary(view, zone, events, standup=True, history=history)
    standup = summary.standup
    assert standup is not None and standup.flow is not None
    assert [(c.id, c.cycle_time, c.past_sle) for c in standup.finished] == [
        (1, 3, True),
        (2, 1, False),
    ]
    assert (standup.flow.sle.days, standup.flow.sle.set_by_team) == (2, True)
    assert (standup.flow.wip, standup.flow.average_age) == (1, 3.0)
    # Without the history the standup has no figures and no cycle times.
    bare = build_summary(view, zone, events, standup=True).standup
    assert bare is not None and bare.flow is None
    assert [c.cycle_time for c in bare.finished] == [None, None]


def test_the_standup_walk_names_only_cards_to_talk_about_right_to_left() -> None:
    backlog = column(1, ColumnKind.BACKLOG, name="Backlog")
    dev = column(2, ColumnKind.ACTIVE, limit=3, name="Dev")
    test = column(3, ColumnKind.QUEUE, name="Test")
    old = card(1, 2, entered=T0 - timedelta(days=6))  # 7 days in Dev: critical
    fresh = card(2, 2)  # 1 day: nothing to say
    stuck = card(3, 3)  # 1 day in Test, but blocked
    stuck.blocked_reason, stuck.blocked_at = "vendor", T0
    idle = card(4, 1, entered=T0 - timedelta(days=30))  # the backlog does not age
    zone = pendulum.timezone("UTC")
    view = build_view(snapshot([backlog, dev, test], [old, fresh, stuck, idle]), T0, zone)
    walk = build_summary(view, zone, [], standup=True).walk
    assert [(v.column.name, [c.card.id for c in cards]) for v, cards in walk] == [
        ("Test", [3]),
        ("Dev", [1]),
        ("Backlog", []),
    ]
    plain = build_summary(view, zone).walk  # left to right without a standup
    assert [v.column.name for v, _ in plain] == ["Backlog", "Dev", "Test"]


def test_the_standup_names_overdue_cards_and_those_due_within_two_days() -> None:
    # T0 is Tuesday 24 Nov 09:00 UTC.
    ready = column(1, ColumnKind.QUEUE, name="Ready")
    dev = column(2, ColumnKind.ACTIVE, name="Dev")
    done = column(3, ColumnKind.DONE, name="Done")
    due = {
        1: date(2026, 11, 21),  # Ready: 3 days overdue
        2: date(2026, 11, 24),  # Dev: due today
        3: date(2026, 11, 26),  # Dev: in 2 days
        4: date(2026, 11, 27),  # Dev: in 3 days, not named
        5: date(2026, 11, 20),  # Done: finished, not named
        6: date(2026, 11, 26),  # Ready: in 2 days, after #3 (Dev, right of Ready)
        7: None,
    }
    where = {1: 1, 2: 2, 3: 2, 4: 2, 5: 3, 6: 1, 7: 2}
    cards = []
    for id_, column_id in where.items():
        found = card(id_, column_id)
        found.due_date = due[id_]
        cards.append(found)
    snap = snapshot([ready, dev, done], cards)
    zone = pendulum.timezone("UTC")
    standup = build_summary(build_view(snap, T0, zone), zone, [], standup=True).standup
    assert [(d.view.card.id, d.days_left, d.overdue_days) for d in standup.due] == [
        (1, -3, 3),
        (2, 0, None),
        (3, 2, None),
        (6, 2, None),
    ]
    # Local dates: at 21:00 UTC it is already Wednesday 25 Nov in Auckland (UTC+13), so #2 is
    # a day overdue and #4 due in 2 days.
    auckland, evening = pendulum.timezone("Pacific/Auckland"), T0 + timedelta(hours=12)
    view = build_view(snap, evening, auckland)
    standup = build_summary(view, auckland, [], standup=True).standup
    assert [(d.view.card.id, d.days_left) for d in standup.due] == [
        (1, -4),
        (2, -1),
        (3, 1),
        (6, 1),
        (4, 2),
    ]
    plain = build_summary(build_view(snap, T0, zone), zone)
    assert plain.standup is None  # only the standup names them
