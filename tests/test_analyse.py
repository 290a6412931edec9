"""`analyse` and `topics` on real data: the demo corpus (analysed once) and tiny projects.

fr_core_news_sm keeps the suite fast; it has no word vectors, so topics use LSA embeddings
here (the default fr_core_news_md uses its vectors: see bench/).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from interviewlens import open_project
from interviewlens.analyse import AnalyseOptions, analyse_project
from interviewlens.errors import InputError, ProjectError
from interviewlens.ingest.pipeline import IngestOptions, ingest
from interviewlens.nlp.vocabulary import noise_words
from tests.conftest import DEMO, FIXTURES, project_dump

FAST = AnalyseOptions(spacy_model="fr_core_news_sm", seed=3)
TINY = """Q : Et la commune ?
R : Le comité de jumelage avec Oberwaldstetten en Allemagne vieillit beaucoup.
Q : Et les jeunes ?
R : Les jeunes ne viennent plus aux réunions du comité de jumelage, euh, voilà.
Q : Et l'école ?
R : L'école des Genêts fait un échange avec une classe au Sénégal, à Thiobène.
Q : Et la mairie ?
R : La mairie soutient le festival et les bénévoles du festival d'été.
Q : Le budget ?
R : Le budget de la mairie est serré, les subventions de la région baissent.
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("analyse") / "demo.ilens"
    report = ingest(path, [DEMO], IngestOptions(manifest=DEMO / "manifest.yaml"))
    assert not report.errors
    first = analyse_project(path, FAST)
    assert first.annotated == first.segments > 800
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(path)
    try:
        return [tuple(r) for r in db.execute(sql)]
    finally:
        db.close()


def topic_state(path: Path) -> list[tuple]:
    return rows(path, "SELECT number, label, words, size FROM topic ORDER BY number") + rows(
        path, "SELECT segment_id, topic_id, score FROM segment_topic ORDER BY segment_id")


@pytest.fixture
def tiny(tmp_path) -> Path:
    source = tmp_path / "entretien.txt"
    source.write_text(TINY, encoding="utf-8")
    path = tmp_path / "tiny.ilens"
    assert not ingest(path, [source], IngestOptions(commune="Valmesnil-sur-Risle")).errors
    return path


def test_demo_topics_have_clean_words_and_prevalence(demo):
    noise = noise_words()
    topics = rows(demo, "SELECT number, label, words, size FROM topic ORDER BY number")
    assert 8 <= len(topics) <= 30
    words = {w for _, _, ws, _ in topics for w, _ in __import__("json").loads(ws)}
    assert words and not words & noise
    assert not words & {"euh", "ben", "bah", "hein", "voilà", "quoi", "bon", "ouais", "genre"}
    communes = rows(demo, "SELECT value, SUM(share) FROM topic_prevalence"
                          " WHERE dimension = 'commune' GROUP BY value")
    assert len(communes) == 3 and all(abs(total - 1) < 1e-6 for _, total in communes)
    assert {v for (v,) in rows(demo, "SELECT DISTINCT value FROM topic_prevalence"
                                     " WHERE dimension = 'actor_type'")} >= {"elu", "associatif"}


def test_demo_partner_territories(demo):
    places = {name: (country, scope, partner) for name, country, scope, partner in rows(
        demo, "SELECT name, country, scope, partner_candidate FROM place")}
    for country in ("Sénégal", "Allemagne", "Madagascar", "Irlande"):
        assert places[country] == (country, "foreign", 1), country
    assert places["Thiobène"][:2] == ("Sénégal", "foreign")
    assert places["Oberwaldstetten"][:2] == ("Allemagne", "foreign")
    assert not {"Plouvénec", "Valmesnil-sur-Risle", "Villebrenne-sur-Cher"} & set(places)
    mentions = rows(demo, "SELECT s.text FROM place_mention m JOIN place p ON p.id = m.place_id"
                          " JOIN segment s ON s.id = m.segment_id WHERE p.name = 'Thiobène'")
    assert mentions and all("Thiob" in text for (text,) in mentions)


def test_demo_actors_merge_variants_and_form_a_graph(demo):
    actors = {key: (mentions, communes, speakers, variants) for key, mentions, communes,
              speakers, variants in rows(demo, "SELECT key, mentions, communes, speakers,"
                                                 " variants FROM actor")}
    assert actors["mairie"][1] == 3 and actors["mairie"][2] > 5
    assert "comite jumelage" in actors
    merged = [key for key, (*_, variants) in actors.items() if len(eval(variants)) > 1]
    assert len(merged) > 10
    assert not any(key.startswith(("le ", "la ", "les ", "l'")) for key in actors)
    edges = rows(demo, "SELECT weight FROM actor_edge")
    assert len(edges) > 50 and max(w for (w,) in edges) > 3
    detail = rows(demo, "SELECT DISTINCT commune FROM actor_mention_detail WHERE actor = 'mairie'")
    assert len(detail) == 3


def test_rerun_is_deterministic_keeps_decisions_and_follows_new_ingestion(demo):
    with open_project(demo) as project:
        segment = int(project.segments().segment_id.iloc[0])
        project.add_decision(segment, "force", source="human", coder="lea")
    decisions = project_dump(demo).count("INSERT INTO \"decision\"")
    before = topic_state(demo)
    again = analyse_project(demo, FAST)
    assert again.annotated == 0
    assert topic_state(demo) == before
    extra = ingest(demo, [FIXTURES / "ingest" / "qr_timestamps.txt"],
                   IngestOptions(commune="Plouvénec"))
    assert not extra.errors
    grown = analyse_project(demo, FAST)
    assert grown.annotated > 0 and grown.segments == again.segments + grown.annotated
    covered = rows(demo, "SELECT COUNT(*) FROM segment_nlp")[0][0]
    assert covered == grown.segments
    assert project_dump(demo).count("INSERT INTO \"decision\"") == decisions
    assert rows(demo, "SELECT label, coder FROM decision") == [("force", "lea")]
    runs = rows(demo, "SELECT status FROM analysis_run ORDER BY id")
    assert runs == [("done",)] * 3


def test_tiny_project_with_a_grid_and_the_cli_functions(tiny, tmp_path, capsys):
    from interviewlens.cli_analyse import run_analyse, run_topics

    grid = tmp_path / "grille.txt"
    grid.write_text("Jumelage : comité, Allemagne\nÉcole : classe, échange\n", encoding="utf-8")
    assert run_analyse(tiny, spacy_model="fr_core_news_sm", embedding_model=None, grid=grid,
                       seed=0, n_topics=2) == 0
    out = capsys.readouterr().out
    assert "Topics" in out and "Actors" in out and "Sénégal" in out
    themes = rows(tiny, "SELECT grid_theme FROM topic WHERE grid_theme IS NOT NULL")
    assert themes
    assert run_topics(tiny, evaluate=True) == 0
    out = capsys.readouterr().out
    assert "bertopic" in out and "nmf" in out and "NPMI" in out
    models = rows(tiny, "SELECT model, n_topics FROM topic_evaluation ORDER BY model")
    assert [m for m, _ in models] == ["bertopic", "nmf"]


def test_user_errors_are_one_clear_line(tiny, tmp_path):
    with pytest.raises(ProjectError, match="no such project"):
        analyse_project(tmp_path / "absent.ilens", FAST)
    with pytest.raises(InputError, match="no such grid file"):
        analyse_project(tiny, AnalyseOptions(grid=tmp_path / "absent.txt"))
    with pytest.raises(InputError, match="no such model folder"):
        analyse_project(tiny, AnalyseOptions(embedding_model=tmp_path / "no-model"))
    with pytest.raises(InputError, match="at least 1"):
        analyse_project(tiny, AnalyseOptions(n_topics=0))
    from interviewlens.cli_analyse import run_topics

    with pytest.raises(ProjectError, match="no topics yet"):
        run_topics(tiny, evaluate=False)
    empty = tmp_path / "empty.ilens"
    from interviewlens.store import create_project

    create_project(empty).close()
    with pytest.raises(ProjectError, match="no interviewee segment"):
        analyse_project(empty, FAST)


def test_embedding_model_from_a_local_folder(tiny, tmp_path):
    from tests.topics.test_embeddings import tiny_sentence_model

    model = tiny_sentence_model(tmp_path)
    report = analyse_project(tiny, AnalyseOptions(spacy_model="fr_core_news_sm",
                                                  embedding_model=model, n_topics=2))
    assert report.embedding == "sentence-transformers:st" and len(report.topics) == 2
    assert rows(tiny, "SELECT embedding FROM analysis_run")[0][0].endswith("st")
