"""The checks every path shares (CLI, TUI, import): numbers in ASCII digits with a maximum,
text without control characters and within its length."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban.domain import parsing
from kanban.domain import validation as check
from kanban.domain.filter import parse_filter
from kanban.errors import InvalidInput
from kanban.services import KanbanService


@given(st.text(min_size=1, max_size=40))
def test_a_number_is_ascii_digits_or_refused(text):
    try:
        value = check.integer(parsing.whole(text, "a number", 10**40), "a number", 10**40)
    except InvalidInput as error:
        assert "\n" not in str(error) and len(str(error)) < 120
    else:
        assert text.strip().lstrip("-").isascii() and value == int(text)


@pytest.mark.parametrize("text", ["١", "٣", "１２", "²", "1_000", "0x10", "+3", " 3 4", "3.0"])
def test_only_ascii_digits_are_numbers(text):
    with pytest.raises(InvalidInput, match="must be a whole number"):
        check.wip_limit(parsing.limit(text))


@pytest.mark.parametrize(
    "value, message",
    [
        (2**63, "a WIP limit can be at most 1,000"),
        ("9" * 5000, "a WIP limit can be at most 1,000"),
        (1001, "a WIP limit can be at most 1,000"),
    ],
)
def test_limits_have_a_maximum(value, message):
    with pytest.raises(InvalidInput, match=message):
        check.wip_limit(parsing.limit(value) if isinstance(value, str) else value)
    assert check.wip_limit(1000) == 1000 and check.wip_limit(parsing.limit("none")) is None


def test_days_have_a_ten_year_maximum():
    assert check.sle_days(parsing.sle("3650")) == 3650
    with pytest.raises(InvalidInput, match="an SLE can be at most 3,650"):
        check.sle_days(parsing.sle(str(2**63)))
    with pytest.raises(InvalidInput, match="at most 1,000"):
        check.whole_number(2**63, "an expedite limit")


@pytest.mark.parametrize(
    "clean",
    [
        check.clean_title,
        check.clean_assignee,
        check.clean_reason,
        lambda v: check.clean_name(v, "column"),
    ],
)
@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x07", "\x7f", "\x9b", "\x08"])
def test_one_line_fields_refuse_control_characters(clean, control):
    with pytest.raises(InvalidInput, match="cannot hold control characters"):
        clean(f"a{control}b")


def test_white_space_is_one_space_and_descriptions_keep_lines_and_tabs():
    assert check.clean_title(" a\tb\nc\r\nd ") == "a b c d"
    assert check.clean_description("  one\r\n\ttwo\n") == "one\n\ttwo"
    for bad in ("a\x00", "a\x1b[2J", "a\rb"):
        with pytest.raises(InvalidInput, match="a description cannot hold control"):
            check.clean_description(bad)


@pytest.mark.parametrize(
    "clean, limit",
    [
        (check.clean_title, 200),
        (check.clean_assignee, 100),
        (check.clean_reason, 200),
        (lambda v: check.clean_name(v, "board"), 100),
        (check.clean_description, 10_000),
    ],
)
def test_text_has_a_maximum_length(clean, limit):
    assert clean("x" * limit) == "x" * limit
    with pytest.raises(InvalidInput, match=f"at most {limit:,} characters"):
        clean("x" * (limit + 1))


def test_a_filter_query_has_a_maximum_length():
    assert parse_filter("x" * 200) is not None
    with pytest.raises(InvalidInput, match="a filter can have at most 200 characters"):
        parse_filter("x" * 100_000)


def test_the_service_refuses_for_the_tui_too(service: KanbanService):
    board = service.board()
    card = service.add_card(board.id, "Fine").card
    events = service.events(board.id)
    refused = [
        lambda: service.add_card(board.id, "x", description="\x1b]52;c;eA==\x07"),
        lambda: service.edit_card(card.id, title="\x1b[2J"),
        lambda: service.edit_card(card.id, description="y" * 10_001),
        lambda: service.block_card(card.id, "r" * 201),
        lambda: service.set_column_limit(service.column(board.id, "Ready").id, 2**63),
        lambda: service.add_column(board.id, "n" * 101),
        lambda: service.rename_column(board.id, "Ready", "R\x00"),
        lambda: service.create_board("B\x1b"),
        lambda: service.set_person_limit(board.id, "Brent", 10**30),
        lambda: service.set_sle(board.id, 2**63),
        lambda: service.set_aging_thresholds(board.id, 3, 2**63),
    ]
    for change in refused:
        with pytest.raises(InvalidInput):
            change()
    assert service.events(board.id) == events


def test_a_filter_id_is_ascii_digits():
    assert parse_filter("#12").ids == {12}
    found = parse_filter("#١")
    assert found.ids == frozenset() and found.words == ("#١",)


def test_the_service_takes_typed_values_not_text(service: KanbanService):
    """Text is read by the CLI and the TUI (kanban.domain.parsing); the service refuses it."""
    board = service.board()
    ready = service.column(board.id, "Ready").id
    with pytest.raises(InvalidInput, match="must be a whole number"):
        service.set_column_limit(ready, "none")
    with pytest.raises(InvalidInput, match="must be a whole number"):
        service.set_sle(board.id, "9")
    with pytest.raises(InvalidInput, match="a due date is a date"):
        service.add_card(board.id, "x", due_date="2026-12-15")
    assert service.snapshot(board.id).all_cards() == [] and not service.can_undo
