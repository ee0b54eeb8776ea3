"""CSV cells a spreadsheet will not run (OWASP's advice) and that carry no control sequence."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban.reports.csv_cells import csv_cell
from kanban.reports.safe_text import is_clean


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'␉=1"),
        ("\r=1", "'␍=1"),
        ("a=b", "a=b"),
        ("line\ntwo", "line\ntwo"),
        ("\x1b]52;c;aGk=\x07", "␛]52;c;aGk=␇"),
        (12, 12),
    ],
)
def test_csv_cell(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


@given(st.text())
def test_a_cell_reads_back_as_written_and_is_never_a_formula(text: str) -> None:
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL).writerow([csv_cell(text)])
    (read,) = next(csv.reader(io.StringIO(out.getvalue())))
    assert read == csv_cell(text)
    assert not read.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert is_clean(read.replace("\n", ""))
