"""Topic quality: NPMI coherence and topic diversity.

NPMI (Bouma 2009; Lau et al. 2014) of two words over a reference corpus of documents, with
document co-occurrence probabilities::

    NPMI(a, b) = log(P(a,b) / (P(a) P(b))) / -log P(a,b)

It is -1 when the words never co-occur and 1 when they always do. A topic's coherence is the
mean NPMI of the pairs of its top words; a model's is the mean over its topics.
Topic diversity (Dieng et al. 2020) is the share of unique words among all topics' top words.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence


def npmi(p_a: float, p_b: float, p_ab: float) -> float:
    if p_ab <= 0.0:
        return -1.0
    if p_ab >= 1.0:
        return 1.0
    return math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)


def _document_sets(documents: Iterable[Iterable[str]], words: set[str]) -> dict[str, set[int]]:
    where: dict[str, set[int]] = {w: set() for w in words}
    for i, document in enumerate(documents):
        for term in set(document) & words:
            where[term].add(i)
    return where


def topic_coherences(topics: Sequence[Sequence[str]], documents: Sequence[Iterable[str]],
                     top_n: int = 10) -> list[float]:
    """NPMI of each topic's top words over `documents` (each an iterable of terms)."""
    tops = [list(dict.fromkeys(t))[:top_n] for t in topics]
    where = _document_sets(documents, {w for t in tops for w in t})
    n = len(documents)
    scores = []
    for words in tops:
        pairs = list(itertools.combinations(words, 2))
        if not pairs or n == 0:
            scores.append(0.0)
            continue
        total = 0.0
        for a, b in pairs:
            p_a, p_b = len(where[a]) / n, len(where[b]) / n
            p_ab = len(where[a] & where[b]) / n
            total += npmi(p_a, p_b, p_ab)
        scores.append(total / len(pairs))
    return scores


def npmi_coherence(topics: Sequence[Sequence[str]], documents: Sequence[Iterable[str]],
                   top_n: int = 10) -> float:
    scores = topic_coherences(topics, documents, top_n)
    return sum(scores) / len(scores) if scores else 0.0


def topic_diversity(topics: Sequence[Sequence[str]], top_n: int = 10) -> float:
    """Unique words / all words among the top `top_n` words of every topic."""
    tops = [list(t)[:top_n] for t in topics]
    total = sum(len(t) for t in tops)
    return len({w for t in tops for w in t}) / total if total else 0.0
