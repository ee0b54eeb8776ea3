"""Markdown escaping of user text: nothing a title says can break a table, or become a link,
an image, HTML, emphasis, code, a heading or a list item when the report is pasted into chat."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kanban.reports.markdown import escape


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("[x](http://evil)", "\\[x\\](http://evil)"),
        ("![img](http://evil/p.png)", "\\!\\[img\\](http://evil/p.png)"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("*bold* _it_ `code` ~del~ \\", "\\*bold\\* \\_it\\_ \\`code\\` \\~del\\~ \\\\"),
        ("# heading", "\\# heading"),
        ("## heading", "\\## heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("#12 is not a heading", "#12 is not a heading"),
        ("line\nbreak", "line␊break"),
        ("\x1b]0;pwned\x07", "␛\\]0;pwned␇"),
        ("Fix the printer", "Fix the printer"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


@given(st.text())
def test_an_escaped_cell_stays_one_plain_cell(text: str) -> None:
    """Whatever the text, a table row holding it keeps its cells, and nothing in it renders
    as a link, image, HTML or code."""
    row = f"| a | {escape(text)} |"
    html = MarkdownIt("commonmark").enable("table").render(f"| x | y |\n|---|---|\n{row}\n")
    assert html.count("<td>") == 2
    for tag in ("<a ", "<img", "<code>", "<em>", "<strong>"):
        assert tag not in html
