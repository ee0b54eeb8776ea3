"""The command line: scripting commands over the service, and the way into the TUI.

Nothing here imports Textual except when the TUI is opened (``kanban`` and ``kanban demo``);
the database layers are imported only once a command needs them, so ``--help`` stays instant.
"""
