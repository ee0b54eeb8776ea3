"""The changes others made to the board, as toasts: "#12 moved to Review by brent".

An open board keeps the id of the newest event it has seen. When its poll finds the database
changed, it reads the events written since (a few, by id), leaves out those its own service
wrote, and says the first few in words (:func:`kanban.reports.log.sentence`, the log's
phrasing), then how many more there were: a script moving fifty cards makes four toasts, not
fifty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kanban.domain.models import Event
from kanban.errors import KanbanError
from kanban.reports.log import sentence
from kanban.services import KanbanService

SHOWN = 3  # changes told one by one per poll; the rest are counted in one more toast
READ = 200  # events read per poll at most (a flood is counted as "more than ...")


class ChangeNews:
    """What changed on one board since it was last asked, written by someone else."""

    def __init__(self, service: KanbanService, board_id: int) -> None:
        self.service = service
        self.board_id = board_id
        self.seen = service.last_event_id(board_id)  # nothing before the view opened is news

    def pending(self) -> bool:
        """Whether someone else wrote to the board since the last read (it is not read: the
        next :meth:`peek` finds it). When in doubt (a failed read, more events than one read
        takes), yes."""
        try:
            events = self.service.events_since(self.board_id, self.seen, READ)
        except KanbanError:
            return True
        return len(events) == READ or not all(self.service.wrote(event) for event in events)

    def peek(self) -> News | None:
        """The events written to the board since the last :meth:`tell` (at most ``READ``; the
        newest then, a flood), not yet told; None when the read fails (a busy database)."""
        try:
            events = self.service.events_since(self.board_id, self.seen, READ)
            last = self.service.last_event_id(self.board_id) if len(events) == READ else None
        except KanbanError:
            return None
        return News(events, last)

    def tell(self, news: News, names: Mapping[int, str]) -> list[str]:
        """The toasts for ``news`` (from :meth:`peek`), the changes made elsewhere: at most
        ``SHOWN`` sentences, then "and N more changes". ``names``: the board's columns by id.
        What was told is not told again."""
        events = news.events
        if news.last is not None:  # a flood: the rest is skipped, counted as "more than"
            self.seen = max(self.seen, news.last)
        if not events:
            return []
        self.seen = max(self.seen, events[-1].id)
        theirs = [event for event in events if not self.service.wrote(event)]
        said = [sentence(event, names) for event in theirs[:SHOWN]]
        more = len(theirs) - len(said)
        if news.flood and more:
            said.append(f"and more than {more} other changes")
        elif more:
            said.append(f"and {more} more change{'s' * (more != 1)}")
        return said


@dataclass(frozen=True, slots=True)
class News:
    """Events written since the last told (oldest first) and, when there were more than one
    read takes (a flood), the board's newest event id."""

    events: list[Event]
    last: int | None = None

    @property
    def flood(self) -> bool:
        return self.last is not None
