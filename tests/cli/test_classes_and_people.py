"""The CLI for classes of service, due dates, personal limits, min limits and the pinned
constraint, and how the summary reports them."""

from __future__ import annotations

import json

from tests.cli.conftest import files_of


def _cards(kanban) -> dict[int, dict]:
    data = json.loads(kanban("ls", "--format", "json").out)
    return {card["id"]: card for column in data["columns"] for card in column["cards"]}


def test_add_and_edit_set_class_and_due_date(db, kanban):
    assert kanban("add", "Audit", "--class", "fixed-date", "--due", "2026-12-15").out == "1\n"
    assert kanban("add", "Plain").out == "2\n"
    cards = _cards(kanban)
    assert (cards[1]["class_of_service"], cards[1]["due_date"]) == ("fixed-date", "2026-12-15")
    assert (cards[2]["class_of_service"], cards[2]["due_date"]) == ("standard", None)
    assert kanban("edit", "1", "--class", "intangible", "--due", "none").code == 0
    assert kanban("edit", "2", "--due", "2027-01-04").code == 0
    cards = _cards(kanban)
    assert (cards[1]["class_of_service"], cards[1]["due_date"]) == ("intangible", None)
    assert (cards[2]["class_of_service"], cards[2]["due_date"]) == ("standard", "2027-01-04")


def test_an_expedite_card_passes_a_strict_limit_with_a_warning(tuesday, kanban):
    assert kanban("board", "strict", "Kanban", "on").code == 0
    refused = kanban("add", "Normal", "--column", "In Progress")
    assert refused.code == 2 and "is full (4/3) and the board is strict" in refused.err
    result = kanban("add", "Payroll down", "--column", "In Progress", "--class", "expedite")
    assert (result.code, result.out) == (0, "10\n")
    assert result.err == (
        "kanban: warning: In Progress is over its WIP limit (5/3) (an expedite card may pass it)\n"
    )
    data = json.loads(kanban("summary", "--format", "json").out)
    assert data["expedite"] == [
        {
            "id": 10,
            "title": "Payroll down",
            "column": "In Progress",
            "days_in_column": 1,  # day 1
            "due_date": None,
        },
    ]
    assert data["breaches"] == [{"column": "In Progress", "count": 5, "limit": 3}]
    text = kanban("summary").out
    assert "Expedite (1)\n  #10 Payroll down  In Progress\n" in text
    markdown = kanban("summary", "--format", "markdown").out
    assert "### Expedite (1)\n\n- #10 Payroll down: In Progress\n" in markdown


def test_a_person_over_their_limit_is_flagged_in_the_summary(tuesday, kanban):
    kanban("edit", "8", "--assignee", "Brent")
    kanban("edit", "7", "--assignee", "brent")
    kanban("edit", "3", "--assignee", "Wes")  # a finished card: Wes is known, holds no WIP
    assert kanban("person", "limit", "Brent", "2").out == "Brent: limit 2\n"
    assert kanban("person", "limit", "Wes", "1").out == "Wes: limit 1\n"
    # Brent holds #5 and #8 (In Progress) and #7 (Review): 3 > 2.
    assert kanban("person", "list").out == "Brent  3/2  over\nWes  0/1\n"
    data = json.loads(kanban("summary", "--format", "json").out)
    assert data["people"] == [
        {"name": "Brent", "wip": 3, "limit": 2, "over": True},
        {"name": "Wes", "wip": 0, "limit": 1, "over": False},
    ]
    assert "People over their WIP limit (1)\n  Brent 3/2\n" in kanban("summary").out
    markdown = kanban("summary", "--format", "markdown").out
    assert "### People over their WIP limit (1)\n\n- **Brent** 3/2\n" in markdown
    assert kanban("person", "limit", "brent", "none").out == "Brent: no limit\n"
    assert kanban("person", "list").out == "Brent  3\nWes  0/1\n"


def test_a_min_limit_shows_the_column_under(tuesday, kanban):
    result = kanban("column", "limit", "Review", "3", "--min", "2")
    assert (result.code, result.out) == (0, "Review: limit 3, min 2\n")
    columns = {c["name"]: c for c in json.loads(kanban("ls", "--format", "json").out)["columns"]}
    assert (columns["Review"]["wip_min"], columns["Review"]["count"]) == (2, 1)
    assert columns["Review"]["status"] == "under"
    # Without --min the minimum is kept; --min none clears it.
    assert kanban("column", "limit", "Review", "4").out == "Review: limit 4, min 2\n"
    assert kanban("column", "limit", "Review", "4", "--min", "none").out == "Review: limit 4\n"


def test_a_pinned_constraint_is_the_bottleneck(tuesday, kanban):
    assert kanban("column", "constraint", "review").out == "Review is pinned as the constraint\n"
    data = json.loads(kanban("summary", "--format", "json").out)
    bottleneck = data["bottleneck"]
    assert (bottleneck["column"], bottleneck["rule"]) == ("Review", "pinned")
    assert (
        bottleneck["evidence"][0]
        == bottleneck["reason"]
        == ("Review is the constraint, pinned by the team")
    )
    assert kanban("ls").out.splitlines()[0].endswith("bottleneck: Review (pinned)")
    assert kanban("column", "constraint", "none").out == "no pinned constraint\n"
    data = json.loads(kanban("summary", "--format", "json").out)
    assert data["bottleneck"]["column"] == "In Progress"


def test_a_limit_for_a_stranger_is_refused_with_the_names_known(tuesday, kanban):
    before = files_of(tuesday)
    result = kanban("person", "limit", "nobody", "2")
    assert (result.code, result.out) == (2, "")
    assert result.err_lines == [
        "kanban: error: nobody named 'nobody' holds work on this board; people: Brent"
    ]
    assert kanban("person", "list").out == "Brent  1\n"
    assert files_of(tuesday) == before
    # Someone with a limit stays known after their cards are gone; any case matches.
    assert kanban("person", "limit", "BRENT", "2").out == "Brent: limit 2\n"
    kanban("edit", "5", "--assignee", "")
    assert kanban("person", "limit", "brent", "3").out == "Brent: limit 3\n"
    result = kanban("person", "limit", "Wes", "none")
    assert result.err_lines == [
        "kanban: error: nobody named 'Wes' holds work on this board; people: Brent"
    ]
