"""Every database target and storage failure through the real CLI: one true line on stderr
(``kanban: error: ...``), exit 2 where the user named a wrong target and 1 where the file cannot
be used right now, never a traceback or SQL text, the database untouched; first use by several
processes at once; and private files (databases 0600, the data folder 0700)."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path

import pytest
import sqlalchemy.exc

from kanban.cli.main import main
from kanban.services import KanbanService
from kanban.storage import database
from tests.cli.conftest import Result, files_of

pytestmark = pytest.mark.sqlite_only("the targets and failures of a database file")

ROOT = Path(__file__).resolve().parents[2]
LEAKS = ("Traceback", "[SQL", "SELECT", "BEGIN", "INSERT", "PRAGMA", "parameters")
PAGE = 4096


def assert_refused(result: Result, code: int, message: str) -> None:
    """Exit ``code``, nothing on stdout, exactly one stderr line holding ``message``."""
    assert result.code == code, result.err
    assert len(result.err_lines) == 1, result.err
    assert result.err.startswith("kanban: error: ") and message in result.err, result.err
    assert not [leak for leak in LEAKS if leak in result.err], result.err
    assert result.out == ""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder platformdirs picks (Linux: $XDG_DATA_HOME), inside tmp_path."""
    if not sys.platform.startswith("linux"):
        pytest.skip("XDG_DATA_HOME places the user data folder on Linux only")
    home = tmp_path / "xdg"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


# ------------------------------------------------------------------ targets the user got wrong


def _newer(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE kanban_meta SET value = '999' WHERE key = 'schema_version'")
    connection.close()


def _text_file(db: Path) -> None:
    db.write_text("shopping list\n" * 50)


def _foreign_sqlite(db: Path) -> None:
    db.unlink()
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()


def _header_garbage(db: Path) -> None:  # nothing left says it was ever SQLite
    with db.open("r+b") as file:
        file.write(b"\xa5" * 100)


WRONG_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "a newer schema": (_newer, "was written by a newer kanban (schema 999"),
    "a text file": (_text_file, "is not a kanban database"),
    "another program's SQLite file": (_foreign_sqlite, "is not a kanban database"),
    "a file whose header is garbage": (_header_garbage, "is not a kanban database"),
}
COMMANDS = [["ls"], ["add", "Card"], ["summary"], ["export"], ["move", "1", "Done"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda argv: " ".join(argv))
@pytest.mark.parametrize("case", WRONG_FILES)
def test_a_file_that_is_not_a_kanban_database_exits_2_untouched(case, command, tuesday, kanban):
    spoil, message = WRONG_FILES[case]
    spoil(tuesday)
    before = files_of(tuesday)
    assert_refused(kanban(*command), 2, message)
    assert files_of(tuesday) == before


def test_an_empty_db_option_is_refused_not_your_own_board(cli, data_home, tmp_path, monkeypatch):
    own = tmp_path / "own.db"
    monkeypatch.setenv("KANBAN_DB", str(own))
    for blank in ("", "  "):
        assert_refused(cli("--db", blank, "add", "Card"), 2, "--db is empty")
        assert_refused(cli("--db", blank, "demo", "--no-tui"), 2, "--db is empty")
    assert not own.exists() and list(data_home.iterdir()) == []


def test_an_empty_kanban_db_variable_counts_as_unset(cli, data_home, monkeypatch):
    monkeypatch.setenv("KANBAN_DB", "")
    assert cli("add", "Card").code == 0
    assert (data_home / "kanban" / "kanban.db").is_file()


DRIVERS = {  # URL, the Python module it needs, what to install
    "postgresql+psycopg2": (
        "postgresql+psycopg2://me@localhost/kanban",
        "psycopg2",
        "pip install psycopg2-binary",
    ),
    "mysql": ("mysql://me@localhost/kanban", "MySQLdb", "pip install mysqlclient"),
}


@pytest.mark.parametrize("backend", DRIVERS)
def test_a_url_whose_driver_is_missing_names_it(backend, cli):
    url, module, install = DRIVERS[backend]
    if find_spec(module) is not None:
        pytest.skip(f"{module} is installed here")
    result = cli("--db", url, "ls")
    assert_refused(result, 2, f"the driver for {backend.split('+')[0]} is not installed")
    assert install in result.err and "s3cret" not in result.err


def test_without_psycopg_a_postgresql_url_names_the_extra_to_install() -> None:
    # A process where psycopg cannot be imported, as without the postgres extra.
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from kanban.cli.main import main\n"
        "sys.exit(main(['--db', 'postgresql://me:s3cret@localhost/kanban', 'ls']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "kanban: error: the PostgreSQL driver is not installed: pip install 'kanban[postgres]' "
        "(or pip install -e '.[postgres]' in a checkout)\n"
    )


TARGETS: dict[str, tuple[Callable[[Path], str], str]] = {
    "an unknown scheme": (lambda _: "nosuch://x", "unknown kind of database 'nosuch'"),
    "a URL that does not parse": (lambda _: "://x", "is not a database URL or a file path"),
    "a folder": (lambda tmp: str(tmp), "is a folder, not a database file"),
    "a path whose folder is missing": (
        lambda tmp: str(tmp / "nowhere" / "kanban.db"),
        "the folder {tmp}/nowhere does not exist (create it first)",
    ),
}


@pytest.mark.parametrize("command", [["ls"], ["add", "Card"]], ids=" ".join)
@pytest.mark.parametrize("case", TARGETS)
def test_a_wrong_target_exits_2_with_one_line(case, command, cli, tmp_path):
    target, message = TARGETS[case]
    before = sorted(tmp_path.rglob("*"))
    assert_refused(cli("--db", target(tmp_path), *command), 2, message.format(tmp=tmp_path))
    assert sorted(tmp_path.rglob("*")) == before  # no folder, no file made


def test_a_bad_busy_timeout_is_a_usage_error(tuesday, kanban, monkeypatch):
    monkeypatch.setenv("KANBAN_BUSY_TIMEOUT_MS", "soon")
    assert_refused(kanban("ls"), 2, "KANBAN_BUSY_TIMEOUT_MS must be a whole number")


# ------------------------------------------------------------------ files that cannot be used now


@pytest.fixture
def locked(tuesday: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The history, with another connection holding the write lock; a 50 ms busy timeout."""
    monkeypatch.setenv("KANBAN_BUSY_TIMEOUT_MS", "50")
    holder = sqlite3.connect(tuesday, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield tuesday
    holder.execute("ROLLBACK")
    holder.close()


WRITES = [
    ["add", "Card"],
    ["move", "1", "Done"],
    ["block", "2", "why"],
    ["delete", "3"],
    ["edit", "4", "--title", "New"],
    ["person", "limit", "Brent", "2"],
    ["column", "limit", "Ready", "9"],
    ["board", "sle", "Kanban", "5"],
]


@pytest.mark.parametrize("command", WRITES, ids=" ".join)
def test_a_write_to_a_busy_database_says_busy_and_exits_1(command, locked, kanban):
    before = locked.read_bytes()
    busy = f"the database {locked} is busy: another kanban is writing to it; try again"
    assert_refused(kanban(*command), 1, busy)
    assert locked.read_bytes() == before


def test_reading_a_busy_database_does_not_wait_for_the_writer(locked, kanban):
    assert kanban("ls").code == 0  # WAL: readers read the last commit


def _damaged_pages(db: Path) -> None:
    """Every page but the first (the schema) overwritten with garbage."""
    size = db.stat().st_size
    with db.open("r+b") as file:
        file.seek(PAGE)
        file.write(b"\xa5" * (size - PAGE))


def _truncated(db: Path) -> None:
    with db.open("r+b") as file:
        file.truncate(3 * PAGE + 100)


DAMAGE = {"pages overwritten": _damaged_pages, "truncated": _truncated}
DAMAGED = "is damaged (not a readable SQLite database): restore it from a backup or an export"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_database_fails_every_command_with_exit_1(damage, command, tuesday, kanban):
    DAMAGE[damage](tuesday)
    before = files_of(tuesday)
    assert_refused(kanban(*command), 1, f"{tuesday} {DAMAGED}")
    assert files_of(tuesday) == before


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_damage_a_statement_meets_is_said_the_same_way(command, tuesday, kanban, monkeypatch):
    """Without the check at open, SQLite's own "malformed" errors give the same line."""
    monkeypatch.setattr(database, "_check_pages", lambda connection, target: None)
    _damaged_pages(tuesday)
    before = files_of(tuesday)
    assert_refused(kanban(*command), 1, f"{tuesday} {DAMAGED}")
    assert files_of(tuesday) == before


def test_a_damaged_page_only_a_write_would_touch_is_caught_before_writing(tuesday, kanban):
    """Main's bug: two bad pages failed ``ls`` but let ``add`` succeed."""
    with tuesday.open("r+b") as file:
        file.seek(4 * PAGE)
        file.write(b"\xa5" * (2 * PAGE))
    before = files_of(tuesday)
    assert_refused(kanban("add", "Card"), 1, DAMAGED)
    assert files_of(tuesday) == before


def test_pages_are_checked_once_before_the_first_write_and_never_for_reads(tuesday, monkeypatch):
    """The quick check reads the whole file (0.1 s at 50,000 cards): opening the database and
    reading do not pay it, a process's first write does, in its BEGIN IMMEDIATE transaction,
    and later writes do not."""
    checks: list[str] = []
    check = database._check_pages

    def counted(connection, target) -> None:
        checks.append(connection.get_execution_options().get("sqlite_begin"))
        check(connection, target)

    monkeypatch.setattr(database, "_check_pages", counted)
    service = KanbanService.open(tuesday)
    try:
        board = service.board(None).id
        service.snapshot(board)
        assert checks == []
        service.add_card(board, "One")
        service.add_card(board, "Two")
        assert checks == ["IMMEDIATE"]
    finally:
        service.close()


def test_an_unexpected_database_error_shows_no_sql(tuesday, kanban, monkeypatch):
    def broken(self, board_id):
        raise sqlalchemy.exc.OperationalError(
            "SELECT title FROM cards WHERE title = ?",
            ("secret",),
            sqlite3.OperationalError("something odd\nsecond line"),
        )

    monkeypatch.setattr(KanbanService, "snapshot", broken)
    result = kanban("ls")
    assert (result.code, result.err) == (
        1,
        "kanban: error: unexpected OperationalError: something odd\n",
    )


# ------------------------------------------------------------------ read-only, as a user is


def _without_file_override() -> None:
    """In the child: drop root's power to write what its mode forbids (CAP_DAC_OVERRIDE,
    CAP_DAC_READ_SEARCH, CAP_FOWNER) from the bounding set, so that after exec root obeys
    file modes like any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def as_a_user(*argv: str) -> Result:
    """``python -m kanban ARGV`` in a process that cannot write read-only files (as root too)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KANBAN_")}
    env.update(TZ="UTC", NO_COLOR="1", PYTHONPATH=str(ROOT))
    root = os.geteuid() == 0
    if root and not sys.platform.startswith("linux"):
        pytest.skip("root ignores file modes, and only Linux lets a child drop that power")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kanban", *argv],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=60,
            preexec_fn=_without_file_override if root else None,
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop root's file override here: {exc}")
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def read_only(tuesday: Path) -> Iterator[Path]:
    tuesday.chmod(0o444)
    yield tuesday
    tuesday.chmod(0o600)


@pytest.fixture
def read_only_folder(tuesday: Path) -> Iterator[Path]:
    tuesday.parent.chmod(0o555)
    yield tuesday
    tuesday.parent.chmod(0o755)


def test_a_read_only_file_can_be_read_but_not_changed(read_only):
    before = read_only.read_bytes()
    assert as_a_user("--db", str(read_only), "ls").code == 0
    assert_refused(
        as_a_user("--db", str(read_only), "add", "Card"),
        1,
        f"{read_only} is read-only: kanban cannot save changes to it",
    )
    assert read_only.read_bytes() == before


@pytest.mark.parametrize("command", [["ls"], ["add", "Card"]], ids=" ".join)
def test_a_read_only_folder_says_so(command, read_only_folder):
    before = files_of(read_only_folder)
    assert_refused(
        as_a_user("--db", str(read_only_folder), *command),
        1,
        f"the folder {read_only_folder.parent} is read-only: SQLite cannot create "
        f"{read_only_folder.name}-wal and {read_only_folder.name}-shm",
    )
    assert files_of(read_only_folder) == before


def test_a_new_database_in_a_read_only_folder_says_so(read_only_folder):
    new = read_only_folder.parent / "new.db"
    assert_refused(
        as_a_user("--db", str(new), "ls"),
        1,
        f"cannot create {new}: the folder {new.parent} is read-only",
    )
    assert not new.exists()


# ------------------------------------------------------------------ first use, several at once


def _add(path: str, title: str, start: multiprocessing.synchronize.Barrier) -> None:
    start.wait()
    sys.exit(main(["--db", path, "add", title]))


def test_processes_running_their_first_command_at_once_all_succeed(tmp_path):
    """Main's bug: 12 of 40 failed ("not a kanban database" when SQLite said "locked", or two
    default boards). Eight real processes, started together on a new file, five times."""
    fork = multiprocessing.get_context("fork")
    for round_ in range(5):
        path = tmp_path / f"first-{round_}.db"
        start = fork.Barrier(8)
        workers = [fork.Process(target=_add, args=(str(path), f"t{i}", start)) for i in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert [worker.exitcode for worker in workers] == [0] * 8
        with sqlite3.connect(path) as connection:
            boards = connection.execute("SELECT name FROM boards").fetchall()
            titles = sorted(t for (t,) in connection.execute("SELECT title FROM cards"))
        connection.close()
        assert boards == [("Kanban",)]
        assert titles == [f"t{i}" for i in range(8)]


# ------------------------------------------------------------------ permissions


def test_a_new_database_and_its_side_files_are_private(db, kanban):
    old = os.umask(0)  # whatever the umask
    try:
        assert kanban("add", "Card").code == 0
        service = KanbanService.open(db)
        service.add_card(service.board().id, "Another")  # the WAL and its index are open now
        sides = [db.with_name(db.name + suffix) for suffix in ("-wal", "-shm")]
        assert [mode(path) for path in [db, *sides]] == [0o600] * 3
        service.close()
    finally:
        os.umask(old)


def test_an_existing_database_keeps_its_mode(tuesday, kanban):
    tuesday.chmod(0o644)
    assert kanban("add", "Card").code == 0
    assert mode(tuesday) == 0o644


def test_the_data_folder_kanban_creates_is_private(cli, data_home):
    assert cli("add", "Card").code == 0
    folder = data_home / "kanban"
    assert (mode(folder), mode(folder / "kanban.db")) == (0o700, 0o600)


def test_an_existing_data_folder_keeps_its_mode(cli, data_home):
    (data_home / "kanban").mkdir(mode=0o755)
    assert cli("add", "Card").code == 0
    assert mode(data_home / "kanban") == 0o755


def test_the_demo_folder_and_database_are_private(cli, monkeypatch):
    made: list[str] = []
    real = tempfile.mkdtemp

    def recorded(*args: object, **kwargs: object) -> str:
        made.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(tempfile, "mkdtemp", recorded)
    assert cli("demo", "--no-tui").code == 0
    folder = Path(made[0])
    assert (mode(folder), mode(folder / "kanban.db")) == (0o700, 0o600)
