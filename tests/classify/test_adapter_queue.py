import numpy as np

from interviewlens.classify.adapter import ResidualAdapter, adapter_inputs
from interviewlens.classify.queue import margins, stopping_hint, uncertainty_order


def test_adapter_without_labels_is_the_base_model():
    base = np.array([[0.7, 0.1, 0.1, 0.05, 0.05], [0.2, 0.2, 0.2, 0.2, 0.2]])
    adapter = ResidualAdapter(3).fit(base[:0], np.zeros((0, 3)), np.array([], dtype=int))
    assert np.allclose(adapter.predict_proba(base, np.ones((2, 3))), base, atol=1e-4)


def test_adapter_learns_a_systematic_correction_and_round_trips():
    rng = np.random.default_rng(0)
    base = np.tile([0.1, 0.1, 0.1, 0.1, 0.6], (600, 1))  # base says "aucun"
    vectors = rng.normal(size=(600, 4))
    x, _, _ = adapter_inputs(base, vectors)
    truth = np.where(vectors[:, 0] > 0, 0, 4)  # humans say "force" when feature 0 is high
    adapter = ResidualAdapter(x.shape[1]).fit(base[:400], x[:400], truth[:400])
    predicted = adapter.predict_proba(base, x)[400:].argmax(axis=1)
    assert (predicted == truth[400:]).mean() > 0.9
    restored = ResidualAdapter.from_bytes(adapter.to_bytes())
    assert np.allclose(restored.predict_proba(base, x), adapter.predict_proba(base, x))


def test_margins_and_uncertainty_order_spread_across_interviews():
    probs = np.array([
        [0.50, 0.49, 0.01, 0, 0],  # a: very uncertain
        [0.52, 0.46, 0.02, 0, 0],  # a: very uncertain too
        [0.90, 0.05, 0.05, 0, 0],  # b: confident
        [0.60, 0.30, 0.10, 0, 0],  # b: fairly uncertain
    ])
    assert np.allclose(margins(probs), [0.01, 0.06, 0.85, 0.30])
    assert uncertainty_order(probs, ["a", "a", "b", "b"], spread=0.0) == [0, 1, 3, 2]
    # With the spread penalty, interview b gets a turn before a's second segment.
    assert uncertainty_order(probs, ["a", "a", "b", "b"], spread=0.5) == [0, 3, 1, 2]


def test_stopping_hint_only_when_remaining_uncertainty_is_low():
    confident = np.tile([0.96, 0.01, 0.01, 0.01, 0.01], (30, 1))
    unsure = np.tile([0.4, 0.3, 0.1, 0.1, 0.1], (30, 1))
    assert stopping_hint(confident, coded=10, recent_agreement=None) is None  # too early
    assert stopping_hint(unsure, coded=200, recent_agreement=0.95) is None
    assert stopping_hint(confident, coded=200, recent_agreement=0.6) is None
    hint = stopping_hint(confident, coded=200, recent_agreement=0.95)
    assert hint is not None and "30 segments restants" in hint
