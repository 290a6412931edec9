import numpy as np
import pytest

from interviewlens.classify.evaluate import agreement


def test_agreement_against_a_hand_computed_example():
    gold = ["force", "force", "faiblesse", "faiblesse", "aucun", "aucun"]
    pred = ["force", "faiblesse", "faiblesse", "faiblesse", "aucun", "force"]
    result = agreement(gold, pred)
    # force: P 1/2, R 1/2; faiblesse: P 2/3, R 1; aucun: P 1, R 1/2.
    assert result.per_class["force"]["f1"] == pytest.approx(0.5)
    assert result.per_class["faiblesse"]["f1"] == pytest.approx(0.8)
    assert result.per_class["aucun"]["f1"] == pytest.approx(2 / 3)
    assert result.macro_f1 == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)  # absent codes left out
    assert result.accuracy == pytest.approx(4 / 6)
    # kappa = (po - pe) / (1 - pe), po = 4/6, pe = (2*2 + 2*3 + 2*1) / 36 = 1/3
    assert result.kappa == pytest.approx((4 / 6 - 1 / 3) / (1 - 1 / 3))
    assert result.confusion.sum() == 6
    assert np.trace(result.confusion) == 4
