"""kanban: a Kanban work-visibility board for the terminal."""

__version__ = "0.1.0"
