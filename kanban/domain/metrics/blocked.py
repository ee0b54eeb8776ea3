"""Blocked time per card and the most common blocker reasons.

A block counts when it started between ``start`` and ``end`` (local dates, inclusive); its whole
length counts, a block still open up to now. Reasons are grouped ignoring case and surrounding
space, shown as first written. On a business-day board weekend time is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.metrics.history import BlockSpan, History

DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class BlockedTime:
    card_id: int
    total: timedelta
    spans: int
    blocked_now: bool

    @property
    def days(self) -> float:
        return self.total / DAY


@dataclass(frozen=True, slots=True)
class BlockerReason:
    reason: str
    count: int  # how many blocks gave it
    total: timedelta  # their summed length


def _spans(
    history: History, blocks: tuple[BlockSpan, ...], start: date | None, end: date | None
) -> list[BlockSpan]:
    return [
        b
        for b in blocks
        if (start is None or history.day(b.start) >= start)
        and (end is None or history.day(b.start) <= end)
    ]


def blocked_times(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[BlockedTime, ...]:
    """Cards that were blocked, the longest blocked first."""
    found = []
    for card in history.cards:
        if not card.blocks:
            continue
        spans = _spans(history, card.blocks, start, end)
        if spans:
            total = sum(
                (history.duration(b.start, b.end or history.now) for b in spans), timedelta(0)
            )
            found.append(BlockedTime(card.card_id, total, len(spans), spans[-1].end is None))
    return tuple(sorted(found, key=lambda b: (-b.total, b.card_id)))


def blocker_reasons(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[BlockerReason, ...]:
    """Reasons, the most frequent first (ties: the longest blocked, then by name)."""
    groups: dict[str, BlockerReason] = {}
    for card in history.cards:
        if not card.blocks:
            continue
        for block in _spans(history, card.blocks, start, end):
            text = " ".join(block.reason.split())
            key = text.casefold()
            seen = groups.get(key) or BlockerReason(text, 0, timedelta(0))
            length = history.duration(block.start, block.end or history.now)
            groups[key] = BlockerReason(seen.reason, seen.count + 1, seen.total + length)
    reasons = list(groups.values())
    return tuple(sorted(reasons, key=lambda r: (-r.count, -r.total, r.reason.casefold())))
