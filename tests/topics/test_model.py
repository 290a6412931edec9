"""fit_topics on small synthetic corpora: every size path, determinism, clean words."""

import random

import numpy as np
import pytest

from interviewlens.nlp.vocabulary import noise_words
from interviewlens.topics.embeddings import LsaEmbedder, embed_documents
from interviewlens.topics.model import TopicSettings, default_topic_count, fit_topics

THEMES = {
    "jumelage": "jumelage allemagne comité échange anniversaire correspondant ville partenaire",
    "école": "école élève classe maîtresse cantine cour récréation directrice",
    "festival": "festival bénévole scène concert buvette affiche programmation musique",
}
NOISE = noise_words()


def corpus(n, seed=1):
    rng = random.Random(seed)
    names = sorted(THEMES)
    docs = []
    for i in range(n):
        words = THEMES[names[i % 3]].split()
        docs.append(" ".join(rng.sample(words, 4) + ["euh"] * (i % 2)))
    return docs


def fit(docs, **settings):
    embedder = LsaEmbedder(docs, seed=0)
    return fit_topics(docs, embed_documents(embedder, docs), embedder, NOISE,
                      TopicSettings(**settings))


def test_no_document_gives_no_topic():
    result = fit([])
    assert result.topics == [] and len(result.assignment) == 0


@pytest.mark.parametrize("n", [1, 2])
def test_tiny_corpora_get_a_single_topic(n):
    result = fit(corpus(n))
    assert result.clustering == "single" and len(result.topics) == 1
    assert result.assignment.tolist() == [0] * n


def test_ten_segments_kmeans_without_umap_and_clean_words():
    result = fit(corpus(10), n_topics=3)
    assert result.clustering == "kmeans"
    assert len(result.topics) == 3 and (result.assignment >= 0).all()
    assert sum(t.size for t in result.topics) == 10
    for topic in result.topics:
        assert topic.words and not {w for w, _ in topic.words} & NOISE
    # each topic is one synthetic theme
    for topic in result.topics:
        themes = {name for w, _ in topic.words for name, words in THEMES.items()
                  if w in words.split()}
        assert len(themes) == 1, topic.words


def test_more_topics_than_documents_is_clipped():
    result = fit(corpus(4), n_topics=50)
    assert len(result.topics) <= 4


def test_same_input_and_seed_same_topics():
    docs = corpus(30)
    first, second = fit(docs, n_topics=3, seed=7), fit(docs, n_topics=3, seed=7)
    assert [t.words for t in first.topics] == [t.words for t in second.topics]
    assert np.array_equal(first.assignment, second.assignment)


def test_hdbscan_path_reassigns_outliers():
    mixed = ["jumelage école festival concert", "élève comité buvette", "allemagne cantine scène"]
    docs = corpus(54) + mixed  # under 60: no UMAP, whose first (compiling) run costs 20 s
    result = fit(docs, hdbscan_from=30)
    assert result.clustering in ("hdbscan", "kmeans")
    assert (result.assignment >= 0).all()  # outliers reduced
    assert 2 <= len(result.topics) <= 10
    assert [t.number for t in result.topics] == list(range(len(result.topics)))
    assert [t.size for t in result.topics] == sorted((t.size for t in result.topics), reverse=True)


def test_default_topic_count_grows_slowly():
    assert default_topic_count(10) == 2
    assert default_topic_count(900) == 15
    assert default_topic_count(50_000) == 30
