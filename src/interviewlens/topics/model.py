"""BERTopic assembled from injected sub-models, chosen by corpus size, fully offline.

- fewer than `MIN_DOCUMENTS` documents: one topic, no model (nothing to cluster);
- up to `SMALL_CORPUS` documents: KMeans on unit vectors;
- up to `HDBSCAN_FROM`: PCA (50-d) then KMeans — every segment gets a topic;
- from `HDBSCAN_FROM`: UMAP then HDBSCAN, topics merged down to `n_topics` (default: at most
  `MAX_AUTO_TOPICS`), outliers re-assigned to the nearest topic by embedding.
Every random component takes the seed, so the same documents and seed give the same topics.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from interviewlens.topics.embeddings import Embedder, embed_documents

MIN_DOCUMENTS = 3
SMALL_CORPUS = 60
HDBSCAN_FROM = 20_000  # see bench/RESULTS-analysis.md: KMeans scores better and fits faster below
LABEL_WORDS = 4
PCA_DIMENSIONS = 50
MAX_AUTO_TOPICS = 30  # HDBSCAN finds 100 topics on 20k segments: too many to read


@dataclass(frozen=True, slots=True)
class TopicSettings:
    seed: int = 0
    n_topics: int | None = None
    seed_words: tuple[tuple[str, ...], ...] = ()  # guided topics (interview-grid themes)
    top_n: int = 10
    hdbscan_from: int = HDBSCAN_FROM


@dataclass(frozen=True, slots=True)
class FittedTopic:
    number: int
    words: list[tuple[str, float]]
    size: int

    @property
    def label(self) -> str:
        return ", ".join(w for w, _ in self.words[:LABEL_WORDS]) or "(sans mots)"


@dataclass(slots=True)
class TopicFit:
    topics: list[FittedTopic]
    assignment: np.ndarray  # topic number per document (-1: none)
    scores: np.ndarray      # cosine of each document with its topic centroid
    clustering: str
    centroids: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))


def default_topic_count(n_documents: int) -> int:
    """About sqrt(n)/2 topics, between 2 and `MAX_AUTO_TOPICS`."""
    return max(2, min(MAX_AUTO_TOPICS, round(math.sqrt(n_documents) / 2)))


class _UnitVectors:
    """Dimensionality 'reduction' for tiny corpora: L2-normalised embeddings."""

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        return X / np.where(norms == 0, 1, norms)


class _Pca(_UnitVectors):
    """PCA of the unit vectors (50 dimensions at most): KMeans needs no more."""

    def __init__(self, seed: int):
        self.seed = seed
        self.pca = None

    def fit(self, X, y=None):
        from sklearn.decomposition import PCA

        unit = super().transform(X)
        k = min(PCA_DIMENSIONS, unit.shape[0] - 1, unit.shape[1])
        self.pca = PCA(n_components=k, random_state=self.seed).fit(unit)
        return self

    def transform(self, X):
        return self.pca.transform(super().transform(X))


def dimension_reducer(n: int, seed: int, *, hdbscan: bool = False):
    """Unit vectors for tiny corpora; PCA before KMeans; UMAP (5-d, cosine) before HDBSCAN.

    PCA + KMeans fits 10× faster than UMAP + KMeans (UMAP compiles with numba in every new
    process) with as good NPMI (bench/RESULTS-analysis.md); HDBSCAN needs the dense,
    low-dimensional space UMAP gives.
    """
    if n < SMALL_CORPUS:
        return _UnitVectors()
    if not hdbscan:
        return _Pca(seed)
    from umap import UMAP

    return UMAP(n_neighbors=min(15, n - 1), n_components=5, min_dist=0.0, metric="cosine",
                random_state=seed, low_memory=True, n_jobs=1)


def _vectorizer(noise: frozenset[str]):
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(token_pattern=r"[^ ]+", lowercase=False, stop_words=sorted(noise))


def _single_topic(docs: list[str], embeddings: np.ndarray, noise: frozenset[str],
                  top_n: int) -> TopicFit:
    counts = Counter(w for d in docs for w in d.split() if w not in noise)
    words = [(w, float(c)) for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    assignment = np.zeros(len(docs), dtype=int)
    topic = FittedTopic(0, words[:top_n], len(docs))
    return _finish([topic], assignment, embeddings, "single")


def _finish(topics: list[FittedTopic], assignment: np.ndarray, embeddings: np.ndarray,
            clustering: str) -> TopicFit:
    unit = _UnitVectors().transform(embeddings)
    centroids = np.zeros((len(topics), embeddings.shape[1]), dtype=np.float32)
    for topic in topics:
        centroids[topic.number] = unit[assignment == topic.number].mean(axis=0)
    centroids = _UnitVectors().transform(centroids)
    scores = np.zeros(len(assignment), dtype=np.float32)
    known = assignment >= 0
    scores[known] = np.einsum("ij,ij->i", unit[known], centroids[assignment[known]])
    return TopicFit(topics, assignment, scores, clustering, centroids)


def fit_topics(docs: list[str], embeddings: np.ndarray, embedder: Embedder,
               noise: frozenset[str], settings: TopicSettings = TopicSettings()) -> TopicFit:
    """Topics of `docs` (space-separated content lemmas) from their `embeddings`."""
    n = len(docs)
    if n == 0:
        return TopicFit([], np.zeros(0, dtype=int), np.zeros(0), "none")
    k = min(settings.n_topics or default_topic_count(n), n)
    if n < MIN_DOCUMENTS or k < 2:
        return _single_topic(docs, embeddings, noise, settings.top_n)
    use_hdbscan = n >= settings.hdbscan_from
    model = _build(n, k, embedder, noise, settings, hdbscan=use_hdbscan)
    topics, _ = model.fit_transform(docs, embeddings=embeddings.copy())
    clustering = "hdbscan" if use_hdbscan else "kmeans"
    if use_hdbscan and len(set(topics) - {-1}) < 2:
        model = _build(n, k, embedder, noise, settings, hdbscan=False)
        topics, _ = model.fit_transform(docs, embeddings=embeddings.copy())
        clustering = "kmeans"
    if -1 in topics:
        topics = model.reduce_outliers(docs, topics, strategy="embeddings",
                                       embeddings=embeddings)
        model.update_topics(docs, topics=topics, top_n_words=settings.top_n,
                            vectorizer_model=model.vectorizer_model,
                            ctfidf_model=model.ctfidf_model,
                            representation_model=model.representation_model)
    return _renumber(model, np.asarray(topics), embeddings, clustering, settings.top_n)


def _renumber(model, topics: np.ndarray, embeddings: np.ndarray, clustering: str,
              top_n: int) -> TopicFit:
    """Topics numbered by decreasing size (ties: by first word), words cut to `top_n`."""
    found = []
    for old in sorted(set(topics.tolist()) - {-1}):
        words = [(w, float(s)) for w, s in (model.get_topic(old) or []) if w][:top_n]
        found.append((old, words, int((topics == old).sum())))
    found.sort(key=lambda t: (-t[2], t[1][0][0] if t[1] else "", t[0]))
    mapping = {old: new for new, (old, _, _) in enumerate(found)}
    assignment = np.array([mapping.get(t, -1) for t in topics.tolist()], dtype=int)
    fitted = [FittedTopic(mapping[old], words, size) for old, words, size in found]
    return _finish(fitted, assignment, embeddings, clustering)


def _build(n: int, k: int, embedder: Embedder, noise: frozenset[str],
           settings: TopicSettings, *, hdbscan: bool):
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.cluster import KMeans

    from interviewlens.topics.representation import ReadableMMR


    class _Backend(BaseEmbedder):
        def embed(self, documents, verbose=False):
            return embed_documents(embedder, list(documents))

    reducer = dimension_reducer(n, settings.seed, hdbscan=hdbscan)
    if hdbscan:
        from hdbscan import HDBSCAN

        clusterer = HDBSCAN(min_cluster_size=max(10, n // 400), metric="euclidean",
                            cluster_selection_method="eom", prediction_data=False)
    else:
        clusterer = KMeans(n_clusters=k, random_state=settings.seed, n_init=10)
    backend = _Backend()
    model = BERTopic(
        embedding_model=backend,
        umap_model=reducer,
        hdbscan_model=clusterer,
        vectorizer_model=_vectorizer(noise),
        ctfidf_model=ClassTfidfTransformer(),
        representation_model=ReadableMMR(embedder.embed, noise, top_n=settings.top_n),
        top_n_words=settings.top_n,
        nr_topics=(settings.n_topics or MAX_AUTO_TOPICS) if hdbscan else None,
        seed_topic_list=[list(words) for words in settings.seed_words] or None,
        calculate_probabilities=False,
        verbose=False,
    )
    logging.getLogger("BERTopic").setLevel(logging.ERROR)  # after BERTopic set it to WARNING
    return model
