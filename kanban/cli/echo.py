"""``say``: how every CLI line meant for people is printed (confirmations, warnings, lists).

A line quotes user text (a title, a column or board name), so it goes through
:func:`kanban.reports.safe_text.visible` first: escape sequences are shown, never run."""

from __future__ import annotations

import sys
from typing import TextIO

from kanban.reports.safe_text import visible


def say(line: str, file: TextIO | None = None) -> None:
    """Print one line with every terminal control in it made visible."""
    print(visible(line), file=file or sys.stdout)
