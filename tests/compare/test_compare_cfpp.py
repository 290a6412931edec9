"""CFPP2000 arrondissements as territories (../shared/corpora-real; skipped when absent).

Three small interviews, one per arrondissement, analysed with the small spaCy model and not
classified: the comparison computes themes and vocabulary, says that profiles need codes,
and writes a readable report.
"""

from __future__ import annotations

import re

import pytest

from interviewlens.compare import compare_projects, write_outputs
from interviewlens.ingest.pipeline import IngestOptions, ingest
from tests.conftest import REAL_CORPORA

pytestmark = pytest.mark.realcorpus

FILES = ["Laurence_Leblond_F_43_Stephanie_Zanotti_F_49_7e-1-v2", "Anita_MUSSO_F_46_11e-v2",
         "Mira_F_88_14e-v2"]


def arrondissement(name: str) -> str:
    """CFPP2000 file names end with the arrondissement: `..._13e-v2`, `..._7e-1-v2`."""
    return "Paris " + re.search(r"[_-](\d+)e(?:-\d)?(?:-v2)?$", name).group(1) + "e"


@pytest.fixture(scope="module")
def cfpp_project(tmp_path_factory):
    from interviewlens.analyse import AnalyseOptions, analyse_project

    if not REAL_CORPORA.is_dir():
        pytest.skip("../shared/corpora-real is absent")
    folder = REAL_CORPORA / "cfpp2000_paris"
    path = tmp_path_factory.mktemp("cfpp") / "cfpp.ilens"
    for name in FILES:
        report = ingest(path, [folder / name], IngestOptions(commune=arrondissement(name)))
        assert not report.errors
    analyse_project(path, AnalyseOptions(spacy_model="fr_core_news_sm", n_topics=3))
    return path


def test_arrondissements_compare_without_codes(cfpp_project, tmp_path):
    c = compare_projects(cfpp_project, embedding="lsa", n_topics=8)
    assert c.groups == ["Paris 7e", "Paris 11e", "Paris 14e"]
    assert c.profiles is None and "interviewlens classify" in c.missing["profils"]
    assert len(c.topics) == 8 and list(c.topic_counts.columns) == c.groups
    assert any(note.startswith("un seul entretien pour Paris 7e, Paris 11e, Paris 14e")
               for note in c.notes)
    # Each arrondissement's own streets and places come out as its vocabulary.
    top = {g: set(c.keyness[c.keyness.group == g].lemma.head(40)) for g in c.groups}
    assert "bastille" in top["Paris 11e"] or "roquette" in top["Paris 11e"]
    assert not top["Paris 7e"] & top["Paris 11e"]
    files = write_outputs(c, tmp_path / "out", formats=("md", "csv"))
    report = (tmp_path / "out" / "rapport-comparaison.md").read_text(encoding="utf-8")
    assert "3 communes comparées (Paris 7e, Paris 11e, Paris 14e)" in report
    assert "Non calculés : aucun segment codé" in report
    assert (tmp_path / "out" / "vocabulaire.csv") in files
    assert not (tmp_path / "out" / "profils.csv").exists()
