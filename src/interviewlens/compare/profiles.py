"""SWOT profiles: counts and shares of each code per group, χ² test and residuals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from interviewlens.compare.stats import ChiSquare, chi_square
from interviewlens.domain import Label

if TYPE_CHECKING:
    import pandas as pd

SWOT = [Label.FORCE, Label.FAIBLESSE, Label.OPPORTUNITE, Label.VIGILANCE]
ALL_LABELS = [*SWOT, Label.AUCUN]


@dataclass(slots=True)
class Profiles:
    counts: pd.DataFrame        # group × five codes, plus total, uncoded, human, validated
    shares: pd.DataFrame        # group × tested codes, rows sum to 1
    expected: pd.DataFrame      # group × tested codes, under independence
    standardized: pd.DataFrame  # Pearson residuals
    residuals: pd.DataFrame     # adjusted residuals (~ N(0, 1)): |r| > 1.96 is notable
    chi2: ChiSquare
    notes: list[str] = field(default_factory=list)


def swot_profiles(segments: pd.DataFrame, groups: list[str], *,
                  include_aucun: bool = False) -> Profiles | None:
    """Profiles of the coded segments; None when no segment carries a code."""
    import pandas as pd

    coded = segments[segments.label.notna()]
    if coded.empty:
        return None
    labels = [label.value for label in (ALL_LABELS if include_aucun else SWOT)]
    counts = pd.crosstab(coded.group, coded.label).reindex(
        index=groups, columns=[label.value for label in ALL_LABELS], fill_value=0)
    counts["total"] = counts.sum(axis=1)
    by_group = segments.groupby("group")
    counts["non_codés"] = (by_group.label.apply(lambda s: int(s.isna().sum()))
                           .reindex(groups, fill_value=0))
    counts["humains"] = (by_group.source.apply(lambda s: int((s == "human").sum()))
                         .reindex(groups, fill_value=0))
    counts["validés"] = (by_group.validated.apply(lambda s: int((s == 1).sum()))
                         .reindex(groups, fill_value=0))
    tested = counts[labels]
    result = chi_square(tested.to_numpy())
    totals = tested.sum(axis=1).replace(0, float("nan"))
    shares = tested.div(totals, axis=0).fillna(0.0)

    def frame(values) -> pd.DataFrame:
        return pd.DataFrame(values, index=tested.index, columns=labels)

    notes = []
    uncoded = int(counts["non_codés"].sum())
    if uncoded:
        notes.append(f"{uncoded} segments sans code ne comptent pas dans les profils "
                     "(lancez `interviewlens classify` pour les coder)")
    model_only = int(counts.total.sum() - counts["humains"].sum())
    coded_total = int(counts.total.sum())
    if model_only == coded_total:
        notes.append(f"tous les codes ({_fr(coded_total)}) sont des suggestions du modèle, non "
                     "relues par un humain : lisez les profils comme une première approche")
    elif model_only:
        notes.append(f"{_fr(model_only)} des {_fr(coded_total)} codes sont des suggestions du "
                     "modèle, non relues par un humain")
    return Profiles(counts, shares, frame(result.expected), frame(result.standardized),
                    frame(result.adjusted), result, notes)


def _fr(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")
