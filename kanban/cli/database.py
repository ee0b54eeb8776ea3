"""Which database a command opens (``--db``, else ``$KANBAN_DB``, else the user's own file) and
who its changes are made by (``--as``, else ``$KANBAN_USER``, else the login name)."""

from __future__ import annotations

import getpass
import os
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

from kanban.errors import UsageError

if TYPE_CHECKING:
    from kanban.services import KanbanService


def default_db() -> str:
    """``$KANBAN_DB`` (set and not empty: an empty one counts as unset, as shells use it), else
    ``kanban.db`` in the platform's user data folder, created private (0700) when missing."""
    env = os.environ.get("KANBAN_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("kanban", appauthor=False))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return str(folder / "kanban.db")


def author(args: Namespace) -> str | None:
    """Who makes the changes: ``--as``, else ``$KANBAN_USER`` (if not empty), else the login
    name (None when there is none). The service checks the name like any other."""
    given: str | None = getattr(args, "author", None)
    if given is not None:
        if not given.strip():
            raise UsageError("--as is empty: name who makes the changes")
        return given
    env = os.environ.get("KANBAN_USER")
    if env and env.strip():
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name (no $USER and no passwd entry): changes are anonymous
        return None


def open_service(args: Namespace, ensure_default: bool = True) -> KanbanService:
    from kanban.services import KanbanService

    return KanbanService.open(
        args.db or default_db(), ensure_default=ensure_default, author=author(args)
    )
