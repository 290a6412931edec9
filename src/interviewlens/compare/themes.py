"""Themes: topics fitted jointly over every compared segment, so that they mean the same
thing in every group; prevalence, specificities, topics shared by all vs specific to one.

The documents are the segments' topic terms (nominal content lemmas stored by `analyse`),
minus noise and the words of people's and places' names; the embeddings are the spaCy
vectors of fr_core_news_md when it is installed (as `analyse` does), else LSA; the model is
`interviewlens.topics.model.fit_topics` (BERTopic, KMeans below 20,000 segments), seeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewlens.compare.profiles import SWOT
from interviewlens.compare.stats import specificities

if TYPE_CHECKING:
    import pandas as pd

SPECIFIC = 2.0       # specificity score: P(X ≥ f) ≤ 1 %
PRESENT_RATIO = 0.5  # "present everywhere": prevalence ≥ half the overall one in every group
EMBEDDINGS = ("auto", "spacy-vectors", "lsa")


@dataclass(slots=True)
class Themes:
    topics: pd.DataFrame          # topic, label, words, segments, share, status, over_in
    counts: pd.DataFrame          # topic × group: segments
    prevalence: pd.DataFrame      # topic × group: share of the group's segments with a topic
    specificities: pd.DataFrame   # topic × group: Lafon score
    swot: pd.DataFrame            # label, topic, group, segments, specificity (within label)
    assignment: pd.Series         # segment row (Corpus.segments index) → topic
    embedding: str = ""
    clustering: str = ""
    notes: list[str] = field(default_factory=list)


def joint_topics(segments: pd.DataFrame, groups: list[str], name_words: frozenset[str], *,
                 n_topics: int | None = None, seed: int = 0,
                 embedding: str = "auto") -> Themes | None:
    """Fit topics on every analysed segment of every group; None when none has terms."""
    import pandas as pd

    from interviewlens.nlp.vocabulary import noise_words
    from interviewlens.topics.embeddings import embed_documents
    from interviewlens.topics.model import TopicSettings, fit_topics

    noise = noise_words() | name_words
    docs, rows = [], []
    for index, terms in segments.terms.items():
        kept = [w for w in terms if w not in noise]
        if kept:
            docs.append(" ".join(kept))
            rows.append(index)
    if len(docs) < 3:
        return None
    embedder = _embedder(embedding, docs, seed)
    embeddings = embed_documents(embedder, docs)
    fit = fit_topics(docs, embeddings, embedder, noise,
                     TopicSettings(seed=seed, n_topics=n_topics))
    assignment = pd.Series(fit.assignment, index=rows, name="topic")
    assignment = assignment[assignment >= 0]
    numbers = [t.number for t in fit.topics]
    groups_of = segments.loc[assignment.index, "group"]
    counts = pd.crosstab(assignment, groups_of).reindex(index=numbers, columns=groups,
                                                        fill_value=0)
    counts.index.name, counts.columns.name = "topic", None
    prevalence = counts.div(counts.sum(axis=0).replace(0, float("nan")), axis=1).fillna(0.0)
    scores = pd.DataFrame(specificities(counts.to_numpy()), index=counts.index,
                          columns=counts.columns)
    topics = _describe(fit.topics, counts, prevalence, scores)
    swot = _swot(segments.loc[assignment.index, ["group", "label"]].assign(topic=assignment),
                 numbers, groups)
    return Themes(topics, counts, prevalence, scores, swot, assignment, embedder.name,
                  fit.clustering)


def _embedder(kind: str, docs: list[str], seed: int):
    from interviewlens.errors import InputError
    from interviewlens.topics.embeddings import LsaEmbedder, SpacyVectorEmbedder

    if kind not in EMBEDDINGS:
        raise InputError("embedding", f"unknown embedding {kind!r}",
                         "use " + ", ".join(EMBEDDINGS))
    if kind != "lsa":
        from interviewlens.errors import InterviewLensError
        from interviewlens.nlp.loading import DEFAULT_MODEL, load_french

        try:
            nlp = load_french(DEFAULT_MODEL)
        except InterviewLensError:
            if kind == "spacy-vectors":
                raise
        else:
            if nlp.vocab.vectors.shape[0] > 0:
                return SpacyVectorEmbedder(nlp.vocab, DEFAULT_MODEL)
    return LsaEmbedder(docs, seed=seed)


def _describe(fitted, counts: pd.DataFrame, prevalence: pd.DataFrame,
              scores: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    total = counts.to_numpy().sum()
    rows = []
    for topic in fitted:
        n = int(counts.loc[topic.number].sum())
        overall = n / total if total else 0.0
        over = [g for g in counts.columns if scores.loc[topic.number, g] >= SPECIFIC]
        everywhere = bool((prevalence.loc[topic.number] >= PRESENT_RATIO * overall).all())
        rows.append({
            "topic": topic.number, "label": topic.label,
            "words": ", ".join(w for w, _ in topic.words),
            "segments": n, "share": overall, "status": _status(over, everywhere),
            "over_in": ", ".join(over), "everywhere": everywhere,
        })
    return pd.DataFrame(rows).set_index("topic")


def _status(over: list[str], everywhere: bool) -> str:
    """French reading of a topic's spread across groups."""
    if not over:
        return "partagé par tous" if everywhere else "diffus"
    if len(over) == 1:
        return f"partagé, surtout {over[0]}" if everywhere else f"spécifique à {over[0]}"
    return "surtout " + ", ".join(over)


def _swot(rows: pd.DataFrame, numbers: list[int], groups: list[str]) -> pd.DataFrame:
    """Per SWOT code: segments of each topic in each group, and the specificity of the group
    within that code (which themes carry a group's forces, weaknesses…)."""
    import pandas as pd

    out = []
    for label in SWOT:
        coded = rows[rows.label == label.value]
        if coded.empty:
            continue
        table = pd.crosstab(coded.topic, coded.group).reindex(index=numbers, columns=groups,
                                                              fill_value=0)
        scores = specificities(table.to_numpy())
        for i, topic in enumerate(numbers):
            for j, group in enumerate(groups):
                out.append({"label": label.value, "topic": topic, "group": group,
                            "segments": int(table.iat[i, j]), "specificity": scores[i, j]})
    return pd.DataFrame(out, columns=["label", "topic", "group", "segments", "specificity"])
