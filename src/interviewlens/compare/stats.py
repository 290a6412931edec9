"""The three statistics of a comparison, on plain numpy arrays (no pandas, no I/O).

- `chi_square`: test of independence of a groups × codes table, with standardised (Pearson)
  and adjusted (Haberman) residuals, and warnings when expected counts are too small.
- `specificities`: Lafon's hypergeometric specificities, as TXM's and Iramuteq's R code
  computes them (`specificites.probabilities` then the signed log10 of the tail).
- `log_likelihood`: Dunning's G² keyness of a word in a part against the rest of the corpus.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

SMALL_EXPECTED = 5.0     # Cochran: at most 20 % of cells under 5 …
TINY_EXPECTED = 1.0      # … and none under 1
SMALL_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class ChiSquare:
    """Result of `chi_square` on an r × c table of counts (rows and columns kept as given)."""

    statistic: float
    dof: int
    p_value: float
    n: int
    expected: np.ndarray
    standardized: np.ndarray  # (O − E) / √E
    adjusted: np.ndarray      # (O − E) / √(E (1 − row/n) (1 − col/n)), ~ N(0, 1) under H0
    cramers_v: float
    warnings: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """False when the table is too small or too sparse for the χ² approximation."""
        return not self.warnings and self.dof > 0


def chi_square(observed: np.ndarray) -> ChiSquare:
    """χ² test of independence without continuity correction (identical to
    ``scipy.stats.chi2_contingency(observed, correction=False)`` on the rows and columns
    that are not empty). Empty rows or columns are left out of the test (their residuals are
    0), and said so in the warnings.
    """
    from scipy.stats import chi2

    table = np.asarray(observed, dtype=float)
    warnings: list[str] = []
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    keep_r, keep_c = rows > 0, cols > 0
    if not keep_r.all():
        warnings.append(f"{int((~keep_r).sum())} ligne(s) vide(s) exclue(s) du test")
    if not keep_c.all():
        warnings.append(f"{int((~keep_c).sum())} colonne(s) vide(s) exclue(s) du test")
    sub = table[np.ix_(keep_r, keep_c)]
    n = float(sub.sum())
    expected = np.zeros_like(table)
    standardized = np.zeros_like(table)
    adjusted = np.zeros_like(table)
    r, c = sub.shape
    dof = (r - 1) * (c - 1)
    if n == 0 or dof == 0:
        warnings.append("tableau trop petit pour un test (il faut au moins 2 groupes et 2 codes "
                        "non vides)")
        return ChiSquare(math.nan, max(dof, 0), math.nan, int(n), expected, standardized,
                         adjusted, math.nan, warnings)
    row_p, col_p = sub.sum(axis=1) / n, sub.sum(axis=0) / n
    exp = np.outer(row_p, col_p) * n
    std = (sub - exp) / np.sqrt(exp)
    adj = (sub - exp) / np.sqrt(exp * np.outer(1 - row_p, 1 - col_p))
    statistic = float((std ** 2).sum())
    p_value = float(chi2.sf(statistic, dof))
    expected[np.ix_(keep_r, keep_c)] = exp
    standardized[np.ix_(keep_r, keep_c)] = std
    adjusted[np.ix_(keep_r, keep_c)] = adj
    small = float((exp < SMALL_EXPECTED).mean())
    if (exp < TINY_EXPECTED).any():
        warnings.append(f"{int((exp < TINY_EXPECTED).sum())} effectif(s) théorique(s) inférieur(s) "
                        "à 1 : le test du χ² n'est pas fiable")
    if small > SMALL_SHARE:
        warnings.append(f"{small:.0%} des effectifs théoriques sont inférieurs à 5 (règle de "
                        "Cochran : 20 % au plus) : le test du χ² n'est pas fiable")
    cramers_v = math.sqrt(statistic / (n * min(r - 1, c - 1)))
    return ChiSquare(statistic, dof, p_value, int(n), expected, standardized, adjusted,
                     cramers_v, warnings)


def specificities(table: np.ndarray) -> np.ndarray:
    """Lafon's specificity of every cell of a forms × parts table of counts.

    For a cell with observed count f, form total F, part size t and corpus size T, X follows
    the hypergeometric law H(T, F, t) (t draws without replacement from T items, F of them
    the form). As in TXM's ``specificites.probabilities``: p = P(X ≤ f) when f is below its
    expectation F·t/T, else p = P(X ≤ f − 1); the score is log10(p) when p < 0.5 (negative:
    under-represented), −log10(1 − p) = −log10 P(X ≥ f) when p > 0.5 (positive:
    over-represented), 0 when p = 0.5. A score of +2 means "at most a 1 % chance of seeing
    this many or more by chance". Computed in log space, so very small probabilities stay
    finite.
    """
    from scipy.stats import hypergeom

    counts = np.asarray(table, dtype=np.int64)
    total = int(counts.sum())
    scores = np.zeros(counts.shape, dtype=float)
    if total == 0:
        return scores
    form_totals = counts.sum(axis=1)
    part_sizes = counts.sum(axis=0)
    ln10 = math.log(10)
    for i, form_total in enumerate(form_totals):
        if form_total == 0:
            continue
        f = counts[i]
        expected = form_total * part_sizes / total
        below = f < expected
        # log P(X <= f) for the cells below expectation, log P(X <= f-1) = log(1 - P(X >= f))
        # for the others; their complements are the upper tails.
        log_cdf = np.where(below, hypergeom.logcdf(f, total, form_total, part_sizes),
                           hypergeom.logcdf(f - 1, total, form_total, part_sizes))
        log_upper = np.where(below, hypergeom.logsf(f, total, form_total, part_sizes),
                             hypergeom.logsf(f - 1, total, form_total, part_sizes))
        p = np.exp(log_cdf)
        row = np.zeros(len(f))
        row[p < 0.5] = log_cdf[p < 0.5] / ln10
        row[p > 0.5] = -log_upper[p > 0.5] / ln10
        row[~np.isfinite(row)] = 0.0
        scores[i] = row
    return scores


def log_likelihood(a: np.ndarray | float, b: np.ndarray | float, c: float,
                   d: float) -> np.ndarray:
    """Dunning's G² for frequencies `a` (part, size `c`) and `b` (rest, size `d`).

    E1 = c (a + b) / (c + d), E2 = d (a + b) / (c + d); G² = 2 (a ln(a/E1) + b ln(b/E2)), a
    zero frequency contributing 0. Signed here: negative when the word is rarer in the part
    than in the rest (a/c < b/d). |G²| ≥ 3.84, 6.63, 10.83 ↔ p < .05, .01, .001 (χ², 1 dof).
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / e2), 0.0)
    g2 = 2 * (t1 + t2)
    sign = np.where(a * d >= b * c, 1.0, -1.0)
    return sign * np.maximum(g2, 0.0)


def log_ratio(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Effect size of keyness: log2 of the ratio of relative frequencies (0.5 added to zeros,
    as Hardie's *Log Ratio*)."""
    a = np.where(np.asarray(a, dtype=float) == 0, 0.5, a)
    b = np.where(np.asarray(b, dtype=float) == 0, 0.5, b)
    return np.log2((a / c) / (b / d))
