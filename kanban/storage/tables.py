"""The database tables. Rows never leave the storage layer: converters turn them into
domain dataclasses. Times are stored as UTC.

Every command defines these classes, so they are made as cheaply as SQLModel allows: their
annotations are real types, not strings to evaluate (no ``from __future__ import
annotations``), and pydantic builds a class's validator only if one is ever used
(``defer_build``: rows are made from the database or by the storage code, never validated).
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy import Column as SAColumn
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

DEFERRED = SQLModelConfig(defer_build=True)


def _utc(nullable: bool = False, index: bool = False) -> SAColumn[datetime]:
    return SAColumn(DateTime(timezone=True), nullable=nullable, index=index)


def _fk(target: str, nullable: bool = False) -> SAColumn[int]:
    return SAColumn(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=nullable)


class MetaRow(SQLModel, table=True):
    """Key/value facts about the database; ``schema_version`` marks a kanban database."""

    model_config = DEFERRED
    __tablename__ = "kanban_meta"
    key: str = Field(primary_key=True)
    value: str


class BoardRow(SQLModel, table=True):
    model_config = DEFERRED
    __tablename__ = "boards"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    strict: bool = False
    warn_days: int = 3
    critical_days: int = 7
    created_at: datetime = Field(sa_column=_utc())
    # schema 2
    expedite_limit: int = Field(
        default=1, sa_column=SAColumn(Integer, nullable=False, server_default=text("1"))
    )
    sle_days: int | None = None
    # schema 3: days count Monday-Friday only
    business_days: bool = Field(
        default=False, sa_column=SAColumn(Boolean, nullable=False, server_default=text("FALSE"))
    )


class ColumnRow(SQLModel, table=True):
    model_config = DEFERRED
    __tablename__ = "board_columns"
    __table_args__ = (UniqueConstraint("board_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(sa_column=_fk("boards.id"))
    name: str
    kind: str
    position: int
    wip_limit: int | None = None
    wip_min: int | None = None
    # schema 2: the constraint the team pinned by hand (one per board)
    is_constraint: bool = Field(
        default=False, sa_column=SAColumn(Boolean, nullable=False, server_default=text("FALSE"))
    )


class CardRow(SQLModel, table=True):
    model_config = DEFERRED
    __tablename__ = "cards"
    __table_args__ = (
        Index("ix_cards_column_position", "column_id", "position"),
        Index("ix_cards_board", "board_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(sa_column=_fk("boards.id"))
    column_id: int = Field(sa_column=_fk("board_columns.id"))
    position: int
    title: str
    type: str
    assignee: str | None = None
    description: str = ""
    created_at: datetime = Field(sa_column=_utc())
    entered_at: datetime = Field(sa_column=_utc())
    blocked_reason: str | None = None
    blocked_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    deleted_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    # schema 2
    class_of_service: str = Field(
        default="standard",
        sa_column=SAColumn(String, nullable=False, server_default=text("'standard'")),
    )
    due_date: date | None = Field(default=None, sa_column=SAColumn(Date, nullable=True))
    # schema 5: raised by every change to the card (a write from a stale view is refused)
    version: int = Field(
        default=0, sa_column=SAColumn(Integer, nullable=False, server_default=text("0"))
    )


class PersonRow(SQLModel, table=True):
    """A person's personal WIP limit on a board (schema 2). Names match assignees, any case."""

    model_config = DEFERRED
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("board_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(sa_column=_fk("boards.id"))
    name: str
    wip_limit: int | None = None


class EventRow(SQLModel, table=True):
    """One change to a card (or a column's limit). Append-only: metrics are derived from it.

    Column ids are plain integers, not foreign keys, so history outlives a removed column;
    ``details`` (JSON) carries the column names as they were.
    """

    model_config = DEFERRED
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_board_at", "board_id", "at"),
        Index("ix_events_card", "card_id"),
        Index("ix_events_board_id", "board_id", "id"),  # schema 5: a board's newest events
        Index("ix_events_board_card", "board_id", "card_id"),  # schema 6: column changes
    )
    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(sa_column=_fk("boards.id"))
    card_id: int | None = Field(default=None, sa_column=_fk("cards.id", nullable=True))
    at: datetime = Field(sa_column=_utc())
    kind: str
    from_column_id: int | None = None
    to_column_id: int | None = None
    details: str = "{}"
    author: str | None = None  # who made the change (None: before authors were recorded)


class CardFlowRow(SQLModel, table=True):
    """A card's log as its events tell it (schema 6): what the history reads instead of the
    whole event log. Derived, never exported: written in the transaction that writes the
    card's events and rebuilt from the events whenever in doubt (``kanban.storage.flows``).

    ``started_at`` and ``finished_at`` follow the board's columns as they are (ranks); the
    moves and blocks are JSON lists of ``[time, column id or key]`` and ``[reason, start, end or
    null]``, times in ISO 8601 UTC. A card finished and left alone in a done column before a
    report's window is *settled*: the summary reads none of it (``kanban.storage.flows``)."""

    model_config = DEFERRED
    __tablename__ = "card_flows"
    __table_args__ = (Index("ix_card_flows_board", "board_id", "finished_at"),)
    card_id: int = Field(
        sa_column=SAColumn(
            Integer, ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    board_id: int = Field(sa_column=_fk("boards.id"))
    started_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=_utc(nullable=True))
    deleted: bool = False
    type: str | None = None
    moves: str = "[]"
    blocks: str = "[]"
    last_at: datetime = Field(sa_column=_utc())  # the card's last event


def table_of(row: type[SQLModel]) -> Table:
    """A row class's table: SQLModel sets ``__table__`` on table classes without declaring it."""
    table: Table = row.__table__  # type: ignore[attr-defined]
    return table
