"""Which segment the coder sees next: order, filters, skips, history. Pure Python."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

import numpy as np

SPREAD = 0.05  # as interviewlens.classify.queue.SPREAD_PENALTY


def uncertainty_order(probs: np.ndarray, groups: np.ndarray, spread: float = SPREAD) -> np.ndarray:
    """Row indexes, most uncertain first, spread across groups (vectorised).

    Same order as `classify.queue.uncertainty_order`: the k-th most uncertain segment of a
    group waits by k × spread in margin; sorting on that score merges the groups.
    """
    if len(probs) == 0:
        return np.zeros(0, dtype=np.int64)
    top2 = np.sort(probs, axis=1)[:, -2:]
    margins = (top2[:, 1] - top2[:, 0]).astype(np.float64)
    groups = np.asarray(groups)
    by_group = np.lexsort((np.arange(len(margins)), margins, groups))
    sorted_groups = groups[by_group]
    starts = np.r_[0, np.flatnonzero(sorted_groups[1:] != sorted_groups[:-1]) + 1]
    rank = np.arange(len(margins)) - np.repeat(starts, np.diff(np.r_[starts, len(margins)]))
    score = np.empty(len(margins))
    score[by_group] = margins[by_group] + spread * rank
    return np.lexsort((np.arange(len(margins)), score))


class Order(StrEnum):
    UNCERTAINTY = "uncertainty"
    TRANSCRIPT = "transcript"
    DISAGREEMENT = "disagreement"


def uncertainty_first(transcript: list[int], probs: Mapping[int, np.ndarray],
                      interview_of: Mapping[int, int]) -> list[int]:
    """Scored segments most uncertain first (spread across interviews), then the rest."""
    scored = [s for s in transcript if s in probs]
    if not scored:
        return list(transcript)
    matrix = np.vstack([probs[s] for s in scored])
    groups = np.array([interview_of[s] for s in scored])
    order = [scored[i] for i in uncertainty_order(matrix, groups)]
    rest = [s for s in transcript if s not in probs]
    return order + rest


def disagreements_first(transcript: list[int], codes: Mapping[str, Mapping[int, str]]) -> list[int]:
    """Segments where coders differ, then those they agree on, then single-coded, then the rest."""
    def rank(segment_id: int) -> int:
        given = [per[segment_id] for per in codes.values() if segment_id in per]
        if len(given) >= 2:
            return 0 if len(set(given)) > 1 else 1
        return 2 if given else 3
    return sorted(transcript, key=rank)  # stable: transcript order inside each rank


class ReviewQueue:
    """The open segments in the chosen order, restricted by filters.

    `done` holds the segments that need nothing more from this user (coded by the
    intern, validated by the supervisor). Skipped segments come back at the end.
    """

    def __init__(self, order: list[int], done: Iterable[int]):
        self._order = list(order)
        self.done = set(done)
        self.allowed: set[int] | None = None
        self.skipped: list[int] = []
        self.history: list[int] = []
        self.current: int | None = None
        self._cursor = 0

    @property
    def order(self) -> list[int]:
        return self._order

    def set_order(self, order: list[int]) -> None:
        self._order = list(order)
        self._cursor = 0

    def set_filter(self, allowed: set[int] | None) -> None:
        self.allowed = allowed
        self._cursor = 0

    def _open(self, segment_id: int) -> bool:
        return segment_id not in self.done and (self.allowed is None or segment_id in self.allowed)

    def _first_open(self, exclude: int | None = None) -> int | None:
        skipped = set(self.skipped)
        while self._cursor < len(self._order):
            candidate = self._order[self._cursor]
            if self._open(candidate) and candidate not in skipped and candidate != exclude:
                return candidate
            if not self._open(candidate):
                self._cursor += 1  # closed for good until the order or filter changes
            else:
                break
        for candidate in self._order[self._cursor:]:
            if self._open(candidate) and candidate not in skipped and candidate != exclude:
                return candidate
        for candidate in self.skipped:
            if self._open(candidate) and candidate != exclude:
                return candidate
        return None

    def advance(self) -> int | None:
        """Move to the next open segment (the current one stays in history)."""
        if self.current is not None:
            self.history.append(self.current)
        self.current = self._first_open(exclude=self.current if self.current is not None
                                        and self._open(self.current) else None)
        if self.current is None and self.history and self._open(self.history[-1]):
            self.current = self.history.pop()
        return self.current

    def start(self) -> int | None:
        self.current = self._first_open()
        return self.current

    def mark_done(self, segment_id: int) -> None:
        self.done.add(segment_id)
        if segment_id in self.skipped:
            self.skipped.remove(segment_id)

    def reopen(self, segment_id: int) -> None:
        self.done.discard(segment_id)
        self._cursor = 0

    def skip(self) -> int | None:
        if self.current is not None:
            if self.current in self.skipped:
                self.skipped.remove(self.current)
            self.skipped.append(self.current)
        return self.advance()

    def back(self) -> int | None:
        if not self.history:
            return None
        self.current = self.history.pop()
        return self.current

    def jump(self, segment_id: int) -> None:
        if self.current is not None and self.current != segment_id:
            self.history.append(self.current)
        self.current = segment_id

    def insert_after(self, anchor: int, new_id: int) -> None:
        position = self._order.index(anchor) + 1 if anchor in self._order else len(self._order)
        self._order.insert(position, new_id)
        self._cursor = 0

    def remaining(self) -> int:
        return sum(1 for s in self._order if self._open(s))
