"""Distinctive vocabulary: Dunning's log-likelihood (G²) of each content lemma in a group
against all the other groups together (keyness), on the content lemmas stored by `analyse`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewlens.compare.profiles import SWOT
from interviewlens.compare.stats import log_likelihood, log_ratio

if TYPE_CHECKING:
    import pandas as pd

MIN_FREQUENCY = 3   # occurrences in the group
MIN_G2 = 3.84       # p < .05 (χ², 1 dof)
COLUMNS = ["group", "lemma", "frequency", "frequency_rest", "per_10k", "per_10k_rest",
           "g2", "p_value", "log_ratio", "interviews"]


def keyness(segments: pd.DataFrame, groups: list[str], name_words: frozenset[str], *,
            min_frequency: int = MIN_FREQUENCY, min_g2: float = MIN_G2) -> pd.DataFrame:
    """Over-represented lemmas of each group vs the rest, by decreasing G².

    `interviews` counts the group's interviews using the lemma: a lemma from one talkative
    interviewee reads differently from one every interviewee uses.
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import chi2

    tokens = segments[["group", "interview_key", "content"]].explode("content")
    tokens = tokens[tokens.content.notna() & ~tokens.content.isin(name_words)]
    if tokens.empty or len(groups) < 2:
        return pd.DataFrame(columns=COLUMNS)
    table = pd.crosstab(tokens.content, tokens.group).reindex(columns=groups, fill_value=0)
    spread = tokens.drop_duplicates().groupby(["group", "content"]).size()
    sizes = table.sum(axis=0)
    total = float(sizes.sum())
    totals = table.sum(axis=1).to_numpy()
    out = []
    for group in groups:
        a = table[group].to_numpy()
        b = totals - a
        c = float(sizes[group])
        d = total - c
        if c == 0 or d == 0:
            continue
        g2 = log_likelihood(a, b, c, d)
        keep = (a >= min_frequency) & (g2 >= min_g2)
        if not keep.any():
            continue
        lemmas = table.index[keep]
        frame = pd.DataFrame({
            "group": group, "lemma": lemmas, "frequency": a[keep], "frequency_rest": b[keep],
            "per_10k": a[keep] / c * 1e4, "per_10k_rest": b[keep] / d * 1e4, "g2": g2[keep],
            "p_value": chi2.sf(g2[keep], 1), "log_ratio": log_ratio(a[keep], b[keep], c, d),
            "interviews": [int(spread.get((group, w), 0)) for w in lemmas],
        })
        out.append(frame.sort_values(["g2", "lemma"], ascending=[False, True]))
    if not out:
        return pd.DataFrame(columns=COLUMNS)
    result = pd.concat(out, ignore_index=True)
    result["frequency"] = result.frequency.astype(np.int64)
    result["frequency_rest"] = result.frequency_rest.astype(np.int64)
    return result[COLUMNS]


def swot_keyness(segments: pd.DataFrame, groups: list[str], name_words: frozenset[str],
                 **options) -> pd.DataFrame:
    """Keyness within each SWOT code: what a group's forces (weaknesses…) talk about that
    the other groups' forces (weaknesses…) do not."""
    import pandas as pd

    frames = []
    for label in SWOT:
        coded = segments[segments.label == label.value]
        present = [g for g in groups if (coded.group == g).any()]
        if len(present) < 2:
            continue
        frame = keyness(coded, present, name_words, **options)
        frames.append(frame.assign(label=label.value))
    if not frames:
        return pd.DataFrame(columns=["label", *COLUMNS])
    result = pd.concat(frames, ignore_index=True)
    return result[["label", *COLUMNS]]
