"""The demo board: Parts Unlimited, written through the service with a real history.

Each requirement is checked on the board as a reader sees it (build_view) at several `now`
values: every weekday shape the standup cares about, a weekend, and a zone crossing DST.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pendulum
import pytest

from kanban.domain.board_view import BoardView, build_view
from kanban.domain.models import (
    Aging,
    Board,
    ClassOfService,
    ColumnKind,
    EventKind,
    WorkType,
)
from kanban.domain.people import PersonLoad, over_limit
from kanban.domain.summary import build_summary, previous_working_day
from kanban.errors import InvalidInput
from kanban.services import KanbanService
from kanban.services.demo import DEMO_BOARD, seed_demo

NEW_YORK = "America/New_York"
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
NOWS = [
    pytest.param(MONDAY, "UTC", id="monday"),
    pytest.param(datetime(2026, 11, 27, 23, 30, tzinfo=UTC), "UTC", id="friday-night"),
    pytest.param(datetime(2026, 11, 29, 12, 0, tzinfo=UTC), "UTC", id="sunday"),
    # 06:30 on the Monday after the clocks went forward, in New York (10:30 UTC).
    pytest.param(datetime(2026, 3, 9, 10, 30, tzinfo=UTC), NEW_YORK, id="monday-new-york-dst"),
]


@dataclass
class Seeded:
    service: KanbanService
    board: Board
    path: Path
    now: datetime
    zone: str

    @property
    def tz(self) -> pendulum.Timezone:
        return pendulum.timezone(self.zone)

    def view(self) -> BoardView:
        return self.service.view(self.board.id, self.now, self.tz)


Seed = Callable[[datetime, str], Seeded]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seed]:
    """One demo database per (now, zone), shared by the read-only tests of this module."""
    cache: dict[tuple[datetime, str], Seeded] = {}

    def get(now: datetime, zone: str) -> Seeded:
        if (now, zone) not in cache:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("TZ", zone)
                path = tmp_path_factory.mktemp("demo") / "demo.db"
                service = KanbanService.open(path, ensure_default=False)
                cache[now, zone] = Seeded(service, seed_demo(service, now), path, now, zone)
        return cache[now, zone]

    yield get
    for item in cache.values():
        item.service.close()


def test_the_board_has_the_standard_workflow(seeded: Seed) -> None:
    demo = seeded(MONDAY, "UTC")
    assert demo.board.name == DEMO_BOARD
    columns = [(c.name, c.kind, c.wip_limit) for c in demo.service.columns(demo.board.id)]
    assert columns == [
        ("Backlog", ColumnKind.BACKLOG, None),
        ("Ready", ColumnKind.QUEUE, 5),
        ("In Progress", ColumnKind.ACTIVE, 3),
        ("Review", ColumnKind.QUEUE, 2),
        ("Done", ColumnKind.DONE, None),
    ]


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_cards_of_all_four_types_of_work(seeded: Seed, now: datetime, zone: str) -> None:
    cards = seeded(now, zone).view().cards()
    assert 25 <= len(cards) <= 40
    assert {c.card.type for c in cards} == set(WorkType)
    assert {c.column.kind for c in cards} == set(ColumnKind)


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_a_column_is_over_its_limit(seeded: Seed, now: datetime, zone: str) -> None:
    view = seeded(now, zone).view()
    assert [(v.column.name, v.count) for v in view.breaches] == [("In Progress", 5)]
    assert view.bottleneck is not None and view.bottleneck.column.name == "In Progress"
    assert view.bottleneck.rule == "over limit"


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_cards_age_at_every_level_by_the_percentiles(
    seeded: Seed, now: datetime, zone: str
) -> None:
    # Twelve finished cards: enough history, so the board judges age by the percentiles and
    # shows every level (watch, warning, critical) and cards still fine.
    view = seeded(now, zone).view()
    rule = view.aging_rule
    assert rule.percentiles and rule.finished == 12
    assert rule.watch is not None and rule.watch < rule.warning < rule.critical
    levels = Counter(c.aging for c in view.cards() if c.age is not None)
    assert levels[Aging.WATCH] >= 1 and levels[Aging.WARNING] >= 1
    assert levels[Aging.CRITICAL] >= 2 and levels[Aging.OK] >= 1
    for card in view.cards():
        if card.age is not None:
            assert card.aging is rule.level(card.age)


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_cards_age_at_warning_and_critical_by_days_in_column(
    seeded: Seed, now: datetime, zone: str
) -> None:
    # The fixed rule (a board without history would use it) still flags both levels.
    seed = seeded(now, zone)
    cards = build_view(seed.service.snapshot(seed.board.id), seed.now, seed.tz).cards()
    levels = Counter(c.aging for c in cards)
    assert levels[Aging.WARNING] >= 2 and levels[Aging.CRITICAL] >= 2
    warning = [c.days_in_column for c in cards if c.aging is Aging.WARNING]
    assert min(warning) >= 3 and max(warning) < 7
    assert min(c.days_in_column for c in cards if c.aging is Aging.CRITICAL) >= 7


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_exactly_two_cards_are_blocked_with_reasons(seeded: Seed, now: datetime, zone: str) -> None:
    blocked = [c for c in seeded(now, zone).view().cards() if c.card.blocked]
    assert len(blocked) == 2
    assert all(len(c.card.blocked_reason or "") > 10 for c in blocked)
    assert all(c.column.kind.is_wip and (c.days_blocked or 0) >= 1 for c in blocked)


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_brent_holds_the_most_work_in_progress(seeded: Seed, now: datetime, zone: str) -> None:
    cards = seeded(now, zone).view().cards()
    load = Counter(c.card.assignee for c in cards if c.column.kind.is_wip)
    (first, most), (_, second) = load.most_common(2)
    assert first == "Brent" and most > second
    assert len({c.card.assignee for c in cards} - {None}) >= 4


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_brent_is_over_his_personal_limit_and_nobody_else_is(
    seeded: Seed, now: datetime, zone: str
) -> None:
    demo = seeded(now, zone)
    assert [(p.name, p.wip_limit) for p in demo.service.snapshot(demo.board.id).people] == [
        ("Brent", 3)
    ]
    assert over_limit(demo.view().people) == [PersonLoad("Brent", 5, 3)]


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_one_unplanned_card_is_in_the_expedite_lane_past_a_column_limit(
    seeded: Seed, now: datetime, zone: str
) -> None:
    view = seeded(now, zone).view()
    (lane,) = view.expedite
    assert (lane.card.type, lane.card.class_of_service) == (
        WorkType.UNPLANNED,
        ClassOfService.EXPEDITE,
    )
    assert lane.column.name == "In Progress" and len(view.expedite) <= view.board.expedite_limit
    others = [c for c in view.cards() if c is not lane]
    assert {c.card.class_of_service for c in others} == {ClassOfService.STANDARD}


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_every_card_has_a_history_that_leads_where_it_is(
    seeded: Seed, now: datetime, zone: str
) -> None:
    demo = seeded(now, zone)
    events = demo.service.events(demo.board.id)
    cards = demo.view().cards()
    assert all(e.at < now for e in events)
    assert timedelta(days=21) <= now - events[0].at <= timedelta(days=35)  # about four weeks
    for view in cards:
        own = [e for e in events if e.card_id == view.card.id]
        assert own[0].kind is EventKind.CREATE and own[0].at == view.card.created_at
        entries = [e for e in own if e.kind in (EventKind.CREATE, EventKind.MOVE)]
        assert entries[-1].to_column_id == view.card.column_id
        assert entries[-1].at == view.card.entered_at
        if view.card.blocked:
            assert [e for e in own if e.kind is EventKind.BLOCK][-1].at == view.card.blocked_at
    finished = [c for c in cards if c.column.kind is ColumnKind.DONE]
    assert all(len([e for e in events if e.card_id == c.card.id]) >= 2 for c in finished)
    kinds = {e.kind for e in events}
    assert {EventKind.UNBLOCK, EventKind.EDIT} <= kinds  # more than the happy path


@pytest.mark.parametrize(("now", "zone"), NOWS)
def test_the_standup_has_news_from_the_previous_working_day(
    seeded: Seed, now: datetime, zone: str
) -> None:
    demo = seeded(now, zone)
    events = demo.service.events(demo.board.id)
    standup = build_summary(demo.view(), demo.tz, events, standup=True).standup
    assert standup is not None
    assert standup.finished and standup.moved and standup.newly_blocked
    yesterday = previous_working_day(now.astimezone(demo.tz).date())
    assert standup.since.date() == yesterday
    recent = [e.at.astimezone(demo.tz).date() for e in events if e.at >= standup.since]
    assert set(recent) == {yesterday}


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return [line for line in con.iterdump() if "kanban_meta" not in line]


def test_the_same_now_gives_the_same_board(seeded: Seed, tmp_path: Path) -> None:
    service = KanbanService.open(tmp_path / "again.db", ensure_default=False)
    seed_demo(service, MONDAY)
    service.close()
    again = _dump(tmp_path / "again.db")
    assert again == _dump(seeded(MONDAY, "UTC").path)
    assert len(again) > 100


def test_a_second_demo_board_is_refused_and_other_boards_are_untouched(
    service: KanbanService, db_path: Path
) -> None:
    mine = service.board()
    service.add_card(mine.id, "My own card")
    before = service.snapshot(mine.id)
    seed_demo(service, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert [b.name for b in service.boards()] == ["Kanban", DEMO_BOARD]
    assert service.snapshot(mine.id) == before
    dump = _dump(db_path)
    with pytest.raises(InvalidInput, match="Parts Unlimited"):
        seed_demo(service, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert _dump(db_path) == dump


def test_each_change_names_the_demo_person_who_made_it(seeded: Seed) -> None:
    demo = seeded(MONDAY, "UTC")
    events = demo.service.events(demo.board.id)
    authors = Counter(e.author for e in events)
    assert set(authors) == {"Patty", "Brent", "Wes", "John", "Chris", "Maggie"}  # nobody else
    assert authors["Brent"] > 10
    first = events[0]
    assert (first.kind, first.author) == (EventKind.LIMIT, "Patty")  # she set the board up
    cards = {c.card.title: c.card.id for c in demo.view().cards()}
    kumquat = [
        e for e in events if e.card_id == cards["Kumquat servers: move off end-of-life hardware"]
    ]
    # Wes handed it to Brent, who then started it
    assert [(e.kind, e.author) for e in kumquat][-2:] == [
        (EventKind.EDIT, "Wes"),
        (EventKind.MOVE, "Brent"),
    ]
