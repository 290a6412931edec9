"""Comparing the three demo communes finds the profiles they were written with
(corpora/demo/README.md): Plouvénec rich associative life but no staff, Valmesnil-sur-Risle a
fading twinning with Germany, Villebrenne-sur-Cher political will for Senegal but no network.
"""

from __future__ import annotations

import numpy as np

from interviewlens.compare import compare_projects
from interviewlens.compare.stats import specificities

PLOUVENEC, VALMESNIL, VILLEBRENNE = "Plouvénec", "Valmesnil-sur-Risle", "Villebrenne-sur-Cher"


def top_words(keyness, group, n=15, label=None):
    rows = keyness[keyness.group == group]
    if label is not None:
        rows = rows[rows.label == label]
    return set(rows.lemma.head(n))


def test_swot_profiles_differ_as_written(demo_comparison):
    c = demo_comparison
    assert c.groups == [PLOUVENEC, VALMESNIL, VILLEBRENNE]
    assert c.profiles.loc[PLOUVENEC, ["force", "faiblesse", "opportunite", "vigilance",
                                      "aucun"]].tolist() == [70, 76, 31, 40, 46]
    assert c.chi2.valid and c.chi2.p_value < 0.001
    np.testing.assert_allclose(c.shares.sum(axis=1), 1.0)
    # Plouvénec's rich associative life: the most forces, far above independence …
    assert c.shares.force.idxmax() == PLOUVENEC
    assert c.residuals.at[PLOUVENEC, "force"] > 1.96
    assert c.residuals.at[PLOUVENEC, "opportunite"] < -1.96
    # … Villebrenne's missing network: the fewest forces; Valmesnil's revival: opportunities.
    assert c.residuals.at[VILLEBRENNE, "force"] < -1.96
    assert c.residuals.at[VALMESNIL, "opportunite"] > 1.96


def test_distinctive_vocabulary_names_each_profile(demo_comparison):
    k = demo_comparison.keyness
    assert {"festival", "bagad", "association", "dossier"} <= top_words(k, PLOUVENEC)
    assert {"jumelage", "allemand", "oberwaldstetten", "franco-allemand"} <= top_words(k, VALMESNIL)
    assert {"sénégal", "coopération", "thiobène"} <= top_words(k, VILLEBRENNE)
    assert (k.g2 >= 3.84).all() and (k.frequency >= 3).all()
    # Names of communes and people are not vocabulary.
    assert not {"plouvénec", "valmesnil", "villebrenne", "deschamps", "moulin"} & set(k.lemma)


def test_vocabulary_within_each_code(demo_comparison):
    k = demo_comparison.swot_keyness
    assert {"festival", "bagad"} <= top_words(k, PLOUVENEC, 10, "force")
    assert "jumelage" in top_words(k, VALMESNIL, 10, "faiblesse")       # the fading twinning
    assert {"habitant", "associatif"} <= top_words(k, VILLEBRENNE, 10, "faiblesse")  # no network
    assert {"sénégal", "thiobène"} <= top_words(k, VILLEBRENNE, 10, "opportunite")
    assert {"apprenti", "oberwaldstetten"} <= top_words(k, VALMESNIL, 10, "opportunite")


def test_joint_topics_are_comparable_across_communes(demo_comparison):
    c = demo_comparison
    counts = c.topic_counts
    assert list(counts.columns) == c.groups
    assert counts.to_numpy().sum() == len(c._themes.assignment) > 800
    assert set(c.segments.loc[c._themes.assignment.index, "group"]) == set(c.groups)
    np.testing.assert_allclose(c.topic_prevalence.sum(axis=0), 1.0)
    np.testing.assert_allclose(c.specificities.to_numpy(), specificities(counts.to_numpy()))

    def leader(word: str) -> str:
        topic = next(t for t, row in c.topics.iterrows() if word in row["words"].split(", "))
        return c.specificities.loc[topic].idxmax()

    assert leader("festival") == PLOUVENEC
    assert leader("allemand") == VALMESNIL
    assert set(c.topics.status) <= {"partagé par tous", "diffus"} | {
        s for s in c.topics.status if s.startswith(("spécifique à", "partagé, surtout", "surtout"))}
    swot = c.topic_swot
    assert set(swot.label) == {"force", "faiblesse", "opportunite", "vigilance"}
    assert swot.segments.sum() == c.segments.loc[c._themes.assignment.index].label.isin(
        ["force", "faiblesse", "opportunite", "vigilance"]).sum()


def test_separate_project_files_compare_like_one(demo_split, demo_comparison):
    c = compare_projects(demo_split, by="commune")
    assert c.groups == [PLOUVENEC, VALMESNIL, VILLEBRENNE]
    assert [p.name for p in c.projects] == ["plouvenec", "valmesnil", "villebrenne"]
    assert c.missing == {}
    # Without the questionnaire, the interviews alone keep the same signature.
    assert c.shares.force.idxmax() == PLOUVENEC
    assert c.residuals.at[PLOUVENEC, "force"] > 1.96
    assert c.residuals.at[VILLEBRENNE, "force"] < -1.96
    assert {"festival", "bagad"} <= top_words(c.keyness, PLOUVENEC)
    assert {"jumelage", "allemand"} <= top_words(c.keyness, VALMESNIL)
    assert "sénégal" in top_words(c.keyness, VILLEBRENNE)
    # One topic model over the three files: every project's segments are in it.
    assigned = c.segments.loc[c._themes.assignment.index]
    assert set(assigned.project) == {"plouvenec", "valmesnil", "villebrenne"}


def test_compare_by_actor_type(demo_coded):
    c = compare_projects(demo_coded, by="actor_type", embedding="lsa", n_topics=6)
    assert c.groups == ["agent", "associatif", "économique", "éducatif", "élu", "habitant",
                        "technicien"]
    assert c.profiles.total.sum() == 885  # every demo interviewee has an actor type
    assert len(c.topics) == 6 and list(c.specificities.columns) == c.groups
    assert {"élève", "école", "classe"} <= top_words(c.keyness, "éducatif", 10)
    assert {"boulangerie", "pain"} <= top_words(c.keyness, "économique", 10)
    assert c.details["embedding"] == "lsa"


def test_include_aucun_tests_five_codes(demo_coded):
    c = compare_projects(demo_coded, include_aucun=True, embedding="lsa", n_topics=3)
    assert list(c.residuals.columns) == ["force", "faiblesse", "opportunite", "vigilance", "aucun"]
    assert c.chi2.dof == 8 and c.chi2.n == 885
