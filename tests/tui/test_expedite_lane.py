"""The expedite lane across the top of the board: a band of the same height in every column,
holding the column's expedite cards, and no band at all while it holds none; moves keep a card
in the lane, up/down cross between the lane and the other cards, an expedite card passing a
limit shows ⚡, and the filter hides lane cards too."""

from __future__ import annotations

from pathlib import Path

from kanban.domain.models import ClassOfService
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.widgets.card_list import CardList
from tests.tui.board import (
    SIZE,
    card_list,
    column_view,
    fresh_snapshot,
    has_cursor,
    header,
    lines,
    titles,
)
from tests.tui.test_standup_filter import type_filter

NAMES = ("Backlog", "Ready", "In Progress", "Review", "Done")


def lane(app: KanbanApp, name: str) -> CardList:
    return column_view(app, name).lane


def ids(widget: CardList) -> list[int]:
    return [card.id for card in widget.cards]


def db_ids(db: Path, column: str) -> list[int]:
    snapshot = fresh_snapshot(db)
    found = snapshot.column_named(column)
    assert found is not None
    return [card.id for card in snapshot.cards_in(found.id)]


def top(app: KanbanApp) -> str:
    return str(app.board_screen.top_bar.render())


def marked(app: KanbanApp) -> list[str]:
    """The columns drawn as holding the focus (their border and header)."""
    views = app.board_screen.columns.values()
    return [view.card_list.column.name for view in views if view.has_class("-focused")]


def lane_heights(app: KanbanApp) -> list[int]:
    """Each column's band, in lines (0: not shown)."""
    return [lane(app, name).size.height if lane(app, name).display else 0 for name in NAMES]


def focused_card(app: KanbanApp) -> tuple[CardList, int | None]:
    assert isinstance(app.focused, CardList)
    current = app.focused.current
    return app.focused, current.id if current else None


async def test_a_card_made_expedite_in_the_form_joins_the_lane_and_keeps_to_it_when_moved(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert lane_heights(app) == [0] * 5  # no expedite card: no lane
        await pilot.press("l", "down", "e")  # edit Ready #3
        await pilot.press("tab", "tab", "tab", "tab")  # title, type, assignee, description
        await pilot.press("enter", "down", "enter")  # class of service: Standard -> Expedite
        await pilot.press("ctrl+s")
        ready = lane(app, "Ready")
        await pilot.pause()
        assert lane_heights(app) == [3] * 5
        assert [lines(lane(app, name))[0] for name in NAMES] == [
            "expedite lane",
            "#3 B Customer portal",
            "expedite lane",
            "expedite lane",
            "",  # Done's band stays empty: finished expedite cards sit with the others
        ]
        assert titles(ready) == ["#3 B Customer portal"]
        assert titles(card_list(app, "Ready")) == ["#2 C Upgrade the database"]
        assert header(app, "Ready") == "Ready 2/5"  # the lane's cards still count
        assert focused_card(app) == (ready, 3) and has_cursor(ready, 0)
        assert fresh_snapshot(board_db).find_card(3).class_of_service is ClassOfService.EXPEDITE  # type: ignore[union-attr]
        assert "Expedite 1/1" in top(app)

        await pilot.press("shift+right")  # into In Progress, full at 3/3: it may pass
        doing = lane(app, "In Progress")
        assert titles(doing) == ["#3 B Customer portal"]
        assert ids(card_list(app, "In Progress")) == [4, 5, 6]
        assert lines(ready)[0] == "expedite lane"
        assert focused_card(app) == (doing, 3)
        assert header(app, "In Progress") == "In Progress 4/3 ⚡"
        head = column_view(app, "In Progress").header
        assert head.has_class("-expedite") and not head.has_class("-over")
        assert toasts == [
            ("warning", "In Progress is over its WIP limit: 4/3 (an expedite card may pass it)")
        ]
        assert "0 breached" in top(app) and "Expedite 1/1" in top(app)
        assert db_ids(board_db, "In Progress") == [4, 5, 6, 3]

        await pilot.press("shift+right", "shift+right")  # Review, then Done
        assert ids(lane(app, "Review")) == []
        assert ids(lane(app, "Done")) == [] and ids(card_list(app, "Done")) == [9, 3]
        assert focused_card(app) == (card_list(app, "Done"), 3)
        assert "Expedite" not in top(app)
        await pilot.pause()
        assert lane_heights(app) == [0] * 5  # the lane is empty again: gone
    assert db_ids(board_db, "Done") == [9, 3]


async def test_the_lane_is_as_high_as_its_fullest_column_in_every_column(
    svc: KanbanService,
) -> None:
    for card_id in (7, 8, 2):  # Review gets two expedite cards, Ready one
        svc.edit_card(card_id, class_of_service=ClassOfService.EXPEDITE)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert lane_heights(app) == [6] * 5
        assert len({card_list(app, name).region.y for name in NAMES}) == 1  # aligned below
        assert titles(lane(app, "Review")) == ["#7 C Patch the servers", "#8 B Kumquat report"]
        assert lines(card_list(app, "Review"))[0] == "no cards"
        assert header(app, "Review") == "Review 2/2"

        await pilot.press("l", "l", "l", "up", "shift+right", "shift+right")  # #8, #7 to Done
        await pilot.pause()
        assert lane_heights(app) == [3] * 5  # Ready's one card
        assert titles(lane(app, "Ready")) == ["#2 C Upgrade the database"]


async def test_up_and_down_cross_between_the_lane_and_the_cards_and_sideways_keep_the_level(
    svc: KanbanService, board_db: Path
) -> None:
    svc.edit_card(6, class_of_service=ClassOfService.EXPEDITE)  # In Progress: lane #6; #4 #5 below
    svc.edit_card(8, class_of_service=ClassOfService.EXPEDITE)  # Review: lane #8; #7 below
    before = fresh_snapshot(board_db)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l")
        doing, doing_lane = card_list(app, "In Progress"), lane(app, "In Progress")
        assert focused_card(app) == (doing, 4)  # columns open on their other cards
        for key, expected in [
            ("up", (doing_lane, 6)),
            ("up", (doing_lane, 6)),  # the top of the lane
            ("down", (doing, 4)),
            ("down", (doing, 5)),
            ("down", (doing, 5)),  # the last card
            ("k", (doing, 4)),
            ("k", (doing_lane, 6)),
            ("right", (lane(app, "Review"), 8)),  # lane to lane
            ("left", (doing_lane, 6)),
            ("left", (card_list(app, "Ready"), 2)),  # Ready's lane is empty: its cards
            ("right", (doing, 4)),  # the cards' level again
            ("right", (card_list(app, "Review"), 7)),
            ("up", (lane(app, "Review"), 8)),
            ("right", (card_list(app, "Done"), 9)),  # Done's band takes no focus
        ]:
            await pilot.press(key)
            assert focused_card(app) == expected, key
            assert app.board_screen.card is not None and app.board_screen.card.id == expected[1]
            await pilot.pause()  # one column marked as holding the focus: the focused list's
            assert marked(app) == [expected[0].column.name], key
        await pilot.press("left", "left", "up")
        assert has_cursor(doing_lane, 0) and not has_cursor(doing, 0)
    assert fresh_snapshot(board_db) == before


async def test_card_keys_work_in_the_lane_block_reorder_delete_and_undo(
    svc: KanbanService, board_db: Path
) -> None:
    svc.edit_card(4, class_of_service=ClassOfService.EXPEDITE)
    svc.edit_card(
        6, class_of_service=ClassOfService.EXPEDITE
    )  # In Progress [4 5 6]: lane 4, 6; 5 below
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "up", "up")  # the lane's first card, #4
        doing_lane = lane(app, "In Progress")
        assert focused_card(app) == (doing_lane, 4)
        assert app.board_screen.check_action("reorder_card", (-1,)) is None  # first in the lane

        await pilot.press("shift+down")  # swaps with its lane neighbour #6, not with #5
        assert ids(doing_lane) == [6, 4] and focused_card(app) == (doing_lane, 4)
        assert db_ids(board_db, "In Progress") == [5, 6, 4]
        assert app.board_screen.check_action("reorder_card", (1,)) is None  # last in the lane
        await pilot.press("shift+up")
        assert ids(doing_lane) == [4, 6] and db_ids(board_db, "In Progress") == [5, 4, 6]

        await pilot.press("down", "b", *"vendor", "enter")  # block #6 in the lane
        assert lines(doing_lane)[4:6] == ["  1d", "  ⛔ vendor"]
        assert fresh_snapshot(board_db).find_card(6).blocked_reason == "vendor"  # type: ignore[union-attr]

        await pilot.press("up", "d", "y", "d", "y")  # delete #4, then #6: the lane empties
        await pilot.pause()
        assert lane_heights(app) == [0] * 5
        assert focused_card(app) == (card_list(app, "In Progress"), 5)
        assert db_ids(board_db, "In Progress") == [5]

        await pilot.press("u")  # #6 comes back to the lane, focused
        assert ids(doing_lane) == [6] and focused_card(app) == (doing_lane, 6)
        await pilot.press("H")  # a lane card moves left into Ready's lane
        assert ids(lane(app, "Ready")) == [6] and focused_card(app) == (lane(app, "Ready"), 6)
    assert db_ids(board_db, "Ready") == [2, 3, 6]


async def test_a_column_over_its_limit_even_without_its_expedite_cards_is_a_breach(
    svc: KanbanService,
) -> None:
    svc.move_card(2, "In Progress")
    svc.edit_card(6, class_of_service=ClassOfService.EXPEDITE)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        assert header(app, "In Progress") == "In Progress 4/3 ⚡"  # 3 others: the lane passed
        assert "0 breached" in top(app)
    svc.move_card(3, "In Progress")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        assert header(app, "In Progress") == "In Progress 5/3 ⚠"  # 4 others: over anyway
        assert column_view(app, "In Progress").header.has_class("-over")
        assert "1 breached" in top(app)


async def test_the_filter_hides_lane_cards_too(svc: KanbanService) -> None:
    svc.edit_card(6, class_of_service=ClassOfService.EXPEDITE)
    svc.edit_card(7, class_of_service=ClassOfService.EXPEDITE)
    svc.edit_card(8, class_of_service=ClassOfService.EXPEDITE)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "@patty")  # #5 (In Progress) and #8 (Review, in the lane)
        assert ids(lane(app, "In Progress")) == [] and ids(card_list(app, "In Progress")) == [5]
        assert ids(lane(app, "Review")) == [8] and ids(card_list(app, "Review")) == []
        assert header(app, "Review") == "Review 2/2 (1 shown)"
        await pilot.pause()
        assert lane_heights(app) == [3] * 5  # one card shown
        await pilot.press("escape")
        assert ids(lane(app, "In Progress")) == [6] and ids(lane(app, "Review")) == [7, 8]
        await pilot.pause()
        assert lane_heights(app) == [6] * 5


async def test_reordering_while_filtered_swaps_with_the_shown_neighbour(
    app: KanbanApp, board_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "fi")  # In Progress shows #4 and #6; #5 is hidden between
        await pilot.press("l", "l")
        doing = card_list(app, "In Progress")
        assert ids(doing) == [4, 6] and focused_card(app) == (doing, 4)
        await pilot.press("shift+down")
        assert ids(doing) == [6, 4] and focused_card(app) == (doing, 4)
        assert db_ids(board_db, "In Progress") == [5, 6, 4]  # past #6, not swapped with #5
        assert app.board_screen.check_action("reorder_card", (1,)) is None  # last of those shown
        await pilot.press("shift+up")
        assert ids(doing) == [4, 6] and db_ids(board_db, "In Progress") == [5, 4, 6]
        await pilot.press("escape")
        assert ids(doing) == [5, 4, 6] and focused_card(app) == (doing, 4)
