"""Which database a command opens: ``--db``, else ``$KANBAN_DB``, else the user's own file."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING

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


def open_service(args: Namespace, ensure_default: bool = True) -> KanbanService:
    from kanban.services import KanbanService

    return KanbanService.open(args.db or default_db(), ensure_default=ensure_default)
