"""Readable topic words: c-TF-IDF candidates re-ranked by maximal marginal relevance.

Empty slots pad each topic to exactly `top_n` words, as BERTopic expects. Relevance mixes the c-TF-IDF weight (rescaled to 0–1) and the similarity of the word to the
topic (the weighted mean of its candidates' embeddings), so a name without a vector
(*Oberwaldstetten*) can still lead a topic. Empty slots and noise words (stop words,
fillers, light verbs) are dropped first: they can never appear in a label.
Importing this module imports BERTopic: only the topic stage does.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from bertopic.representation import BaseRepresentation

WordEmbedder = Callable[[list[str]], np.ndarray]


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def mmr_order(weights: np.ndarray, embeddings: np.ndarray, top_n: int,
              diversity: float) -> list[int]:
    """Indices of `top_n` candidates by MMR; candidate 0 (best c-TF-IDF) always comes first."""
    unit = _unit(embeddings)
    centre = _unit((weights[:, None] * unit).sum(axis=0, keepdims=True))[0]
    scale = weights.max() or 1.0
    relevance = 0.5 * weights / scale + 0.5 * (unit @ centre)
    similarity = unit @ unit.T
    chosen = [0]
    rest = list(range(1, len(weights)))
    while rest and len(chosen) < top_n:
        redundancy = similarity[np.ix_(rest, chosen)].max(axis=1)
        scores = (1 - diversity) * relevance[rest] - diversity * redundancy
        best = rest[int(np.argmax(scores))]
        chosen.append(best)
        rest.remove(best)
    return chosen


class ReadableMMR(BaseRepresentation):
    """BERTopic representation model: filtered c-TF-IDF candidates, MMR-ordered."""

    def __init__(self, embed_words: WordEmbedder, noise: frozenset[str], *, top_n: int = 10,
                 diversity: float = 0.3):
        self.embed_words = embed_words
        self.noise = noise
        self.top_n = top_n
        self.diversity = diversity

    def clean(self, candidates: list[tuple[str, float]]) -> list[tuple[str, float]]:
        seen: set[str] = set()
        out = []
        for word, weight in candidates:
            parts = word.split()
            if not word or weight <= 0 or word in seen or any(p in self.noise for p in parts):
                continue
            if len(parts) > 1 and len(set(parts)) < len(parts):
                continue  # "jeune jeune"
            seen.add(word)
            out.append((word, float(weight)))
        return out

    def extract_topics(self, topic_model, documents, c_tf_idf, topics):
        updated = {}
        for topic, candidates in topics.items():
            pairs = self.clean(candidates)
            if len(pairs) > 2:
                words = [w for w, _ in pairs]
                weights = np.array([s for _, s in pairs], dtype=np.float64)
                embeddings = np.asarray(self.embed_words(words), dtype=np.float64)
                pairs = [pairs[i] for i in mmr_order(weights, embeddings, self.top_n,
                                                     self.diversity)]
            # BERTopic slices word embeddings topic by topic assuming top_n words each: pad.
            updated[topic] = (pairs + [("", 0.0)] * self.top_n)[: self.top_n]
        return updated
