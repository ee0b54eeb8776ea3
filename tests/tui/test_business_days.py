"""A business-day board counts days in column (and the aging they drive) Monday-Friday."""

from __future__ import annotations

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.tui.board import SIZE, card_list, lines, style_of


async def test_days_in_column_follow_the_business_days_setting(svc: KanbanService) -> None:
    svc.set_business_days(svc.board().id, True)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the aging rule is read off the main thread
        await pilot.pause()
        doing = card_list(app, "In Progress")
        assert doing.aging_rule is not None and doing.aging_rule.business_days
        # Now is Tue 24. #4 entered on Mon 16: 9 calendar days, but Mon 16-Fri 20 and
        # Mon 23-Tue 24 are 7 business days. #5 entered on Sun 22: 3 calendar days, 2
        # business days (Mon, Tue), so no longer at the warning threshold (3).
        assert lines(doing)[:5] == [
            "#4 U Fix payroll outage",
            "  Brent · 7d",
            "  ⛔ no vendor",
            "#5 B Phoenix release",
            "  Patty · 2d",
        ]
        critical = doing.get_component_rich_style("card-list--aging-critical", partial=True)
        warning = doing.get_component_rich_style("card-list--aging-warning", partial=True)
        assert style_of(doing, 1, "7d").color == critical.color  # 7: still critical
        assert style_of(doing, 4, "2d").color not in (critical.color, warning.color)
