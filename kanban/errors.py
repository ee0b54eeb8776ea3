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
    """The user named the wrong database: not a kanban database, written by a newer version, a
    folder, a path whose folder does not exist, an unknown URL or one whose driver is missing."""


class StorageFailure(KanbanError):
    """The database cannot be used right now, through no fault of the command (exit status 1)."""


class ConnectionLost(StorageFailure):
    """The database server cannot be reached now (refused, gone, closed the connection): it may
    be back in a moment."""


class DatabaseBusy(StorageFailure):
    """Another process held the write lock for longer than the busy timeout."""


class DatabaseReadOnly(StorageFailure):
    """The file, or the folder SQLite writes its journal into, cannot be written."""


class DatabaseDamaged(StorageFailure):
    """The file is a SQLite database whose pages cannot be read."""


class StaleCard(KanbanError):
    """A change made from a view of a card that someone changed since: nothing was written.
    ``author`` made the card's newest change (None: unknown)."""

    def __init__(self, message: str, card_id: int, author: str | None = None) -> None:
        super().__init__(message)
        self.card_id = card_id
        self.author = author
