"""Errors the user can cause. Each carries its exit status; the CLI prints one line."""


class KanbanError(Exception):
    """A failure the user should read about in one line (exit status 1)."""

    exit_code = 1


class UsageError(KanbanError):
    """Bad input: unknown ids or names, invalid values (exit status 2)."""

    exit_code = 2


class NotFound(UsageError):
    """An unknown card, column or board."""


class InvalidInput(UsageError):
    """A value that breaks a rule: an empty title, a negative limit."""


class WipLimitRefused(UsageError):
    """A strict board refused a move into a full column."""


class DatabaseError(UsageError):
    """The file is not a kanban database, or it was written by a newer version."""
