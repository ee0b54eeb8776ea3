"""Text reports in a pipe without rich: where rich would draw no colour, a report's lines are
written as the plain text rich would have written, without importing it (a tenth of what a
command on 5,000 cards costs). On a terminal, or whenever in doubt, rich draws them."""

from __future__ import annotations

import os
import sys


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
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        try:
            return os.get_terminal_size(stream.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a terminal
            continue
    return 80


# Characters one cell wide, as rich measures them (a test asks rich): a table whose cells hold
# only these is laid out here; any other (wide or combining characters) is left to rich.
_NARROW = frozenset(
    [chr(code) for code in range(0x20, 0x7F)]
    + [chr(code) for code in range(0xA1, 0x250) if code != 0xAD]
    + list("–—‘’“”•…→←≤≥␀␁␂␃␄␅␆␇␈␉␊␋␌␍␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟␡\ufffd")
)


def narrow(text: str) -> bool:
    """Whether every character of ``text`` is one cell wide (:data:`_NARROW`)."""
    return _NARROW.issuperset(text)
