"""PostgreSQL through the real CLI: a URL's password is never printed, a server that cannot be
reached or refuses the login is one line saying which (exit 1), and, on a real server
(``$KANBAN_TEST_POSTGRES``, else skipped), the basic commands work as on SQLite."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import text

from kanban.errors import ConnectionLost
from kanban.services import KanbanService
from kanban.storage.database import SCHEMA_VERSION, describe, make_engine
from kanban.storage.failures import storage_error
from tests.conftest import stored

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

SECRET = "s3cret-pw"
WHERE = f"postgresql://me:{SECRET}@127.0.0.1/kanban"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_closed_port_is_connection_refused_and_the_password_is_not_shown(cli) -> None:
    port = closed_port()
    url = f"postgresql://me:{SECRET}@127.0.0.1:{port}/kanban"
    for command in (["ls"], ["add", "Card"], ["summary", "--standup"]):
        result = cli("--db", url, *command)
        assert result.code == 1 and result.out == ""
        assert result.err_lines == [
            f"kanban: error: cannot connect to postgresql://me:***@127.0.0.1:{port}/kanban: "
            "connection refused (is the server running and listening there?)"
        ]
        assert SECRET not in result.err


@pytest.mark.parametrize(
    ("said", "meaning"),
    [
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            'FATAL:  password authentication failed for user "me"',
            "wrong user name or password",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            'FATAL:  database "kanban" does not exist',
            "no such database",
        ),
        ("connection failed: fe_sendauth: no password supplied", "no password given"),
        ("failed to resolve host 'nowhere': Name or service not known", "unknown host"),
        ("consuming input failed: server closed the connection unexpectedly", "closed"),
    ],
)
def test_each_server_failure_is_one_line_saying_which(said: str, meaning: str) -> None:
    error = storage_error(psycopg.OperationalError(said), None, "postgresql://me:***@h/kanban")
    assert error is not None
    assert str(error).startswith("cannot connect to postgresql://me:***@h/kanban: ")
    assert meaning in str(error) and "\n" not in str(error)
    # The server out of reach may be back in a moment (the TUI retries); a refused login not.
    gone = meaning in ("unknown host", "closed")
    assert isinstance(error, ConnectionLost) is gone


def test_a_stopped_server_is_a_lost_connection() -> None:
    error = storage_error(
        psycopg.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5439 failed: '
            "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
            "connections?"
        ),
        None,
        "postgresql://me:***@h/kanban",
    )
    assert isinstance(error, ConnectionLost) and "connection refused" in str(error)


def test_another_driver_error_is_left_to_the_caller() -> None:
    assert storage_error(psycopg.OperationalError("something else"), None, WHERE) is None
    assert storage_error(ValueError("connection refused"), None, WHERE) is None


@pytest.mark.parametrize(
    "denied",
    [
        psycopg.errors.InsufficientPrivilege("permission denied for table cards"),
        psycopg.errors.ReadOnlySqlTransaction("cannot execute INSERT in a read-only transaction"),
    ],
)
def test_a_write_without_the_right_to_is_read_only_access(denied) -> None:
    error = storage_error(denied, None, "postgresql://me:***@h/kanban")
    assert str(error) == (
        "read-only access to postgresql://me:***@h/kanban: kanban cannot save changes there"
    )


def test_a_url_is_described_with_its_password_masked() -> None:
    engine = make_engine(WHERE)  # no connection yet
    assert describe(engine) == "postgresql://me:***@127.0.0.1/kanban"
    assert engine.url.drivername == "postgresql+psycopg"  # the extra's driver, on any SQLAlchemy
    engine.dispose()


# ------------------------------------------------------------------ on a real server (opt-in)


def test_the_basic_commands_work_on_postgresql(cli, postgres_url: str, monkeypatch) -> None:
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    assert cli("--db", postgres_url, "add", "Rewrite billing").out == "1\n"
    assert cli("--db", postgres_url, "add", "Ship release", "--column", "Ready").out == "2\n"
    assert cli("--db", postgres_url, "move", "1", "In Progress").code == 0
    assert cli("--db", postgres_url, "block", "2", "waiting for legal").code == 0
    listed = cli("--db", postgres_url, "ls")
    assert (
        listed.code == 0 and "Rewrite billing" in listed.out and "waiting for legal" in listed.out
    )
    standup = cli("--db", postgres_url, "summary", "--standup")
    assert standup.code == 0 and "Newly blocked (1)" in standup.out, standup.err
    metrics = cli("--db", postgres_url, "metrics")
    assert metrics.code == 0 and "Cycle and lead time" in metrics.out, metrics.err
    engine = make_engine(postgres_url)
    with engine.connect() as connection:
        version = connection.execute(
            text("SELECT value FROM kanban_meta WHERE key = 'schema_version'")
        ).scalar()
    engine.dispose()
    assert version == str(SCHEMA_VERSION)


def test_an_export_imports_into_a_fresh_postgresql_database(
    cli, new_postgres_url: Callable[[], str], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    first, second = new_postgres_url(), new_postgres_url()
    assert cli("--db", first, "add", "Rewrite billing", "--assignee", "Brent").code == 0
    assert cli("--db", first, "move", "1", "Review").code == 0
    dump = tmp_path / "board.json"
    assert cli("--db", first, "export", "--output", str(dump)).code == 0
    result = cli("--db", second, "import", str(dump))
    assert result.code == 0, result.err
    again = tmp_path / "again.json"
    assert cli("--db", second, "export", "--output", str(again)).code == 0
    assert json.loads(again.read_text()) == json.loads(dump.read_text())


def test_the_demo_names_the_database_without_its_password(cli, postgres_url: str) -> None:
    result = cli("demo", "--no-tui", "--db", postgres_url)
    assert result.code == 0, result.err
    assert "secret" not in result.out.lower() and ":***@" in result.out


def test_processes_opening_a_new_postgresql_database_at_once_all_succeed(postgres_url: str) -> None:
    command = [sys.executable, "-m", "kanban", "--db", postgres_url, "ls"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    errors = [run.communicate(timeout=60)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * 4, errors
    engine = make_engine(postgres_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM boards")).scalar() == 1
    engine.dispose()


def test_threads_opening_a_new_postgresql_database_at_once_share_one_board(
    postgres_url: str,
) -> None:
    start = threading.Barrier(8)

    def first_board(_: int) -> int:
        start.wait()
        service = KanbanService.open(postgres_url)
        try:
            return service.board().id
        finally:
            service.close()

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(first_board, range(8)))
    engine = make_engine(postgres_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM boards")).scalar() == 1
    engine.dispose()
    assert len(ids) == 1


READS = [
    ["ls"],
    ["ls", "--format", "json"],
    ["summary", "--standup"],
    ["metrics"],
    ["forecast", "5"],
    ["log"],
    ["log", "1"],
    ["person", "list"],
    ["export"],
]
CHANGES = [
    ["add", "Another card"],
    ["move", "1", "Done"],
    ["block", "2", "waiting"],
    ["unblock", "1"],
    ["edit", "1", "--title", "Renamed"],
    ["delete", "2"],
    ["column", "add", "QA"],
    ["column", "limit", "Ready", "4"],
    ["column", "rename", "Review", "Checks"],
    ["column", "constraint", "Review"],
    ["person", "limit", "Brent", "2"],
    ["board", "create", "Ops"],
    ["board", "strict", "Kanban", "on"],
    ["board", "sle", "Kanban", "9"],
]


def test_a_read_only_role_reads_everything_and_is_refused_every_change(
    cli, postgres_url: str, read_only_url: str, monkeypatch
) -> None:
    monkeypatch.setenv("KANBAN_NOW", "2026-11-24T09:00:00+00:00")
    for command in (
        ["add", "Rewrite billing", "--assignee", "Brent"],
        ["add", "Ship release", "--column", "Ready"],
        ["move", "1", "In Progress"],
        ["block", "1", "needs a DBA"],
    ):
        assert cli("--db", postgres_url, *command).code == 0
    before = stored(postgres_url)
    for command in READS:
        result = cli("--db", read_only_url, *command)
        assert (result.code, result.err) == (0, ""), command
        assert result.out
    assert "Rewrite billing" in cli("--db", read_only_url, "ls").out
    for command in CHANGES:
        result = cli("--db", read_only_url, *command)
        assert (result.code, result.out) == (1, ""), (command, result.err)
        assert len(result.err_lines) == 1 and "read-only access" in result.err, result.err
        assert ":***@" in result.err and "Traceback" not in result.err
    assert stored(postgres_url) == before


WRITER = """
import sys
from kanban.services import KanbanService
service = KanbanService.open(sys.argv[1], author="writer")
board = service.board().id
while True:
    card = service.add_card(board, "Card").card
    service.move_card(card.id, "Ready")
    print(card.id, flush=True)  # both committed
"""


def test_kill_9_of_a_writer_loses_nothing_it_committed(postgres_url: str) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, postgres_url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        committed = [int(writer.stdout.readline()) for _ in range(30)]
    finally:
        writer.send_signal(signal.SIGKILL)  # in the middle of its next change
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    service = KanbanService.open(postgres_url)
    try:
        board = service.board().id
        cards = {card.id: card for card in service.snapshot(board).all_cards()}
        kinds: dict[int, list[str]] = {}
        for event in service.events(board):
            kinds.setdefault(event.card_id or 0, []).append(event.kind.value)
        assert set(committed) <= set(cards)
        for card_id in committed:
            assert kinds[card_id] == ["create", "move"]
            assert service.card(card_id).column_id == service.column(board, "Ready").id
        for card_id in set(cards) - set(committed):  # committed, not reported yet: whole
            assert kinds[card_id] in (["create"], ["create", "move"])
        assert set(kinds) == set(cards)  # no event without its card
        added = service.add_card(board, "After the crash").card  # still works
        assert added.id > max(cards)
    finally:
        service.close()
