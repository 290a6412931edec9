"""`topics --evaluate`: NPMI and diversity of the stored topics and of an NMF baseline.

Both models are scored on the same reference documents (the topic terms of every segment)
with the same number of topics and top words, so the figures compare.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from interviewlens.nlp.store import SegmentContent, segment_contents
from interviewlens.store.connection import transaction
from interviewlens.store.writes import now_iso
from interviewlens.topics.metrics import npmi_coherence, topic_diversity
from interviewlens.topics.store import stored_topics

TOP_N = 10
WINDOW_TERMS = 40  # about 110 running words of speech: the usual NPMI window size


@dataclass(frozen=True, slots=True)
class TopicScore:
    model: str
    n_topics: int
    top_n: int
    npmi: float
    diversity: float


def reference_windows(contents: list[SegmentContent],
                      size: int = WINDOW_TERMS) -> list[list[str]]:
    """Consecutive segments of one interview grouped until they hold `size` topic terms.

    Segments are too short (a few terms each) for co-occurrence statistics: almost every
    pair would never co-occur. Windows of about a hundred running words, as in the usual
    NPMI setting, keep the measure informative.
    """
    windows: list[list[str]] = []
    current: list[str] = []
    interview = None
    for content in contents:
        if content.interview_id != interview or len(current) >= size:
            if current:
                windows.append(current)
            current, interview = [], content.interview_id
        current.extend(content.terms)
    if current:
        windows.append(current)
    return windows


def nmf_topics(documents: list[list[str]], n_topics: int, *, seed: int = 0,
               top_n: int = TOP_N) -> list[list[str]]:
    """Top words of an NMF (TF-IDF, NNDSVD init) with `n_topics` components."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents)
    k = max(1, min(n_topics, *matrix.shape))
    model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=500)
    model.fit(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    return [[str(vocabulary[i]) for i in row.argsort()[::-1][:top_n] if row[i] > 0]
            for row in model.components_]


def score(model: str, topics: list[list[str]], documents: list[list[str]],
          top_n: int = TOP_N) -> TopicScore:
    return TopicScore(model, len(topics), top_n, npmi_coherence(topics, documents, top_n),
                      topic_diversity(topics, top_n))


def evaluate_topics(db: sqlite3.Connection, *, top_n: int = TOP_N) -> list[TopicScore]:
    """Score the stored BERTopic topics and the NMF baseline; store and return both."""
    topics = stored_topics(db)
    contents = segment_contents(db)
    documents = [c.terms for c in contents if c.terms]  # what both models were fitted on
    run = db.execute("SELECT seed FROM analysis_run WHERE id = ?", (topics[0].run_id,)).fetchone()
    seed = run[0] if run else 0
    reference = reference_windows(contents)
    scores = [score("bertopic", [t.words for t in topics], reference, top_n),
              score("nmf", nmf_topics(documents, len(topics), seed=seed, top_n=top_n),
                    reference, top_n)]
    with transaction(db):
        db.executemany(
            "INSERT INTO topic_evaluation (run_id, model, n_topics, top_n, npmi, diversity,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(topics[0].run_id, s.model, s.n_topics, s.top_n, s.npmi, s.diversity, now_iso())
             for s in scores])
    return scores
