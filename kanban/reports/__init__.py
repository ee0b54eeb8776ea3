"""Reports: the board and its summary as text for the terminal (rich), Markdown for chat and
JSON for scripts. Pure renderers over domain views; no Textual, no database."""
