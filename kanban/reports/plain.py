"""Text reports in a pipe without rich: where rich would draw no colour, a report's lines are
written as the plain text rich would have written, without importing it (a tenth of what a
command on 5,000 cards costs). On a terminal, or whenever in doubt, rich draws them."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import TextIO


def may_colour() -> bool:
    """Whether rich might draw in colour on stdout: it is a terminal, or the environment says
    to treat it as one (``FORCE_COLOR``, ``TTY_COMPATIBLE=1``)."""
    if "FORCE_COLOR" in os.environ or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return isatty is not None and bool(isatty())
    except ValueError:  # a closed stdout: rich says no terminal too
        return False


def pipe_width() -> int | None:
    """The width rich gives its console when stdout is no terminal (``COLUMNS``, else the size
    of the first of stdin, stdout and stderr that is a terminal, else 80); None where rich
    decides otherwise (Windows, a width of 0, or rich might draw in colour)."""
    if os.name == "nt" or may_colour():
        return None
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns) or None
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            return os.get_terminal_size(_fileno(stream, default)).columns or 80
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
    return 80


def _fileno(stream: TextIO | None, default: int) -> int:
    """A standard stream's file descriptor, as rich finds it (its usual one if it has none)."""
    try:
        return stream.fileno()  # type: ignore[union-attr]
    except Exception:
        return default


@dataclass(frozen=True, slots=True)
class Pipe:
    """Stdout where rich would draw no colour, as wide as rich would take it: what a report
    writes there as plain text, without rich's console (``color_system`` None, as rich's)."""

    width: int
    color_system: None = None

    @property
    def file(self) -> TextIO:
        return sys.stdout


def pipe() -> Pipe | None:
    """Stdout as a :class:`Pipe`, unless rich might draw there otherwise (:func:`pipe_width`)."""
    width = pipe_width()
    return None if width is None else Pipe(width)


# Characters one cell wide, as rich measures them (a test asks rich): a table whose cells hold
# only these is laid out here; any other (wide or combining characters) is left to rich.
_NARROW = frozenset(
    [chr(code) for code in range(0x20, 0x7F)]
    + [chr(code) for code in range(0xA1, 0x250) if code != 0xAD]
    + list("–—‘’“”•…→←≤≥⚠€␀␁␂␃␄␅␆␇␈␉␊␋␌␍␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟␡\ufffd")
)


def narrow(text: str) -> bool:
    """Whether every character of ``text`` is one cell wide (:data:`_NARROW`)."""
    return _NARROW.issuperset(text)


def plain_table(
    rows: Sequence[Sequence[str]],
    right: Set[int],
    width: int,
    cut: tuple[int, int] | None = None,
) -> list[str] | None:
    """The lines rich draws without colour for a table without box or edge padding (``rows``
    with the headers first, the ``right`` columns right-justified), when every cell is made of
    one-cell characters and the table fits ``width`` as rich lays it out: each column as wide
    as its widest cell, two spaces between columns, and with ``cut`` (a column, its room) that
    column at most that wide, longer cells cut with ``…``. None otherwise: rich shrinks or
    wraps the columns its own way, and draws the table."""
    if not all(narrow(cell) for row in rows for cell in row):
        return None
    widths = [max(len(cell) for cell in column) for column in zip(*rows, strict=True)]
    if cut is not None:
        widths[cut[0]] = min(widths[cut[0]], cut[1])
    last = len(widths) - 1
    if sum(widths) + 2 * last > width:
        return None
    lines = []
    for row in rows:
        line = []
        for index, cell in enumerate(row):
            size = widths[index] or (1 if last == 0 else 0)
            if index in right:
                line.append(cell.rstrip().rjust(size))
            elif len(cell) > size:  # only the cut column's cells are ever longer
                line.append(cell[: size - 1] + "…")
            else:
                line.append(cell.ljust(size))
        lines.append("  ".join(line))
    return lines
