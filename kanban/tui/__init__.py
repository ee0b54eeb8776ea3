"""The Textual TUI. Imported only when the board is opened (the CLI imports it lazily)."""
