"""The board on a real PostgreSQL server (``$KANBAN_TEST_POSTGRES``, else skipped): a role that
may only read opens it and sees every card; each change it tries is a one-line toast saying
"read-only access", the app stays up and nothing is written."""

from __future__ import annotations

import pytest

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.conftest import stored
from tests.tui.board import SIZE, card_list, record_toasts, seed, titles


async def test_a_read_only_role_sees_the_board_and_each_change_is_a_toast(
    postgres_url: str, read_only_url: str, frozen_time, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(postgres_url)  # type: ignore[arg-type]
    before = stored(postgres_url)
    service = KanbanService.open(read_only_url)
    app = KanbanApp(service)
    toasts = record_toasts(app, monkeypatch)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert titles(card_list(app, "Backlog")) == ["#1 I Write the runbook"]
            assert titles(card_list(app, "Review")) == [
                "#7 C Patch the servers",
                "#8 B Kumquat report",
            ]
            for keys in (["shift+right"], ["b", *"vendor", "enter"], ["d", "y"]):
                await pilot.press(*keys)
                await pilot.pause()
                assert toasts and "read-only access" in toasts[-1][1], (keys, toasts)
                assert toasts[-1][0] == "error" and "\n" not in toasts[-1][1]
                await pilot.press("escape")
            assert app.is_running
            assert titles(card_list(app, "Backlog")) == ["#1 I Write the runbook"]
    finally:
        service.close()
    assert stored(postgres_url) == before
