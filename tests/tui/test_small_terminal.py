"""The board at 80×24 (and at 160×45): headers keep their load and sign, the top bar keeps the
breaches and the bottleneck, a column says how many cards are below the visible ones, the
focused card is shown in full on the detail bar, the board scrolls sideways with the focus
when its columns cannot all fit, and the footer shows whole keys, Help and Quit among them.

Most tests run on the demo board ("Parts Unlimited", frozen at the demo's date)."""

from __future__ import annotations

import math
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kanban.domain.models import ClassOfService
from kanban.services import KanbanService
from kanban.services.demo import DEMO_BOARD, seed_demo
from kanban.tui.app import KanbanApp
from kanban.tui.widgets.board import MIN_COLUMN_WIDTH
from kanban.tui.widgets.card_list import CARD_HEIGHT, CardList
from kanban.tui.widgets.column import ColumnPanel, fit_header
from kanban.tui.widgets.footer import FooterKey, QuietFooter
from kanban.tui.widgets.top_bar import SHED, Figures, bar_line, fit_bar
from tests.tui.board import SIZE, card_list, column_view, header, screen_lines, titles
from tests.tui.test_standup_filter import type_filter

DEMO_NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SMALL = (80, 24)
NAMES = ("Backlog", "Ready", "In Progress", "Review", "Done")


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        service = KanbanService.open(path)
        seed_demo(service, DEMO_NOW)
        service.close()
    return path


@pytest.fixture
def demo(
    built_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[KanbanService]:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("KANBAN_NOW", DEMO_NOW.isoformat())
    shutil.copyfile(built_demo, tmp_path / "demo.db")
    service = KanbanService.open(tmp_path / "demo.db")
    yield service
    service.close()


def on_screen(app: KanbanApp, view: ColumnPanel) -> bool:
    """Whether the whole column (borders included) is inside the screen."""
    return app.screen.region.contains_region(view.region)


def bottom_border(app: KanbanApp, view: ColumnPanel) -> str:
    """The column's bottom border as drawn on screen."""
    region = view.region
    line = screen_lines(app)[region.bottom - 1]
    return line[region.x : region.right]


def visible_cards(widget: CardList) -> int:
    """Cards whose title line is within the list's visible lines."""
    first = widget.scroll_offset.y
    last = first + widget.size.height
    return sum(1 for i in range(len(widget.cards)) if first <= i * CARD_HEIGHT < last)


# ---------------------------------------------------------------------- headers


def test_a_narrow_header_cuts_the_name_never_the_load_or_its_sign() -> None:
    assert fit_header("In Progress", "5/3 ⚠", "", 30) == "In Progress 5/3 ⚠"
    assert fit_header("In Progress", "5/3 ⚠", "", 12) == "In Pr… 5/3 ⚠"
    assert fit_header("In Progress", "5/3 ⚠", " (2 shown)", 30) == "In Progress 5/3 ⚠ (2 shown)"
    assert fit_header("In Progress", "5/3 ⚠", " (2 shown)", 20) == "In… 5/3 ⚠ (2 shown)"
    assert fit_header("In Progress", "5/3 ⚠", " (2 shown)", 12) == "In Pr… 5/3 ⚠"  # filter goes
    assert fit_header("In Progress", "5/3 ⚠ ◆", "", 10) == "I… 5/3 ⚠ ◆"
    assert fit_header("In Progress", "5/3 ⚠ ◆", "", 9) == "5/3 ⚠ ◆"  # no room for a name
    for width in range(8, 40):
        text = fit_header("Waiting for the customer", "12/10 ⚠ ◆", "", width)
        assert text.endswith("12/10 ⚠ ◆") and len(text) <= max(width, 9)


async def test_at_80x24_every_header_keeps_its_count_limit_and_sign(demo: KanbanService) -> None:
    board = demo.board(DEMO_BOARD)
    demo.rename_column(board.id, "Review", "Review by the change advisory board")
    demo.move_card(13, "Review by the change advisory board")  # 3/2: over
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        board = app.board_screen
        review = board.columns[next(c.id for c in board.state.snapshot.columns if c.position == 3)]
        texts = [str(view.header.render()) for view in app.board_screen.columns.values()]
        assert texts == ["Backlog 9", "Ready 4/5", "In Progress 4/3 ⚡", texts[3], "Done 12"]
        assert texts[3].startswith("Review by the") and texts[3].endswith("… 3/2 ⚠")
        assert len(texts[3]) == review.header.content_region.width  # cut to fit, not beyond
        await pilot.press(*"llll")  # bring Review and Done on screen
        assert "… 3/2 ⚠" in screen_lines(app)[review.header.region.y]
        assert review.header.has_class("-over")


# ---------------------------------------------------------------------- top bar


def facts(**changes: object) -> Figures:
    values: dict[str, object] = {
        "board": "Parts Unlimited",
        "strict": True,
        "wip": 11,
        "breached": 1,
        "people": "Brent 5/3 ⚠, Wes 4/2 ⚠",
        "people_over": 2,
        "expedite": (1, 1),
        "bottleneck": ("In Progress", "over limit", "In Progress is over its WIP limit (5/3)"),
        "bottleneck_over": True,
    }
    values.update(changes)
    return Figures(**values)  # type: ignore[arg-type]


def test_the_top_bar_sheds_the_least_important_parts_first() -> None:
    full = str(bar_line(facts()))
    assert full == (
        "Parts Unlimited (strict)  │  WIP 11  │  1 breached  │  Brent 5/3 ⚠, Wes 4/2 ⚠  │  "
        "Expedite 1/1  │  Bottleneck: In Progress (over limit) – In Progress is over its WIP "
        "limit (5/3)"
    )
    steps = [str(bar_line(facts(), frozenset(SHED[:n]))) for n in range(len(SHED) + 1)]
    assert steps[3] == (
        "Parts Unlimited (strict) │ WIP 11 │ 1 breached │ Brent 5/3 ⚠, Wes 4/2 ⚠ │ Expedite 1/1 │ "
        "Bottleneck: In Progress"
    )
    assert steps[-1] == "1 breached │ Bottleneck: In Progress"
    assert [len(s) for s in steps] == sorted((len(s) for s in steps), reverse=True)
    assert "2 people ⚠" in steps[SHED.index("people names") + 1]
    last = ""
    for width in range(160, 20, -1):
        line = str(fit_bar(facts(), width))
        assert len(line) <= width
        if width >= len(steps[-1]):
            assert "1 breached" in line and "Bottleneck: In Progress" in line
        else:
            assert line.endswith("…")
        assert len(line) <= len(last) or not last
        last = line


async def test_at_80x24_the_top_bar_keeps_the_breaches_and_the_bottleneck(
    demo: KanbanService,
) -> None:
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        top = screen_lines(app)[0]
        assert top.strip() == (
            "Parts Unlimited │ 1 breached │ Brent 5/3 ⚠ │ Exp 1/1 │ Bottleneck: In Progress"
        )
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_lines(app)[0].strip() == (
            "Parts Unlimited  │  WIP 11  │  1 breached  │  Brent 5/3 ⚠  │  Expedite 1/1  │  "
            "Bottleneck: In Progress (over limit) – In Progress is over its WIP limit (5/3)"
        )


# ---------------------------------------------------------------------- +N more


async def test_a_column_says_how_many_cards_are_below_the_visible_ones(
    demo: KanbanService,
) -> None:
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        backlog, view = card_list(app, "Backlog"), column_view(app, "Backlog")
        assert len(backlog.cards) == 9 and visible_cards(backlog) == 5
        assert view.border_subtitle == "+4 more"
        assert "+4 more" in bottom_border(app, view)
        for _ in range(6):
            await pilot.press("down")
        await pilot.pause()
        shown_below = len(backlog.cards) - math.ceil(
            (backlog.scroll_offset.y + backlog.size.height) / CARD_HEIGHT
        )
        assert shown_below == 2 and view.border_subtitle == "+2 more"
        assert "+2 more" in bottom_border(app, view)
        await pilot.press("end")
        await pilot.pause()
        assert view.border_subtitle is None and "more" not in bottom_border(app, view)
        await pilot.press("home")
        await pilot.pause()
        assert view.border_subtitle == "+4 more"
        for name in ("Ready", "In Progress"):  # all their cards fit
            assert column_view(app, name).border_subtitle is None
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SIZE) as pilot:  # 160×45: every card fits
        await pilot.pause()
        assert len(card_list(app, "Done").cards) == visible_cards(card_list(app, "Done")) == 12
        assert [column_view(app, name).border_subtitle for name in NAMES] == [None] * 5
    demo.add_card(demo.board(DEMO_BOARD).id, "One more", column="Done")
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SIZE) as pilot:  # Done: 13 cards, one below
        await pilot.pause()
        assert column_view(app, "Done").border_subtitle == "+1 more"


async def test_a_column_scrolls_to_its_last_card_as_cards_come_and_go(
    demo: KanbanService,
) -> None:
    """A move into or out of a column too long for its height keeps the column's scroll range
    true: after a card came in, the last card can be scrolled to; after the last card left
    while it was shown, the column shows the new last card at its bottom."""
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        backlog, view = card_list(app, "Backlog"), column_view(app, "Backlog")
        await pilot.press("l", "shift+left")  # Ready's first card to Backlog's end, in view
        await pilot.pause()
        last, before = backlog.cards[-1], backlog.cards[-2]
        assert len(backlog.cards) == 10 and app.board_screen.card == last
        assert titles(backlog)[-1].startswith(f"#{last.id} ")
        assert view.border_subtitle is None
        await pilot.press("home")
        await pilot.pause()
        assert view.border_subtitle == "+5 more"
        await pilot.press("end")
        await pilot.pause()
        assert titles(backlog)[-1].startswith(f"#{last.id} ")
        await pilot.press("shift+right")  # that last card out, while scrolled to the end
        await pilot.pause()
        assert len(backlog.cards) == 9 and backlog.scroll_y == backlog.max_scroll_y > 0
        assert titles(backlog)[-1].startswith(f"#{before.id} ")
        assert view.border_subtitle is None


async def test_a_column_a_move_overflows_scrolls_as_on_a_new_board(demo: KanbanService) -> None:
    """Cards moved into a column until they no longer fit: the column then scrolls, by the
    mouse wheel too, as it does on the same board opened anew."""
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        review, doing = card_list(app, "Review"), card_list(app, "In Progress")
        assert not review.allow_vertical_scroll  # its cards fit
        await pilot.press("l", "l")  # In Progress
        while visible_cards(review) == len(review.cards) and doing.cards:
            await pilot.press("shift+right", "h")  # a card into Review, back to In Progress
            await pilot.pause()
        assert review.allow_vertical_scroll
    fresh = KanbanApp(demo, DEMO_BOARD)
    async with fresh.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert len(card_list(fresh, "Review").cards) == len(review.cards)
        assert card_list(fresh, "Review").allow_vertical_scroll


# ---------------------------------------------------------------------- detail bar


async def test_the_detail_bar_shows_the_focused_card_in_full(demo: KanbanService) -> None:
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("l", "l")  # In Progress: #10 first below the lane
        assert app.board_screen.card is not None and app.board_screen.card.id == 10
        assert titles(card_list(app, "In Progress"))[0] == "#10 B Phoenix release: …"
        expected = (
            "#10 B Phoenix release: build the test environment · Brent · "
            "⛔ Waiting for the vendor to ship the SAN controller"
        )
        assert str(app.board_screen.detail_bar.render()) == expected
        await pilot.pause()
        bar = app.board_screen.detail_bar.region
        shown = " ".join(line.strip() for line in screen_lines(app)[bar.y : bar.bottom])
        assert shown == expected  # wrapped onto two lines at 80 columns
        assert bar.bottom == SMALL[1] - 1  # right above the footer

        await pilot.press("down")
        assert str(app.board_screen.detail_bar.render()) == (
            "#3 I SOX-404 audit findings: remediate change control · John"
        )
        await pilot.pause()
        assert app.board_screen.detail_bar.region.height == 1


async def test_the_detail_bar_names_an_empty_column_in_full(svc: KanbanService) -> None:
    svc.move_card(1, "Ready")
    app = KanbanApp(svc)
    async with app.run_test(size=SMALL):
        assert str(app.board_screen.detail_bar.render()) == "Backlog 0 · no cards"


# ---------------------------------------------------------------------- sideways


async def test_the_board_scrolls_sideways_to_keep_the_focused_column_in_view(
    demo: KanbanService,
) -> None:
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        views = [column_view(app, name) for name in NAMES]
        widths = {view.outer_size.width for view in views}
        assert widths == {26} and min(widths) >= MIN_COLUMN_WIDTH  # 3 fit, not 5 squeezed
        assert [on_screen(app, view) for view in views] == [True, True, True, False, False]
        for step, name in enumerate(NAMES[1:], 1):
            await pilot.press("right")
            await pilot.pause()
            focused = app.board_screen.card_list
            assert focused is card_list(app, name) and app.focused is focused
            assert on_screen(app, views[step]), name
        assert [on_screen(app, view) for view in views] == [False, False, True, True, True]
        assert "Done 12" in screen_lines(app)[views[4].header.region.y]
        for _ in NAMES:
            await pilot.press("left")
        await pilot.pause()
        assert on_screen(app, views[0]) and app.board_screen.card_list is card_list(app, "Backlog")


async def test_columns_that_fit_share_the_width_without_scrolling(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        views = list(app.board_screen.columns.values())
        assert [view.outer_size.width for view in views] == [32] * 5
        assert app.board_screen.board_view.max_scroll_x == 0
        assert all(on_screen(app, view) for view in views)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.board_screen.board_view.max_scroll_x > 0
        assert {view.outer_size.width for view in views} == {26}


async def test_a_resize_keeps_the_focused_column_in_view(demo: KanbanService) -> None:
    app = KanbanApp(demo, DEMO_BOARD)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"llll")  # Done, on a wide terminal
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert on_screen(app, column_view(app, "Done"))


# ---------------------------------------------------------------------- footer


def shown_keys(app: KanbanApp) -> list[FooterKey]:
    return app.screen.query_one(QuietFooter).shown


async def test_at_80x24_the_footer_shows_whole_keys_help_and_quit_among_them(
    app: KanbanApp,
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        keys = shown_keys(app)
        assert [key.description for key in keys] == [
            "Move right",
            "Move left",
            "New",
            "Edit",
            "Block",
            "Help",
            "Quit",
        ]
        assert sum(key.width for key in keys) <= SMALL[0]
        footer = screen_lines(app)[-1]
        assert footer.rstrip().endswith("? Help  q Quit")
        for key in keys:
            assert f"{key.display} {key.description}" in footer
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert len(shown_keys(app)) == 14  # every key and the command palette's
        assert "▏^p palette" in screen_lines(app)[-1]


# ---------------------------------------------------------------------- lane


async def test_at_80x24_no_lane_without_expedite_cards_and_just_its_height_with_one(
    svc: KanbanService,
) -> None:
    app = KanbanApp(svc)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        for name in NAMES:
            view = column_view(app, name)
            assert not view.lane.display
            assert view.card_list.region.y == view.header.region.bottom  # cards right below
        assert "expedite lane" not in "\n".join(screen_lines(app))
    svc.edit_card(
        4, class_of_service=ClassOfService.EXPEDITE
    )  # In Progress #4, blocked: three lines
    app = KanbanApp(svc)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert {column_view(app, name).lane.size.height for name in NAMES} == {CARD_HEIGHT}
        assert header(app, "In Progress") == "In Progress 3/3"


async def test_a_lane_too_short_for_its_cards_says_how_many_more_it_holds(
    svc: KanbanService,
) -> None:
    for card_id in (2, 3, 4, 5, 6):
        svc.edit_card(card_id, class_of_service=ClassOfService.EXPEDITE)
    for card_id in (2, 3):
        svc.move_card(card_id, "In Progress")  # five expedite cards: 15 lines wanted
    app = KanbanApp(svc)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        view = column_view(app, "In Progress")
        assert view.lane.size.height < 5 * CARD_HEIGHT  # at most 40% of the column
        hidden = len(view.lane.cards) - visible_cards(view.lane)
        assert hidden > 0 and view.border_subtitle == f"+{hidden} in lane"
        assert f"+{hidden} in lane" in bottom_border(app, view)
        assert {column_view(app, name).lane.size.height for name in NAMES} == {
            view.lane.size.height
        }


async def test_at_80x24_the_footer_keeps_clear_filter_while_a_filter_is_on(
    app: KanbanApp,
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await type_filter(pilot, "@brent")
        await pilot.pause()
        assert [key.description for key in shown_keys(app)] == [
            "Move right",
            "New",
            "Edit",
            "Clear filter",
            "Help",
            "Quit",
        ]
        assert "esc Clear filter" in screen_lines(app)[-1]
