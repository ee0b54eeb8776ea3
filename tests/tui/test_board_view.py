"""What the board shows: headers with WIP status, cards, aging, blocked cards, the top bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.dom import DOMNode
from textual.screen import Screen

import kanban.tui.widgets.card_list as card_list_module
from kanban.errors import NotFound
from kanban.services import KanbanService
from kanban.tui import app as app_module
from kanban.tui.app import KanbanApp, run_tui
from kanban.tui.widgets.card_list import CardList
from tests.tui.board import SIZE, card_list, column_view, header, lines, style_of, titles


async def test_columns_are_headed_by_count_and_limit_coloured_by_status(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE):
        assert [header(app, c.name) for c in app.board_screen.state.snapshot.columns] == [
            "Backlog 1",
            "Ready 2/5",
            "In Progress 3/3",
            "Review 2/2",
            "Done 1",
        ]
        at_limit = {
            name
            for name in ("Backlog", "Ready", "In Progress", "Review", "Done")
            if column_view(app, name).header.has_class("-at")
        }
        assert at_limit == {"In Progress", "Review"}
        assert not any(view.header.has_class("-over") for view in app.board_screen.columns.values())


async def test_backlog_and_done_are_never_flagged(svc: KanbanService, board_db: Path) -> None:
    board = svc.board()
    for column in ("Backlog", "Done"):
        svc.set_column_limit(svc.column(board.id, column).id, 0)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        assert header(app, "Backlog") == "Backlog 1/0"
        assert header(app, "Done") == "Done 1/0"
        for name in ("Backlog", "Done"):
            assert not column_view(app, name).header.classes & {"-at", "-over"}
        assert "0 breached" in str(app.board_screen.top_bar.render())


async def test_cards_show_id_type_title_assignee_days_and_blocked_reason(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE):
        assert lines(card_list(app, "In Progress"))[:8] == [
            "#4 U Fix payroll outage",
            "  Brent · 9d",
            "  ⛔ no vendor",  # the reason on its own line: never cut short
            "#5 B Phoenix release",
            "  Patty · 3d",
            "",
            "#6 I Audit the firewall",
            "  1d",
        ]
        assert titles(card_list(app, "Ready")) == [
            "#2 C Upgrade the database",
            "#3 B Customer portal",
        ]


async def test_aging_marks_warning_amber_and_critical_red_but_not_backlog_or_done(
    app: KanbanApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the aging rule is read off the main thread
        await pilot.pause()
        doing = card_list(app, "In Progress")
        assert doing.aging_rule is not None and not doing.aging_rule.percentiles
        critical = doing.get_component_rich_style("card-list--aging-critical", partial=True)
        warning = doing.get_component_rich_style("card-list--aging-warning", partial=True)
        assert critical.color != warning.color
        assert style_of(doing, 1, "9d").color == critical.color
        assert style_of(doing, 4, "3d").color == warning.color
        assert style_of(doing, 7, "1d").color not in (critical.color, warning.color)
        assert style_of(card_list(app, "Ready"), 1, "5d").color == warning.color
        for name, days in (("Backlog", "11d"), ("Done", "21d")):
            style = style_of(card_list(app, name), 1, days)
            assert style.color not in (critical.color, warning.color)


async def test_unplanned_work_stands_out(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE):
        doing = card_list(app, "In Progress")
        assert style_of(doing, 0, " U ").reverse
        assert not style_of(doing, 3, " B ").reverse


async def test_long_titles_are_truncated_to_the_column(svc: KanbanService) -> None:
    svc.add_card(svc.board().id, "A very long title " * 8, column="Ready")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        ready = card_list(app, "Ready")
        line = ready.render_line(6).text
        assert line.startswith("#10 B A very long title")
        assert line.endswith("…") and len(line) == ready.size.width


async def test_top_bar_names_board_wip_breaches_and_bottleneck(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE):
        text = str(app.board_screen.top_bar.render())
        assert text.startswith("Kanban  │  WIP 7  │  0 breached  │  ")
        assert "Bottleneck: In Progress (oldest work) – In Progress holds the oldest work" in text


async def test_focused_column_and_cursor_card_are_highlighted(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        backlog = card_list(app, "Backlog")
        assert app.focused is backlog
        assert column_view(app, "Backlog").has_pseudo_class("focus-within")
        assert not column_view(app, "Ready").has_pseudo_class("focus-within")
        cursor = backlog.get_component_rich_style("card-list--cursor").bgcolor
        assert all(s.style.bgcolor == cursor for s in backlog.render_line(0))
        assert not any(s.style.bgcolor == cursor for s in backlog.render_line(2))


async def test_a_named_board_opens_and_an_unknown_one_is_refused(svc: KanbanService) -> None:
    svc.create_board("Ops")
    app = KanbanApp(svc, board="ops")
    async with app.run_test(size=SIZE):
        assert str(app.board_screen.top_bar.render()).startswith("Ops  │  WIP 0")
        assert header(app, "Backlog") == "Backlog 0"
    with pytest.raises(NotFound):
        KanbanApp(svc, board="nope")


def test_run_tui_runs_the_app_on_the_chosen_board(
    svc: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc.create_board("Ops")
    ran: list[KanbanApp] = []
    monkeypatch.setattr(KanbanApp, "run", lambda self: ran.append(self))
    monkeypatch.setattr(app_module.gc, "freeze", lambda: None)
    run_tui(svc, "Ops")
    assert [app.board_screen.state.snapshot.board.name for app in ran] == ["Ops"]


async def test_columns_draw_only_visible_lines(
    svc: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = svc.board()
    for n in range(200):
        svc.add_card(board.id, f"Card {n}", column="Backlog")
    viewed: list[int] = []
    view_card = card_list_module.view_card

    def counting_view_card(card, *args, **kwargs):  # type: ignore[no-untyped-def]
        viewed.append(card.id)
        return view_card(card, *args, **kwargs)

    monkeypatch.setattr(card_list_module, "view_card", counting_view_card)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        backlog = card_list(app, "Backlog")
        assert not backlog.children  # no widget per card
        assert backlog.virtual_size.height == 201 * 3
        visible_cards = backlog.size.height // 3 + 1
        # days and aging are worked out only for the cards on screen, in every column
        assert len(set(viewed)) <= visible_cards + 8
        viewed.clear()
        await pilot.press("end")
        await pilot.pause()
        assert backlog.cursor == 200
        assert backlog.scroll_offset.y > 0
        assert "#209 B Card 199" in titles(backlog)
        assert len(set(viewed)) <= visible_cards


async def test_a_move_repaints_its_columns_without_laying_out_the_screen(
    svc: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A move changes two lists' cards and the focus: neither changes the size of a widget, so
    the screen is not laid out again (a fifth of a move's time), the lists' hidden scroll bars
    included, which Textual restyles with their list's focus."""
    board = svc.board()
    for n in range(60):  # lists taller than the screen: their scroll bars are in use
        svc.add_card(board.id, f"Card {n}", column="Backlog")
        svc.add_card(board.id, f"Card {n}", column="Ready")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        laid_out: list[object] = []
        layout = Screen._refresh_layout

        def counting(screen: Screen[object], *args: object, **kwargs: object) -> None:
            laid_out.append(screen)
            layout(screen, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Screen, "_refresh_layout", counting)
        moved = app.board_screen.card
        await pilot.press("shift+right")
        await pilot.pause()
        await pilot.press("shift+left", "down")
        await pilot.pause()
        assert svc.card(moved.id).column_id == svc.column(board.id, "Backlog").id
        assert any(line.startswith(f"#{moved.id} ") for line in titles(card_list(app, "Backlog")))
        assert laid_out == []


async def test_a_card_list_looks_the_same_focused_or_not_and_is_not_restyled_for_it(
    app: KanbanApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No rule of a card list's depends on its focus (the cursor is drawn while it has it), so
    the focus moving between lists does not have Textual style them again; styled afresh, a
    focused and an unfocused list look the same, and as they did (a rule on ``:focus`` would
    fail here)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lists = [card_list(app, name) for name in ("Backlog", "Ready")]

        def look(card_list: CardList) -> object:
            classes = sorted(card_list.COMPONENT_CLASSES)
            components = [card_list.get_component_rich_style(name) for name in classes]
            return card_list.styles.base.css_lines, card_list.rich_style, components

        lists[0].focus()
        await pilot.pause()
        restyled: list[object] = []
        update = DOMNode.update_node_styles

        def counting(node: DOMNode, animate: bool = True) -> None:
            restyled.append(node)
            update(node, animate)

        monkeypatch.setattr(DOMNode, "update_node_styles", counting)
        lists[1].focus()
        await pilot.pause()
        assert lists[1].has_focus
        assert not any(isinstance(node, CardList) for node in restyled)
        before = [look(card_list) for card_list in lists]
        app.stylesheet.update_nodes(lists, animate=False)  # as Textual would have
        assert [look(card_list) for card_list in lists] == before == [before[0]] * 2


async def test_a_pinned_constraint_is_marked_on_its_header(svc: KanbanService) -> None:
    svc.pin_constraint(svc.board().id, "Review")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        assert header(app, "Review") == "Review 2/2 ◆"
        assert header(app, "In Progress") == "In Progress 3/3"
        assert "Bottleneck: Review (pinned)" in str(app.board_screen.top_bar.render())


async def test_a_column_under_its_minimum_is_shown_under(svc: KanbanService) -> None:
    ready = svc.column(svc.board().id, "Ready")
    svc.set_column_limit(ready.id, 5, minimum=3)  # Ready holds 2: starving
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        assert header(app, "Ready") == "Ready 2/5 ▽ under 3"
        assert column_view(app, "Ready").header.has_class("-under")
        assert not column_view(app, "Review").header.has_class("-under")
