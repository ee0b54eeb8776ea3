"""Filtering the board's cards: a query such as ``db @brent type:change is:blocked``.

Words are ANDed. A plain word must appear in the card's title or assignee (ignoring case);
``#12`` is the card with that id. ``@name`` is the assignee (whole name, any case),
``type:KIND`` the type of work, ``aging:watch`` / ``aging:warning`` / ``aging:critical`` the
aging level (by the board's aging rule) and ``is:blocked`` blocked cards. Several values of one
key (``type:change type:unplanned``) match either. Aging is computed only when the query asks
for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from kanban.domain.aging import AgingRule
from kanban.domain.limits import MAX_QUERY
from kanban.domain.models import Aging, Card, Column, WorkType
from kanban.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class CardFilter:
    query: str
    words: tuple[str, ...] = ()
    ids: frozenset[int] = frozenset()
    assignees: frozenset[str] = frozenset()
    types: frozenset[WorkType] = frozenset()
    aging: frozenset[Aging] = frozenset()
    blocked: bool = False

    @property
    def needs_aging(self) -> bool:
        return bool(self.aging)

    def matches(self, card: Card, aging: Aging | None = None) -> bool:
        """Whether the card passes; ``aging`` is needed only when :attr:`needs_aging`."""
        if self.blocked and not card.blocked:
            return False
        if self.types and card.type not in self.types:
            return False
        if self.ids and card.id not in self.ids:
            return False
        assignee = (card.assignee or "").casefold()
        if self.assignees and assignee not in self.assignees:
            return False
        if self.aging and aging not in self.aging:
            return False
        if self.words:
            text = f"{card.title.casefold()}\n{assignee}"
            return all(word in text for word in self.words)
        return True

    def select(
        self, cards: list[Card], column: Column, rule: AgingRule, now: datetime, tz: tzinfo
    ) -> list[Card]:
        """The cards of one column that pass, in their order (aging judged by ``rule``)."""
        if self.needs_aging:
            return [c for c in cards if self.matches(c, rule.judge(c, column, now, tz))]
        return [card for card in cards if self.matches(card)]


def _choice(key: str, value: str, kinds: type[WorkType] | type[Aging]) -> WorkType | Aging:
    try:
        return kinds(value)
    except ValueError:
        allowed = [k.value for k in kinds if k.value != "ok"]
        raise InvalidInput(f"unknown {key}:{value} (use {', '.join(allowed)})") from None


def parse_filter(query: str) -> CardFilter | None:
    """The filter the query describes; None for an empty query. Raises InvalidInput for an
    unknown ``type:``, ``aging:`` or ``is:`` value, or a query over :data:`MAX_QUERY`
    characters."""
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"a filter can have at most {MAX_QUERY} characters")
    words: list[str] = []
    ids: set[int] = set()
    assignees: set[str] = set()
    types: set[WorkType] = set()
    aging: set[Aging] = set()
    blocked = False
    for token in query.casefold().split():
        key, _, value = token.partition(":")
        if key == "type" and value:
            types.add(WorkType(_choice(key, value, WorkType)))
        elif key == "aging" and value:
            level = Aging(_choice(key, value, Aging))
            if level is Aging.OK:
                raise InvalidInput("unknown aging:ok (use watch, warning, critical)")
            aging.add(level)
        elif key == "is" and value:
            if value != "blocked":
                raise InvalidInput(f"unknown is:{value} (use is:blocked)")
            blocked = True
        elif token.startswith("@") and len(token) > 1:
            assignees.add(token[1:])
        elif token.startswith("#") and token[1:].isascii() and token[1:].isdigit():
            ids.add(int(token[1:]))
        else:
            words.append(token)
    if not (words or ids or assignees or types or aging or blocked):
        return None
    return CardFilter(
        query=" ".join(query.split()),
        words=tuple(words),
        ids=frozenset(ids),
        assignees=frozenset(assignees),
        types=frozenset(types),
        aging=frozenset(aging),
        blocked=blocked,
    )
