"""The neighbouring segments of a segment's turn: the classifier's context.

A judgement is often cut over two segments, so each segment is scored with the segments
just before and after it *in the same turn* (never across a question). Inside a project the
turn is known; in a table (a gold standard, a coding sheet) consecutive rows of the same
interview that answer the same question, or carry the same turn number, form a turn.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def turn_neighbours(texts: Sequence[str], turns: Sequence[Hashable]) -> list[tuple[str, str]]:
    """(before, after) for each text, from rows in reading order and each row's turn key;
    "" where the turn starts or ends."""
    if len(texts) != len(turns):
        raise ValueError("one turn key per text")
    pairs: list[tuple[str, str]] = []
    last = len(texts) - 1
    for i, turn in enumerate(turns):
        before = texts[i - 1] if i > 0 and turns[i - 1] == turn else ""
        after = texts[i + 1] if i < last and turns[i + 1] == turn else ""
        pairs.append((before, after))
    return pairs
