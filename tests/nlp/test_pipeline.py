"""The spaCy stage on a few sentences (fr_core_news_sm, the fast model)."""

import pytest

from interviewlens.nlp.pipeline import analysis_nlp, annotate, pipeline_key


@pytest.fixture(scope="module")
def nlp():
    return analysis_nlp("fr_core_news_sm")


def entities(nlp, text):
    (annotation,) = annotate([text], nlp)
    return {(e.text, e.label, e.kind) for e in annotation.entities}


def test_parser_is_off_and_the_ruler_runs_before_the_ner(nlp):
    names = nlp.pipe_names
    assert "parser" not in names and "morphologizer" in names and "lemmatizer" in names
    assert names.index("interviewlens_actors") < names.index("ner")
    assert pipeline_key(nlp).startswith("fr_core_news_sm@3.8")


def test_local_government_and_civil_society_vocabulary(nlp):
    found = entities(nlp, "Le conseil municipal a rencontré le comité de jumelage, la communauté"
                          " de communes et l'association Kenavo, puis l'école des Genêts.")
    assert ("conseil municipal", "ACTOR", "institution") in found
    assert ("comité de jumelage", "ACTOR", "association") in found
    assert ("communauté de communes", "ACTOR", "institution") in found
    assert ("association Kenavo", "ACTOR", "association") in found
    assert ("école des Genêts", "ACTOR", "education") in found


def test_unaccented_plural_and_acronym_variants(nlp):
    found = entities(nlp, "les communautes de communes et les colleges avec l'OFAJ")
    assert {e[0] for e in found} >= {"communautes de communes", "colleges", "OFAJ"}


def test_demonyms_point_to_their_country(nlp):
    found = entities(nlp, "une soirée avec les Sénégalais et des musiciens irlandais")
    assert ("Sénégalais", "NAT", "Sénégal") in found and ("irlandais", "NAT", "Irlande") in found


def test_content_words_drop_fillers_stop_words_and_annotations(nlp):
    text = "euh ben du coup en fait le jumelage [rire] hein voilà ouais c'est les jeunes quoi"
    (annotation,) = annotate([text], nlp)
    assert "jumelage" in annotation.content and "jeune" in annotation.content
    for word in ("euh", "ben", "coup", "fait", "rire", "hein", "voilà", "ouais", "quoi", "le"):
        assert word not in annotation.content
    assert len(annotation.tokens) == len(annotation.lemmas) == len(annotation.pos)
    assert annotation.words == sum(p not in ("PUNCT", "SPACE", "SYM") for p in annotation.pos)


def test_empty_and_punctuation_only_texts(nlp):
    annotations = list(annotate(["", "...", "euh"], nlp))
    assert [a.content for a in annotations] == [[], [], []]


def test_role_words_must_be_nouns_and_acronyms_capitals(nlp):
    found = entities(nlp, "j'ai été élu en 2020 et les élus du conseil municipal travaillent avec"
                          " le leader du groupe et le programme LEADER")
    texts = {e[0] for e in found}
    assert "élu" not in texts and "élus" in texts
    assert any("LEADER" in t for t in texts) and not any("leader" in t for t in texts)
