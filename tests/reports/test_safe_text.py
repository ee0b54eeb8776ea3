"""User text -> terminal text: no control character survives, styles stay where they were."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text

from kanban.reports.safe_text import is_clean, visible, visible_line, visible_text

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def test_escape_sequences_are_shown_not_emitted() -> None:
    assert visible("\x1b]0;pwned\x07 x") == "␛]0;pwned␇ x"
    assert visible("\x1b[2J\x1b[H") == "␛[2J␛[H"
    assert visible("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"


def test_c1_controls_bidi_overrides_and_separators_become_replacement_characters() -> None:
    assert visible("a\x9b31mb") == "a\ufffd31mb"
    assert visible(f"x{BIDI}y") == "x" + "\ufffd" * len(BIDI) + "y"
    assert visible("a\u2028b\u2029c") == "a\ufffdb\ufffdc"


def test_newlines_are_kept_only_when_asked_and_carriage_returns_never() -> None:
    assert visible("a\nb\r\tc\x7f") == "a␊b␍␉c␡"
    assert visible("a\nb\rc", newlines=True) == "a\nb␍c"


def test_ordinary_text_is_untouched() -> None:
    for text in ("Fix the printer", "[/] [@click=app.quit]x[/]", "Zoë — 東京 👩‍💻", "=1+2"):
        assert visible(text) == text
        assert is_clean(text)
    assert not is_clean("a\x1bb")


def test_a_styled_text_keeps_its_styles() -> None:
    text = Text.assemble(("#1", "bold"), " ", ("\x1b[2Jtitle", "red"))
    shown = visible_text(text)
    assert shown.plain == "#1 ␛[2Jtitle"
    assert [(s.start, s.end, str(s.style)) for s in shown.spans] == [(0, 2, "bold"), (3, 12, "red")]


@given(st.text())
def test_nothing_a_terminal_acts_on_survives(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)  # one character for one: styles and widths stay put
    assert not any(unicodedata.category(c) == "Cc" for c in shown)
    assert not set(shown) & set(BIDI + "\u2028\u2029")
    assert visible(shown) == shown


def test_every_character_replaced_is_unprintable() -> None:
    # visible() returns printable text untranslated: exact only while this holds
    from kanban.reports.safe_text import _TABLE

    assert not any(chr(code).isprintable() for code in _TABLE)


@given(st.text(), st.booleans())
def test_the_printable_shortcut_changes_nothing(text: str, newlines: bool) -> None:
    from kanban.reports.safe_text import _TABLE, _TABLE_KEEP_NEWLINES

    table = _TABLE_KEEP_NEWLINES if newlines else _TABLE
    assert visible(text, newlines=newlines) == text.translate(table)


@given(st.text())
def test_a_line_written_without_rich_reads_as_rich_would_print_it(text: str) -> None:
    assert visible_line(text) == visible(Text(text).plain)


def test_every_character_is_written_without_rich_as_rich_would_print_it() -> None:
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert visible_line(every) == visible(Text(every).plain)
    assert visible_line(f"a{BIDI}\r\x07\x1b[31mb") == visible(Text(f"a{BIDI}\r\x07\x1b[31mb").plain)
