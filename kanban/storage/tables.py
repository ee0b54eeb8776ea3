"""The row classes the writes change: SQLModel classes mapped onto the tables of
:mod:`kanban.storage.schema` (the one definition of the schema). Rows never leave the storage
layer: converters turn them into domain dataclasses. Reads never import this module: they
select from the tables themselves.

These classes are made as cheaply as SQLModel allows: their annotations are real types, not
strings to evaluate (no ``from __future__ import annotations``), and pydantic builds a class's
validator only if one is ever used (``defer_build``: rows are made from the database or by the
storage code, never validated).
"""

from datetime import date, datetime

from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from kanban.storage import schema

DEFERRED = SQLModelConfig(defer_build=True)

_META, _BOARDS, _COLUMNS = schema.META.c, schema.BOARDS.c, schema.COLUMNS.c
_CARDS, _PEOPLE, _EVENTS, _FLOWS = (
    schema.CARDS.c,
    schema.PEOPLE.c,
    schema.EVENTS.c,
    schema.CARD_FLOWS.c,
)


class MetaRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.META
    key: str = Field(sa_column=_META.key)
    value: str = Field(sa_column=_META.value)


class BoardRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.BOARDS
    id: int | None = Field(default=None, sa_column=_BOARDS.id)
    name: str = Field(sa_column=_BOARDS.name)
    strict: bool = Field(default=False, sa_column=_BOARDS.strict)
    warn_days: int = Field(default=3, sa_column=_BOARDS.warn_days)
    critical_days: int = Field(default=7, sa_column=_BOARDS.critical_days)
    created_at: datetime = Field(sa_column=_BOARDS.created_at)
    expedite_limit: int = Field(default=1, sa_column=_BOARDS.expedite_limit)
    sle_days: int | None = Field(default=None, sa_column=_BOARDS.sle_days)
    business_days: bool = Field(default=False, sa_column=_BOARDS.business_days)


class ColumnRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.COLUMNS
    id: int | None = Field(default=None, sa_column=_COLUMNS.id)
    board_id: int = Field(sa_column=_COLUMNS.board_id)
    name: str = Field(sa_column=_COLUMNS.name)
    kind: str = Field(sa_column=_COLUMNS.kind)
    position: int = Field(sa_column=_COLUMNS.position)
    wip_limit: int | None = Field(default=None, sa_column=_COLUMNS.wip_limit)
    wip_min: int | None = Field(default=None, sa_column=_COLUMNS.wip_min)
    is_constraint: bool = Field(default=False, sa_column=_COLUMNS.is_constraint)


class CardRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.CARDS
    id: int | None = Field(default=None, sa_column=_CARDS.id)
    board_id: int = Field(sa_column=_CARDS.board_id)
    column_id: int = Field(sa_column=_CARDS.column_id)
    position: int = Field(sa_column=_CARDS.position)
    title: str = Field(sa_column=_CARDS.title)
    type: str = Field(sa_column=_CARDS.type)
    assignee: str | None = Field(default=None, sa_column=_CARDS.assignee)
    description: str = Field(default="", sa_column=_CARDS.description)
    created_at: datetime = Field(sa_column=_CARDS.created_at)
    entered_at: datetime = Field(sa_column=_CARDS.entered_at)
    blocked_reason: str | None = Field(default=None, sa_column=_CARDS.blocked_reason)
    blocked_at: datetime | None = Field(default=None, sa_column=_CARDS.blocked_at)
    deleted_at: datetime | None = Field(default=None, sa_column=_CARDS.deleted_at)
    class_of_service: str = Field(default="standard", sa_column=_CARDS.class_of_service)
    due_date: date | None = Field(default=None, sa_column=_CARDS.due_date)
    version: int = Field(default=0, sa_column=_CARDS.version)


class PersonRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.PEOPLE
    id: int | None = Field(default=None, sa_column=_PEOPLE.id)
    board_id: int = Field(sa_column=_PEOPLE.board_id)
    name: str = Field(sa_column=_PEOPLE.name)
    wip_limit: int | None = Field(default=None, sa_column=_PEOPLE.wip_limit)


class EventRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.EVENTS
    id: int | None = Field(default=None, sa_column=_EVENTS.id)
    board_id: int = Field(sa_column=_EVENTS.board_id)
    card_id: int | None = Field(default=None, sa_column=_EVENTS.card_id)
    at: datetime = Field(sa_column=_EVENTS.at)
    kind: str = Field(sa_column=_EVENTS.kind)
    from_column_id: int | None = Field(default=None, sa_column=_EVENTS.from_column_id)
    to_column_id: int | None = Field(default=None, sa_column=_EVENTS.to_column_id)
    details: str = Field(default="{}", sa_column=_EVENTS.details)
    author: str | None = Field(default=None, sa_column=_EVENTS.author)


class CardFlowRow(SQLModel, table=True):
    model_config = DEFERRED
    __table__ = schema.CARD_FLOWS
    card_id: int = Field(sa_column=_FLOWS.card_id)
    board_id: int = Field(sa_column=_FLOWS.board_id)
    started_at: datetime | None = Field(default=None, sa_column=_FLOWS.started_at)
    finished_at: datetime | None = Field(default=None, sa_column=_FLOWS.finished_at)
    deleted: bool = Field(default=False, sa_column=_FLOWS.deleted)
    type: str | None = Field(default=None, sa_column=_FLOWS.type)
    moves: str = Field(default="[]", sa_column=_FLOWS.moves)
    blocks: str = Field(default="[]", sa_column=_FLOWS.blocks)
    last_at: datetime = Field(sa_column=_FLOWS.last_at)
