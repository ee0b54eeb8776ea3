"""Times as the driver returns them become aware UTC datetimes: SQLite's text parsed directly
gives what SQLAlchemy's own parse gave, whatever the text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine.processors import str_to_date, str_to_datetime

from kanban.clock import to_utc
from kanban.storage.converters import stored_date, stored_utc


@given(st.datetimes())
def test_sqlite_text_is_read_as_sqlalchemy_read_it(moment: datetime) -> None:
    m = moment  # written as SQLAlchemy writes a DATETIME on SQLite
    text = f"{m.year:04d}-{m.month:02d}-{m.day:02d} {m.hour:02d}:{m.minute:02d}:{m.second:02d}"
    text += f".{m.microsecond:06d}"
    read = stored_utc(text)
    assert read == to_utc(str_to_datetime(text))
    assert read.tzinfo is UTC


@given(st.sampled_from(["2026-11-23 09:30:00", "2026-11-23 09:30:00.5", "2026-11-23"]))
def test_other_texts_are_left_to_sqlalchemy(text: str) -> None:
    assert stored_utc(text) == to_utc(str_to_datetime(text))


def test_a_driver_datetime_is_made_utc() -> None:
    tokyo = datetime(2026, 11, 23, 18, 30, tzinfo=timezone(timedelta(hours=9)))
    assert stored_utc(tokyo) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert stored_utc(tokyo).tzinfo is UTC


@given(st.dates())
def test_dates_either_way(day: date) -> None:
    assert stored_date(day.isoformat()) == str_to_date(day.isoformat()) == day
    assert stored_date(day) == day


def test_a_utc_datetime_is_taken_as_it_is() -> None:
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert to_utc(moment) is moment
    tokyo = moment.astimezone(timezone(timedelta(hours=9)))
    assert to_utc(tokyo) == moment and to_utc(tokyo).tzinfo is UTC


def test_postgresql_gives_its_times_in_utc_whatever_the_servers_zone(postgres_url: str) -> None:
    """Each session's TimeZone is UTC, set as the connection is made (the URL's own options
    kept: its schema): PostgreSQL's times then come back in UTC (psycopg's fast path), not in
    the server's zone to be converted one by one (a third of the board's first read at 20,000
    cards)."""
    from sqlalchemy import text

    from kanban.storage.database import open_database

    engine = open_database(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW TimeZone")).scalar() == "UTC"
            schema = connection.execute(text("SELECT current_schema()")).scalar()
            assert postgres_url.endswith(f"search_path%3D{schema}")
            moment = connection.execute(text("SELECT TIMESTAMPTZ '2026-11-23 18:30+09'")).scalar()
            assert moment == datetime(2026, 11, 23, 9, 30, tzinfo=UTC) and moment.tzinfo is UTC
    finally:
        engine.dispose()
