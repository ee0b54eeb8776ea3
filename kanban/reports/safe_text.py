"""The one place that decides how user text becomes terminal text.

Titles, descriptions, assignees, blocked reasons and the names of columns, boards and people
come from other people (a teammate, an import file, a shared server). Before any of it reaches
a terminal, every character a terminal would *act on* is replaced by one visible character:

- C0 controls and DEL by their Unicode control pictures (ESC -> ``␛``, BEL -> ``␇``,
  newline -> ``␊``, tab -> ``␉``), so ``\\x1b]0;pwned\\x07`` shows as ``␛]0;pwned␇``;
- C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B), the bidirectional overrides and
  isolates ("Trojan Source") and the line/paragraph separators by ``�`` (U+FFFD).

Each character maps to exactly one character, so a ``rich.text.Text`` keeps its styles when its
plain text is replaced (:func:`visible_text`). Markup is a separate rule: user text is always
put into ``Text`` / Textual ``Content`` objects (never parsed as markup), so ``[/]`` or
``[@click=app.quit]`` is shown as typed.

JSON output is exact (JSON escapes every control character) and does not go through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

REPLACEMENT = "\ufffd"

# str.translate tables: code point -> the visible character shown instead.
_TABLE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
_TABLE.update(
    {
        code: REPLACEMENT
        for code in (
            0x061C,
            0x200E,
            0x200F,
            0x2028,
            0x2029,
            *range(0x202A, 0x202F),
            *range(0x2066, 0x206A),
        )
    }
)
_TABLE_KEEP_NEWLINES = {code: char for code, char in _TABLE.items() if code != 0x0A}


def visible(text: str, *, newlines: bool = False) -> str:
    """``text`` with every terminal control shown as one visible character.

    ``newlines=True`` keeps ``\\n`` (multi-line text such as a description printed on its own
    lines); a carriage return is never kept (it would overwrite the line).

    Every character either table replaces is unprintable (``str.isprintable``), so printable
    text is returned as it is, without the translation (10x slower on 50,000 lines)."""
    if text.isprintable():
        return text
    return text.translate(_TABLE_KEEP_NEWLINES if newlines else _TABLE)


# What rich's ``Text`` drops from the text it is given (bell, backspace, vertical tab, form
# feed, carriage return: ``rich.control.strip_control_codes``).
_RICH_DROPS = dict.fromkeys((0x07, 0x08, 0x0B, 0x0C, 0x0D))


def visible_line(text: str) -> str:
    """A line as rich prints ``Text(text)`` without colour, made visible: what rich drops
    dropped, then :func:`visible`. For lines written without rich (``kanban ls`` in a pipe)."""
    if text.isprintable():
        return text
    return visible(text.translate(_RICH_DROPS))


def visible_text(text: Text, *, newlines: bool = False) -> Text:
    """The same ``Text`` (styles kept), its plain text passed through :func:`visible`."""
    plain = text.plain
    shown = visible(plain, newlines=newlines)
    if shown != plain:
        text.plain = shown
    return text


def is_clean(text: str) -> bool:
    """True when :func:`visible` would change nothing."""
    return visible(text) == text
