"""CSV cells a spreadsheet will not run: the export's user text, neutralised as OWASP advises.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``, ``@SUM(...)``, DDE), so it
gets a leading ``'`` (shown as text, the quote hidden). Controls are shown visibly (newlines
kept: the csv module quotes them), so a cell cannot carry an escape sequence either. Numbers
we write ourselves (ids, positions) stay numbers."""

from __future__ import annotations

from kanban.reports.safe_text import visible

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """``value`` as written to the CSV: text neutralised, an ``int`` as it is."""
    if isinstance(value, int):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    return visible(text, newlines=True)
