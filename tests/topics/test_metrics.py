"""NPMI and diversity against a hand-computed example.

Documents: {a,b}, {a,b,c}, {a,c}, {d}, so P(a)=3/4, P(b)=P(c)=1/2, P(d)=1/4,
P(a,b)=P(a,c)=1/2, P(b,c)=1/4, P(a,d)=0.

    NPMI(a,b) = log(½ / (¾·½)) / -log ½ = log(4/3) / log 2 = 0.415037…
    NPMI(b,c) = log(¼ / (½·½)) / -log ¼ = 0
    NPMI(a,d) = -1 (never together)
    topic [a,b,c]: (0.415037 + 0.415037 + 0) / 3 = 0.276692
    topic [a,d]:   -1
    model: (0.276692 - 1) / 2 = -0.361654
    diversity of [a,b,c], [a,d]: 4 unique words / 5 words = 0.8
"""

import math

import pytest

from interviewlens.topics.metrics import npmi, npmi_coherence, topic_coherences, topic_diversity

DOCS = [["a", "b"], ["a", "b", "c"], ["a", "c"], ["d"]]
TOPICS = [["a", "b", "c"], ["a", "d"]]


def test_npmi_of_a_pair():
    assert npmi(0.75, 0.5, 0.5) == pytest.approx(math.log(4 / 3) / math.log(2))
    assert npmi(0.5, 0.5, 0.25) == pytest.approx(0.0)
    assert npmi(0.75, 0.25, 0.0) == -1.0
    assert npmi(1.0, 1.0, 1.0) == 1.0


def test_coherence_matches_the_hand_computed_example():
    per_topic = topic_coherences(TOPICS, DOCS)
    assert per_topic == pytest.approx([0.276692, -1.0], abs=1e-6)
    assert npmi_coherence(TOPICS, DOCS) == pytest.approx(-0.361654, abs=1e-6)


def test_diversity_matches_the_hand_computed_example():
    assert topic_diversity(TOPICS) == pytest.approx(0.8)
    assert topic_diversity([["a", "b"], ["c", "d"]]) == 1.0
    assert topic_diversity([["a", "b"], ["a", "b"]]) == 0.5


def test_top_n_cuts_and_degenerate_inputs():
    assert topic_diversity([["a", "b", "c"], ["a", "x", "y"]], top_n=1) == 0.5
    assert npmi_coherence([["a"]], DOCS) == 0.0  # no pair
    assert npmi_coherence([], DOCS) == 0.0 and topic_diversity([]) == 0.0
