"""`compare_projects(paths, by=...)` → `Comparison`: every result as pandas DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from interviewlens.errors import ProjectError

if TYPE_CHECKING:
    import pandas as pd

    from interviewlens.compare.profiles import Profiles
    from interviewlens.compare.sources import Corpus, ProjectStatus
    from interviewlens.compare.stats import ChiSquare
    from interviewlens.compare.themes import Themes


@dataclass(slots=True)
class Comparison:
    """What `compare_projects` found. Sections that could not be computed are None (and an
    entry of `missing` says why); every table is a DataFrame indexed by group or topic."""

    by: str                                   # "commune" or "actor_type"
    groups: list[str]                         # compared communes / actor types, in order
    projects: list[ProjectStatus]
    segments: pd.DataFrame                    # one row per segment: group, label, text, topic…
    profiles: pd.DataFrame | None = None      # group × codes: counts, total, non_codés…
    shares: pd.DataFrame | None = None        # group × SWOT codes: shares (rows sum to 1)
    residuals: pd.DataFrame | None = None     # group × SWOT codes: adjusted residuals
    chi2: ChiSquare | None = None             # statistic, dof, p_value, cramers_v, warnings
    topics: pd.DataFrame | None = None        # topic: label, words, segments, status, over_in
    topic_counts: pd.DataFrame | None = None  # topic × group: segments
    topic_prevalence: pd.DataFrame | None = None  # topic × group: share of group's segments
    specificities: pd.DataFrame | None = None     # topic × group: Lafon specificity
    topic_swot: pd.DataFrame | None = None    # label, topic, group, segments, specificity
    keyness: pd.DataFrame | None = None       # group, lemma, frequency, g2, log_ratio…
    swot_keyness: pd.DataFrame | None = None  # the same within each SWOT code (+ label)
    notes: list[str] = field(default_factory=list)    # French: what was left out and why
    missing: dict[str, str] = field(default_factory=dict)  # section → French reason
    details: dict[str, object] = field(default_factory=dict)  # embedding, clustering, seed…

    @property
    def standardized_residuals(self) -> pd.DataFrame | None:
        return self._profiles.standardized if self._profiles else None

    @property
    def expected(self) -> pd.DataFrame | None:
        return self._profiles.expected if self._profiles else None

    _profiles: Profiles | None = None
    _themes: Themes | None = None


def compare_projects(paths: list[Path | str] | Path | str, by: str = "commune", *,
                     n_topics: int | None = None, seed: int = 0, embedding: str = "auto",
                     include_aucun: bool = False, min_frequency: int = 3) -> Comparison:
    """Compare the communes (or actor types) of one or more project files.

    Computes what the projects allow: SWOT profiles need codes (`classify` or human codes),
    themes and vocabulary need `analyse`; what cannot be computed is named in
    `Comparison.missing`. Raises `ProjectError`/`InputError` (one line) when nothing at all
    can be compared. Read-only: the projects are not modified.
    """
    from interviewlens.compare.profiles import swot_profiles
    from interviewlens.compare.sources import load_corpus
    from interviewlens.compare.themes import joint_topics
    from interviewlens.compare.vocabulary import keyness, swot_keyness

    if isinstance(paths, (str, Path)):
        paths = [paths]
    corpus = load_corpus(list(paths), by)
    groups = corpus.groups
    _check_groups(corpus, groups)
    result = Comparison(by, groups, corpus.projects, corpus.segments, notes=list(corpus.notes))
    _few_interviews(corpus, result)
    names = ", ".join(p.name for p in corpus.projects)
    profiles = swot_profiles(corpus.segments, groups, include_aucun=include_aucun)
    if profiles is None:
        result.missing["profils"] = (f"aucun segment codé ({names}) : lancez `interviewlens "
                                     "classify` ou codez dans `interviewlens review`")
    else:
        result._profiles = profiles
        result.profiles, result.shares = profiles.counts, profiles.shares
        result.residuals, result.chi2 = profiles.residuals, profiles.chi2
        result.notes += profiles.notes
    analysed = corpus.segments[corpus.segments.analysed]
    present = [g for g in groups if g in set(analysed.group)]
    if len(present) < 2:
        reason = (f"aucun segment analysé ({names})" if not present else
                  f"seul {present[0]} a des segments analysés, il n'y a rien à comparer")
        reason += " : lancez `interviewlens analyse` sur chaque projet"
        result.missing["thèmes"] = result.missing["vocabulaire"] = reason
        _unanalysed_projects(corpus, result)
    else:
        _unanalysed_projects(corpus, result)
        absent = [g for g in groups if g not in present]
        if absent:
            result.notes.append(f"{', '.join(absent)} : aucun segment analysé, absent(s) des "
                                "thèmes et du vocabulaire")
        themes = joint_topics(corpus.segments[corpus.segments.analysed], groups,
                              corpus.name_words, n_topics=n_topics, seed=seed,
                              embedding=embedding)
        if themes is None:
            result.missing["thèmes"] = "trop peu de segments avec des mots de contenu"
        else:
            result._themes = themes
            result.topics, result.topic_counts = themes.topics, themes.counts
            result.topic_prevalence, result.specificities = themes.prevalence, themes.specificities
            result.topic_swot = themes.swot if profiles is not None else None
            result.segments = result.segments.assign(
                topic=themes.assignment.reindex(result.segments.index).astype("Int64"))
            result.notes += themes.notes
            result.details.update(embedding=themes.embedding, clustering=themes.clustering)
        options = {"min_frequency": min_frequency}
        result.keyness = keyness(analysed, groups, corpus.name_words, **options)
        if profiles is not None:
            result.swot_keyness = swot_keyness(analysed, groups, corpus.name_words, **options)
    if "profils" in result.missing and "vocabulaire" in result.missing:
        raise ProjectError(f"nothing to compare in {names}: no segment is coded or analysed — "
                           "run `interviewlens analyse` and `interviewlens classify` first")
    result.details.update(seed=seed, n_topics=n_topics, include_aucun=include_aucun)
    return result


def _check_groups(corpus: Corpus, groups: list[str]) -> None:
    what = "commune" if corpus.by == "commune" else "actor type"
    if len(groups) < 2:
        found = groups[0] if groups else "none"
        hint = ("give several projects, or one project holding several communes"
                if corpus.by == "commune" else "give actor_type per speaker in the manifest")
        raise ProjectError(f"only one {what} to compare ({found}) — {hint}")


def _unanalysed_projects(corpus: Corpus, result: Comparison) -> None:
    for status in corpus.projects:
        if status.analysed == 0:
            result.notes.append(f"{status.name} n'est pas analysé : ses segments manquent aux "
                                "thèmes et au vocabulaire (lancez `interviewlens analyse "
                                f"{status.path}`)")
        elif status.analysed < status.segments:
            result.notes.append(f"{status.name} : {status.segments - status.analysed} segments "
                                "ajoutés après l'analyse manquent aux thèmes et au vocabulaire "
                                f"(relancez `interviewlens analyse {status.path}`)")


def _few_interviews(corpus: Corpus, result: Comparison) -> None:
    counts = corpus.segments.groupby("group").interview_key.nunique()
    alone = [g for g in result.groups if counts.get(g, 0) < 2]
    if alone:
        whose = "ses thèmes et son" if len(alone) == 1 else "leurs thèmes et leur"
        result.notes.append(f"un seul entretien pour {', '.join(alone)} : {whose} vocabulaire "
                            "distinctifs reflètent une personne (ou un petit groupe "
                            "d'interlocuteurs) plus qu'un territoire")
