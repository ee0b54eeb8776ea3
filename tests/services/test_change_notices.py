"""The change token on PostgreSQL (``$KANBAN_TEST_POSTGRES``, else skipped): every write
transaction sends a notice, delivered at commit, and an open service counts those for its
schema on a connection that listens, without a query per poll. When it cannot listen, or the
listening connection breaks, the token is read by a query (as on other databases) until it
listens again."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event

from kanban.services import KanbanService
from kanban.services.transfer import export_database, import_database
from kanban.storage.notices import ChangeListener

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

Token = tuple[int, ...]


@pytest.fixture
def watcher(postgres_url: str) -> Iterator[KanbanService]:
    """The service of an open view (a TUI)."""
    service = KanbanService.open(postgres_url)
    yield service
    service.close()


@pytest.fixture
def other(postgres_url: str, watcher: KanbanService) -> Iterator[KanbanService]:
    """Another process's service on the same database."""
    service = KanbanService.open(postgres_url)
    yield service
    service.close()


def _listener(service: KanbanService) -> ChangeListener:
    listener = service.store._listener
    assert listener is not None
    return listener


def _changed(service: KanbanService, board_id: int, before: Token, within: float = 1.0) -> Token:
    """The token once it differs from ``before`` (asked as a view polls), or fails."""
    deadline = time.monotonic() + within
    while (token := service.change_token(board_id)) == before:
        assert time.monotonic() < deadline, "the change was not seen within a second"
        time.sleep(0.01)
    return token


def _statements(service: KanbanService) -> list[str]:
    seen: list[str] = []
    event.listen(
        service.engine, "before_cursor_execute", lambda _c, _cur, sql, *_: seen.append(sql)
    )
    return seen


def test_a_commit_elsewhere_changes_the_token_within_a_second(
    watcher: KanbanService, other: KanbanService
) -> None:
    board = watcher.board().id
    first = watcher.change_token(board)
    assert _listener(watcher).listening
    card = other.add_card(board, "Written elsewhere").card
    second = _changed(watcher, board, first)
    other.move_card(card.id, "Ready")
    _changed(watcher, board, second)


def test_a_change_by_the_cli_in_another_process_is_seen(
    watcher: KanbanService, postgres_url: str
) -> None:
    board = watcher.board().id
    first = watcher.change_token(board)
    command = [sys.executable, "-m", "kanban", "--db", postgres_url, "add", "From the CLI"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    _changed(watcher, board, first)


def test_a_quiet_board_keeps_its_token_and_runs_no_query(
    watcher: KanbanService, other: KanbanService
) -> None:
    board = watcher.board().id
    other.add_card(board, "Before the view opened")
    first = watcher.change_token(board)
    time.sleep(0.1)  # any notice still on its way has arrived
    first = watcher.change_token(board)
    statements = _statements(watcher)
    for _ in range(50):
        watcher.snapshot(board)  # reading commits nothing, and sends nothing
        assert watcher.change_token(board) == first
    statements.clear()
    tokens = {watcher.change_token(board) for _ in range(200)}
    assert tokens == {first}
    assert statements == []


def test_its_own_change_moves_the_token_at_once_and_only_once(watcher: KanbanService) -> None:
    """A view's own change is counted at its commit, and its notice skipped: the view takes the
    new token right after its change and does not read the board again for it."""
    board = watcher.board().id
    first = watcher.change_token(board)
    watcher.add_card(board, "My own")
    after = watcher.change_token(board)
    assert after != first
    time.sleep(0.2)
    assert watcher.change_token(board) == after


def test_a_commit_in_another_schema_is_not_a_change(
    watcher: KanbanService, new_postgres_url: Callable[[], str]
) -> None:
    board = watcher.board().id
    first = watcher.change_token(board)
    elsewhere = KanbanService.open(new_postgres_url())
    try:
        elsewhere.add_card(elsewhere.board().id, "Another team's board")
    finally:
        elsewhere.close()
    time.sleep(0.2)
    assert watcher.change_token(board) == first


def test_a_rolled_back_write_sends_nothing(watcher: KanbanService, other: KanbanService) -> None:
    board = watcher.board().id
    first = watcher.change_token(board)
    with pytest.raises(RuntimeError), other.store.write() as uow:
        uow.board_row(board).name = "Renamed, then not"
        raise RuntimeError("changed my mind")
    time.sleep(0.2)
    assert watcher.change_token(board) == first


def test_without_listen_the_token_is_read_by_a_query(
    watcher: KanbanService, other: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ChangeListener, "_open", lambda self: False)  # e.g. behind a pooler
    board = watcher.board().id
    statements = _statements(watcher)
    first = watcher.change_token(board)
    assert statements, "the fallback asks the database"
    assert watcher.change_token(board) == first
    other.add_card(board, "Written elsewhere")
    assert watcher.change_token(board) != first


def test_a_broken_listener_falls_back_then_listens_again(
    watcher: KanbanService, other: KanbanService, postgres_url: str
) -> None:
    board = watcher.board().id
    listener = _listener(watcher)
    now = [0.0]
    listener.clock = lambda: now[0]
    first = watcher.change_token(board)
    pid = listener._connection.info.backend_pid
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 1.0
    while (fallback := watcher.change_token(board)) == first:  # never an error
        assert time.monotonic() < deadline, "the broken connection went unnoticed"
        time.sleep(0.01)  # the end may take a poll or two to show on the socket
    assert not listener.listening  # the query answered
    other.add_card(board, "While nobody listened")
    moved = watcher.change_token(board)
    assert moved != fallback and not listener.listening  # still the query, until the retry
    now[0] += ChangeListener.RETRY_SECONDS
    again = watcher.change_token(board)
    assert listener.listening and again not in (first, fallback, moved)
    other.add_card(board, "Heard again")
    _changed(watcher, board, again)


def test_a_read_only_role_listens_too(
    postgres_url: str, watcher: KanbanService, other: KanbanService
) -> None:
    """A wall display on a role with only SELECT rights sees changes like any view."""
    schema = postgres_url.rsplit("%3D", 1)[1]
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f"GRANT USAGE ON SCHEMA {schema} TO kanban_ro")
        admin.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO kanban_ro")
    url = postgres_url.replace("//kanban:secret@", "//kanban_ro:ro@", 1)
    wall = KanbanService.open(url)
    try:
        board = wall.board().id
        first = wall.change_token(board)
        assert _listener(wall).listening
        other.add_card(board, "Seen on the wall")
        _changed(wall, board, first)
    finally:
        wall.close()


def test_an_import_is_a_change(
    watcher: KanbanService, new_postgres_url: Callable[[], str], postgres_url: str
) -> None:
    """An import (into a database with no cards yet) replaces what an open view shows."""
    source = KanbanService.open(new_postgres_url())
    try:
        source.add_card(source.board().id, "Imported")
        dump = export_database(source)
    finally:
        source.close()
    board = watcher.board().id
    first = watcher.change_token(board)
    importer = KanbanService.open(postgres_url)
    try:
        import_database(importer, dump)
    finally:
        importer.close()
    _changed(watcher, board, first)
