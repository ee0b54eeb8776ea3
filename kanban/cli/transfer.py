"""``kanban export`` (JSON: the whole database; CSV: the board's cards; Markdown: the board)
and ``kanban import FILE.json`` (into an empty database). The work is in
``kanban.services.transfer``."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from argparse import Namespace
from pathlib import Path

from kanban.cli.echo import say
from kanban.errors import InvalidInput
from kanban.services import KanbanService, transfer


def _render(args: Namespace, service: KanbanService) -> str:
    if args.format == "json":
        return transfer.dumps(transfer.export_database(service))
    board = service.board(args.board)
    if args.format == "csv":
        from kanban.reports.cards_csv import cards_csv

        return cards_csv(service.snapshot(board.id))
    from kanban.clock import local_tz, now
    from kanban.reports.board_markdown import board_markdown

    return board_markdown(service.view(board.id, now(), local_tz()))


def export_file(args: Namespace, service: KanbanService) -> int:
    text = _render(args, service)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    write_privately(target, text)
    say(f"exported to {target}")
    return 0


def write_privately(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` whole or not at all, readable by its owner only (0600).

    The text goes first to a new temporary file in the target's folder (``mkstemp``: a fresh
    name, created with ``O_EXCL`` and mode 0600, so nothing planted there is followed), synced,
    then renamed over the target. On any failure the temporary file is removed."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise InvalidInput(f"cannot write {target}: {exc.strerror or exc}") from None


MAX_IMPORT = 256 * 2**20  # bytes: far above any real board's export (5,000 cards: ~10 MB)


def read_export(path: str) -> object:
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_IMPORT + 1)
        if len(data) > MAX_IMPORT:
            raise InvalidInput(f"{path} is larger than {MAX_IMPORT // 2**20} MB: not an export")
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise InvalidInput(f"cannot read {path}: {reason or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path} is not JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise InvalidInput(f"{path} is not an export (nested too deeply)") from None


def import_file(args: Namespace) -> int:
    """Read and check the file first, then import it (into an empty database only)."""
    from kanban.cli.database import default_db

    checked = transfer.check_export(read_export(args.file))
    done = transfer.import_into(args.db or default_db(), checked)
    say(f"imported {args.file} ({done})")
    return 0
