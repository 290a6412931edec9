"""The queue's order and movement, and agreement statistics against reference values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from interviewlens.classify.queue import uncertainty_order as reference_order
from interviewlens.review.agreement import cohen_kappa, krippendorff_alpha
from interviewlens.review.queue_state import ReviewQueue, disagreements_first, uncertainty_order


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.floats(0.01, 1.0), min_size=5, max_size=5),
                          st.integers(0, 4)), min_size=1, max_size=60))
def test_vectorised_order_equals_the_reference_heap_order(rows):
    probs = np.array([r[0] for r in rows])
    probs = probs / probs.sum(axis=1, keepdims=True)
    groups = np.array([r[1] for r in rows])
    assert list(uncertainty_order(probs, groups)) == reference_order(probs, list(groups))


def test_queue_skips_done_and_filtered_and_brings_skipped_back_last():
    queue = ReviewQueue([1, 2, 3, 4, 5], done={2})
    assert queue.start() == 1
    assert queue.skip() == 3            # 1 skipped, 2 already done
    queue.set_filter({1, 3, 5})
    queue.mark_done(3)
    assert queue.advance() == 5
    queue.mark_done(5)
    assert queue.advance() == 1         # the skipped one, last
    queue.mark_done(1)
    assert queue.advance() is None
    queue.reopen(3)                     # an undo
    queue.jump(3)
    assert queue.current == 3 and queue.back() == 1


def test_disagreements_come_first_then_agreements_then_single_codes():
    codes = {"lea": {1: "force", 2: "aucun", 3: "force", 5: "vigilance"},
             "tom": {1: "force", 2: "force", 3: "faiblesse"}}
    assert disagreements_first([1, 2, 3, 4, 5], codes) == [2, 3, 1, 5, 4]


def test_kappa_matches_scikit_learn():
    rng = np.random.default_rng(1)
    a = rng.choice(["force", "faiblesse", "aucun", "vigilance"], size=200)
    b = np.where(rng.random(200) < 0.7, a, rng.choice(["force", "aucun"], size=200))
    assert cohen_kappa(list(a), list(b)) == pytest.approx(cohen_kappa_score(a, b))


def test_alpha_matches_krippendorffs_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
    # 4 observers, 12 units, missing values; published nominal alpha = 0.743.
    table = [
        [1, 1, None, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [None, 5, 5, 5], [None, None, 1, 1],
        [None, 3, None, None],
    ]
    units = [[v for v in unit if v is not None] for unit in table]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.001)
    assert krippendorff_alpha([["a", "a"], ["b", "b"]]) == 1.0
