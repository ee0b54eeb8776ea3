"""The database's tables, as plain SQLAlchemy (Core) tables: the one definition of the schema.

Reads select from these tables directly, so a command that only reads imports SQLAlchemy's
Core and nothing else of the database stack: neither the ORM nor SQLModel and pydantic (a
quarter of a second of start-up). The writes' row classes (:mod:`kanban.storage.tables`,
SQLModel) are mapped onto the same tables. Times are stored as UTC.
"""

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    text,
)

METADATA = MetaData()


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _utc(name: str, nullable: bool = False) -> Column[object]:
    return Column(name, DateTime(timezone=True), nullable=nullable)


def _fk(name: str, target: str, nullable: bool = False) -> Column[int]:
    return Column(name, Integer, ForeignKey(target, ondelete="CASCADE"), nullable=nullable)


def _text(name: str, nullable: bool = False) -> Column[str]:
    return Column(name, String, nullable=nullable)


def _int(name: str, nullable: bool = True) -> Column[int]:
    return Column(name, Integer, nullable=nullable)


def _since(name: str, type_: type[Integer | Boolean | String], default: str) -> Column[Any]:
    """A column added by a migration: existing rows get ``default`` from the database."""
    return Column(name, type_, nullable=False, server_default=text(default))


# Key/value facts about the database; ``schema_version`` marks a kanban database.
META = Table("kanban_meta", METADATA, Column("key", String, primary_key=True), _text("value"))

BOARDS = Table(
    "boards",
    METADATA,
    _id(),
    Column("name", String, nullable=False, unique=True),
    Column("strict", Boolean, nullable=False),
    _int("warn_days", nullable=False),
    _int("critical_days", nullable=False),
    _utc("created_at"),
    _since("expedite_limit", Integer, "1"),  # schema 2
    _int("sle_days"),
    _since("business_days", Boolean, "FALSE"),  # schema 3: days count Monday-Friday only
)

COLUMNS = Table(
    "board_columns",
    METADATA,
    _id(),
    _fk("board_id", "boards.id"),
    _text("name"),
    _text("kind"),
    _int("position", nullable=False),
    _int("wip_limit"),
    _int("wip_min"),
    _since("is_constraint", Boolean, "FALSE"),  # schema 2: the constraint pinned by hand
    UniqueConstraint("board_id", "name"),
)

CARDS = Table(
    "cards",
    METADATA,
    _id(),
    _fk("board_id", "boards.id"),
    _fk("column_id", "board_columns.id"),
    _int("position", nullable=False),
    _text("title"),
    _text("type"),
    _text("assignee", nullable=True),
    _text("description"),
    _utc("created_at"),
    _utc("entered_at"),
    _text("blocked_reason", nullable=True),
    _utc("blocked_at", nullable=True),
    _utc("deleted_at", nullable=True),
    _since("class_of_service", String, "'standard'"),  # schema 2
    Column("due_date", Date, nullable=True),
    # schema 5: raised by every change to the card (a write from a stale view is refused)
    _since("version", Integer, "0"),
    # schema 7 (was column and position): a column's live cards in order, counted from the
    # index alone (a move checks its target's limit) without reading each card's row
    Index("ix_cards_column_live", "column_id", "deleted_at", "position"),
    Index("ix_cards_board", "board_id"),
)

# A person's personal WIP limit on a board (schema 2). Names match assignees, any case.
PEOPLE = Table(
    "people",
    METADATA,
    _id(),
    _fk("board_id", "boards.id"),
    _text("name"),
    _int("wip_limit"),
    UniqueConstraint("board_id", "name"),
)

# One change to a card (or a column's limit). Append-only: metrics are derived from it.
# Column ids are plain integers, not foreign keys, so history outlives a removed column;
# ``details`` (JSON) carries the column names as they were.
EVENTS = Table(
    "events",
    METADATA,
    _id(),
    _fk("board_id", "boards.id"),
    _fk("card_id", "cards.id", nullable=True),
    _utc("at"),
    _text("kind"),
    _int("from_column_id"),
    _int("to_column_id"),
    _text("details"),
    _text("author", nullable=True),  # who made the change (None: before authors were recorded)
    Index("ix_events_board_at", "board_id", "at"),
    Index("ix_events_card", "card_id"),
    Index("ix_events_board_id", "board_id", "id"),  # schema 5: a board's newest events
    Index("ix_events_board_card", "board_id", "card_id"),  # schema 6: column changes
)

# A card's log as its events tell it (schema 6): what the history reads instead of the whole
# event log. Derived, never exported: written in the transaction that writes the card's events
# and rebuilt from the events whenever in doubt (``kanban.storage.flows``).
#
# ``started_at`` and ``finished_at`` follow the board's columns as they are (ranks); the moves
# and blocks are JSON lists of ``[time, column id or key]`` and ``[reason, start, end or null]``,
# times in ISO 8601 UTC. A card finished and left alone in a done column before a report's
# window is *settled*: the summary reads none of it (``kanban.storage.flows``).
CARD_FLOWS = Table(
    "card_flows",
    METADATA,
    Column(
        "card_id",
        Integer,
        ForeignKey("cards.id", ondelete="CASCADE"),
        primary_key=True,
        nullable=False,
    ),
    _fk("board_id", "boards.id"),
    _utc("started_at", nullable=True),
    _utc("finished_at", nullable=True),
    Column("deleted", Boolean, nullable=False),
    _text("type", nullable=True),
    _text("moves"),
    _text("blocks"),
    _utc("last_at"),  # the card's last event
    # schema 7 (was board and finish): the aging rule's starts and finishes read from the
    # index alone, not from the rows with their moves
    Index("ix_card_flows_starts", "board_id", "finished_at", "started_at", "deleted", "card_id"),
)
