"""The process's cycle collector, paused while tens of thousands of objects are made: a whole
command (kanban/cli/main.py), the board's TUI until it has painted (KanbanApp), each read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while tens of thousands of objects are made (events,
    timelines, a board's cards and their lines): they hold no cycles, and each collection would
    walk them all again, which cost half the time of reading a 57,000-event log and building
    its history, and a third of printing 50,000 cards. Restored as it was, even on failure."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
