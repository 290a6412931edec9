"""Saving and loading models: skops only, trusted types only; reproducible training."""

import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from interviewlens.classify.features import DISABLED_COMPONENTS, featurize
from interviewlens.classify.model import ModelConfig, load_model, save_model
from interviewlens.classify.training import load_training_corpus, train
from interviewlens.errors import InputError, InterviewLensError
from interviewlens.nlp.loading import load_french
from tests.conftest import REPO

FAST = ModelConfig(calibrate=False)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """300 statements of the real training corpus, balanced by code."""
    corpus = load_training_corpus(REPO / "corpora" / "swot-train")
    sample = corpus.groupby("label").sample(30, random_state=1)
    folder = tmp_path_factory.mktemp("corpus")
    sample[["text", "label", "question"]].to_csv(folder / "sample.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def nlp():
    return load_french("fr_core_news_sm", DISABLED_COMPONENTS)


def test_training_is_reproducible_and_the_model_round_trips(small_corpus, nlp, tmp_path):
    corpus = load_training_corpus(small_corpus)
    features = featurize(corpus.text.tolist(), nlp, questions=corpus.question.tolist())
    first = train(corpus, features, FAST)
    second = train(load_training_corpus(small_corpus), features.copy(), FAST)
    assert first.version == second.version
    assert np.allclose(first.predict_proba(features), second.predict_proba(features))
    save_model(first, tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    assert loaded.version == first.version
    probs = loaded.predict_proba(features)
    assert np.allclose(probs, first.predict_proba(features))
    assert np.allclose(probs.sum(axis=1), 1)


def test_a_model_with_an_untrusted_type_is_refused(tmp_path):
    import skops.io as sio
    from sklearn.svm import SVC

    folder = tmp_path / "foreign"
    folder.mkdir()
    sio.dump({"kind": "five-way", "five-way": SVC()}, folder / "model.skops")
    (folder / "model.json").write_text("{}")
    with pytest.raises(InterviewLensError, match="refused, it contains types that are not trusted"):
        load_model(folder)


def test_a_pickle_renamed_as_a_model_is_refused(tmp_path):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "model.skops").write_bytes(pickle.dumps({"kind": "five-way"}))
    with pytest.raises(InterviewLensError, match="not a readable skops model"):
        load_model(folder)


def test_training_corpus_errors_are_located(tmp_path):
    pd.DataFrame({"text": ["bien"], "label": ["menace"]}).to_csv(tmp_path / "x.csv", index=False)
    with pytest.raises(InputError) as caught:
        load_training_corpus(tmp_path)
    assert "unknown label 'menace'" in str(caught.value) and caught.value.line == 2


def test_features_mark_negation_scope_and_the_main_clause(nlp):
    frame = featurize(["il n'y a aucune salle pour les associations mais on se débrouille"], nlp,
                      questions=["qu'est-ce qui manque ?"])
    assert "NEG_salle" in frame.lemmas[0]
    assert frame["tail"][0].split()[0] == "on"  # after "mais"
    assert frame["question"][0].startswith("Q_")
    conditional = featurize(["on pourrait aller chercher des fonds européens"], nlp)
    assert conditional["m_cond"][0] >= 1 and conditional["m_modal_pouvoir"][0] == 1


def test_context_features_read_the_neighbours_of_the_same_turn(nlp):
    texts = ["le festival c'est", "vraiment ce qui fait vivre le village", "oui oui"]
    frame = featurize(texts, nlp, context=[("", texts[1]), (texts[0], ""), ("", "")])
    assert frame.context[0].split()[0] == "A_vraiment"
    assert all(w.startswith("B_") for w in frame.context[1].split())
    assert frame.context[2] == ""
    assert list(frame.m_before_known) == [0.0, 1.0, 0.0]
    assert list(frame.m_after_known) == [1.0, 0.0, 0.0]
    # The neighbours' counts are theirs: the second text has no conditional, its features
    # do not change with context; only the context columns do.
    alone = featurize([texts[1]], nlp)
    assert frame.lemmas[1] == alone.lemmas[0]


def test_a_context_model_round_trips_and_uses_the_context(small_corpus, nlp, tmp_path):
    from dataclasses import replace

    corpus = load_training_corpus(small_corpus)
    before = ["on manque de bénévoles"] * len(corpus)
    features = featurize(corpus.text.tolist(), nlp, questions=corpus.question.tolist(),
                         context=list(zip(before, [""] * len(corpus), strict=True)))
    config = replace(FAST, use_context=True, context_words=True)
    model = train(corpus, features, config)
    save_model(model, tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    assert loaded.config.use_context and loaded.config.context_words
    assert np.allclose(loaded.predict_proba(features), model.predict_proba(features))
    columns = loaded.estimators["five-way"].named_steps["features"]
    assert "context" in columns.named_transformers_
    numeric = next(cols for name, _t, cols in columns.transformers_ if name == "numeric")
    assert any(c.startswith("m_before_") for c in numeric)


def test_hesitations_and_repetitions_are_left_out_of_the_lexical_features(nlp):
    from interviewlens.classify.features import speech_text

    assert speech_text("donc euh oui on est pas mal on est pas mal hein") == \
        "donc oui on est pas mal hein"
    assert speech_text("c'est c'est le le centre") == "c'est le centre"
    assert speech_text("l'homme et l'homme") == "l'homme et l'homme"  # not adjacent
    frame = featurize(["ben euh c'est c'est dommage quoi"], nlp)
    assert frame.lemmas[0].split().count("dommage") == 1
    assert "euh" not in frame.lemmas[0].split() and "ben" not in frame.lemmas[0].split()
    assert frame["m_filler"][0] >= 2  # still counted


def test_hashed_text_keeps_only_buckets_seen_in_two_training_texts():
    from interviewlens.classify.model import MIN_DF, fit_model

    texts = ["alpha beta", "alpha gamma", "alpha beta delta", "epsilon"] * 3 + ["zeta unique"]
    frame = pd.DataFrame({"text": texts, "lemmas": texts, "tail": texts,
                          "question": ["Q_NONE"] * len(texts), "m_n": [1.0] * len(texts)})
    labels = pd.Series(["force", "aucun"] * 6 + ["aucun"])
    model = fit_model(frame, labels, FAST)
    lemmas = model.estimators["five-way"].named_steps["features"].named_transformers_["lemmas"]
    kept = lemmas.named_steps["kept"].get_support()
    hashed = lemmas.named_steps["hash"].transform(["zeta unique", "alpha"])
    assert MIN_DF == 2
    assert not kept[hashed[0].indices].any()  # seen once: dropped
    assert kept[hashed[1].indices].all()
    question = model.estimators["five-way"].named_steps["features"].named_transformers_["question"]
    assert question.named_steps["kept"].get_support().sum() == 1  # Q_NONE, in every text


def test_the_shipped_model_holds_only_trusted_types_and_no_vocabulary():
    import zipfile

    from interviewlens.classify.model import TRUSTED_TYPES, types_in_file

    path = REPO / "models" / "swot-base" / "model.skops"
    present = types_in_file(path)
    assert present <= set(TRUSTED_TYPES)
    assert "sklearn.feature_extraction.text.HashingVectorizer" in present
    assert "sklearn.feature_extraction.text.TfidfVectorizer" not in TRUSTED_TYPES
    with zipfile.ZipFile(path) as archive:  # a 46 MB vocabulary schema made loading take ~17 s
        assert archive.getinfo("schema.json").file_size < 5_000_000
