"""Which segment to ask the human about next, and when to stop asking."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

SPREAD_PENALTY = 0.05
CONFIDENT_SHARE = 0.9
HINT_MIN_CODED = 50


def margins(probs: np.ndarray) -> np.ndarray:
    """Best minus second-best probability: small means uncertain."""
    if len(probs) == 0:
        return np.zeros(0)
    top2 = np.sort(probs, axis=1)[:, -2:]
    return top2[:, 1] - top2[:, 0]


def uncertainty_order(probs: np.ndarray, groups: Sequence[object],
                      spread: float = SPREAD_PENALTY) -> list[int]:
    """Row indexes, most uncertain first, spread across groups (interviews).

    Each pick from a group makes that group's next segment wait by `spread` in margin,
    so one hard interview cannot monopolise the queue.
    """
    by_group: dict[object, list[tuple[float, int]]] = defaultdict(list)
    for index, (margin, group) in enumerate(zip(margins(probs), groups, strict=True)):
        by_group[group].append((float(margin), index))
    for items in by_group.values():
        items.sort()
    heap = [(items[0][0], items[0][1], group, 0) for group, items in by_group.items()]
    heapq.heapify(heap)
    order: list[int] = []
    while heap:
        _score, index, group, position = heapq.heappop(heap)
        order.append(index)
        items = by_group[group]
        if position + 1 < len(items):
            margin, next_index = items[position + 1]
            heapq.heappush(heap, (margin + spread * (position + 1), next_index, group,
                                  position + 1))
    return order


def stopping_hint(remaining_probs: np.ndarray, coded: int, recent_agreement: float | None,
                  ) -> str | None:
    """A sentence (French, for the UI) when the remaining suggestions look reliable enough."""
    if coded < HINT_MIN_CODED or len(remaining_probs) == 0:
        return None
    expected = float(remaining_probs.max(axis=1).mean())
    if expected < CONFIDENT_SHARE or (recent_agreement is not None and recent_agreement < 0.85):
        return None
    return (f"Incertitude faible : le modèle devrait avoir raison sur environ "
            f"{expected:.0%} des {len(remaining_probs)} segments restants. Vous pouvez "
            "valider les suggestions par lot et ne relire que les cas douteux.")
