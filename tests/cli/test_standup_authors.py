"""The standup names who finished, moved and blocked each card it reports, in text, Markdown
and JSON (``by``, null when unknown), from the events' authors. The history is the CLI
conftest's (Tuesday 24 Nov 2026 09:00 UTC), its Monday events authored as if made with
``--as``: #2 finished by brent, #8 moved by ann, #6 blocked by "w*s" (Markdown escapes it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from kanban.storage.database import make_engine

AUTHORS = {("move", 2): "brent", ("move", 8): "ann", ("block", 6): "w*s"}


@pytest.fixture
def authored(tuesday: Path | str) -> Path | str:
    engine = make_engine(str(tuesday))  # a file or a PostgreSQL URL
    with engine.begin() as connection:
        for (kind, card), author in AUTHORS.items():
            connection.execute(
                text("update events set author = :a where kind = :k and card_id = :c"),
                {"a": author, "k": kind, "c": card},
            )
    engine.dispose()
    return tuesday


def test_the_standup_text_names_who(authored, kanban) -> None:
    out = kanban("summary", "--standup").out
    assert "Finished (1)\n  #2 Ship release  in Done, cycle time 8 days (by brent)\n" in out
    assert "Moved (1)\n  #8 Fix login  Ready → In Progress (by ann)\n" in out
    assert "Newly blocked (1)\n  #6 Vendor quote  ⛔ waiting for vendor (by w*s)\n" in out


def test_the_standup_markdown_names_who(authored, kanban) -> None:
    out = kanban("summary", "--standup", "--format", "markdown").out
    assert "- #2 Ship release (in Done, cycle time 8 days) (by brent)\n" in out
    assert "- #8 Fix login: Ready → In Progress (by ann)\n" in out
    assert "- #6 Vendor quote: ⛔ waiting for vendor (by w\\*s)\n" in out


def test_the_standup_json_names_who(authored, kanban) -> None:
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert [(c["id"], c["by"]) for c in data["finished"]] == [(2, "brent")]
    assert [(c["id"], c["by"]) for c in data["moved"]] == [(8, "ann")]
    assert [(c["id"], c["by"]) for c in data["newly_blocked"]] == [(6, "w*s")]


def test_no_author_names_nobody(tuesday, kanban) -> None:
    out = kanban("summary", "--standup").out
    assert "  #8 Fix login  Ready → In Progress\n" in out
    assert "(by" not in out
