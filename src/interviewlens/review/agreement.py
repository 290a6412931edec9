"""Agreement between coders: Cohen's kappa (two coders), Krippendorff's alpha (any number).

Pure Python: the review UI computes these live. Uncoded segments are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import permutations


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two aligned label sequences; None when undefined (no items)."""
    if len(first) != len(second):
        raise ValueError("the two codings must have the same length")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    left, right = Counter(first), Counter(second)
    expected = sum(left[label] * right[label] for label in left) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def krippendorff_alpha(units: Sequence[Sequence[str]]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit lists the codes it received.

    Units with fewer than two codes are not pairable and are left out.
    """
    coincidences: Counter[tuple[str, str]] = Counter()
    for codes in units:
        m = len(codes)
        if m < 2:
            continue
        for i, j in permutations(range(m), 2):
            coincidences[(codes[i], codes[j])] += 1.0 / (m - 1)
    n = sum(coincidences.values())
    if n <= 1:
        return None
    totals: Counter[str] = Counter()
    for (c, _k), value in coincidences.items():
        totals[c] += value
    disagreement_observed = sum(v for (c, k), v in coincidences.items() if c != k)
    disagreement_expected = sum(totals[c] * totals[k] for c in totals for k in totals
                                if c != k) / (n - 1)
    if disagreement_expected == 0:
        return 1.0 if disagreement_observed == 0 else 0.0
    return 1.0 - disagreement_observed / disagreement_expected


@dataclass(frozen=True)
class Agreement:
    """Agreement over the segments coded by at least two of the coders compared."""

    coders: tuple[str, ...]
    segments: int            # segments coded by at least two coders
    overall: float | None    # kappa for two coders, alpha for more
    method: str              # "kappa" or "alpha"
    per_code: dict[str, float | None]
    disagreements: int


def agreement(codes: Mapping[str, Mapping[int, str]], labels: Sequence[str]) -> Agreement:
    """Overall and per-code agreement of coders (coder -> segment -> code)."""
    coders = tuple(sorted(codes))
    segments = sorted({s for per in codes.values() for s in per})
    units = {s: [codes[c][s] for c in coders if s in codes[c]] for s in segments}
    units = {s: u for s, u in units.items() if len(u) >= 2}
    disagreements = sum(len(set(u)) > 1 for u in units.values())
    if len(coders) == 2:
        a, b = coders
        shared = [s for s in units]
        overall = cohen_kappa([codes[a][s] for s in shared], [codes[b][s] for s in shared])
        per_code = {label: cohen_kappa([codes[a][s] == label for s in shared],
                                       [codes[b][s] == label for s in shared])
                    for label in labels}
        method = "kappa"
    else:
        overall = krippendorff_alpha(list(units.values()))
        per_code = {label: krippendorff_alpha([[c == label for c in u] for u in units.values()])
                    for label in labels}
        method = "alpha"
    return Agreement(coders, len(units), overall, method, per_code, disagreements)
