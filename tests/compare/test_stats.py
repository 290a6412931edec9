"""The comparison statistics against scipy and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from interviewlens.compare.stats import chi_square, log_likelihood, log_ratio, specificities

# The demo's gold profile (commune × force, faiblesse, opportunité, vigilance).
DEMO_PROFILE = np.array([[70, 76, 31, 40], [48, 91, 73, 35], [36, 91, 73, 56]])


def test_chi_square_matches_scipy():
    result = chi_square(DEMO_PROFILE)
    statistic, p_value, dof, expected = chi2_contingency(DEMO_PROFILE, correction=False)
    assert result.statistic == pytest.approx(statistic, rel=1e-12)
    assert result.p_value == pytest.approx(p_value, rel=1e-9)
    assert result.dof == dof == 6
    np.testing.assert_allclose(result.expected, expected)
    np.testing.assert_allclose(result.standardized, (DEMO_PROFILE - expected) / np.sqrt(expected))
    assert result.cramers_v == pytest.approx(math.sqrt(statistic / (DEMO_PROFILE.sum() * 2)))
    assert result.valid and result.warnings == []


def test_adjusted_residuals_by_hand():
    # 2 × 2 table: every adjusted residual is ±√χ², and one cell worked out in full.
    table = np.array([[30, 10], [20, 40]])
    result = chi_square(table)
    n, row, col = 100, 40, 50
    expected = row * col / n  # 20
    by_hand = (30 - expected) / math.sqrt(expected * (1 - row / n) * (1 - col / n))
    assert result.adjusted[0, 0] == pytest.approx(by_hand)
    assert by_hand == pytest.approx(10 / math.sqrt(20 * 0.6 * 0.5))
    np.testing.assert_allclose(np.abs(result.adjusted), math.sqrt(result.statistic))
    assert result.adjusted[0, 0] > 0 > result.adjusted[0, 1]


def test_sparse_tables_warn():
    sparse = chi_square(np.array([[3, 1, 0], [2, 0, 1], [1, 1, 4]]))
    assert not sparse.valid
    assert any("Cochran" in w for w in sparse.warnings)
    assert any("inférieur(s) à 1" in w for w in sparse.warnings)


def test_empty_rows_and_columns_are_left_out_of_the_test():
    table = np.array([[30, 10, 0], [20, 40, 0], [0, 0, 0]])
    result = chi_square(table)
    reference = chi2_contingency(table[:2, :2], correction=False)
    assert result.statistic == pytest.approx(reference[0])
    assert result.dof == 1
    assert result.adjusted[2].tolist() == [0, 0, 0] and result.adjusted[:, 2].tolist() == [0, 0, 0]
    assert any("ligne(s) vide(s)" in w for w in result.warnings)
    single = chi_square(np.array([[5, 6, 7]]))
    assert math.isnan(single.statistic) and not single.valid


def _hypergeom_pmf(k: int, total: int, form: int, part: int) -> float:
    return math.comb(form, k) * math.comb(total - form, part - k) / math.comb(total, part)


def test_specificities_by_hand():
    # Two parts of 10 and 30 items; form A appears 6 times (5 in part 1), form B 34 times.
    table = np.array([[5, 1], [5, 29]])
    scores = specificities(table)
    total, form, part = 40, 6, 10
    # Part 1, form A: 5 observed, 1.5 expected → over: −log10 P(X ≥ 5).
    upper = sum(_hypergeom_pmf(k, total, form, part) for k in range(5, form + 1))
    assert scores[0, 0] == pytest.approx(-math.log10(upper), rel=1e-9)
    assert scores[0, 0] > 2  # P(X ≥ 5) ≈ 0.0022
    # Part 2, form A: 1 observed, 4.5 expected → under: log10 P(X ≤ 1) with 30 draws.
    lower = sum(_hypergeom_pmf(k, total, form, 30) for k in range(2))
    assert scores[0, 1] == pytest.approx(math.log10(lower), rel=1e-9)
    assert scores[0, 1] < 0
    # Form B, part 1: 5 observed, 8.5 expected → under; part 2: 29 observed → over.
    lower_b = sum(_hypergeom_pmf(k, total, 34, 10) for k in range(6))
    upper_b = sum(_hypergeom_pmf(k, total, 34, 30) for k in range(29, 31))
    assert scores[1, 0] == pytest.approx(math.log10(lower_b), rel=1e-9)
    assert scores[1, 1] == pytest.approx(-math.log10(upper_b), rel=1e-9)


def test_specificity_at_expectation_follows_txm():
    # f equal to its expectation: TXM takes p = P(X ≤ f − 1) < 0.5 → a small negative score.
    table = np.array([[2, 2], [8, 8]])
    scores = specificities(table)
    lower = sum(_hypergeom_pmf(k, 20, 4, 10) for k in range(2))
    assert scores[0, 0] == pytest.approx(math.log10(lower))
    assert -1 < scores[0, 0] < 0


def test_specificities_stay_finite_on_large_counts():
    table = np.array([[900, 1100], [49_100, 948_900]])
    scores = specificities(table)
    assert np.isfinite(scores).all()
    assert scores[0, 0] > 300  # P(X ≥ 900) ≈ 1e-1387: log space, no underflow to 0
    assert scores[0, 1] < -300


def test_log_likelihood_by_hand():
    # 20 of 1,000 words in the part, 10 of 4,000 in the rest.
    a, b, c, d = 20, 10, 1_000, 4_000
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)  # 6 and 24
    by_hand = 2 * (20 * math.log(20 / 6) + 10 * math.log(10 / 24))
    assert by_hand == pytest.approx(30.6495, abs=1e-4)  # 2 (24.0795 − 8.7547)
    assert e1 == 6 and e2 == 24
    assert float(log_likelihood(a, b, c, d)) == pytest.approx(by_hand)
    # Rarer in the part: same magnitude formula, negative sign.
    assert float(log_likelihood(2, 40, 1_000, 4_000)) < 0
    # A word absent from the rest contributes only its first term.
    only = 2 * 5 * math.log(5 / (1_000 * 5 / 5_000))
    assert float(log_likelihood(5, 0, 1_000, 4_000)) == pytest.approx(only)
    assert float(log_ratio(np.array([20]), np.array([10]), c, d)[0]) == pytest.approx(3.0)
